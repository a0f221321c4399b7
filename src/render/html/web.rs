//! The pages of the web interface: search, reuse, documents, one document, one paragraph with
//! the paragraphs most like it, and the error and waiting pages.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::model::{Document, Paragraph};
use crate::overview::{Dates, Overview, Quoted};
use crate::render::search::grouped;
use crate::render::{force_label, rec_label};
use crate::reuse::Finding;
use crate::search::{Counts, Hit};

use super::evidence::*;
use super::heatmap::heatmap;
use super::markup::*;
use super::report::*;

/// Families on a page of the reuse view.
pub const FAMILIES_PER_PAGE: usize = 25;
/// Pairs shown under each family there (the strongest).
pub const PAIRS_PER_FAMILY: usize = 10;
/// Findings on a page of the within-body view.
pub const WITHIN_PER_PAGE: usize = 50;
/// Documents on a page of the documents view.
pub const DOCUMENTS_PER_PAGE: usize = 200;
/// Paragraphs on a page of one document.
pub const PARAGRAPHS_PER_PAGE: usize = 200;

/// The web interface's reuse page: the summary and heatmap, then one page of the families of
/// copied passages (or, `within`, one page of reuse within a body), with links to the others.
pub fn reuse_page(o: &Overview, page: Option<usize>, within_view: bool) -> String {
    let site = Site::Server;
    let views = "<nav class=\"toc\"><a href=\"/reuse\">Between bodies</a> · <a href=\"/reuse?view=within\">Within a body</a></nav>";
    let body = if within_view {
        let paging = Paging::new(page, WITHIN_PER_PAGE);
        let total = o.within.findings.len();
        let pager = paging.links("/reuse?view=within&", total, "findings");
        format!(
            "{views}<section id=\"within\"><h2>Reuse within a body</h2>{pager}{}{pager}</section>",
            within(o, site, paging.range(total))
        )
    } else {
        let paging = Paging::new(page, FAMILIES_PER_PAGE);
        let total = o.between.families.len();
        let pager = paging.links("/reuse?", total, "families");
        // The runs, stock wording and unattributed documents head the first page only.
        let first = paging.range(total).start == 0;
        let by = o.by_document();
        let (runs, stock, attribution) = if first {
            (runs_section(o, &by, site, RUNS_SHOWN), stock_section(o, site), attribution_section(o, site))
        } else {
            Default::default()
        };
        format!(
            "{views}{}<section id=\"heatmap\"><h2>Shared own words, body by body</h2>{}</section>{runs}<section id=\"families\"><h2>Copied passages, and where each occurs</h2>{pager}{}{pager}</section>{stock}{attribution}",
            summary(o, site),
            heatmap(&o.matrix, &o.order),
            families(
                &o.between.families[paging.range(total)],
                &o.between.findings,
                &o.passages,
                &o.quoted,
                &crate::overview::dates(&o.documents),
                site,
                PAIRS_PER_FAMILY
            ),
        )
    };
    self::page("Reuse", site, &body)
}

/// The web interface's documents page, a page of documents at a time.
pub fn documents_page(o: &Overview, page: Option<usize>) -> String {
    let paging = Paging::new(page, DOCUMENTS_PER_PAGE);
    let total = o.documents.len();
    let pager = paging.links("/docs?", total, "documents");
    let table = documents_table(&o.documents[paging.range(total)], Site::Server);
    self::page("Documents", Site::Server, &format!("<h2>Documents</h2>{pager}{table}{pager}"))
}

/// One document in the web interface, a page of paragraphs at a time.
pub fn document_page(o: &Overview, d: &Document, page: Option<usize>) -> String {
    let paging = Paging::new(page, PARAGRAPHS_PER_PAGE);
    let total = d.paragraphs.total();
    let pager = paging.links(&format!("{}?", Site::Server.document(&d.doc)), total, "paragraphs");
    let body = document(o, &o.by_document(), d, Site::Server, paging.range(total));
    self::page(&d.doc, Site::Server, &format!("{pager}{body}{pager}"))
}

