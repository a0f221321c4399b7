//! The report's evidence beyond pairs of paragraphs: copied runs side by side (or a line each),
//! stock wording once with the bodies that carry it, and who likely wrote each unattributed
//! document.

use std::collections::HashMap;
use std::fmt::Write as _;

use crate::overview::{ByDocument, Overview};
use crate::render::{force_label, rec_label};

use super::markup::*;
use super::report::{marks, order, para_link, Marks, LEGEND};

/// Copied runs shown on a page that also shows much else (a split report's main file, `/reuse`).
pub const RUNS_SHOWN: usize = 20;

/// A paragraph number of an id (`doc:28` → 28).
fn number_of(id: &str) -> Option<u32> {
    id.rsplit_once(':').and_then(|(_, n)| n.parse().ok())
}

/// One side of a copied run: its paragraphs from first to last, the shared words marked, the
/// words that differ inside shared passages in red, and what stands between the findings that is
/// not the bodies' own words (quotation, headings) greyed as a whole.
fn run_side(
    o: &Overview,
    by: &ByDocument,
    doc: &str,
    extent: &[String; 2],
    marks: &HashMap<&str, Marks>,
    site: Site,
) -> String {
    let (Some(first), Some(last)) = (number_of(&extent[0]), number_of(&extent[1])) else {
        return String::new();
    };
    let none = Vec::new();
    let mut s = String::from("<div class=\"side\">");
    let paragraphs = by.paragraphs.get(doc).copied().unwrap_or_default();
    if let Some(p) = paragraphs.first() {
        let _ = write!(
            s,
            "<div class=\"who\"><a href=\"{}\">{}</a> <span class=\"meta\">{} :{first}–:{last}</span></div>",
            esc(&site.document(doc)),
            esc(force_label(p.force.as_deref())),
            esc(doc)
        );
    }
    for p in paragraphs.iter().filter(|p| p.paragraph >= first && p.paragraph <= last) {
        let text = match marks.get(p.id.as_str()) {
            Some(m) => layered(
                &p.text,
                &[(&m.shared_a, "shared"), (o.quoted.get(&p.id).unwrap_or(&none), "quoted"), (&m.passages_a, "diff")],
            ),
            None => format!("<span class=\"quoted\">{}</span>", esc(&p.text)),
        };
        let _ = write!(
            s,
            "<p><a class=\"meta\" href=\"{}\">:{} {}</a> {text}</p>",
            esc(&site.paragraph(&p.id)),
            p.paragraph,
            esc(&rec_label(p.recommendation))
        );
    }
    s.push_str("</div>");
    s
}

/// The runs section when there is no run.
const NO_RUNS: &str = "<section id=\"runs\"><h2>Copied runs</h2><p>No run of consecutive paragraphs is copied from one document to another at these thresholds.</p></section>";

/// The runs section's heading and its first words ("2 runs of consecutive paragraphs ... on both
/// sides"), for the sentence to go on; `None` when there is no run.
fn runs_head(o: &Overview) -> Option<String> {
    (!o.runs.is_empty()).then(|| {
        format!(
            "<section id=\"runs\"><h2>Copied runs</h2><p>{} run{} of consecutive paragraphs copied from one document to another, in the same order on both sides",
            o.runs.len(),
            if o.runs.len() == 1 { "" } else { "s" }
        )
    })
}

/// Copied runs, each as one passage on both sides, as a text aligner shows an alignment.
/// At most `shown` runs, the strongest; the rest are counted.
pub fn runs_section(o: &Overview, by: &ByDocument, site: Site, shown: usize) -> String {
    let Some(mut s) = runs_head(o) else {
        return NO_RUNS.to_string();
    };
    let _ = write!(
        s,
        ". What stands between the copied paragraphs and is not the bodies' own words (quotation of the report, headings, a table's labels) is greyed.</p>{LEGEND}"
    );
    if o.runs.len() > shown {
        let _ =
            write!(s, "<p>The {shown} strongest are shown here; `echoes reuse --runs` lists all {}.</p>", o.runs.len());
    }
    for r in o.runs.iter().take(shown) {
        // Each side's marks by paragraph id: a finding's `a` is the run's `a_doc` side.
        let mut marks_a: HashMap<&str, Marks> = HashMap::new();
        let mut marks_b: HashMap<&str, Marks> = HashMap::new();
        for f in &r.findings {
            let (a, b) = if f.a.doc == r.a_doc { (&f.a, &f.b) } else { (&f.b, &f.a) };
            let m = marks(f);
            let (m_a, m_b) = if f.a.doc == r.a_doc {
                m.split()
            } else {
                let (x, y) = m.split();
                (y, x)
            };
            marks_a.insert(a.id.as_str(), m_a);
            marks_b.insert(b.id.as_str(), m_b);
        }
        let _ = write!(
            s,
            "<div class=\"pair run\" id=\"{}\"><div class=\"head\">{} · score {:.2} · {} finding{}, {} shared words · <span class=\"order\">{}</span></div><div class=\"sides\">{}{}</div></div>",
            esc(&r.id),
            esc(&r.id),
            r.score,
            r.findings.len(),
            if r.findings.len() == 1 { "" } else { "s" },
            r.shared_words,
            r.findings.first().map(|f| order(f, &crate::overview::dates(&o.documents))).unwrap_or_default(),
            run_side(o, by, &r.a_doc, &r.a, &marks_a, site),
            run_side(o, by, &r.b_doc, &r.b, &marks_b, site),
        );
    }
    s.push_str("</section>");
    s
}

