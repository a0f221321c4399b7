//! `echoes reuse`: response wording shared between bodies (or within one body).

use std::io::Write;

use crate::cli::ReuseArgs;
use crate::commands::context::Context;
use crate::error::{EXIT_NO_MATCH, EXIT_OK};
use crate::render;

pub fn run(ctx: &Context, args: &ReuseArgs, out: &mut dyn Write) -> anyhow::Result<u8> {
    let service = ctx.open_service(args.thresholds.compare()?)?;
    let opts = service.reuse_options(&service.compare, args.within, &args.filters.filters())?;
    // Findings stay with the build they were computed from: a repeated `reuse` reads them.
    let mut spinner = None;
    let mut report = service.reuse(&opts, || spinner = Some(ctx.spinner("comparing")))?;
    if let Some(s) = spinner {
        s.finish_and_clear();
    }
    if args.runs {
        let runs = service.runs(&report);
        render::runs::runs(out, &runs, args.format.format(), ctx.painter)?;
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
        render::passages::passages(
            out,
            &passages,
            total,
            report.findings.len(),
            args.format.format(),
            ctx.painter.with_reports(service.several_reports()),
        )?;
        if args.format.format() == render::Format::Text {
            render::passages::stock(out, &report.stock, ctx.width(), ctx.painter)?;
        }
        return Ok(if passages.is_empty() { EXIT_NO_MATCH } else { EXIT_OK });
    }
    let total = report.findings.len();
    if args.limit > 0 {
        report.findings.truncate(args.limit);
    }
    render::reuse::findings(
        out,
        &report.findings,
        total,
        &report.families,
        args.format.format(),
        ctx.width(),
        ctx.painter.with_reports(service.several_reports()),
    )?;
    if args.format.format() == render::Format::Text {
        render::passages::stock(out, &report.stock, ctx.width(), ctx.painter)?;
    }
    Ok(if report.findings.is_empty() { EXIT_NO_MATCH } else { EXIT_OK })
}
