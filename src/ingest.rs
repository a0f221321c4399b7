//! Ingestion: turns each file of a corpus into a document and its paragraphs (reader,
//! segmentation, force from the manifest or the text, ids and ordinals).

use std::collections::{BTreeSet, HashMap};

use crate::corpus::{Corpus, SourceFile};
use crate::model::{Document, ForceSource, Paragraph, Recommendations, Role, RoleCounts};
use crate::normalize::normalize_lower;
use crate::quote::{Quoter, QUOTE_NGRAM};
use crate::segment::segment;

/// A document with its paragraphs.
#[derive(Debug, Clone)]
pub struct Ingested {
    pub document: Document,
    pub paragraphs: Vec<Paragraph>,
    /// The page's title (HTML), evidence of whose site the page is on.
    pub title: Option<String>,
}

/// A path without its extension.
fn stem(path: &str) -> &str {
    match path.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() && !stem.ends_with('/') => stem,
        _ => path,
    }
}

/// The reports of a corpus, ready to recognise their quotation.
pub struct Reports {
    /// Each report's id and quoter, in corpus order.
    each: Vec<(String, Quoter)>,
    /// Every report's recommendations at once: for documents that answer no known report.
    all: Quoter,
    /// Each report's title, lowercased, for documents that name the report they answer.
    titles: Vec<Option<String>>,
}

impl Reports {
    pub fn new(reports: &[Recommendations]) -> Reports {
        let each = reports.iter().map(|r| (r.id().to_string(), Quoter::new(&r.items, QUOTE_NGRAM))).collect();
        let all_items: Vec<_> = reports.iter().flat_map(|r| r.items.iter().cloned()).collect();
        let titles = reports.iter().map(|r| r.title.as_ref().map(|t| normalize_lower(t))).collect();
        Reports { each, all: Quoter::new(&all_items, QUOTE_NGRAM), titles }
    }

    /// The report a file answers: the manifest's, the only one, or the one whose recommendations
    /// it quotes most (naming a report's title counts as quoting it); None if none is quoted.
    /// (A manifest naming a report the corpus does not describe is noted when the corpus is read.)
    fn matched(&self, file: &SourceFile) -> Option<usize> {
        if let Some(i) = file.entry.report.as_ref().and_then(|id| self.each.iter().position(|(r, _)| r == id)) {
            return Some(i);
        }
        if self.each.len() == 1 {
            return Some(0);
        }
        // A document answering a report quotes several of its recommendations (a passing quotation
        // of another report is one); naming a report's title weighs more than one quotation.
        let mut quoted: Vec<BTreeSet<u32>> = vec![BTreeSet::new(); self.each.len()];
        let mut named = vec![false; self.each.len()];
        for b in &file.blocks {
            let lower = normalize_lower(&b.text);
            for (i, (_, quoter)) in self.each.iter().enumerate() {
                let c = quoter.coverage(&b.text);
                if c.share >= crate::quote::QUOTATION_SHARE {
                    quoted[i].insert(c.recommendation.unwrap_or(0));
                }
                if self.titles[i].as_ref().is_some_and(|t| lower.contains(t.as_str())) {
                    named[i] = true;
                }
            }
        }
        let scores: Vec<usize> = quoted.iter().zip(&named).map(|(q, &n)| 2 * q.len() + if n { 3 } else { 0 }).collect();
        let best = scores.iter().copied().max().unwrap_or(0);
        (best > 0).then(|| scores.iter().position(|&s| s == best).expect("the maximum is there"))
    }
}

