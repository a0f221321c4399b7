//! Renders copied passages: each once, with where it occurs in date order.

use std::io::{self, Write};

use super::{cell, csv, json, table, Format, Painter, HEADING};

/// Copied passages, strongest first, each with its occurrences in date order: body, document,
/// recommendation, role, date and line; the likely source marked, and the words of each
/// occurrence that differ from its twin (the occurrence it shares most with). `total` passages in all, from `findings` findings.
pub fn passages(
    out: &mut dyn Write,
    passages: &[crate::reuse::passages::Passage],
    total: usize,
    findings: usize,
    format: Format,
    painter: Painter,
) -> io::Result<()> {
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
                "twin",
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
                        cell(o.twin.as_ref()),
                        if o.differs.is_some() { o.differing().join(" ") } else { String::new() },
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
                    // Which occurrence it is compared with, by its number in this list.
                    let twin = p.twin_number(o).map(|k| format!("{k}.")).unwrap_or_default();
                    let compared = match &o.differs {
                        Some(d) if d.is_empty() => format!("the same words as {twin}"),
                        Some(_) => {
                            let w = o.differing();
                            let shown: Vec<&str> = w.iter().take(8).copied().collect();
                            format!(
                                "differs from {twin} by {} word{}: {}{}",
                                w.len(),
                                if w.len() == 1 { "" } else { "s" },
                                shown.join(" "),
                                if w.len() > 8 { " …" } else { "" }
                            )
                        }
                        None => String::new(),
                    };
                    let note = match (o.source, compared.is_empty()) {
                        (true, true) => "likely source (earliest dated)".to_string(),
                        (true, false) => format!("likely source (earliest dated); {compared}"),
                        (false, _) => compared,
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

/// Stock wording, each passage once with the bodies that carry it (text only: JSON gives it in the
/// report's `stock`).
pub fn stock(out: &mut dyn Write, stock: &[crate::reuse::Stock], width: usize, painter: Painter) -> io::Result<()> {
    if stock.is_empty() {
        return Ok(());
    }
    let head = format!(
        "Stock wording: {} passage{} of public formulas or of wording standing in answers to other reports (not counted as copying)",
        stock.len(),
        if stock.len() == 1 { "" } else { "s" },
    );
    writeln!(out, "\n{}", painter.paint(HEADING, &head))?;
    for s in stock {
        let room = width.saturating_sub(6).max(40);
        let text: String = s.text.chars().take(room).collect();
        let more = if text.len() < s.text.len() { "…" } else { "" };
        writeln!(out, "  {}  {} bodies: {}", s.id, s.bodies.len(), s.bodies.join("; "))?;
        writeln!(out, "      \"{}{more}\"", painter.plain(&text))?;
        writeln!(out, "      stock because: {}", s.reasons.join("; "))?;
    }
    Ok(())
}
