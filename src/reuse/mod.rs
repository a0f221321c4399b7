//! Reuse detection: which response passages one body shares with another (or with itself),
//! verified word by word, scored, classified and grouped into families.
//!
//! Candidates come from shared hashed shingles ([`candidates`], which also index runs holding a
//! word OCR misread as they were likely written, [`misread`]); every candidate is verified word by
//! word ([`align`]: words the same, or nearly the same between words the same) and only verified
//! passages are reported. Quoted recommendation text and body names are handled before any of
//! this, in [`units`].

pub mod align;
pub mod analysis;
pub mod candidates;
mod families;
mod finding;
mod misread;
mod names;
pub mod paraphrase;
pub mod passages;
pub mod policy;
pub mod runs;
pub mod score;
mod seeded;
pub mod stock;
pub mod stored;
pub mod template;
pub mod units;

use std::collections::{BTreeSet, HashMap};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use rayon::prelude::*;

use crate::index::Opened;
use crate::model::{Paragraph, Role};
use crate::normalize::{alike, Likeness};
use crate::quote::Quoter;
use align::Passage;
use candidates::{shingles, Postings, NO_REPORT, SHINGLE};
use families::families;
pub use finding::{check_compared_roles, check_min_score, check_min_words, MAX_MIN_WORDS};
pub use finding::{Family, Finding, Kind, Options, Report, Span, Stock, DEFAULT_MIN_SCORE, DEFAULT_MIN_WORDS};
pub use score::FULL_SIZE;
use stock::Formulas;
use units::{Unit, Vocabulary};

/// The roles compared by default: a body's own words, whatever the shape of its document (answers
/// under a recommendation, covering letters, comments, statements). Quotation of the report
/// (`recommendation`) and site furniture (`chrome`) are never compared.
pub const OWN_WORDS: [Role; 2] = Role::OWN;

/// Paragraphs prepared for comparison at once, across the cores.
const PREPARE_BATCH: usize = 8192;

/// Both sides at least this much shared make a near copy.
const NEAR: f64 = 0.5;

/// The response paragraphs of a collection, prepared for comparison, with their shingle index.
pub struct Collection {
    pub units: Vec<Unit>,
    body_ids: Vec<u32>,
    /// The reports' ids, by the number the shingle index knows each by.
    report_names: Vec<String>,
    pub postings: Postings,
    quoter: Quoter,
    /// The public formulas whose words are stock wording.
    formulas: Formulas,
    vocab: Vocabulary,
    /// Each unit's position, by paragraph id (a scan of a million units per lookup made the
    /// matrix quadratic).
    by_id: HashMap<String, u32>,
}

impl Collection {
    /// Prepares the paragraphs of the given roles (see [`OWN_WORDS`]). `lookups`: texts from
    /// outside the collection will be compared with it (`similar`, `attribute`), so every shingle
    /// is kept. `formulas`: the public formulas whose words are stock wording.
    pub fn new(
        paragraphs: Vec<Paragraph>,
        quoter: Quoter,
        formulas: Formulas,
        k: usize,
        lookups: bool,
        roles: &[Role],
    ) -> Collection {
        let mut vocab = Vocabulary::default();
        // Words found and quotation masked on every core, a batch at a time (the words of a whole
        // corpus at once would double the memory); ids given in corpus order, the same every run.
        let mut selected = paragraphs.into_iter().filter(|p| roles.contains(&p.role)).peekable();
        let mut units: Vec<Unit> = Vec::new();
        while selected.peek().is_some() {
            let batch: Vec<Paragraph> = selected.by_ref().take(PREPARE_BATCH).collect();
            let worded: Vec<units::Worded> = batch.into_par_iter().map(|p| units::words_of(p, &quoter)).collect();
            units.extend(worded.into_iter().map(|w| units::intern(w, &mut |t| vocab.id(t))));
        }
        let mut bodies: HashMap<&str, u32> = HashMap::new();
        let body_ids: Vec<u32> = units
            .iter()
            .map(|u| {
                let n = bodies.len() as u32;
                *bodies.entry(u.body.as_str()).or_insert(n)
            })
            .collect();
        let mut report_names: Vec<String> = Vec::new();
        let report_ids: Vec<u32> = units
            .iter()
            .map(|u| match &u.paragraph.report {
                None => NO_REPORT,
                Some(r) => match report_names.iter().position(|n| n == r) {
                    Some(n) => n as u32,
                    None => {
                        report_names.push(r.clone());
                        report_names.len() as u32 - 1
                    }
                },
            })
            .collect();
        let likely = misread::likeliest(&units, vocab.len(), vocab.get(units::name_key()));
        let postings = Postings::build(&units, &body_ids, &report_ids, k, lookups, &likely)
            .with_stock(stock::formula_shingles(&formulas, &units, k));
        let by_id = units.iter().enumerate().map(|(i, u)| (u.paragraph.id.clone(), i as u32)).collect();
        Collection { units, body_ids, report_names, postings, quoter, formulas, vocab, by_id }
    }

