//! The reports a corpus answers: each `reports/<id>.toml` (id, title, publisher, date and
//! recommendations), or one `recommendations.toml`, or the bundled report; how they are read and
//! told apart.

use std::fs;
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::model::Recommendations;

pub const RECOMMENDATIONS: &str = "recommendations.toml";
/// The folder of report descriptions, one `<id>.toml` each, in a corpus answering several reports.
pub const REPORTS: &str = "reports";
/// The recommendations of the bundled report, used when a corpus has none of its own.
const BUNDLED_RECOMMENDATIONS: &str = include_str!("../corpus/recommendations.toml");

/// The reports of a corpus: each `reports/<id>.toml`, and `recommendations.toml` (a corpus with
/// one report); the bundled report when there is neither. With the raw text of them all, in order.
pub fn read_reports(dir: &Path, notes: &mut Vec<String>) -> Result<(Vec<Recommendations>, String), Error> {
    let mut reports: Vec<Recommendations> = Vec::new();
    let mut raw_all = String::new();
    let folder = dir.join(REPORTS);
    let mut files: Vec<PathBuf> = fs::read_dir(&folder)
        .map(|entries| {
            entries.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "toml")).collect()
        })
        .unwrap_or_default();
    files.sort();
    let single = dir.join(RECOMMENDATIONS);
    if single.is_file() {
        files.insert(0, single.clone());
    }
    for path in &files {
        let origin = path.display().to_string();
        let raw = fs::read_to_string(path)
            .map_err(|e| Error::BadRecommendations { origin: origin.clone(), reason: e.to_string() })?;
        let mut report = parse_recommendations(&raw)
            .map_err(|reason| Error::BadRecommendations { origin: origin.clone(), reason })?;
        if report.report.is_none() && path != &single {
            report.report = path.file_stem().map(|s| s.to_string_lossy().into_owned());
        }
        if reports.iter().any(|r| r.id() == report.id()) {
            let reason = format!("a second report with the id '{}'", report.id());
            return Err(Error::BadRecommendations { origin, reason });
        }
        raw_all.push_str(&raw);
        raw_all.push('\0');
        reports.push(report);
    }
    if reports.is_empty() {
        notes.push(format!("{} has no {RECOMMENDATIONS} or {REPORTS}/; using the bundled one", dir.display()));
        raw_all = BUNDLED_RECOMMENDATIONS.to_string();
        reports.push(bundled_recommendations());
    }
    Ok((reports, raw_all))
}

/// Parses the text of a `recommendations.toml`.
pub fn parse_recommendations(raw: &str) -> Result<Recommendations, String> {
    let report = toml::from_str::<Recommendations>(raw).map_err(|e| e.message().to_string())?;
    for deadline in &report.deadlines {
        crate::timeliness::Period::parse(&deadline.within).map_err(|e| format!("deadline: {e}"))?;
    }
    if let Some(date) = report.date.as_deref().filter(|d| crate::dates::PartialDate::parse(d).is_none()) {
        if !report.deadlines.is_empty() {
            return Err(format!(
                "date '{date}' is not YYYY, YYYY-MM or YYYY-MM-DD, so no deadline can be counted from it"
            ));
        }
    }
    Ok(report)
}

/// The recommendations bundled with echoes.
pub fn bundled_recommendations() -> Recommendations {
    parse_recommendations(BUNDLED_RECOMMENDATIONS).expect("the bundled recommendations.toml is valid")
}

/// Checks that every report id a user asked for is one of `reports`: the one error, naming them.
/// Checks that each recommendation number asked for is one of the reports' (of those named in
/// `only`, when any are): `--rec 9` where there are eight is an error that says so, not a search
/// that finds nothing.
pub fn check_recommendations(reports: &[Recommendations], only: &[String], asked: &[u32]) -> Result<(), Error> {
    let chosen = reports.iter().filter(|r| only.is_empty() || only.iter().any(|o| o == r.id()));
    let mut known: Vec<u32> = chosen.flat_map(|r| r.items.iter().map(|i| i.number)).collect();
    known.sort_unstable();
    known.dedup();
    match asked.iter().find(|n| !known.contains(n)) {
        Some(&number) => Err(Error::UnknownRecommendation {
            number,
            known: if known.is_empty() {
                "the corpus gives none".to_string()
            } else {
                format!("recommendations: {}", known.iter().map(u32::to_string).collect::<Vec<_>>().join(", "))
            },
        }),
        None => Ok(()),
    }
}

pub fn check_asked(reports: &[Recommendations], asked: &[String]) -> Result<(), Error> {
    let known: Vec<&str> = reports.iter().map(|r| r.id()).collect();
    match asked.iter().find(|a| !known.contains(&a.as_str())) {
        Some(bad) => Err(Error::UnknownReport { id: bad.clone(), known: known.join(", ") }),
        None => Ok(()),
    }
}
