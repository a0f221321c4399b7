//! The `echoes` command: parse arguments, run, report an error in one line, exit with its code.

use std::process::ExitCode;

use clap::Parser;
use echoes::cli::Cli;
use echoes::error::EXIT_ERROR;

/// Comparing a corpus makes and drops tens of millions of small strings (words, shingles):
/// mimalloc serves them faster than the system allocator (see BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match echoes::commands::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(err) if echoes::commands::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("echoes: {err:#}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}
