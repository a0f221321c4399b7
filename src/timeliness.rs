//! Timeliness: when each body answered a report, how many days after its publication, and
//! whether within the report's deadline, comparing dates at the precision both have (a response
//! dated only `2021-12` is late only if the whole of December is past the deadline).

use serde::{Deserialize, Serialize};

use crate::dates::PartialDate;
use crate::model::{Deadline, Document, Recommendations};

/// A period after publication, as a deadline gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub amount: u32,
    pub unit: Unit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Days,
    Weeks,
    Months,
    Years,
}

const NUMBER_WORDS: [&str; 12] =
    ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];

impl Period {
    /// Reads "six months", "6 months", "56 days", "8 weeks", "1 year" (case aside).
    pub fn parse(s: &str) -> Result<Period, String> {
        let lower = s.trim().to_lowercase();
        let words: Vec<&str> = lower.split_whitespace().collect();
        let bad = || format!("'{s}' is not a period (such as \"six months\" or \"56 days\")");
        let [amount, unit] = words.as_slice() else { return Err(bad()) };
        let amount: u32 = match amount.parse() {
            Ok(n) => n,
            Err(_) => NUMBER_WORDS.iter().position(|w| w == amount).map(|i| i as u32 + 1).ok_or_else(bad)?,
        };
        let unit = match unit.trim_end_matches('s') {
            "day" => Unit::Days,
            "week" => Unit::Weeks,
            "month" => Unit::Months,
            "year" => Unit::Years,
            _ => return Err(bad()),
        };
        if amount == 0 || amount > 3660 {
            return Err(bad());
        }
        Ok(Period { amount, unit })
    }

    /// The day this period after `day` falls on; a month with fewer days ends the count on its
    /// last day (31 August and six months: 28 or 29 February).
    pub fn after(self, day: i64) -> i64 {
        let months = match self.unit {
            Unit::Days => return day + i64::from(self.amount),
            Unit::Weeks => return day + 7 * i64::from(self.amount),
            Unit::Months => self.amount as i64,
            Unit::Years => 12 * self.amount as i64,
        };
        let (y, m, d) = civil(day);
        let index = y * 12 + (m as i64 - 1) + months;
        let (y, m) = (index.div_euclid(12), index.rem_euclid(12) as u32 + 1);
        day_number(y, m, d.min(month_days(y, m)))
    }
}

/// Days since 1970-01-01 of a calendar day (proleptic Gregorian).
pub fn day_number(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The calendar day of a day number.
fn civil(day: i64) -> (i64, u32, u32) {
    let z = day + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { yoe + era * 400 + 1 } else { yoe + era * 400 }, m, d)
}

fn month_days(y: i64, m: u32) -> u32 {
    let next = if m == 12 { day_number(y + 1, 1, 1) } else { day_number(y, m + 1, 1) };
    (next - day_number(y, m, 1)) as u32
}

/// The first and last day a date given to some precision may be.
pub fn span(date: &str) -> Option<(i64, i64)> {
    let p = PartialDate::parse(date)?;
    let y = i64::from(p.year);
    Some(match (p.month, p.day) {
        (Some(m), Some(d)) if u32::from(d) <= month_days(y, m.into()) => {
            let n = day_number(y, m.into(), d.into());
            (n, n)
        }
        (Some(_), Some(_)) => return None,
        (Some(m), None) => (day_number(y, m.into(), 1), day_number(y, m.into(), month_days(y, m.into()))),
        _ => (day_number(y, 1, 1), day_number(y, 12, 31)),
    })
}

/// The calendar date of a day number, `YYYY-MM-DD`.
pub fn iso(day: i64) -> String {
    let (y, m, d) = civil(day);
    format!("{y:04}-{m:02}-{d:02}")
}

/// A number of days known to lie between two bounds (equal when both dates give the day).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Days {
    pub at_least: i64,
    pub at_most: i64,
}

impl Days {
    /// `69`, or `135–165` when the dates allow a range.
    pub fn label(&self) -> String {
        if self.at_least == self.at_most {
            self.at_least.to_string()
        } else {
            format!("{}–{}", self.at_least, self.at_most)
        }
    }
}

/// Whether a body answered in time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Verdict {
    #[serde(rename = "on time")]
    OnTime,
    #[serde(rename = "late")]
    Late,
    #[serde(rename = "cannot tell")]
    CannotTell,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::OnTime => "on time",
            Verdict::Late => "late",
            Verdict::CannotTell => "cannot tell",
        }
    }
}

/// One body's answer to one report, against one deadline (or none).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timeliness {
    pub body: String,
    /// The body's first dated response document to the report (its only one when undated).
    pub doc: Option<String>,
    /// Its date as given; none: undated.
    pub date: Option<String>,
    /// How the date was found when the manifest gives none ("from the text: a line near its top
    /// that is a date", "from the file name"); none: the manifest's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_found: Option<String>,
    /// The report's publication date.
    pub published: Option<String>,
    pub days_after_publication: Option<Days>,
    /// The deadline's period ("six months"), what sets it, and the last day it allows.
    pub within: Option<String>,
    pub set_by: Option<String>,
    pub due: Option<String>,
    pub verdict: Verdict,
    /// By how many days, when late.
    pub late_by: Option<Days>,
    /// Why it cannot be told, when it cannot.
    pub reason: Option<String>,
}

