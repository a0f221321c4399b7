//! `echoes reuse`: response wording shared between bodies (or within one body).

use std::io::Write;

use crate::cli::ReuseArgs;
use crate::commands::context::Context;
use crate::error::{EXIT_NO_MATCH, EXIT_OK};
use crate::made;
use crate::render::{self, made::with_made};

pub fn run(ctx: &Context, args: &ReuseArgs, out: &mut dyn Write) -> anyhow::Result<u8> {
    let service = ctx.open_service(args.thresholds.compare()?)?;
    let opts = service.reuse_options(&service.compare, args.within, &args.filters.filters())?;
    let (f, t) = (&args.filters, &args.thresholds);
    let mut settings = made::filters(&f.force, &f.rec, &f.doc.docs, &[], &f.report.ids);
    settings.extend(t.settings());
    if args.limit > 0 {
        settings.insert("limit", vec![args.limit.to_string()]);
    }
    let flags =
        [(args.within, " --within"), (args.pairs, " --pairs"), (args.passages, " --passages"), (args.runs, " --runs")];
    let command: String = flags.iter().filter(|(on, _)| *on).fold("reuse".to_string(), |c, (_, flag)| c + flag);
    let made = ctx.made(&service, args.format.made, &command, None, settings)?;
    let format = args.format.format();
    // Text comes in several parts: how it was made goes above them all.
    if let (Some(made), render::Format::Text) = (&made, format) {
        render::made::comments(out, made)?;
    }
    let made = made.as_ref().filter(|_| format != render::Format::Text);
    // Findings stay with the build they were computed from: a repeated `reuse` reads them.
    let mut spinner = None;
    let mut report = service.reuse(&opts, || spinner = Some(ctx.spinner("comparing")))?;
    if let Some(s) = spinner {
        s.finish_and_clear();
    }
    if args.runs {
        let runs = service.runs(&report);
        // Runs are JSON in CSV too.
        let as_made = if format == render::Format::Csv { render::Format::Json } else { format };
        with_made(out, as_made, made, "runs", |w| render::runs::runs(w, &runs, format, ctx.painter))?;
        return Ok(if runs.is_empty() { EXIT_NO_MATCH } else { EXIT_OK });
    }
    if args.show_passages() {
        // The copied runs come first, unless only the passages are asked for.
        if args.format.format() == render::Format::Text && !args.passages {
            render::runs::runs(out, &service.runs(&report), render::Format::Text, ctx.painter)?;
        }
        let mut passages = service.passages(&report)?;
        let total = passages.len();
        if args.limit > 0 {
            passages.truncate(args.limit);
        }
        let painter = ctx.painter.with_reports(service.several_reports());
        let findings = report.findings.len();
        with_made(out, format, made, "passages", |w| {
            render::passages::passages(w, &passages, total, findings, format, painter)
        })?;
        if args.format.format() == render::Format::Text {
            render::passages::stock(out, &report.stock, ctx.width(), ctx.painter)?;
        }
        return Ok(if passages.is_empty() { EXIT_NO_MATCH } else { EXIT_OK });
    }
    let total = report.findings.len();
    if args.limit > 0 {
        report.findings.truncate(args.limit);
    }
    let painter = ctx.painter.with_reports(service.several_reports());
    with_made(out, format, made, "findings", |w| {
        render::reuse::findings(w, &report.findings, total, &report.families, format, ctx.width(), painter)
    })?;
    if args.format.format() == render::Format::Text {
        render::passages::stock(out, &report.stock, ctx.width(), ctx.painter)?;
    }
    Ok(if report.findings.is_empty() { EXIT_NO_MATCH } else { EXIT_OK })
}
