//! PDF page layout: characters placed on the page grouped into lines and segments, and tables
//! the page does not draw (no ruling lines; `pdf_ruled` reads those) found from where their
//! columns start and written as table-export rows (`<p>` cells separated by a tab), so that they
//! are read row by row.

use super::pdf_draw::Glyph;

/// A run of text on a line, separated from the next by a wide gap.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    pub x: f64,
    pub end: f64,
    pub text: String,
    /// Where each word after the first starts: its byte offset in `text`, and its `x`.
    pub words: Vec<(usize, f64)>,
}

/// A line of the page.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub y: f64,
    pub size: f64,
    pub segments: Vec<Segment>,
}

impl Line {
    pub(super) fn text(&self) -> String {
        self.segments.iter().map(|s| s.text.as_str()).collect::<Vec<_>>().join(" ")
    }
}

/// A gap wider than this many font sizes separates segments (columns), not words.
const COLUMN_GAP: f64 = 2.0;
/// A gap between two characters wider than this many font sizes is a space between words...
const WORD_GAP: f64 = 0.1;
/// ... and on a line that has space characters, only a gap this wide is one without them (a
/// producer that sets some of a line's spaces as characters and others as moves: a quarter of a
/// font size is a narrow space, wider than any gap between the letters of a word).
const SPACED_WORD_GAP: f64 = 0.25;
/// A vertical gap of more than this many font sizes ends a paragraph.
const PARAGRAPH_GAP: f64 = 1.5;
/// Lines in two columns needed to take a page region for a table.
const MIN_TABLE_LINES: usize = 3;

/// Groups a page's characters into lines (by height) and segments (by wide gaps).
pub fn lines(glyphs: &[Glyph]) -> Vec<Line> {
    let mut sorted: Vec<&Glyph> = glyphs.iter().filter(|g| !g.text.is_empty()).collect();
    sorted.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let mut rows: Vec<Vec<&Glyph>> = Vec::new();
    for g in sorted {
        match rows.last_mut() {
            Some(row) if (g.y - row[0].y).abs() <= 0.5 * g.size => row.push(g),
            _ => rows.push(vec![g]),
        }
    }
    super::pdf_raised::join_marks(rows)
        .into_iter()
        .filter_map(|mut row| {
            // The line's own glyphs: raised marks joined to it stand apart from its first one.
            let first = row[0];
            row.sort_by(|a, b| a.x.total_cmp(&b.x));
            let visible = |g: &Glyph| !g.text.trim().is_empty();
            let y = row.iter().find(|g| visible(g) && (g.y - first.y).abs() <= 0.5 * g.size)?.y;
            let size = row.iter().filter(|g| visible(g)).map(|g| g.size).fold(0.0, f64::max);
            // A line whose words are separated by space characters has its words where they are;
            // elsewhere a gap between two characters is a space.
            let spaced = row.iter().any(|g| !visible(g));
            let word_gap = if spaced { SPACED_WORD_GAP } else { WORD_GAP };
            let mut segments: Vec<Segment> = Vec::new();
            let mut space = false;
            for g in row {
                if !visible(g) {
                    space = true;
                    continue;
                }
                match segments.last_mut() {
                    Some(s) if g.x - s.end <= COLUMN_GAP * g.size => {
                        if space || g.x - s.end > word_gap * g.size {
                            s.text.push(' ');
                            s.words.push((s.text.len(), g.x));
                        }
                        s.text.push_str(&g.text);
                        s.end = s.end.max(g.end);
                    }
                    _ => segments.push(Segment { x: g.x, end: g.end, text: g.text.clone(), words: Vec::new() }),
                }
                space = false;
            }
            for s in &mut segments {
                if let Some(text) = super::pdf_bidi::logical_order(&s.text) {
                    s.text = text;
                    s.words.clear();
                }
            }
            Some(Line { y, size, segments })
        })
        .collect()
}

/// Where a table's columns start, if the page has a table: x positions at which the segments of
/// enough lines of two or more segments begin, left to right (two for a recommendation/response
/// table, more for numbered tables with status columns).
pub fn column_stops(lines: &[Line]) -> Option<Vec<f64>> {
    let mut starts: Vec<(f64, f64)> = lines
        .iter()
        .filter(|l| l.segments.len() >= 2)
        .flat_map(|l| l.segments.iter().map(move |s| (s.x, l.size)))
        .collect();
    starts.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut clusters: Vec<Vec<f64>> = Vec::new();
    for (x, size) in starts {
        match clusters.last_mut() {
            Some(c) if x - c[c.len() - 1] <= 2.0 * size => c.push(x),
            _ => clusters.push(vec![x]),
        }
    }
    let stops: Vec<f64> = clusters
        .into_iter()
        .filter(|c| c.len() >= MIN_TABLE_LINES)
        .map(|c| c.into_iter().fold(f64::INFINITY, f64::min))
        .collect();
    (stops.len() >= 2).then_some(stops)
}

