//! Synthetic response corpora for measuring echoes at scale: documents for the 43 territorial
//! forces answering the report's recommendations, with quotation, furniture and stock phrases,
//! planted copies of known kinds, and the ground truth of every planted pair.

use std::fs;
use std::io::{BufWriter, Write};
use std::path::Path;

use anyhow::Context;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::corpus::bundled_recommendations;
use crate::forces;
use crate::model::Recommendation;
use crate::normalize::word_texts;

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
    fn looser(self, other: Plant) -> Plant {
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
}

/// A paragraph made from an original one, remembered to plant the pairs between copies.
struct Copy {
    root: At,
    at: At,
    plant: Plant,
    text: String,
    force: String,
}

#[derive(Debug, Clone)]
pub struct Options {
    pub paragraphs: usize,
    pub seed: u64,
    /// The shapes documents take, in turn (one document in five is a letter when all five are
    /// given). Empty: headed only.
    pub shapes: Vec<Shape>,
}

impl Options {
    /// Headed documents only, as the bundled responses are.
    pub fn headed(paragraphs: usize, seed: u64) -> Options {
        Options { paragraphs, seed, shapes: vec![Shape::Headed] }
    }
}

/// The shape of a synthetic response document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Shape {
    /// "Recommendation N" headings, the quotation, a "Force response" marker, the answer.
    Headed,
    /// A letter: no headings; "On recommendation N:" before each answer, which runs on as prose.
    Letter,
    /// A statement or web page: the body's words with no recommendation named at all.
    Statement,
    /// A numbered table: No. | Recommendation | Response | Status, an answer paragraph per row.
    Table,
    /// Headed, with a cookie notice glued to the first answer by text extraction.
    Glued,
}

impl Shape {
    pub const ALL: [Shape; 5] = [Shape::Headed, Shape::Letter, Shape::Statement, Shape::Table, Shape::Glued];

    pub fn as_str(self) -> &'static str {
        match self {
            Shape::Headed => "headed",
            Shape::Letter => "letter",
            Shape::Statement => "statement",
            Shape::Table => "table",
            Shape::Glued => "glued",
        }
    }
}

impl std::str::FromStr for Shape {
    type Err = String;
    fn from_str(s: &str) -> Result<Shape, String> {
        let names: Vec<&str> = Shape::ALL.iter().map(|s| s.as_str()).collect();
        Shape::ALL
            .into_iter()
            .find(|shape| shape.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| format!("'{s}' is not a shape ({})", names.join(", ")))
    }
}

/// A cookie notice, as text extraction glues it to a page's first paragraph.
const GLUED_NOTICE: &str =
    "We use some essential cookies to make our website work. Accept all cookies. Reject optional cookies.";
/// Statuses of table rows.
const STATUSES: &[&str] = &["Complete", "Green", "Ongoing", "Amber"];

#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub documents: usize,
    pub paragraphs: usize,
    pub planted: usize,
}

