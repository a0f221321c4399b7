//! Text fitted to a terminal's width: tables whose text columns are shortened to fit, and a
//! writer that wraps every longer line at a space, continuing it indented. Output into a pipe or
//! a file is never wrapped (one record a line, as grep and ripgrep keep it).

use std::io::{self, Write};

/// A writer that wraps each line wider than `width` columns at its last space before the edge
/// (or, in a word longer than the line, at the edge), continuing two columns further in than the
/// line began. Terminal colour sequences take no width. Lines are written out as they end.
pub struct Fit<W: Write> {
    inner: W,
    width: usize,
    line: Vec<u8>,
}

impl<W: Write> Fit<W> {
    pub fn new(inner: W, width: usize) -> Fit<W> {
        Fit { inner, width: width.max(20), line: Vec::new() }
    }

    fn emit(&mut self) -> io::Result<()> {
        let line = std::mem::take(&mut self.line);
        match std::str::from_utf8(&line) {
            Ok(text) => self.inner.write_all(wrap(text, self.width).as_bytes()),
            Err(_) => self.inner.write_all(&line),
        }
    }
}

impl<W: Write> Write for Fit<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        for piece in buf.split_inclusive(|&b| b == b'\n') {
            self.line.extend_from_slice(piece);
            if piece.ends_with(b"\n") {
                self.emit()?;
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.line.is_empty() {
            self.emit()?;
        }
        self.inner.flush()
    }
}

/// One piece of a line: a character and whether it takes a column (a colour sequence does not).
fn pieces(line: &str) -> Vec<(&str, bool)> {
    let mut out = Vec::with_capacity(line.len());
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '\u{1b}' && chars.peek().is_some_and(|&(_, n)| n == '[') {
            let mut end = i + 1;
            for (j, n) in chars.by_ref() {
                end = j + n.len_utf8();
                if j > i + 1 && ('\u{40}'..='\u{7e}').contains(&n) {
                    break;
                }
            }
            out.push((&line[i..end], false));
        } else {
            out.push((&line[i..i + c.len_utf8()], true));
        }
    }
    out
}

/// The columns a text takes on a terminal (colour sequences take none).
pub fn visible_width(text: &str) -> usize {
    pieces(text).iter().filter(|p| p.1).count()
}

/// A line (with or without its newline) wrapped to `width` columns.
pub fn wrap(line: &str, width: usize) -> String {
    let (body, newline) = match line.strip_suffix('\n') {
        Some(b) => (b, "\n"),
        None => (line, ""),
    };
    if visible_width(body) <= width {
        return line.to_string();
    }
    let pieces = pieces(body);
    let lead = pieces.iter().take_while(|p| p.0 == " ").count();
    let hang = (lead + 2).min(width / 2);
    let mut out = String::with_capacity(line.len() + 16);
    let mut start = 0;
    let mut first = true;
    while start < pieces.len() {
        let room = if first { width } else { width - hang };
        // The pieces that fit in this row, and where the last space among them falls.
        let (mut cols, mut end, mut space) = (0, start, None);
        while end < pieces.len() && (cols < room || !pieces[end].1) {
            if pieces[end].0 == " " && (!first || end >= lead) && end > start {
                space = Some(end);
            }
            cols += usize::from(pieces[end].1);
            end += 1;
        }
        if end < pieces.len() && pieces[end].0 != " " {
            if let Some(s) = space {
                end = s;
            }
        }
        if !first {
            out.push('\n');
            out.extend(std::iter::repeat_n(' ', hang));
        }
        let row: String = pieces[start..end].iter().map(|p| p.0).collect();
        out.push_str(row.trim_end_matches(' '));
        start = end;
        while start < pieces.len() && pieces[start].0 == " " {
            start += 1;
        }
        first = false;
    }
    out.push_str(newline);
    out
}

/// Cuts a cell to `width` columns, ending it with `…` when it was longer.
fn cut(cell: &str, width: usize) -> String {
    if cell.chars().count() <= width {
        return cell.to_string();
    }
    let mut s: String = cell.chars().take(width.saturating_sub(1)).collect();
    s.push('…');
    s
}

