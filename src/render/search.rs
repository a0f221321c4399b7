//! Renders search hits (grouped by force, phrases highlighted) and hit counts.

use std::collections::BTreeSet;
use std::io::{self, Write};

use super::Format;
use crate::render::{
    cell, csv, force_label, json, paragraph_row, table, Painter, DIM, HEADING, ID, MATCH, PARAGRAPH_HEADER,
};
use crate::search::{CountRow, Hit};

/// Hits grouped by force, forces in order of their best hit.
pub(crate) fn grouped(hits: &[Hit]) -> Vec<(Option<&str>, Vec<&Hit>)> {
    let mut groups: Vec<(Option<&str>, Vec<&Hit>)> = Vec::new();
    for h in hits {
        let force = h.paragraph.force.as_deref();
        match groups.iter_mut().find(|(f, _)| *f == force) {
            Some((_, g)) => g.push(h),
            None => groups.push((force, vec![h])),
        }
    }
    groups
}

pub fn hits(out: &mut dyn Write, hits: &[Hit], format: Format, painter: Painter) -> io::Result<()> {
    match format {
        Format::Json => json(out, hits),
        Format::Csv => csv(
            out,
            &[&PARAGRAPH_HEADER[..], &["score", "text"]].concat(),
            hits.iter().map(|h| {
                [paragraph_row(&h.paragraph), vec![format!("{:.3}", h.score), h.paragraph.text.clone()]].concat()
            }),
        ),
        Format::Text if hits.is_empty() => Ok(()),
        Format::Text => {
            let groups = grouped(hits);
            for (i, (force, group)) in groups.iter().enumerate() {
                if i > 0 {
                    writeln!(out)?;
                }
                let n = group.len();
                let label = format!("{} ({n} hit{})", force_label(*force), if n == 1 { "" } else { "s" });
                writeln!(out, "{}", painter.paint(HEADING, &label))?;
                for h in group {
                    let p = &h.paragraph;
                    let meta = format!(
                        "{}  {}{}  {}:{}",
                        painter.recs_label(p),
                        p.role,
                        super::status_label(p),
                        p.path,
                        p.line
                    );
                    writeln!(out, "{}  {}", painter.paint(ID, &p.id), painter.paint(DIM, &meta))?;
                    writeln!(out, "  {}", painter.marks(&p.text, &h.highlights, MATCH))?;
                }
            }
            let forces = groups.len();
            writeln!(
                out,
                "\n{} hit{} from {forces} force{}",
                hits.len(),
                if hits.len() == 1 { "" } else { "s" },
                if forces == 1 { "" } else { "s" }
            )
        }
    }
}

/// Keyword in context: one line a match, the left context right-aligned to `width` characters,
/// the match, the right context, then the force and the id (aligned columns, as concordancers
/// print them). JSON and CSV give the same lines as records.
pub fn concordance(
    out: &mut dyn Write,
    lines: &[crate::search::kwic::Line],
    width: usize,
    format: Format,
    painter: Painter,
) -> io::Result<()> {
    match format {
        Format::Json => json(out, lines),
        Format::Csv => csv(
            out,
            &["id", "doc", "force", "recommendation", "left", "match", "right"],
            lines.iter().map(|l| {
                vec![
                    l.id.clone(),
                    l.doc.clone(),
                    l.force.clone().unwrap_or_default(),
                    l.recommendation.map(|r| r.to_string()).unwrap_or_default(),
                    l.left.clone(),
                    l.matched.clone(),
                    l.right.clone(),
                ]
            }),
        ),
        Format::Text => {
            let matched = lines.iter().map(|l| l.matched.chars().count()).max().unwrap_or(0);
            let force_w =
                lines.iter().map(|l| force_label(l.force.as_deref()).chars().count()).max().unwrap_or(0).min(32);
            for l in lines {
                let pad = |s: &str, n: usize| " ".repeat(n.saturating_sub(s.chars().count()));
                let force: String = force_label(l.force.as_deref()).chars().take(32).collect();
                writeln!(
                    out,
                    "{}{} {}{} {}{}  {}{}  {}",
                    pad(&l.left, width),
                    painter.plain(&l.left),
                    painter.paint(MATCH, &l.matched),
                    pad(&l.matched, matched),
                    painter.plain(&l.right),
                    pad(&l.right, width),
                    painter.paint(DIM, &force),
                    pad(&force, force_w),
                    painter.paint(ID, &l.id)
                )?;
            }
            Ok(())
        }
    }
}

pub fn counts(out: &mut dyn Write, rows: &[CountRow], format: Format) -> io::Result<()> {
    match format {
        Format::Json => json(out, rows),
        Format::Csv => csv(
            out,
            &["force", "recommendation", "hits"],
            rows.iter().map(|r| vec![cell(r.force.as_ref()), cell(r.recommendation), r.hits.to_string()]),
        ),
        Format::Text => {
            let recs: BTreeSet<(bool, u32)> =
                rows.iter().map(|r| (r.recommendation.is_none(), r.recommendation.unwrap_or(0))).collect();
            let mut forces: Vec<Option<&str>> = rows.iter().map(|r| r.force.as_deref()).collect();
            forces.dedup();
            let mut header = vec!["force".to_string()];
            header.extend(recs.iter().map(|&(none, n)| if none { "no rec".to_string() } else { format!("rec {n}") }));
            header.push("total".into());
            let mut grid = vec![header];
            let mut totals = vec![0usize; recs.len() + 1];
            for force in &forces {
                let mut row = vec![force_label(*force).to_string()];
                let mut sum = 0;
                for (c, &(none, n)) in recs.iter().enumerate() {
                    let hits: usize = rows
                        .iter()
                        .filter(|r| r.force.as_deref() == *force && r.recommendation == (!none).then_some(n))
                        .map(|r| r.hits)
                        .sum();
                    totals[c] += hits;
                    sum += hits;
                    row.push(hits.to_string());
                }
                totals[recs.len()] += sum;
                row.push(sum.to_string());
                grid.push(row);
            }
            let mut last = vec!["total".to_string()];
            last.extend(totals.iter().map(usize::to_string));
            grid.push(last);
            write!(out, "{}", table(&grid))
        }
    }
}
