//! `echoes index`: build the paragraph index from the corpus.

use std::io::Write;

use crate::cli::IndexArgs;
use crate::commands::context::Context;
use crate::corpus;
use crate::error::{Error, EXIT_OK};
use crate::index;
use crate::render;

pub fn run(ctx: &Context, args: &IndexArgs, out: &mut dyn Write) -> anyhow::Result<u8> {
    let corpus = corpus::load_with(&ctx.corpus, &ctx.limits)?;
    render::build::diagnostics(&mut std::io::stderr(), &corpus.notes, &[])?;
    if args.strict && !corpus.skipped.is_empty() {
        render::build::diagnostics(&mut std::io::stderr(), &[], &corpus.skipped)?;
        return Err(Error::Strict(corpus.skipped.len()).into());
    }
    let report = index::build(&corpus, &ctx.index, &ctx.progress("indexing"))?;
    render::build::report(out, &report, args.format.format())?;
    Ok(EXIT_OK)
}
