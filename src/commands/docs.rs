//! `echoes docs`: one row per document.

use std::io::Write;

use crate::cli::DocsArgs;
use crate::commands::Context;
use crate::error::EXIT_OK;
use crate::render;

pub fn run(ctx: &Context, args: &DocsArgs, out: &mut dyn Write) -> anyhow::Result<u8> {
    let opened = ctx.open_index()?;
    render::docs::documents(out, &opened.meta.documents, args.format.format)?;
    Ok(EXIT_OK)
}
