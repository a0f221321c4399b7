//! Renders reuse findings (two passages side by side, or one above the other on narrow
//! terminals, shared words marked), families, the body matrix and attributions.

use std::io::{self, Write};

use anstyle::{AnsiColor, Color, Effects, Style};

use super::Format;
use crate::model::Paragraph;
use crate::render::{cell, csv, force_label, json, table, Painter, DIM, HEADING, ID};
use crate::reuse::analysis::{Attribution, Matrix};
use crate::reuse::{Family, Finding};

/// Shared words.
const SHARED: Style = Style::new().fg_color(Some(Color::Ansi(AnsiColor::Green))).effects(Effects::BOLD);
/// Words inside a shared passage that differ between the two sides.
const DIFFERS: Style = Style::new().fg_color(Some(Color::Ansi(AnsiColor::Red))).effects(Effects::UNDERLINE);
/// Narrower than this, passages are shown one above the other.
const SIDE_BY_SIDE_MIN: usize = 100;

/// How one stretch of a paragraph is shown.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mark {
    Outside,
    Shared,
    Differs,
}

/// Splits `text` at the boundaries of shared marks and passages.
fn fragments<'t>(text: &'t str, marks: &[[usize; 2]], passages: &[[usize; 2]]) -> Vec<(&'t str, Mark)> {
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for r in marks.iter().chain(passages) {
        cuts.extend([r[0].min(text.len()), r[1].min(text.len())]);
    }
    cuts.retain(|&c| text.is_char_boundary(c));
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .map(|w| {
            let inside = |rs: &[[usize; 2]]| rs.iter().any(|r| w[0] >= r[0] && w[1] <= r[1]);
            let mark = if inside(marks) {
                Mark::Shared
            } else if inside(passages) {
                Mark::Differs
            } else {
                Mark::Outside
            };
            (&text[w[0]..w[1]], mark)
        })
        .collect()
}

/// Wraps a paragraph to `width` columns with its marks: colours when the painter has them, else
/// shared words in [brackets]. Returns each line with its visible width.
fn wrap(
    text: &str,
    marks: &[[usize; 2]],
    passages: &[[usize; 2]],
    width: usize,
    painter: Painter,
) -> Vec<(String, usize)> {
    // Words as lists of (fragment, mark); plain output carries its brackets in the text.
    let mut words: Vec<Vec<(String, Mark)>> = vec![Vec::new()];
    let mut open = false;
    let close = |words: &mut Vec<Vec<(String, Mark)>>| {
        if let Some(last) = words.iter_mut().rev().find_map(|w| w.last_mut()) {
            last.0.push(']');
        }
    };
    for (frag, mark) in fragments(text, marks, passages) {
        if !painter.color && open && mark != Mark::Shared {
            close(&mut words);
            open = false;
        }
        let mut piece = String::new();
        for c in frag.chars() {
            if c.is_whitespace() {
                if !piece.is_empty() {
                    words.last_mut().unwrap().push((std::mem::take(&mut piece), mark));
                }
                words.push(Vec::new());
            } else {
                if !painter.color && mark == Mark::Shared && !open {
                    piece.push('[');
                    open = true;
                }
                piece.push(super::terminal_char(c));
            }
        }
        if !piece.is_empty() {
            words.last_mut().unwrap().push((piece, mark));
        }
    }
    if open {
        close(&mut words);
    }
    let mut lines: Vec<(String, usize)> = vec![(String::new(), 0)];
    for word in words.into_iter().filter(|w| !w.is_empty()) {
        let w: usize = word.iter().map(|(s, _)| s.chars().count()).sum();
        let line = lines.last_mut().unwrap();
        if line.1 > 0 && line.1 + 1 + w > width {
            lines.push((String::new(), 0));
        }
        let line = lines.last_mut().unwrap();
        if line.1 > 0 {
            line.0.push(' ');
            line.1 += 1;
        }
        for (s, mark) in word {
            let style = match mark {
                Mark::Shared => Some(SHARED),
                Mark::Differs => Some(DIFFERS),
                Mark::Outside => None,
            };
            line.0.push_str(&match style {
                Some(st) => painter.paint(st, &s),
                None => s.clone(),
            });
            line.1 += s.chars().count();
        }
    }
    lines
}

