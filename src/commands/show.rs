//! `echoes show`: a document's paragraphs in order, or one paragraph.

use std::io::Write;

use crate::cli::ShowArgs;
use crate::commands::context::Context;
use crate::error::EXIT_OK;
use crate::render::{self, made::with_made};
use crate::service::Compare;

pub fn run(ctx: &Context, args: &ShowArgs, out: &mut dyn Write) -> anyhow::Result<u8> {
    let service = ctx.open_service(Compare::default())?;
    let id = service.name_of(&args.id)?;
    let paragraphs = service.paragraphs_of(&id)?;
    let made = ctx.made(&service, args.format.made, &format!("show {}", args.id), None, Default::default())?;
    let (format, painter) = (args.format.format(), ctx.painter.with_reports(service.several_reports()));
    let doc = service.document(&id)?;
    with_made(out, format, made.as_ref(), "paragraphs", |w| {
        if let Some(doc) = doc {
            render::docs::read_as(w, doc, format, ctx.painter)?;
        }
        render::docs::paragraphs(w, &paragraphs, format, painter)
    })?;
    Ok(EXIT_OK)
}
