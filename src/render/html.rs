//! HTML: the auditor's report and the pages of the web interface. Self-contained (styles inline, no
//! scripts, fonts or requests), readable printed and at phone width. Every piece of corpus text
//! and user input passes through [`esc`] here; nowhere else writes HTML.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use crate::model::{Document, Paragraph, Role};
use crate::overview::{ByDocument, Overview, Quoted};
use crate::render::search::grouped;
use crate::render::{force_label, rec_label};
use crate::reuse::analysis::Matrix;
use crate::reuse::{Family, Finding};
use crate::search::{CountRow, Hit};

/// Escapes text for HTML content and quoted attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// An id usable as an HTML id and URL fragment: letters and digits kept, anything else written
/// as `_` and its code point, so that different ids never collide.
pub fn slug(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else {
            let _ = write!(out, "_{:x}_", c as u32);
        }
    }
    out
}

/// Where links point: anchors inside one report file, or pages of the web interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Site {
    Report,
    Server,
}

impl Site {
    pub fn paragraph(self, id: &str) -> String {
        match self {
            Site::Report => format!("#p-{}", slug(id)),
            Site::Server => format!("/p/{}", url_part(id)),
        }
    }

    pub fn document(self, doc: &str) -> String {
        match self {
            Site::Report => format!("#doc-{}", slug(doc)),
            Site::Server => format!("/doc/{}", url_part(doc)),
        }
    }
}

/// Percent-encodes a path segment or query value.
pub fn url_part(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
}