fn ingest_file(file: &SourceFile, id: String, reports: &Reports) -> Ingested {
    let matched = reports.matched(file);
    let quoter = matched.map_or(&reports.all, |i| &reports.each[i].1);
    let report = matched.map(|i| reports.each[i].0.clone());
    let segments = segment(file.blocks.clone(), quoter);
    let title = file.blocks.iter().find(|b| b.hint == crate::model::Hint::Title).map(|b| b.text.clone());
    let reference = file.entry.is_reference();
    let (force, force_source) = match &file.entry.force {
        // A reference is the report's, or its author's: no responding body wrote it.
        _ if reference => (None, None),
        Some(name) => (Some(name.clone()), Some(ForceSource::Manifest)),
        None => {
            let own_words: Vec<(&str, bool)> = segments
                .iter()
                .filter(|s| s.role.is_own() || s.role == Role::Chrome)
                .map(|s| (s.text.as_str(), s.role == Role::Response && s.recommendation.is_some()))
                .collect();
            match crate::authorship::author(&own_words, title.as_deref()).body {
                Some(name) => (Some(name.to_string()), Some(ForceSource::Detected)),
                None => (None, None),
            }
        }
    };
    let mut counts = RoleCounts::default();
    let mut recs = BTreeSet::new();
    let mut answers = BTreeSet::new();
    let paragraphs: Vec<Paragraph> = segments
        .into_iter()
        .enumerate()
        .map(|(i, s)| {
            let mut p = Paragraph {
                id: format!("{id}:{i}"),
                doc: id.clone(),
                path: file.path.clone(),
                force: force.clone(),
                recommendation: s.recommendation,
                recommendations: s.recommendations,
                role: if reference && s.role != Role::Chrome { Role::Reference } else { s.role },
                status: s.status,
                paragraph: i as u32,
                line: s.line,
                text: s.text,
                report: report.clone(),
            };
            // Text quoted from another report of the corpus is quotation too, labelled with it;
            // a few words (a table's header cell, a row number) stand in any report's text and
            // tell nothing.
            let long = || crate::normalize::word_count(&p.text) >= QUOTE_NGRAM;
            if p.role.is_own() && reports.each.len() > 1 && long() {
                let other =
                    reports.each.iter().enumerate().filter(|(k, _)| Some(*k) != matched).find_map(|(_, (rid, q))| {
                        let c = q.coverage(&p.text);
                        (c.share >= crate::quote::QUOTATION_SHARE).then(|| (rid.clone(), c.recommendation))
                    });
                if let Some((rid, rec)) = other {
                    p.role = Role::Recommendation;
                    p.report = Some(rid);
                    p.recommendation = rec;
                    p.recommendations = rec.into_iter().collect();
                }
            }
            counts.add(p.role);
            if p.report == report {
                recs.extend(p.recommendations.iter().copied());
                if p.role == Role::Response {
                    answers.extend(p.answers());
                }
            }
            p
        })
        .collect();
    let document = Document {
        doc: id,
        path: file.path.clone(),
        force,
        force_source,
        date: file.entry.date.clone(),
        source: file.entry.source.clone(),
        report,
        format: file.format.clone(),
        reference,
        mentions: recs.difference(&answers).copied().collect(),
        recommendations: recs.iter().copied().collect(),
        answers: answers.into_iter().collect(),
        paragraphs: counts,
    };
    Ingested { document, paragraphs, title }
}

/// Each file's document id: its path without the extension, unless another file shares that stem.
pub fn document_ids(corpus: &Corpus) -> HashMap<String, String> {
    let mut stems: HashMap<&str, usize> = HashMap::new();
    for file in &corpus.files {
        *stems.entry(stem(&file.path)).or_default() += 1;
    }
    // On one line, whatever the file's name holds: an id is printed everywhere.
    let id = |path: &str| {
        let id = if stems[stem(path)] > 1 { path } else { stem(path) };
        crate::model::one_line(id).into_owned()
    };
    corpus.files.iter().map(|f| (f.path.clone(), id(&f.path))).collect()
}

/// Ingests every file of the corpus, in path order, a batch at a time as the caller asks for them
/// (so that indexing one batch overlaps with reading the next).
pub fn ingest(corpus: &Corpus) -> impl Iterator<Item = Ingested> + '_ {
    ingest_only(corpus, |_| true)
}

/// Files ingested at a time, on every core (in corpus order all the same).
const BATCH: usize = 64;

/// Ingests the files of the corpus that `keep` selects, with the ids they have in the whole corpus:
/// a batch at a time on every core, handed on in corpus order.
pub fn ingest_only<'c>(corpus: &'c Corpus, keep: impl Fn(&str) -> bool + 'c) -> impl Iterator<Item = Ingested> + 'c {
    use rayon::prelude::*;
    let reports = Reports::new(&corpus.reports);
    let ids = document_ids(corpus);
    let files: Vec<&SourceFile> = corpus.files.iter().filter(|f| keep(&f.path)).collect();
    let batches: Vec<Vec<&SourceFile>> = files.chunks(BATCH).map(<[_]>::to_vec).collect();
    batches.into_iter().flat_map(move |batch| {
        batch.par_iter().map(|file| ingest_file(file, ids[&file.path].clone(), &reports)).collect::<Vec<_>>()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stem_drops_only_the_extension() {
        assert_eq!(stem("kent-2021.txt"), "kent-2021");
        assert_eq!(stem("sub/kent.v2.html"), "sub/kent.v2");
        assert_eq!(stem(".hidden"), ".hidden");
    }
}
