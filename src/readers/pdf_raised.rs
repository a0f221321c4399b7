//! Raised marks (footnote numbers set small above the line, `breastfed⁹`) joined to the line
//! whose word they end, instead of standing as a line of their own between two lines of text.

use super::pdf_draw::Glyph;

/// A mark is set in type at most this many times the size of its line's type...
const MARK_SIZE: f64 = 0.8;
/// ... with its baseline raised above the line's by at most this many of the line's sizes...
const MARK_RAISE: f64 = 0.7;
/// ... and starting where a word of the line (or the mark's previous character) ends, within
/// this many of the line's sizes.
const MARK_TOUCH: f64 = 0.25;
/// A mark is at most this many characters (`9`, `12`, `a,b`): a longer run of small type beside
/// a line (a label set small beside a heading) is a line of its own.
const MARK_LETTERS: usize = 3;

/// Joins each row of glyphs (grouped by height, top to bottom) that holds only raised marks to
/// the row below it, whose words they end. The row below keeps its glyphs first.
pub fn join_marks(rows: Vec<Vec<&Glyph>>) -> Vec<Vec<&Glyph>> {
    let mut out: Vec<Vec<&Glyph>> = Vec::with_capacity(rows.len());
    let mut pending: Option<Vec<&Glyph>> = None;
    for row in rows {
        if let Some(marks) = pending.take() {
            if marks_of(&marks, &row) {
                let mut joined = row;
                joined.extend(marks);
                out.push(joined);
                continue;
            }
            out.push(marks);
        }
        pending = Some(row);
    }
    out.extend(pending);
    out
}

/// Whether every visible glyph of `marks` is a raised mark ending a word of `line`.
fn marks_of(marks: &[&Glyph], line: &[&Glyph]) -> bool {
    let visible = |g: &&&Glyph| !g.text.trim().is_empty();
    let Some(size) = line.iter().filter(visible).map(|g| g.size).reduce(f64::max) else {
        return false;
    };
    let Some(base) = line.iter().find(visible).map(|g| g.y) else {
        return false;
    };
    let mut shown: Vec<&&Glyph> = marks.iter().filter(visible).collect();
    shown.sort_by(|a, b| a.x.total_cmp(&b.x));
    let touches = |x: f64, end: f64| x - end >= -MARK_TOUCH * size && x - end <= MARK_TOUCH * size;
    // A word ends where no character of the line follows within a touch.
    let word_end = |w: &&&Glyph| !line.iter().filter(visible).any(|v| !std::ptr::eq(*v, **w) && touches(v.x, w.end));
    let mut run = 0;
    !shown.is_empty()
        && shown.iter().enumerate().all(|(i, g)| {
            let raise = base - g.y;
            let placed =
                g.size <= MARK_SIZE * size && raise > 0.0 && raise <= MARK_RAISE * size && g.turn == line[0].turn;
            run = if i > 0 && touches(g.x, shown[i - 1].end) {
                run + 1
            } else if line.iter().filter(visible).filter(word_end).any(|w| touches(g.x, w.end)) {
                1
            } else {
                return false;
            };
            placed && run <= MARK_LETTERS
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyphs(x: f64, y: f64, size: f64, text: &str) -> Vec<Glyph> {
        text.chars()
            .enumerate()
            .map(|(i, c)| {
                let x = x + i as f64 * size / 2.0;
                Glyph { x, end: x + size / 2.0, y, size, text: c.to_string(), turn: 0 }
            })
            .collect()
    }

    #[test]
    fn a_footnote_number_ending_a_word_joins_its_line() {
        let mark = glyphs(50.0, 96.0, 6.0, "12");
        let line = glyphs(0.0, 100.0, 10.0, "breastfed.");
        let rows = join_marks(vec![mark.iter().collect(), line.iter().collect()]);
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].len(), 12);
        assert_eq!(rows[0][0].text, "b");
    }

    #[test]
    fn a_small_line_above_or_apart_from_the_words_stays_a_line() {
        let line = glyphs(0.0, 100.0, 10.0, "breastfed");
        // Apart from any word's end.
        let apart = glyphs(80.0, 96.0, 6.0, "9");
        assert_eq!(join_marks(vec![apart.iter().collect(), line.iter().collect()]).len(), 2);
        // A line of small type set above: raised by more than a mark is.
        let above = glyphs(45.0, 91.0, 6.0, "9");
        assert_eq!(join_marks(vec![above.iter().collect(), line.iter().collect()]).len(), 2);
        // Type as large as the line's.
        let large = glyphs(45.0, 96.0, 10.0, "9");
        assert_eq!(join_marks(vec![large.iter().collect(), line.iter().collect()]).len(), 2);
    }

    #[test]
    fn a_label_set_small_beside_a_heading_stays_a_line() {
        // "INVOICE" in large type, and "Invoice Date" set small, raised a little, starting where
        // the heading ends: a label, not a footnote mark.
        let label = glyphs(70.0, 96.0, 6.0, "Invoice Date");
        let heading = glyphs(0.0, 100.0, 20.0, "INVOICE");
        let rows = join_marks(vec![label.iter().collect(), heading.iter().collect()]);
        assert_eq!(rows.len(), 2);
        // A mark in the middle of a word (where a letter of it follows) is no footnote either.
        let mark = glyphs(20.0, 96.0, 6.0, "9");
        let line = glyphs(0.0, 100.0, 10.0, "breastfed");
        assert_eq!(join_marks(vec![mark.iter().collect(), line.iter().collect()]).len(), 2);
    }
}
