//! A manifest to start from: what echoes detects of each file of a folder (body, date, report,
//! format, whether it is a reference), and writing it as `[[document]]` entries whose guesses are
//! comments for the user to correct, after the entries a manifest already has, never over them.

use std::path::Path;

use anyhow::Context as _;

use crate::corpus::{Corpus, MANIFEST};
use crate::corpus_edit::{manifest_bytes, write_manifest};
use crate::dates::PartialDate;
use crate::ingest::ingest_only;
use crate::model::{ForceSource, Paragraph, Recommendations, Role};
use crate::normalize::{normalize_lower, word_count};

/// Share of a document's words that are quotation of the report at or above which its quotations
/// are read as the report's text rather than a body quoting it.
pub const REFERENCE_SHARE: f64 = 0.8;

/// What echoes detected of one file.
#[derive(Debug, Clone, PartialEq)]
pub struct Guess {
    pub path: String,
    /// The body and the evidence it was found by; `None` for a document with no author found (or
    /// a reference).
    pub force: Option<(String, String)>,
    /// Why no body is guessed, when none is.
    pub no_force: Option<String>,
    /// The date and the evidence it was read from.
    pub date: Option<(String, String)>,
    /// The report it answers and why.
    pub report: Option<(String, &'static str)>,
    /// How it was read ("text", "html", ...).
    pub format: String,
    /// Share of its words that quote the report.
    pub quoted: f64,
    /// Proposed as a reference (the report itself, its authors' page on it), and the evidence.
    pub reference: Option<String>,
    /// Why a document that speaks of the report's recommendations is not proposed as a reference.
    pub not_reference: Option<String>,
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

/// A document's date: the date its text states for itself, if the file name gives none or one
/// it agrees with; else the file name's; with where it was found.
pub fn date_of(path: &str, paragraphs: &[&str]) -> Option<(String, String)> {
    let named = date_in_name(path);
    let written = crate::datelines::stated(paragraphs);
    let agrees = |w: &str, named: &Option<String>| {
        named.as_deref().is_none_or(|n| crate::dates::compare(Some(n), Some(w)) == Some(std::cmp::Ordering::Equal))
    };
    match (written, named) {
        (Some(w), n) if agrees(&w.date, &n) => Some((w.date, format!("from the text: {}", w.evidence))),
        (Some(w), Some(n)) => Some((n, format!("from the file name; the text gives {} ({})", w.date, w.evidence))),
        (_, Some(n)) => Some((n, "from the file name".to_string())),
        (_, None) => None,
    }
}

/// The paragraphs near a document's top where its title and publisher stand.
const TITLE_PARAGRAPHS: usize = 4;

/// The inspectorate's names, as a publisher line gives them (normalized, lower case).
const INSPECTORATE: &[&str] = &[
    "hmicfrs",
    "hmic",
    "hm inspectorate of constabulary",
    "her majesty's inspectorate of constabulary",
    "his majesty's inspectorate of constabulary",
];

/// Positive evidence that a document is the report's own (its text, its authors' page on it): the
/// report's title as its own title, the inspectorate (or the report's publisher) as its publisher,
/// or the recommendations in full and in order. `None` when it has none of these.
fn reference_evidence(paragraphs: &[Paragraph], report: Option<&Recommendations>, share: f64) -> Option<String> {
    let top: Vec<(usize, String)> = paragraphs
        .iter()
        .filter(|p| !matches!(p.role, Role::Chrome))
        .take(TITLE_PARAGRAPHS)
        .map(|p| (p.paragraph as usize + 1, normalize_lower(&p.text)))
        .collect();
    if let Some(title) = report.and_then(|r| r.title.as_deref()).map(normalize_lower) {
        let short = title.replacen("report on ", "", 1);
        // The page's own title: a line that is the report's title, with no more than a few words
        // after it (not a sentence that names the report, nor "A summary of the responses to …").
        let own = |t: &str, title: &str| {
            t.starts_with(title) && !t.trim_end().ends_with('.') && word_count(t) <= word_count(title) + 4
        };
        if let Some((at, _)) = top.iter().find(|(_, t)| own(t, &title) || own(t, &short)) {
            return Some(format!("its own title is the report's (paragraph {at})"));
        }
    }
    let publisher = report.and_then(|r| r.publisher.as_deref()).map(normalize_lower);
    let names = INSPECTORATE.iter().map(|s| s.to_string()).chain(publisher);
    let names: Vec<String> = names.collect();
    for (at, t) in &top {
        let line = t.trim_start_matches("from:").trim_start_matches("from ").trim();
        let short = word_count(line) <= 12 && !line.ends_with('.');
        if let Some(name) = names.iter().find(|n| short && line.starts_with(n.as_str())) {
            return Some(format!("its publisher is the inspectorate (\"{name}\", paragraph {at})"));
        }
    }
    let report = report?;
    let mut order: Vec<u32> =
        paragraphs.iter().filter(|p| p.role == Role::Recommendation).filter_map(|p| p.recommendation).collect();
    order.dedup();
    // In the report's order, as its recommendations are listed or by their numbers.
    let listed: Vec<u32> = report.items.iter().map(|r| r.number).collect();
    let mut sorted = listed.clone();
    sorted.sort_unstable();
    // In full: the report's words make most of it, as in the report's own text; a response that
    // quotes each recommendation before answering it is a response.
    (share >= REFERENCE_SHARE && !listed.is_empty() && (order == listed || order == sorted))
        .then(|| "it gives the report's recommendations in full and in order".to_string())
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
            let own = words(&Role::OWN);
            let share = if quoted + own == 0 { 0.0 } else { quoted as f64 / (quoted + own) as f64 };
            let own_words: Vec<(&str, bool)> = ingested
                .paragraphs
                .iter()
                .filter(|p| p.role.is_own() || p.role == Role::Chrome)
                .map(|p| (p.text.as_str(), p.role == Role::Response && p.recommendation.is_some()))
                .collect();
            let authorship = crate::authorship::author(&own_words, ingested.title.as_deref());
            let report_of = corpus.reports.iter().find(|r| d.report.as_deref() == Some(r.id()));
            let news = authorship.evidence.contains("reads as news");
            // A page a body wrote, or news, is no reference, whatever it says of the report.
            let reference = if authorship.body.is_some() || news || d.force_source == Some(ForceSource::Manifest) {
                None
            } else {
                reference_evidence(&ingested.paragraphs, report_of, share)
            };
            let speaks = share >= REFERENCE_SHARE || !d.recommendations.is_empty();
            let not_reference = (reference.is_none() && speaks && d.force.is_none()).then(|| {
                let why = if news {
                    "it reads as news".to_string()
                } else {
                    "it neither carries the report's title as its own, nor is published by the inspectorate, \
                     nor gives the recommendations in full and in order"
                        .to_string()
                };
                format!("not proposed as a reference: it speaks of the report's recommendations, but {why}")
            });
            let (force, no_force) = match (&d.force, d.force_source) {
                _ if reference.is_some() => (None, None),
                (Some(name), Some(ForceSource::Manifest)) => {
                    (Some((name.clone(), "as the manifest gives it".to_string())), None)
                }
                (Some(name), _) => {
                    (Some((name.clone(), format!("detected from the text: {}", authorship.evidence))), None)
                }
                (None, _) => (None, Some(authorship.evidence.clone())),
            };
            let report = d.report.clone().map(|id| {
                let why = if single { "the only report of the folder" } else { "the report it quotes most" };
                (id, why)
            });
            let all: Vec<&str> = ingested.paragraphs.iter().map(|p| p.text.as_str()).collect();
            Guess {
                path: d.path.clone(),
                force,
                no_force,
                date: date_of(&d.path, &all),
                report,
                format: d.format.clone(),
                quoted: share,
                reference,
                not_reference,
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
    // The name on one line, whatever it holds: a line break in it cannot end the comment.
    let name = crate::render::name_safe(&g.path);
    let mut heading =
        format!("\n# {name}: read as {}; {:.0}% of its words quote the report", g.format, g.quoted * 100.0);
    if let (None, None, Some(why)) = (&g.force, &g.reference, &g.no_force) {
        heading.push_str(&format!("\n# unattributed, {why} (add `force` if you know it)"));
    }
    if let Some(why) = &g.not_reference {
        heading.push_str(&format!("\n# {why}"));
    }
    t.decor_mut().set_prefix(format!("{heading}\n"));
    // A basic string, escaped: never a multi-line string spread over lines of the manifest.
    let path =
        crate::corpus_edit::toml_string(&g.path).parse().unwrap_or_else(|_| toml_edit::Value::from(g.path.as_str()));
    t.insert("path", toml_edit::Item::Value(path));
    let mut put = |key: &str, value: &str, comment: &str| {
        let mut v = toml_edit::value(value);
        if let Some(v) = v.as_value_mut() {
            v.decor_mut().set_suffix(format!("   # {comment}"));
        }
        t.insert(key, v);
    };
    if let Some(why) = &g.reference {
        put("kind", "reference", &format!("reference? {why}"));
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
