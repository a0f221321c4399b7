//! The web interface's front page below the search form: the collection at a glance (bodies and
//! their documents, who answered what, the heatmap, the strongest copied runs and the stock
//! wording, the documents whose reading looks doubtful), each linking on.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::overview::Overview;
use crate::render::force_label;

use super::evidence::{runs_section, stock_section};
use super::heatmap::heatmap;
use super::markup::*;
use super::report::coverage_section;

/// Copied runs the front page shows (the strongest); the reuse page has the rest.
const RUNS_ON_FRONT: usize = 5;

/// The front page's sections, under the search form.
pub fn collection(o: &Overview) -> String {
    let site = Site::Server;
    let mut s = bodies_section(o);
    s.push_str(&coverage_section(o));
    let _ = write!(
        s,
        "<section id=\"heatmap\"><h2>Shared own words, body by body</h2>{}<p><a href=\"/reuse\">Every copied passage →</a></p></section>",
        heatmap(&o.matrix, &o.order)
    );
    s.push_str(&runs_section(o, &o.by_document(), site, RUNS_ON_FRONT));
    s.push_str(&stock_section(o, site));
    s.push_str(&doubtful_section(o));
    s
}

/// The bodies, each with its documents linked; references, which are no body's, apart.
fn bodies_section(o: &Overview) -> String {
    let mut by_body: BTreeMap<String, Vec<&crate::model::Document>> = BTreeMap::new();
    let mut references = Vec::new();
    for d in &o.documents {
        if d.reference {
            references.push(d);
        } else {
            by_body.entry(force_label(d.force.as_deref()).to_string()).or_default().push(d);
        }
    }
    let mut bodies: Vec<(String, Vec<&crate::model::Document>)> = by_body.into_iter().collect();
    bodies.sort_by(|a, b| a.0.starts_with('(').cmp(&b.0.starts_with('(')).then(crate::model::name_order(&a.0, &b.0)));
    let docs_of = |docs: &[&crate::model::Document]| {
        docs.iter()
            .map(|d| format!("<a href=\"{}\">{}</a>", esc(&Site::Server.document(&d.doc)), esc(&d.doc)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let named = bodies.iter().filter(|(b, _)| !b.starts_with('(')).count();
    let unattributed = o.documents.iter().filter(|d| !d.reference && d.force.is_none()).count();
    let mut apart = Vec::new();
    if !references.is_empty() {
        apart.push(format!("{} reference{}", references.len(), if references.len() == 1 { "" } else { "s" }));
    }
    if unattributed > 0 {
        apart.push(format!("{unattributed} of no known body"));
    }
    let mut s = format!(
        "<section id=\"collection\"><h2>The collection</h2><p>{named} bod{}, {} documents{} · <a href=\"/docs\">all documents, as read</a> · <a href=\"/reuse\">reuse between and within bodies</a></p>",
        if named == 1 { "y" } else { "ies" },
        o.documents.len(),
        if apart.is_empty() { String::new() } else { format!(" ({})", apart.join(", ")) }
    );
    s.push_str("<div class=\"scroll\"><table id=\"bodies\"><tr><th>body</th><th class=\"num\">documents</th><th>documents</th></tr>");
    for (body, docs) in &bodies {
        let _ =
            write!(s, "<tr><td>{}</td><td class=\"num\">{}</td><td>{}</td></tr>", esc(body), docs.len(), docs_of(docs));
    }
    s.push_str("</table></div>");
    if !references.is_empty() {
        let _ =
            write!(s, "<p>References (the report and what quotes it; no body's words): {}</p>", docs_of(&references));
    }
    s.push_str("</section>");
    s
}

/// The documents whose reading looks doubtful, with what to check, or a line saying there are none.
fn doubtful_section(o: &Overview) -> String {
    let doubtful: Vec<_> = o.documents.iter().map(|d| (d, d.doubts())).filter(|(_, why)| !why.is_empty()).collect();
    let mut s = String::from("<section id=\"doubtful\"><h2>Documents to check</h2>");
    if doubtful.is_empty() {
        s.push_str("<p>Every document was read as expected.</p></section>");
        return s;
    }
    let _ = write!(
        s,
        "<p>{} document{} whose reading looks doubtful: open each to see how it was read.</p><div class=\"scroll\"><table><tr><th>document</th><th>body</th><th>check</th></tr>",
        doubtful.len(),
        if doubtful.len() == 1 { "" } else { "s" }
    );
    for (d, why) in doubtful {
        let _ = write!(
            s,
            "<tr><td><a href=\"{}\">{}</a></td><td>{}</td><td>{}</td></tr>",
            esc(&Site::Server.document(&d.doc)),
            esc(&d.doc),
            esc(force_label(d.force.as_deref())),
            esc(&why.join("; "))
        );
    }
    s.push_str("</table></div></section>");
    s
}
