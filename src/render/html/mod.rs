//! HTML: the auditor's report and the pages of the web interface. Self-contained (styles inline, no
//! scripts, fonts or requests), readable printed and at phone width. Every piece of corpus text
//! and user input passes through [`markup::esc`]; nowhere else writes HTML.

mod evidence;
mod figures;
mod heatmap;
mod markup;
mod pages;
mod report;
mod status;
mod web;

pub use markup::esc;
pub use pages::{report, report_files, ReportFiles};
pub use report::wrote;
pub use status::status_page;
pub use web::{
    document_page, documents_page, error_page, paragraph_page, reuse_page, search_page, waiting_page, SearchForm,
    HITS_PER_PAGE,
};
