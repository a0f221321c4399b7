//! HTML: the auditor's report and the pages of the web interface. Self-contained (styles inline, no
//! scripts, fonts or requests), readable printed and at phone width. Every piece of corpus text
//! and user input passes through [`markup::esc`]; nowhere else writes HTML.

mod evidence;
mod figures;
mod front;
mod heatmap;
mod markup;
mod pages;
mod report;
mod status;
mod web;

pub use markup::esc;

/// A page with a footer saying how it was made (version, command, settings, when, corpus and its
/// fingerprint), put before the end of its `<main>`.
pub fn with_made(html: String, made: &crate::made::Made) -> String {
    let items: String = made.lines().iter().map(|l| format!("<li>{}</li>", esc(l))).collect();
    let footer = format!("<footer id=\"made\"><h2>How this report was made</h2><ul>{items}</ul></footer>\n");
    match html.rfind("</main>") {
        Some(at) => format!("{}{footer}{}", &html[..at], &html[at..]),
        None => html + &footer,
    }
}
pub use pages::{report, report_files, ReportFiles};
pub use report::wrote;
pub use status::status_page;
pub use web::{
    document_page, documents_page, error_page, paragraph_page, reuse_page, search_page, waiting_page, Front,
    SearchForm, HITS_PER_PAGE,
};
