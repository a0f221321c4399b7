//! Rendering: the only place that formats results as text, JSON or CSV. Each submodule renders
//! one kind of result; this module holds what they share (colours, tables, JSON, CSV).

pub mod batch;
pub mod build;
pub mod coverage;
pub mod docs;
pub mod export;
pub mod fit;
pub mod html;
pub mod made;
pub mod passages;
pub mod provenance;
pub mod reuse;
pub mod runs;
pub mod search;
pub mod status;

use std::io::{self, Write};

use anstyle::{AnsiColor, Effects, Style};
use serde::Serialize;

use crate::model::Paragraph;

/// The output formats of every result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Csv,
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Format, String> {
        match s.to_ascii_lowercase().as_str() {
            "text" => Ok(Format::Text),
            "json" => Ok(Format::Json),
            "csv" => Ok(Format::Csv),
            _ => Err(format!("'{s}' is not an output format (text, json, csv)")),
        }
    }
}

/// Applies terminal styles, or not; and says how paragraphs are labelled.
#[derive(Debug, Clone, Copy, Default)]
pub struct Painter {
    pub color: bool,
    /// The corpus answers several reports: each paragraph's recommendations are named with their
    /// report (`custody-2023 rec 1`), as numbers are per report.
    pub reports: bool,
    /// The terminal's width, when text goes to a terminal and is fitted to it; `None` into a
    /// pipe or a file (nothing is cut or wrapped).
    pub width: Option<usize>,
}

pub const MATCH: Style = Style::new().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Red))).effects(Effects::BOLD);
pub const HEADING: Style = Style::new().effects(Effects::BOLD);
pub const ID: Style = Style::new().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Magenta)));
pub const DIM: Style = Style::new().effects(Effects::DIMMED);

/// A character as it may reach a terminal: control characters (C0 but tab and newline, DEL, C1),
/// which a document could use to move the cursor, retitle the window or clear the screen, are
/// shown as the symbols Unicode has for them instead of being obeyed.
pub fn terminal_char(c: char) -> char {
    match c {
        '\t' | '\n' => c,
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}'),
        '\u{7f}' => '\u{2421}',
        '\u{80}'..='\u{9f}' => '\u{FFFD}',
        _ => c,
    }
}

/// Text as it may reach a terminal (see [`terminal_char`]); borrowed when there is nothing to change.
pub fn terminal_safe(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().any(|c| terminal_char(c) != c) {
        text.chars().map(terminal_char).collect::<String>().into()
    } else {
        text.into()
    }
}

/// A name (a file's, a document's, a body's) on one line (see [`crate::model::one_line`]).
pub fn name_safe(text: &str) -> std::borrow::Cow<'_, str> {
    crate::model::one_line(text)
}

impl Painter {
    /// The same, naming reports in labels when `several` reports are in the corpus.
    pub fn with_reports(self, several: bool) -> Painter {
        Painter { reports: several, ..self }
    }

    /// A paragraph's recommendations as [`recs_label`] gives them, with its report when the corpus
    /// answers several.
    pub fn recs_label(&self, p: &Paragraph) -> String {
        match p.report.as_deref().filter(|_| self.reports) {
            Some(report) => format!("{} {}", terminal_safe(report), recs_label(p)),
            None => recs_label(p),
        }
    }

    /// `text` in `style`, made safe for a terminal.
    pub fn paint(&self, style: Style, text: &str) -> String {
        let text = terminal_safe(text);
        if self.color {
            format!("{}{text}{}", style.render(), style.render_reset())
        } else {
            text.into_owned()
        }
    }

    /// Plain text, made safe for a terminal.
    pub fn plain<'t>(&self, text: &'t str) -> std::borrow::Cow<'t, str> {
        terminal_safe(text)
    }

    /// `text` with the byte ranges painted in `style`.
    pub fn marks(&self, text: &str, ranges: &[[usize; 2]], style: Style) -> String {
        let mut out = String::with_capacity(text.len() + ranges.len() * 12);
        let mut at = 0;
        for &[start, end] in ranges {
            if start < at || end > text.len() || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
                continue;
            }
            out.push_str(&terminal_safe(&text[at..start]));
            out.push_str(&self.paint(style, &text[start..end]));
            at = end;
        }
        out.push_str(&terminal_safe(&text[at..]));
        out
    }
}

/// Pretty JSON, one value, newline-terminated.
pub fn json<T: Serialize + ?Sized>(out: &mut dyn Write, value: &T) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)
}