/// The column a segment starting at `x` belongs to.
pub(super) fn column_of(stops: &[f64], x: f64, size: f64) -> usize {
    stops.iter().rposition(|s| *s <= x + size).unwrap_or(0)
}

/// What separates the cells of a table row that answers no recommendation, written as one
/// paragraph.
pub const CELL_SEPARATOR: &str = " | ";

/// A row of a table that answers no recommendation as one paragraph: its cells in order,
/// empty ones left out.
pub fn data_row<'a>(cells: impl Iterator<Item = &'a str>) -> String {
    cells.map(str::trim).filter(|c| !c.is_empty()).collect::<Vec<_>>().join(CELL_SEPARATOR)
}

pub(super) fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// A line of one column of a table row: its height on the page, font size and text.
pub type CellLine = (f64, f64, String);
/// The columns of a table row being gathered.
type Row = Vec<Vec<CellLine>>;

/// Paragraphs of one column of a table row, from its lines: a gap wider than a paragraph's
/// between two lines starts a new one; a word hyphenated at a line end is joined again.
pub fn paragraphs(lines: &[CellLine]) -> Vec<String> {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut last: Option<f64> = None;
    for (y, size, text) in lines {
        let new = last.is_none_or(|l| y - l > PARAGRAPH_GAP * size);
        match paragraphs.last_mut() {
            Some(p) if !new => {
                if !super::hyphens::join(p, text) {
                    p.push(' ');
                    p.push_str(text);
                }
            }
            _ => paragraphs.push(text.clone()),
        }
        last = Some(*y);
    }
    paragraphs
}

/// A table cell's paragraphs as markup.
fn cell(lines: &[CellLine]) -> String {
    paragraphs(lines).iter().map(|p| format!("<p>{}</p>", escape(p))).collect::<Vec<_>>().join(" ")
}

/// A page as text: prose lines as they stand (a blank line where the gap is a paragraph's), and a
/// table, if there is one, as one tab-separated line per row. A row starts at the top of the
/// table, where the first column opens a recommendation, and, when the first column is a narrow
/// numbered one ("No.", "1", "R4"), wherever it has text. A first row of short cells is the header,
/// written without markup as an export's header is.
pub fn page_text(glyphs: &[Glyph]) -> String {
    let lines = lines(glyphs);
    let stops = column_stops(&lines);
    let answers = stops.as_ref().is_some_and(|s| self::answers(&lines, s));
    lay_out(&lines, stops, answers)
}

/// Whether a line names a table's columns: two or more short segments, none a recommendation's
/// heading, one naming a recommendation or a response.
fn names_columns(line: &Line) -> bool {
    line.segments.len() >= 2
        && line
            .segments
            .iter()
            .all(|s| s.text.split_whitespace().count() <= 4 && crate::references::heading_number(&s.text).is_none())
        && line.segments.iter().any(|s| {
            let lower = s.text.to_lowercase();
            lower.contains("recommendation") || lower.contains("response")
        })
}

/// A table line with its segments cut where a word starts at a column's start: the text of
/// columns set closer together than the gap between segments runs on in one segment otherwise.
pub(super) fn split_at_stops(line: &Line, stops: &[f64]) -> Line {
    let mut segments = Vec::new();
    for s in &line.segments {
        let mut rest = Segment { words: Vec::new(), ..s.clone() };
        let mut from = 0;
        for &(at, x) in &s.words {
            let at_stop = x - rest.x > line.size && stops.iter().any(|stop| (x - stop).abs() <= 0.5 * line.size);
            if at_stop {
                let text = s.text[from..at].trim_end().to_string();
                segments.push(Segment { end: x - 0.5 * line.size, text, ..rest });
                from = at;
                rest = Segment { x, end: s.end, text: String::new(), words: Vec::new() };
            } else {
                rest.words.push((at - from, x));
            }
        }
        rest.text = s.text[from..].to_string();
        segments.push(rest);
    }
    Line { segments, ..line.clone() }
}

/// Whether a document's tables without rules (lines in the columns `stops`) answer
/// recommendations: a header names a recommendation or response column, or a line's first
/// column opens a recommendation. Else they are figures or lists, read a row per line.
pub fn answers(lines: &[Line], stops: &[f64]) -> bool {
    lines.iter().filter(|l| l.segments.len() >= 2).any(|l| {
        let first: Vec<&str> =
            l.segments.iter().filter(|s| column_of(stops, s.x, l.size) == 0).map(|s| s.text.as_str()).collect();
        names_columns(l) || crate::references::heading_number(&first.join(" ")).is_some()
    })
}