    /// Loads the paragraphs of an index in the given roles (see [`Collection::new`]).
    pub fn from_index(opened: &Opened, min_words: usize, lookups: bool, roles: &[Role]) -> anyhow::Result<Collection> {
        Collection::from_index_with(opened, min_words, lookups, roles, false)
    }

    /// [`Collection::from_index`], with quoted speech compared as the body's own words (`speech`)
    /// or taken for quotation.
    pub fn from_index_with(
        opened: &Opened,
        min_words: usize,
        lookups: bool,
        roles: &[Role],
        speech: bool,
    ) -> anyhow::Result<Collection> {
        let mut paragraphs = opened.all_paragraphs()?;
        crate::segment::furniture::mark_platform_text(&mut paragraphs);
        let quoter = quoter_with_references(&opened.meta.reports, &paragraphs).comparing_speech(speech);
        let formulas = Formulas::of_corpus(&opened.meta.corpus)?;
        Ok(Collection::new(paragraphs, quoter, formulas, SHINGLE.min(min_words.max(1)), lookups, roles))
    }

    /// What the collection takes for quotation, and where each quoted word comes from.
    pub fn quoter(&self) -> &Quoter {
        &self.quoter
    }

    /// Prepares any paragraph for comparison with the collection (whatever its role). The
    /// collection is left as it is: words it does not know are known to this unit only.
    pub fn prepare(&self, p: Paragraph) -> Unit {
        let mut lookup = units::Lookup::new(&self.vocab);
        units::unit_with(p, &self.quoter, &mut |w| lookup.id(w))
    }

    /// Prepares a text that is not in the collection (for `similar --text`); it has no body.
    pub fn outside_unit(&self, text: &str) -> Unit {
        let p = Paragraph::outside(text);
        Unit { body: String::new(), ..self.prepare(p) }
    }

