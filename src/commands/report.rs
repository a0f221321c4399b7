//! `echoes report`: the auditor's report, one self-contained HTML file.

use std::fs;
use std::io::Write;

use anyhow::Context as _;

use crate::cli::ReportArgs;
use crate::commands::context::Context;
use crate::error::EXIT_OK;
use crate::overview;
use crate::render;

pub fn run(ctx: &Context, args: &ReportArgs, out: &mut dyn Write) -> anyhow::Result<u8> {
    let service = ctx.open_service(args.thresholds.compare()?)?;
    let spinner = ctx.spinner("comparing");
    let overview = overview::gather(&service)?;
    let title = args.title.clone().unwrap_or_else(|| "Reuse of wording across responses".to_string());
    let html = render::html::report(&overview, &title);
    spinner.finish_and_clear();
    fs::write(&args.out, html).with_context(|| format!("cannot write {}", args.out.display()))?;
    render::html::wrote(out, &args.out, &overview)?;
    Ok(EXIT_OK)
}
