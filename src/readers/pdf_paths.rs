//! The ruling lines a PDF page draws, read from its content stream with lopdf (the PDF library
//! pdf-extract is built on): path operators (`m`, `l`, `re`, `h`, curves) under the current
//! transformation (`cm`, `q`/`Q`, form XObjects), painted by stroking (`S`, `s`) or filling (`f`,
//! `F`, `f*`, `B`, `b` and their even-odd forms). A stroked straight segment is a line; a filled
//! thin bar is a line along its middle; a filled shaded area (a header row's background) gives its
//! edges, but for an edge that lies inside another area of the same paint (shading laid in
//! overlapping pieces shows no seam). White paint draws nothing.

use std::collections::HashMap;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};

use super::pdf_draw::Rule;

/// A filled rectangle at most this thick (in points) is a drawn line, not a shaded area.
const BAR: f64 = 3.0;
/// A drawn line shorter than this (in points) is a tick or a glyph's stroke, not a rule.
const MIN_RULE: f64 = 4.0;
/// How far (in points) a line may lean and still be horizontal or vertical.
const STRAIGHT: f64 = 0.5;
/// How deep form XObjects may nest.
const MAX_DEPTH: usize = 8;

/// A transformation matrix `[a b c d e f]`: `x' = a x + c y + e`, `y' = b x + d y + f`.
type Matrix = [f64; 6];

const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `m` applied first, then `n`.
fn then(m: &Matrix, n: &Matrix) -> Matrix {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

/// A fill colour: its components in thousandths, and how many there are; `None` for paint that
/// cannot be told (a pattern, or a colour space just set).
type Paint = Option<(usize, [i32; 4])>;

fn paint(c: &[f64]) -> Paint {
    let mut components = [0; 4];
    for (to, v) in components.iter_mut().zip(c) {
        *to = (v * 1000.0).round() as i32;
    }
    (1..=4).contains(&c.len()).then_some((c.len(), components))
}

#[derive(Clone, Copy)]
struct State {
    ctm: Matrix,
    white_stroke: bool,
    white_fill: bool,
    fill: Paint,
}

/// A filled rectangle too thick to be a line: a shaded area, and its paint.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Area {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
    fill: Paint,
}

impl Area {
    fn edges(&self) -> [Rule; 4] {
        let (x0, y0, x1, y1) = (self.x0, self.y0, self.x1, self.y1);
        [
            Rule { x0, y0, x1, y1: y0 },
            Rule { x0, y0: y1, x1, y1 },
            Rule { x0, y0, x1: x0, y1 },
            Rule { x0: x1, y0, x1, y1 },
        ]
    }

    /// Whether the edge lies inside this area, along its whole length: no seam shows there when
    /// both are painted alike.
    fn hides(&self, edge: &Rule) -> bool {
        let along = |a0: f64, a1: f64, b0: f64, b1: f64| b0 <= a0 + STRAIGHT && b1 >= a1 - STRAIGHT;
        let inside = |v: f64, b0: f64, b1: f64| v > b0 + STRAIGHT && v < b1 - STRAIGHT;
        if edge.horizontal() {
            along(edge.x0, edge.x1, self.x0, self.x1) && inside(edge.y0, self.y0, self.y1)
        } else {
            along(edge.y0, edge.y1, self.y0, self.y1) && inside(edge.x0, self.x0, self.x1)
        }
    }
}

/// The side (in points) of the squares a page is cut into to find the shaded areas an edge may
/// lie inside: an edge is held only against the areas over the square of its middle.
const SQUARE: f64 = 64.0;
/// Most squares one area is filed under (a hostile area spanning a page a million times over
/// is filed under none: it hides no edge)...
const MAX_SQUARES_PER_AREA: i64 = 4096;
/// ... and most filings on a page: past them, further areas hide no edge. Work and memory stay
/// bounded, and a page of thousands of shaded cells is still read whole.
const MAX_FILINGS: usize = 2_000_000;

