//! `echoes matrix`: body × body shares of response text.

use std::io::Write;

use crate::cli::MatrixArgs;
use crate::commands::context::Context;
use crate::error::EXIT_OK;
use crate::made;
use crate::render::{self, made::with_made};

pub fn run(ctx: &Context, args: &MatrixArgs, out: &mut dyn Write) -> anyhow::Result<u8> {
    let service = ctx.open_service(args.thresholds.compare()?)?;
    let mut spinner = None;
    let matrix = service.matrix(&args.report.ids, || spinner = Some(ctx.spinner("comparing")))?;
    let bodies = crate::provenance::by_body(&service.provenance(&[])?);
    if let Some(s) = spinner {
        s.finish_and_clear();
    }
    let t = &args.thresholds;
    let mut settings = made::filters(&[], &[], &[], &[], &args.report.ids);
    settings.extend(t.settings());
    let made = ctx.made(&service, args.format.made, "matrix", None, settings)?;
    let format = args.format.format();
    with_made(out, format, made.as_ref(), "matrix", |w| {
        render::reuse::matrix(w, &matrix, &bodies, format, ctx.painter.width)
    })?;
    Ok(EXIT_OK)
}