/// Text with classed spans: each layer is (ranges, class), earlier layers win where they overlap.
/// Ranges that are out of bounds or split a character are ignored.
fn layered(text: &str, layers: &[(&[[usize; 2]], &str)]) -> String {
    let valid = |r: &[usize; 2]| {
        r[0] < r[1] && r[1] <= text.len() && text.is_char_boundary(r[0]) && text.is_char_boundary(r[1])
    };
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for (ranges, _) in layers {
        for r in ranges.iter().filter(|r| valid(r)) {
            cuts.extend([r[0], r[1]]);
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = String::with_capacity(text.len() * 5 / 4);
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let class = layers
            .iter()
            .find(|(ranges, _)| ranges.iter().any(|r| valid(r) && r[0] <= a && b <= r[1]))
            .map(|(_, c)| *c);
        match class {
            Some(c) => {
                let tag = if c == "shared" || c == "hit" { "mark" } else { "span" };
                let _ = write!(out, "<{tag} class=\"{c}\">{}</{tag}>", esc(&text[a..b]));
            }
            None => out.push_str(&esc(&text[a..b])),
        }
    }
    out
}

const CSS: &str = r#"
:root { --ink: #1d232b; --muted: #5b6570; --line: #d8dde3; --shared: #c9f0c9; --diff: #b3261e; --accent: #2456a6; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); margin: 0; background: #fff; }
header.top { background: #14304f; color: #fff; padding: .6rem 1rem; display: flex; gap: 1.2rem; align-items: baseline; flex-wrap: wrap; }
header.top a { color: #fff; }
header.top h1 { font-size: 1.15rem; margin: 0; }
main { max-width: 1200px; margin: 0 auto; padding: 1rem; }
h2 { font-size: 1.3rem; border-bottom: 2px solid var(--line); padding-bottom: .2rem; margin-top: 2rem; }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .4rem; }
a { color: var(--accent); }
table { border-collapse: collapse; margin: .5rem 0; }
th, td { border: 1px solid var(--line); padding: .25rem .5rem; text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.meta { color: var(--muted); font-size: .85rem; }
.figures { display: flex; flex-wrap: wrap; gap: .8rem; }
.figure { border: 1px solid var(--line); border-radius: 6px; padding: .5rem .8rem; min-width: 9rem; }
.figure b { display: block; font-size: 1.4rem; }
mark.shared { background: var(--shared); color: inherit; }
mark.hit { background: #ffe48a; color: inherit; }
span.diff { color: var(--diff); text-decoration: underline wavy; }
span.quoted { color: #8a939c; font-style: italic; }
.pair { border: 1px solid var(--line); border-radius: 6px; margin: .8rem 0; break-inside: avoid; }
.pair > .head { background: #f3f5f7; padding: .3rem .6rem; font-size: .9rem; }
.kind { font-weight: 600; text-transform: uppercase; font-size: .75rem; letter-spacing: .04em; padding: .05rem .35rem; border-radius: 3px; background: #e4e8ee; }
.kind.verbatim { background: #f6c7c4; } .kind.near { background: #f8dfb4; } .kind.partial { background: #dde7f6; }
.sides { display: grid; grid-template-columns: 1fr 1fr; }
.side { padding: .5rem .7rem; border-top: 1px solid var(--line); }
.side + .side { border-left: 1px solid var(--line); }
.side .who { font-weight: 600; }
.side p { margin: .3rem 0 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.legend { font-size: .85rem; color: var(--muted); }
ol.doc { list-style: none; padding: 0; }
ol.doc li { border-left: 4px solid var(--line); padding: .25rem .6rem; margin: .35rem 0; }
ol.doc li:target { outline: 2px solid var(--accent); }
ol.doc li p { margin: .1rem 0; white-space: pre-wrap; overflow-wrap: anywhere; }
li.role-response { border-color: #2e7d32; }
li.role-recommendation { border-color: #9aa4ae; color: #4d5560; }
li.role-preamble { border-color: #d9a400; }
li.role-chrome { border-color: #e0e3e6; color: #8a939c; font-size: .85rem; }
.role { font-size: .75rem; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
.twins { font-size: .85rem; }
.heatmap, .scroll { overflow-x: auto; max-width: 100%; }
blockquote { overflow-wrap: anywhere; margin: .5rem 1rem; }
.heatmap svg text { font: 12px system-ui, sans-serif; }
form.search { display: flex; flex-wrap: wrap; gap: .5rem; align-items: end; margin: .5rem 0 1rem; }
form.search label { display: flex; flex-direction: column; font-size: .8rem; color: var(--muted); }
form.search input[type=search] { min-width: 18rem; font-size: 1rem; padding: .3rem; }
.error { background: #fde8e7; border: 1px solid #f1b0ab; padding: .5rem .8rem; border-radius: 6px; }
.hit { margin: .5rem 0 .9rem; }
.hit p { margin: .15rem 0; overflow-wrap: anywhere; }
@media (max-width: 700px) {
  .sides { grid-template-columns: 1fr; }
  .side + .side { border-left: 0; }
  form.search input[type=search] { min-width: 0; width: 100%; }
  main { padding: .5rem; }
}
@media print {
  header.top nav, form.search { display: none; }
  header.top { background: none; color: #000; border-bottom: 2px solid #000; }
  header.top a { color: #000; }
  a { color: inherit; text-decoration: none; }
  .pair, ol.doc li { break-inside: avoid; }
  mark.shared { background: none; font-weight: 700; text-decoration: underline; }
}
"#;

/// A whole page: title, navigation for the web interface, body.
pub fn page(title: &str, site: Site, body: &str) -> String {
    let nav = match site {
        Site::Server => {
            "<nav><a href=\"/\">Search</a> · <a href=\"/reuse\">Reuse</a> · <a href=\"/docs\">Documents</a></nav>"
        }
        Site::Report => "",
    };
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n\
         <title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n\
         <header class=\"top\"><h1>echoes</h1><span>{}</span>{nav}</header>\n<main>\n{body}\n</main>\n</body>\n</html>\n",
        esc(title),
        esc(title)
    )
}

fn percent(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

fn body_name(body: &str) -> &str {
    body
}

/// The summary figures and the strongest findings.
fn summary(o: &Overview, site: Site) -> String {
    let t = &o.totals;
    let mut s = String::from("<section id=\"summary\"><h2>Summary</h2><div class=\"figures\">");
    let recs = t.recommendations.iter().map(u32::to_string).collect::<Vec<_>>().join(", ");
    let share = if t.own_words == 0 { 0.0 } else { t.shared_words as f64 / t.own_words as f64 };
    for (value, label) in [
        (t.documents.to_string(), "documents"),
        (t.bodies.to_string(), "responding bodies"),
        (recs, "recommendations answered"),
        (t.paragraphs.get(Role::Response).to_string(), "response paragraphs"),
        (percent(share), "of response words also in another body's responses"),
        (format!("{} of {}", t.bodies_sharing, t.bodies), "bodies sharing their own words"),
        (o.between.findings.len().to_string(), "findings between bodies"),
        (o.within.findings.len().to_string(), "findings within a body"),
    ] {
        let _ = write!(s, "<div class=\"figure\"><b>{}</b>{}</div>", esc(&value), esc(label));
    }
    s.push_str("</div>");
    if !o.between.findings.is_empty() {
        s.push_str("<h3>Strongest findings</h3><div class=\"scroll\"><table><tr><th>#</th><th>kind</th><th class=\"num\">score</th><th class=\"num\">shared words</th><th>A</th><th>B</th><th>family</th></tr>");
        for (i, f) in o.between.findings.iter().take(10).enumerate() {
            let _ = write!(
                s,
                "<tr><td class=\"num\">{}</td><td><span class=\"kind {k}\">{k}</span></td><td class=\"num\">{:.2}</td><td class=\"num\">{}</td><td>{}</td><td>{}</td><td><a href=\"#family-{}\">{}</a></td></tr>",
                i + 1,
                f.score,
                f.shared_words,
                para_link(&f.a, site),
                para_link(&f.b, site),
                slug(&f.family),
                esc(&f.family),
                k = kind_name(f),
            );
        }
        s.push_str("</table></div>");
    }
    s.push_str("</section>");
    s
}

fn kind_name(f: &Finding) -> &'static str {
    match f.kind {
        crate::reuse::Kind::Verbatim => "verbatim",
        crate::reuse::Kind::Near => "near",
        crate::reuse::Kind::Partial => "partial",
    }
}

/// A link to a paragraph, labelled with its body and recommendation.
fn para_link(p: &Paragraph, site: Site) -> String {
    format!(
        "<a href=\"{}\">{}</a> <span class=\"meta\">{}</span>",
        esc(&site.paragraph(&p.id)),
        esc(force_label(p.force.as_deref())),
        esc(&format!("{} · {}:{}", rec_label(p.recommendation), p.path, p.line))
    )
}

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
fn color(share: f64) -> String {
    let t = share.clamp(0.0, 1.0);
    let mix = |a: f64, b: f64| (a + (b - a) * t).round() as u8;
    format!("#{:02x}{:02x}{:02x}", mix(255.0, 165.0), mix(255.0, 15.0), mix(255.0, 21.0))
}

/// What to mark on each side of a finding.
struct Marks {
    /// Shared words.
    shared_a: Vec<[usize; 2]>,
    shared_b: Vec<[usize; 2]>,
    /// Whole shared passages (what of them is not shared differs).
    passages_a: Vec<[usize; 2]>,
    passages_b: Vec<[usize; 2]>,
}

fn marks(f: &Finding) -> Marks {
    Marks {
        shared_a: f.spans.iter().flat_map(|s| s.marks_a.iter().copied()).collect(),
        shared_b: f.spans.iter().flat_map(|s| s.marks_b.iter().copied()).collect(),
        passages_a: f.spans.iter().map(|s| s.a).collect(),
        passages_b: f.spans.iter().map(|s| s.b).collect(),
    }
}

/// One finding: both paragraphs side by side, shared words marked, differences inside shared
/// passages in red, quotation of the report greyed.
pub fn pair(f: &Finding, quoted: &Quoted, site: Site, n: usize) -> String {
    let m = marks(f);
    let none = Vec::new();
    let side = |p: &Paragraph, marks: &[[usize; 2]], passages: &[[usize; 2]]| {
        let q = quoted.get(&p.id).unwrap_or(&none);
        format!(
            "<div class=\"side\"><div class=\"who\">{}</div><p>{}</p></div>",
            para_link(p, site),
            layered(&p.text, &[(marks, "shared"), (q, "quoted"), (passages, "diff")])
        )
    };
    format!(
        "<div class=\"pair\" data-a=\"{}\" data-b=\"{}\"><div class=\"head\">#{n} <span class=\"kind {k}\">{k}</span> score {:.2} · {} shared words, longest run {} · contained {} / {}</div><div class=\"sides\">{}{}</div></div>",
        esc(&f.a.id),
        esc(&f.b.id),
        f.score,
        f.shared_words,
        f.longest_run,
        percent(f.containment_a),
        percent(f.containment_b),
        side(&f.a, &m.shared_a, &m.passages_a),
        side(&f.b, &m.shared_b, &m.passages_b),
        k = kind_name(f),
    )
}

const LEGEND: &str = "<p class=\"legend\"><mark class=\"shared\">shared words</mark> · <span class=\"diff\">words that differ inside a shared passage</span> · <span class=\"quoted\">quoted from the report (never counted)</span></p>";

/// Every family of copied passages, each with its pairs side by side.
pub fn families(families: &[Family], findings: &[Finding], quoted: &Quoted, site: Site) -> String {
    if families.is_empty() {
        return "<p>No response wording is shared between bodies at these thresholds.</p>".into();
    }
    let mut s = String::from(LEGEND);
    for fam in families {
        let _ = write!(
            s,
            "<section class=\"family\" id=\"family-{}\"><h3>{} · {}</h3><p class=\"meta\">{} paragraphs, {} finding{}, strongest {:.2}</p><blockquote>{}</blockquote>",
            slug(&fam.id),
            esc(&fam.id),
            esc(&fam.bodies.join("; ")),
            fam.size,
            fam.findings,
            if fam.findings == 1 { "" } else { "s" },
            fam.strongest,
            esc(&fam.representative)
        );
        for (n, f) in findings.iter().filter(|f| f.family == fam.id).enumerate() {
            s.push_str(&pair(f, quoted, site, n + 1));
        }
        s.push_str("</section>");
    }
    s
}

/// A document's paragraphs in order, coloured by role, copied passages marked and linked to
/// their twins.
pub fn document(o: &Overview, by: &ByDocument, d: &Document, site: Site) -> String {
    let mut s = format!(
        "<section class=\"document\" id=\"doc-{}\"><h3>{}</h3><p class=\"meta\">{} · {} · {} · recommendations {}</p><ol class=\"doc\">",
        slug(&d.doc),
        esc(force_label(d.force.as_deref())),
        esc(&d.path),
        esc(d.date.as_deref().unwrap_or("undated")),
        esc(&d.format),
        esc(&d.recommendations.iter().map(u32::to_string).collect::<Vec<_>>().join(", "))
    );
    let none = Vec::new();
    for p in by.paragraphs.get(d.doc.as_str()).copied().unwrap_or_default() {
        let mut marks: Vec<[usize; 2]> = Vec::new();
        let mut twins: BTreeMap<String, &Paragraph> = BTreeMap::new();
        for f in by.findings.get(p.id.as_str()).into_iter().flatten() {
            let m = self::marks(f);
            if f.a.id == p.id {
                marks.extend(m.shared_a);
                twins.insert(f.b.id.clone(), &f.b);
            } else {
                marks.extend(m.shared_b);
                twins.insert(f.a.id.clone(), &f.a);
            }
        }
        let q = o.quoted.get(&p.id).unwrap_or(&none);
        let _ = write!(
            s,
            "<li id=\"p-{}\" class=\"role-{}\"><span class=\"role\">{} · {} · line {}</span><p>{}</p>",
            slug(&p.id),
            p.role,
            p.role,
            esc(&rec_label(p.recommendation)),
            p.line,
            layered(&p.text, &[(&marks, "shared"), (q, "quoted")])
        );
        if !twins.is_empty() {
            s.push_str("<div class=\"twins\">shared with: ");
            let links: Vec<String> = twins
                .values()
                .map(|t| {
                    format!(
                        "<a href=\"{}\">{} ({})</a>",
                        esc(&site.paragraph(&t.id)),
                        esc(&t.id),
                        esc(force_label(t.force.as_deref()))
                    )
                })
                .collect();
            s.push_str(&links.join(", "));
            s.push_str("</div>");
        }
        s.push_str("</li>");
    }
    s.push_str("</ol></section>");
    s
}

/// The documents table.
fn documents_table(docs: &[Document], site: Site) -> String {
    let mut s = String::from("<div class=\"scroll\"><table><tr><th>document</th><th>body</th><th>date</th><th>recommendations</th><th class=\"num\">response</th><th class=\"num\">recommendation</th><th class=\"num\">preamble</th><th class=\"num\">chrome</th><th>check</th></tr>");
    for d in docs {
        let _ = write!(
            s,
            "<tr><td><a href=\"{}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td>",
            esc(&site.document(&d.doc)),
            esc(&d.doc),
            esc(force_label(d.force.as_deref())),
            esc(d.date.as_deref().unwrap_or("-")),
            esc(&d.recommendations.iter().map(u32::to_string).collect::<Vec<_>>().join(", "))
        );
        for role in Role::ALL {
            let _ = write!(s, "<td class=\"num\">{}</td>", d.paragraphs.get(role));
        }
        let _ = write!(s, "<td>{}</td></tr>", esc(&d.doubts().join("; ")));
    }
    s.push_str("</table></div>");
    s
}

/// The reuse of one body within itself.
fn within(o: &Overview, site: Site) -> String {
    if o.within.findings.is_empty() {
        return "<p>No body repeats its own response wording at these thresholds.</p>".into();
    }
    let mut s = String::from("<p>One body's answer pasted under several recommendations, or repeated with edits.</p>");
    s.push_str(LEGEND);
    for (n, f) in o.within.findings.iter().enumerate() {
        s.push_str(&pair(f, &o.quoted, site, n + 1));
    }
    s
}

/// The auditor's report: one self-contained page.
pub fn report(o: &Overview, title: &str) -> String {
    let site = Site::Report;
    let mut body = String::new();
    body.push_str("<nav class=\"toc\"><a href=\"#summary\">Summary</a> · <a href=\"#heatmap\">Heatmap</a> · <a href=\"#families\">Families</a> · <a href=\"#within\">Within a body</a> · <a href=\"#documents\">Documents</a></nav>");
    body.push_str(&summary(o, site));
    let _ = write!(
        body,
        "<section id=\"heatmap\"><h2>Shared own words, body by body</h2>{}</section>",
        heatmap(&o.matrix, &o.order)
    );
    let _ = write!(
        body,
        "<section id=\"families\"><h2>Families of copied passages</h2>{}</section>",
        families(&o.between.families, &o.between.findings, &o.quoted, site)
    );
    let _ = write!(body, "<section id=\"within\"><h2>Reuse within a body</h2>{}</section>", within(o, site));
    let _ = write!(body, "<section id=\"documents\"><h2>Documents</h2>{}", documents_table(&o.documents, site));
    let by = o.by_document();
    for d in &o.documents {
        body.push_str(&document(o, &by, d, site));
    }
    body.push_str("</section>");
    page(title, site, &body)
}

/// The web interface's reuse page: heatmap, families and within-body reuse.
pub fn reuse_page(o: &Overview) -> String {
    let site = Site::Server;
    let body = format!(
        "{}<section id=\"heatmap\"><h2>Shared own words, body by body</h2>{}</section><section id=\"families\"><h2>Families of copied passages</h2>{}</section><section id=\"within\"><h2>Reuse within a body</h2>{}</section>",
        summary(o, site),
        heatmap(&o.matrix, &o.order),
        families(&o.between.families, &o.between.findings, &o.quoted, site),
        within(o, site)
    );
    page("Reuse", site, &body)
}

/// The web interface's documents page.
pub fn documents_page(o: &Overview) -> String {
    page("Documents", Site::Server, &format!("<h2>Documents</h2>{}", documents_table(&o.documents, Site::Server)))
}

/// One document in the web interface.
pub fn document_page(o: &Overview, d: &Document) -> String {
    page(&d.doc, Site::Server, &document(o, &o.by_document(), d, Site::Server))
}

/// What the search form holds.
#[derive(Debug, Clone, Default)]
pub struct SearchForm {
    pub query: String,
    pub force: String,
    pub rec: String,
    pub role: String,
}

/// The hits shown and the counts of all hits, or the error a user reads.
pub type SearchOutcome = Result<(Vec<Hit>, Vec<CountRow>), String>;

/// The search page: the form, and the hits grouped by force with counts, or the error.
pub fn search_page(form: &SearchForm, forces: &[String], recs: &[u32], result: Option<SearchOutcome>) -> String {
    let site = Site::Server;
    let mut s = format!(
        "<form class=\"search\" method=\"get\" action=\"/\"><label>query<input type=\"search\" name=\"q\" value=\"{}\" placeholder='\"consistent national position\"' autofocus></label>",
        esc(&form.query)
    );
    s.push_str("<label>force<select name=\"force\"><option value=\"\">all forces</option>");
    for f in forces {
        let sel = if *f == form.force { " selected" } else { "" };
        let _ = write!(s, "<option value=\"{}\"{sel}>{}</option>", esc(f), esc(f));
    }
    s.push_str("</select></label><label>recommendation<select name=\"rec\"><option value=\"\">all</option>");
    for r in recs {
        let sel = if r.to_string() == form.rec { " selected" } else { "" };
        let _ = write!(s, "<option value=\"{r}\"{sel}>{r}</option>");
    }
    s.push_str("</select></label><label>role<select name=\"role\">");
    for (value, label) in [
        ("", "response, preamble"),
        ("all", "all roles"),
        ("response", "response"),
        ("recommendation", "recommendation"),
        ("preamble", "preamble"),
        ("chrome", "chrome"),
    ] {
        let sel = if value == form.role { " selected" } else { "" };
        let _ = write!(s, "<option value=\"{value}\"{sel}>{label}</option>");
    }
    s.push_str("</select></label><button type=\"submit\">Search</button></form>");
    match result {
        None => s.push_str(
            "<p class=\"meta\">Phrases in double quotes, AND / OR / NOT, prefix*, \"a b\"~2. Words are stemmed.</p>",
        ),
        Some(Err(e)) => {
            let _ = write!(s, "<p class=\"error\" id=\"error\">{}</p>", esc(&e));
        }
        Some(Ok((hits, counts))) => {
            let params = format!(
                "q={}&force={}&rec={}&role={}",
                url_part(&form.query),
                url_part(&form.force),
                url_part(&form.rec),
                url_part(&form.role)
            );
            // The counts cover every match; the hits shown may be fewer.
            let total: usize = counts.iter().map(|c| c.hits).sum();
            let forces_n = counts.iter().map(|c| &c.force).collect::<std::collections::BTreeSet<_>>().len();
            let shown = if hits.len() < total { format!(" (showing the best {})", hits.len()) } else { String::new() };
            let _ = write!(
                s,
                "<p id=\"summary\">{total} hit{} from {forces_n} force{}{shown} · download <a href=\"/api/search?{p}&format=csv\">CSV</a> · <a href=\"/api/search?{p}\">JSON</a></p>",
                if total == 1 { "" } else { "s" },
                if forces_n == 1 { "" } else { "s" },
                p = esc(&params)
            );
            s.push_str(&counts_table(&counts));
            for (force, group) in grouped(&hits) {
                let _ = write!(
                    s,
                    "<section class=\"force\"><h3>{} ({} hit{})</h3>",
                    esc(force_label(force)),
                    group.len(),
                    if group.len() == 1 { "" } else { "s" }
                );
                for h in group {
                    let p = &h.paragraph;
                    let _ = write!(
                        s,
                        "<div class=\"hit\"><a href=\"{}\">{}</a> <span class=\"meta\">{} · {} · {}:{}</span><p>{}</p></div>",
                        esc(&site.paragraph(&p.id)),
                        esc(&p.id),
                        esc(&rec_label(p.recommendation)),
                        p.role,
                        esc(&p.path),
                        p.line,
                        layered(&p.text, &[(&h.highlights, "hit")])
                    );
                }
                s.push_str("</section>");
            }
        }
    }
    page(if form.query.is_empty() { "Search" } else { &form.query }, site, &s)
}

/// Hits per force and recommendation.
fn counts_table(rows: &[CountRow]) -> String {
    let mut recs: Vec<Option<u32>> = rows.iter().map(|r| r.recommendation).collect();
    recs.sort_by_key(|r| (r.is_none(), r.unwrap_or(0)));
    recs.dedup();
    let mut by_force: BTreeMap<&str, BTreeMap<Option<u32>, usize>> = BTreeMap::new();
    for r in rows {
        *by_force.entry(force_label(r.force.as_deref())).or_default().entry(r.recommendation).or_default() += r.hits;
    }
    let mut s = String::from("<div class=\"scroll\"><table class=\"counts\"><tr><th>force</th>");
    for r in &recs {
        let _ = write!(s, "<th class=\"num\">{}</th>", esc(&rec_label(*r)));
    }
    s.push_str("<th class=\"num\">total</th></tr>");
    for (force, cells) in &by_force {
        let _ = write!(s, "<tr><td>{}</td>", esc(force));
        for r in &recs {
            let _ = write!(s, "<td class=\"num\">{}</td>", cells.get(r).copied().unwrap_or(0));
        }
        let _ = write!(s, "<td class=\"num\">{}</td></tr>", cells.values().sum::<usize>());
    }
    s.push_str("</table></div>");
    s
}

/// A paragraph in its document, and the most similar paragraphs of other bodies side by side.
pub fn paragraph_page(p: &Paragraph, similar: &[Finding], similar_quoted: &Quoted) -> String {
    let site = Site::Server;
    let mut s = format!(
        "<p class=\"meta\">{} · {} · {} · <a href=\"{}#p-{}\">in its document</a></p>",
        esc(&p.id),
        esc(force_label(p.force.as_deref())),
        esc(&format!("{} · {} · {}:{}", rec_label(p.recommendation), p.role, p.path, p.line)),
        esc(&site.document(&p.doc)),
        slug(&p.id)
    );
    let none = Vec::new();
    let q = similar_quoted.get(&p.id).unwrap_or(&none);
    let _ = write!(s, "<blockquote id=\"paragraph\"><p>{}</p></blockquote>", layered(&p.text, &[(q, "quoted")]));
    s.push_str("<h2>Most similar paragraphs of other bodies</h2>");
    if similar.is_empty() {
        s.push_str("<p id=\"no-similar\">No other body's response shares a passage with this paragraph.</p>");
    } else {
        s.push_str(LEGEND);
        for (n, f) in similar.iter().enumerate() {
            s.push_str(&pair(f, similar_quoted, site, n + 1));
        }
    }
    page(&p.id, site, &s)
}

/// An error page (not found, bad request).
pub fn error_page(message: &str) -> String {
    page("Not found", Site::Server, &format!("<p class=\"error\" id=\"error\">{}</p>", esc(message)))
}

/// The page shown while the comparison behind it is still being computed.
pub fn waiting_page() -> String {
    page(
        "Still comparing",
        Site::Server,
        "<p class=\"meta\" id=\"waiting\">echoes is still comparing the responses for this page; search works \
         already. Reload in a few seconds.</p>",
    )
}

/// The line `echoes report` prints once it has written the report.
pub fn wrote(out: &mut dyn std::io::Write, path: &std::path::Path, overview: &Overview) -> std::io::Result<()> {
    writeln!(
        out,
        "wrote {} ({} documents, {} findings between bodies in {} families, {} within a body)",
        path.display(),
        overview.totals.documents,
        overview.between.findings.len(),
        overview.between.families.len(),
        overview.within.findings.len()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corpus_text_is_escaped() {
        let text = "<script>alert(1)</script> <img src=x onerror=alert(2)> \"q\" 'a' & b";
        let out = layered(text, &[(&[[0, 8]], "shared")]);
        assert!(!out.contains("<script") && !out.contains("<img"));
        assert!(out.starts_with("<mark class=\"shared\">&lt;script&gt;</mark>"));
        assert!(out.contains("&quot;q&quot; &#39;a&#39; &amp; b"));
    }

    #[test]
    fn layers_nest_by_priority_and_bad_ranges_are_ignored() {
        let text = "aa bb cc dd";
        let out = layered(text, &[(&[[3, 5]], "shared"), (&[[0, 8], [20, 30], [1, 1]], "diff")]);
        assert_eq!(
            out,
            "<span class=\"diff\">aa </span><mark class=\"shared\">bb</mark><span class=\"diff\"> cc</span> dd"
        );
        let multibyte = "é x";
        assert_eq!(layered(multibyte, &[(&[[1, 3]], "shared")]), "é x");
    }

    #[test]
    fn slugs_are_distinct_and_safe() {
        assert_eq!(slug("doc:12"), "doc_3a_12");
        assert_ne!(slug("a/b"), slug("a_b"));
        assert!(slug("\"><script>").chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
    }
}
