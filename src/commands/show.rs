//! `echoes show`: a document's paragraphs in order, or one paragraph.

use std::io::Write;

use crate::cli::ShowArgs;
use crate::commands::context::Context;
use crate::error::EXIT_OK;
use crate::render;
use crate::service::Compare;

pub fn run(ctx: &Context, args: &ShowArgs, out: &mut dyn Write) -> anyhow::Result<u8> {
    let service = ctx.open_service(Compare::default())?;
    let paragraphs = service.paragraphs_of(&args.id)?;
    if let Some(doc) = service.document(&args.id)? {
        render::docs::read_as(out, doc, args.format.format(), ctx.painter)?;
    }
    render::docs::paragraphs(
        out,
        &paragraphs,
        args.format.format(),
        ctx.painter.with_reports(service.several_reports()),
    )?;
    Ok(EXIT_OK)
}
