//! `echoes provenance`: each document's words as its body's own, shared, stock, quoted or furniture.

use std::io::Write;

use crate::cli::ProvenanceArgs;
use crate::commands::context::Context;
use crate::error::EXIT_OK;
use crate::render;

pub fn run(ctx: &Context, args: &ProvenanceArgs, out: &mut dyn Write) -> anyhow::Result<u8> {
    let service = ctx.open_service(args.thresholds.compare()?)?;
    let mut named: Vec<String> = args.doc.iter().cloned().collect();
    named.extend(args.docs.docs.iter().cloned());
    let docs = service.check_docs(&named)?;
    let spinner = ctx.spinner("comparing");
    let found = service.provenance(&docs);
    spinner.finish_and_clear();
    render::provenance::provenance(out, &found?, args.format.format(), ctx.painter.width)?;
    Ok(EXIT_OK)
}
