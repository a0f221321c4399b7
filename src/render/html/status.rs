//! Where each body stands, in HTML: when it answered against the deadline, and the status it
//! states on each recommendation, the sentence that states it shown on hover and on expanding.

use std::fmt::Write;

use super::markup::{esc, page, Site};
use crate::overview::Overview;
use crate::status::{Source, StatusGrid};
use crate::timeliness::{Timeliness, Verdict};

/// The section of the report (and the web interface's page) on where each body stands.
pub fn standing_section(o: &Overview, site: Site) -> String {
    let mut s = String::from("<section id=\"standing\"><h2>Where each body stands</h2>");
    for c in &o.coverage {
        if let Some(report) = &c.report {
            let _ = write!(s, "<h3>Report {}</h3>", esc(report));
        }
        s.push_str(&timeliness_table(&c.timeliness));
    }
    s.push_str(
        "<p>What each body says it has done, read from a status column or from its own sentences (the \
         least advanced, where it says several); hover over or open a status for the words that state it.</p>",
    );
    for g in &o.status {
        if let Some(report) = &g.report {
            let _ = write!(s, "<h3>Report {}</h3>", esc(report));
        }
        s.push_str(&status_table(g, site));
    }
    s.push_str("</section>");
    s
}

/// The web interface's page on where each body stands.
pub fn status_page(o: &Overview) -> String {
    page("Where each body stands", Site::Server, &standing_section(o, Site::Server))
}

fn timeliness_table(all: &[Timeliness]) -> String {
    if all.is_empty() {
        return String::new();
    }
    let published = all.iter().find_map(|t| t.published.as_deref()).unwrap_or("not given");
    let mut s = format!(
        "<p>Published {}. When each body answered:</p><div class=\"scroll\"><table class=\"timeliness\">\
         <tr><th>body</th><th>answered</th><th class=\"num\">days after publication</th><th>due</th><th>timeliness</th></tr>",
        esc(published)
    );
    for t in all {
        let class = match t.verdict {
            Verdict::OnTime => "on-time",
            Verdict::Late => "late",
            Verdict::CannotTell => "unknown",
        };
        let due = t.due_label();
        let _ = write!(
            s,
            "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td><td class=\"{class}\">{}</td></tr>",
            esc(&t.body),
            esc(&t.date_label()),
            t.days_after_publication.map_or("-".into(), |d| d.label()),
            esc(&due),
            esc(&t.label())
        );
    }
    s.push_str("</table></div>");
    s
}

fn status_table(g: &StatusGrid, site: Site) -> String {
    let mut s = String::from("<div class=\"scroll\"><table class=\"status\"><tr><th>body</th>");
    for r in &g.recommendations {
        let _ = write!(s, "<th>rec {r}</th>");
    }
    s.push_str("</tr>");
    for body in &g.bodies {
        let _ = write!(s, "<tr><td>{}</td>", esc(body));
        for &r in &g.recommendations {
            let Some(c) = g.cell(body, r).filter(|c| c.answered) else {
                s.push_str("<td class=\"none\">no answer</td>");
                continue;
            };
            let class = c.status.as_str().replace(' ', "-");
            match &c.evidence {
                Some(ev) => {
                    let from = if ev.from == Source::Text { "in the text" } else { ev.from.as_str() };
                    let _ = write!(
                        s,
                        "<td class=\"{class}\"><details><summary title=\"{}\">{}</summary><blockquote>{}</blockquote>\
                         <a href=\"{}\">{}</a> ({from})</details></td>",
                        esc(&ev.sentence),
                        c.status.as_str(),
                        esc(&ev.sentence),
                        esc(&site.paragraph(&ev.paragraph)),
                        esc(&ev.paragraph)
                    );
                }
                None => {
                    let _ = write!(s, "<td class=\"{class}\">{}</td>", c.status.as_str());
                }
            }
        }
        s.push_str("</tr>");
    }
    s.push_str("</table></div>");
    s
}