impl Timeliness {
    /// The last day allowed and what sets it: `2021-06-17 (six months, recommendation 8)`.
    pub fn due_label(&self) -> String {
        match (&self.due, &self.within, &self.set_by) {
            (Some(due), Some(w), Some(by)) => format!("{due} ({w}, {by})"),
            (Some(due), Some(w), None) => format!("{due} ({w})"),
            _ => "-".to_string(),
        }
    }

    /// The date it answered, saying how it was found when the manifest gives none:
    /// `2022-08-30 (from the text)`, or `undated`.
    pub fn date_label(&self) -> String {
        match (&self.date, &self.date_found) {
            (Some(d), Some(how)) => format!("{d} ({})", how.split(':').next().unwrap_or(how)),
            (Some(d), None) => d.clone(),
            (None, _) => "undated".to_string(),
        }
    }

    /// `on time`, `late by 167–197 days`, or `cannot tell (undated)`.
    pub fn label(&self) -> String {
        match (self.verdict, &self.late_by, &self.reason) {
            (Verdict::Late, Some(d), _) => {
                format!("late by {} day{}", d.label(), if d.at_most == 1 { "" } else { "s" })
            }
            (Verdict::CannotTell, _, Some(r)) => format!("cannot tell ({r})"),
            (v, _, _) => v.as_str().to_string(),
        }
    }
}

/// What sets a deadline, in words: "recommendation 8", "Police Act 1996, s.55".
fn set_by(d: &Deadline) -> Option<String> {
    match (&d.basis, d.recommendation) {
        (Some(b), Some(r)) => Some(format!("{b}; recommendation {r}")),
        (Some(b), None) => Some(b.clone()),
        (None, Some(r)) => Some(format!("recommendation {r}")),
        (None, None) => None,
    }
}

/// The deadlines of `report` that bind `body`.
pub fn binding<'a>(report: &'a Recommendations, body: &str) -> Vec<&'a Deadline> {
    let name = body.to_lowercase();
    report
        .deadlines
        .iter()
        .filter(|d| {
            let named: Vec<String> =
                d.bodies.iter().map(|b| b.trim().to_lowercase()).filter(|b| !b.is_empty()).collect();
            named.is_empty() || named.iter().any(|b| contains_word(&name, b))
        })
        .collect()
}

/// Whether `name` holds `part` as whole words ("pcc" in "office of the pcc", not in "pccs").
fn contains_word(name: &str, part: &str) -> bool {
    name.match_indices(part).any(|(i, _)| {
        let before = name[..i].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        let after = name[i + part.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric());
        before && after
    })
}

/// The timeliness of each of `bodies` answering `report`, from `documents` (those answering it,
/// or every document when the corpus answers one report): a row for each deadline that binds a
/// body, or one row with no deadline.
pub fn of_report(
    report: &Recommendations,
    documents: &[Document],
    bodies: &[String],
    one_report: bool,
    found: &Found,
) -> Vec<Timeliness> {
    let mut out = Vec::new();
    for body in bodies {
        let docs: Vec<&Document> = documents
            .iter()
            .filter(|d| !d.reference && (one_report || d.report.as_deref() == Some(report.id())))
            .filter(|d| body_of_document(d) == *body)
            .collect();
        // The manifest's date, else one found in the document.
        let date_of = |d: &Document| match &d.date {
            Some(date) => Some((date.clone(), None)),
            None => found.get(&d.doc).map(|(date, how)| (date.clone(), Some(how.to_string()))),
        };
        // The first dated answer: by its earliest possible day, then its latest.
        let dated = docs
            .iter()
            .filter_map(|d| {
                let (date, how) = date_of(d)?;
                Some((span(&date)?, d, date, how))
            })
            .min_by_key(|(s, ..)| *s);
        let (doc, date, span, how) = match dated {
            Some((s, d, date, how)) => (Some(d.doc.clone()), Some(date), Some(s), how),
            None => (docs.first().map(|d| d.doc.clone()), None, None, None),
        };
        let deadlines = binding(report, body);
        let rows: Vec<Option<&Deadline>> =
            if deadlines.is_empty() { vec![None] } else { deadlines.into_iter().map(Some).collect() };
        for deadline in rows {
            let t = judge(body, doc.clone(), date.clone(), span, report.date.as_deref(), deadline);
            out.push(Timeliness { date_found: how.clone(), ..t });
        }
    }
    out
}

/// Dates found in the documents the manifest leaves undated, with how each was found, by document.
pub type Found = std::collections::HashMap<String, (String, String)>;

