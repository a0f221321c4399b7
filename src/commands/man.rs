//! `echoes man [COMMAND]`: the man page, or one command's (echoes-search(1)), written in roff from
//! the argument definitions.

use std::io::Write;

use anyhow::Context as _;
use clap::CommandFactory;

use crate::cli::{Cli, ManArgs};
use crate::error::EXIT_OK;

pub fn run(args: &ManArgs, out: &mut dyn Write) -> anyhow::Result<u8> {
    let mut cli = Cli::command();
    // Global options are given to each command, so that its page lists them too.
    cli.build();
    let page = match &args.command {
        None => cli,
        Some(name) => {
            let names: Vec<String> =
                cli.get_subcommands().map(|c| c.get_name().to_string()).filter(|n| n != "help").collect();
            let sub = cli
                .find_subcommand(name.trim_start_matches("echoes-"))
                .cloned()
                .with_context(|| format!("no command '{name}' has a man page (commands: {})", names.join(", ")))?;
            let full: &'static str = Box::leak(format!("echoes-{}", sub.get_name()).into_boxed_str());
            sub.name(full).bin_name(full.replace('-', " "))
        }
    };
    clap_mangen::Man::new(page).render(out).context("cannot write the man page")?;
    Ok(EXIT_OK)
}
