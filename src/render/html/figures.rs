//! The figures of a document and a body: a document's provenance as one stacked bar, and who
//! answered which recommendation as a table, report by report.

use std::fmt::Write as _;

use super::markup::*;

/// A document's words as one stacked bar: own, shared with other bodies, stock wording, quoted,
/// furniture; then the bodies it shares words with and the texts it quotes.
pub fn provenance_bar(p: &crate::provenance::Provenance) -> String {
    let mut s = String::from("<div class=\"provenance\"><div class=\"bar\">");
    let parts = [
        ("own", p.own),
        ("shared", p.shared),
        ("stock", p.stock),
        ("quoted", p.quoted),
        ("speech", p.speech),
        ("furniture", p.furniture),
    ];
    for (class, words) in parts {
        if words > 0 {
            let _ = write!(
                s,
                "<span class=\"{class}\" style=\"width:{:.1}%\" title=\"{class}: {words} words\"></span>",
                p.share(words) * 100.0
            );
        }
    }
    s.push_str("</div><p class=\"meta\">");
    let labels: Vec<String> = parts
        .iter()
        // Quoted speech is named only where there is some.
        .filter(|(class, words)| *class != "speech" || *words > 0)
        .map(|(class, words)| format!("<b class=\"{class}\">{class}</b> {:.0}%", p.share(*words) * 100.0))
        .collect();
    s.push_str(&labels.join(" · "));
    if !p.shared_with.is_empty() {
        let with: Vec<String> = p.shared_with.iter().map(|w| format!("{} ({} words)", esc(&w.body), w.words)).collect();
        let _ = write!(s, " · shared with {}", with.join(", "));
    }
    if !p.quoted_from.is_empty() {
        let from: Vec<String> =
            p.quoted_from.iter().map(|q| format!("{} ({} words)", esc(&q.source), q.words)).collect();
        let _ = write!(s, " · quoted from {}", from.join(", "));
    }
    s.push_str("</p></div>");
    s
}

/// Who answered what, report by report (named in a corpus answering several).
pub fn coverage(all: &[crate::coverage::Coverage]) -> String {
    let mut s = String::new();
    for c in all {
        if let Some(report) = &c.report {
            let _ = write!(s, "<h3>Report {}</h3>", esc(report));
        }
        s.push_str(&coverage_table(c));
    }
    s
}

fn coverage_table(c: &crate::coverage::Coverage) -> String {
    let mut s = String::from("<div class=\"scroll\"><table class=\"coverage\"><tr><th>body</th>");
    for r in &c.recommendations {
        let _ = write!(s, "<th class=\"num\">rec {r}</th>");
    }
    s.push_str("<th class=\"num\">no recommendation named</th></tr>");
    for body in &c.bodies {
        let _ = write!(s, "<tr><td>{}</td>", esc(body));
        for &r in &c.recommendations {
            match c.cell(body, r).filter(|x| x.paragraphs > 0) {
                Some(x) => {
                    let _ = write!(s, "<td class=\"num\">{} ¶ · {} words</td>", x.paragraphs, x.words);
                }
                None => s.push_str("<td class=\"num none\">no answer</td>"),
            }
        }
        match c.unassigned.iter().find(|x| &x.body == body).filter(|x| x.paragraphs > 0) {
            Some(x) => {
                let _ = write!(s, "<td class=\"num\">{} ¶ · {} words</td>", x.paragraphs, x.words);
            }
            None => s.push_str("<td class=\"num\">-</td>"),
        }
        s.push_str("</tr>");
    }
    s.push_str("</table></div>");
    for u in c.unanswered.iter().filter(|u| !u.bodies.is_empty()) {
        let _ = write!(
            s,
            "<p class=\"meta\">No answer to recommendation {}: {}.</p>",
            u.recommendation,
            esc(&u.bodies.join("; "))
        );
    }
    s
}
