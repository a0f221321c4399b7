//! `echoes report`: the auditor's report, one self-contained HTML file, or at scale a main file
//! with linked pages in a folder beside it.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context as _};

use crate::cli::ReportArgs;
use crate::commands::context::Context;
use crate::error::EXIT_OK;
use crate::overview;
use crate::render;

/// Marks a folder of report pages as echoes' own: only such a folder is written into or cleared.
const MARKER: &str = ".echoes-report";

pub fn run(ctx: &Context, args: &ReportArgs, out: &mut dyn Write) -> anyhow::Result<u8> {
    // Checked before anything is built: the report, and the folder of pages beside it.
    ctx.check_output(&args.out)?;
    ctx.check_output(&pages_folder(&args.out))?;
    let service = ctx.open_service(args.thresholds.compare()?)?;
    let spinner = ctx.spinner("comparing");
    let overview = overview::gather(&service)?;
    let title = args.title.clone().unwrap_or_else(|| "Reuse of wording across responses".to_string());
    let main = args.out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "report.html".into());
    let folder = pages_folder(&args.out);
    let folder_name = folder.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut files = render::html::report_files(&overview, &title, &main, &folder_name, (args.max_mb * 1e6) as usize);
    let t = &args.thresholds;
    let settings = t.settings();
    let made = crate::made::Made::new("report", None, settings, service.corpus_print(&ctx.corpus)?);
    files.main = render::html::with_made(files.main, &made);
    spinner.finish_and_clear();
    if files.pages.is_empty() {
        clear_pages(&folder, true)?;
    } else {
        if folder.exists() && !folder.join(MARKER).exists() {
            bail!(
                "{} exists and was not written by echoes; the report's pages go there (move it, or give --out another name)",
                folder.display()
            );
        }
        fs::create_dir_all(&folder).with_context(|| format!("cannot create {}", folder.display()))?;
        clear_pages(&folder, false)?;
        fs::write(folder.join(MARKER), "pages of an echoes report; echoes rewrites this folder\n")
            .with_context(|| format!("cannot write in {}", folder.display()))?;
        for (name, html) in &files.pages {
            let path = folder.join(name);
            fs::write(&path, html).with_context(|| format!("cannot write {}", path.display()))?;
        }
    }
    crate::output_file::write_whole(&args.out, |w| Ok(w.write_all(files.main.as_bytes())?))?;
    render::html::wrote(out, &args.out, &overview)?;
    if !files.pages.is_empty() {
        writeln!(out, "and {} linked pages in {}", files.pages.len(), folder.display())?;
    }
    Ok(EXIT_OK)
}

/// The folder of pages beside a report: `report_files` for `report.html`.
fn pages_folder(out: &Path) -> PathBuf {
    let stem = out.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "report".into());
    out.with_file_name(format!("{stem}_files"))
}

/// Removes the pages an earlier report wrote in `folder` (only if echoes made it), and with
/// `all` the marker and the folder too, when it is left empty.
fn clear_pages(folder: &Path, all: bool) -> anyhow::Result<()> {
    if !folder.join(MARKER).is_file() {
        return Ok(());
    }
    let entries = fs::read_dir(folder).with_context(|| format!("cannot read {}", folder.display()))?;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let ours =
            ["documents-", "passages-", "within-"].iter().any(|p| name.starts_with(p)) && name.ends_with(".html");
        if ours && entry.file_type().is_ok_and(|t| t.is_file()) {
            fs::remove_file(entry.path()).with_context(|| format!("cannot remove {}", entry.path().display()))?;
        }
    }
    if all {
        fs::remove_file(folder.join(MARKER))
            .with_context(|| format!("cannot remove the marker in {}", folder.display()))?;
        // Left in place if the user put anything else there.
        let _ = fs::remove_dir(folder);
    }
    Ok(())
}
