//! The local web interface and its JSON API: routes, parameters, limits. Read-only over one open
//! index; pages are rendered by `render::html`, JSON and CSV by the same renderers as the CLI.

use std::sync::OnceLock;
use std::time::Duration;

use crate::overview::{self, Overview, Quoted};
use crate::render::Format;
use crate::render::{self, html, Painter};
use crate::search::SearchOptions;
use crate::service::{Service, Target};
pub use connections::{HEADER_TIMEOUT, MAX_CONNECTIONS};

mod answer;
mod connections;
mod http;
mod limits;
mod live;
mod params;
mod pool;
mod watchdog;

use answer::{api_error, params, rendered};
pub use answer::{Answer, Json, Page};
pub use http::{Request, Response, MAX_HEAD_BYTES, MAX_URI_BYTES};
use limits::Guard;
pub use limits::Hosts;
pub use live::Live;

pub use limits::{CSP, REQUEST_TIMEOUT};
use params::list;
pub use params::{Params, MAX_HITS};

/// What every request reads: the service, and the overview of reuse once it is gathered.
pub struct App {
    pub service: Service,
    overview: OnceLock<Overview>,
    /// Longest a request may take (see [`REQUEST_TIMEOUT`]).
    pub timeout: Duration,
    /// The `Host` names answered (any other is refused: see [`Hosts`]).
    pub hosts: Hosts,
    /// Held while reuse is computed at thresholds a client chose: each such comparison reads every
    /// paragraph anew (about 2 GB at a million paragraphs), so one runs at a time, however many
    /// clients ask, and a request waiting behind the same thresholds finds them stored. A request
    /// waits for it only within its own time limit, then answers busy: no queue of comparisons
    /// for clients long gone.
    comparing: std::sync::Mutex<()>,
}

impl App {
    /// An app answering searches at once; pages built on the overview wait for [`App::gather`].
    pub fn new(service: Service) -> App {
        App {
            service,
            overview: OnceLock::new(),
            timeout: REQUEST_TIMEOUT,
            hosts: Hosts::default(),
            comparing: std::sync::Mutex::new(()),
        }
    }

    /// Gathers the overview (from the findings stored with the index when there are), for the
    /// pages that show it.
    pub fn gather(&self) -> anyhow::Result<()> {
        let overview = overview::gather(&self.service)?;
        let _ = self.overview.set(overview);
        Ok(())
    }

    fn overview(&self) -> Option<&Overview> {
        self.overview.get()
    }
}

/// Serves the current build of the index on `listener` for good, each request reading one build
/// (see [`connections::serve`] for connections, [`limits::guard`] for what every request passes,
/// [`watchdog`] for its time).
pub fn serve(listener: std::net::TcpListener, live: Live<App>) -> std::io::Result<()> {
    let first = live.current();
    let guard = Guard { timeout: first.timeout, hosts: first.hosts.clone() };
    let watchdog = watchdog::Watchdog::start(guard.timeout, limits::timed_out)?;
    connections::serve(listener, watchdog, move |req| limits::guard(&guard, req, |req| handle(&live.current(), req)))
}

/// The answer of the route the request's path names (a page saying so when none does), without
/// the guard: tests drive the routes with it, no socket needed. HEAD is answered as GET.
pub fn handle(app: &App, req: &Request) -> Response {
    route(app, req).unwrap_or_else(|refused| refused)
}

fn route(app: &App, req: &Request) -> Result<Response, Response> {
    let path = req.path();
    Ok(match path {
        "/" => search_page(app, &params::<Page>(req)?),
        "/reuse" => reuse_page(app, &params::<Page>(req)?),
        "/docs" => documents_page(app, &params::<Page>(req)?),
        "/status" => status_page(app),
        "/api/search" => api_search(app, &params::<Json>(req)?),
        "/api/similar" => api_similar(app, &params::<Json>(req)?),
        "/api/reuse" => api_reuse(app, &params::<Json>(req)?),
        "/api/matrix" => api_matrix(app, &params::<Json>(req)?),
        "/api/docs" => api_docs(app),
        _ => {
            if let Some(doc) = segment(path, "/doc/")? {
                document_page(app, &doc, &params::<Page>(req)?)
            } else if let Some(id) = segment(path, "/p/")? {
                paragraph_page(app, &id)
            } else if let Some(id) = segment(path, "/api/paragraph/")? {
                api_paragraph(app, &id)
            } else if let Some(id) = segment(path, "/api/similar/")? {
                similar_json(app, Target::Paragraph(&id), params::<Json>(req)?.limit(10))
            } else {
                Response::html(404, html::error_page("No such page."))
            }
        }
    })
}

