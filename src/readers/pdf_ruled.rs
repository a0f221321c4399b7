//! Ruled tables on a PDF page, found from the drawing as lattice-mode extractors do: ruling
//! lines that touch one another make a table, the distinct positions of its vertical and
//! horizontal lines its grid, and a missing line between two grid cells a merged cell. Each
//! character goes to the cell it stands in; a row is every grid row a merged cell spans.

use super::pdf_draw::{Glyph, Rule};
use super::pdf_layout::{data_row, escape};

/// How far apart (in points) two lines may be and still be one, or touch.
const TOL: f64 = 2.0;

/// A table found on a page.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Where its vertical lines stand, left to right (the edges of its columns).
    pub xs: Vec<f64>,
    pub top: f64,
    pub bottom: f64,
    /// Its rows, top to bottom: each column's paragraphs. A cell spanning grid rows makes them
    /// one row (a number beside the responses it answers).
    pub rows: Vec<Vec<Vec<String>>>,
    /// Where a cell spans grid rows, the rows a grid row each, the spanning cell's text in the
    /// first (a region beside its districts' figures): how a table of figures reads.
    pub grid: Option<Vec<Vec<Vec<String>>>>,
}

impl Table {
    /// Whether a character stands inside the table.
    pub fn holds(&self, g: &Glyph) -> bool {
        let (x, y) = centre(g);
        let (left, right) = (self.xs[0], self.xs[self.xs.len() - 1]);
        x >= left - TOL && x <= right + TOL && y >= self.top - TOL && y <= self.bottom + TOL
    }
}

/// The middle of a character's box (its baseline is `y`).
fn centre(g: &Glyph) -> (f64, f64) {
    ((g.x + g.end) / 2.0, g.y - 0.3 * g.size)
}

/// Positions within [`TOL`] of each other, as one (their mean), sorted.
fn cluster(mut values: Vec<f64>) -> Vec<f64> {
    values.sort_by(f64::total_cmp);
    let mut groups: Vec<Vec<f64>> = Vec::new();
    for v in values {
        match groups.last_mut() {
            Some(g) if v - g[g.len() - 1] <= TOL => g.push(v),
            _ => groups.push(vec![v]),
        }
    }
    groups.into_iter().map(|g| g.iter().sum::<f64>() / g.len() as f64).collect()
}

/// Lines drawn in pieces (a border per cell) joined into one: collinear lines that overlap or
/// touch.
fn merge(rules: &[Rule]) -> Vec<Rule> {
    let mut out: Vec<Rule> = Vec::new();
    for horizontal in [true, false] {
        // (position across, start, end) along the line's direction.
        let mut spans: Vec<(f64, f64, f64)> = rules
            .iter()
            .filter(|r| r.horizontal() == horizontal)
            .map(|r| if horizontal { (r.y0, r.x0, r.x1) } else { (r.x0, r.y0, r.y1) })
            .collect();
        spans.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut lanes: Vec<Vec<(f64, f64, f64)>> = Vec::new();
        for s in spans {
            match lanes.last_mut() {
                Some(lane) if s.0 - lane[lane.len() - 1].0 <= TOL => lane.push(s),
                _ => lanes.push(vec![s]),
            }
        }
        for mut lane in lanes {
            let at = lane.iter().map(|s| s.0).sum::<f64>() / lane.len() as f64;
            lane.sort_by(|a, b| a.1.total_cmp(&b.1));
            let mut joined: Vec<(f64, f64)> = Vec::new();
            for (_, a, b) in lane {
                match joined.last_mut() {
                    Some(last) if a <= last.1 + TOL => last.1 = last.1.max(b),
                    _ => joined.push((a, b)),
                }
            }
            out.extend(joined.into_iter().map(|(a, b)| {
                if horizontal {
                    Rule { x0: a, y0: at, x1: b, y1: at }
                } else {
                    Rule { x0: at, y0: a, x1: at, y1: b }
                }
            }));
        }
    }
    out
}

fn crosses(h: &Rule, v: &Rule) -> bool {
    v.x0 >= h.x0 - TOL && v.x0 <= h.x1 + TOL && h.y0 >= v.y0 - TOL && h.y0 <= v.y1 + TOL
}

