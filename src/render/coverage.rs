//! Renders coverage: body × recommendation, response paragraphs and words, and who gave no answer.

use std::io::{self, Write};

use super::{csv, json, Format};
use crate::coverage::Coverage;

/// One cell as the text table shows it: paragraphs and words, or `-` for no answer.
pub fn cell_label(paragraphs: usize, words: usize) -> String {
    if paragraphs == 0 {
        "-".to_string()
    } else {
        format!("{paragraphs} ¶ {words} w")
    }
}

/// Coverage of each report: for a corpus answering one report, as that report's table (JSON: one
/// object); for several, report by report (JSON: an array of them, CSV: a `report` column first).
pub fn coverage(out: &mut dyn Write, all: &[Coverage], format: Format, width: Option<usize>) -> io::Result<()> {
    let several = all.iter().any(|c| c.report.is_some());
    match format {
        Format::Json if !several && all.len() == 1 => json(out, &all[0]),
        Format::Json => json(out, &all),
        Format::Csv => {
            let mut head = vec!["body", "recommendation", "paragraphs", "words"];
            head.extend(super::status::TIMELINESS_CSV);
            if several {
                head.insert(0, "report");
            }
            let rows = all.iter().flat_map(|c| {
                c.cells.iter().chain(&c.unassigned).map(move |cell| {
                    let mut row = vec![
                        cell.body.clone(),
                        if cell.recommendation == 0 { "none".to_string() } else { cell.recommendation.to_string() },
                        cell.paragraphs.to_string(),
                        cell.words.to_string(),
                    ];
                    row.extend(super::status::timeliness_csv(&c.timeliness, &cell.body));
                    if several {
                        row.insert(0, c.report.clone().unwrap_or_default());
                    }
                    row
                })
            });
            csv(out, &head, rows)
        }
        Format::Text => {
            for (i, c) in all.iter().enumerate() {
                if let Some(report) = &c.report {
                    writeln!(out, "{}report {}", if i > 0 { "\n" } else { "" }, super::terminal_safe(report))?;
                }
                table_of(out, c, width)?;
            }
            Ok(())
        }
    }
}

fn table_of(out: &mut dyn Write, c: &Coverage, width: Option<usize>) -> io::Result<()> {
    let mut rows = vec![std::iter::once("body".to_string())
        .chain(c.recommendations.iter().map(|r| format!("rec {r}")))
        .chain(["no rec named".to_string()])
        .collect::<Vec<_>>()];
    for body in &c.bodies {
        let mut row = vec![body.clone()];
        for &rec in &c.recommendations {
            row.push(c.cell(body, rec).map_or("-".into(), |x| cell_label(x.paragraphs, x.words)));
        }
        let other = c.unassigned.iter().find(|x| &x.body == body);
        row.push(other.map_or("-".into(), |x| cell_label(x.paragraphs, x.words)));
        rows.push(row);
    }
    write!(out, "{}", super::table_fit(&rows, width))?;
    writeln!(
        out,
        "\n(¶ paragraphs of the body's own words, w their words; - none. \"no rec named\": letters, \
                 statements and answers that name no recommendation)"
    )?;
    if !c.references.is_empty() {
        let names: Vec<String> = c.references.iter().map(|r| super::terminal_safe(r).to_string()).collect();
        writeln!(out, "references (the report's own documents, no body's answer): {}", names.join("; "))?;
    }
    for u in c.unanswered.iter().filter(|u| !u.bodies.is_empty()) {
        writeln!(
            out,
            "no answer to recommendation {}: {}",
            u.recommendation,
            u.bodies.iter().map(|b| super::terminal_safe(b).into_owned()).collect::<Vec<_>>().join("; ")
        )?;
    }
    super::status::timeliness_text(out, &c.timeliness, width)
}