/// Copied runs as a table, one line each (a split report's main file, where passages need the room):
/// each run's extent on both sides, its findings and its shared words.
pub fn runs_table(o: &Overview, site: Site) -> String {
    let Some(mut s) = runs_head(o) else {
        return NO_RUNS.to_string();
    };
    let _ = write!(
        s,
        "; each run's findings are among the passages, and the whole report (or <code>echoes reuse --runs</code>) shows each run side by side.</p><div class=\"scroll\"><table><tr><th>run</th><th class=\"num\">score</th><th class=\"num\">findings</th><th class=\"num\">shared words</th><th>from</th><th>to</th></tr>"
    );
    let extent = |doc: &str, ends: &[String; 2]| {
        let n = |id: &String| number_of(id).map_or(String::new(), |n| n.to_string());
        format!("<a href=\"{}\">{}</a> :{}–:{}", esc(&site.document(doc)), esc(doc), n(&ends[0]), n(&ends[1]))
    };
    for r in &o.runs {
        let _ = write!(
            s,
            "<tr><td>{}</td><td class=\"num\">{:.2}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td><td>{}</td></tr>",
            esc(&r.id),
            r.score,
            r.findings.len(),
            r.shared_words,
            extent(&r.a_doc, &r.a),
            extent(&r.b_doc, &r.b)
        );
    }
    s.push_str("</table></div></section>");
    s
}

/// Stock wording: each passage once, with the bodies that carry it; never counted as copying.
pub fn stock_section(o: &Overview, site: Site) -> String {
    let stock = &o.between.stock;
    if stock.is_empty() {
        return String::new();
    }
    let mut s = format!(
        "<section id=\"stock\"><h2>Stock wording</h2><p>{} passage{} of public formulas (a statutory definition, a standard account, each with its source) or of wording that stands in answers to other reports: not evidence that one body copied another. They are not counted as copying, in the findings, the heatmap or any document's shared words.</p>",
        stock.len(),
        if stock.len() == 1 { "" } else { "s" },
    );
    for st in stock {
        let links: Vec<String> = st
            .paragraphs
            .iter()
            .map(|id| format!("<a href=\"{}\">{}</a>", esc(&site.paragraph(id)), esc(id)))
            .collect();
        let _ = write!(
            s,
            "<div class=\"stock\" id=\"{}\"><div class=\"head\">{} · {} bodies: {}</div><blockquote>{}</blockquote><p class=\"meta\">Stock because: {}</p><p class=\"meta\">{}</p></div>",
            esc(&st.id),
            esc(&st.id),
            st.bodies.len(),
            esc(&st.bodies.iter().map(|b| body_name(b)).collect::<Vec<_>>().join(", ")),
            esc(&st.text),
            esc(&st.reasons.join("; ")),
            links.join(" · ")
        );
    }
    s.push_str("</section>");
    s
}

/// Who likely wrote each unattributed document: the bodies whose words it shares, ranked, and
/// whether it is more likely a body's own other copy or a document sharing some of its words.
pub fn attribution_section(o: &Overview, site: Site) -> String {
    if o.attributions.is_empty() {
        return String::new();
    }
    let mut s = String::from("<section id=\"attribution\"><h2>Unattributed documents</h2><p>Each document no body is given for, with the bodies whose response words it shares, ranked by share × rarity of the shared passages.</p>");
    for a in &o.attributions {
        let _ = write!(s, "<h3><a href=\"{}\">{}</a></h3>", esc(&site.document(&a.doc)), esc(&a.doc));
        let Some(best) = a.ranked.first() else {
            s.push_str("<p>It shares no response words with any body at these thresholds.</p>");
            continue;
        };
        let _ = write!(s, "<p class=\"reading\">{}.</p>", esc(&crate::render::reuse::reading(&a.doc, best)));
        s.push_str("<div class=\"scroll\"><table><tr><th>#</th><th>body</th><th class=\"num\">score</th><th class=\"num\">shared words</th><th class=\"num\">share of its own words</th><th class=\"num\">paragraphs</th><th>dated</th><th>first</th><th>strongest evidence</th></tr>");
        for (i, r) in a.ranked.iter().enumerate() {
            let evidence = r
                .evidence
                .first()
                .map(|f| format!("{} ↔ {}", para_link(&f.a, site), para_link(&f.b, site)))
                .unwrap_or_default();
            let _ = write!(
                s,
                "<tr><td class=\"num\">{}</td><td>{}</td><td class=\"num\">{:.2}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td><td>{}</td><td>{evidence}</td></tr>",
                i + 1,
                esc(body_name(&r.body)),
                r.score,
                r.shared_words,
                percent(r.share),
                r.paragraphs,
                esc(r.date.as_deref().unwrap_or("undated")),
                esc(&crate::render::reuse::first_label(&r.first, &a.doc, body_name(&r.body))),
            );
        }
        s.push_str("</table></div>");
    }
    s.push_str("</section>");
    s
}
