//! `echoes export`: the paragraphs a query and filters admit (every paragraph by default), with
//! their documents' metadata, as NDJSON, JSON or CSV; JSON and CSV say how they were made.

use std::io::Write;

use crate::cli::ExportArgs;
use crate::commands::context::Context;
use crate::error::{EXIT_NO_MATCH, EXIT_OK};
use crate::made::{self, Made};
use crate::output_file;
use crate::render;
use crate::search::Filters;
use crate::service::Compare;

pub fn run(ctx: &Context, args: &ExportArgs, out: &mut dyn Write) -> anyhow::Result<u8> {
    if let Some(path) = &args.out {
        ctx.check_output(path)?;
    }
    let roles = args.roles().map_err(anyhow::Error::msg)?;
    let service = ctx.open_service(Compare::default())?;
    let f = &args.filters;
    let filters = Filters {
        forces: f.force.clone(),
        recommendations: f.rec.clone(),
        roles,
        reports: service.report_filter(&f.report.ids)?,
        docs: service.check_docs(&f.doc.docs)?,
    };
    let paragraphs = service.admitted(args.query.as_deref(), args.exact, &filters)?;
    let documents = service.documents()?;
    let made = Made::new(
        "export",
        args.query.clone(),
        made::filters(&f.force, &f.rec, &f.doc.docs, &args.role, &f.report.ids),
        service.corpus_print(&ctx.corpus)?,
    );
    let format = args.format();
    match &args.out {
        Some(path) => {
            output_file::write_whole(path, |w| {
                Ok(render::export::paragraphs(w, &paragraphs, documents, format, &made, args.made)?)
            })?;
            eprintln!("echoes: {}", render::export::wrote(&paragraphs, path));
        }
        None => render::export::paragraphs(out, &paragraphs, documents, format, &made, args.made)?,
    }
    if paragraphs.is_empty() {
        eprintln!("echoes: no paragraph matches");
        return Ok(EXIT_NO_MATCH);
    }
    Ok(EXIT_OK)
}
