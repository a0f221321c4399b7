//! `echoes search`: find paragraphs, grouped by force, or count them per force and recommendation.

use std::io::Write;

use crate::cli::SearchArgs;
use crate::commands::context::Context;
use crate::error::{EXIT_NO_MATCH, EXIT_OK};
use crate::render;
use crate::search::{Filters, SearchOptions};
use crate::service::Compare;

pub fn run(ctx: &Context, args: &SearchArgs, out: &mut dyn Write) -> anyhow::Result<u8> {
    let roles = args.roles().map_err(anyhow::Error::msg)?;
    let service = ctx.open_service(Compare::default())?;
    let opts = SearchOptions {
        query: args.query.clone(),
        exact: args.exact,
        fuzzy: args.fuzzy,
        filters: Filters {
            forces: args.filters.force.clone(),
            recommendations: args.filters.rec.clone(),
            roles,
            reports: service.report_filter(&args.filters.report.ids)?,
        },
        limit: if args.limit == 0 { None } else { Some(args.limit) },
        deadline: None,
    };
    let found = if args.count {
        let counts = service.count(&opts)?;
        render::search::counts(out, &counts, args.format.format)?;
        !counts.is_empty()
    } else if args.kwic {
        let lines = crate::search::kwic::concordance(&service.search(&opts)?, args.width);
        render::search::concordance(
            out,
            &lines,
            args.width,
            args.format.format,
            ctx.painter.with_reports(service.several_reports()),
        )?;
        !lines.is_empty()
    } else {
        let hits = service.search(&opts)?;
        render::search::hits(out, &hits, args.format.format, ctx.painter.with_reports(service.several_reports()))?;
        !hits.is_empty()
    };
    Ok(if found { EXIT_OK } else { EXIT_NO_MATCH })
}
