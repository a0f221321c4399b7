//! What a PDF page draws: each character placed on the page (as pdf-extract's interpreter hands
//! it over) and the straight ruling lines tables are drawn with (found by `pdf_paths`).
//! Coordinates are the page's, with `y` growing downwards.

use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

/// One character as placed on the page; `y` is its baseline.
#[derive(Debug, Clone)]
pub struct Glyph {
    pub x: f64,
    pub end: f64,
    pub y: f64,
    pub size: f64,
    pub text: String,
    /// Which way its line runs, in quarter turns anticlockwise (0: left to right; 1: upwards, a
    /// table set sideways; 2: upside down; 3: downwards). `x` and `y` are those of the page
    /// turned so that the line runs left to right.
    pub turn: u8,
}

impl Glyph {
    /// The glyphs of `text` set from `x` on the baseline `y`, each character 5 points wide in
    /// 10-point type: a page made by hand, for the readers' tests.
    #[cfg(test)]
    pub fn word(x: f64, y: f64, text: &str) -> Vec<Glyph> {
        text.chars()
            .enumerate()
            .map(|(i, c)| Glyph {
                x: x + 5.0 * i as f64,
                end: x + 5.0 * (i + 1) as f64,
                y,
                size: 10.0,
                text: c.to_string(),
                turn: 0,
            })
            .collect()
    }
}

/// A straight ruling line: horizontal (`y0 == y1`) or vertical (`x0 == x1`), `x0 <= x1` and
/// `y0 <= y1`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Rule {
    pub fn horizontal(&self) -> bool {
        self.y0 == self.y1
    }
}

/// What one page draws.
#[derive(Debug, Clone, Default)]
pub struct Page {
    pub glyphs: Vec<Glyph>,
    pub rules: Vec<Rule>,
    /// Whether most of its text runs another way than left to right, and was turned to be read.
    pub turned: bool,
    /// A font it uses whose characters cannot be told (no Unicode map, nothing to make one from).
    pub unmapped_font: Option<String>,
    /// Whether that font's text comes out as other letters, not as nothing.
    pub garbled: bool,
}

/// Collects every page's characters.
#[derive(Default)]
pub struct Collector {
    pub pages: Vec<Page>,
    /// The height of the last page begun.
    pub height: f64,
    /// Its width.
    pub width: f64,
    /// How far the characters of the current run are moved right (see `output_character`).
    shift: f64,
    /// Where the last character ended, as the interpreter placed it.
    placed_end: f64,
    /// The visible characters of the current page, by text and the point they stand in: one
    /// drawn again where it stands, or within a tenth of its size (a run overprinted, shifted a
    /// little, to look bold), is kept once.
    seen: std::collections::HashMap<(i64, i64), Vec<Seen>>,
}

/// A character noted on a page: where it stands, and its text.
type Seen = (f64, f64, String);

/// At most this many characters are remembered standing on one point of a page.
const SEEN_PER_POINT: usize = 64;

/// The advance given a visible character its font gives no width, in font sizes (about a digit's).
const MISSING_WIDTH: f64 = 0.55;

/// A typographic ligature (`ﬁ`, `ﬀ`, `ﬃ`) written out as its letters; any other text as it is,
/// but that a visible glyph mapped to a space and a mark (a font whose Unicode map gives its
/// period as ` .`) is the mark alone: one glyph is never two words.
fn unligature(c: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let c = if c.trim().is_empty() { c } else { c.trim() };
    if c.chars().any(|c| ('\u{FB00}'..='\u{FB06}').contains(&c)) {
        c.nfkc().collect()
    } else {
        c.to_string()
    }
}

/// The quarter turns (0 to 3, anticlockwise) nearest to the direction `(dx, dy)` (`y` upwards).
pub fn quarter_turns(dx: f64, dy: f64) -> u8 {
    let angle = dy.atan2(dx);
    (angle / std::f64::consts::FRAC_PI_2).round().rem_euclid(4.0) as u8
}

/// A point of a `width` by `height` page (PDF space, `y` upwards) on the page turned back by
/// `turn` quarter turns, so that text running that way runs left to right: `x` along the
/// line and `y` growing downwards, both from 0.
pub fn upright(turn: u8, x: f64, y: f64, width: f64, height: f64) -> (f64, f64) {
    match turn % 4 {
        0 => (x, height - y),
        1 => (y, x),
        2 => (width - x, y),
        _ => (height - y, width - x),
    }
}

impl Collector {
    /// Whether the page already has this character within a tenth of its size of `(x, y)`, and
    /// within half its own advance: in a font whose widths are far too small, the letters of a
    /// word stand within a tenth of their size of each other, and an "o" two letters after
    /// another is a second "o", not the first drawn again. Else it is noted.
    fn drawn_again(&mut self, text: &str, x: f64, y: f64, size: f64, advance: f64) -> bool {
        let near = (0.1 * size).min(0.5 * advance).min(1.0);
        let (cx, cy) = (x.floor() as i64, y.floor() as i64);
        let twin = |(px, py, t): &Seen| (px - x).abs() <= near && (py - y).abs() <= near && t == text;
        let hit = (-1..=1)
            .any(|dx| (-1..=1).any(|dy| self.seen.get(&(cx + dx, cy + dy)).is_some_and(|v| v.iter().any(twin))));
        // Many characters on one point (a hostile page) are not all kept: bounded work.
        let here = self.seen.entry((cx, cy)).or_default();
        if !hit && here.len() < SEEN_PER_POINT {
            here.push((x, y, text.to_string()));
        }
        hit
    }
}

impl OutputDev for Collector {
    fn begin_page(&mut self, _: u32, media_box: &MediaBox, _: Option<(f64, f64, f64, f64)>) -> Result<(), OutputError> {
        self.height = media_box.ury - media_box.lly;
        self.width = media_box.urx - media_box.llx;
        self.pages.push(Page::default());
        self.seen.clear();
        Ok(())
    }
    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _: f64,
        font_size: f64,
        c: &str,
    ) -> Result<(), OutputError> {
        // The side of the square with the area of the transformed font box.
        let size = font_size * (trm.m11 * trm.m22 - trm.m12 * trm.m21).abs().sqrt();
        let turn = quarter_turns(trm.m11, trm.m12);
        let (placed, y) = upright(turn, trm.m31, trm.m32, self.width, self.height);
        // pdf-extract 0.12 misreads the `first last width` entries of a CID font's width table and
        // gives those characters (often the digits) no width, so the rest of the run is drawn too
        // far left: a character placed where the last one ended continues the run and is moved
        // right by the width the run's characters were missing.
        if (placed - self.placed_end).abs() > 0.01 {
            self.shift = 0.0;
        }
        self.placed_end = placed + width * size;
        let x = placed + self.shift;
        let mut advance = width * size;
        if advance == 0.0 && !c.trim().is_empty() {
            advance = MISSING_WIDTH * size;
            self.shift += advance;
        }
        let text = unligature(c);
        let drawn_again = !text.trim().is_empty() && self.drawn_again(&text, x, y, size, advance);
        if let Some(page) = self.pages.last_mut().filter(|_| !drawn_again) {
            page.glyphs.push(Glyph { x, end: x + advance, y, size: size.max(0.1), text, turn });
        }
        Ok(())
    }
    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}
