//! `echoes coverage`: which body answered which recommendation, and who gave no answer.

use std::io::Write;

use crate::cli::CoverageArgs;
use crate::commands::context::Context;
use crate::error::EXIT_OK;
use crate::made;
use crate::render::{self, made::with_made};
use crate::service::Compare;

pub fn run(ctx: &Context, args: &CoverageArgs, out: &mut dyn Write) -> anyhow::Result<u8> {
    let service = ctx.open_service(Compare::default())?;
    let coverage = service.coverage(&args.report.ids, &args.doc.docs)?;
    let filters = made::filters(&[], &[], &args.doc.docs, &[], &args.report.ids);
    let made = ctx.made(&service, args.format.made, "coverage", None, filters)?;
    let format = args.format.format();
    with_made(out, format, made.as_ref(), "coverage", |w| {
        render::coverage::coverage(w, &coverage, format, ctx.painter.width)
    })?;
    Ok(EXIT_OK)
}
