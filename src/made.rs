//! How a result was made: the echoes version, the command, query and filters, when, and which
//! corpus (its fingerprint: a hash of every file's bytes), so that an export or a report can be
//! reproduced, or told apart from another, months later.

use std::collections::BTreeMap;

use serde::Serialize;

/// What an export or report carries about how it was made.
#[derive(Debug, Clone, Serialize)]
pub struct Made {
    /// The version of echoes (`0.1.0`).
    pub echoes_version: String,
    /// The command that made it (`export`, `search --queries`, `report`).
    pub command: String,
    /// The query (or the queries file), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub query: Option<String>,
    /// The file of queries a batch search ran (each query is given with its counts).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub queries_file: Option<String>,
    /// The values given to each filter (`force`, `rec`, `doc`, `role`, `report`), as given;
    /// empty: none.
    pub filters: BTreeMap<&'static str, Vec<String>>,
    /// When, in UTC (RFC 3339, to the second).
    pub made_at: String,
    pub corpus: CorpusPrint,
}

/// Which corpus a result was made from.
#[derive(Debug, Clone, Serialize)]
pub struct CorpusPrint {
    /// The corpus directory as it was given.
    pub path: String,
    /// A hash of the corpus's files and their manifest entries: the same corpus, the same
    /// fingerprint.
    pub fingerprint: String,
    pub documents: usize,
}

impl Made {
    pub fn new(
        command: &str,
        query: Option<String>,
        filters: BTreeMap<&'static str, Vec<String>>,
        corpus: CorpusPrint,
    ) -> Made {
        Made {
            echoes_version: env!("CARGO_PKG_VERSION").to_string(),
            command: command.to_string(),
            query,
            queries_file: None,
            filters,
            made_at: utc_now(),
            corpus,
        }
    }

    /// The record as lines of `key: value`, for a CSV's leading `#` comments or an HTML footer.
    pub fn lines(&self) -> Vec<String> {
        let mut out = vec![format!("made by: echoes {} {}", self.echoes_version, self.command)];
        if let Some(q) = &self.query {
            out.push(format!("query: {q}"));
        }
        if let Some(f) = &self.queries_file {
            out.push(format!("queries file: {f}"));
        }
        let filters: Vec<String> =
            self.filters.iter().flat_map(|(k, vs)| vs.iter().map(move |v| format!("--{k} {v}"))).collect();
        out.push(format!("filters: {}", if filters.is_empty() { "none".to_string() } else { filters.join(" ") }));
        out.push(format!("made at: {}", self.made_at));
        out.push(format!(
            "corpus: {} ({} documents, fingerprint {})",
            self.corpus.path, self.corpus.documents, self.corpus.fingerprint
        ));
        out
    }
}

/// The comparison's settings as given: `min-words` and `min-score`, `role` when given, and `speech` when compared.
pub fn thresholds(
    min_words: usize,
    min_score: f64,
    roles: &[crate::model::Role],
    speech: bool,
) -> BTreeMap<&'static str, Vec<String>> {
    let mut settings = BTreeMap::new();
    if speech {
        settings.insert("speech", vec!["compared".to_string()]);
    }
    settings.insert("min-words", vec![min_words.to_string()]);
    settings.insert("min-score", vec![min_score.to_string()]);
    if !roles.is_empty() {
        settings.insert("role", roles.iter().map(|r| r.to_string()).collect());
    }
    settings
}

/// The filters as given on the command line, under their options' names; those not given left out.
pub fn filters(
    forces: &[String],
    recs: &[u32],
    docs: &[String],
    roles: &[String],
    reports: &[String],
) -> BTreeMap<&'static str, Vec<String>> {
    let given = [
        ("force", forces.to_vec()),
        ("rec", recs.iter().map(u32::to_string).collect()),
        ("doc", docs.to_vec()),
        ("role", roles.to_vec()),
        ("report", reports.to_vec()),
    ];
    given.into_iter().filter(|(_, v)| !v.is_empty()).collect()
}

/// Now, in UTC, as `2026-12-06T15:41:26Z`.
fn utc_now() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let (days, rest) = (secs / 86_400, secs % 86_400);
    let (y, m, d) = civil_from_days(days as i64);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", rest / 3600, rest / 60 % 60, rest % 60)
}

/// The date of a day counted from 1970-01-01 (proleptic Gregorian calendar).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_dated_across_leap_years_and_centuries() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert_eq!(civil_from_days(20_793), (2026, 12, 6));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
    }

    #[test]
    fn the_lines_say_every_part() {
        let made = Made::new(
            "export",
            Some("\"safe reporting\"".into()),
            filters(&["SYP".into()], &[4], &[], &[], &[]),
            CorpusPrint { path: "corpus".into(), fingerprint: "ab12".into(), documents: 5 },
        );
        let lines = made.lines();
        assert_eq!(lines[0], format!("made by: echoes {} export", env!("CARGO_PKG_VERSION")));
        assert_eq!(lines[1], "query: \"safe reporting\"");
        assert_eq!(lines[2], "filters: --force SYP --rec 4");
        assert!(lines[3].starts_with("made at: 20") && lines[3].ends_with('Z'));
        assert_eq!(lines[4], "corpus: corpus (5 documents, fingerprint ab12)");
    }
}