    /// Verifies a pair and scores it; `None` when no passage reaches `min_words`.
    pub fn verify(&self, a: &Unit, b: &Unit, min_words: usize) -> Option<Finding> {
        let name = self.vocab.get(units::name_key());
        // Words nearly the same: an inflection, or a word misread, neither a name nor quotation
        // (those are compared as they are). Most pairs of words are told apart by their classes.
        fn word(u: &Unit, i: usize) -> &str {
            &u.paragraph.text[u.toks[i].start()..u.toks[i].end()]
        }
        let likeness = |u: &Unit| -> Vec<Likeness> {
            (0..u.toks.len())
                .map(|i| {
                    if u.toks[i].quoted || Some(u.toks[i].id) == name {
                        Likeness::EXACT
                    } else {
                        Likeness::of(word(u, i))
                    }
                })
                .collect()
        };
        let (like_a, like_b) = (likeness(a), likeness(b));
        let near = |i: usize, j: usize| alike(word(a, i), like_a[i], word(b, j), like_b[j]);
        let mut passages = align::passages(&a.toks, &b.toks, min_words, &near);
        // Long runs that cover little of either side may be the surviving pieces of a revision.
        let mut paraphrase = false;
        if paraphrase::thin(&passages, a, b) {
            let short = paraphrase::passages(a, b, min_words, &near);
            if paraphrase::words(&short) > paraphrase::words(&passages) {
                (passages, paraphrase) = (short, true);
            }
        }
        if passages.is_empty() {
            return None;
        }
        let shared: usize = passages.iter().map(|p| p.pairs.len()).sum();
        // A passage held together by quotation (the report's title in two letterheads) is not a
        // copy: at least `min_words` of the bodies' own words must be shared, and names (of bodies,
        // the field's, titles, statutes) do not count towards them: an address line is no copy.
        let names = passages.iter().flat_map(|p| &p.pairs).filter(|&&(i, _)| Some(a.toks[i].id) == name).count();
        if shared - names < min_words {
            return None;
        }
        // Stock wording counts for nothing; a pair that shares little else is a stock passage.
        let (stock_words, stock_reasons) = self.stock_words(a, &passages);
        let stock = shared - stock_words < min_words;
        let counted = if stock { shared } else { shared - stock_words };
        let (ca, cb) = (score::containment(counted, a.own), score::containment(counted, b.own));
        let distance = score::distance(a, b, &passages);
        let similarity = 1.0 - distance as f64 / a.own.max(b.own).max(1) as f64;
        let rarity = self.rarity(a, &passages);
        let score = score::grade(counted, a.own, b.own);
        let kind = if paraphrase {
            Kind::Paraphrase
        } else if distance == 0 && a.own > 0 {
            Kind::Verbatim
        } else if ca.min(cb) >= NEAR {
            Kind::Near
        } else {
            Kind::Partial
        };
        Some(Finding {
            spans: passages.iter().map(|p| span(a, b, p)).collect(),
            longest_run: passages.iter().map(Passage::longest_run).max().unwrap_or(0),
            a: a.paragraph.clone(),
            b: b.paragraph.clone(),
            shared_words: shared,
            near_words: passages.iter().map(Passage::near_words).sum(),
            containment_a: round(ca),
            containment_b: round(cb),
            similarity: round(similarity),
            rarity: round(rarity),
            score: round(score),
            kind,
            family: String::new(),
            stock_words,
            stock,
            stock_reasons,
        })
    }

    /// How many of a's shared words are stock wording, and why (see [`stock::stock_words`]).
    fn stock_words(&self, a: &Unit, passages: &[Passage]) -> (usize, Vec<String>) {
        stock::stock_words(&self.formulas, &self.postings, &self.report_names, a, passages)
    }

    /// Mean shingle weight over the runs of a's shared words.
    fn rarity(&self, a: &Unit, passages: &[Passage]) -> f64 {
        let k = self.postings.k;
        let hashes: HashMap<usize, u64> = shingles(a, k).into_iter().collect();
        let mut weights = Vec::new();
        for p in passages {
            for (x, w) in p.pairs.windows(k).enumerate() {
                let consecutive = w.windows(2).all(|q| q[1] == (q[0].0 + 1, q[0].1 + 1));
                if let (true, Some(h)) = (consecutive, hashes.get(&p.pairs[x].0)) {
                    weights.push(self.postings.weight(*h));
                }
            }
        }
        if weights.is_empty() {
            1.0
        } else {
            weights.iter().sum::<f64>() / weights.len() as f64
        }
    }

    /// Every finding between bodies (or within them), above the thresholds, strongest first.
    pub fn reuse(&self, opts: &Options) -> Report {
        report(self.findings(opts), opts)
    }

    /// Every finding at the options' thresholds (between bodies, or within each with `within`),
    /// strongest first, before the force and recommendation filters.
    pub fn findings(&self, opts: &Options) -> Vec<Finding> {
        let pairs = self.candidates(opts);
        // Verified on every core; the order is fixed by the sort below, whatever the threads did.
        let mut findings: Vec<Finding> = pairs
            .into_par_iter()
            .filter_map(|(i, j)| self.verify(&self.units[i as usize], &self.units[j as usize], opts.min_words))
            .filter(|f| f.score >= opts.min_score)
            .collect();
        sort(&mut findings);
        findings
    }