/// Groups of lines that touch one another, each a candidate table.
fn groups(rules: &[Rule]) -> Vec<Vec<Rule>> {
    let mut parent: Vec<usize> = (0..rules.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for i in 0..rules.len() {
        for j in i + 1..rules.len() {
            let (a, b) = (&rules[i], &rules[j]);
            let touch = match (a.horizontal(), b.horizontal()) {
                (true, false) => crosses(a, b),
                (false, true) => crosses(b, a),
                _ => false,
            };
            if touch {
                let (ra, rb) = (root(&mut parent, i), root(&mut parent, j));
                parent[ra] = rb;
            }
        }
    }
    let mut out: std::collections::BTreeMap<usize, Vec<Rule>> = std::collections::BTreeMap::new();
    for (i, r) in rules.iter().enumerate() {
        out.entry(root(&mut parent, i)).or_default().push(*r);
    }
    out.into_values().collect()
}

/// The index of the band `[edges[i], edges[i + 1])` holding `v`.
fn band(edges: &[f64], v: f64) -> Option<usize> {
    (0..edges.len() - 1).find(|&i| v >= edges[i] && v < edges[i + 1])
}

/// A page's ruled tables, top to bottom: groups of touching lines with at least two columns and
/// some text inside.
pub fn tables(rules: &[Rule], glyphs: &[Glyph]) -> Vec<Table> {
    let mut found: Vec<Table> = groups(&merge(rules)).iter().filter_map(|g| table(g, glyphs)).collect();
    found.sort_by(|a, b| a.top.total_cmp(&b.top));
    found
}

fn table(rules: &[Rule], glyphs: &[Glyph]) -> Option<Table> {
    let (hs, vs): (Vec<&Rule>, Vec<&Rule>) = rules.iter().partition(|r| r.horizontal());
    if hs.len() < 2 || vs.len() < 2 {
        return None;
    }
    let left = rules.iter().map(|r| r.x0).fold(f64::INFINITY, f64::min);
    let right = rules.iter().map(|r| r.x1).fold(f64::NEG_INFINITY, f64::max);
    let top = rules.iter().map(|r| r.y0).fold(f64::INFINITY, f64::min);
    let bottom = rules.iter().map(|r| r.y1).fold(f64::NEG_INFINITY, f64::max);
    // The table's outline is its edges even where no line is drawn along it.
    let xs = cluster(vs.iter().map(|r| r.x0).chain([left, right]).collect());
    let ys = cluster(hs.iter().map(|r| r.y0).chain([top, bottom]).collect());
    let (columns, grid_rows) = (xs.len() - 1, ys.len() - 1);
    if columns < 2 || grid_rows < 1 {
        return None;
    }
    let mid = |edges: &[f64], i: usize| (edges[i] + edges[i + 1]) / 2.0;
    // Whether the line at xs[c] separates columns c - 1 and c in grid row r.
    let splits_columns = |c: usize, r: usize| {
        let y = mid(&ys, r);
        vs.iter().any(|v| (v.x0 - xs[c]).abs() <= TOL && y >= v.y0 - TOL && y <= v.y1 + TOL)
    };
    // Whether the line at ys[r] separates grid rows r - 1 and r in column c.
    let splits_rows = |r: usize, c: usize| {
        let x = mid(&xs, c);
        hs.iter().any(|h| (h.y0 - ys[r]).abs() <= TOL && x >= h.x0 - TOL && x <= h.x1 + TOL)
    };
    // Grid rows joined by a merged cell are one row.
    let mut row_of: Vec<usize> = vec![0; grid_rows];
    for r in 1..grid_rows {
        let joined = (0..columns).any(|c| !splits_rows(r, c));
        row_of[r] = row_of[r - 1] + usize::from(!joined);
    }
    let n_rows = row_of[grid_rows - 1] + 1;
    // A grid row whose text stands in columns where no line parts them (a body drawn without
    // its inner rules, under a ruled header) keeps its columns: its cells are not merged.
    let mut by_row: Vec<Vec<Glyph>> = vec![Vec::new(); grid_rows];
    for g in glyphs {
        if let Some(r) = band(&ys, centre(g).1) {
            by_row[r].push(g.clone());
        }
    }
    let columnar: Vec<bool> = by_row
        .iter()
        .enumerate()
        .map(|(r, row)| super::pdf_cells::unruled_columns(row, &xs, |c| splits_columns(c, r), TOL))
        .collect();
    let mut cells: Vec<Vec<Vec<Glyph>>> = vec![vec![Vec::new(); columns]; n_rows];
    // The same, a row per grid row: a cell spanning rows has its text in the first.
    let mut grid: Vec<Vec<Vec<Glyph>>> = vec![vec![Vec::new(); columns]; grid_rows];
    let mut any = false;
    for (g, c) in glyphs.iter().zip(super::pdf_cells::columns(glyphs, &xs, &vs, TOL)) {
        let (Some(c), Some(r)) = (c, band(&ys, centre(g).1)) else { continue };
        // A cell merged across columns holds its text in its first column.
        let mut c0 = c;
        while c0 > 0 && !columnar[r] && !splits_columns(c0, r) {
            c0 -= 1;
        }
        let mut r0 = r;
        while r0 > 0 && row_of[r0 - 1] == row_of[r] && !splits_rows(r0, c0) {
            r0 -= 1;
        }
        cells[row_of[r]][c0].push(g.clone());
        grid[r0][c0].push(g.clone());
        any |= !g.text.trim().is_empty();
    }
    if !any {
        return None;
    }
    let rows = super::pdf_rows::assemble(cells);
    let grid = (n_rows < grid_rows).then(|| super::pdf_rows::assemble(grid));
    Some(Table { xs, top, bottom, rows, grid })
}

/// A table as the document reads it, once tables going on over a page break are joined: its
/// rows, and whether its first row is the header naming the columns.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    pub table: Table,
    pub header: bool,
    /// Whether it answers recommendations: a header names a recommendation or response column,
    /// or a row's first cell opens a recommendation. Else it is figures or a list, a paragraph
    /// per row.
    pub answers: bool,
}