fn describe(p: &Paragraph, painter: Painter) -> String {
    if p.path.is_empty() {
        return "the text given".to_string();
    }
    format!(
        "{}  {}  {}  {}{}  {}:{}",
        p.id,
        force_label(p.force.as_deref()),
        painter.recs_label(p),
        p.role,
        super::status_label(p),
        super::name_safe(&p.path),
        p.line
    )
}

/// One finding: header, both sides, passages marked.
pub fn finding(out: &mut dyn Write, n: usize, f: &Finding, width: usize, painter: Painter) -> io::Result<()> {
    let kind = format!("{:?}", f.kind).to_lowercase();
    let mut head = format!(
        "#{n} {kind}  score {:.2}  {} shared words, longest run {}  contained {:.0}% / {:.0}%",
        f.score,
        f.shared_words,
        f.longest_run,
        f.containment_a * 100.0,
        f.containment_b * 100.0,
    );
    if !f.family.is_empty() {
        head.push_str(&format!("  family {}", f.family));
    }
    writeln!(out, "{}", painter.paint(HEADING, &head))?;
    writeln!(out, "  {} {}", painter.paint(ID, "A"), painter.paint(DIM, &describe(&f.a, painter)))?;
    writeln!(out, "  {} {}", painter.paint(ID, "B"), painter.paint(DIM, &describe(&f.b, painter)))?;
    let marks_a: Vec<[usize; 2]> = f.spans.iter().flat_map(|s| s.marks_a.clone()).collect();
    let marks_b: Vec<[usize; 2]> = f.spans.iter().flat_map(|s| s.marks_b.clone()).collect();
    let spans_a: Vec<[usize; 2]> = f.spans.iter().map(|s| s.a).collect();
    let spans_b: Vec<[usize; 2]> = f.spans.iter().map(|s| s.b).collect();
    if width >= SIDE_BY_SIDE_MIN {
        let col = (width - 7) / 2;
        let la = wrap(&f.a.text, &marks_a, &spans_a, col, painter);
        let lb = wrap(&f.b.text, &marks_b, &spans_b, col, painter);
        for i in 0..la.len().max(lb.len()) {
            let (a, aw) = la.get(i).cloned().unwrap_or_default();
            let (b, _) = lb.get(i).cloned().unwrap_or_default();
            let pad = " ".repeat(col.saturating_sub(aw));
            writeln!(out, "  {a}{pad} {} {b}", painter.paint(DIM, "│")).map(|_| ())?;
        }
    } else {
        let col = width.saturating_sub(4).max(20);
        for (label, lines) in [
            ("A", wrap(&f.a.text, &marks_a, &spans_a, col, painter)),
            ("B", wrap(&f.b.text, &marks_b, &spans_b, col, painter)),
        ] {
            for (i, (line, _)) in lines.iter().enumerate() {
                let tag = if i == 0 { label } else { " " };
                writeln!(out, "  {} {line}", painter.paint(DIM, tag))?;
            }
        }
    }
    Ok(())
}

fn finding_rows(findings: &[Finding]) -> impl Iterator<Item = Vec<String>> + '_ {
    findings.iter().map(|f| {
        vec![
            f.family.clone(),
            format!("{:?}", f.kind).to_lowercase(),
            format!("{:.3}", f.score),
            f.shared_words.to_string(),
            f.longest_run.to_string(),
            format!("{:.3}", f.containment_a),
            format!("{:.3}", f.containment_b),
            f.a.id.clone(),
            cell(f.a.force.as_ref()),
            cell(f.a.recommendation),
            f.b.id.clone(),
            cell(f.b.force.as_ref()),
            cell(f.b.recommendation),
            f.spans.iter().map(|s| s.shared.as_str()).collect::<Vec<_>>().join(" … "),
            as_written(&f.a.text, f.spans.iter().map(|s| s.a)),
            as_written(&f.b.text, f.spans.iter().map(|s| s.b)),
            f.a.text.clone(),
            f.b.text.clone(),
        ]
    })
}

