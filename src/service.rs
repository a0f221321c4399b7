//! The one service under both front ends: an open index, the comparison built from it once, and
//! every question the command line and the web interface ask of them (search, documents,
//! paragraphs, similar, reuse, matrix, attribute). Commands and the server's handlers are thin
//! adapters over it: they turn arguments into calls and results into output.

use std::sync::OnceLock;

use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

use crate::coverage::{self, Coverage};
use crate::error::Error;
use crate::index::Opened;
use crate::model::{Document, Paragraph, Role};
use crate::provenance::{self, Provenance};
use crate::reuse::analysis::{Attribution, Matrix};
use crate::reuse::{self, Collection, Finding, Options, Report};
use crate::search::bodies::{self, Bodies};
use crate::search::{self, Counts, Hit, SearchOptions};

mod compare;
pub use compare::Compare;

/// What to find paragraphs like.
#[derive(Debug, Clone, Copy)]
pub enum Target<'a> {
    /// A paragraph of the index, by id (any role: it is compared as its body's words).
    Paragraph(&'a str),
    /// A text from outside the corpus.
    Text(&'a str),
}

/// An open index and its comparison.
pub struct Service {
    pub opened: Opened,
    pub compare: Compare,
    /// Built on first use, then shared by every question that needs it.
    collection: OnceLock<Collection>,
}

impl Service {
    pub fn new(opened: Opened, compare: Compare) -> Service {
        Service { opened, compare, collection: OnceLock::new() }
    }

    /// Every document, in corpus order.
    pub fn documents(&self) -> Result<&[Document], Error> {
        self.opened.documents()
    }

    /// The document with this id.
    pub fn document(&self, doc: &str) -> Result<Option<&Document>, Error> {
        Ok(self.documents()?.iter().find(|d| d.doc == doc))
    }

    /// The id of what a user named: a document (by id, file name, path or unique prefix, as
    /// [`crate::search::docname`] reads it) or a paragraph `DOC:N` of one.
    pub fn name_of(&self, name: &str) -> Result<String, Error> {
        let documents = self.documents()?;
        if let Some((doc, n)) =
            name.rsplit_once(':').filter(|(_, n)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        {
            if let Ok(doc) = crate::search::docname::resolve(documents, doc) {
                return Ok(format!("{doc}:{n}"));
            }
        }
        crate::search::docname::resolve(documents, name)
    }

    /// A document's paragraphs in order, or the one paragraph an id `DOC:N` names.
    pub fn paragraphs_of(&self, id: &str) -> anyhow::Result<Vec<Paragraph>> {
        // Asked of the index itself (the list of documents is not read for this).
        let f = self.opened.fields;
        for field in [f.doc, f.id] {
            let query = TermQuery::new(Term::from_field_text(field, id), IndexRecordOption::Basic);
            let paragraphs = self.opened.paragraphs_matching(&query)?;
            if !paragraphs.is_empty() {
                return Ok(paragraphs);
            }
        }
        Err(Error::UnknownDocument(id.to_string()).into())
    }

    /// The paragraph with this id.
    pub fn paragraph(&self, id: &str) -> anyhow::Result<Paragraph> {
        let query = TermQuery::new(Term::from_field_text(self.opened.fields.id, id), IndexRecordOption::Basic);
        self.opened.paragraphs_matching(&query)?.pop().ok_or_else(|| Error::UnknownDocument(id.to_string()).into())
    }

    /// Every paragraph, in corpus order; a publishing platform's own text as furniture, as the
    /// comparison takes it.
    pub fn all_paragraphs(&self) -> anyhow::Result<Vec<Paragraph>> {
        let mut paragraphs = self.opened.all_paragraphs()?;
        crate::segment::furniture::mark_platform_text(&mut paragraphs);
        Ok(paragraphs)
    }

    /// The forces of the index.
    pub fn forces(&self) -> Result<Vec<String>, Error> {
        self.opened.forces()
    }

    /// The bodies `--force` names stand for: forces (any case, part of a name, a short form) and
    /// `unattributed` for the documents of no known force.
    pub fn resolve_bodies(&self, names: &[String]) -> Result<Bodies, Error> {
        bodies::resolve_bodies(&self.forces()?, names)
    }

    /// The documents of no known force.
    pub fn unattributed_docs(&self) -> Result<Vec<String>, Error> {
        Ok(bodies::unattributed_docs(self.documents()?))
    }

    /// Document ids as a user gave them, checked (an unknown one is refused with the list).
    pub fn check_docs(&self, docs: &[String]) -> Result<Vec<String>, Error> {
        bodies::check_docs(&self.opened, docs)
    }

    pub fn search(&self, opts: &SearchOptions) -> anyhow::Result<Vec<Hit>> {
        search::fuzzy_syntax(&opts.query)?;
        // Each hit's date is stored with it: the list of documents is not read for a search.
        search::search(&self.opened, opts)
    }

    /// The paragraphs a query (when given) and the filters admit, in corpus order: what `export`
    /// writes. The filters mean what they mean to a search; no role filter is every role.
    pub fn admitted(
        &self,
        query: Option<&str>,
        exact: bool,
        filters: &search::Filters,
    ) -> anyhow::Result<Vec<Paragraph>> {
        let named = bodies::resolve_bodies(&self.forces()?, &filters.forces)?;
        crate::reports::check_recommendations(&self.opened.meta.reports, &filters.reports, &filters.recommendations)?;
        let matched: Option<std::collections::HashSet<String>> = match query {
            Some(q) => {
                let opts =
                    SearchOptions { query: q.to_string(), exact, filters: filters.clone(), ..Default::default() };
                Some(self.search(&opts)?.into_iter().map(|h| h.paragraph.id).collect())
            }
            None => None,
        };
        let f = filters;
        let mut all = self.all_paragraphs()?;
        all.retain(|p| {
            matched.as_ref().is_none_or(|m| m.contains(&p.id))
                && named.admits(p.force.as_deref())
                && (f.recommendations.is_empty()
                    || p.recommendations.iter().chain(&p.recommendation).any(|r| f.recommendations.contains(r)))
                && (f.docs.is_empty() || f.docs.contains(&p.doc))
                && (f.roles.is_empty() || f.roles.contains(&p.role))
                && (f.reports.is_empty() || p.report.as_ref().is_some_and(|r| f.reports.contains(r)))
        });
        Ok(all)
    }

    /// Which corpus the index was built from, for a result to say how it was made.
    pub fn corpus_print(&self, path: &std::path::Path) -> anyhow::Result<crate::made::CorpusPrint> {
        Ok(crate::made::CorpusPrint {
            path: path.display().to_string(),
            fingerprint: self.opened.meta.fingerprint.clone(),
            documents: self.documents()?.len(),
        })
    }

    /// How many paragraphs a search matches in all (for a list cut at its limit).
    pub fn total(&self, opts: &SearchOptions) -> anyhow::Result<usize> {
        search::total(&self.opened, opts)
    }

    pub fn count(&self, opts: &SearchOptions) -> anyhow::Result<Counts> {
        search::fuzzy_syntax(&opts.query)?;
        search::count(&self.opened, opts)
    }

    /// For a search that found nothing: each word of the query no paragraph holds, with the
    /// indexed word nearest to it.
    pub fn suggest(&self, query: &str) -> anyhow::Result<Vec<(String, String)>> {
        search::nearest_words(&self.opened, query)
    }

    /// The comparison of every paragraph in the compared roles, texts from outside included.
    pub fn collection(&self) -> anyhow::Result<&Collection> {
        if let Some(c) = self.collection.get() {
            return Ok(c);
        }
        let c = &self.compare;
        let built = Collection::from_index_with(&self.opened, c.min_words, true, &c.roles, c.speech)?;
        Ok(self.collection.get_or_init(|| built))
    }

    /// The paragraphs of other bodies most like the target, strongest first, at most `limit`,
    /// none scoring under the minimum.
    pub fn similar(&self, target: Target, limit: usize) -> anyhow::Result<Vec<Finding>> {
        self.similar_until(target, limit, None)
    }

    /// [`Service::similar`], stopped at `until` ([`crate::error::Error::TooSlow`] past it).
    pub fn similar_until(
        &self,
        target: Target,
        limit: usize,
        until: Option<std::time::Instant>,
    ) -> anyhow::Result<Vec<Finding>> {
        let collection = self.collection()?;
        let unit = match target {
            Target::Text(text) => collection.outside_unit(text),
            Target::Paragraph(id) => match collection.unit(id) {
                Some(u) => u.clone(),
                None => collection.prepare(self.paragraph(id)?),
            },
        };
        let mut found = collection
            .similar_until(&unit, self.compare.min_words, limit, until)
            .ok_or(crate::error::Error::TooSlow)?;
        found.retain(|f| f.score >= self.compare.min_score);
        Ok(found)
    }

    /// Every finding at these thresholds if a command stored them with the index build (see
    /// [`Service::findings`]); nothing is computed.
    pub fn stored_findings(&self, compare: &Compare, within: bool) -> Option<Vec<Finding>> {
        reuse::stored::stored_only(&self.opened, &compare.options(within, Vec::new(), Vec::new()), &compare.roles)
    }

    /// Byte ranges of a paragraph's text quoted from the report.
    pub fn quoted_ranges(&self, id: &str) -> anyhow::Result<Vec<[usize; 2]>> {
        let collection = self.collection()?;
        Ok(match collection.unit(id) {
            Some(u) => u.quoted_ranges(),
            None => collection.prepare(self.paragraph(id)?).quoted_ranges(),
        })
    }

    /// Every finding between bodies (or `within` each) at these thresholds, before the force
    /// and recommendation filters: stored with the index build once computed (`computing` is
    /// called first when they must be).
    pub fn findings(&self, compare: &Compare, within: bool, computing: impl FnOnce()) -> anyhow::Result<Vec<Finding>> {
        let opts = compare.options(within, Vec::new(), Vec::new());
        reuse::stored::stored_findings(&self.opened, &opts, &compare.roles, computing)
    }

    /// The reuse report the options ask for: findings filtered by force and recommendation, and
    /// their families.
    pub fn reuse(&self, opts: &Options, computing: impl FnOnce()) -> anyhow::Result<Report> {
        let compare = Compare {
            min_words: opts.min_words,
            min_score: opts.min_score,
            speech: opts.speech,
            ..self.compare.clone()
        };
        Ok(reuse::report(self.findings(&compare, opts.within, computing)?, opts))
    }

    /// The passages of the reuse the options ask for, each with its occurrences in date order.
    pub fn passages(&self, report: &Report) -> anyhow::Result<Vec<crate::reuse::passages::Passage>> {
        let documents = self.documents()?;
        let dates: std::collections::HashMap<&str, Option<String>> =
            documents.iter().map(|d| (d.doc.as_str(), d.date.clone())).collect();
        let quoter = self.quoter()?;
        let quoted = |p: &Paragraph| crate::reuse::units::unit_with(p.clone(), &quoter, &mut |_| 0).quoted_ranges();
        Ok(crate::reuse::passages::passages(report, &|doc| dates.get(doc).cloned().flatten(), &quoted))
    }

    /// What is quotation: the reports' recommendations and titles, and the reference documents'
    /// text (read alone, not with every paragraph: a reuse read from stored findings stays quick).
    fn quoter(&self) -> anyhow::Result<crate::quote::Quoter> {
        let role = tantivy::Term::from_field_text(self.opened.fields.role, Role::Reference.as_str());
        let query = tantivy::query::TermQuery::new(role, tantivy::schema::IndexRecordOption::Basic);
        let references = self.opened.paragraphs_matching(&query)?;
        let quoter = reuse::quoter_with_references(&self.opened.meta.reports, &references);
        Ok(quoter.comparing_speech(self.compare.speech))
    }

    /// The copied runs of a reuse report: consecutive findings between the same two documents,
    /// in the same order on both sides, with none of the bodies' own words between them (a label
    /// of a few words, such as a table's status cell, aside).
    pub fn runs(&self, report: &Report) -> Vec<crate::reuse::runs::Run> {
        // Only the numbers and roles of a document's paragraphs are asked (from the fast fields).
        let paragraphs_of = |doc: &str| -> Vec<Paragraph> {
            let roles = self.opened.roles_of(doc).unwrap_or_default();
            roles
                .into_iter()
                .map(|(n, role)| Paragraph {
                    id: format!("{doc}:{n}"),
                    doc: doc.to_string(),
                    path: String::new(),
                    force: None,
                    recommendation: None,
                    recommendations: Vec::new(),
                    role,
                    status: None,
                    paragraph: n,
                    line: 0,
                    text: String::new(),
                    report: None,
                })
                .collect()
        };
        // A paragraph's text is read only for the few own paragraphs that stand between findings.
        let label = |p: &Paragraph| {
            self.paragraph(&p.id)
                .is_ok_and(|p| crate::normalize::words(&p.text).len() <= crate::reuse::runs::LABEL_WORDS)
        };
        crate::reuse::runs::runs(&report.findings, &paragraphs_of, &self.compare.roles, &label)
    }

    /// The body × body matrix of shared words between bodies (stored once computed).
    /// With `reports`, of those reports' paragraphs only.
    pub fn matrix(&self, reports: &[String], computing: impl FnOnce()) -> anyhow::Result<Matrix> {
        let reports = self.report_filter(reports)?;
        let mut key = self.compare.stored_name("matrix");
        if !reports.is_empty() {
            // Report ids are file names: a hash keeps the key a safe file name.
            key.push_str(&format!("-{:x}", xxhash_rust::xxh3::xxh3_64(reports.join("\0").as_bytes())));
        }
        if let Some(matrix) = self.opened.stored(&key) {
            return Ok(matrix);
        }
        computing();
        let findings = crate::reuse::not_stock(&self.findings(&self.compare, false, || ())?);
        let matrix = self.collection()?.matrix(&findings, &reports);
        self.opened.store(&key, &matrix);
        Ok(matrix)
    }

    /// Whether the corpus answers several reports (labels then name the report).
    pub fn several_reports(&self) -> bool {
        self.opened.meta.reports.len() > 1
    }

    /// The report ids a user asked for, checked against the corpus's reports (empty: every report).
    pub fn report_filter(&self, asked: &[String]) -> Result<Vec<String>, Error> {
        crate::reports::check_asked(&self.opened.meta.reports, asked)?;
        Ok(asked.to_vec())
    }

    /// The ids of the reports `asked` names (checked), or of every report when it names none.
    pub fn reports(&self, asked: &[String]) -> anyhow::Result<Vec<String>> {
        let asked = self.report_filter(asked)?;
        Ok(if asked.is_empty() { self.opened.meta.reports.iter().map(|r| r.id().to_string()).collect() } else { asked })
    }

    /// Which body answered which recommendation, report by report (those `reports` names, or all).
    /// With `docs`, of those documents' paragraphs only (every body still has its row).
    pub fn coverage(&self, reports: &[String], docs: &[String]) -> anyhow::Result<Vec<Coverage>> {
        let ids = self.reports(reports)?;
        let (paragraphs, docs) = self.paragraphs_in(docs)?;
        let documents: Vec<Document> =
            self.documents()?.iter().filter(|d| docs.is_empty() || docs.contains(&d.doc)).cloned().collect();
        Ok(self.coverage_of(&paragraphs, &ids, &documents))
    }

    /// The coverage of the reports `ids` by these paragraphs, with the timeliness of these
    /// documents.
    pub fn coverage_of(&self, paragraphs: &[Paragraph], ids: &[String], documents: &[Document]) -> Vec<Coverage> {
        let reports = &self.opened.meta.reports;
        let mut all = coverage::by_report(paragraphs, reports, ids);
        // A date in an undated document: one its text states for itself, or its file name's.
        let mut runs: std::collections::HashMap<&str, &[Paragraph]> = std::collections::HashMap::new();
        for run in paragraphs.chunk_by(|a, b| a.doc == b.doc) {
            runs.entry(run[0].doc.as_str()).or_insert(run);
        }
        let mut found = crate::timeliness::Found::new();
        for d in documents.iter().filter(|d| d.date.is_none()) {
            let texts: Vec<&str> =
                runs.get(d.doc.as_str()).map_or_else(Vec::new, |r| r.iter().map(|p| p.text.as_str()).collect());
            if let Some(date) = crate::guess::date_of(&d.path, &texts) {
                found.insert(d.doc.clone(), date);
            }
        }
        for c in &mut all {
            let report = reports.iter().find(|r| c.report.as_deref().is_none_or(|id| id == r.id()));
            if let Some(report) = report {
                c.timeliness = crate::timeliness::of_report(report, documents, &c.bodies, reports.len() == 1, &found);
            }
        }
        all
    }

    /// What each body says it has done on each recommendation, report by report (those `reports`
    /// names, or all), with the words that say it; with `docs`, of those documents only, and of
    /// the bodies `bodies` admits.
    pub fn status(
        &self,
        reports: &[String],
        docs: &[String],
        bodies: &Bodies,
    ) -> anyhow::Result<Vec<crate::status::StatusGrid>> {
        let ids = self.reports(reports)?;
        let (mut paragraphs, _) = self.paragraphs_in(docs)?;
        paragraphs.retain(|p| bodies.admits(p.force.as_deref()));
        Ok(crate::status::by_report(&paragraphs, &self.opened.meta.reports, &ids))
    }

    /// Every paragraph, or those of the documents `docs` names (checked, and given back).
    fn paragraphs_in(&self, docs: &[String]) -> anyhow::Result<(Vec<Paragraph>, Vec<String>)> {
        let docs = self.check_docs(docs)?;
        let mut paragraphs = self.all_paragraphs()?;
        if !docs.is_empty() {
            paragraphs.retain(|p| docs.contains(&p.doc));
        }
        Ok((paragraphs, docs))
    }

    /// How much of each document (or of one) is the body's own, shared with other bodies, stock
    /// wording, quoted from a report or reference, or furniture.
    /// Of the documents `docs` names (checked), or of every document when it names none.
    pub fn provenance(&self, docs: &[String]) -> anyhow::Result<Vec<Provenance>> {
        let docs = self.check_docs(docs)?;
        let mut paragraphs = Vec::new();
        for doc in &docs {
            paragraphs.extend(self.paragraphs_of(doc)?);
        }
        if docs.is_empty() {
            paragraphs = self.all_paragraphs()?;
        }
        self.provenance_of(&paragraphs)
    }

    /// The provenance of the documents these paragraphs (in corpus order) make.
    pub fn provenance_of(&self, paragraphs: &[Paragraph]) -> anyhow::Result<Vec<Provenance>> {
        let findings = self.findings(&self.compare, false, || ())?;
        let collection = self.collection()?;
        let quoted = |p: &Paragraph| match collection.unit(&p.id) {
            Some(u) => u.quoted_ranges(),
            None => collection.prepare(p.clone()).quoted_ranges(),
        };
        Ok(provenance::provenance(paragraphs, &quoted, collection.quoter(), &findings))
    }

    /// Which bodies' words a document shares, ranked, with evidence.
    pub fn attribute(&self, doc: &str) -> anyhow::Result<Vec<Attribution>> {
        if self.document(doc)?.is_none() {
            return Err(Error::UnknownDocument(doc.to_string()).into());
        }
        // Stored with the build, as reuse findings are: a repeated `attribute` reads it.
        let key = self.compare.stored_name(&format!("attribute-{:x}", xxhash_rust::xxh3::xxh3_64(doc.as_bytes())));
        if let Some(ranked) = self.opened.stored(&key) {
            return Ok(ranked);
        }
        let opts = self.compare.options(false, Vec::new(), Vec::new());
        let mut ranked = self.collection()?.attribute(doc, &opts);
        // Who came first: the document's date against the earliest of the body's documents in
        // the evidence, at the precision both have.
        let documents = self.documents()?;
        let date_of = |d: &str| documents.iter().find(|x| x.doc == d).and_then(|x| x.date.clone());
        let own = date_of(doc);
        for a in &mut ranked {
            let mut dates: Vec<String> = a.evidence.iter().filter_map(|f| date_of(&f.b.doc)).collect();
            dates.sort_by(|x, y| crate::dates::compare(Some(x), Some(y)).unwrap_or(std::cmp::Ordering::Equal));
            a.date = dates.into_iter().find(|d| crate::dates::PartialDate::parse(d).is_some());
            a.first = crate::dates::first(own.as_deref(), a.date.as_deref());
        }
        self.opened.store(&key, &ranked);
        Ok(ranked)
    }
}
