//! Renders copied passages: each once, with where it occurs in date order.

use std::io::{self, Write};

use super::{cell, csv, json, table, Format, Painter, HEADING};

/// Copied passages, strongest first, each with its occurrences in date order: body, document,
/// recommendation, role, date and line; the likely source marked, and the words of each other
/// occurrence that differ from the first. `total` passages in all, from `findings` findings.
pub fn passages(
    out: &mut dyn Write,
    passages: &[crate::reuse::passages::Passage],
    total: usize,
    findings: usize,
    format: Format,
    painter: Painter,
) -> io::Result<()> {
    let differing = |o: &crate::reuse::passages::Occurrence| -> Vec<String> {
        o.differs.iter().flatten().filter_map(|&[a, b]| o.paragraph.text.get(a..b).map(str::to_string)).collect()
    };
    match format {
        Format::Json => json(out, passages),
        Format::Csv => csv(
            out,
            &[
                "passage",
                "strongest",
                "body",
                "doc",
                "id",
                "recommendations",
                "role",
                "date",
                "line",
                "source",
                "differs",
            ],
            passages.iter().flat_map(|p| {
                p.occurrences.iter().map(|o| {
                    vec![
                        p.id.clone(),
                        format!("{:.3}", p.strongest),
                        o.body.clone(),
                        o.paragraph.doc.clone(),
                        o.paragraph.id.clone(),
                        o.paragraph.answers().map(|r| r.to_string()).collect::<Vec<_>>().join(" "),
                        o.paragraph.role.to_string(),
                        cell(o.date.as_ref()),
                        o.paragraph.line.to_string(),
                        o.source.to_string(),
                        if o.differs.is_some() { differing(o).join(" ") } else { "not compared".into() },
                    ]
                })
            }),
        ),
        Format::Text => {
            for (n, p) in passages.iter().enumerate() {
                if n > 0 {
                    writeln!(out)?;
                }
                let head = format!(
                    "{} · strongest {:.2} · {} bod{}, {} document{}, {} occurrences",
                    p.id,
                    p.strongest,
                    p.bodies,
                    if p.bodies == 1 { "y" } else { "ies" },
                    p.documents,
                    if p.documents == 1 { "" } else { "s" },
                    p.occurrences.len()
                );
                writeln!(out, "{}", painter.paint(HEADING, &head))?;
                let text: String = p.text.chars().take(160).collect();
                let more = if p.text.chars().count() > 160 { "…" } else { "" };
                writeln!(out, "  \"{}{more}\"", painter.plain(&text))?;
                let mut rows = Vec::new();
                for (i, o) in p.occurrences.iter().enumerate() {
                    let q = &o.paragraph;
                    let note = if o.source {
                        "likely source (earliest dated)".to_string()
                    } else if i == 0 {
                        "first listed".to_string()
                    } else {
                        match &o.differs {
                            Some(d) if d.is_empty() => "the same words".to_string(),
                            Some(_) => {
                                let w = differing(o);
                                let shown: Vec<&str> = w.iter().take(8).map(String::as_str).collect();
                                format!(
                                    "differs by {} word{}: {}{}",
                                    w.len(),
                                    if w.len() == 1 { "" } else { "s" },
                                    shown.join(" "),
                                    if w.len() > 8 { " …" } else { "" }
                                )
                            }
                            None => "not compared with the first directly".to_string(),
                        }
                    };
                    rows.push(vec![
                        format!("  {}.", i + 1),
                        q.id.clone(),
                        o.body.clone(),
                        painter.recs_label(q),
                        q.role.to_string(),
                        o.date.clone().unwrap_or_else(|| "undated".into()),
                        format!("line {}", q.line),
                        note,
                    ]);
                }
                write!(out, "{}", table(&rows))?;
            }
            let shown = if passages.len() < total { format!(" (showing {})", passages.len()) } else { String::new() };
            writeln!(
                out,
                "\n{total} passage{}{shown}, from {findings} finding{} (--pairs lists the findings pair by pair)",
                if total == 1 { "" } else { "s" },
                if findings == 1 { "" } else { "s" }
            )
        }
    }
}