/// A CSV cell a spreadsheet will not run as a formula: one that begins with `=`, `+`, `-`, `@`,
/// a tab or a carriage return gets a leading `'`, as OWASP recommends for CSV injection.
pub fn csv_cell(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// Writes CSV records with a header; cells are defused ([`csv_cell`]).
/// The writer's own IO error is given back as it is (a reader gone away stays a broken pipe, which
/// the command line ends on quietly), not wrapped in the CSV crate's error.
pub fn csv(out: &mut dyn Write, header: &[&str], rows: impl IntoIterator<Item = Vec<String>>) -> io::Result<()> {
    let mut w = ::csv::Writer::from_writer(out);
    w.write_record(header).map_err(csv_io)?;
    for row in rows {
        w.write_record(row.iter().map(|c| csv_cell(c).into_owned())).map_err(csv_io)?;
    }
    w.flush()
}

/// A CSV error as the IO error beneath it, when there is one.
fn csv_io(e: ::csv::Error) -> io::Error {
    if !e.is_io_error() {
        return io::Error::other(e);
    }
    match e.into_kind() {
        ::csv::ErrorKind::Io(io) => io,
        _ => io::Error::other("the CSV writer failed"),
    }
}

/// Aligns rows into columns; columns whose cells are all numbers are right-aligned.
pub fn table(rows: &[Vec<String>]) -> String {
    // Each cell made safe for a terminal once, and measured as it will be shown.
    let cells: Vec<Vec<(std::borrow::Cow<'_, str>, usize)>> = rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|s| {
                    let safe = terminal_safe(s);
                    let width = if safe.is_ascii() { safe.len() } else { safe.chars().count() };
                    (safe, width)
                })
                .collect()
        })
        .collect();
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut widths = vec![0; cols];
    let mut right = vec![true; cols];
    for (i, row) in cells.iter().enumerate() {
        for (c, (cell, width)) in row.iter().enumerate() {
            widths[c] = widths[c].max(*width);
            if i > 0 && right[c] && cell != "-" && cell.parse::<f64>().is_err() {
                right[c] = false;
            }
        }
    }
    let mut out = String::with_capacity(rows.len() * (widths.iter().sum::<usize>() + 2 * cols + 1));
    for row in &cells {
        let line_start = out.len();
        for (c, (cell, width)) in row.iter().enumerate() {
            if c > 0 {
                out.push_str("  ");
            }
            let pad = widths[c] - width;
            if right[c] {
                out.extend(std::iter::repeat_n(' ', pad));
                out.push_str(cell);
            } else {
                out.push_str(cell);
                out.extend(std::iter::repeat_n(' ', pad));
            }
        }
        let kept = out[line_start..].trim_end().len();
        out.truncate(line_start + kept);
        out.push('\n');
    }
    out
}

/// A table laid out as [`table`] does, fitted to the painter's width when it has one (see
/// [`fit::fit_table`]).
pub fn table_fit(rows: &[Vec<String>], width: Option<usize>) -> String {
    table_fit_short(rows, width, &[])
}

/// [`table_fit`], headings taking the short forms given (heading, short form) when narrow.
pub fn table_fit_short(rows: &[Vec<String>], width: Option<usize>, short: &[(&str, &str)]) -> String {
    match width {
        Some(w) => table(&fit::fit_table(rows, w, short)),
        None => table(rows),
    }
}

/// `n` and a noun, plural unless `n` is 1: `1 finding`, `3 findings`.
pub fn count_of(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("{n} {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// How a missing force is shown to people.
pub fn force_label(force: Option<&str>) -> &str {
    force.unwrap_or("(unattributed)")
}

/// A recommendation number as people read it.
pub fn rec_label(rec: Option<u32>) -> String {
    rec.map(|n| format!("rec {n}")).unwrap_or_else(|| "no rec".to_string())
}

/// Every recommendation a paragraph answers, as people read it: `rec 4`, `recs 1,4,5`, `no rec`.
pub fn recs_label(p: &Paragraph) -> String {
    if p.recommendations.len() > 1 {
        format!("recs {}", p.recommendations.iter().map(u32::to_string).collect::<Vec<_>>().join(","))
    } else {
        rec_label(p.recommendation)
    }
}

/// A table row's status, where a paragraph has one: `  [Complete]`.
pub fn status_label(p: &Paragraph) -> String {
    p.status.as_deref().map(|s| format!("  [{}]", terminal_safe(s))).unwrap_or_default()
}

/// CSV columns describing a paragraph (its text goes last, after any columns of the caller's).
pub const PARAGRAPH_HEADER: [&str; 8] = ["id", "doc", "path", "force", "recommendation", "role", "paragraph", "line"];

/// A paragraph's cells under [`PARAGRAPH_HEADER`].
pub fn paragraph_row(p: &Paragraph) -> Vec<String> {
    vec![
        p.id.clone(),
        p.doc.clone(),
        p.path.clone(),
        cell(p.force.as_ref()),
        cell(p.recommendation),
        p.role.to_string(),
        p.paragraph.to_string(),
        p.line.to_string(),
    ]
}

/// Names, one a line (made safe for a terminal).
pub fn lines(out: &mut dyn Write, names: &[String]) -> io::Result<()> {
    for n in names {
        writeln!(out, "{}", terminal_safe(n))?;
    }
    Ok(())
}

/// An optional value as a CSV cell.
pub fn cell<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}
