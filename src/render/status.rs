//! Renders where each body stands: the stated status grid with its evidence, and each body's
//! timeliness (the date it answered, days after publication, on time or late).

use std::io::{self, Write};

use super::{csv, json, terminal_safe, Format};
use crate::status::{Source, StatusCell, StatusGrid};
use crate::timeliness::Timeliness;

/// A cell as the grid shows it: its status, or `no answer`.
pub fn cell_label(c: &StatusCell) -> &'static str {
    if c.answered {
        c.status.as_str()
    } else {
        "no answer"
    }
}

/// The status grids: for one report, its grid (JSON: one object); for several, report by report
/// (JSON: an array, CSV: a `report` column first).
pub fn status(out: &mut dyn Write, all: &[StatusGrid], format: Format, width: Option<usize>) -> io::Result<()> {
    let several = all.iter().any(|g| g.report.is_some());
    match format {
        Format::Json if !several && all.len() == 1 => json(out, &all[0]),
        Format::Json => json(out, &all),
        Format::Csv => {
            let mut head = vec!["body", "recommendation", "answered", "status", "from", "paragraph", "evidence"];
            if several {
                head.insert(0, "report");
            }
            let rows = all.iter().flat_map(|g| {
                g.cells.iter().map(move |c| {
                    let ev = c.evidence.as_ref();
                    let from = ev.map(|e| e.from.as_str().to_string());
                    let mut row = vec![
                        c.body.clone(),
                        c.recommendation.to_string(),
                        if c.answered { "yes" } else { "no" }.to_string(),
                        c.status.as_str().to_string(),
                        from.unwrap_or_default(),
                        ev.map(|e| e.paragraph.clone()).unwrap_or_default(),
                        ev.map(|e| e.sentence.clone()).unwrap_or_default(),
                    ];
                    if several {
                        row.insert(0, g.report.clone().unwrap_or_default());
                    }
                    row
                })
            });
            csv(out, &head, rows)
        }
        Format::Text => {
            for (i, g) in all.iter().enumerate() {
                if let Some(report) = &g.report {
                    writeln!(out, "{}report {}", if i > 0 { "\n" } else { "" }, terminal_safe(report))?;
                }
                grid_text(out, g, width)?;
            }
            Ok(())
        }
    }
}

fn grid_text(out: &mut dyn Write, g: &StatusGrid, width: Option<usize>) -> io::Result<()> {
    if g.cells.is_empty() {
        return writeln!(out, "no answer matches");
    }
    let mut rows =
        vec![std::iter::once("body".to_string()).chain(g.recommendations.iter().map(|r| format!("rec {r}"))).collect()];
    for body in &g.bodies {
        let row = std::iter::once(body.clone())
            .chain(g.recommendations.iter().map(|&r| g.cell(body, r).map_or("", cell_label).to_string()));
        rows.push(row.collect::<Vec<_>>());
    }
    write!(out, "{}", super::table_fit(&rows, width))?;
    writeln!(out, "\n(not stated: an answer that states no status clearly)")?;
    for c in &g.cells {
        let Some(ev) = &c.evidence else { continue };
        let from = if ev.from == Source::Text { String::new() } else { format!("{}, ", ev.from.as_str()) };
        writeln!(
            out,
            "\n{} · rec {} · {} ({from}{})",
            terminal_safe(&c.body),
            c.recommendation,
            c.status.as_str(),
            ev.paragraph
        )?;
        writeln!(out, "  {}", terminal_safe(&ev.sentence))?;
    }
    Ok(())
}

/// One body's timeliness as rows of a table: body, date, days after publication, due, verdict.
pub fn timeliness_rows(all: &[Timeliness]) -> Vec<Vec<String>> {
    let mut rows = vec![["body", "answered", "days after publication", "due", "timeliness"].map(String::from).to_vec()];
    for t in all {
        rows.push(vec![
            t.body.clone(),
            t.date_label(),
            t.days_after_publication.map_or("-".into(), |d| d.label()),
            t.due_label(),
            t.label(),
        ]);
    }
    rows
}

/// The timeliness table in text, after a line naming the publication date.
pub fn timeliness_text(out: &mut dyn Write, all: &[Timeliness], width: Option<usize>) -> io::Result<()> {
    if all.is_empty() {
        return Ok(());
    }
    let published = all.iter().find_map(|t| t.published.clone()).unwrap_or_else(|| "not given".into());
    writeln!(out, "\npublished {}; when each body answered:", terminal_safe(&published))?;
    write!(out, "{}", super::table_fit(&timeliness_rows(all), width))
}

/// The CSV columns timeliness adds to a body's coverage rows.
pub const TIMELINESS_CSV: [&str; 7] = [
    "answered",
    "days_after_publication_min",
    "days_after_publication_max",
    "due",
    "timeliness",
    "late_by_days_min",
    "late_by_days_max",
];

/// A body's timeliness as CSV cells (the first row binding it, when several deadlines do).
pub fn timeliness_csv(all: &[Timeliness], body: &str) -> Vec<String> {
    let Some(t) = all.iter().find(|t| t.body == body) else { return vec![String::new(); TIMELINESS_CSV.len()] };
    vec![
        t.date.clone().unwrap_or_else(|| "undated".into()),
        t.days_after_publication.map_or(String::new(), |d| d.at_least.to_string()),
        t.days_after_publication.map_or(String::new(), |d| d.at_most.to_string()),
        t.due.clone().unwrap_or_default(),
        t.verdict.as_str().to_string(),
        t.late_by.map_or(String::new(), |d| d.at_least.to_string()),
        t.late_by.map_or(String::new(), |d| d.at_most.to_string()),
    ]
}
