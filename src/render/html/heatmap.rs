//! The body × body heatmap, as inline SVG.

use std::collections::HashMap;
use std::fmt::Write as _;

use crate::reuse::analysis::Matrix;

use super::markup::*;

/// The body × body heatmap as inline SVG: share of the row body's response words found in the
/// column body's, with the values in each cell's tooltip and a legend.
pub fn heatmap(m: &Matrix, order: &[String]) -> String {
    let n = order.len();
    if n == 0 {
        return "<p>No own words to compare.</p>".into();
    }
    let cell = 34usize;
    let label_w = 12 + order.iter().map(|b| b.chars().count()).max().unwrap_or(0).min(48) * 7 + 30;
    let top = 40usize;
    let width = (label_w + n * cell + 20).max(label_w + 440);
    let height = top + n * cell + 70;
    let cells: HashMap<(&str, &str), &crate::reuse::analysis::Cell> =
        m.cells.iter().map(|c| ((c.from.as_str(), c.to.as_str()), c)).collect();
    let mut s = format!(
        "<div class=\"heatmap\"><svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" aria-label=\"Share of each body's response words found in another body's responses\">"
    );
    for (i, body) in order.iter().enumerate() {
        let y = top + i * cell + cell / 2 + 4;
        let short: String = body.chars().take(48).collect();
        let _ =
            write!(s, "<text x=\"{}\" y=\"{y}\" text-anchor=\"end\">[{}] {}</text>", label_w - 6, i + 1, esc(&short));
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">[{}]</text>",
            label_w + i * cell + cell / 2,
            top - 8,
            i + 1
        );
    }
    for (i, from) in order.iter().enumerate() {
        for (j, to) in order.iter().enumerate() {
            let (x, y) = (label_w + j * cell, top + i * cell);
            if i == j {
                let _ = write!(
                    s,
                    "<rect x=\"{x}\" y=\"{y}\" width=\"{cell}\" height=\"{cell}\" fill=\"#eceff2\" stroke=\"#fff\"/>"
                );
                continue;
            }
            let c = cells.get(&(from.as_str(), to.as_str()));
            let share = c.map_or(0.0, |c| c.share);
            let (shared, own) = c.map_or((0, 0), |c| (c.shared_words, c.own_words));
            let tip =
                format!("{} → {}: {} ({shared} of {own} own words)", body_name(from), body_name(to), percent(share));
            let _ = write!(
                s,
                "<g class=\"cell\" data-from=\"{}\" data-to=\"{}\" data-share=\"{share}\"><title>{}</title><rect x=\"{x}\" y=\"{y}\" width=\"{cell}\" height=\"{cell}\" fill=\"{}\" stroke=\"#fff\"/>",
                esc(from),
                esc(to),
                esc(&tip),
                color(share)
            );
            if share > 0.0 {
                let ink = if share > 0.5 { "#fff" } else { "#1d232b" };
                let _ = write!(
                    s,
                    "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"{ink}\">{:.0}</text>",
                    x + cell / 2,
                    y + cell / 2 + 4,
                    share * 100.0
                );
            }
            s.push_str("</g>");
        }
    }
    // Legend: 0% to 100%.
    let ly = top + n * cell + 25;
    let _ = write!(
        s,
        "<text x=\"{label_w}\" y=\"{}\">share of the row body's response words found in the column body's</text>",
        ly - 6
    );
    for k in 0..=10 {
        let x = label_w + k * 20;
        let _ =
            write!(s, "<rect x=\"{x}\" y=\"{ly}\" width=\"20\" height=\"12\" fill=\"{}\"/>", color(k as f64 / 10.0));
    }
    let _ = write!(
        s,
        "<text x=\"{label_w}\" y=\"{}\">0%</text><text x=\"{}\" y=\"{}\" text-anchor=\"end\">100%</text>",
        ly + 28,
        label_w + 220,
        ly + 28
    );
    s.push_str("</svg></div>");
    s
}

/// White to deep red.
pub fn color(share: f64) -> String {
    let t = share.clamp(0.0, 1.0);
    let mix = |a: f64, b: f64| (a + (b - a) * t).round() as u8;
    format!("#{:02x}{:02x}{:02x}", mix(255.0, 165.0), mix(255.0, 15.0), mix(255.0, 21.0))
}