/// The one path segment after `prefix`, percent-decoded; `None` when the path is not `prefix`
/// and one segment (another route, or none).
fn segment(path: &str, prefix: &str) -> Result<Option<String>, Response> {
    let Some(raw) = path.strip_prefix(prefix).filter(|s| !s.is_empty() && !s.contains('/')) else { return Ok(None) };
    match percent_encoding::percent_decode_str(raw).decode_utf8() {
        Ok(decoded) => Ok(Some(decoded.into_owned())),
        Err(_) => Err(Response::text(400, format!("Invalid URL: `{raw}` is not UTF-8 once decoded\n"))),
    }
}

/// The search the parameters ask for, as the CLI would run it; errors are messages a user reads.
fn search_options(app: &App, p: &Params, limit: usize) -> Result<SearchOptions, String> {
    Ok(SearchOptions {
        // The request's own time limit: past it the client has its 503, and the search stops.
        deadline: Some(std::time::Instant::now() + app.timeout),
        query: p.q.clone().unwrap_or_default(),
        exact: p.exact.unwrap_or(false),
        fuzzy: p.fuzzy.unwrap_or(false),
        filters: p.filters()?,
        limit: Some(limit),
    })
}

fn search_page(app: &App, p: &Params) -> Response {
    let form = html::SearchForm {
        query: p.q.clone().unwrap_or_default(),
        force: p.force.clone().unwrap_or_default(),
        rec: p.rec.clone().unwrap_or_default(),
        role: p.role.clone().unwrap_or_default(),
        report: p.report.clone().unwrap_or_default(),
        page: p.page,
        per_page: p.limit(html::HITS_PER_PAGE),
        kwic: p.view.as_deref() == Some("kwic"),
    };
    // The form's choices; an index whose documents cannot be read still searches.
    let forces = app.service.forces().unwrap_or_default();
    let recs: std::collections::BTreeSet<u32> =
        app.service.documents().unwrap_or_default().iter().flat_map(|d| d.recommendations.iter().copied()).collect();
    let recs: Vec<u32> = recs.into_iter().collect();
    let result = (!form.query.trim().is_empty()).then(|| {
        // The best hits up to the page asked for (the page shows the last of them).
        let wanted = p.page.unwrap_or(1).max(1).saturating_mul(form.per_page).min(MAX_HITS);
        let opts = search_options(app, p, wanted)?;
        let hits = app.service.search(&opts).map_err(|e| e.to_string())?;
        let counts = app.service.count(&opts).map_err(|e| e.to_string())?;
        Ok((hits, counts))
    });
    let reports: Vec<String> = app.service.opened.meta.reports.iter().map(|r| r.id().to_string()).collect();
    // With no query, the page opens on the collection.
    let front = match (&result, app.overview()) {
        (Some(_), _) => html::Front::None,
        (None, Some(o)) => html::Front::Collection(o),
        (None, None) => html::Front::Waiting,
    };
    Response::html(200, html::search_page(&form, &forces, &recs, &reports, result, MAX_HITS, front))
}

/// A page built on the overview, or, while it is being gathered, a page saying so (503, with
/// the time to retry).
fn with_overview(app: &App, page: impl FnOnce(&Overview) -> Response) -> Response {
    match app.overview() {
        Some(o) => page(o),
        None => Response::html(503, html::waiting_page()).with("retry-after", "3"),
    }
}

fn reuse_page(app: &App, p: &Params) -> Response {
    let within = p.view.as_deref() == Some("within");
    with_overview(app, |o| Response::html(200, html::reuse_page(o, p.page, within)))
}

fn documents_page(app: &App, p: &Params) -> Response {
    with_overview(app, |o| Response::html(200, html::documents_page(o, p.page)))
}

fn status_page(app: &App) -> Response {
    with_overview(app, |o| Response::html(200, html::status_page(o)))
}

fn document_page(app: &App, doc: &str, p: &Params) -> Response {
    let missing = || Response::html(404, html::error_page(&format!("No document '{doc}'.")));
    if !matches!(app.service.document(doc), Ok(Some(_))) {
        return missing();
    }
    with_overview(app, |o| match o.documents.iter().find(|d| d.doc == doc) {
        Some(d) => Response::html(200, html::document_page(o, d, p.page)),
        None => missing(),
    })
}

