//! `echoes index`: build the paragraph index from the corpus.

use std::io::Write;

use crate::cli::IndexArgs;
use crate::commands::context::Context;
use crate::corpus;
use crate::error::{Error, EXIT_OK};
use crate::index;
use crate::render::{self, made::with_made};

pub fn run(ctx: &Context, args: &IndexArgs, out: &mut dyn Write) -> anyhow::Result<u8> {
    let corpus = corpus::load_with(&ctx.corpus, &ctx.limits)?;
    render::build::diagnostics(&mut std::io::stderr(), &corpus.notes, &[])?;
    if args.strict && !corpus.skipped.is_empty() {
        render::build::diagnostics(&mut std::io::stderr(), &[], &corpus.skipped)?;
        return Err(Error::Strict(corpus.skipped.len()).into());
    }
    let report = index::build(&corpus, &ctx.index, &ctx.progress("indexing"))?;
    let made = if args.format.made {
        let service = crate::service::Service::new(index::open(&ctx.index)?, crate::service::Compare::default());
        ctx.made(&service, true, "index", None, Default::default())?
    } else {
        None
    };
    let format = args.format.format();
    with_made(out, format, made.as_ref(), "build", |w| render::build::report(w, &report, format))?;
    Ok(EXIT_OK)
}