/// A page's lines as text, a table in the given columns read row by row if it `answers`
/// recommendations, else a row per line.
pub fn lay_out(lines: &[Line], stops: Option<Vec<f64>>, answers: bool) -> String {
    // Lines standing in the columns, cut where a column starts inside a segment: lines of several
    // segments, or of one starting past the first column (a line of prose starts where the first
    // column does, and is left whole).
    let lines: Vec<Line> = match &stops {
        Some(stops) => lines
            .iter()
            .map(|l| {
                let near = l.segments.iter().all(|s| stops.iter().any(|x| (s.x - x).abs() <= 2.0 * l.size));
                let cells = l.segments.len() >= 2 || l.segments.iter().all(|s| column_of(stops, s.x, l.size) > 0);
                if near && cells {
                    split_at_stops(l, stops)
                } else {
                    l.clone()
                }
            })
            .collect(),
        None => lines.to_vec(),
    };
    let lines = &lines[..];
    let tabular = |l: &Line| {
        stops.as_ref().is_some_and(|stops| {
            l.segments.len() >= 2
                && l.segments.iter().all(|s| stops.iter().any(|x| (s.x - x).abs() <= 2.0 * l.size))
                && l.segments.iter().any(|s| column_of(stops, s.x, l.size) > 0)
        })
    };
    // A line of one cell's text, in a column past the first: a wrapped cell going on above the
    // first or below the last line of several cells (a row cut by a page break).
    let cellular = |l: &Line| {
        stops.as_ref().is_some_and(|stops| {
            l.segments.iter().all(|s| stops.iter().any(|x| (s.x - x).abs() <= 2.0 * l.size))
                && l.segments.iter().all(|s| column_of(stops, s.x, l.size) > 0)
        })
    };
    let first = lines.iter().position(tabular).map(|f| {
        let before = lines[..f].iter().rev().take_while(|l| cellular(l)).count();
        f - before
    });
    let last = lines.iter().rposition(tabular).map(|l| l + lines[l + 1..].iter().take_while(|x| cellular(x)).count());
    let stops = stops.unwrap_or_default();
    let n_columns = stops.len();
    let in_table = |i: usize| matches!((first, last), (Some(f), Some(l)) if i >= f && i <= l);
    // The first column's texts, line by line: a narrow numbered column when all are short.
    let first_column = |line: &Line| -> String {
        let texts: Vec<&str> =
            line.segments.iter().filter(|s| column_of(&stops, s.x, line.size) == 0).map(|s| s.text.as_str()).collect();
        texts.join(" ")
    };
    let numbered = n_columns >= 3
        && lines
            .iter()
            .enumerate()
            .filter(|(i, _)| in_table(*i))
            .all(|(_, l)| first_column(l).split_whitespace().count() <= 3);
    let mut out = String::new();
    let mut prev: Option<&Line> = None;
    let mut row: Option<Row> = None;
    let mut rows_written = 0;
    let mut flush = |row: &mut Option<Row>, out: &mut String| {
        let Some(columns) = row.take() else { return };
        let short = columns.iter().all(|c| c.iter().map(|(_, _, t)| t.split_whitespace().count()).sum::<usize>() <= 4);
        let names = columns.iter().flatten().any(|(_, _, t)| {
            let lower = t.to_lowercase();
            lower.contains("recommendation") || lower.contains("response")
        });
        let header = rows_written == 0 && n_columns >= 3 && short && names;
        let cells: Vec<String> = columns
            .iter()
            .map(|c| if header { c.iter().map(|(_, _, t)| t.as_str()).collect::<Vec<_>>().join(" ") } else { cell(c) })
            .collect();
        out.push_str(&cells.join("\t"));
        out.push('\n');
        rows_written += 1;
    };
    // The header at the top of the table, and whether the row being read is it.
    let (mut started, mut header, mut header_open): (bool, Option<String>, bool) = (false, None, false);
    for (i, line) in lines.iter().enumerate() {
        if in_table(i) && !answers {
            // A table that answers no recommendation (figures, a list): a row per line, its
            // cells apart and in order.
            flush(&mut row, &mut out);
            out.push('\n');
            out.push_str(&data_row(line.segments.iter().map(|s| s.text.as_str())));
            out.push_str("\n\n");
        } else if in_table(i) {
            // The header again inside the table (where a generator split it) ends the row
            // before it and is no row itself.
            if started && header.as_ref() == Some(&line.text()) {
                flush(&mut row, &mut out);
                continue;
            }
            // The header at the top of a page is a row of its own: a line of longer text after it
            // (the rest of a row cut by the page break) starts the next.
            let after_header = header_open && line.segments.iter().any(|s| s.text.split_whitespace().count() > 4);
            if !started && names_columns(line) {
                header = Some(line.text());
                header_open = true;
            } else {
                header_open &= !after_header;
            }
            started = true;
            let lead = first_column(line);
            let opens = !lead.is_empty() && (numbered || crate::references::heading_number(&lead).is_some());
            if row.is_none() || opens || after_header {
                flush(&mut row, &mut out);
                row = Some(vec![Vec::new(); n_columns]);
            }
            if let Some(columns) = row.as_mut() {
                for (c, column) in columns.iter_mut().enumerate() {
                    let text: Vec<&str> = line
                        .segments
                        .iter()
                        .filter(|s| column_of(&stops, s.x, line.size) == c)
                        .map(|s| s.text.as_str())
                        .collect();
                    if !text.is_empty() {
                        column.push((line.y, line.size, text.join(" ")));
                    }
                }
            }
        } else {
            flush(&mut row, &mut out);
            if prev.is_some_and(|p| line.y - p.y > PARAGRAPH_GAP * line.size) {
                out.push('\n');
            }
            out.push_str(&line.text());
            out.push('\n');
        }
        prev = Some(line);
    }
    flush(&mut row, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(x: f64, y: f64, text: &str) -> Vec<Glyph> {
        Glyph::word(x, y, text)
    }

    fn page(items: &[(f64, f64, &str)]) -> Vec<Glyph> {
        items.iter().flat_map(|(x, y, t)| word(*x, *y, t)).collect()
    }

    #[test]
    fn a_line_with_space_characters_still_parts_words_set_apart_by_a_move() {
        // "češtinou – ě": the space after a word is a move of a third of the font size, on a line
        // whose other spaces are characters; the letters of a word stand a tenth apart at most.
        let mut glyphs = word(0.0, 100.0, "s ce");
        glyphs.extend(word(23.3, 100.0, "ab"));
        glyphs.extend(word(36.3, 100.0, "c"));
        assert_eq!(page_text(&glyphs), "s ce ab c\n");
        let mut glyphs = word(0.0, 100.0, "s ce");
        glyphs.extend(word(21.0, 100.0, "ab"));
        assert_eq!(page_text(&glyphs), "s ceab\n");
        // Either side of a quarter: a fifth of the size joins, three tenths parts.
        for (gap, text) in [(2.0, "s ceab\n"), (3.0, "s ce ab\n")] {
            let mut glyphs = word(0.0, 100.0, "s ce");
            glyphs.extend(word(20.0 + gap, 100.0, "ab"));
            assert_eq!(page_text(&glyphs), text, "a gap of {gap} at size 10");
        }
    }

    #[test]
    fn prose_keeps_its_lines_and_paragraph_gaps() {
        let text =
            page_text(&page(&[(40.0, 100.0, "First line"), (40.0, 112.0, "goes on."), (40.0, 140.0, "New one.")]));
        assert_eq!(text, "First line\ngoes on.\n\nNew one.\n");
    }

    #[test]
    fn a_two_column_table_becomes_rows() {
        let g = page(&[
            (40.0, 50.0, "Our response follows."),
            (40.0, 80.0, "Recommendation 1."),
            (300.0, 80.0, "We have stopped"),
            (40.0, 92.0, "Stop sharing data."),
            (300.0, 92.0, "sharing data."),
            (300.0, 120.0, "And checked."),
            (40.0, 150.0, "Recommendation 4."),
            (300.0, 150.0, "We train staff."),
            (40.0, 200.0, "Signed, the Chief Constable."),
        ]);
        assert_eq!(
            page_text(&g),
            "Our response follows.\n<p>Recommendation 1. Stop sharing data.</p>\t<p>We have stopped sharing data.</p> <p>And checked.</p>\n<p>Recommendation 4.</p>\t<p>We train staff.</p>\n\nSigned, the Chief Constable.\n"
        );
    }

    #[test]
    fn columns_set_close_together_are_cut_where_a_column_starts() {
        // The last row's recommendation text ends where the gap before the response column is no
        // wider than the gap between the words of one segment; its status stands apart.
        let g = page(&[
            (40.0, 80.0, "Recommendation 1."),
            (200.0, 80.0, "We act."),
            (400.0, 80.0, "Done"),
            (40.0, 120.0, "Recommendation 4."),
            (200.0, 120.0, "We train."),
            (400.0, 120.0, "Done"),
            (40.0, 160.0, "Recommendation 5: support crime"),
            (203.0, 160.0, "We check it."),
            (400.0, 160.0, "Open"),
            (40.0, 200.0, "Recommendation 8."),
            (200.0, 200.0, "We report."),
            (400.0, 200.0, "Done"),
        ]);
        let text = page_text(&g);
        assert!(
            text.contains("\n<p>Recommendation 5: support crime</p>\t<p>We check it.</p>\t<p>Open</p>\n"),
            "{text}"
        );
    }
}