/// The paragraphs most like one paragraph, from other bodies, with the quoted ranges of the
/// paragraphs they show; `None` when there is no such paragraph.
fn similar_to(app: &App, id: &str, limit: usize) -> anyhow::Result<Option<(Vec<crate::reuse::Finding>, Quoted)>> {
    if app.service.paragraph(id).is_err() {
        return Ok(None);
    }
    let found =
        app.service.similar_until(Target::Paragraph(id), limit, Some(std::time::Instant::now() + app.timeout))?;
    let mut quoted = Quoted::new();
    for pid in found.iter().map(|f| f.b.id.as_str()).chain([id]) {
        quoted.insert(pid.to_string(), app.service.quoted_ranges(pid)?);
    }
    Ok(Some((found, quoted)))
}

fn paragraph_page(app: &App, id: &str) -> Response {
    match similar_to(app, id, 10) {
        Ok(Some((found, quoted))) => match app.service.paragraph(id) {
            Ok(p) => {
                let dates = app.service.documents().map(crate::overview::dates).unwrap_or_default();
                Response::html(200, html::paragraph_page(&p, &found, &quoted, &dates))
            }
            Err(e) => Response::html(500, html::error_page(&e.to_string())),
        },
        Ok(None) => Response::html(404, html::error_page(&format!("No paragraph '{id}'."))),
        Err(e) => Response::html(500, html::error_page(&e.to_string())),
    }
}

fn api_search(app: &App, p: &Params) -> Response {
    let format = match p.format() {
        Ok(f) => f,
        Err(e) => return api_error(400, &e),
    };
    let opts = match search_options(app, p, p.limit(50)) {
        Ok(opts) => opts,
        Err(e) => return api_error(400, &e),
    };
    if p.count.unwrap_or(false) {
        return match app.service.count(&opts) {
            Ok(counts) => rendered(format, |out| render::search::counts(out, &counts, format, None)),
            Err(e) => api_error(400, &e.to_string()),
        };
    }
    match app.service.search(&opts) {
        Ok(hits) => rendered(format, |out| render::search::hits(out, &hits, None, format, Painter::default())),
        Err(e) => api_error(400, &e.to_string()),
    }
}

fn api_paragraph(app: &App, id: &str) -> Response {
    match app.service.paragraph(id) {
        Ok(p) => match serde_json::to_vec(&p) {
            Ok(json) => Response::new(200, "application/json", json),
            Err(e) => api_error(500, &e.to_string()),
        },
        Err(_) => api_error(404, &format!("no paragraph '{id}'")),
    }
}

fn api_similar(app: &App, p: &Params) -> Response {
    match p.text.as_deref().filter(|t| !t.trim().is_empty()) {
        Some(text) => similar_json(app, Target::Text(text), p.limit(10)),
        None => api_error(400, "give a paragraph id (/api/similar/ID) or text=..."),
    }
}

/// The paragraphs most like the target as JSON; 404 for a paragraph id that is not in the index.
fn similar_json(app: &App, target: Target, limit: usize) -> Response {
    match app.service.similar_until(target, limit, Some(std::time::Instant::now() + app.timeout)) {
        Ok(found) => rendered(Format::Json, |out| render::json(out, &found)),
        Err(e) => match (e.downcast_ref::<crate::error::Error>(), target) {
            (Some(crate::error::Error::TooSlow), _) => api_error(503, &e.to_string()),
            (Some(crate::error::Error::UnknownDocument(_)), Target::Paragraph(id)) => {
                api_error(404, &format!("no paragraph '{id}'"))
            }
            _ => api_error(500, &e.to_string()),
        },
    }
}

/// Share of the request timeout a request waits for another comparison before it answers busy
/// (less than the whole, so that the client hears why).
const LOCK_WAIT_SHARE: f64 = 0.8;

/// The comparison lock, waited for until `until`; `None` when another comparison still holds it.
fn lock_until(lock: &std::sync::Mutex<()>, until: std::time::Instant) -> Option<std::sync::MutexGuard<'_, ()>> {
    loop {
        match lock.try_lock() {
            Ok(guard) => return Some(guard),
            Err(std::sync::TryLockError::Poisoned(e)) => return Some(e.into_inner()),
            Err(std::sync::TryLockError::WouldBlock) if std::time::Instant::now() >= until => return None,
            Err(std::sync::TryLockError::WouldBlock) => std::thread::sleep(Duration::from_millis(10)),
        }
    }
}

