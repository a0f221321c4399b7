//! Subcommands: thin adapters over [`crate::service`] and the index. Each file turns one
//! subcommand's arguments into calls and hands the results to `render`; none parses text or
//! formats results (`serve` prints only the address it listens on, `add` one line per file it
//! refuses, `init` a few lines on what it wrote, as errors are printed; `man` and `completions`
//! print what clap writes). This module holds what they share, and runs a command again on a
//! rebuilt index when the index was damaged.

pub mod add;
pub mod attribute;
pub mod completions;
pub mod context;
pub mod coverage;
pub mod docs;
pub mod export;
pub mod index;
pub mod init;
pub mod man;
pub mod matrix;
pub mod provenance;
pub mod report;
pub mod reuse;
pub mod search;
pub mod serve;
pub mod show;
pub mod similar;
pub mod status;

use std::io::{self, IsTerminal, Write};

use indicatif::ProgressBar;

use crate::cli::{Cli, ColorChoice, Command};
use crate::corpus::Limits;
use crate::index::{self as idx};
use crate::render::fit::Fit;
use crate::render::{Format, Painter};
pub use context::Context;

/// The message of the last panic of the main thread, taken by [`run`].
static PANIC: std::sync::Mutex<Option<String>> = std::sync::Mutex::new(None);

/// Panics are never shown as Rust's report: the main thread's is kept for [`run`] to explain in
/// one line; another thread's (a request of `serve`) is said in one line, and the server goes on.
fn quiet_panics() {
    std::panic::set_hook(Box::new(|info| {
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown".into());
        if std::thread::current().name() == Some("main") {
            *PANIC.lock().unwrap_or_else(|e| e.into_inner()) = Some(message);
        } else {
            eprintln!("echoes: internal error in a request ({message}); the server goes on");
        }
    }));
}

/// Runs the command line; returns the exit code. A command that fails because the index turns
/// out to be damaged (tantivy panics, or reports an IO error, on garbage in a segment file) is run
/// again once on a rebuilt index: the index is derived data, and rebuilding it loses nothing.
pub fn run(cli: Cli) -> anyhow::Result<u8> {
    quiet_panics();
    let attempt = || std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run_once(&cli)));
    let failure = match attempt() {
        Ok(Ok(code)) => return Ok(code),
        Ok(Err(e)) if !is_index_failure(&e) => return Err(e),
        Ok(Err(e)) => e,
        Err(_) => {
            let message = PANIC.lock().unwrap_or_else(|e| e.into_inner()).take().unwrap_or_default();
            anyhow::anyhow!("internal error: {message}")
        }
    };
    let index = &cli.index_dir();
    if matches!(cli.command, Command::Serve(_)) || !idx::damaged(index) {
        return Err(failure);
    }
    let corpus = crate::corpus::load_with(&cli.corpus, &limits(&cli))?;
    idx::build(&corpus, index, &ProgressBar::hidden())?;
    eprintln!("echoes: the index at {} was damaged; rebuilt it", index.display());
    match attempt() {
        Ok(result) => result,
        Err(_) => {
            let message = PANIC.lock().unwrap_or_else(|e| e.into_inner()).take().unwrap_or_default();
            Err(anyhow::anyhow!("internal error: {message}"))
        }
    }
}

/// Whether an error came from reading the index's files (and so may be damage).
fn is_index_failure(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        matches!(
            c.downcast_ref::<tantivy::TantivyError>(),
            Some(
                tantivy::TantivyError::IoError(_)
                    | tantivy::TantivyError::DataCorruption(_)
                    | tantivy::TantivyError::OpenReadError(_)
                    | tantivy::TantivyError::InternalError(_)
            )
        ) || c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == io::ErrorKind::InvalidData)
    })
}

fn limits(cli: &Cli) -> Limits {
    Limits {
        max_file_bytes: cli.max_file_mb.saturating_mul(1024 * 1024),
        ocr_cache: Some(crate::index::dir::ocr_cache(&cli.index_dir())),
    }
}

/// Runs the command line once.
fn run_once(cli: &Cli) -> anyhow::Result<u8> {
    let color = match cli.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let text = cli.command.format() == Some(Format::Text);
    let width = if text { Context::fit_width() } else { None };
    let ctx = Context {
        corpus: cli.corpus.clone(),
        index: cli.index_dir(),
        limits: limits(cli),
        painter: Painter { color, reports: false, width },
        refresh: !cli.no_refresh,
    };
    let stdout = io::BufWriter::new(io::stdout().lock());
    // Text for a terminal is fitted to its width; into a pipe each record keeps its one line.
    let mut out: Box<dyn Write> = match width {
        Some(w) => Box::new(Fit::new(stdout, w)),
        None => Box::new(stdout),
    };
    let code = match &cli.command {
        Command::Index(args) => index::run(&ctx, args, &mut out)?,
        Command::Search(args) => search::run(&ctx, args, &mut out)?,
        Command::Docs(args) => docs::run(&ctx, args, &mut out)?,
        Command::Show(args) => show::run(&ctx, args, &mut out)?,
        Command::Reuse(args) => reuse::run(&ctx, args, &mut out)?,
        Command::Similar(args) => similar::run(&ctx, args, &mut out)?,
        Command::Matrix(args) => matrix::run(&ctx, args, &mut out)?,
        Command::Coverage(args) => coverage::run(&ctx, args, &mut out)?,
        Command::Status(args) => status::run(&ctx, args, &mut out)?,
        Command::Provenance(args) => provenance::run(&ctx, args, &mut out)?,
        Command::Attribute(args) => attribute::run(&ctx, args, &mut out)?,
        Command::Export(args) => export::run(&ctx, args, &mut out)?,
        Command::Add(args) => add::run(&ctx, args, &mut out)?,
        Command::Report(args) => report::run(&ctx, args, &mut out)?,
        Command::Serve(args) => serve::run(&ctx, args, &mut out)?,
        Command::Init(args) => init::run(&ctx, args, &mut out)?,
        Command::Man(args) => man::run(args, &mut out)?,
        Command::Completions(args) => completions::run(&ctx, args, &mut out)?,
    };
    out.flush()?;
    Ok(code)
}

/// Whether an error is only the reader of our output having gone away (`echoes ... | head`).
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| e.downcast_ref::<io::Error>().is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe))
}
