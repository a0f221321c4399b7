//! `echoes similar`: the paragraphs of other bodies most like one paragraph or a pasted text.

use std::io::Write;

use crate::cli::SimilarArgs;
use crate::commands::context::Context;
use crate::error::{EXIT_NO_MATCH, EXIT_OK};
use crate::render::{self, made::with_made};
use crate::service::Target;

pub fn run(ctx: &Context, args: &SimilarArgs, out: &mut dyn Write) -> anyhow::Result<u8> {
    let service = ctx.open_service(args.thresholds.compare()?)?;
    // A paragraph named as `show` names it: its document by id, file name or unique prefix.
    let id = match (&args.id, &args.text) {
        (Some(id), None) => Some(service.name_of(id).unwrap_or_else(|_| id.clone())),
        _ => None,
    };
    let target = match (&id, &args.text) {
        (_, Some(text)) => Target::Text(text),
        (Some(id), None) => Target::Paragraph(id),
        (None, None) => anyhow::bail!("give a paragraph id or --text"),
    };
    let found = service.similar(target, args.limit)?;
    let t = &args.thresholds;
    let mut settings = t.settings();
    settings.insert("limit", vec![args.limit.to_string()]);
    settings.extend(id.iter().map(|id| ("id", vec![id.clone()])));
    let made = ctx.made(&service, args.format.made, "similar", args.text.clone(), settings)?;
    let (format, painter) = (args.format.format(), ctx.painter.with_reports(service.several_reports()));
    with_made(out, format, made.as_ref(), "findings", |w| {
        render::reuse::findings(w, &found, found.len(), &[], format, ctx.width(), painter)
    })?;
    Ok(if found.is_empty() { EXIT_NO_MATCH } else { EXIT_OK })
}
