//! `echoes attribute`: which bodies' response text a document shares, ranked with evidence.

use std::io::Write;

use crate::cli::AttributeArgs;
use crate::commands::context::Context;
use crate::error::{EXIT_NO_MATCH, EXIT_OK};
use crate::render;

pub fn run(ctx: &Context, args: &AttributeArgs, out: &mut dyn Write) -> anyhow::Result<u8> {
    let service = ctx.open_service(args.thresholds.compare()?)?;
    let doc = crate::search::docname::resolve(service.documents()?, &args.doc)?;
    let ranked = service.attribute(&doc)?;
    render::reuse::attribution(
        out,
        &doc,
        &ranked,
        args.format.format(),
        ctx.width(),
        ctx.painter.with_reports(service.several_reports()),
    )?;
    Ok(if ranked.is_empty() { EXIT_NO_MATCH } else { EXIT_OK })
}
