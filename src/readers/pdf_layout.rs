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
}

/// A line of the page.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub y: f64,
    pub size: f64,
    pub segments: Vec<Segment>,
}

impl Line {
    fn text(&self) -> String {
        self.segments.iter().map(|s| s.text.as_str()).collect::<Vec<_>>().join(" ")
    }
}

/// A gap wider than this many font sizes separates segments (columns), not words.
const COLUMN_GAP: f64 = 2.0;
/// A gap between two characters wider than this many font sizes is a space between words...
const WORD_GAP: f64 = 0.1;
/// ... and on a line that has space characters, only a gap this wide is one without them.
const SPACED_WORD_GAP: f64 = 0.6;
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
    rows.into_iter()
        .filter_map(|mut row| {
            row.sort_by(|a, b| a.x.total_cmp(&b.x));
            let visible = |g: &Glyph| !g.text.trim().is_empty();
            let y = row.iter().find(|g| visible(g))?.y;
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
                        }
                        s.text.push_str(&g.text);
                        s.end = s.end.max(g.end);
                    }
                    _ => segments.push(Segment { x: g.x, end: g.end, text: g.text.clone() }),
                }
                space = false;
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
fn column_of(stops: &[f64], x: f64, size: f64) -> usize {
    stops.iter().rposition(|s| *s <= x + size).unwrap_or(0)
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
                if p.ends_with('-') && text.starts_with(|c: char| c.is_lowercase()) {
                    p.pop();
                } else {
                    p.push(' ');
                }
                p.push_str(text);
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
    lay_out(&lines, stops)
}

/// A page's lines as text, a table in the given columns read row by row.
pub fn lay_out(lines: &[Line], stops: Option<Vec<f64>>) -> String {
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
    for (i, line) in lines.iter().enumerate() {
        if in_table(i) {
            let lead = first_column(line);
            let opens = !lead.is_empty() && (numbered || crate::references::heading_number(&lead).is_some());
            if row.is_none() || opens {
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
        text.chars()
            .enumerate()
            .map(|(i, c)| Glyph {
                x: x + 5.0 * i as f64,
                end: x + 5.0 * (i + 1) as f64,
                y,
                size: 10.0,
                text: c.to_string(),
            })
            .collect()
    }

    fn page(items: &[(f64, f64, &str)]) -> Vec<Glyph> {
        items.iter().flat_map(|(x, y, t)| word(*x, *y, t)).collect()
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
}