/// The passages of one side as its text has them (byte ranges of `text`), joined by ` … `.
fn as_written(text: &str, ranges: impl Iterator<Item = [usize; 2]>) -> String {
    ranges.filter_map(|[from, to]| text.get(from..to)).collect::<Vec<_>>().join(" … ")
}

const FINDING_HEADER: [&str; 18] = [
    "family",
    "kind",
    "score",
    "shared_words",
    "longest_run",
    "containment_a",
    "containment_b",
    "a_id",
    "a_force",
    "a_recommendation",
    "b_id",
    "b_force",
    "b_recommendation",
    "shared",
    "a_passage",
    "b_passage",
    "a_text",
    "b_text",
];

/// The findings of `reuse` and `similar` (`total` before any limit), and the families they form.
pub fn findings(
    out: &mut dyn Write,
    findings: &[Finding],
    total: usize,
    families: &[Family],
    format: Format,
    width: usize,
    painter: Painter,
) -> io::Result<()> {
    match format {
        Format::Json => json(out, findings),
        Format::Csv => csv(out, &FINDING_HEADER, finding_rows(findings)),
        Format::Text => {
            for (i, f) in findings.iter().enumerate() {
                finding(out, i + 1, f, width, painter)?;
                writeln!(out)?;
            }
            if !families.is_empty() {
                writeln!(out, "{}", painter.paint(HEADING, "Families"))?;
                for fam in families {
                    writeln!(
                        out,
                        "  {}  {}, {}, strongest {:.2}: {}",
                        painter.paint(ID, &fam.id),
                        super::count_of(fam.size, "paragraph"),
                        super::count_of(fam.findings, "finding"),
                        fam.strongest,
                        fam.bodies.join("; ")
                    )?;
                    let rep: String = fam.representative.chars().take(width.saturating_sub(8).max(40)).collect();
                    let more = if rep.len() < fam.representative.len() { "…" } else { "" };
                    writeln!(out, "      {}", painter.paint(DIM, &format!("\"{rep}{more}\"")))?;
                }
            }
            let shown = if findings.len() < total { format!(" (showing {})", findings.len()) } else { String::new() };
            let s = if total == 1 { "" } else { "s" };
            match families.len() {
                0 => writeln!(out, "{total} finding{s}{shown}"),
                1 => writeln!(out, "\n{total} finding{s}{shown} in 1 family"),
                n => writeln!(out, "\n{total} finding{s}{shown} in {n} families"),
            }
        }
    }
}

/// The body × body matrix: share of the row body's response words found in the column body's.
/// The matrix with each body's provenance, as JSON gives it.
#[derive(serde::Serialize)]
struct MatrixWithProvenance<'a> {
    #[serde(flatten)]
    matrix: &'a Matrix,
    /// Each body's words: own, shared (with whom), quoted, furniture.
    provenance: &'a [crate::provenance::Provenance],
}

/// The body × body matrix, then each body's provenance (text and JSON; CSV gives the cells).
pub fn matrix(
    out: &mut dyn Write,
    m: &Matrix,
    bodies: &[crate::provenance::Provenance],
    format: Format,
    width: Option<usize>,
) -> io::Result<()> {
    match format {
        Format::Json => json(out, &MatrixWithProvenance { matrix: m, provenance: bodies }),
        Format::Csv => csv(
            out,
            &["from", "to", "shared_words", "own_words", "share"],
            m.cells.iter().map(|c| {
                vec![
                    c.from.clone(),
                    c.to.clone(),
                    c.shared_words.to_string(),
                    c.own_words.to_string(),
                    format!("{:.3}", c.share),
                ]
            }),
        ),
        Format::Text => {
            let short: Vec<String> = (1..=m.bodies.len()).map(|i| format!("[{i}]")).collect();
            let mut rows = vec![std::iter::once("of the words of ↓ found in →".to_string())
                .chain(short.iter().cloned())
                .collect()];
            for (i, from) in m.bodies.iter().enumerate() {
                let mut row = vec![format!("[{}] {from}", i + 1)];
                for to in &m.bodies {
                    row.push(match m.cells.iter().find(|c| &c.from == from && &c.to == to) {
                        Some(c) => format!("{:.0}%", c.share * 100.0),
                        None => "-".to_string(),
                    });
                }
                rows.push(row);
            }
            write!(out, "{}", table(&rows))?;
            writeln!(
                out,
                "(each cell: the share of the row body's own words, quotation and furniture left out, found in the \
                 column body's; stock wording (public formulas, wording standing in answers to other reports) is counted in \
                 no cell)"
            )?;
            writeln!(out, "\nEach body's words, as shares of all its words:")?;
            super::provenance::provenance(out, bodies, Format::Text, width)
        }
    }
}