    /// The pairs of units to verify at the options' thresholds (between bodies, or within each
    /// with `within`): those sharing enough shingles of a run `min_words` long, and those sharing
    /// enough short ones to be a paraphrase (see `paraphrase`).
    fn candidates(&self, opts: &Options) -> Vec<(u32, u32)> {
        let needed = opts.min_words.saturating_sub(self.postings.k) + 1;
        let ids = &self.body_ids;
        let keep = |i: u32, j: u32| (ids[i as usize] == ids[j as usize]) == opts.within;
        // A finding shares `min_words` words that are no names: a unit with fewer holds none (a
        // heading made of a body's name and the report's title meets every other body's).
        let name = self.vocab.get(units::name_key());
        let usable: Vec<bool> =
            self.units.iter().map(|u| u.toks.iter().filter(|t| Some(t.id) != name).count() >= opts.min_words).collect();
        let mut pairs = self.postings.pairs(needed, &usable, keep);
        if opts.min_words > paraphrase::RUN {
            let identity: Vec<u32> = (0..self.vocab.len() as u32).collect();
            let no_reports = vec![NO_REPORT; self.units.len()];
            // A formula's short shingles are followed up from its first unit only, as its long
            // ones are: otherwise every pair of the bodies restating a definition is verified.
            let short = Postings::build(&self.units, ids, &no_reports, paraphrase::RUN, false, &identity)
                .with_stock(stock::formula_shingles(&self.formulas, &self.units, paraphrase::RUN));
            pairs.extend(short.pairs(opts.min_words - paraphrase::RUN + 1, &usable, keep));
            pairs.sort_unstable();
            pairs.dedup();
        }
        pairs
    }

    /// The paragraphs most like `target`, from other bodies, strongest first.
    pub fn similar(&self, target: &Unit, min_words: usize, limit: usize) -> Vec<Finding> {
        self.similar_until(target, min_words, limit, None).unwrap_or_default()
    }

    /// [`Collection::similar`], given up at `until`: `None` once it passed. No paragraph is
    /// compared after it, so that a request answered at its time limit leaves nothing computing.
    pub fn similar_until(
        &self,
        target: &Unit,
        min_words: usize,
        limit: usize,
        until: Option<Instant>,
    ) -> Option<Vec<Finding>> {
        let late = AtomicBool::new(false);
        let past = || {
            let now_past = late.load(Ordering::Relaxed) || until.is_some_and(|t| Instant::now() >= t);
            late.store(now_past, Ordering::Relaxed);
            now_past
        };
        let min_words = min_words.min(target.own.max(1));
        let k = self.postings.k.min(min_words);
        let mut seen = BTreeSet::new();
        for (_, h) in shingles(target, self.postings.k) {
            seen.extend(self.postings.units(h));
        }
        if k < self.postings.k {
            // A text shorter than a shingle: compare with every unit sharing a word.
            seen.extend(0..self.units.len() as u32);
        }
        let mut out: Vec<Finding> = seen
            .into_iter()
            .collect::<Vec<u32>>()
            .into_par_iter()
            .map(|i| &self.units[i as usize])
            .filter(|u| u.body != target.body && u.paragraph.id != target.paragraph.id)
            .filter_map(|u| if past() { None } else { self.verify(target, u, min_words) })
            .collect();
        if past() {
            return None;
        }
        sort(&mut out);
        out.truncate(limit);
        Some(out)
    }

    /// The unit of a paragraph id, if it is a response in the collection.
    pub fn unit(&self, id: &str) -> Option<&Unit> {
        self.by_id.get(id).map(|&i| &self.units[i as usize])
    }
}

/// What is quotation in a collection: the reports' recommendations and titles, and the text of
/// every reference document among `paragraphs`.
pub fn quoter_with_references(reports: &[crate::model::Recommendations], paragraphs: &[Paragraph]) -> Quoter {
    paragraphs
        .iter()
        .filter(|p| p.role == Role::Reference)
        .fold(Quoter::of_reports(reports), |q, p| q.with_reference(&p.doc, p.report.as_deref(), &p.text))
}

/// The report on findings (from [`Collection::findings`], or stored): the force and
/// recommendation filters applied, and families formed.
pub fn report(findings: Vec<Finding>, opts: &Options) -> Report {
    let (mut stock, mut findings): (Vec<Finding>, Vec<Finding>) = findings.into_iter().partition(|f| f.stock);
    // Family ids come from the families of every finding, before any filter: the same passage has
    // the same id whatever a command asks for.
    let ids = families::stable_ids(&findings);
    findings.retain(|f| keep(f, opts));
    stock.retain(|f| keep(f, opts));
    let families = families(&mut findings, &ids);
    let stock = families::stock(&mut stock);
    Report { findings, families, stock }
}

