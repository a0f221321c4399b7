//! Which column of a ruled grid each character stands in: by its middle, except that a word
//! stays whole where no rule is drawn through it (a header spanning columns whose rules stop
//! below it, a number standing over a column's edge); and whether a grid row's text keeps
//! columns no rule parts.

use super::pdf_draw::{Glyph, Rule};
use super::pdf_layout::lines;

/// At most this much of a font size between two characters, and they are one word.
const JOINED: f64 = 0.15;

/// The column (of the grid whose vertical lines stand at `xs`) of each character, `None`
/// outside the grid. A character that goes on a word (same line, touching the one before, no
/// space between) takes the word's column unless a vertical rule stands between them.
pub fn columns(glyphs: &[Glyph], xs: &[f64], vertical: &[&Rule], tol: f64) -> Vec<Option<usize>> {
    let middle = |g: &Glyph| (g.x + g.end) / 2.0;
    let band = |x: f64| (0..xs.len().saturating_sub(1)).find(|&i| x >= xs[i] && x < xs[i + 1]);
    let mut out: Vec<Option<usize>> = glyphs.iter().map(|g| band(middle(g))).collect();
    let mut order: Vec<usize> = (0..glyphs.len()).collect();
    order.sort_by(|&a, &b| glyphs[a].y.total_cmp(&glyphs[b].y).then(glyphs[a].x.total_cmp(&glyphs[b].x)));
    for pair in order.windows(2) {
        let (a, b) = (&glyphs[pair[0]], &glyphs[pair[1]]);
        let same_line = (a.y - b.y).abs() <= 0.2 * a.size.max(b.size);
        let touching = b.x >= a.x && b.x - a.end <= JOINED * a.size;
        let letters = !a.text.trim().is_empty() && !b.text.trim().is_empty();
        if !(same_line && touching && letters) || out[pair[0]] == out[pair[1]] || out[pair[0]].is_none() {
            continue;
        }
        let (from, to) = (middle(a), middle(b));
        let ruled = vertical.iter().any(|v| {
            v.x0 >= from - tol && v.x0 <= to + tol && b.y >= v.y0.min(v.y1) - tol && b.y <= v.y0.max(v.y1) + tol
        });
        if !ruled {
            out[pair[1]] = out[pair[0]];
        }
    }
    out
}

/// Whether a grid row's text stands in columns where no line parts them (a body drawn without
/// its inner rules, under a ruled header): a line of it has segments in two columns with an edge
/// between them along which no rule is drawn (`ruled(c)` false for the edge at `xs[c]`) and
/// across which no text of the row runs (a small box ruled in a card's corner is no column edge
/// for the lines running under its side).
pub fn unruled_columns(row: &[Glyph], xs: &[f64], ruled: impl Fn(usize) -> bool, tol: f64) -> bool {
    let band = |x: f64| (0..xs.len().saturating_sub(1)).find(|&i| x >= xs[i] && x < xs[i + 1]);
    let row_lines = lines(row);
    let crossed =
        |c: usize| row_lines.iter().flat_map(|l| &l.segments).any(|s| s.x < xs[c] - tol && s.end > xs[c] + tol);
    row_lines.iter().any(|l| {
        let bands: Vec<usize> = l.segments.iter().filter_map(|s| band(s.x + 0.1)).collect();
        bands.windows(2).any(|w| w[0] < w[1] && (w[0] + 1..=w[1]).any(|c| !ruled(c) && !crossed(c)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_over_an_unruled_column_edge_stays_in_its_column() {
        // Columns at 0, 40, 80; "Assessment" from x 30 runs over 40, where no rule is drawn at its
        // height; "7.2" stands over 40 too, but a rule is drawn through it there.
        let mut glyphs = Glyph::word(30.0, 10.0, "Assessment");
        glyphs.extend(Glyph::word(33.0, 30.0, "7.2"));
        let rule = Rule { x0: 40.0, y0: 20.0, x1: 40.0, y1: 40.0 };
        let cols = columns(&glyphs, &[0.0, 40.0, 80.0], &[&rule], 2.0);
        assert!(cols[..10].iter().all(|c| *c == Some(0)), "{cols:?}");
        assert_ne!(cols[10], cols[11], "{cols:?}");
    }
}
