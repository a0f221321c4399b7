//! Counting a search's hits per body and recommendation: a paragraph answering several
//! recommendations counts under each, once in its body's total; bodies with no hit count 0.

use std::collections::BTreeMap;

use serde::Serialize;
use tantivy::collector::DocSetCollector;
use tantivy::query::{BooleanQuery, Occur};

use super::bodies;
use super::deadline::Deadline;
use super::filters::{filter_query, SearchOptions};
use super::query::{execution_error, parse};
use crate::index::Opened;

/// Hits of one body under one recommendation (`None`: paragraphs that name none).
#[derive(Debug, Clone, Serialize)]
pub struct CountRow {
    pub force: Option<String>,
    pub recommendation: Option<u32>,
    pub hits: usize,
}

/// A body's matching paragraphs, each counted once.
#[derive(Debug, Clone, Serialize)]
pub struct BodyCount {
    pub force: Option<String>,
    pub hits: usize,
}

/// The counts of a search.
#[derive(Debug, Clone, Serialize)]
pub struct Counts {
    /// Per body and recommendation, sorted by body (by name in any case, unattributed last) then recommendation
    /// (none last); only cells with hits.
    pub cells: Vec<CountRow>,
    /// Every body the filters admit, with its paragraphs counted once (0 when it has none).
    pub bodies: Vec<BodyCount>,
    /// Matching paragraphs, each counted once.
    pub total: usize,
    /// Of those, the paragraphs of references (the report's own documents): no body's, in no row.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub references: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl Counts {
    pub fn is_empty(&self) -> bool {
        self.total == 0
    }
}

/// The search as one query (the user's, bounded by its deadline, and every filter), with the
/// deadline it must meet.
fn matching(opened: &Opened, opts: &SearchOptions) -> anyhow::Result<(BooleanQuery, Option<Deadline>)> {
    let field = if opts.exact || opts.fuzzy { opened.fields.exact } else { opened.fields.text };
    let deadline = opts.deadline.map(Deadline::at);
    let user = parse(opened, field, opts.fuzzy, &opts.query)?;
    let user = match &deadline {
        Some(d) => d.bound(user),
        None => user,
    };
    let mut clauses = vec![(Occur::Must, user)];
    clauses.extend(filter_query(opened, &opts.filters)?.into_iter().map(|q| (Occur::Must, q)));
    Ok((BooleanQuery::new(clauses), deadline))
}

/// How many paragraphs the search matches, in all: what a cut list says it was cut from. Counts
/// the matches only (deleted paragraphs left out, as by every collector); reads no field.
pub fn total(opened: &Opened, opts: &SearchOptions) -> anyhow::Result<usize> {
    let (query, deadline) = matching(opened, opts)?;
    let n = opened
        .reader
        .searcher()
        .search(&query, &tantivy::collector::Count)
        .map_err(|e| execution_error(&opts.query, e))?;
    if deadline.is_some_and(|d| d.passed()) {
        return Err(crate::error::Error::TooSlow.into());
    }
    Ok(n)
}

/// Counts every paragraph the search matches. Reads the fast fields of each match; no paragraph
/// is fetched or highlighted, and no limit applies.
pub fn count(opened: &Opened, opts: &SearchOptions) -> anyhow::Result<Counts> {
    let (query, deadline) = matching(opened, opts)?;
    let searcher = opened.reader.searcher();
    let matches = searcher.search(&query, &DocSetCollector).map_err(|e| execution_error(&opts.query, e))?;
    if deadline.is_some_and(|d| d.passed()) {
        return Err(crate::error::Error::TooSlow.into());
    }
    let wanted = &opts.filters.recommendations;
    let mut cells: BTreeMap<(Option<String>, (bool, u32)), usize> = BTreeMap::new();
    let mut per_body: BTreeMap<Option<String>, usize> = BTreeMap::new();
    for body in admitted_bodies(opened, opts)? {
        per_body.insert(body, 0);
    }
    let mut references = 0;
    let mut by_segment: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
    for address in &matches {
        by_segment.entry(address.segment_ord).or_default().push(address.doc_id);
    }
    for (segment, docs) in by_segment {
        let fast = searcher.segment_reader(segment).fast_fields();
        let recs = fast.u64("recommendation")?;
        let forces = fast.str("force")?;
        let roles = fast.str("role")?;
        let mut name = String::new();
        let mut role = String::new();
        for doc in docs {
            if let Some(r) = roles.as_ref() {
                if let Some(ord) = r.term_ords(doc).next() {
                    role.clear();
                    r.ord_to_str(ord, &mut role)?;
                    if role == crate::model::Role::Reference.as_str() {
                        references += 1;
                        continue;
                    }
                }
            }
            let force = match forces.as_ref().and_then(|f| f.term_ords(doc).next().map(|ord| (f, ord))) {
                Some((f, ord)) => {
                    name.clear();
                    f.ord_to_str(ord, &mut name)?;
                    Some(name.clone())
                }
                None => None,
            };
            let mut answered: Vec<u32> = recs.values_for_doc(doc).map(|n| n as u32).collect();
            answered.sort_unstable();
            answered.dedup();
            if !wanted.is_empty() {
                answered.retain(|n| wanted.contains(n));
            }
            if answered.is_empty() {
                *cells.entry((force.clone(), (true, 0))).or_default() += 1;
            }
            for n in answered {
                *cells.entry((force.clone(), (false, n))).or_default() += 1;
            }
            *per_body.entry(force).or_default() += 1;
        }
    }
    let mut cells: Vec<CountRow> = cells
        .into_iter()
        .map(|((force, (none, n)), hits)| CountRow { force, recommendation: (!none).then_some(n), hits })
        .collect();
    // Stable: each body's rows stay in recommendation order.
    cells.sort_by(|a, b| body_order(&a.force, &b.force));
    let mut bodies: Vec<BodyCount> = per_body.into_iter().map(|(force, hits)| BodyCount { force, hits }).collect();
    bodies.sort_by(|a, b| body_order(&a.force, &b.force));
    Ok(Counts { cells, bodies, total: matches.len(), references })
}

/// Bodies by name in any case, documents of no known body last.
fn body_order(a: &Option<String>, b: &Option<String>) -> std::cmp::Ordering {
    match (a, b) {
        (Some(a), Some(b)) => crate::model::name_order(a, b),
        (a, b) => b.is_some().cmp(&a.is_some()),
    }
}

/// The bodies whose documents the filters admit (force, document, report), each once; a
/// reference is no body's.
fn admitted_bodies(opened: &Opened, opts: &SearchOptions) -> anyhow::Result<Vec<Option<String>>> {
    let f = &opts.filters;
    let named = bodies::resolve_bodies(&opened.forces()?, &f.forces)?;
    let mut out: Vec<Option<String>> = opened
        .documents()?
        .iter()
        .filter(|d| !d.reference && named.admits(d.force.as_deref()))
        .filter(|d| f.docs.is_empty() || f.docs.contains(&d.doc))
        .filter(|d| f.reports.is_empty() || d.report.as_ref().is_some_and(|r| f.reports.contains(r)))
        .map(|d| d.force.clone())
        .collect();
    out.sort_by(body_order);
    out.dedup();
    Ok(out)
}
