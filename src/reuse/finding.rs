//! What reuse detection reports: findings (a pair of paragraphs and their shared passages), their
//! families and the options that select them.

use serde::{Deserialize, Serialize};

use crate::model::{Paragraph, Role};

/// Shared runs shorter than this many words are not reported (stock phrases).
pub const DEFAULT_MIN_WORDS: usize = 8;
/// Findings scoring below this are not reported.
pub const DEFAULT_MIN_SCORE: f64 = 0.2;

fn is_zero(n: &usize) -> bool {
    *n == 0
}

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
    /// A revision: no long run shared, but many short runs covering much of both paragraphs.
    Paraphrase,
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
    /// Byte ranges of a's words that are shared but only nearly the same as b's (one of them
    /// misread, see `normalize::nearly_same`): counted in `words`, outside `marks_a`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub near_a: Vec<[usize; 2]>,
    /// Byte ranges of b's words nearly the same as a's.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub near_b: Vec<[usize; 2]>,
}

impl Span {
    /// Byte ranges of one side's shared words (a's with `side_a`), the same and nearly the same:
    /// what counts as shared.
    pub fn shared_ranges(&self, side_a: bool) -> Vec<[usize; 2]> {
        let (marks, near) = if side_a { (&self.marks_a, &self.near_a) } else { (&self.marks_b, &self.near_b) };
        let mut out: Vec<[usize; 2]> = marks.iter().chain(near).copied().collect();
        out.sort_unstable();
        out
    }
}

/// A pair of paragraphs that share wording.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Finding {
    pub a: Paragraph,
    pub b: Paragraph,
    pub spans: Vec<Span>,
    /// Words shared, those only nearly the same (`near_words`) included.
    pub shared_words: usize,
    /// Shared words that are only nearly the same: a word misread (by OCR) on one side.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub near_words: usize,
    pub longest_run: usize,
    /// Share of a's own words (not quoted from the report) found in b.
    pub containment_a: f64,
    pub containment_b: f64,
    /// 1 − normalized word-level edit distance between the two sides' own words.
    pub similarity: f64,
    /// Mean weight of the shared shingles by how many bodies use them (1: only these two). A
    /// figure of its own: it depends on the rest of the corpus, so the score leaves it out.
    pub rarity: f64,
    /// min(1, shared / 20) × max((containment_a + containment_b) / 2, 0.3)
    /// (see `reuse::score`), over the shared words that are not stock wording: it depends on the two texts only (and on
    /// what in them is quotation or stock wording), never on how many other documents there are.
    pub score: f64,
    pub kind: Kind,
    pub family: String,
    /// Shared words that are stock wording: they stand in a public formula echoes knows with its
    /// source (`reuse/stock.toml`, or the corpus's `stock.toml`), or in another body's answer to
    /// another report. How many bodies carry them is never the reason.
    #[serde(default)]
    pub stock_words: usize,
    /// The passage is stock wording: fewer than the shortest run of shared words are anything
    /// else. Listed once with the bodies that carry it, never as a finding between two of them.
    #[serde(default)]
    pub stock: bool,
    /// Why its stock words are stock: each formula with its source, or the other report they stand
    /// in answers to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stock_reasons: Vec<String>,
}

/// A passage of stock wording, listed once with the bodies that carry it.
#[derive(Debug, Clone, Serialize)]
pub struct Stock {
    /// Stable: derived from the first paragraph (in corpus order) that carries it.
    pub id: String,
    /// The longest shared run of words among its pairs.
    pub text: String,
    pub bodies: Vec<String>,
    pub paragraphs: Vec<String>,
    /// Why it is stock: each formula with its source, or the other report it stands in answers to.
    pub reasons: Vec<String>,
}

/// A cluster of paragraphs connected by findings.
#[derive(Debug, Clone, Serialize)]
pub struct Family {
    /// Stable as the corpus grows and whatever the filters: derived from the family's first
    /// paragraph in corpus order (`F` and six hex digits of its id's hash).
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
    /// Stock wording: passages many bodies carry, each once.
    pub stock: Vec<Stock>,
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
    /// Compare quoted speech (see [`crate::speech`]) as the body's own words, not as quotation:
    /// it changes what is compared, so findings at either setting are stored apart.
    pub speech: bool,
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
            speech: false,
        }
    }
}

/// Checks the roles a user asks to compare: own words only.
pub fn check_compared_roles(roles: &[Role]) -> Result<Vec<Role>, String> {
    if let Some(r) = roles.iter().find(|r| !r.is_own()) {
        return Err(format!(
            "{r} paragraphs are never compared ({}); compare response, preamble or both",
            match r {
                Role::Chrome => "site furniture",
                Role::Reference => "a reference document's text, which is quotation wherever it stands",
                _ => "quotation of the report",
            }
        ));
    }
    let mut roles = if roles.is_empty() { Role::OWN.to_vec() } else { roles.to_vec() };
    roles.sort();
    roles.dedup();
    Ok(roles)
}

/// Longest shortest-run a user may ask for: past it nothing could be found.
pub const MAX_MIN_WORDS: usize = 10_000;

/// Checks a minimum score as a user gave it: a number from 0 to 1 (`NaN` is not one).
pub fn check_min_score(x: f64) -> Result<f64, String> {
    if x.is_finite() && (0.0..=1.0).contains(&x) {
        Ok(x)
    } else {
        Err(format!("'{x}' is not a score from 0 to 1"))
    }
}

/// Checks a shortest shared run as a user gave it.
pub fn check_min_words(n: usize) -> Result<usize, String> {
    if (1..=MAX_MIN_WORDS).contains(&n) {
        Ok(n)
    } else {
        Err(format!("'{n}' is not a number of words from 1 to {MAX_MIN_WORDS}"))
    }
}
