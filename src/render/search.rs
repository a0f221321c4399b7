//! Renders search hits (grouped by force, phrases highlighted), keyword-in-context lines and hit
//! counts.

use std::collections::BTreeSet;
use std::io::{self, Write};

use super::Format;
use crate::render::{
    cell, count_of, csv, force_label, json, paragraph_row, table_fit, Painter, DIM, HEADING, ID, MATCH,
    PARAGRAPH_HEADER,
};
use crate::search::{Counts, Hit};

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

/// "1 body", "3 bodies".
pub fn bodies_count(n: usize) -> String {
    if n == 1 {
        "1 body".to_string()
    } else {
        format!("{n} bodies")
    }
}

/// The line saying a list was cut at its limit: `50 of 53 hits shown (--limit 0 for all)`.
pub fn cut_notice(shown: usize, total: usize, noun: &str) -> String {
    format!("{shown} of {} shown (--limit 0 for all)", count_of(total, noun))
}

/// Search hits. `total` is every paragraph the search matches when the hits were cut at a limit
/// (text says so under the hits).
pub fn hits(
    out: &mut dyn Write,
    hits: &[Hit],
    total: Option<usize>,
    format: Format,
    painter: Painter,
) -> io::Result<()> {
    match format {
        Format::Json => json(out, hits),
        Format::Csv => csv(
            out,
            &[&PARAGRAPH_HEADER[..], &["recommendations", "report", "date", "status", "score", "text"]].concat(),
            hits.iter().map(|h| {
                let p = &h.paragraph;
                let recs = p.recommendations.iter().map(u32::to_string).collect::<Vec<_>>().join(";");
                [
                    paragraph_row(p),
                    vec![
                        recs,
                        cell(p.report.as_ref()),
                        cell(h.date.as_ref()),
                        cell(p.status.as_ref()),
                        format!("{:.3}", h.score),
                        p.text.clone(),
                    ],
                ]
                .concat()
            }),
        ),
        Format::Text if hits.is_empty() => Ok(()),
        Format::Text => {
            let groups = grouped(hits);
            for (i, (force, group)) in groups.iter().enumerate() {
                if i > 0 {
                    writeln!(out)?;
                }
                let label = format!("{} ({})", force_label(*force), count_of(group.len(), "hit"));
                writeln!(out, "{}", painter.paint(HEADING, &label))?;
                for h in group {
                    let p = &h.paragraph;
                    let meta = format!(
                        "{}  {}{}  {}:{}",
                        painter.recs_label(p),
                        p.role,
                        super::status_label(p),
                        super::name_safe(&p.path),
                        p.line
                    );
                    writeln!(out, "{}  {}", painter.paint(ID, &p.id), painter.paint(DIM, &meta))?;
                    writeln!(out, "  {}", painter.marks(&p.text, &h.highlights, MATCH))?;
                }
            }
            let shown = format!("{} from {}", count_of(hits.len(), "hit"), bodies_count(groups.len()));
            match total.filter(|&t| t > hits.len()) {
                Some(t) => writeln!(out, "\n{shown}: {}", cut_notice(hits.len(), t, "hit")),
                None => writeln!(out, "\n{shown}"),
            }
        }
    }
}

