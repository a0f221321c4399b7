//! A manifest to start from: what echoes detects of each file of a folder (body, date, report,
//! format, whether it is a reference), and writing it as `[[document]]` entries whose guesses are
//! comments for the user to correct, after the entries a manifest already has, never over them.

use std::path::Path;

use anyhow::Context as _;

use crate::corpus::{Corpus, MANIFEST};
use crate::corpus_edit::{manifest_bytes, write_manifest};
use crate::dates::PartialDate;
use crate::ingest::ingest_only;
use crate::model::{ForceSource, Role};
use crate::normalize::word_count;

/// Share of a document's words that are quotation of the report above which it is taken for a
/// reference (the report itself, its press page), not a body's response.
pub const REFERENCE_SHARE: f64 = 0.8;

/// What echoes detected of one file.
#[derive(Debug, Clone, PartialEq)]
pub struct Guess {
    pub path: String,
    /// The body and how it was found; `None` for a document naming no body (or a reference).
    pub force: Option<(String, &'static str)>,
    /// The date and where it was read.
    pub date: Option<(String, &'static str)>,
    /// The report it answers and why.
    pub report: Option<(String, &'static str)>,
    /// How it was read ("text", "html", ...).
    pub format: String,
    /// Share of its words that quote the report.
    pub quoted: f64,
    /// Taken for a reference, and why: most of its words quote the report, or it speaks of the
    /// report's recommendations without any body answering them.
    pub reference: Option<&'static str>,
}

/// A date in a file name: the longest `YYYY-MM-DD` or `YYYY-MM` (or `YYYY`) it holds.
pub fn date_in_name(path: &str) -> Option<String> {
    let name = path.rsplit('/').next().unwrap_or(path);
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    let parts: Vec<&str> = stem.split(|c: char| !c.is_ascii_alphanumeric()).collect();
    let mut best: Option<String> = None;
    for start in 0..parts.len() {
        for len in (1..=3).rev() {
            let Some(window) = parts.get(start..start + len) else { continue };
            let candidate = window.join("-");
            let full = len == 1 || window[1..].iter().all(|p| p.len() == 2);
            if full
                && PartialDate::parse(&candidate).is_some()
                && best.as_ref().is_none_or(|b| b.len() < candidate.len())
            {
                best = Some(candidate);
            }
        }
    }
    best
}

/// Lines of a document looked at for its date: a letter's date stands near its top.
pub const DATE_LINES: usize = 40;

/// A document's date: a line near its top that is only a date (a letter's), if the file name
/// gives none or one it agrees with; else the file name's.
pub fn date_of(path: &str, paragraphs: &[crate::model::Paragraph]) -> Option<(String, &'static str)> {
    let named = date_in_name(path);
    let written = paragraphs.iter().take(DATE_LINES).find_map(|p| crate::dates::written(&p.text));
    let agrees = |w: &str| {
        named.as_deref().is_none_or(|n| crate::dates::compare(Some(n), Some(w)) == Some(std::cmp::Ordering::Equal))
    };
    if let Some(w) = written.filter(|w| agrees(w)) {
        return Some((w, "from the text: a line near its top that is a date"));
    }
    named.map(|n| (n, "from the file name"))
}

/// What echoes detects of the files of `corpus` that `keep` selects, in corpus order.
pub fn guesses(corpus: &Corpus, keep: impl Fn(&str) -> bool) -> Vec<Guess> {
    let single = corpus.reports.len() == 1;
    ingest_only(corpus, keep)
        .map(|ingested| {
            let d = &ingested.document;
            let words = |roles: &[Role]| -> usize {
                ingested.paragraphs.iter().filter(|p| roles.contains(&p.role)).map(|p| word_count(&p.text)).sum()
            };
            let quoted = words(&[Role::Recommendation]);
            let own = words(&[Role::Response, Role::Preamble]);
            let share = if quoted + own == 0 { 0.0 } else { quoted as f64 / (quoted + own) as f64 };
            let reference = if share >= REFERENCE_SHARE {
                Some("most of its words quote the report: the report itself or a page on it")
            } else if d.force.is_none() && d.answers.is_empty() && !d.recommendations.is_empty() {
                Some("it names the report's recommendations, answers none and names no body: a page on the report?")
            } else {
                None
            };
            let force = match (&d.force, d.force_source) {
                _ if reference.is_some() => None,
                (Some(name), Some(ForceSource::Manifest)) => Some((name.clone(), "as the manifest gives it")),
                (Some(name), _) => {
                    Some((name.clone(), "detected from the text: the body of the gazetteer it names most"))
                }
                (None, _) => None,
            };
            let report = d.report.clone().map(|id| {
                let why = if single { "the only report of the folder" } else { "the report it quotes most" };
                (id, why)
            });
            Guess {
                path: d.path.clone(),
                force,
                date: date_of(&d.path, &ingested.paragraphs),
                report,
                format: d.format.clone(),
                quoted: share,
                reference,
            }
        })
        .collect()
}

/// The heading of a manifest `echoes init` writes.
const HEADING: &str = "# Written by `echoes init`: one [[document]] entry per file, with what echoes detected\n\
# as comments. Correct what is wrong. Leave `force` out to detect it from the text; a\n\
# reference (the report itself, a press page) has `kind = \"reference\"` and no body.\n";

/// Appends an entry for each guess to the manifest of `dir` (writing one when there is none).
/// What it already holds is kept byte for byte: the new entries are written after its last byte,
/// and the whole is checked to read as the old entries and the new. Returns how many it had.
pub fn append(dir: &Path, guesses: &[Guess]) -> anyhow::Result<usize> {
    let path = dir.join(MANIFEST);
    let before = manifest_bytes(dir)?.unwrap_or_default();
    let text = std::str::from_utf8(before.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&before)).map_err(|_| {
        anyhow::anyhow!(
            "{} is not UTF-8; save it as UTF-8 so that entries can be added to it; nothing written",
            path.display()
        )
    })?;
    let had = entries(text).with_context(|| format!("{}: fix it first; nothing written", path.display()))?;
    let mut tables = toml_edit::ArrayOfTables::new();
    for (i, g) in guesses.iter().enumerate() {
        let mut t = entry(g);
        if i == 0 && text.trim().is_empty() {
            let prefix = t.decor().prefix().and_then(|p| p.as_str()).unwrap_or_default().to_string();
            t.decor_mut().set_prefix(format!("{HEADING}{prefix}"));
        }
        tables.push(t);
    }
    let mut added = toml_edit::DocumentMut::new();
    added.insert("document", toml_edit::Item::ArrayOfTables(tables));
    let mut after = before.clone();
    if !text.is_empty() && !text.ends_with('\n') {
        after.push(b'\n');
    }
    after.extend_from_slice(added.to_string().as_bytes());
    let together = std::str::from_utf8(&after).ok().map(|t| entries(t.trim_start_matches('\u{feff}')));
    if !matches!(together, Some(Ok(n)) if n == had + guesses.len()) {
        anyhow::bail!("{}: entries cannot be added after what it holds; nothing written", path.display());
    }
    write_manifest(dir, Some(&after))?;
    Ok(had)
}

/// How many `[[document]]` tables a manifest's text holds; an error if it is not TOML or its
/// `document` is not a list of tables.
fn entries(text: &str) -> anyhow::Result<usize> {
    let doc: toml_edit::DocumentMut = text.parse().context("not valid TOML")?;
    match doc.get("document") {
        None => Ok(0),
        Some(item) => Ok(item.as_array_of_tables().context("`document` is not a list of [[document]] tables")?.len()),
    }
}

/// One entry, its guesses commented.
fn entry(g: &Guess) -> toml_edit::Table {
    let mut t = toml_edit::Table::new();
    let mut heading =
        format!("\n# {}: read as {}; {:.0}% of its words quote the report", g.path, g.format, g.quoted * 100.0);
    if g.force.is_none() && g.reference.is_none() {
        heading.push_str("; unattributed: no body found in its text (add `force` if you know it)");
    }
    t.decor_mut().set_prefix(format!("{heading}\n"));
    t.insert("path", toml_edit::value(g.path.as_str()));
    let mut put = |key: &str, value: &str, comment: &str| {
        let mut v = toml_edit::value(value);
        if let Some(v) = v.as_value_mut() {
            v.decor_mut().set_suffix(format!("   # {comment}"));
        }
        t.insert(key, v);
    };
    if let Some(why) = g.reference {
        put("kind", "reference", why);
    }
    if let Some((force, why)) = &g.force {
        put("force", force, why);
    }
    if let Some((date, why)) = &g.date {
        put("date", date, why);
    }
    if let Some((report, why)) = &g.report {
        put("report", report, why);
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_from_file_names() {
        assert_eq!(date_in_name("hampshire-2021-12.txt").as_deref(), Some("2021-12"));
        assert_eq!(date_in_name("sub/kent_2021-03-04_final.pdf").as_deref(), Some("2021-03-04"));
        assert_eq!(date_in_name("response 2020.docx").as_deref(), Some("2020"));
        assert_eq!(date_in_name("unattributed-response.txt"), None);
        assert_eq!(date_in_name("page-12345.html"), None);
    }
}
