//! `echoes coverage`: which body answered which recommendation, and who gave no answer.

use std::io::Write;

use crate::cli::CoverageArgs;
use crate::commands::context::Context;
use crate::error::EXIT_OK;
use crate::render;
use crate::service::Compare;

pub fn run(ctx: &Context, args: &CoverageArgs, out: &mut dyn Write) -> anyhow::Result<u8> {
    let service = ctx.open_service(Compare::default())?;
    let coverage = service.coverage(&args.report.ids, &args.doc.docs)?;
    render::coverage::coverage(out, &coverage, args.format.format(), ctx.painter.width)?;
    Ok(EXIT_OK)
}