/// Common English words first (most frequent), then words of the domain.
const COMMON: &[&str] = &[
    "the", "of", "and", "to", "a", "in", "is", "that", "for", "it", "as", "with", "be", "on", "not", "this", "by",
    "are", "or", "from", "at", "which", "an", "have", "has", "all", "their", "will", "been", "we", "our", "where",
    "they", "there", "any", "can", "would", "other", "more", "these", "also", "who", "when", "into", "through",
    "within", "such", "each", "those", "any", "further", "new", "work", "ensure", "support", "continue",
];
const DOMAIN: &[&str] = &[
    "police",
    "force",
    "officers",
    "staff",
    "victims",
    "witnesses",
    "victim",
    "crime",
    "abuse",
    "domestic",
    "immigration",
    "status",
    "enforcement",
    "information",
    "sharing",
    "guidance",
    "policy",
    "procedure",
    "review",
    "partners",
    "partnership",
    "safeguarding",
    "referral",
    "referrals",
    "pathway",
    "pathways",
    "reporting",
    "report",
    "community",
    "communities",
    "training",
    "advocates",
    "charities",
    "specialist",
    "organisations",
    "support",
    "services",
    "confidence",
    "migrant",
    "women",
    "families",
    "children",
    "risk",
    "harm",
    "protection",
    "public",
    "unit",
    "team",
    "teams",
    "neighbourhood",
    "response",
    "control",
    "room",
    "calls",
    "call",
    "handlers",
    "cases",
    "case",
    "investigation",
    "investigations",
    "data",
    "records",
    "system",
    "systems",
    "audit",
    "compliance",
    "commissioner",
    "office",
    "board",
    "group",
    "meeting",
    "quarterly",
    "monthly",
    "annual",
    "plan",
    "strategy",
    "delivery",
    "performance",
    "outcomes",
    "assurance",
    "governance",
    "briefing",
    "briefings",
    "intranet",
    "leaflet",
    "helpline",
    "refuge",
    "housing",
    "council",
    "health",
    "hospital",
    "schools",
    "faith",
    "leaders",
    "language",
    "interpreters",
    "translation",
    "campaign",
    "media",
    "radio",
    "online",
    "website",
    "survey",
];

/// Builds a vocabulary of `n` words: real words first, then pronounceable made-up ones.
fn vocabulary(n: usize, rng: &mut ChaCha8Rng) -> Vec<String> {
    const ONSETS: &[&str] =
        &["b", "c", "d", "f", "g", "h", "l", "m", "n", "p", "r", "s", "t", "v", "w", "br", "cr", "st", "pl", "tr"];
    const VOWELS: &[&str] = &["a", "e", "i", "o", "u", "ea", "ou", "ai"];
    const CODAS: &[&str] = &["", "n", "r", "s", "t", "l", "nd", "st", "ng", "ck"];
    let mut words: Vec<String> = COMMON.iter().chain(DOMAIN).map(|w| w.to_string()).collect();
    words.dedup();
    let mut seen: std::collections::HashSet<String> = words.iter().cloned().collect();
    while words.len() < n {
        let syllables = rng.random_range(1..=3);
        let w: String = (0..syllables)
            .map(|_| {
                format!(
                    "{}{}{}",
                    ONSETS[rng.random_range(0..ONSETS.len())],
                    VOWELS[rng.random_range(0..VOWELS.len())],
                    CODAS[rng.random_range(0..CODAS.len())]
                )
            })
            .collect();
        if seen.insert(w.clone()) {
            words.push(w);
        }
    }
    words
}

/// Draws words with Zipf-like frequencies.
struct Words {
    words: Vec<String>,
    /// Cumulative weights.
    cumulative: Vec<f64>,
}

impl Words {
    fn new(words: Vec<String>) -> Words {
        let mut total = 0.0;
        let cumulative = (0..words.len())
            .map(|i| {
                total += 1.0 / (i as f64 + 2.7);
                total
            })
            .collect();
        Words { words, cumulative }
    }

    fn pick(&self, rng: &mut ChaCha8Rng) -> &str {
        let total = *self.cumulative.last().unwrap();
        let x = rng.random::<f64>() * total;
        let i = self.cumulative.partition_point(|&c| c < x).min(self.words.len() - 1);
        &self.words[i]
    }

    fn sentence(&self, rng: &mut ChaCha8Rng, subject: Option<&str>) -> String {
        let n = rng.random_range(8..=24);
        let mut s = String::new();
        if let Some(subject) = subject {
            s.push_str(subject);
            s.push_str(" will");
        }
        for i in 0..n {
            let w = self.pick(rng);
            if s.is_empty() && i == 0 {
                let mut c = w.chars();
                s.extend(c.next().map(|f| f.to_ascii_uppercase()));
                s.push_str(c.as_str());
            } else {
                s.push(' ');
                s.push_str(w);
            }
        }
        s.push('.');
        s
    }

