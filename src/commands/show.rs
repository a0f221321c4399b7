//! `echoes show`: a document's paragraphs in order, or one paragraph.

use std::io::Write;

use crate::cli::ShowArgs;
use crate::commands::context::Context;
use crate::error::EXIT_OK;
use crate::render;
use crate::service::Compare;

pub fn run(ctx: &Context, args: &ShowArgs, out: &mut dyn Write) -> anyhow::Result<u8> {
    let service = ctx.open_service(Compare::default())?;
    let id = service.name_of(&args.id)?;
    let paragraphs = service.paragraphs_of(&id)?;
    if let Some(doc) = service.document(&id)? {
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
