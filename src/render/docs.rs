//! Renders the document list and a document's paragraphs.

use std::io::{self, Write};

use crate::cli::Format;
use crate::model::{Document, Paragraph};
use crate::render::{cell, csv, force_label, json, paragraph_row, table, Painter, DIM, ID, PARAGRAPH_HEADER};

fn rec_list(recs: &[u32]) -> String {
    recs.iter().map(u32::to_string).collect::<Vec<_>>().join(",")
}

pub fn documents(out: &mut dyn Write, docs: &[Document], format: Format) -> io::Result<()> {
    match format {
        Format::Json => json(out, docs),
        Format::Csv => csv(
            out,
            &["doc", "path", "force", "date", "recommendations", "response", "recommendation", "preamble", "chrome"],
            docs.iter().map(|d| {
                let c = d.paragraphs;
                vec![
                    d.doc.clone(),
                    d.path.clone(),
                    cell(d.force.as_ref()),
                    cell(d.date.as_ref()),
                    rec_list(&d.recommendations),
                    c.response.to_string(),
                    c.recommendation.to_string(),
                    c.preamble.to_string(),
                    c.chrome.to_string(),
                ]
            }),
        ),
        Format::Text => {
            let mut rows = vec![["doc", "force", "date", "recs", "response", "recommendation", "preamble", "chrome"]
                .map(String::from)
                .to_vec()];
            for d in docs {
                let c = d.paragraphs;
                rows.push(vec![
                    d.doc.clone(),
                    force_label(d.force.as_deref()).to_string(),
                    d.date.clone().unwrap_or_else(|| "-".into()),
                    if d.recommendations.is_empty() { "-".into() } else { rec_list(&d.recommendations) },
                    c.response.to_string(),
                    c.recommendation.to_string(),
                    c.preamble.to_string(),
                    c.chrome.to_string(),
                ]);
            }
            write!(out, "{}", table(&rows))
        }
    }
}

pub fn paragraphs(out: &mut dyn Write, paras: &[Paragraph], format: Format, painter: Painter) -> io::Result<()> {
    match format {
        Format::Json => json(out, paras),
        Format::Csv => csv(
            out,
            &[&PARAGRAPH_HEADER[..], &["text"]].concat(),
            paras.iter().map(|p| [paragraph_row(p), vec![p.text.clone()]].concat()),
        ),
        Format::Text => {
            for p in paras {
                let rec = p.recommendation.map(|n| format!("rec {n}")).unwrap_or_else(|| "-".into());
                let meta = format!("line {:<4} {:<14} {:<6}", p.line, p.role.as_str(), rec);
                writeln!(
                    out,
                    "{} {}  {}",
                    painter.paint(ID, &format!("{:>4}", p.paragraph)),
                    painter.paint(DIM, &meta),
                    p.text
                )?;
            }
            Ok(())
        }
    }
}
