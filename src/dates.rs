//! Dates as documents give them: a year (`2021`), a month (`2021-12`) or a day (`2021-12-03`),
//! compared at the precision both have, never guessed past it; and read from a line that is only
//! a date (a letter's `Date: 3 December 2021`).

use std::cmp::Ordering;

/// A date to the precision it was given: year, then month and day when known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartialDate {
    pub year: u16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl PartialDate {
    /// Reads `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (anything else is no date).
    pub fn parse(s: &str) -> Option<PartialDate> {
        let mut parts = s.trim().split('-');
        let year: u16 = parts.next().filter(|y| y.len() == 4)?.parse().ok()?;
        let month: Option<u8> = match parts.next() {
            Some(m) => Some(m.parse().ok().filter(|m| (1..=12).contains(m))?),
            None => None,
        };
        let day: Option<u8> = match parts.next() {
            Some(d) => Some(d.parse().ok().filter(|d| (1..=31).contains(d))?),
            None => None,
        };
        if parts.next().is_some() || (day.is_some() && month.is_none()) {
            return None;
        }
        Some(PartialDate { year, month, day })
    }
}

/// The months' names, in order.
pub(crate) const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The date a line that is only a date gives (`3 December 2021`, `Date: 3rd December 2021`,
/// `December 2021`), as `YYYY-MM-DD` or `YYYY-MM`; a date inside a sentence is no date here.
pub fn written(line: &str) -> Option<String> {
    let line = line.trim();
    let lower = line.to_lowercase();
    let rest = ["date:", "dated:", "dated"].iter().find_map(|p| lower.strip_prefix(p)).unwrap_or(&lower);
    let words: Vec<&str> = rest.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).collect();
    let month = |w: &str| MONTHS.iter().position(|m| *m == w || (w.len() == 3 && m.starts_with(w))).map(|i| i + 1);
    let year = |w: &str| w.parse::<u16>().ok().filter(|y| (1900..=2999).contains(y) && w.len() == 4);
    let day = |w: &str| {
        let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        digits.parse::<u8>().ok().filter(|d| (1..=31).contains(d) && digits.len() <= 2)
    };
    match words.as_slice() {
        [d, m, y] => Some(format!("{:04}-{:02}-{:02}", year(y)?, month(m)?, day(d)?)),
        [m, y] => Some(format!("{:04}-{:02}", year(y)?, month(m)?)),
        _ => None,
    }
}

/// How two dates compare at the precision both have: `2021-11` is before `2021-12-03`, while
/// `2021` and `2021-12` are the same period. `None` when either is missing or not a date.
pub fn compare(a: Option<&str>, b: Option<&str>) -> Option<Ordering> {
    let (a, b) = (PartialDate::parse(a?)?, PartialDate::parse(b?)?);
    let by_year = a.year.cmp(&b.year);
    let by_month = match (a.month, b.month) {
        (Some(x), Some(y)) => x.cmp(&y),
        _ => Ordering::Equal,
    };
    let by_day = match (a.day, b.day) {
        (Some(x), Some(y)) => x.cmp(&y),
        _ => Ordering::Equal,
    };
    Some(by_year.then(by_month).then(by_day))
}

/// Which of two dated things came first, in words a reader can check.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum First {
    /// The first side is earlier.
    A,
    /// The second side is earlier.
    B,
    /// The same period at the precision both have.
    Same,
    /// One side or both undated: the order is not known.
    Undated,
}

/// Which of two dates came first.
pub fn first(a: Option<&str>, b: Option<&str>) -> First {
    match compare(a, b) {
        Some(Ordering::Less) => First::A,
        Some(Ordering::Greater) => First::B,
        Some(Ordering::Equal) => First::Same,
        None => First::Undated,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_compare_at_the_precision_both_have() {
        assert_eq!(compare(Some("2021-11"), Some("2021-12-03")), Some(Ordering::Less));
        assert_eq!(compare(Some("2021"), Some("2021-12")), Some(Ordering::Equal));
        assert_eq!(compare(Some("2021-12-03"), Some("2021-02-01")), Some(Ordering::Greater));
        assert_eq!(compare(Some("2020"), Some("2021-01-01")), Some(Ordering::Less));
        assert_eq!(compare(None, Some("2021")), None);
        assert_eq!(compare(Some("December 2021"), Some("2021")), None, "not a date: not guessed");
        assert_eq!(PartialDate::parse("2021-13"), None);
        assert_eq!(first(Some("2021-02"), Some("2021-12-03")), First::A);
        assert_eq!(first(Some("2021-12-03"), None), First::Undated);
    }

    #[test]
    fn a_line_that_is_a_date_is_read() {
        assert_eq!(written("Date: 3 December 2021").as_deref(), Some("2021-12-03"));
        assert_eq!(written(" 24th Feb, 2021 ").as_deref(), Some("2021-02-24"));
        assert_eq!(written("December 2021").as_deref(), Some("2021-12"));
        assert_eq!(written("Follow up to our report – December 2021"), None);
        assert_eq!(written("32 December 2021"), None);
        assert_eq!(written("May the force"), None);
    }
}
