//! `echoes provenance`: each document's words as its body's own, shared, stock, quoted or furniture.

use std::io::Write;

use crate::cli::ProvenanceArgs;
use crate::commands::context::Context;
use crate::error::EXIT_OK;
use crate::made;
use crate::render::{self, made::with_made};

pub fn run(ctx: &Context, args: &ProvenanceArgs, out: &mut dyn Write) -> anyhow::Result<u8> {
    let service = ctx.open_service(args.thresholds.compare()?)?;
    let mut named: Vec<String> = args.doc.iter().cloned().collect();
    named.extend(args.docs.docs.iter().cloned());
    let docs = service.check_docs(&named)?;
    let spinner = ctx.spinner("comparing");
    let found = service.provenance(&docs);
    spinner.finish_and_clear();
    let found = found?;
    let t = &args.thresholds;
    let mut settings = made::filters(&[], &[], &named, &[], &[]);
    settings.extend(t.settings());
    let made = ctx.made(&service, args.format.made, "provenance", None, settings)?;
    let format = args.format.format();
    with_made(out, format, made.as_ref(), "documents", |w| {
        render::provenance::provenance(w, &found, format, ctx.painter.width)
    })?;
    Ok(EXIT_OK)
}
