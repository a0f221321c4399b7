//! `echoes search`: find paragraphs, grouped by force, or count them per force and recommendation.

use std::io::Write;
use std::path::Path;

use anyhow::Context as _;

use crate::cli::SearchArgs;
use crate::commands::context::Context;
use crate::error::{EXIT_NO_MATCH, EXIT_OK};
use crate::made::{self, Made};
use crate::render::{self, made::with_made, Format};
use crate::search::batch::{self, NamedQuery, QueryCounts};
use crate::search::{kwic, Filters, SearchOptions};
use crate::service::{Compare, Service};

pub fn run(ctx: &Context, args: &SearchArgs, out: &mut dyn Write) -> anyhow::Result<u8> {
    let roles = args.roles().map_err(anyhow::Error::msg)?;
    // Read before the index is opened: a missing file is said at once.
    let batch = match &args.queries {
        Some(path) => Some(read_queries(path)?),
        None => None,
    };
    let service = ctx.open_service(Compare::default())?;
    let format = args.format.format();
    let opts = SearchOptions {
        query: args.query.clone().unwrap_or_default(),
        exact: args.exact,
        fuzzy: args.fuzzy,
        filters: Filters {
            forces: args.filters.force.clone(),
            recommendations: args.filters.rec.clone(),
            roles,
            reports: service.report_filter(&args.filters.report.ids)?,
            docs: service.check_docs(&args.filters.doc.docs)?,
        },
        limit: if args.limit == 0 { None } else { Some(args.limit) },
        deadline: None,
    };
    if let (Some(queries), Some(path)) = (batch, &args.queries) {
        return run_batch(ctx, args, &service, &opts, &queries, path, out);
    }
    let painter = ctx.painter.with_reports(service.several_reports());
    let f = &args.filters;
    let mut filters = made::filters(&f.force, &f.rec, &f.doc.docs, &args.role, &f.report.ids);
    if args.limit != 50 && !args.count {
        filters.insert("limit", vec![args.limit.to_string()]);
    }
    let flags = [(args.count, " --count"), (args.kwic, " --kwic"), (args.exact, " --exact"), (args.fuzzy, " --fuzzy")];
    let command: String = flags.iter().filter(|(on, _)| *on).fold("search".to_string(), |c, (_, flag)| c + flag);
    let made = ctx.made(&service, args.format.made, &command, args.query.clone(), filters)?;
    let made = made.as_ref();
    let found = if args.count {
        let counts = service.count(&opts)?;
        with_made(out, format, made, "counts", |w| render::search::counts(w, &counts, format, painter.width))?;
        !counts.is_empty()
    } else {
        let hits = service.search(&opts)?;
        // Cut at the limit: how many there are in all, said under text and on stderr otherwise.
        let total = match opts.limit {
            Some(limit) if hits.len() >= limit => Some(service.total(&opts)?).filter(|&t| t > hits.len()),
            _ => None,
        };
        if args.kwic {
            // Context enough for the widest view and for sorting; the view cuts it to its width.
            let wide = if format == Format::Text { kwic::MAX_WIDTH.min(200) } else { kwic::DEFAULT_WIDTH };
            let mut lines = kwic::concordance(&hits, args.width.unwrap_or(wide));
            kwic::sort(&mut lines, &args.sort);
            with_made(out, format, made, "lines", |w| {
                render::search::concordance(w, &lines, args.width, format, painter)
            })?;
            if let Some(total) = total {
                eprintln!("echoes: {}", render::search::cut_notice(hits.len(), total, "paragraph"));
            }
        } else {
            with_made(out, format, made, "hits", |w| render::search::hits(w, &hits, total, format, painter))?;
            if let (Some(total), false) = (total, format == Format::Text) {
                eprintln!("echoes: {}", render::search::cut_notice(hits.len(), total, "hit"));
            }
        }
        !hits.is_empty()
    };
    if !found {
        nothing_found(&service, &opts);
    }
    Ok(if found { EXIT_OK } else { EXIT_NO_MATCH })
}

/// The queries of a queries file, or an error naming the file.
fn read_queries(path: &Path) -> anyhow::Result<Vec<NamedQuery>> {
    let text = std::fs::read(path).with_context(|| format!("cannot read the queries file {}", path.display()))?;
    let queries = batch::parse_queries(&String::from_utf8_lossy(&text));
    if queries.is_empty() {
        anyhow::bail!("{} holds no query (one a line; `#` lines are comments)", path.display());
    }
    Ok(queries)
}

/// Counts each query of a batch per body and recommendation, with the filters of the command
/// line; a query that cannot be run is named by its line.
fn run_batch(
    ctx: &Context,
    args: &SearchArgs,
    service: &Service,
    opts: &SearchOptions,
    queries: &[NamedQuery],
    path: &Path,
    out: &mut dyn Write,
) -> anyhow::Result<u8> {
    let mut counted = Vec::with_capacity(queries.len());
    for q in queries {
        let one = SearchOptions { query: q.query.clone(), ..opts.clone() };
        let counts = service.count(&one).with_context(|| format!("{}, line {}", path.display(), q.line))?;
        counted.push(QueryCounts { name: q.name.clone(), query: q.query.clone(), counts });
    }
    let f = &args.filters;
    let made = Made {
        queries_file: Some(path.display().to_string()),
        ..Made::new(
            "search --queries",
            None,
            made::filters(&f.force, &f.rec, &f.doc.docs, &args.role, &f.report.ids),
            service.corpus_print(&ctx.corpus)?,
        )
    };
    render::batch::counts(out, &counted, args.format.format(), &made, ctx.painter.width)?;
    Ok(if counted.iter().any(|q| !q.counts.is_empty()) { EXIT_OK } else { EXIT_NO_MATCH })
}

/// Says on stderr that nothing matched, with the nearest spelling the index holds of any word of
/// the query that no paragraph holds.
fn nothing_found(service: &Service, opts: &SearchOptions) {
    let near = service.suggest(&opts.query).unwrap_or_default();
    let hint = render::search::suggestion(&near, opts.fuzzy);
    eprintln!("echoes: no paragraph matches{hint}");
}