/// What the search form holds.
#[derive(Debug, Clone, Default)]
pub struct SearchForm {
    pub query: String,
    pub force: String,
    pub rec: String,
    pub role: String,
    /// A report id, or empty for every report.
    pub report: String,
    /// The page of hits asked for (from 1).
    pub page: Option<usize>,
    /// Hits a page holds ([`HITS_PER_PAGE`] unless asked).
    pub per_page: usize,
    /// Show each match in its context, one line a match (keyword in context).
    pub kwic: bool,
}

/// Characters of context each side of a match in the keyword-in-context view.
pub const KWIC_WIDTH: usize = 60;

/// Hits on a page of the search view.
pub const HITS_PER_PAGE: usize = 100;

/// What the search page shows under its form when no query is given: the collection (the front
/// page), a word that its overview is being computed, or nothing.
pub enum Front<'a> {
    Collection(&'a Overview),
    Waiting,
    None,
}

/// The hits shown and the counts of all hits, or the error a user reads.
pub type SearchOutcome = Result<(Vec<Hit>, Counts), String>;

/// The search page: the form, and the hits grouped by force with counts, or the error.
///
/// The hits given are the best up to the page asked for; `max_hits` is the most that can be paged
/// through.
pub fn search_page(
    form: &SearchForm,
    forces: &[String],
    recs: &[u32],
    reports: &[String],
    result: Option<SearchOutcome>,
    max_hits: usize,
    front: Front,
) -> String {
    let site = Site::Server;
    let mut s = format!(
        "<form class=\"search\" method=\"get\" action=\"/\"><label>query<input type=\"search\" name=\"q\" value=\"{}\" placeholder='\"consistent national position\"' autofocus></label>",
        esc(&form.query)
    );
    s.push_str("<label>body<select name=\"force\"><option value=\"\">all bodies</option>");
    for f in forces {
        let sel = if *f == form.force { " selected" } else { "" };
        let _ = write!(s, "<option value=\"{}\"{sel}>{}</option>", esc(f), esc(f));
    }
    s.push_str("</select></label><label>recommendation<select name=\"rec\"><option value=\"\">all</option>");
    for r in recs {
        let sel = if r.to_string() == form.rec { " selected" } else { "" };
        let _ = write!(s, "<option value=\"{r}\"{sel}>{r}</option>");
    }
    if reports.len() > 1 {
        s.push_str("</select></label><label>report<select name=\"report\"><option value=\"\">all reports</option>");
        for r in reports {
            let sel = if *r == form.report { " selected" } else { "" };
            let _ = write!(s, "<option value=\"{}\"{sel}>{}</option>", esc(r), esc(r));
        }
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
    s.push_str("</select></label><label>view<select name=\"view\">");
    for (value, label, on) in [("", "paragraphs", !form.kwic), ("kwic", "keyword in context", form.kwic)] {
        let _ = write!(s, "<option value=\"{value}\"{}>{label}</option>", if on { " selected" } else { "" });
    }
    s.push_str("</select></label><button type=\"submit\">Search</button></form>");
    match result {
        None => {
            s.push_str(
                "<p class=\"meta\">Phrases in double quotes, AND / OR / NOT, prefix*, \"a b\"~2. Words are stemmed.</p>",
            );
            match front {
                Front::Collection(o) => s.push_str(&super::front::collection(o)),
                Front::Waiting => s.push_str(
                    "<p class=\"meta\" id=\"collection\">The collection's overview is being computed; reload in a moment.</p>",
                ),
                Front::None => {}
            }
        }
        Some(Err(e)) => {
            let _ = write!(s, "<p class=\"error\" id=\"error\">{}</p>", esc(&e));
        }
        Some(Ok((hits, counts))) => {
            let params = format!(
                "q={}&force={}&rec={}&role={}&report={}",
                url_part(&form.query),
                url_part(&form.force),
                url_part(&form.rec),
                url_part(&form.role),
                url_part(&form.report)
            );
            // The counts cover every match; the hits shown may be fewer.
            let total = counts.total;
            let forces_n = counts.bodies.iter().filter(|b| b.hits > 0).count();
            let reachable = total.min(max_hits);
            let paging = Paging::new(form.page, form.per_page);
            let range = paging.range(reachable.min(hits.len()));
            let shown = if reachable < total { format!(" (the best {reachable} can be shown)") } else { String::new() };
            let _ = write!(
                s,
                "<p id=\"summary\">{total} hit{} from {forces_n} bod{}{shown} · download <a href=\"/api/search?{p}&format=csv\">CSV</a> · <a href=\"/api/search?{p}\">JSON</a></p>",
                if total == 1 { "" } else { "s" },
                if forces_n == 1 { "y" } else { "ies" },
                p = esc(&params)
            );
            s.push_str(&counts_table(&counts));
            let view = if form.kwic { "&view=kwic" } else { "" };
            let pager = paging.links(&format!("/?{params}{view}&limit={}&", paging.per), reachable, "hits");
            s.push_str(&pager);
            if form.kwic {
                s.push_str(&concordance(&crate::search::kwic::concordance(&hits[range], KWIC_WIDTH), site));
                s.push_str(&pager);
                return page(if form.query.is_empty() { "Search" } else { &form.query }, site, &s);
            }
            for (force, group) in grouped(&hits[range]) {
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
            s.push_str(&pager);
        }
    }
    page(if form.query.is_empty() { "Search" } else { &form.query }, site, &s)
}

/// Matches in their context, one row each, aligned on the match.
fn concordance(lines: &[crate::search::kwic::Line], site: Site) -> String {
    let mut s = String::from("<div class=\"scroll\"><table class=\"kwic\" id=\"kwic\">");
    for l in lines {
        let _ = write!(
            s,
            "<tr><td class=\"left\">{}</td><td class=\"match\"><mark class=\"hit\">{}</mark></td><td class=\"right\">{}</td><td class=\"meta\">{}</td><td><a href=\"{}\">{}</a></td></tr>",
            esc(&l.left),
            esc(&l.matched),
            esc(&l.right),
            esc(force_label(l.force.as_deref())),
            esc(&site.paragraph(&l.id)),
            esc(&l.id)
        );
    }
    s.push_str("</table></div>");
    s
}

/// Hits per force and recommendation.
pub fn counts_table(counts: &Counts) -> String {
    let rows = &counts.cells;
    let mut recs: Vec<Option<u32>> = rows.iter().map(|r| r.recommendation).collect();
    recs.sort_by_key(|r| (r.is_none(), r.unwrap_or(0)));
    recs.dedup();
    let mut by_force: Vec<(&str, BTreeMap<Option<u32>, usize>)> = Vec::new();
    for r in rows {
        let name = force_label(r.force.as_deref());
        let at = match by_force.iter().position(|(f, _)| *f == name) {
            Some(at) => at,
            None => {
                by_force.push((name, BTreeMap::new()));
                by_force.len() - 1
            }
        };
        *by_force[at].1.entry(r.recommendation).or_default() += r.hits;
    }
    // By name in any case; "(unattributed)" last, as the count rows are.
    by_force.sort_by(|a, b| a.0.starts_with('(').cmp(&b.0.starts_with('(')).then(crate::model::name_order(a.0, b.0)));
    let mut s = String::from("<div class=\"scroll\"><table class=\"counts\"><tr><th>body</th>");
    for r in &recs {
        let _ = write!(s, "<th class=\"num\">{}</th>", esc(&rec_label(*r)));
    }
    s.push_str("<th class=\"num\">total</th></tr>");
    for (force, cells) in &by_force {
        let _ = write!(s, "<tr><td>{}</td>", esc(force));
        for r in &recs {
            let _ = write!(s, "<td class=\"num\">{}</td>", cells.get(r).copied().unwrap_or(0));
        }
        let once = counts.bodies.iter().find(|b| force_label(b.force.as_deref()) == *force).map_or(0, |b| b.hits);
        let _ = write!(s, "<td class=\"num\">{once}</td></tr>");
    }
    s.push_str("</table></div>");
    s
}

/// A paragraph in its document, and the most similar paragraphs of other bodies side by side.
pub fn paragraph_page(p: &Paragraph, similar: &[Finding], similar_quoted: &Quoted, dates: &Dates) -> String {
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
            s.push_str(&pair(f, similar_quoted, dates, site, n + 1));
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