impl Placed {
    /// The table as table-export rows: cells separated by tabs, a cell's paragraphs as `<p>`
    /// markup, the header without markup.
    pub fn text(&self) -> String {
        let mut out = String::new();
        if !self.answers {
            for row in &self.table.rows {
                let cells: Vec<String> = row.iter().map(|paras| paras.join(" ")).collect();
                out.push('\n');
                out.push_str(&data_row(cells.iter().map(String::as_str)));
                out.push_str("\n\n");
            }
            return out;
        }
        for (i, row) in self.table.rows.iter().enumerate() {
            let cells: Vec<String> = row
                .iter()
                .map(|paras| {
                    if i == 0 && self.header {
                        paras.join(" ")
                    } else {
                        paras.iter().map(|p| format!("<p>{}</p>", escape(p))).collect::<Vec<_>>().join(" ")
                    }
                })
                .collect();
            out.push_str(&cells.join("\t"));
            out.push('\n');
        }
        out
    }
}

/// Whether a row opens a recommendation: its first cell with text starts with its number.
fn opens(row: &[Vec<String>]) -> bool {
    row.iter()
        .find(|c| !c.is_empty())
        .and_then(|c| c.first())
        .is_some_and(|t| crate::references::heading_number(t).is_some())
}

/// A cell of at most this many words can be a header's.
const HEADER_WORDS: usize = 4;

/// Whether a row names the columns: short cells, one naming a recommendation or a response.
fn is_header(row: &[Vec<String>]) -> bool {
    let words = |c: &Vec<String>| c.iter().map(|p| p.split_whitespace().count()).sum::<usize>();
    row.iter().all(|c| words(c) <= HEADER_WORDS)
        && row.iter().flatten().any(|p| {
            let lower = p.to_lowercase();
            lower.contains("recommendation") || lower.contains("response")
        })
}

fn ends_sentence(text: &str) -> bool {
    text.trim_end().ends_with(['.', '!', '?', ':', ';', ')', '"', '\u{201D}'])
}

/// Whether a table's first row goes on with the row a page break cut: its first cell is empty
/// (no new number or recommendation), or its text starts in lower case.
fn continues_row(row: &[Vec<String>]) -> bool {
    let first_text = row.iter().flatten().next();
    row.first().is_some_and(|c| c.is_empty()) || first_text.is_some_and(|t| t.starts_with(|c: char| c.is_lowercase()))
}

