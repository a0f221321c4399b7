//! Renders copied passages: each once, as its template, with where it occurs in date order and
//! what each occurrence changed against the template.

use std::io::{self, Write};

use super::{cell, csv, json, table, Format, Painter, HEADING};
use crate::reuse::passages::{Occurrence, Passage};

/// Words of a change shown before `…`.
const SHOWN_WORDS: usize = 8;

/// Who came first: the likely source's body and date, or why it is unknown.
pub fn first(p: &Passage) -> String {
    if let Some(o) = p.first() {
        return format!("first: {}, {}", o.body, o.date.as_deref().unwrap_or("undated"));
    }
    let dated = p.occurrences.iter().filter(|o| o.date.is_some()).map(|o| &o.paragraph.doc);
    let documents = dated.collect::<std::collections::BTreeSet<_>>().len();
    if documents < 2 {
        "first: unknown (undated)".into()
    } else {
        "first: unknown (the earliest dates are not apart)".into()
    }
}

/// Words joined, the first `SHOWN_WORDS` of them, runs (`runs`: how many words each) apart by
/// `…`, and `…` after when there are more.
fn shown(words: &[&str], runs: &[usize]) -> String {
    let mut s = String::new();
    let mut k = 0;
    for &n in runs {
        for w in &words[k.min(words.len())..(k + n).min(words.len())] {
            if k >= SHOWN_WORDS {
                s.push_str(" …");
                return s;
            }
            if !s.is_empty() {
                s.push(' ');
            }
            s.push_str(w);
            k += 1;
        }
        if k < words.len() && k < SHOWN_WORDS {
            s.push_str(" …");
        }
    }
    s
}

/// What an occurrence changed against the template: `+N −M: +added words −dropped words`, or
/// `the template as is`; then its words only nearly the template's (`~N nearly the same: …`).
pub fn changes(o: &Occurrence) -> String {
    let near = o.near_words();
    let nearly = if near.is_empty() {
        String::new()
    } else {
        format!("; ~{} nearly the same: {}", near.len(), shown(&near, &[near.len()]))
    };
    if o.as_template() {
        return format!("the template as is{nearly}");
    }
    let added = o.added_words();
    let dropped: Vec<&str> = o.dropped.iter().map(String::as_str).collect();
    let mut s = format!("+{} −{}:", added.len(), dropped.len());
    if !added.is_empty() {
        s.push_str(&format!(" +{}", shown(&added, &o.added_runs())));
    }
    if !dropped.is_empty() {
        s.push_str(&format!(" −{}", shown(&dropped, &o.dropped_runs)));
    }
    s + &nearly
}

/// The template's text, shortened to 160 characters.
pub fn short_template(p: &Passage) -> String {
    if p.template_words == 0 {
        return "(no words that most of its occurrences carry)".into();
    }
    let text: String = p.template.chars().take(160).collect();
    let more = if p.template.chars().count() > 160 { "…" } else { "" };
    format!("{text}{more}")
}

/// Copied passages, strongest first, each as its template (its text as most occurrences carry
/// it) and who came first, then its occurrences in date order: body, document, recommendation,
/// role, date and line, and what each changed against the template. `total` passages in all, from
/// `findings` findings.
pub fn passages(
    out: &mut dyn Write,
    passages: &[Passage],
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
                "template",
                "body",
                "doc",
                "id",
                "recommendations",
                "role",
                "date",
                "line",
                "source",
                "added",
                "dropped",
                "near",
            ],
            passages.iter().flat_map(|p| {
                p.occurrences.iter().map(|o| {
                    vec![
                        p.id.clone(),
                        format!("{:.3}", p.strongest),
                        p.template.clone(),
                        o.body.clone(),
                        o.paragraph.doc.clone(),
                        o.paragraph.id.clone(),
                        o.paragraph.answers().map(|r| r.to_string()).collect::<Vec<_>>().join(" "),
                        o.paragraph.role.to_string(),
                        cell(o.date.as_ref()),
                        o.paragraph.line.to_string(),
                        o.source.to_string(),
                        o.added_words().join(" "),
                        o.dropped.join(" "),
                        o.near_words().join(" "),
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
                    "{} · template of {} bod{}, {} document{}, {} occurrences · strongest {:.2} · {}",
                    p.id,
                    p.bodies,
                    if p.bodies == 1 { "y" } else { "ies" },
                    p.documents,
                    if p.documents == 1 { "" } else { "s" },
                    p.occurrences.len(),
                    p.strongest,
                    first(p),
                );
                writeln!(out, "{}", painter.paint(HEADING, &head))?;
                let template = short_template(p);
                if p.template_words == 0 {
                    writeln!(out, "  {template}")?;
                } else {
                    writeln!(out, "  \"{}\"", painter.plain(&template))?;
                }
                let mut rows = Vec::new();
                for (i, o) in p.occurrences.iter().enumerate() {
                    let q = &o.paragraph;
                    let note =
                        if o.source { format!("likely source (earliest dated); {}", changes(o)) } else { changes(o) };
                    rows.push(vec![
                        format!("  {}.", i + 1),
                        q.id.clone(),
                        o.body.clone(),
                        painter.recs_label(q),
                        q.role.to_string(),
                        o.date.clone().unwrap_or_else(|| "undated".into()),
                        format!("line {}", q.line),
                        painter.plain(&note).into_owned(),
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