/// Keyword in context: one line a match, the left context right-aligned to `width` characters,
/// the match and the right context as written (punctuation kept against the match), then the
/// role, the force and the id in aligned columns, as concordancers print them. Given no width,
/// the context is what fits the painter's width (40 characters without one). JSON and CSV give
/// the lines as records.
pub fn concordance(
    out: &mut dyn Write,
    lines: &[crate::search::kwic::Line],
    width: Option<usize>,
    format: Format,
    painter: Painter,
) -> io::Result<()> {
    let chars = |s: &str| s.chars().count();
    match format {
        Format::Json => json(out, lines),
        Format::Csv => csv(
            out,
            &["id", "doc", "force", "recommendation", "role", "left", "match", "right"],
            lines.iter().map(|l| {
                vec![
                    l.id.clone(),
                    l.doc.clone(),
                    l.force.clone().unwrap_or_default(),
                    l.recommendation.map(|r| r.to_string()).unwrap_or_default(),
                    l.role.to_string(),
                    l.left.clone(),
                    l.matched.clone(),
                    l.right.clone(),
                ]
            }),
        ),
        Format::Text => {
            let matched = lines.iter().map(|l| chars(&l.matched)).max().unwrap_or(0);
            let role_w = lines.iter().map(|l| chars(l.role.as_str())).max().unwrap_or(0);
            let force_cap = if painter.width.is_some() { 24 } else { 32 };
            let force_w =
                lines.iter().map(|l| chars(force_label(l.force.as_deref()))).max().unwrap_or(0).min(force_cap);
            let id_w = lines.iter().map(|l| chars(&l.id)).max().unwrap_or(0);
            let side = width.unwrap_or_else(|| match painter.width {
                // Both contexts, the match, and the columns after it, each after two spaces.
                Some(w) => (w.saturating_sub(matched + 2 + role_w + 2 + force_w + 2 + id_w) / 2).max(8),
                None => crate::search::kwic::DEFAULT_WIDTH,
            });
            for l in lines {
                let pad = |s: &str, n: usize| " ".repeat(n.saturating_sub(chars(s)));
                let n = chars(&l.left);
                let left: String = l.left.chars().skip(n.saturating_sub(side)).collect();
                let right: String = l.right.chars().take(side).collect();
                let after = format!("{}{right}", l.matched);
                let force: String = force_label(l.force.as_deref()).chars().take(force_w).collect();
                writeln!(
                    out,
                    "{}{}{}{}{}  {}{}  {}{}  {}",
                    pad(&left, side),
                    painter.plain(&left),
                    painter.paint(MATCH, &l.matched),
                    painter.plain(&right),
                    pad(&after, matched + side),
                    painter.paint(DIM, l.role.as_str()),
                    pad(l.role.as_str(), role_w),
                    painter.paint(DIM, &force),
                    pad(&force, force_w),
                    painter.paint(ID, &l.id)
                )?;
            }
            Ok(())
        }
    }
}

/// Hits per body and recommendation. A paragraph answering several recommendations counts under
/// each; a body's total counts it once (so a row may sum to more than its total); every body the
/// filters admit has a row, 0 when it has no hit.
pub fn counts(out: &mut dyn Write, counts: &Counts, format: Format, width: Option<usize>) -> io::Result<()> {
    let rows = &counts.cells;
    match format {
        Format::Json => json(out, counts),
        Format::Csv => csv(
            out,
            &["force", "recommendation", "hits"],
            rows.iter()
                .map(|r| vec![cell(r.force.as_ref()), cell(r.recommendation), r.hits.to_string()])
                .chain(counts.bodies.iter().map(|b| vec![cell(b.force.as_ref()), "all".into(), b.hits.to_string()])),
        ),
        Format::Text => {
            let recs: BTreeSet<(bool, u32)> =
                rows.iter().map(|r| (r.recommendation.is_none(), r.recommendation.unwrap_or(0))).collect();
            let mut header = vec!["body".to_string()];
            header.extend(recs.iter().map(|&(none, n)| if none { "no rec".to_string() } else { format!("rec {n}") }));
            header.push("total".into());
            let mut grid = vec![header];
            let mut totals = vec![0usize; recs.len()];
            for body in &counts.bodies {
                let mut row = vec![force_label(body.force.as_deref()).to_string()];
                for (c, &(none, n)) in recs.iter().enumerate() {
                    let hits: usize = rows
                        .iter()
                        .filter(|r| r.force == body.force && r.recommendation == (!none).then_some(n))
                        .map(|r| r.hits)
                        .sum();
                    totals[c] += hits;
                    row.push(hits.to_string());
                }
                row.push(body.hits.to_string());
                grid.push(row);
            }
            let mut last = vec!["total".to_string()];
            last.extend(totals.iter().map(usize::to_string));
            last.push(counts.total.to_string());
            grid.push(last);
            write!(out, "{}", table_fit(&grid, width))?;
            if counts.cells.iter().any(|c| c.recommendation.is_some())
                && counts.bodies.iter().map(|b| b.hits).sum::<usize>() < rows.iter().map(|r| r.hits).sum::<usize>()
            {
                writeln!(out, "(a paragraph answering several recommendations counts under each, once in the total)")?;
            }
            if counts.references > 0 {
                writeln!(
                    out,
                    "({} of the total in references, the report's own documents: no body's, in no row)",
                    counts.references
                )?;
            }
            Ok(())
        }
    }
}

/// What follows "no paragraph matches": the nearest words the index holds for the query's words
/// that none holds, and `--fuzzy` when it was not given.
pub fn suggestion(near: &[(String, String)], fuzzy: bool) -> String {
    if near.is_empty() {
        return String::new();
    }
    let words: Vec<String> = near.iter().map(|(typed, held)| format!("'{held}' for '{typed}'")).collect();
    let fuzzy = if fuzzy { "" } else { ", or --fuzzy to allow one typo a word" };
    format!("; the index holds {}{fuzzy}", words.join(", "))
}