/// The edges of shaded areas, but for those inside another area of the same known paint.
fn area_edges(areas: &[Area]) -> Vec<Rule> {
    let square = |v: f64| (v / SQUARE).floor().clamp(-1e9, 1e9) as i64;
    let mut filed: HashMap<(i64, i64), Vec<usize>> = HashMap::new();
    let mut filings = 0usize;
    for (i, a) in areas.iter().enumerate().filter(|(_, a)| a.fill.is_some()) {
        let (sx0, sx1, sy0, sy1) = (square(a.x0), square(a.x1), square(a.y0), square(a.y1));
        let span = (sx1 - sx0 + 1).saturating_mul(sy1 - sy0 + 1);
        if span > MAX_SQUARES_PER_AREA || filings + span as usize > MAX_FILINGS {
            continue;
        }
        filings += span as usize;
        for sx in sx0..=sx1 {
            for sy in sy0..=sy1 {
                filed.entry((sx, sy)).or_default().push(i);
            }
        }
    }
    let mut out = Vec::new();
    for (i, a) in areas.iter().enumerate() {
        for edge in a.edges().into_iter().filter(|e| (e.x1 - e.x0).max(e.y1 - e.y0) >= MIN_RULE) {
            let middle = (square((edge.x0 + edge.x1) / 2.0), square((edge.y0 + edge.y1) / 2.0));
            let near = filed.get(&middle).map_or(&[][..], Vec::as_slice);
            let hidden =
                a.fill.is_some() && near.iter().any(|&j| j != i && areas[j].fill == a.fill && areas[j].hides(&edge));
            if !hidden {
                out.push(edge);
            }
        }
    }
    out
}

/// The straight line from `a` to `b`, if it is horizontal or vertical and long enough.
fn rule(a: (f64, f64), b: (f64, f64)) -> Option<Rule> {
    let (x0, x1) = (a.0.min(b.0), a.0.max(b.0));
    let (y0, y1) = (a.1.min(b.1), a.1.max(b.1));
    if y1 - y0 <= STRAIGHT && x1 - x0 >= MIN_RULE {
        let y = (y0 + y1) / 2.0;
        Some(Rule { x0, y0: y, x1, y1: y })
    } else if x1 - x0 <= STRAIGHT && y1 - y0 >= MIN_RULE {
        let x = (x0 + x1) / 2.0;
        Some(Rule { x0: x, y0, x1: x, y1 })
    } else {
        None
    }
}

/// One subpath: its points on the page, and whether it has curves.
#[derive(Default)]
struct Subpath {
    points: Vec<(f64, f64)>,
    curved: bool,
}

fn stroked(path: &[Subpath]) -> Vec<Rule> {
    path.iter().filter(|s| !s.curved).flat_map(|s| s.points.windows(2).filter_map(|w| rule(w[0], w[1]))).collect()
}

/// A filled path's thin bars as lines, and its shaded rectangles as areas of paint `fill`.
fn filled(path: &[Subpath], fill: Paint) -> (Vec<Rule>, Vec<Area>) {
    let mut rules = Vec::new();
    let mut areas = Vec::new();
    for s in path.iter().filter(|s| !s.curved && s.points.len() >= 3) {
        let (x0, x1) = s.points.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), p| (a.min(p.0), b.max(p.0)));
        let (y0, y1) = s.points.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), p| (a.min(p.1), b.max(p.1)));
        let corner = |p: &(f64, f64)| {
            ((p.0 - x0).abs() <= STRAIGHT || (p.0 - x1).abs() <= STRAIGHT)
                && ((p.1 - y0).abs() <= STRAIGHT || (p.1 - y1).abs() <= STRAIGHT)
        };
        // Only rectangles: a filled polygon of another shape is a drawing.
        if !s.points.iter().all(corner) {
            continue;
        }
        let (w, h) = (x1 - x0, y1 - y0);
        let (mx, my) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
        if h <= BAR {
            rules.extend(rule((x0, my), (x1, my)));
        } else if w <= BAR {
            rules.extend(rule((mx, y0), (mx, y1)));
        } else {
            areas.push(Area { x0, y0, x1, y1, fill });
        }
    }
    (rules, areas)
}

fn numbers(operands: &[Object]) -> Vec<f64> {
    operands.iter().filter_map(|o| o.as_float().ok()).map(f64::from).collect()
}

/// Whether paint of these components is white: one (grey), three (RGB) or four (CMYK).
fn white(c: &[f64]) -> bool {
    match c.len() {
        1 | 3 => c.iter().all(|v| *v >= 0.95),
        4 => c.iter().all(|v| *v <= 0.05),
        _ => false,
    }
}

struct Reader<'a> {
    doc: &'a Document,
    height: f64,
    rules: Vec<Rule>,
    areas: Vec<Area>,
}

impl<'a> Reader<'a> {
    fn to_page(&self, m: &Matrix, x: f64, y: f64) -> (f64, f64) {
        (m[0] * x + m[2] * y + m[4], self.height - (m[1] * x + m[3] * y + m[5]))
    }

