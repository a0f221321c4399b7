//! `echoes matrix`: body × body shares of response text.

use std::io::Write;

use crate::cli::MatrixArgs;
use crate::commands::context::Context;
use crate::error::EXIT_OK;
use crate::render;

pub fn run(ctx: &Context, args: &MatrixArgs, out: &mut dyn Write) -> anyhow::Result<u8> {
    let service = ctx.open_service(args.thresholds.compare()?)?;
    let mut spinner = None;
    let matrix = service.matrix(&args.report.ids, || spinner = Some(ctx.spinner("comparing")))?;
    let bodies = crate::provenance::by_body(&service.provenance(&[])?);
    if let Some(s) = spinner {
        s.finish_and_clear();
    }
    render::reuse::matrix(out, &matrix, &bodies, args.format.format(), ctx.painter.width)?;
    Ok(EXIT_OK)
}
