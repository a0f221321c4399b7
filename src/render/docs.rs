//! Renders the document list and a document's paragraphs.

use std::io::{self, Write};

use serde::Serialize;

use super::Format;
use crate::model::{Document, Paragraph, Recommendations};
use crate::render::{
    cell, csv, force_label, json, name_safe, paragraph_row, terminal_safe, Painter, DIM, ID, PARAGRAPH_HEADER,
};

fn rec_list(recs: &[u32]) -> String {
    recs.iter().map(u32::to_string).collect::<Vec<_>>().join(",")
}

/// The recommendations a document answers, then in brackets the ones it only mentions:
/// `1,4,5 (+8)`.
fn answers_and_mentions(d: &Document) -> String {
    match (d.answers.is_empty(), d.mentions.is_empty()) {
        (true, true) => "-".into(),
        (false, true) => rec_list(&d.answers),
        (true, false) => format!("(+{})", rec_list(&d.mentions)),
        (false, false) => format!("{} (+{})", rec_list(&d.answers), rec_list(&d.mentions)),
    }
}

/// A document with what looks doubtful about it.
#[derive(Serialize)]
struct Checked<'a> {
    #[serde(flatten)]
    document: &'a Document,
    doubts: Vec<&'static str>,
}

/// The documents, one row each. In a corpus answering several reports, the text output first
/// lists the reports with how many documents answer each, and every format gains a report column.
pub fn documents(
    out: &mut dyn Write,
    docs: &[Document],
    reports: &[Recommendations],
    format: Format,
    width: Option<usize>,
) -> io::Result<()> {
    let several = reports.len() > 1;
    let report_of = |d: &Document| d.report.clone().unwrap_or_else(|| "-".into());
    match format {
        Format::Json => {
            json(out, &docs.iter().map(|d| Checked { document: d, doubts: d.doubts() }).collect::<Vec<_>>())
        }
        Format::Csv => csv(
            out,
            &[
                "doc",
                "path",
                "force",
                "date",
                "recommendations",
                "response",
                "recommendation",
                "preamble",
                "chrome",
                "doubts",
                "report",
            ][..if several { 11 } else { 10 }],
            docs.iter().map(|d| {
                let c = d.paragraphs;
                let mut row = vec![
                    d.doc.clone(),
                    d.path.clone(),
                    if d.reference { "(reference)".to_string() } else { cell(d.force.as_ref()) },
                    cell(d.date.as_ref()),
                    rec_list(&d.recommendations),
                    c.response.to_string(),
                    c.recommendation.to_string(),
                    c.preamble.to_string(),
                    c.chrome.to_string(),
                    d.doubts().join("; "),
                ];
                if several {
                    row.push(report_of(d));
                }
                row
            }),
        ),
        Format::Text => {
            if several {
                for r in reports {
                    let answering = docs.iter().filter(|d| d.report.as_deref() == Some(r.id())).count();
                    let about = [r.title.as_deref(), r.publisher.as_deref(), r.date.as_deref()];
                    let about: Vec<&str> = about.into_iter().flatten().collect();
                    writeln!(
                        out,
                        "report {}: {} ({answering} document{})",
                        terminal_safe(r.id()),
                        terminal_safe(&about.join(", ")),
                        if answering == 1 { "" } else { "s" }
                    )?;
                }
                let unmatched = docs.iter().filter(|d| d.report.is_none()).count();
                if unmatched > 0 {
                    writeln!(out, "no report matched: {unmatched} document{}", if unmatched == 1 { "" } else { "s" })?;
                }
                writeln!(out)?;
            }
            let header = [
                "doc",
                "report",
                "body",
                "date",
                "recs",
                "response",
                "recommendation",
                "preamble",
                "chrome",
                "format",
                "check",
            ];
            let mut rows = vec![header.iter().filter(|h| several || **h != "report").map(|h| h.to_string()).collect()];
            for d in docs {
                let c = d.paragraphs;
                let mut row = vec![
                    name_safe(&d.doc).into_owned(),
                    if d.reference {
                        "(reference)".to_string()
                    } else {
                        name_safe(force_label(d.force.as_deref())).into_owned()
                    },
                    name_safe(d.date.as_deref().unwrap_or("-")).into_owned(),
                    answers_and_mentions(d),
                    c.response.to_string(),
                    c.recommendation.to_string(),
                    c.preamble.to_string(),
                    c.chrome.to_string(),
                    terminal_safe(&d.format).into_owned(),
                    d.doubts().join("; "),
                ];
                if several {
                    row.insert(1, report_of(d));
                }
                rows.push(row);
            }
            let short = [("response", "resp"), ("recommendation", "reco"), ("preamble", "pre"), ("chrome", "chr")];
            write!(out, "{}", super::table_fit_short(&rows, width, &short))
        }
    }
}

/// How a document was read ("pdf (ruled table)", "pdf (OCR), mean confidence 94%"), one line
/// above its paragraphs in the text output.
pub fn read_as(out: &mut dyn Write, doc: &Document, format: Format, painter: Painter) -> io::Result<()> {
    if format == Format::Text {
        writeln!(out, "{}", painter.paint(DIM, &format!("format: {}", terminal_safe(&doc.format))))?;
    }
    Ok(())
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
                let rec = if p.recommendation.is_some() { painter.recs_label(p) } else { "-".into() };
                let meta = format!("line {:<4} {:<14} {:<6}{}", p.line, p.role.as_str(), rec, super::status_label(p));
                writeln!(
                    out,
                    "{} {}  {}",
                    painter.paint(ID, &format!("{:>4}", p.paragraph)),
                    painter.paint(DIM, &meta),
                    painter.plain(&p.text)
                )?;
            }
            Ok(())
        }
    }
}
