//! `echoes docs`: one row per document.

use std::io::Write;

use crate::cli::DocsArgs;
use crate::commands::context::Context;
use crate::error::EXIT_OK;
use crate::render;
use crate::service::Compare;

pub fn run(ctx: &Context, args: &DocsArgs, out: &mut dyn Write) -> anyhow::Result<u8> {
    let service = ctx.open_service(Compare::default())?;
    let reports = service.report_filter(&args.report.ids)?;
    let documents: Vec<_> = service
        .documents()?
        .iter()
        .filter(|d| reports.is_empty() || d.report.as_ref().is_some_and(|r| reports.contains(r)))
        .cloned()
        .collect();
    render::docs::documents(out, &documents, &service.opened.meta.reports, args.format.format)?;
    Ok(EXIT_OK)
}
