//! `echoes attribute`: which bodies' response text a document shares, ranked with evidence.

use std::io::Write;

use crate::cli::AttributeArgs;
use crate::commands::context::Context;
use crate::error::{EXIT_NO_MATCH, EXIT_OK};
use crate::made;
use crate::render::{self, made::with_made};

pub fn run(ctx: &Context, args: &AttributeArgs, out: &mut dyn Write) -> anyhow::Result<u8> {
    let service = ctx.open_service(args.thresholds.compare()?)?;
    let doc = crate::search::docname::resolve(service.documents()?, &args.doc)?;
    let ranked = service.attribute(&doc)?;
    let t = &args.thresholds;
    let mut settings = made::filters(&[], &[], std::slice::from_ref(&args.doc), &[], &[]);
    settings.extend(t.settings());
    let made = ctx.made(&service, args.format.made, "attribute", None, settings)?;
    let (format, painter) = (args.format.format(), ctx.painter.with_reports(service.several_reports()));
    with_made(out, format, made.as_ref(), "bodies", |w| {
        render::reuse::attribution(w, &doc, &ranked, format, ctx.width(), painter)
    })?;
    Ok(if ranked.is_empty() { EXIT_NO_MATCH } else { EXIT_OK })
}
