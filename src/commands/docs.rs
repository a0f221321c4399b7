//! `echoes docs`: one row per document.

use std::io::Write;

use crate::cli::DocsArgs;
use crate::commands::context::Context;
use crate::error::EXIT_OK;
use crate::render;
use crate::service::Compare;

pub fn run(ctx: &Context, args: &DocsArgs, out: &mut dyn Write) -> anyhow::Result<u8> {
    let service = ctx.open_service(Compare::default())?;
    render::docs::documents(out, service.documents()?, args.format.format)?;
    Ok(EXIT_OK)
}