/// The findings between bodies that are not stock wording (what the matrix, provenance and
/// attribution count as copying).
pub fn not_stock(findings: &[Finding]) -> Vec<Finding> {
    findings.iter().filter(|f| !f.stock).cloned().collect()
}

fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Whether a finding passes the force and recommendation filters of `opts`.
pub fn keep(f: &Finding, opts: &Options) -> bool {
    let force_ok = (opts.forces.is_empty() && opts.force_docs.is_none())
        || [&f.a, &f.b].iter().any(|p| {
            p.force.as_ref().is_some_and(|n| opts.forces.contains(n))
                || opts.force_docs.as_ref().is_some_and(|d| d.contains(&p.doc))
        });
    let doc_ok = opts.docs.is_empty() || [&f.a, &f.b].iter().any(|p| opts.docs.contains(&p.doc));
    let of_report =
        |p: &Paragraph| opts.reports.is_empty() || p.report.as_ref().is_some_and(|r| opts.reports.contains(r));
    let report_ok = [&f.a, &f.b].iter().any(|p| of_report(p));
    let rec_ok = opts.recommendations.is_empty()
        || [&f.a, &f.b].iter().any(|p| of_report(p) && p.answers().any(|n| opts.recommendations.contains(&n)));
    force_ok && rec_ok && report_ok && doc_ok
}

/// Strongest first; ties broken by size, then by the ids, so output is deterministic.
fn sort(findings: &mut [Finding]) {
    findings.sort_by(|x, y| {
        y.score
            .total_cmp(&x.score)
            .then(y.shared_words.cmp(&x.shared_words))
            .then((x.a.recommendation != x.b.recommendation).cmp(&(y.a.recommendation != y.b.recommendation)))
            .then_with(|| {
                (&x.a.doc, x.a.paragraph, &x.b.doc, x.b.paragraph).cmp(&(
                    &y.a.doc,
                    y.a.paragraph,
                    &y.b.doc,
                    y.b.paragraph,
                ))
            })
    });
}

/// Byte ranges of runs of consecutive token indexes.
fn runs(toks: &[units::Tok], idx: impl Iterator<Item = usize>) -> Vec<[usize; 2]> {
    let mut out: Vec<[usize; 2]> = Vec::new();
    let mut last: Option<usize> = None;
    for i in idx {
        match (out.last_mut(), last) {
            (Some(r), Some(l)) if i == l + 1 => r[1] = toks[i].end(),
            _ => out.push([toks[i].start(), toks[i].end()]),
        }
        last = Some(i);
    }
    out
}

/// A passage as evidence: the words that are the same are marked; the words only nearly the same
/// are listed apart (counted as shared, shown as differing: as written, they differ).
fn span(a: &Unit, b: &Unit, p: &Passage) -> Span {
    let shared: Vec<&str> =
        p.pairs.iter().map(|&(i, _)| &a.paragraph.text[a.toks[i].start()..a.toks[i].end()]).collect();
    let same = || p.pairs.iter().zip(&p.near).filter(|(_, &n)| !n).map(|(q, _)| q);
    let near = || p.pairs.iter().zip(&p.near).filter(|(_, &n)| n).map(|(q, _)| q);
    let ranges = |u: &Unit, idx: &mut dyn Iterator<Item = usize>| -> Vec<[usize; 2]> {
        idx.map(|i| [u.toks[i].start(), u.toks[i].end()]).collect()
    };
    Span {
        a: [a.toks[p.a.0].start(), a.toks[p.a.1 - 1].end()],
        b: [b.toks[p.b.0].start(), b.toks[p.b.1 - 1].end()],
        words: p.pairs.len(),
        shared: shared.join(" "),
        marks_a: runs(&a.toks, same().map(|q| q.0)),
        marks_b: runs(&b.toks, same().map(|q| q.1)),
        near_a: ranges(a, &mut near().map(|q| q.0)),
        near_b: ranges(b, &mut near().map(|q| q.1)),
    }
}
