//! The index's schema: its fields, and how a paragraph is written to and read from a tantivy
//! document.

use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value, FAST, INDEXED, STORED, STRING,
};
use tantivy::TantivyDocument;

use super::tokenizer;
use crate::model::{Paragraph, Role};

/// The index's fields.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub id: Field,
    pub doc: Field,
    pub path: Field,
    pub force: Field,
    pub recommendation: Field,
    pub role: Field,
    pub paragraph: Field,
    pub line: Field,
    pub status: Field,
    /// The report the paragraph belongs to.
    pub report: Field,
    /// A key of the paragraph's id: orders search hits of equal score the same way in every build.
    pub tiebreak: Field,
    /// Stemmed, with positions, stored: the original wording.
    pub text: Field,
    /// Unstemmed, with positions, not stored.
    pub exact: Field,
    /// The date of the paragraph's document, stored: a hit says it without the list of documents
    /// being read.
    pub date: Field,
}

pub fn schema() -> Schema {
    let mut b = Schema::builder();
    let analyzed = |name: &str| {
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default().set_tokenizer(name).set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
    };
    b.add_text_field("id", STRING | STORED);
    b.add_text_field("doc", STRING | STORED | FAST);
    b.add_text_field("path", STORED);
    b.add_text_field("force", STRING | STORED | FAST);
    b.add_u64_field("recommendation", INDEXED | STORED | FAST);
    b.add_text_field("role", STRING | STORED | FAST);
    b.add_u64_field("paragraph", STORED | FAST);
    b.add_u64_field("line", STORED);
    b.add_text_field("status", STORED);
    b.add_text_field("report", STRING | STORED | FAST);
    b.add_u64_field("tiebreak", FAST);
    b.add_text_field("text", analyzed(tokenizer::STEMMED) | STORED);
    b.add_text_field("exact", analyzed(tokenizer::EXACT));
    b.add_text_field("date", STORED);
    b.build()
}

impl Fields {
    pub fn from_schema(schema: &Schema) -> Result<Fields, String> {
        let get = |name: &str| schema.get_field(name).map_err(|_| format!("no field '{name}'"));
        Ok(Fields {
            id: get("id")?,
            doc: get("doc")?,
            path: get("path")?,
            force: get("force")?,
            recommendation: get("recommendation")?,
            role: get("role")?,
            paragraph: get("paragraph")?,
            line: get("line")?,
            status: get("status")?,
            report: get("report")?,
            tiebreak: get("tiebreak")?,
            text: get("text")?,
            exact: get("exact")?,
            date: get("date")?,
        })
    }

    /// A paragraph as a tantivy document, with its document's date.
    pub fn to_document(self, p: &Paragraph, date: Option<&str>) -> TantivyDocument {
        let mut d = TantivyDocument::default();
        if let Some(date) = date {
            d.add_text(self.date, date);
        }
        d.add_text(self.id, &p.id);
        d.add_u64(self.tiebreak, xxhash_rust::xxh3::xxh3_64(p.id.as_bytes()));
        d.add_text(self.doc, &p.doc);
        d.add_text(self.path, &p.path);
        if let Some(force) = &p.force {
            d.add_text(self.force, force);
        }
        // The first value is the paragraph's recommendation; every one is searchable.
        for rec in p.answers() {
            d.add_u64(self.recommendation, u64::from(rec));
        }
        if let Some(status) = &p.status {
            d.add_text(self.status, status);
        }
        if let Some(report) = &p.report {
            d.add_text(self.report, report);
        }
        d.add_text(self.role, p.role.as_str());
        d.add_u64(self.paragraph, u64::from(p.paragraph));
        d.add_u64(self.line, u64::from(p.line));
        d.add_text(self.text, &p.text);
        d.add_text(self.exact, &p.text);
        d
    }

    /// The stored date of a paragraph's document.
    pub fn date(self, d: &TantivyDocument) -> Option<String> {
        d.get_first(self.date).and_then(|v| v.as_str()).map(str::to_string)
    }

    /// Reads a stored paragraph back.
    pub fn paragraph(self, d: &TantivyDocument) -> Paragraph {
        let text = |f: Field| d.get_first(f).and_then(|v| v.as_str()).map(str::to_string);
        let number = |f: Field| d.get_first(f).and_then(|v| v.as_u64());
        Paragraph {
            id: text(self.id).unwrap_or_default(),
            doc: text(self.doc).unwrap_or_default(),
            path: text(self.path).unwrap_or_default(),
            force: text(self.force),
            recommendation: number(self.recommendation).map(|n| n as u32),
            recommendations: {
                let mut all: Vec<u32> =
                    d.get_all(self.recommendation).filter_map(|v| v.as_u64()).map(|n| n as u32).collect();
                all.sort_unstable();
                all
            },
            role: text(self.role).and_then(|r| r.parse().ok()).unwrap_or(Role::Preamble),
            status: text(self.status),
            paragraph: number(self.paragraph).unwrap_or(0) as u32,
            line: number(self.line).unwrap_or(0) as u32,
            text: text(self.text).unwrap_or_default(),
            report: text(self.report),
        }
    }
}
