//! `echoes attribute`: which bodies' response text a document shares, ranked with evidence.

use std::io::Write;

use crate::cli::AttributeArgs;
use crate::commands::Context;
use crate::error::{Error, EXIT_NO_MATCH, EXIT_OK};
use crate::render;
use crate::reuse::{Collection, Options};

pub fn run(ctx: &Context, args: &AttributeArgs, out: &mut dyn Write) -> anyhow::Result<u8> {
    let opened = ctx.open_index()?;
    if !opened.meta.documents.iter().any(|d| d.doc == args.doc) {
        return Err(Error::UnknownDocument(args.doc.clone()).into());
    }
    let opts =
        Options { min_words: args.thresholds.min_words, min_score: args.thresholds.min_score, ..Options::default() };
    let collection = Collection::from_index(&opened, opts.min_words, true, &args.thresholds.roles())?;
    let ranked = collection.attribute(&args.doc, &opts);
    render::reuse::attribution(out, &args.doc, &ranked, args.format.format, ctx.width(), ctx.painter)?;
    Ok(if ranked.is_empty() { EXIT_NO_MATCH } else { EXIT_OK })
}
