//! Renders exported paragraphs with their documents' metadata: NDJSON (one paragraph a line, as
//! search clusters ingest it), JSON and CSV, these two with how the export was made.

use std::collections::HashMap;
use std::io::{self, Write};

use serde::Serialize;

use crate::made::Made;
use crate::model::{Document, Paragraph};
use crate::render::{cell, csv, json, paragraph_row, PARAGRAPH_HEADER};

/// The formats `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Ndjson,
    Json,
    Csv,
}

/// One exported paragraph: the paragraph (its `report` always present, null when no report was
/// matched) and its document's metadata.
#[derive(Serialize)]
struct Exported<'a> {
    #[serde(flatten)]
    paragraph: Paragraph,
    date: Option<&'a str>,
    source: Option<&'a str>,
    report: Option<&'a str>,
    format: Option<&'a str>,
}

fn exported<'a>(paras: &'a [Paragraph], docs: &'a [Document]) -> impl Iterator<Item = Exported<'a>> {
    let by_id: HashMap<&str, &Document> = docs.iter().map(|d| (d.doc.as_str(), d)).collect();
    paras.iter().map(move |p| {
        let d = by_id.get(p.doc.as_str());
        Exported {
            // The paragraph's report (quotation of another report is labelled with that one).
            paragraph: Paragraph { report: None, ..p.clone() },
            date: d.and_then(|d| d.date.as_deref()),
            source: d.and_then(|d| d.source.as_deref()),
            report: p.report.as_deref(),
            format: d.map(|d| d.format.as_str()),
        }
    })
}

/// Paragraphs as newline-delimited JSON, one object per line.
pub fn ndjson(out: &mut dyn Write, paras: &[Paragraph], docs: &[Document]) -> io::Result<()> {
    for line in exported(paras, docs) {
        serde_json::to_writer(&mut *out, &line)?;
        writeln!(out)?;
    }
    Ok(())
}

/// What an export to a file says it wrote: `wrote 29 paragraphs of 5 documents to out.csv`.
pub fn wrote(paras: &[Paragraph], path: &std::path::Path) -> String {
    let docs: std::collections::BTreeSet<&str> = paras.iter().map(|p| p.doc.as_str()).collect();
    format!(
        "wrote {} of {} to {}",
        crate::render::count_of(paras.len(), "paragraph"),
        crate::render::count_of(docs.len(), "document"),
        path.display()
    )
}

/// The export in `format`; JSON and CSV say how it was made, NDJSON when `ndjson_made` asks.
pub fn paragraphs(
    out: &mut dyn Write,
    paras: &[Paragraph],
    docs: &[Document],
    format: ExportFormat,
    made: &Made,
    ndjson_made: bool,
) -> io::Result<()> {
    match format {
        ExportFormat::Ndjson => {
            if ndjson_made {
                super::made::ndjson_line(out, made)?;
            }
            ndjson(out, paras, docs)
        }
        ExportFormat::Json => {
            #[derive(Serialize)]
            struct Whole<'a> {
                made: &'a Made,
                paragraphs: Vec<Exported<'a>>,
            }
            json(out, &Whole { made, paragraphs: exported(paras, docs).collect() })
        }
        ExportFormat::Csv => {
            super::made::comments(out, made)?;
            let mut header = PARAGRAPH_HEADER.to_vec();
            header.extend(["recommendations", "status", "report", "date", "source", "format", "text"]);
            let rows = exported(paras, docs).map(|e| {
                let p = &e.paragraph;
                let mut row = paragraph_row(p);
                row.push(p.recommendations.iter().map(u32::to_string).collect::<Vec<_>>().join(","));
                row.push(cell(p.status.as_ref()));
                row.extend([e.report, e.date, e.source, e.format].map(cell));
                row.push(p.text.clone());
                row
            });
            csv(out, &header, rows)
        }
    }
}
