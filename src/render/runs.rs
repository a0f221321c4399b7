//! Renders copied runs: consecutive findings between two documents shown as one copied run, with
//! its extent on each side, its shared words as a whole and the quotation standing inside it.

use std::io::{self, Write};

use super::{json, Format, Painter, HEADING};
use crate::reuse::runs::Run;

/// A paragraph id's number (`gloucestershire-2021-12:28` → `:28`), for a run's lines.
fn number(id: &str) -> &str {
    id.rfind(':').map_or(id, |i| &id[i..])
}

/// Paragraph ids as runs of numbers: `:25–:27 :29`.
fn spans(ids: &[String]) -> String {
    let numbers: Vec<u64> = ids.iter().filter_map(|i| number(i).trim_start_matches(':').parse().ok()).collect();
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < numbers.len() {
        let mut j = i;
        while j + 1 < numbers.len() && numbers[j + 1] == numbers[j] + 1 {
            j += 1;
        }
        out.push(if j > i { format!(":{}–:{}", numbers[i], numbers[j]) } else { format!(":{}", numbers[i]) });
        i = j + 1;
    }
    out.join(" ")
}

/// The runs (JSON: every run with its findings inside; text: a section, strongest first).
pub fn runs(out: &mut dyn Write, runs: &[Run], format: Format, painter: Painter) -> io::Result<()> {
    match format {
        Format::Json | Format::Csv => json(out, runs),
        Format::Text => {
            if runs.is_empty() {
                return Ok(());
            }
            let head = format!(
                "Copied runs: {} run{} of consecutive paragraphs copied from one document to another",
                runs.len(),
                if runs.len() == 1 { "" } else { "s" }
            );
            writeln!(out, "{}", painter.paint(HEADING, &head))?;
            for r in runs {
                writeln!(
                    out,
                    "  {} · score {:.2} · {} findings, {} shared words",
                    r.id,
                    r.score,
                    r.findings.len(),
                    r.shared_words
                )?;
                writeln!(out, "    {} {}–{}", r.a_doc, number(&r.a[0]), number(&r.a[1]))?;
                writeln!(out, "    {} {}–{}", r.b_doc, number(&r.b[0]), number(&r.b[1]))?;
                for f in &r.findings {
                    let same = if f.kind == crate::reuse::Kind::Verbatim { "the same words" } else { "with edits" };
                    writeln!(
                        out,
                        "      {} ↔ {}  {}  {} shared words, {same}",
                        number(&f.a.id),
                        number(&f.b.id),
                        painter.recs_label(&f.a),
                        f.shared_words
                    )?;
                }
                if !r.quoted_a.is_empty() || !r.quoted_b.is_empty() {
                    let list = |ids: &[String]| spans(ids);
                    writeln!(
                        out,
                        "      between them, not the bodies' own words (quotation, headings, labels): {} / {}",
                        if r.quoted_a.is_empty() { "-".to_string() } else { list(&r.quoted_a) },
                        if r.quoted_b.is_empty() { "-".to_string() } else { list(&r.quoted_b) }
                    )?;
                }
            }
            writeln!(out)
        }
    }
}
