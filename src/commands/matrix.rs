//! `echoes matrix`: body × body shares of response text.

use std::io::Write;

use crate::cli::MatrixArgs;
use crate::commands::Context;
use crate::error::EXIT_OK;
use crate::render;
use crate::reuse::{Collection, Options};

pub fn run(ctx: &Context, args: &MatrixArgs, out: &mut dyn Write) -> anyhow::Result<u8> {
    let opened = ctx.open_index()?;
    let opts =
        Options { min_words: args.thresholds.min_words, min_score: args.thresholds.min_score, ..Options::default() };
    let collection = Collection::from_index(&opened, opts.min_words, false, &args.thresholds.roles())?;
    let spinner = ctx.spinner("comparing");
    let report = collection.reuse(&opts);
    spinner.finish_and_clear();
    render::reuse::matrix(out, &collection.matrix(&report.findings), args.format.format)?;
    Ok(EXIT_OK)
}
