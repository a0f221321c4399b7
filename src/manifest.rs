//! The corpus manifest (`manifest.toml`): its entries, and reading what it can of one, naming
//! what it cannot use.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

/// One `[[document]]` entry of `manifest.toml`.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub path: String,
    pub force: Option<String>,
    pub date: Option<String>,
    pub source: Option<String>,
    pub report: Option<String>,
    /// `response` (the default) or `reference`: the report itself, its press release or web
    /// pages, a template bodies were invited to use.
    pub kind: Option<String>,
}

impl Entry {
    /// Whether the entry says its document is a reference, not a body's response.
    pub fn is_reference(&self) -> bool {
        self.kind.as_deref().is_some_and(|k| k.trim().eq_ignore_ascii_case("reference"))
    }
}

/// What a manifest gives: its entries, the fields echoes does not know (each named once), and the
/// entries or values it could not use.
#[derive(Debug, Default)]
pub struct Manifest {
    pub entries: Vec<Entry>,
    pub unknown: std::collections::BTreeSet<String>,
    pub problems: Vec<String>,
}

/// Why a manifest could not be read at all.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ManifestError {
    #[error("not valid TOML at line {line} ({reason}); fix it (echoes will not go on without the forces and dates it records)")]
    Syntax { line: usize, reason: String },
    #[error("`document` is not a list of [[document]] tables; fix it (echoes will not go on without the forces and dates it records)")]
    Shape,
}

/// Parses the text of a `manifest.toml`, keeping what it can: an unknown field is set aside (and
/// named), a value of the wrong kind or an entry without a path is a problem noted, and every
/// other field of every entry is kept. Only text that is not TOML at all is an error.
pub fn parse_manifest(text: &str) -> Result<Manifest, ManifestError> {
    let table: toml::Table = toml::from_str(text).map_err(|e| {
        let line = e.span().map_or(1, |s| text[..s.start.min(text.len())].matches('\n').count() + 1);
        ManifestError::Syntax { line, reason: e.message().lines().next().unwrap_or("invalid TOML").to_string() }
    })?;
    let mut manifest = Manifest::default();
    for (key, value) in table {
        if key != "document" {
            manifest.unknown.insert(key);
            continue;
        }
        let toml::Value::Array(items) = value else { return Err(ManifestError::Shape) };
        for (i, item) in items.into_iter().enumerate() {
            let toml::Value::Table(fields) = item else { return Err(ManifestError::Shape) };
            let mut entry = Entry::default();
            let mut path = None;
            for (field, value) in fields {
                let slot = match field.as_str() {
                    "path" => &mut path,
                    "force" => &mut entry.force,
                    "date" => &mut entry.date,
                    "source" => &mut entry.source,
                    "report" => &mut entry.report,
                    "kind" => &mut entry.kind,
                    _ => {
                        manifest.unknown.insert(field);
                        continue;
                    }
                };
                match value {
                    toml::Value::String(s) => *slot = Some(s),
                    other => manifest.problems.push(format!(
                        "entry {}: `{field}` should be a string, not {}; left out",
                        i + 1,
                        other.type_str()
                    )),
                }
            }
            if let Some(kind) = entry.kind.as_deref().filter(|k| !matches!(k.trim(), "response" | "reference")) {
                manifest.problems.push(format!(
                    "entry {}: `kind` is \"response\" or \"reference\", not \"{kind}\"; read as a response",
                    i + 1
                ));
                entry.kind = None;
            }
            match path {
                Some(p) => manifest.entries.push(Entry { path: p, ..entry }),
                None => manifest.problems.push(format!("entry {} has no `path`; left out", i + 1)),
            }
        }
    }
    Ok(manifest)
}

/// Where each entry's `path` stands in the manifest (entries in order), for the warnings.
#[derive(Deserialize)]
struct PathLines {
    #[serde(default)]
    document: Vec<PathAt>,
}

#[derive(Deserialize)]
struct PathAt {
    path: toml::Spanned<String>,
}

/// A warning for each path listed again with another force, date, source or report (the later
/// entry is the one used), naming the lines of both.
pub(crate) fn listed_twice(path: &Path, text: &str, entries: &[Entry]) -> Vec<String> {
    let lines: Vec<usize> = match toml::from_str::<PathLines>(text) {
        Ok(at) => at.document.iter().map(|p| 1 + text[..p.path.span().start].matches('\n').count()).collect(),
        Err(_) => return Vec::new(),
    };
    let line = |i: usize| lines.get(i).copied().unwrap_or(0);
    // Each path's entry so far: the one a later entry replaces.
    let mut last: BTreeMap<&str, usize> = BTreeMap::new();
    let mut out = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        if let Some(j) = last.insert(&e.path, i).filter(|&j| entries[j] != *e) {
            out.push(format!(
                "{}: {} is listed twice, on line {} and on line {}, with different details; the entry on line {} is used",
                path.display(),
                e.path,
                line(j),
                line(i),
                line(i)
            ));
        }
    }
    out
}
