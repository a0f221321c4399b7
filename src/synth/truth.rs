//! The ground truth of a synthetic corpus: every planted pair, and how reported findings score
//! against it.

use std::fs;
use std::path::Path;

use anyhow::Context;
use serde::{Deserialize, Serialize};

/// How a planted copy was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Plant {
    /// Copied word for word into another force's response.
    Verbatim,
    /// Copied with 1 to 5 words changed, inserted or deleted.
    Edited,
    /// Copied word for word with the force's name swapped for the copier's.
    NameSwapped,
    /// A passage of 15 to 30 words copied into an otherwise original paragraph.
    Partial,
    /// Copied word for word to several forces (every pair of the family is planted).
    Family,
    /// Pasted by the same force under another recommendation.
    SameForce,
}

impl Plant {
    pub const ALL: [Plant; 6] =
        [Plant::Verbatim, Plant::Edited, Plant::NameSwapped, Plant::Partial, Plant::Family, Plant::SameForce];

    /// The kind `echoes reuse` should report for it.
    pub fn expected_kind(self) -> &'static str {
        match self {
            Plant::Edited => "near",
            Plant::Partial => "partial",
            _ => "verbatim",
        }
    }

    /// The kind of a pair of two copies of one original: the looser of the two.
    pub fn looser(self, other: Plant) -> Plant {
        let rank = |p: Plant| match p {
            Plant::Partial => 2,
            Plant::Edited => 1,
            _ => 0,
        };
        match rank(self).max(rank(other)) {
            2 => Plant::Partial,
            1 => Plant::Edited,
            _ => Plant::Verbatim,
        }
    }
}

/// A paragraph, by document and line (stable whatever the paragraph ordinals).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct At {
    pub doc: String,
    pub line: u32,
}

/// One planted pair. Pairs of copies of the same original are planted too (with the kind of
/// the looser copy), when they still share a run of at least eight words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Truth {
    pub plant: Plant,
    pub a: At,
    pub b: At,
    /// Both paragraphs are the same force's.
    #[serde(default)]
    pub within: bool,
    /// The two paragraphs answer different reports.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub across_reports: bool,
    /// For a template's pairs: how many bodies carry the template.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bodies: Option<u32>,
}

/// Precision, recall and F1 of one kind of copy.
#[derive(Debug, Clone, Serialize)]
pub struct Score {
    pub plant: Plant,
    pub planted: usize,
    pub found: usize,
    pub false_positives: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

/// A reported pair, by document and line, with the kind echoes gave it.
#[derive(Debug, Clone)]
pub struct Reported {
    pub a: At,
    pub b: At,
    pub kind: String,
}

/// Scores reported pairs against the ground truth, per kind of copy. A false positive is charged
/// to the kinds whose expected kind it was reported as.
pub fn evaluate(truth: &[Truth], reported: &[Reported], within: bool) -> Vec<Score> {
    let key = |a: &At, b: &At| if a <= b { (a.clone(), b.clone()) } else { (b.clone(), a.clone()) };
    let planted: std::collections::HashMap<(At, At), Plant> =
        truth.iter().filter(|t| t.within == within).map(|t| (key(&t.a, &t.b), t.plant)).collect();
    let got: std::collections::HashSet<(At, At)> = reported.iter().map(|r| key(&r.a, &r.b)).collect();
    plants_of(within)
        .map(|plant| {
            let of_kind: Vec<&(At, At)> = planted.iter().filter(|(_, p)| **p == plant).map(|(k, _)| k).collect();
            let found = of_kind.iter().filter(|k| got.contains(**k)).count();
            let false_positives = reported
                .iter()
                .filter(|r| r.kind == plant.expected_kind() && !planted.contains_key(&key(&r.a, &r.b)))
                .count();
            let n_kinds = plants_of(within).filter(|p| p.expected_kind() == plant.expected_kind()).count();
            let fp = false_positives.div_ceil(n_kinds.max(1));
            let precision = if found + fp == 0 { 1.0 } else { found as f64 / (found + fp) as f64 };
            let recall = if of_kind.is_empty() { 1.0 } else { found as f64 / of_kind.len() as f64 };
            let f1 = if precision + recall == 0.0 { 0.0 } else { 2.0 * precision * recall / (precision + recall) };
            Score { plant, planted: of_kind.len(), found, false_positives: fp, precision, recall, f1 }
        })
        .collect()
}

fn plants_of(within: bool) -> impl Iterator<Item = Plant> {
    Plant::ALL.into_iter().filter(move |p| (*p == Plant::SameForce) == within)
}

/// Reads a ground truth file.
pub fn read_truth(path: &Path) -> anyhow::Result<Vec<Truth>> {
    let raw = fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    raw.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).with_context(|| format!("{}: not a truth line: {l}", path.display())))
        .collect()
}
