//! Batch search: a file of queries, one a line, each optionally named (`name: query`, or the name
//! and the query separated by a tab), counted per body and recommendation.

use serde::Serialize;

use super::Counts;

/// One query of a queries file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedQuery {
    /// Its name: the one given, else the query itself.
    pub name: String,
    pub query: String,
    /// Its 1-based line in the file.
    pub line: usize,
}

/// The counts of one query of a batch.
#[derive(Debug, Clone, Serialize)]
pub struct QueryCounts {
    pub name: String,
    pub query: String,
    #[serde(flatten)]
    pub counts: Counts,
}

/// The queries of a file: one a line; blank lines and lines starting with `#` are skipped. A
/// name is what comes before a tab, or before `: ` when that is plain words (letters, digits,
/// spaces, `-`, `_`, `.`), so that a query's own `field:value` or a quoted phrase with a colon
/// is never taken for a name.
pub fn parse_queries(text: &str) -> Vec<NamedQuery> {
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim_start_matches('\u{feff}').trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let named = line.split_once('\t').or_else(|| {
            line.split_once(": ").filter(|(name, _)| {
                !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.'))
            })
        });
        let (name, query) = match named {
            Some((name, query)) if !query.trim().is_empty() => (name.trim(), query.trim()),
            _ => (line, line),
        };
        out.push(NamedQuery { name: name.to_string(), query: query.to_string(), line: i + 1 });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(text: &str) -> Vec<(String, String)> {
        parse_queries(text).into_iter().map(|q| (q.name, q.query)).collect()
    }

    #[test]
    fn names_come_before_a_tab_or_a_colon_after_plain_words() {
        let text = "# codes\n\nfirewall: \"immigration enforcement\" OR firewall\nsafe routes\t\"safe reporting\"\n\
                    role:response AND victims\n\"note: this\"\nreferral*\n";
        assert_eq!(
            pairs(text),
            [
                ("firewall".into(), "\"immigration enforcement\" OR firewall".into()),
                ("safe routes".into(), "\"safe reporting\"".into()),
                ("role:response AND victims".into(), "role:response AND victims".into()),
                ("\"note: this\"".into(), "\"note: this\"".into()),
                ("referral*".into(), "referral*".into()),
            ]
        );
        assert_eq!(parse_queries("\n\nx\n")[0].line, 3);
    }
}
