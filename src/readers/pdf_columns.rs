//! Prose set in columns on a PDF page (a notice in three columns, a newsletter), told from a
//! table and read in its order: each column top to bottom, then the next.

use super::pdf_layout::{column_of, column_stops, split_at_stops, Line, Segment};

/// Words a segment of prose set in columns has on most lines; a table's cells have fewer.
const PROSE_WORDS: usize = 5;

/// Whether a page's lines are prose set in columns (a notice in three columns, a newsletter),
/// not a table: the segments standing side by side are long runs of words.
pub fn prose_columns(lines: &[Line]) -> Option<Vec<f64>> {
    let stops = column_stops(lines)?;
    let side_by_side: Vec<&Segment> =
        lines.iter().filter(|l| l.segments.len() >= 2).flat_map(|l| &l.segments).collect();
    let long = side_by_side.iter().filter(|s| s.words.len() + 1 >= PROSE_WORDS).count();
    (long * 2 > side_by_side.len()).then_some(stops)
}

/// A page of prose in columns, in reading order: each column top to bottom, then the next; a
/// line across the columns (a title) ends the columns above it.
pub fn in_reading_order(lines: &[Line], stops: &[f64]) -> Vec<Line> {
    let mut out = Vec::new();
    let mut columns: Vec<Vec<Line>> = vec![Vec::new(); stops.len()];
    let flush = |columns: &mut Vec<Vec<Line>>, out: &mut Vec<Line>| {
        for c in columns.iter_mut() {
            out.append(c);
        }
    };
    // A column whose segments are mostly short (figures, labels) is a column of a table set in
    // the prose column to its left: its segments stay on their lines there.
    let mut counts = vec![(0usize, 0usize); stops.len()];
    for l in lines {
        for s in &split_at_stops(l, stops).segments {
            let c = &mut counts[column_of(stops, s.x, l.size)];
            c.0 += usize::from(s.words.len() + 1 >= PROSE_WORDS);
            c.1 += 1;
        }
    }
    let prose: Vec<bool> = counts.iter().enumerate().map(|(i, (long, all))| i == 0 || long * 2 > *all).collect();
    for l in lines {
        // Columns set closer than the gap between segments run together: cut where a column
        // starts.
        let l = &split_at_stops(l, stops);
        let across = l.segments.len() == 1
            && stops.len() >= 2
            && l.segments[0].x < stops[1] - l.size
            && l.segments[0].end > stops[1] + 2.0 * l.size;
        if across {
            flush(&mut columns, &mut out);
            out.push(l.clone());
            continue;
        }
        for s in &l.segments {
            let mut c = column_of(stops, s.x, l.size);
            while !prose[c] {
                c -= 1;
            }
            match columns[c].last_mut() {
                Some(last) if last.y == l.y => last.segments.push(s.clone()),
                _ => columns[c].push(Line { y: l.y, size: l.size, segments: vec![s.clone()] }),
            }
        }
    }
    flush(&mut columns, &mut out);
    out
}
