//! `echoes export`: every paragraph with its document's metadata, as NDJSON.

use std::io::Write;

use crate::cli::ExportArgs;
use crate::commands::context::Context;
use crate::error::EXIT_OK;
use crate::output_file;
use crate::render;

pub fn run(ctx: &Context, args: &ExportArgs, out: &mut dyn Write) -> anyhow::Result<u8> {
    if let Some(path) = &args.out {
        ctx.check_output(path)?;
    }
    let opened = ctx.open_index()?;
    let paragraphs = opened.all_paragraphs()?;
    match &args.out {
        Some(path) => {
            let documents = opened.documents()?;
            output_file::write_whole(path, |w| Ok(render::docs::ndjson(w, &paragraphs, documents)?))?;
        }
        None => render::docs::ndjson(out, &paragraphs, opened.documents()?)?,
    }
    Ok(EXIT_OK)
}
