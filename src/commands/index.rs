//! `echoes index`: build the paragraph index from the corpus.

use std::io::Write;

use crate::cli::IndexArgs;
use crate::commands::Context;
use crate::corpus;
use crate::error::EXIT_OK;
use crate::index;
use crate::render;

pub fn run(ctx: &Context, args: &IndexArgs, out: &mut dyn Write) -> anyhow::Result<u8> {
    let corpus = corpus::load(&ctx.corpus)?;
    for note in &corpus.notes {
        eprintln!("echoes: warning: {note}");
    }
    let report = index::build(&corpus, &ctx.index, &ctx.progress("indexing"))?;
    render::build::report(out, &report, args.format.format)?;
    Ok(EXIT_OK)
}