    fn paragraph(&self, rng: &mut ChaCha8Rng, force: Option<&str>, sentences: usize) -> String {
        (0..sentences).map(|i| self.sentence(rng, if i == 0 { force } else { None })).collect::<Vec<_>>().join(" ")
    }
}

const CHROME: &[&str] = &[
    "Quickly exit this site by pressing the Escape key Leave this site",
    "We use some essential cookies to make our website work. We'd like to set additional cookies so we can remember your preferences and understand how you use our site.",
    "Your cookie preferences have been saved. You can update your cookie settings at any time on the cookies page.",
    "This site is a beta, which means it's a work in progress and we'll be adding more to it over the next few weeks.",
];
const STOCK: &[&str] = &[
    "We accept this recommendation.",
    "The force notes this recommendation.",
    "This recommendation is accepted in full.",
    "Work on this recommendation is ongoing.",
];

/// A response paragraph already written, that a later one may copy.
#[derive(Clone)]
struct Source {
    at: At,
    force: String,
    text: String,
}

/// Paragraphs kept as possible sources of copies.
const SOURCE_POOL: usize = 5_000;

/// A paragraph copied word for word to several forces.
struct Family {
    text: String,
    size: usize,
    members: Vec<At>,
    forces: Vec<String>,
}

/// Writes lines of one document in its shape, keeping count of lines.
struct Doc {
    id: String,
    force: String,
    lines: Vec<String>,
    shape: Shape,
    /// A table row's number and quotation, waiting for the row's first answer.
    row: Option<(u32, String)>,
    /// The glued notice is still to be glued.
    unglued: bool,
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

impl Doc {
    fn new(id: String, force: String, shape: Shape) -> Doc {
        Doc { id, force, lines: Vec::new(), shape, row: None, unglued: shape == Shape::Glued }
    }

    fn push(&mut self, line: String) -> At {
        self.lines.push(line);
        At { doc: self.id.clone(), line: self.lines.len() as u32 }
    }

    /// Opens a recommendation: a heading (with the quotation, if any, and the response marker), a
    /// prose reference, nothing, or a table row, by shape.
    fn open(&mut self, rec: &Recommendation, quote: Option<String>) {
        match self.shape {
            Shape::Headed | Shape::Glued => {
                self.push(format!("Recommendation {}. {}", rec.number, rec.addressee));
                if let Some(q) = quote {
                    self.push(q);
                }
                self.push("Force response".to_string());
            }
            Shape::Letter => {
                self.push(format!("On recommendation {}:", rec.number));
                if let Some(q) = quote {
                    self.push(q);
                }
            }
            Shape::Statement => {
                if let Some(q) = quote {
                    self.push(q);
                }
            }
            Shape::Table => {
                if !self.lines.iter().any(|l| l.contains('\t')) {
                    self.push("No.\tRecommendation\tResponse\tStatus".to_string());
                }
                self.row = Some((rec.number, quote.unwrap_or_default()));
            }
        }
    }

