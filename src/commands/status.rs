//! `echoes status`: what each body says it has done on each recommendation, with the sentence
//! that says it.

use std::io::Write;

use crate::cli::StatusArgs;
use crate::commands::context::Context;
use crate::error::{EXIT_NO_MATCH, EXIT_OK};
use crate::made;
use crate::render::{self, made::with_made};
use crate::service::Compare;

pub fn run(ctx: &Context, args: &StatusArgs, out: &mut dyn Write) -> anyhow::Result<u8> {
    let service = ctx.open_service(Compare::default())?;
    let filters = &args.filters;
    let bodies = service.resolve_bodies(&filters.force)?;
    let mut grids = service.status(&filters.report.ids, &filters.doc.docs, &bodies)?;
    for grid in &mut grids {
        grid.keep(&filters.rec, &args.status);
    }
    let mut settings = made::filters(&filters.force, &filters.rec, &filters.doc.docs, &[], &filters.report.ids);
    settings.extend(
        (!args.status.is_empty()).then(|| ("status", args.status.iter().map(|s| s.as_str().to_string()).collect())),
    );
    let made = ctx.made(&service, args.format.made, "status", None, settings)?;
    let format = args.format.format();
    with_made(out, format, made.as_ref(), "status", |w| render::status::status(w, &grids, format, ctx.painter.width))?;
    Ok(if grids.iter().any(|g| !g.cells.is_empty()) { EXIT_OK } else { EXIT_NO_MATCH })
}
