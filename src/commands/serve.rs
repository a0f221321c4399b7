//! `echoes serve`: the local web interface and JSON API, until interrupted.

use std::io::Write;
use std::net::SocketAddr;

use anyhow::Context as _;

use crate::cli::ServeArgs;
use crate::commands::Context;
use crate::error::EXIT_OK;
use crate::overview;
use crate::reuse::Collection;
use crate::server::{self, App};

pub fn run(ctx: &Context, args: &ServeArgs, out: &mut dyn Write) -> anyhow::Result<u8> {
    let opened = ctx.open_index()?;
    let (min_words, min_score) = (args.thresholds.min_words, args.thresholds.min_score);
    let roles = args.thresholds.roles();
    let spinner = ctx.spinner("comparing, before serving");
    let overview = overview::gather(&opened, min_words, min_score, &roles)?;
    let similar = Collection::from_index(&opened, min_words, true, &roles)?;
    spinner.finish_and_clear();
    let app = App::new(opened, overview, similar, min_words, min_score, roles);

    let addr = SocketAddr::new(args.bind, args.port);
    let listener = std::net::TcpListener::bind(addr).with_context(|| format!("cannot listen on {addr}"))?;
    listener.set_nonblocking(true)?;
    let local = listener.local_addr()?;
    if !args.bind.is_loopback() {
        eprintln!(
            "echoes: warning: serving on {} without authentication; anyone who can reach it can read the corpus",
            args.bind
        );
    }
    writeln!(out, "echoes: serving http://{local}/ (Ctrl-C to stop)")?;
    out.flush()?;

    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener)?;
        server::serve(listener, server::router(app), async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
    })?;
    Ok(EXIT_OK)
}