    fn xobject(&self, resources: Option<&'a Dictionary>, name: &[u8]) -> Option<&'a lopdf::Stream> {
        let doc: &'a Document = self.doc;
        let xobjects = resources?.get(b"XObject").ok()?;
        let xobjects = doc.dereference(xobjects).ok()?.1.as_dict().ok()?;
        let stream = doc.dereference(xobjects.get(name).ok()?).ok()?.1.as_stream().ok()?;
        (stream.dict.get(b"Subtype").ok()?.as_name().ok()? == b"Form").then_some(stream)
    }

    fn run(&mut self, content: &[u8], resources: Option<&'a Dictionary>, ctm: Matrix, depth: usize) {
        let Ok(content) = Content::decode(content) else { return };
        let mut state = State { ctm, white_stroke: false, white_fill: false, fill: None };
        let mut stack: Vec<State> = Vec::new();
        let mut path: Vec<Subpath> = Vec::new();
        for op in &content.operations {
            let n = numbers(&op.operands);
            match op.operator.as_str() {
                "q" => stack.push(state),
                "Q" => state = stack.pop().unwrap_or(state),
                "cm" if n.len() == 6 => state.ctm = then(&[n[0], n[1], n[2], n[3], n[4], n[5]], &state.ctm),
                "g" | "rg" | "k" | "sc" | "scn" => {
                    state.white_fill = white(&n);
                    state.fill = if n.len() == op.operands.len() { paint(&n) } else { None };
                }
                "G" | "RG" | "K" | "SC" | "SCN" => state.white_stroke = white(&n),
                "cs" => {
                    state.white_fill = false;
                    state.fill = None;
                }
                "CS" => state.white_stroke = false,
                "m" if n.len() == 2 => {
                    path.push(Subpath { points: vec![self.to_page(&state.ctm, n[0], n[1])], curved: false })
                }
                "l" if n.len() == 2 => {
                    let p = self.to_page(&state.ctm, n[0], n[1]);
                    if let Some(s) = path.last_mut() {
                        s.points.push(p);
                    }
                }
                "c" | "v" | "y" if n.len() >= 4 => {
                    let p = self.to_page(&state.ctm, n[n.len() - 2], n[n.len() - 1]);
                    if let Some(s) = path.last_mut() {
                        s.points.push(p);
                        s.curved = true;
                    }
                }
                "h" => {
                    if let Some(s) = path.last_mut() {
                        if let Some(&start) = s.points.first() {
                            s.points.push(start);
                        }
                    }
                }
                "re" if n.len() == 4 => {
                    let (x, y, w, h) = (n[0], n[1], n[2], n[3]);
                    let corners = [(x, y), (x + w, y), (x + w, y + h), (x, y + h), (x, y)];
                    let points = corners.iter().map(|&(x, y)| self.to_page(&state.ctm, x, y)).collect();
                    path.push(Subpath { points, curved: false });
                }
                paint @ ("S" | "s" | "f" | "F" | "f*" | "B" | "B*" | "b" | "b*" | "n") => {
                    if matches!(paint, "s" | "b" | "b*") {
                        for s in &mut path {
                            if let Some(&start) = s.points.first() {
                                s.points.push(start);
                            }
                        }
                    }
                    let strokes = matches!(paint, "S" | "s" | "B" | "B*" | "b" | "b*") && !state.white_stroke;
                    let fills = matches!(paint, "f" | "F" | "f*" | "B" | "B*" | "b" | "b*") && !state.white_fill;
                    if strokes {
                        self.rules.extend(stroked(&path));
                    } else if fills {
                        let (bars, areas) = filled(&path, state.fill);
                        self.rules.extend(bars);
                        self.areas.extend(areas);
                    }
                    path.clear();
                }
                "Do" if depth < MAX_DEPTH => {
                    let Some(name) = op.operands.first().and_then(|o| o.as_name().ok()) else { continue };
                    let Some(form) = self.xobject(resources, name) else { continue };
                    let matrix = form.dict.get(b"Matrix").ok().and_then(|m| m.as_array().ok()).map(|m| numbers(m));
                    let matrix = match matrix.as_deref() {
                        Some([a, b, c, d, e, f]) => [*a, *b, *c, *d, *e, *f],
                        _ => IDENTITY,
                    };
                    let doc: &'a Document = self.doc;
                    let own = form.dict.get(b"Resources").ok().and_then(|r| doc.dereference(r).ok());
                    let own = own.and_then(|(_, r)| r.as_dict().ok()).or(resources);
                    let Ok(bytes) = form.decompressed_content().or_else(|_| Ok::<_, ()>(form.content.clone())) else {
                        continue;
                    };
                    self.run(&bytes, own, then(&matrix, &state.ctm), depth + 1);
                }
                _ => {}
            }
        }
    }
}

/// The ruling lines drawn on a page `height` points high, in page coordinates with `y` growing
/// downwards. A page whose content cannot be decoded draws none.
pub fn rules(doc: &Document, page: ObjectId, height: f64) -> Vec<Rule> {
    let Ok(content) = doc.get_page_content(page) else { return Vec::new() };
    let resources = doc
        .get_page_resources(page)
        .ok()
        .and_then(|(own, inherited)| own.or_else(|| inherited.iter().find_map(|id| doc.get_dictionary(*id).ok())));
    let mut reader = Reader { doc, height, rules: Vec::new(), areas: Vec::new() };
    reader.run(&content, resources, IDENTITY, 0);
    let mut rules = reader.rules;
    rules.extend(area_edges(&reader.areas));
    rules
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transforms_compose_in_order() {
        // Scale by 2, then move right by 10: (1, 1) goes to (12, 2).
        let m = then(&[2.0, 0.0, 0.0, 2.0, 0.0, 0.0], &[1.0, 0.0, 0.0, 1.0, 10.0, 0.0]);
        assert_eq!((m[0] + m[2] + m[4], m[1] + m[3] + m[5]), (12.0, 2.0));
    }

    #[test]
    fn thin_bars_are_lines_and_shaded_areas_give_their_edges() {
        let bar = Subpath {
            points: vec![(0.0, 10.0), (100.0, 10.0), (100.0, 11.0), (0.0, 11.0), (0.0, 10.0)],
            curved: false,
        };
        assert_eq!(filled(&[bar], None), (vec![Rule { x0: 0.0, y0: 10.5, x1: 100.0, y1: 10.5 }], vec![]));
        let area =
            Subpath { points: vec![(0.0, 0.0), (50.0, 0.0), (50.0, 20.0), (0.0, 20.0), (0.0, 0.0)], curved: false };
        let (bars, areas) = filled(&[area], None);
        assert!(bars.is_empty());
        assert_eq!(area_edges(&areas).len(), 4);
        let triangle = Subpath { points: vec![(0.0, 0.0), (50.0, 0.0), (25.0, 20.0), (0.0, 0.0)], curved: false };
        assert_eq!(filled(&[triangle], None), (vec![], vec![]));
    }

    fn area(y0: f64, y1: f64, grey: f64) -> Area {
        Area { x0: 360.0, y0, x1: 398.0, y1, fill: paint(&[grey]) }
    }

    #[test]
    fn shading_laid_in_overlapping_pieces_of_one_paint_shows_no_seam() {
        // A column shaded grey in pieces that overlap by a point and a half: one band, its outline
        // only.
        let pieces = [area(232.0, 242.4, 0.75), area(240.8, 252.7, 0.75), area(251.1, 263.0, 0.75)];
        let horizontal: Vec<f64> = area_edges(&pieces).iter().filter(|r| r.horizontal()).map(|r| r.y0).collect();
        assert_eq!(horizontal, [232.0, 263.0]);
        // Pieces of two paints overlapping: each edge shows. Pieces that only touch: their
        // edges show too (cells shaded alike side by side still part columns).
        assert_eq!(area_edges(&[area(232.0, 242.4, 0.75), area(240.8, 252.7, 0.5)]).len(), 8);
        assert_eq!(area_edges(&[area(232.0, 242.0, 0.75), area(242.0, 252.0, 0.75)]).len(), 8);
        // A page of thousands of cells, each shaded twice (a fill inside a fill): the inner
        // fills' edges are hidden on every cell, past any count that fit one page.
        let mut cells = Vec::new();
        for r in 0..60 {
            for c in 0..50 {
                let (x, y) = (10.0 * c as f64, 10.0 * r as f64);
                let fill = paint(&[0.75]);
                cells.push(Area { x0: x, y0: y, x1: x + 10.0, y1: y + 10.0, fill });
                cells.push(Area { x0: x + 1.0, y0: y + 1.0, x1: x + 9.0, y1: y + 9.0, fill });
            }
        }
        assert_eq!(area_edges(&cells).len(), 4 * 3000);
        // Paint that cannot be told (a pattern) hides nothing.
        let unknown = Area { fill: None, ..area(240.8, 252.7, 0.75) };
        assert_eq!(area_edges(&[Area { fill: None, ..area(232.0, 242.4, 0.75) }, unknown]).len(), 8);
    }
}