fn api_reuse(app: &App, p: &Params) -> Response {
    // A request waits for another client's comparison only as long as it may take itself: past
    // that its client has been answered, and the comparison it would start is for nobody.
    let wait_until = std::time::Instant::now() + app.timeout.mul_f64(LOCK_WAIT_SHARE);
    let filters = match p.filters() {
        Ok(f) => f,
        Err(e) => return api_error(400, &e),
    };
    let compare = match app.service.compare.with(p.min_words, p.min_score, p.speech) {
        Ok(c) => c,
        Err(e) => return api_error(400, &e),
    };
    let within = p.within.unwrap_or(false);
    // Built as the CLI's `reuse` builds them, so that both give the same findings.
    let opts = match app.service.reuse_options(&compare, within, &filters) {
        Ok(o) => o,
        Err(e) => return api_error(400, &e.to_string()),
    };
    // The report the CLI's `reuse` makes of the same findings (stock apart, families named): the
    // overview's own when nothing is filtered, else made anew (a copy of the overview's findings
    // only when a filter asks for one).
    let unfiltered = opts.forces.is_empty()
        && opts.force_docs.is_none()
        && opts.recommendations.is_empty()
        && opts.reports.is_empty()
        && opts.docs.is_empty();
    let made;
    let report: &crate::reuse::Report = match app.overview() {
        Some(o) if compare == app.service.compare => {
            let gathered = if within { &o.within } else { &o.between };
            if unfiltered {
                gathered
            } else {
                made = crate::reuse::report(gathered.findings.clone(), &opts);
                &made
            }
        }
        // Other thresholds, or the overview not gathered yet: the findings stored with the index
        // build (computed and stored the first time), as the CLI's `reuse` reads them.
        _ => {
            let stored = match app.service.stored_findings(&compare, within) {
                Some(found) => found,
                None => {
                    let Some(_one) = lock_until(&app.comparing, wait_until) else {
                        return api_error(
                            503,
                            "another comparison at other thresholds is being made; try again in a few seconds",
                        )
                        .with("retry-after", "5");
                    };
                    match app.service.findings(&compare, within, || ()) {
                        Ok(found) => found,
                        Err(e) => return api_error(500, &e.to_string()),
                    }
                }
            };
            made = crate::reuse::report(stored, &opts);
            &made
        }
    };
    if p.runs.unwrap_or(false) {
        let mut runs = app.service.runs(report);
        runs.truncate(p.limit(MAX_HITS));
        return rendered(Format::Json, |out| render::json(out, &runs));
    }
    if p.passages.unwrap_or(false) {
        return match app.service.passages(report) {
            Ok(mut passages) => {
                passages.truncate(p.limit(MAX_HITS));
                rendered(Format::Json, |out| render::json(out, &passages))
            }
            Err(e) => api_error(500, &e.to_string()),
        };
    }
    let findings = &report.findings[..report.findings.len().min(p.limit(MAX_HITS))];
    rendered(Format::Json, |out| render::json(out, findings))
}

fn api_matrix(app: &App, p: &Params) -> Response {
    let reports = match app.service.report_filter(&list(&p.report)) {
        Ok(r) => r,
        Err(e) => return api_error(400, &e.to_string()),
    };
    match app.service.matrix(&reports, || ()) {
        Ok(m) => rendered(Format::Json, |out| render::json(out, &m.cells)),
        Err(e) => api_error(500, &e.to_string()),
    }
}

fn api_docs(app: &App) -> Response {
    match app.service.documents() {
        Ok(docs) => rendered(Format::Json, |out| render::json(out, docs)),
        Err(e) => api_error(500, &e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get(app: &App, target: &str) -> (u16, String) {
        let response = handle(app, &Request::get(target));
        (response.status, String::from_utf8_lossy(&response.body).into_owned())
    }

    /// Searches are answered before the overview is gathered; its pages say they are coming.
    #[test]
    fn search_answers_before_the_overview_is_gathered() {
        let index = tempfile::tempdir().unwrap();
        let corpus = crate::corpus::load(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")).unwrap();
        crate::index::build(&corpus, index.path(), &indicatif::ProgressBar::hidden()).unwrap();
        let service = Service::new(crate::index::open(index.path()).unwrap(), crate::service::Compare::default());
        let app = App::new(service);
        let (status, body) = get(&app, "/api/search?q=immigration");
        assert_eq!(status, 200);
        assert!(body.contains("Gloucestershire"), "{body}");
        let (status, body) = get(&app, "/reuse");
        assert_eq!(status, 503);
        assert!(body.contains("still comparing"), "{body}");
        app.gather().unwrap();
        let (status, body) = get(&app, "/reuse");
        assert_eq!(status, 200);
        assert!(body.contains("Gloucestershire"));
    }
}