/// Narrowest a column of text is cut to, and a number column's heading.
const TEXT_MIN: usize = 12;
const HEADING_MIN: usize = 4;

/// Rows of a table (the first the heading) shortened to fit `width` columns as `render::table`
/// lays them out: headings take their short forms (`short`: heading, short form), then the
/// widest column that can give is cut a column at a time (a text column to [`TEXT_MIN`], a
/// number column's heading to its numbers), never the first column (an id) nor a number. What
/// still does not fit is left to the line wrapping.
pub fn fit_table(rows: &[Vec<String>], width: usize, short: &[(&str, &str)]) -> Vec<Vec<String>> {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let wide = |rows: &[Vec<String>]| {
        (0..cols)
            .map(|c| rows.iter().filter_map(|r| r.get(c)).map(|s| s.chars().count()).max().unwrap_or(0))
            .sum::<usize>()
            + 2 * cols.saturating_sub(1)
    };
    let mut shortened;
    let rows = if wide(rows) > width && !short.is_empty() {
        shortened = rows.to_vec();
        if let Some(head) = shortened.first_mut() {
            for h in head.iter_mut() {
                if let Some((_, s)) = short.iter().find(|(long, _)| long == h) {
                    *h = s.to_string();
                }
            }
        }
        &shortened[..]
    } else {
        rows
    };
    let len = |s: &String| s.chars().count();
    let mut widths: Vec<usize> =
        (0..cols).map(|c| rows.iter().filter_map(|r| r.get(c)).map(len).max().unwrap_or(0)).collect();
    let numeric: Vec<bool> = (0..cols)
        .map(|c| rows.iter().skip(1).filter_map(|r| r.get(c)).all(|s| s == "-" || s.parse::<f64>().is_ok()))
        .collect();
    let floor: Vec<usize> = (0..cols)
        .map(|c| {
            if c == 0 {
                widths[0]
            } else if numeric[c] {
                rows.iter().skip(1).filter_map(|r| r.get(c)).map(len).max().unwrap_or(0).max(HEADING_MIN).min(widths[c])
            } else {
                TEXT_MIN.min(widths[c])
            }
        })
        .collect();
    let total = |w: &[usize]| w.iter().sum::<usize>() + 2 * cols.saturating_sub(1);
    while total(&widths) > width {
        let Some(c) = (0..cols).filter(|&c| widths[c] > floor[c]).max_by_key(|&c| (widths[c], c)) else {
            break;
        };
        widths[c] -= 1;
    }
    rows.iter().map(|r| r.iter().enumerate().map(|(c, cell)| cut(cell, widths[c])).collect()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_wrap_at_spaces_with_a_hanging_indent() {
        let line = "  one two three four five six seven eight nine ten eleven twelve\n";
        let wrapped = wrap(line, 20);
        for row in wrapped.lines() {
            assert!(row.chars().count() <= 20, "{row:?}");
        }
        assert_eq!(wrapped.split_whitespace().collect::<Vec<_>>(), line.split_whitespace().collect::<Vec<_>>());
        assert!(wrapped.lines().skip(1).all(|r| r.starts_with("    ") && !r.starts_with("     ")), "{wrapped}");
        assert_eq!(wrap("short\n", 20), "short\n");
        // A word longer than the line is cut at the edge.
        assert!(wrap(&"x".repeat(50), 20).lines().all(|r| r.chars().count() <= 20));
        // Colour takes no width.
        let red = format!("\u{1b}[31m{}\u{1b}[0m", "a ".repeat(9));
        assert_eq!(wrap(&red, 20), red);
    }

    #[test]
    fn tables_give_their_text_columns_first() {
        let rows = vec![
            vec!["id".to_string(), "force".into(), "recommendation".into()],
            vec!["a-long-id".to_string(), "A Very Long Constabulary Name".into(), "12".into()],
        ];
        let fitted = fit_table(&rows, 34, &[]);
        assert_eq!(fitted[1][0], "a-long-id");
        assert_eq!(fitted[1][2], "12");
        let widths = (0..3).map(|c| fitted.iter().map(|r| r[c].chars().count()).max().unwrap());
        assert!(widths.sum::<usize>() + 4 <= 34, "{fitted:?}");
    }
}
