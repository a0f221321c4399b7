//! What a search's scores count: the paragraphs and words of the live index only. A paragraph
//! deleted by an update stays in its segment, counted by tantivy's statistics, until a merge (and
//! a merge of a segment with deletions estimates its words); the scores of a search after an
//! update must be those of a fresh build of the same corpus.

use std::collections::HashMap;
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use tantivy::collector::DocSetCollector;
use tantivy::query::{Bm25StatisticsProvider, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::tokenizer::{TextAnalyzer, TokenStream};
use tantivy::{DocId, DocSet, Searcher, SegmentReader, TantivyDocument, Term, TERMINATED};

use super::schema::Fields;
use super::tokenizer;

/// The words of the live paragraphs, per searched field, counted as tantivy counts them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Words {
    /// Tokens of the stemmed field (`text`).
    pub text: u64,
    /// Tokens of the unstemmed field (`exact`).
    pub exact: u64,
}

impl Words {
    /// What the index's segments record. Exact while no segment holds a deletion (a fresh build).
    pub fn recorded(searcher: &Searcher, fields: Fields) -> tantivy::Result<Words> {
        let mut out = Words::default();
        for reader in searcher.segment_readers() {
            out.text += reader.inverted_index(fields.text)?.total_num_tokens();
            out.exact += reader.inverted_index(fields.exact)?.total_num_tokens();
        }
        Ok(out)
    }

    /// The words of the live paragraphs of these documents.
    pub fn of_documents(searcher: &Searcher, fields: Fields, docs: &[&str]) -> tantivy::Result<Words> {
        let (mut stemmed, mut exact) = (tokenizer::stemmed(), tokenizer::exact_indexed());
        let mut out = Words::default();
        for doc in docs {
            let query = TermQuery::new(Term::from_field_text(fields.doc, doc), IndexRecordOption::Basic);
            for address in searcher.search(&query, &DocSetCollector)? {
                let d: TantivyDocument = searcher.doc(address)?;
                for value in d.get_all(fields.text) {
                    if let Some(text) = value.as_str() {
                        out.text += tokens(&mut stemmed, text);
                        out.exact += tokens(&mut exact, text);
                    }
                }
            }
        }
        Ok(out)
    }

    /// These words, less `gone`, plus `added`.
    pub fn updated(self, gone: Words, added: Words) -> Words {
        Words {
            text: self.text.saturating_sub(gone.text) + added.text,
            exact: self.exact.saturating_sub(gone.exact) + added.exact,
        }
    }
}

fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> u64 {
    let mut stream = analyzer.token_stream(text);
    let mut n = 0;
    while stream.advance() {
        n += 1;
    }
    n
}

fn deleted_docs(reader: &SegmentReader) -> Vec<DocId> {
    match reader.alive_bitset() {
        Some(alive) => (0..reader.max_doc()).filter(|&d| !alive.is_alive(d)).collect(),
        None => Vec::new(),
    }
}

/// BM25's statistics over the live paragraphs: deleted paragraphs, and their words, left out.
pub struct LiveStats<'a> {
    searcher: &'a Searcher,
    fields: Fields,
    /// The live paragraphs' words as the build recorded them (none: what the segments record).
    words: Option<Words>,
    /// Deleted documents per segment, found once.
    deleted: Mutex<HashMap<u32, Vec<DocId>>>,
}

impl<'a> LiveStats<'a> {
    pub fn new(searcher: &'a Searcher, fields: Fields, words: Option<Words>) -> LiveStats<'a> {
        LiveStats { searcher, fields, words, deleted: Mutex::new(HashMap::new()) }
    }
}

impl Bm25StatisticsProvider for LiveStats<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        match self.words {
            Some(w) if field == self.fields.text => Ok(w.text),
            Some(w) if field == self.fields.exact => Ok(w.exact),
            _ => self.searcher.total_num_tokens(field),
        }
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        Ok(self.searcher.num_docs())
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        let mut total = 0u64;
        for (ord, reader) in self.searcher.segment_readers().iter().enumerate() {
            let index = reader.inverted_index(term.field())?;
            let freq = u64::from(index.doc_freq(term)?);
            if freq == 0 || !reader.has_deletes() {
                total += freq;
                continue;
            }
            // The deleted paragraphs that hold the term, sought in its postings.
            let Some(mut postings) = index.read_postings(term, IndexRecordOption::Basic)? else { continue };
            let mut deleted = self.deleted.lock().unwrap_or_else(|e| e.into_inner());
            let gone = deleted.entry(ord as u32).or_insert_with(|| deleted_docs(reader));
            let mut holding = 0u64;
            for &doc in gone.iter() {
                if postings.doc() == TERMINATED {
                    break;
                }
                if postings.doc() < doc {
                    postings.seek(doc);
                }
                if postings.doc() == doc {
                    holding += 1;
                }
            }
            total += freq.saturating_sub(holding);
        }
        Ok(total)
    }
}