    /// Writes one paragraph of the body's answer (a row of its own in a table); returns where.
    fn answer(&mut self, text: String) -> At {
        match self.shape {
            Shape::Table => {
                let line = match self.row.take() {
                    Some((n, quote)) => format!(
                        "{n}\t<p>{}</p>\t<p>{}</p>\t{}",
                        escape(&quote),
                        escape(&text),
                        STATUSES[n as usize % STATUSES.len()]
                    ),
                    None => format!("\t\t<p>{}</p>\t", escape(&text)),
                };
                self.push(line)
            }
            Shape::Glued if std::mem::take(&mut self.unglued) => self.push(format!("{GLUED_NOTICE} {text}")),
            _ => self.push(text),
        }
    }
}

fn edit(text: &str, words: &Words, rng: &mut ChaCha8Rng) -> String {
    let mut ws: Vec<String> = text.split(' ').map(String::from).collect();
    let edits = rng.random_range(1..=5);
    for _ in 0..edits {
        // Edits stay away from the ends so that the copy keeps long shared runs on both sides.
        let at = rng.random_range(ws.len() / 4..(3 * ws.len() / 4).max(ws.len() / 4 + 1));
        match rng.random_range(0..3) {
            0 => ws[at] = words.pick(rng).to_string(),
            1 => ws.insert(at, words.pick(rng).to_string()),
            _ if ws.len() > 12 => {
                ws.remove(at);
            }
            _ => ws[at] = words.pick(rng).to_string(),
        }
    }
    ws.join(" ")
}

fn quote_of(rec: &Recommendation, rng: &mut ChaCha8Rng) -> String {
    let words: Vec<&str> = rec.text.split_whitespace().filter(|w| !w.starts_with('-')).collect();
    let n = rng.random_range(12..=25).min(words.len());
    let start = rng.random_range(0..=words.len() - n);
    words[start..start + n].join(" ")
}

/// Generates a corpus of about `opts.paragraphs` paragraphs into `out/corpus`, and its ground truth
/// into `out/truth.jsonl`.
pub fn generate(opts: &Options, out: &Path) -> anyhow::Result<Summary> {
    let corpus_dir = out.join("corpus");
    fs::create_dir_all(&corpus_dir).with_context(|| format!("cannot create {}", corpus_dir.display()))?;
    let mut rng = ChaCha8Rng::seed_from_u64(opts.seed);
    let words = Words::new(vocabulary(20_000, &mut rng));
    let recs = bundled_recommendations().items;
    let force_names: Vec<&str> = forces::names().filter(|n| *n != "British Transport Police").collect();

    let mut truth: Vec<Truth> = Vec::new();
    let mut sources: Vec<Source> = Vec::new();
    let mut families: Vec<Family> = Vec::new();
    let mut copies: Vec<Copy> = Vec::new();
    let mut manifest = String::from("# Synthetic corpus generated by echoes-synth.\n");
    let (mut total, mut documents) = (0usize, 0usize);
    while total < opts.paragraphs {
        let force = force_names[documents % force_names.len()].to_string();
        let slug: String = word_texts(&force).join("-");
        let shapes = if opts.shapes.is_empty() { &[Shape::Headed][..] } else { &opts.shapes[..] };
        let shape = shapes[documents % shapes.len()];
        let mut doc = Doc::new(format!("{slug}-{documents:06}"), force.clone(), shape);
        if matches!(shape, Shape::Headed | Shape::Statement | Shape::Glued) && rng.random_bool(0.3) {
            for c in CHROME {
                doc.push(c.to_string());
            }
        }
        match shape {
            Shape::Letter => doc.push(format!("Dear Sir, your letter of {} November:", 1 + documents % 28)),
            Shape::Statement => doc.push(format!("{force} statement")),
            _ => doc.push(format!("{force} response to the Safe to share? super-complaint report")),
        };
        let sentences = rng.random_range(2..=4);
        doc.push(words.paragraph(&mut rng, None, sentences));
        let mut answers: Vec<(u32, At, String)> = Vec::new();
        for rec in &recs {
            let quote = rng.random_bool(0.7).then(|| quote_of(rec, &mut rng));
            doc.open(rec, quote);
            if rng.random_bool(0.5) {
                doc.answer(STOCK[rng.random_range(0..STOCK.len())].to_string());
            }
            if rng.random_bool(0.2) {
                let own = words.paragraph(&mut rng, None, 1);
                doc.answer(format!("As the report says, {} {}", quote_of(rec, &mut rng), own));
            }
            for _ in 0..rng.random_range(2..=5) {
                let roll = rng.random::<f64>();
                let pick = (!sources.is_empty()).then(|| rng.random_range(0..sources.len()));
                let donor = pick.map(|i| sources[i].clone()).filter(|d| d.force != force);
                let long = |d: &Source, n: usize| d.text.split(' ').count() >= n;
                // Join an open family this force is not yet part of.
                let joinable = families.iter().position(|f| f.members.len() < f.size && !f.forces.contains(&force));
                let pool_before = truth.len() + families.len();
                match (donor, joinable) {
                    (_, Some(i)) if roll < 0.01 => {
                        let f = &mut families[i];
                        let at = doc.answer(f.text.clone());
                        copies.push(Copy {
                            root: f.members[0].clone(),
                            at: at.clone(),
                            plant: Plant::Family,
                            text: f.text.clone(),
                            force: force.clone(),
                        });
                        f.members.push(at);
                        f.forces.push(force.clone());
                    }
                    (Some(d), _) if roll < 0.02 => {
                        let text = d.text.clone();
                        let at = doc.answer(text.clone());
                        copies.push(Copy {
                            root: d.at.clone(),
                            at: at.clone(),
                            plant: Plant::Verbatim,
                            text,
                            force: force.clone(),
                        });
                        truth.push(Truth { plant: Plant::Verbatim, a: d.at, b: at, within: false });
                    }
                    (Some(d), _) if roll < 0.03 && long(&d, 30) => {
                        let text = edit(&d.text, &words, &mut rng);
                        let at = doc.answer(text.clone());
                        copies.push(Copy {
                            root: d.at.clone(),
                            at: at.clone(),
                            plant: Plant::Edited,
                            text,
                            force: force.clone(),
                        });
                        truth.push(Truth { plant: Plant::Edited, a: d.at, b: at, within: false });
                    }
                    (Some(d), _) if roll < 0.04 && d.text.starts_with(&d.force) => {
                        let text = d.text.replacen(&d.force, &force, 1);
                        let at = doc.answer(text.clone());
                        copies.push(Copy {
                            root: d.at.clone(),
                            at: at.clone(),
                            plant: Plant::NameSwapped,
                            text,
                            force: force.clone(),
                        });
                        truth.push(Truth { plant: Plant::NameSwapped, a: d.at, b: at, within: false });
                    }
                    (Some(d), _) if roll < 0.05 && long(&d, 20) => {
                        let ws: Vec<&str> = d.text.split(' ').collect();
                        let n = rng.random_range(15..=30).min(ws.len());
                        let start = rng.random_range(0..=ws.len() - n);
                        let passage = ws[start..start + n].join(" ").trim_end_matches('.').to_string();
                        let before = words.paragraph(&mut rng, None, 2);
                        let after = words.paragraph(&mut rng, None, 2);
                        let text = format!("{before} In particular, {passage}. {after}");
                        let at = doc.answer(text.clone());
                        copies.push(Copy {
                            root: d.at.clone(),
                            at: at.clone(),
                            plant: Plant::Partial,
                            text,
                            force: force.clone(),
                        });
                        truth.push(Truth { plant: Plant::Partial, a: d.at, b: at, within: false });
                    }
                    (Some(d), _) if roll < 0.054 => {
                        let at = doc.answer(d.text.clone());
                        copies.push(Copy {
                            root: d.at.clone(),
                            at: at.clone(),
                            plant: Plant::Family,
                            text: d.text.clone(),
                            force: force.clone(),
                        });
                        families.push(Family {
                            text: d.text,
                            size: rng.random_range(3..=5),
                            members: vec![d.at, at],
                            forces: vec![d.force, force.clone()],
                        });
                    }
                    _ => {
                        let named = rng.random_bool(0.3).then_some(force.as_str());
                        let sentences = rng.random_range(1..=4);
                        let text = words.paragraph(&mut rng, named, sentences);
                        let at = doc.answer(text.clone());
                        // Keep a bounded, evenly drawn pool of paragraphs to copy from.
                        let s = Source { at: at.clone(), force: force.clone(), text: text.clone() };
                        if sources.len() < SOURCE_POOL {
                            sources.push(s);
                        } else if rng.random_bool(0.05) {
                            let slot = rng.random_range(0..SOURCE_POOL);
                            sources[slot] = s;
                        }
                        answers.push((rec.number, at, text));
                    }
                }
                // An original is copied once (or by one family): later copies come from others.
                if let Some(i) = pick.filter(|_| truth.len() + families.len() > pool_before) {
                    sources.swap_remove(i);
                }
            }
            // One answer pasted by the same force under a later recommendation.
            if rec.number != recs[0].number && rng.random_bool(0.03) {
                if let Some((_, at, text)) = answers.iter().find(|(n, _, _)| *n != rec.number).cloned() {
                    let copy = doc.answer(text.clone());
                    copies.push(Copy {
                        root: at.clone(),
                        at: copy.clone(),
                        plant: Plant::SameForce,
                        text,
                        force: force.clone(),
                    });
                    truth.push(Truth { plant: Plant::SameForce, a: at, b: copy, within: true });
                }
            }
        }
        doc.push("Yours sincerely".to_string());
        doc.push(format!(
            "Chief Constable {}",
            words.paragraph(&mut rng, None, 1).split(' ').take(2).collect::<Vec<_>>().join(" ")
        ));
        total += doc.lines.len();
        documents += 1;
        write_doc(&corpus_dir, &doc)?;
        manifest.push_str(&format!("\n[[document]]\npath = \"{}.txt\"\nforce = \"{}\"\n", doc.id, doc.force));
    }
    for f in &families {
        for i in 0..f.members.len() {
            for j in i + 1..f.members.len() {
                truth.push(Truth {
                    plant: Plant::Family,
                    a: f.members[i].clone(),
                    b: f.members[j].clone(),
                    within: false,
                });
            }
        }
    }
    plant_between_copies(&mut truth, &copies);
    fs::write(corpus_dir.join(crate::corpus::MANIFEST), manifest)?;
    fs::write(corpus_dir.join(crate::corpus::RECOMMENDATIONS), include_str!("../corpus/recommendations.toml"))?;
    let mut w = BufWriter::new(fs::File::create(out.join("truth.jsonl"))?);
    for t in &truth {
        serde_json::to_writer(&mut w, t)?;
        writeln!(w)?;
    }
    w.flush()?;
    Ok(Summary { documents, paragraphs: total, planted: truth.len() })
}

/// Longest run of words two texts share.
fn longest_common_run(a: &str, b: &str) -> usize {
    let (a, b) = (word_texts(a), word_texts(b));
    let mut prev = vec![0usize; b.len() + 1];
    let mut best = 0;
    for x in &a {
        let mut row = vec![0usize; b.len() + 1];
        for (j, y) in b.iter().enumerate() {
            if x == y {
                row[j + 1] = prev[j] + 1;
                best = best.max(row[j + 1]);
            }
        }
        prev = row;
    }
    best
}

/// Plants the pairs between two copies of the same original (two forces that copied the same
/// text share it with each other too), when they still share a run of eight words.
fn plant_between_copies(truth: &mut Vec<Truth>, copies: &[Copy]) {
    let key = |a: &At, b: &At| if a <= b { (a.clone(), b.clone()) } else { (b.clone(), a.clone()) };
    let mut known: std::collections::HashSet<(At, At)> = truth.iter().map(|t| key(&t.a, &t.b)).collect();
    let mut groups: std::collections::BTreeMap<&At, Vec<&Copy>> = std::collections::BTreeMap::new();
    for c in copies {
        groups.entry(&c.root).or_default().push(c);
    }
    for members in groups.values() {
        for (i, x) in members.iter().enumerate() {
            for y in &members[i + 1..] {
                if x.at == y.at || !known.insert(key(&x.at, &y.at)) || longest_common_run(&x.text, &y.text) < 8 {
                    continue;
                }
                let within = x.force == y.force;
                let plant = if within { Plant::SameForce } else { x.plant.looser(y.plant) };
                truth.push(Truth { plant, a: x.at.clone(), b: y.at.clone(), within });
            }
        }
    }
}

fn write_doc(dir: &Path, doc: &Doc) -> anyhow::Result<()> {
    let path = dir.join(format!("{}.txt", doc.id));
    let mut text = doc.lines.join("\n");
    text.push('\n');
    fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))
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