/// Appends a row's cells to the row the page break cut: a paragraph left unfinished goes on
/// with the first of the cell's paragraphs.
fn join_row(into: &mut [Vec<String>], from: Vec<Vec<String>>) {
    for (cell, more) in into.iter_mut().zip(from) {
        let mut more = more.into_iter();
        if let (Some(last), Some(first)) = (cell.last_mut(), more.as_slice().first()) {
            if !ends_sentence(last) {
                if !super::hyphens::join(last, first) {
                    last.push(' ');
                    last.push_str(first);
                }
                more.next();
            }
        }
        cell.extend(more);
    }
}

/// Whether two tables have the same columns (a table going on over a page break).
fn same_columns(a: &Table, b: &Table) -> bool {
    let width = a.xs[a.xs.len() - 1] - a.xs[0];
    a.xs.len() == b.xs.len() && a.xs.iter().zip(&b.xs).all(|(x, y)| (x - y).abs() <= (0.02 * width).max(2.0 * TOL))
}

/// Every page's tables as the document reads them: the header kept where it first stands and
/// dropped where it is repeated (at the top of each page, or where a generator split the
/// table), and the first row of a page's first table joined to the last row of the table before
/// the break when it goes on with it.
pub fn over_pages(pages: Vec<Vec<Table>>) -> Vec<Vec<Placed>> {
    let mut header: Option<Vec<Vec<String>>> = None;
    let mut out: Vec<Vec<Placed>> = Vec::with_capacity(pages.len());
    for tables in pages {
        let mut placed: Vec<Placed> = Vec::new();
        for mut table in tables {
            let names = table.rows.first().is_some_and(|r| is_header(r));
            if !(header.is_some() || names || table.rows.iter().any(|r| opens(r))) {
                if let Some(grid) = table.grid.take() {
                    table.rows = grid;
                }
            }
            let mut first_is_header = false;
            if let Some(first) = table.rows.first().filter(|r| is_header(r)) {
                if header.as_ref() != Some(first) {
                    header = Some(first.clone());
                    first_is_header = true;
                }
            }
            let start = usize::from(first_is_header);
            let mut i = start;
            while i < table.rows.len() {
                if header.as_ref() == Some(&table.rows[i]) {
                    table.rows.remove(i);
                } else {
                    i += 1;
                }
            }
            // The row cut by the break: the last row of the last table on the page before.
            let before = placed.is_empty().then(|| out.last_mut().and_then(|p| p.last_mut())).flatten();
            if let Some(prev) = before {
                let goes_on = !first_is_header
                    && same_columns(&prev.table, &table)
                    && table.rows.first().is_some_and(|r| continues_row(r))
                    && prev.table.rows.len() > usize::from(prev.header);
                if goes_on {
                    let row = table.rows.remove(0);
                    if let Some(last) = prev.table.rows.last_mut() {
                        join_row(last, row);
                    }
                }
            }
            let answers = header.is_some() || table.rows.iter().any(|r| opens(r));
            placed.push(Placed { table, header: first_is_header, answers });
        }
        out.push(placed);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(x0: f64, x1: f64, y: f64) -> Rule {
        Rule { x0, y0: y, x1, y1: y }
    }
    fn v(x: f64, y0: f64, y1: f64) -> Rule {
        Rule { x0: x, y0, x1: x, y1 }
    }
    fn text(x: f64, y: f64, s: &str) -> Vec<Glyph> {
        Glyph::word(x, y, s)
    }

    #[test]
    fn a_grid_drawn_cell_by_cell_gives_rows_and_merged_cells() {
        // Three columns (edges 0, 40, 200, 400), three grid rows (edges 0, 30, 60, 90); each cell's
        // border drawn on its own. The second and third grid rows share one number cell (no line
        // under it in the first column), so they are one row.
        let mut rules = Vec::new();
        for (c, (x0, x1)) in [(0.0, 40.0), (40.0, 200.0), (200.0, 400.0)].into_iter().enumerate() {
            for (r, (y0, y1)) in [(0.0, 30.0), (30.0, 60.0), (60.0, 90.0)].into_iter().enumerate() {
                if !(c == 0 && r == 2) {
                    rules.push(h(x0, x1, y0));
                }
                rules.extend([h(x0, x1, y1), v(x0, y0, y1), v(x1, y0, y1)]);
            }
        }
        // The first column's line under grid row 2 is missing: drop the line at y 60 there.
        rules.retain(|r| !(r.horizontal() && r.y0 == 60.0 && r.x1 <= 40.0));
        let mut glyphs = text(5.0, 20.0, "No.");
        glyphs.extend(text(45.0, 20.0, "Recommendation"));
        glyphs.extend(text(205.0, 20.0, "Response"));
        glyphs.extend(text(5.0, 50.0, "4"));
        glyphs.extend(text(45.0, 50.0, "Support victims."));
        glyphs.extend(text(205.0, 50.0, "We trained staff."));
        glyphs.extend(text(205.0, 80.0, "And wrote leaflets."));
        let found = tables(&rules, &glyphs);
        assert_eq!(found.len(), 1);
        let t = &found[0];
        assert_eq!(t.xs, [0.0, 40.0, 200.0, 400.0]);
        assert_eq!(
            t.rows,
            [
                vec![vec!["No.".to_string()], vec!["Recommendation".into()], vec!["Response".into()]],
                vec![
                    vec!["4".into()],
                    vec!["Support victims.".into()],
                    vec!["We trained staff.".into(), "And wrote leaflets.".into()]
                ],
            ]
        );
    }

    #[test]
    fn a_cell_merged_across_columns_keeps_its_text_whole() {
        // Two columns; the second row has no line between them.
        let rules = vec![
            h(0.0, 300.0, 0.0),
            h(0.0, 300.0, 30.0),
            h(0.0, 300.0, 60.0),
            v(0.0, 0.0, 60.0),
            v(300.0, 0.0, 60.0),
            v(100.0, 0.0, 30.0),
        ];
        let mut glyphs = text(5.0, 20.0, "Rec 1");
        glyphs.extend(text(105.0, 20.0, "Done."));
        glyphs.extend(text(60.0, 50.0, "A note across the whole row."));
        let t = &tables(&rules, &glyphs)[0];
        assert_eq!(t.rows[1], [vec!["A note across the whole row.".to_string()], vec![]]);
    }

    #[test]
    fn lines_that_make_no_grid_are_no_table() {
        // An underline and a box around a single paragraph.
        let rules =
            vec![h(0.0, 300.0, 100.0), h(0.0, 300.0, 0.0), h(0.0, 300.0, 40.0), v(0.0, 0.0, 40.0), v(300.0, 0.0, 40.0)];
        let glyphs = text(5.0, 20.0, "A boxed paragraph.");
        assert!(tables(&rules, &glyphs).is_empty());
    }

    fn row(cells: &[&[&str]]) -> Vec<Vec<String>> {
        cells.iter().map(|c| c.iter().map(|p| p.to_string()).collect()).collect()
    }

    #[test]
    fn a_repeated_header_is_dropped_and_a_row_cut_by_the_page_break_joined() {
        let xs = vec![0.0, 40.0, 200.0, 400.0];
        let header = row(&[&["No."], &["Recommendation"], &["Response"]]);
        let page1 = Table {
            xs: xs.clone(),
            top: 500.0,
            bottom: 800.0,
            rows: vec![header.clone(), row(&[&["4"], &["Support victims."], &["We trained staff and"]])],
            grid: None,
        };
        let page2 = Table {
            xs: xs.clone(),
            top: 60.0,
            bottom: 300.0,
            rows: vec![
                header,
                row(&[&[], &[], &["wrote leaflets.", "And met groups."]]),
                row(&[&["5"], &["Promote confidence."], &["We attend events."]]),
            ],
            grid: None,
        };
        let placed = over_pages(vec![vec![page1], vec![page2]]);
        assert!(placed[0][0].header && !placed[1][0].header);
        assert_eq!(
            placed[0][0].table.rows[1][2],
            ["We trained staff and wrote leaflets.".to_string(), "And met groups.".into()]
        );
        assert_eq!(placed[1][0].table.rows, [row(&[&["5"], &["Promote confidence."], &["We attend events."]])]);
        assert_eq!(
            placed[0][0].text(),
            "No.\tRecommendation\tResponse\n<p>4</p>\t<p>Support victims.</p>\t<p>We trained staff and wrote leaflets.</p> <p>And met groups.</p>\n"
        );
    }
}