/// Attribution of a document: bodies ranked, with their strongest evidence.
/// Which came first, in words: the document, the body, the same period, or not known.
pub fn first_label(first: &crate::dates::First, doc: &str, body: &str) -> String {
    match first {
        crate::dates::First::A => doc.to_string(),
        crate::dates::First::B => body.to_string(),
        crate::dates::First::Same => "same period".to_string(),
        crate::dates::First::Undated => "not known (undated)".to_string(),
    }
}

/// What the strongest attribution of a document says, in one sentence: the body's own other copy,
/// or a document sharing some of the body's words.
pub fn reading(doc: &str, best: &Attribution) -> String {
    match best.likely {
        crate::reuse::analysis::Likely::SameBodysCopy => format!(
            "{doc} is more likely {}'s own other copy than another body's: {:.0}% of its own words are in it, in {} \
             paragraphs under the same recommendations, in the same order",
            best.body,
            best.share * 100.0,
            best.paragraphs
        ),
        crate::reuse::analysis::Likely::SharesWords => format!(
            "{doc} shares {:.0}% of its own words with {}, not as a whole copy ({}{})",
            best.share * 100.0,
            best.body,
            if best.same_recommendations { "the same recommendations" } else { "other recommendations" },
            if best.same_order { ", in the same order" } else { ", in another order" }
        ),
    }
}

pub fn attribution(
    out: &mut dyn Write,
    doc: &str,
    ranked: &[Attribution],
    format: Format,
    width: usize,
    painter: Painter,
) -> io::Result<()> {
    match format {
        Format::Json => json(out, ranked),
        Format::Csv => csv(
            out,
            &["rank", "body", "force", "score", "shared_words", "share", "paragraphs", "date", "first"],
            ranked.iter().enumerate().map(|(i, a)| {
                vec![
                    (i + 1).to_string(),
                    a.body.clone(),
                    cell(a.force.as_ref()),
                    format!("{:.3}", a.score),
                    a.shared_words.to_string(),
                    format!("{:.3}", a.share),
                    a.paragraphs.to_string(),
                    cell(a.date.as_ref()),
                    first_label(&a.first, doc, &a.body),
                ]
            }),
        ),
        Format::Text => {
            writeln!(out, "{}", painter.paint(HEADING, &format!("Bodies whose words {doc} shares")))?;
            let mut rows = vec![["rank", "body", "score", "shared words", "share", "paragraphs", "dated", "first"]
                .map(String::from)
                .to_vec()];
            for (i, a) in ranked.iter().enumerate() {
                rows.push(vec![
                    (i + 1).to_string(),
                    a.body.clone(),
                    format!("{:.2}", a.score),
                    a.shared_words.to_string(),
                    format!("{:.0}%", a.share * 100.0),
                    a.paragraphs.to_string(),
                    a.date.clone().unwrap_or_else(|| "undated".into()),
                    first_label(&a.first, doc, &a.body),
                ]);
            }
            write!(out, "{}", table(&rows))?;
            if let Some(best) = ranked.first() {
                let reading = reading(doc, best);
                writeln!(out, "\n{reading}")?;
                writeln!(out, "\n{}", painter.paint(HEADING, &format!("Strongest evidence for {}", best.body)))?;
                for (i, f) in best.evidence.iter().take(3).enumerate() {
                    finding(out, i + 1, f, width, painter)?;
                    writeln!(out)?;
                }
            }
            Ok(())
        }
    }
}
