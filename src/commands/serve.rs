//! `echoes serve`: the local web interface and JSON API, until interrupted.

use std::io::Write;
use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::Context as _;

use crate::cli::ServeArgs;
use crate::commands::context::Context;
use crate::error::EXIT_OK;
use crate::server::{self, App, Hosts};

pub fn run(ctx: &Context, args: &ServeArgs, out: &mut dyn Write) -> anyhow::Result<u8> {
    let mut app = App::new(ctx.open_service(args.thresholds.compare()?)?);
    app.timeout = args.timeout;

    let addr = SocketAddr::new(args.bind, args.port);
    let listener = std::net::TcpListener::bind(addr).with_context(|| format!("cannot listen on {addr}"))?;
    listener.set_nonblocking(true)?;
    let local = listener.local_addr()?;
    app.hosts = Hosts { port: Some(local.port()), public: args.public_host.clone() };
    let app = Arc::new(app);
    if !args.bind.is_loopback() {
        eprintln!(
            "echoes: warning: serving on {} without authentication; anyone who can reach it can read the corpus",
            args.bind
        );
    }
    writeln!(out, "echoes: serving http://{local}/ (Ctrl-C to stop)")?;
    out.flush()?;

    // Searches are answered at once; the reuse pages once the overview is gathered, in the
    // background (read from the results stored with the index when there are).
    let gathering = Arc::clone(&app);
    let spinner = ctx.spinner("comparing (search is ready)");
    std::thread::spawn(move || {
        if let Err(e) = gathering.gather() {
            eprintln!("echoes: the reuse pages are unavailable: {e:#}");
        }
        spinner.finish_and_clear();
    });

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
