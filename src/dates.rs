//! Dates as documents give them: a year (`2021`), a month (`2021-12`) or a day (`2021-12-03`),
//! compared at the precision both have, never guessed past it.

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
}
