//! `echoes serve`: the local web interface and JSON API, until interrupted.

use std::io::Write;
use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::Context as _;

use crate::cli::ServeArgs;
use crate::commands::context::Context;
use crate::error::EXIT_OK;
use crate::server::{self, App, Hosts, Live};

pub fn run(ctx: &Context, args: &ServeArgs, out: &mut dyn Write) -> anyhow::Result<u8> {
    let mut app = App::new(ctx.open_service(args.thresholds.compare()?)?);
    app.timeout = args.timeout;

    let addr = SocketAddr::new(args.bind, args.port);
    let listener = std::net::TcpListener::bind(addr).with_context(|| format!("cannot listen on {addr}"))?;
    let local = listener.local_addr()?;
    let hosts = Hosts { port: Some(local.port()), public: args.public_host.clone() };
    app.hosts = hosts.clone();
    let app = Arc::new(app);
    if !args.bind.is_loopback() {
        eprintln!(
            "echoes: warning: serving on {} without authentication; anyone who can reach it can read the corpus",
            args.bind
        );
    }
    eprintln!("echoes: serving http://{local}/ (Ctrl-C to stop)");
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

    // `echoes add` or a rebuild while serving: the next request opens the new build, and its
    // reuse pages are gathered again in the background.
    let (dir, compare, timeout) = (ctx.index.clone(), args.thresholds.compare()?, args.timeout);
    let live = Live::following(app, ctx.index.clone(), move || {
        let mut app = App::new(crate::service::Service::new(crate::index::open(&dir)?, compare.clone()));
        app.timeout = timeout;
        app.hosts = hosts.clone();
        let app = Arc::new(app);
        let gathering = Arc::clone(&app);
        std::thread::spawn(move || {
            if let Err(e) = gathering.gather() {
                eprintln!("echoes: the reuse pages are unavailable: {e:#}");
            }
        });
        Ok(app)
    });

    // Until interrupted: Ctrl-C ends the process, as it ends any command (nothing is left half
    // written: findings are stored as a fresh build would store them).
    server::serve(listener, live)?;
    Ok(EXIT_OK)
}
