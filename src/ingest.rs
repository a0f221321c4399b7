//! Ingestion: turns each file of a corpus into a document and its paragraphs (reader,
//! segmentation, force from the manifest or the text, ids and ordinals).

use std::collections::{BTreeSet, HashMap};

use crate::corpus::{Corpus, SourceFile};
use crate::forces;
use crate::model::{Document, ForceSource, Paragraph, Role, RoleCounts};
use crate::quote::{Quoter, QUOTE_NGRAM};
use crate::segment::segment;

/// A document with its paragraphs.
#[derive(Debug, Clone)]
pub struct Ingested {
    pub document: Document,
    pub paragraphs: Vec<Paragraph>,
}

/// A path without its extension.
fn stem(path: &str) -> &str {
    match path.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() && !stem.ends_with('/') => stem,
        _ => path,
    }
}

fn ingest_file(file: &SourceFile, id: String, quoter: &Quoter) -> Ingested {
    let segments = segment(file.blocks.clone(), quoter);
    let (force, force_source) = match &file.entry.force {
        Some(name) => (Some(name.clone()), Some(ForceSource::Manifest)),
        None => {
            let own_words = segments.iter().filter(|s| matches!(s.role, Role::Response | Role::Preamble));
            match forces::detect(own_words.map(|s| s.text.as_str())) {
                Some(name) => (Some(name.to_string()), Some(ForceSource::Detected)),
                None => (None, None),
            }
        }
    };
    let mut counts = RoleCounts::default();
    let mut recs = BTreeSet::new();
    let paragraphs: Vec<Paragraph> = segments
        .into_iter()
        .enumerate()
        .map(|(i, s)| {
            counts.add(s.role);
            recs.extend(s.recommendations.iter().copied());
            Paragraph {
                id: format!("{id}:{i}"),
                doc: id.clone(),
                path: file.path.clone(),
                force: force.clone(),
                recommendation: s.recommendation,
                recommendations: s.recommendations,
                role: s.role,
                status: s.status,
                paragraph: i as u32,
                line: s.line,
                text: s.text,
            }
        })
        .collect();
    let document = Document {
        doc: id,
        path: file.path.clone(),
        force,
        force_source,
        date: file.entry.date.clone(),
        source: file.entry.source.clone(),
        report: file.entry.report.clone(),
        format: file.format.clone(),
        recommendations: recs.into_iter().collect(),
        paragraphs: counts,
    };
    Ingested { document, paragraphs }
}

/// Each file's document id: its path without the extension, unless another file shares that stem.
pub fn document_ids(corpus: &Corpus) -> HashMap<String, String> {
    let mut stems: HashMap<&str, usize> = HashMap::new();
    for file in &corpus.files {
        *stems.entry(stem(&file.path)).or_default() += 1;
    }
    let id = |path: &str| if stems[stem(path)] > 1 { path.to_string() } else { stem(path).to_string() };
    corpus.files.iter().map(|f| (f.path.clone(), id(&f.path))).collect()
}

/// Ingests every file of the corpus, in path order, one file at a time as the caller asks for
/// them (so that indexing one document overlaps with reading the next).
pub fn ingest(corpus: &Corpus) -> impl Iterator<Item = Ingested> + '_ {
    ingest_only(corpus, |_| true)
}

/// Ingests the files of the corpus that `keep` selects, with the ids they have in the whole corpus.
pub fn ingest_only<'c>(corpus: &'c Corpus, keep: impl Fn(&str) -> bool + 'c) -> impl Iterator<Item = Ingested> + 'c {
    let quoter = Quoter::new(&corpus.recommendations.items, QUOTE_NGRAM);
    let ids = document_ids(corpus);
    corpus
        .files
        .iter()
        .filter(move |f| keep(&f.path))
        .map(move |file| ingest_file(file, ids[&file.path].clone(), &quoter))
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
