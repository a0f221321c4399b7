//! What reuse detection reports: findings (a pair of paragraphs and their shared passages), their
//! families and the options that select them.

use serde::{Deserialize, Serialize};

use crate::model::Paragraph;

/// Shared runs shorter than this many words are not reported (stock phrases).
pub const DEFAULT_MIN_WORDS: usize = 8;
/// Findings scoring below this are not reported.
pub const DEFAULT_MIN_SCORE: f64 = 0.2;

/// What kind of reuse a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// The same words in the same order (body names and quotation of the report aside).
    Verbatim,
    /// Mostly the same paragraph, with edits.
    Near,
    /// A shared passage inside otherwise different paragraphs.
    Partial,
}

/// One aligned shared passage.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Span {
    /// Byte range of the passage in a's text.
    pub a: [usize; 2],
    /// Byte range of the passage in b's text.
    pub b: [usize; 2],
    /// Number of shared words in the passage.
    pub words: usize,
    /// The shared words, in order.
    pub shared: String,
    /// Byte ranges of a's text that are shared (the rest of the passage differs).
    pub marks_a: Vec<[usize; 2]>,
    /// Byte ranges of b's text that are shared.
    pub marks_b: Vec<[usize; 2]>,
}

/// A pair of paragraphs that share wording.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Finding {
    pub a: Paragraph,
    pub b: Paragraph,
    pub spans: Vec<Span>,
    pub shared_words: usize,
    pub longest_run: usize,
    /// Share of a's own words (not quoted from the report) found in b.
    pub containment_a: f64,
    pub containment_b: f64,
    /// 1 − normalized word-level edit distance between the two sides' own words.
    pub similarity: f64,
    /// Mean weight of the shared shingles by how many bodies use them (1: only these two).
    pub rarity: f64,
    /// rarity × min(1, shared_words / 20) × max(containment_a, containment_b, min(1, shared_words / 40)).
    pub score: f64,
    pub kind: Kind,
    pub family: String,
}

/// A cluster of paragraphs connected by findings.
#[derive(Debug, Clone, Serialize)]
pub struct Family {
    pub id: String,
    pub bodies: Vec<String>,
    pub paragraphs: Vec<String>,
    pub size: usize,
    pub findings: usize,
    pub strongest: f64,
    /// The longest shared passage of the family.
    pub representative: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub findings: Vec<Finding>,
    pub families: Vec<Family>,
}

/// Thresholds and scope.
#[derive(Debug, Clone)]
pub struct Options {
    pub min_words: usize,
    pub min_score: f64,
    /// Compare a body with itself instead of with the others.
    pub within: bool,
    /// Keep findings where either side is of one of these forces (resolved names).
    pub forces: Vec<String>,
    /// Keep findings where either side answers one of these recommendations.
    pub recommendations: Vec<u32>,
    /// Keep findings where either side belongs to one of these reports (and, with
    /// `recommendations`, answers one of those recommendations of it).
    pub reports: Vec<String>,
    /// Keep findings where either side is one of these documents (the documents of no known
    /// force, when a filter names them, even if there are none): with `forces`, either side of
    /// either.
    pub force_docs: Option<Vec<String>>,
    /// Keep findings where either side is one of these documents.
    pub docs: Vec<String>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            min_words: DEFAULT_MIN_WORDS,
            min_score: DEFAULT_MIN_SCORE,
            within: false,
            forces: Vec::new(),
            recommendations: Vec::new(),
            reports: Vec::new(),
            force_docs: None,
            docs: Vec::new(),
        }
    }
}
