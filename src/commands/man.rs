//! `echoes man`: the man page, written in roff from the argument definitions.

use std::io::Write;

use anyhow::Context as _;
use clap::CommandFactory;

use crate::cli::Cli;
use crate::error::EXIT_OK;

pub fn run(out: &mut dyn Write) -> anyhow::Result<u8> {
    clap_mangen::Man::new(Cli::command()).render(out).context("cannot write the man page")?;
    Ok(EXIT_OK)
}
