//! `echoes reuse`: response wording shared between bodies (or within one body).

use std::io::Write;

use crate::cli::ReuseArgs;
use crate::commands::Context;
use crate::error::{EXIT_NO_MATCH, EXIT_OK};
use crate::render;
use crate::reuse::{self, Options};
use crate::search::resolve_forces;

pub fn run(ctx: &Context, args: &ReuseArgs, out: &mut dyn Write) -> anyhow::Result<u8> {
    let opened = ctx.open_index()?;
    let opts = Options {
        min_words: args.thresholds.min_words,
        min_score: args.thresholds.min_score,
        within: args.within,
        forces: if args.filters.force.is_empty() { Vec::new() } else { resolve_forces(&opened, &args.filters.force)? },
        recommendations: args.filters.rec.clone(),
    };
    // Findings stay with the build they were computed from: a repeated `reuse` reads them.
    let mut spinner = None;
    let findings =
        reuse::stored_findings(&opened, &opts, &args.thresholds.roles(), || spinner = Some(ctx.spinner("comparing")))?;
    if let Some(s) = spinner {
        s.finish_and_clear();
    }
    let mut report = reuse::report(findings, &opts);
    let total = report.findings.len();
    if args.limit > 0 {
        report.findings.truncate(args.limit);
    }
    render::reuse::findings(
        out,
        &report.findings,
        total,
        &report.families,
        args.format.format,
        ctx.width(),
        ctx.painter,
    )?;
    Ok(if report.findings.is_empty() { EXIT_NO_MATCH } else { EXIT_OK })
}