/// The body a document is of, as coverage names it.
fn body_of_document(d: &Document) -> String {
    match &d.force {
        Some(f) => f.clone(),
        None => format!("(unattributed: {})", d.doc),
    }
}

/// One body's timeliness against one deadline.
fn judge(
    body: &str,
    doc: Option<String>,
    date: Option<String>,
    answered: Option<(i64, i64)>,
    published: Option<&str>,
    deadline: Option<&Deadline>,
) -> Timeliness {
    let published_span = published.and_then(span);
    let days_after_publication =
        answered.zip(published_span).map(|(a, p)| Days { at_least: a.0 - p.1, at_most: a.1 - p.0 });
    let period = deadline.and_then(|d| Period::parse(&d.within).ok());
    let due = published_span.zip(period).map(|(p, period)| (period.after(p.0), period.after(p.1)));
    let mut t = Timeliness {
        body: body.to_string(),
        doc,
        date,
        date_found: None,
        published: published.map(str::to_string),
        days_after_publication,
        within: deadline.map(|d| d.within.clone()),
        set_by: deadline.and_then(set_by),
        due: due
            .map(|(first, last)| if first == last { iso(first) } else { format!("{} to {}", iso(first), iso(last)) }),
        verdict: Verdict::CannotTell,
        late_by: None,
        reason: None,
    };
    let reason = match (answered, due) {
        (None, _) => "undated",
        (_, None) if deadline.is_none() => "no deadline given",
        (_, None) => "the report's publication date is not given",
        (Some(a), Some(d)) if a.1 <= d.0 => {
            t.verdict = Verdict::OnTime;
            return t;
        }
        (Some(a), Some(d)) if a.0 > d.1 => {
            t.verdict = Verdict::Late;
            t.late_by = Some(Days { at_least: a.0 - d.1, at_most: a.1 - d.0 });
            return t;
        }
        (Some(_), Some(_)) => "its date and the deadline overlap",
    };
    t.reason = Some(reason.to_string());
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_are_read_and_counted_on_the_calendar() {
        let six = Period::parse("six months").unwrap();
        assert_eq!(six, Period { amount: 6, unit: Unit::Months });
        assert_eq!(Period::parse("56 Days"), Ok(Period { amount: 56, unit: Unit::Days }));
        assert!(Period::parse("soon").is_err());
        assert!(Period::parse("0 days").is_err());
        let day = |s: &str| span(s).unwrap().0;
        assert_eq!(iso(six.after(day("2020-12-17"))), "2021-06-17");
        assert_eq!(iso(six.after(day("2021-08-31"))), "2022-02-28");
        assert_eq!(iso(six.after(day("2023-08-31"))), "2024-02-29");
        assert_eq!(iso(Period::parse("56 days").unwrap().after(day("2020-12-17"))), "2021-02-11");
        assert_eq!(span("2021-02"), Some((day("2021-02-01"), day("2021-02-28"))));
        assert_eq!(span("2021-02-30"), None);
        assert_eq!(iso(day_number(1969, 12, 31)), "1969-12-31");
    }

    #[test]
    fn a_month_is_late_only_when_all_of_it_is_past_the_deadline() {
        let d = Deadline { within: "six months".into(), recommendation: Some(8), basis: None, bodies: vec![] };
        let t = |date: &str| judge("B", None, Some(date.into()), span(date), Some("2020-12-17"), Some(&d));
        assert_eq!(t("2021-06").verdict, Verdict::CannotTell, "June straddles 17 June");
        assert_eq!(t("2021-05").verdict, Verdict::OnTime);
        assert_eq!(t("2021-06-17").verdict, Verdict::OnTime, "the last day is in time");
        let late = t("2021-06-18");
        assert_eq!((late.verdict, late.late_by), (Verdict::Late, Some(Days { at_least: 1, at_most: 1 })));
        assert_eq!(late.label(), "late by 1 day");
        assert_eq!(t("2021-12").late_by, Some(Days { at_least: 167, at_most: 197 }));
        assert_eq!(t("2021-12").days_after_publication, Some(Days { at_least: 349, at_most: 379 }));
        let undated = judge("B", None, None, None, Some("2020-12-17"), Some(&d));
        assert_eq!(undated.label(), "cannot tell (undated)");
    }

    #[test]
    fn a_deadline_binds_the_bodies_it_names_by_whole_words() {
        let mut r: Recommendations =
            toml::from_str("[[recommendation]]\nnumber = 1\naddressee = \"\"\ntext = \"\"\n").unwrap();
        r.deadlines = vec![
            Deadline { within: "six months".into(), recommendation: Some(8), basis: None, bodies: vec![] },
            Deadline { within: "56 days".into(), recommendation: None, basis: None, bodies: vec!["PCC".into()] },
        ];
        assert_eq!(binding(&r, "Kent PCC").len(), 2);
        assert_eq!(binding(&r, "Kent Police").len(), 1);
        assert_eq!(binding(&r, "PCCs of Wales").len(), 1);
    }
}
