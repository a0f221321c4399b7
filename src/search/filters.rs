//! What a search or count is asked: the query and its options, and the filters (force, document,
//! recommendation, role, report) as tantivy queries.

use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

use super::bodies;
use crate::error::Error;
use crate::index::Opened;
use crate::model::Role;
use crate::normalize::normalize;

/// Which paragraphs a command looks at.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// Force names as the user typed them (case-insensitive, partial).
    pub forces: Vec<String>,
    pub recommendations: Vec<u32>,
    /// Empty means every role.
    pub roles: Vec<Role>,
    /// Report ids (checked by the caller); empty means every report.
    pub reports: Vec<String>,
    /// Document ids; empty means every document.
    pub docs: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct SearchOptions {
    pub query: String,
    pub exact: bool,
    pub fuzzy: bool,
    pub filters: Filters,
    /// `None`: every hit.
    pub limit: Option<usize>,
    /// When the search must stop (a server's request time limit), if ever: past it the search
    /// fails with [`crate::error::Error::TooSlow`] instead of computing on.
    pub deadline: Option<std::time::Instant>,
}

/// Resolves force names as typed (any case, any part of the name) to the forces in the index.
pub fn resolve_forces(opened: &Opened, names: &[String]) -> Result<Vec<String>, Error> {
    let known = opened.forces()?;
    let mut out = Vec::new();
    for name in names {
        let wanted = normalize(name).to_lowercase();
        let exact: Vec<&String> = known.iter().filter(|k| k.to_lowercase() == wanted).collect();
        let found: Vec<&String> = if exact.is_empty() {
            known.iter().filter(|k| k.to_lowercase().contains(&wanted)).collect()
        } else {
            exact
        };
        if found.is_empty() {
            return Err(Error::UnknownForce { name: name.clone(), known: known.join(", ") });
        }
        out.extend(found.into_iter().cloned());
    }
    out.sort();
    out.dedup();
    Ok(out)
}

/// A filter: any of the terms, scoring nothing (so that in a conjunction it leaves the query's
/// scores as they are). A union of term postings, which the search seeks forward document
/// by document, rather than a term-set query, which collects every matching document up front
/// (milliseconds on a common value like a role).
fn any_of(terms: impl IntoIterator<Item = Term>) -> Box<dyn Query> {
    let clauses: Vec<(Occur, Box<dyn Query>)> = terms
        .into_iter()
        .map(|t| (Occur::Should, Box::new(TermQuery::new(t, IndexRecordOption::Basic)) as Box<dyn Query>))
        .collect();
    Box::new(ConstScoreQuery::new(Box::new(BooleanQuery::new(clauses)), 0.0))
}

/// The queries restricting results to the filters, one per filter set.
pub fn filter_query(opened: &Opened, filters: &Filters) -> Result<Vec<Box<dyn Query>>, Error> {
    let f = opened.fields;
    let mut clauses: Vec<Box<dyn Query>> = Vec::new();
    crate::reports::check_asked(&opened.meta.reports, &filters.reports)?;
    crate::reports::check_recommendations(&opened.meta.reports, &filters.reports, &filters.recommendations)?;
    if !filters.forces.is_empty() {
        let named = bodies::resolve_bodies(&opened.forces()?, &filters.forces)?;
        let mut terms: Vec<Term> = named.forces.iter().map(|n| Term::from_field_text(f.force, n)).collect();
        if named.unattributed {
            let docs = bodies::unattributed_docs(opened.documents()?);
            terms.extend(docs.iter().map(|d| Term::from_field_text(f.doc, d)));
        }
        clauses.push(any_of(terms));
    }
    if !filters.docs.is_empty() {
        let docs = bodies::check_docs(opened, &filters.docs)?;
        clauses.push(any_of(docs.iter().map(|d| Term::from_field_text(f.doc, d))));
    }
    if !filters.recommendations.is_empty() {
        clauses.push(any_of(
            filters.recommendations.iter().map(|n| Term::from_field_u64(f.recommendation, u64::from(*n))),
        ));
    }
    if !filters.reports.is_empty() {
        clauses.push(any_of(filters.reports.iter().map(|r| Term::from_field_text(f.report, r))));
    }
    if !filters.roles.is_empty() {
        clauses.push(any_of(filters.roles.iter().map(|r| Term::from_field_text(f.role, r.as_str()))));
    }
    Ok(clauses)
}
