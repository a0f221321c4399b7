//! `echoes docs`: one row per document.

use std::io::Write;

use crate::cli::DocsArgs;
use crate::commands::context::Context;
use crate::error::EXIT_OK;
use crate::made;
use crate::render::{self, made::with_made};
use crate::service::Compare;

pub fn run(ctx: &Context, args: &DocsArgs, out: &mut dyn Write) -> anyhow::Result<u8> {
    let service = ctx.open_service(Compare::default())?;
    let reports = service.report_filter(&args.report.ids)?;
    let all = service.documents()?;
    // Copied only when a filter leaves some out.
    let filtered: Vec<_>;
    let documents = if reports.is_empty() {
        all
    } else {
        filtered = all.iter().filter(|d| d.report.as_ref().is_some_and(|r| reports.contains(r))).cloned().collect();
        &filtered[..]
    };
    let documents = if args.doc.docs.is_empty() {
        documents.to_vec()
    } else {
        let docs = service.check_docs(&args.doc.docs)?;
        documents.iter().filter(|d| docs.contains(&d.doc)).cloned().collect()
    };
    let filters = made::filters(&[], &[], &args.doc.docs, &[], &args.report.ids);
    let made = ctx.made(&service, args.format.made, "docs", None, filters)?;
    let (format, reports) = (args.format.format(), &service.opened.meta.reports);
    with_made(out, format, made.as_ref(), "documents", |w| {
        render::docs::documents(w, &documents, reports, format, ctx.painter.width)
    })?;
    Ok(EXIT_OK)
}
