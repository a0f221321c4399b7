//! `echoes export`: every paragraph with its document's metadata, as NDJSON.

use std::fs::File;
use std::io::{BufWriter, Write};

use anyhow::Context as _;

use crate::cli::ExportArgs;
use crate::commands::context::Context;
use crate::error::EXIT_OK;
use crate::render;

pub fn run(ctx: &Context, args: &ExportArgs, out: &mut dyn Write) -> anyhow::Result<u8> {
    if let Some(path) = &args.out {
        ctx.check_output(path)?;
    }
    let opened = ctx.open_index()?;
    let paragraphs = opened.all_paragraphs()?;
    match &args.out {
        Some(path) => {
            let file = File::create(path).with_context(|| format!("cannot write {}", path.display()))?;
            let mut w = BufWriter::new(file);
            render::docs::ndjson(&mut w, &paragraphs, opened.documents()?)?;
            w.flush().with_context(|| format!("cannot write {}", path.display()))?;
        }
        None => render::docs::ndjson(out, &paragraphs, opened.documents()?)?,
    }
    Ok(EXIT_OK)
}
