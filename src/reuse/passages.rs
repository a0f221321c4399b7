//! Passages, not pairs: each copied passage once (a family of paragraphs connected by shared
//! wording), with its template (its text as most occurrences carry it, see [`super::template`]),
//! every occurrence in date order, the earliest dated one marked as the likely source when another
//! is dated, and what each occurrence changed against the template.

use std::cmp::Ordering;
use std::collections::{BTreeSet, HashMap, HashSet};

use rayon::prelude::*;

use serde::Serialize;

use super::finding::{Family, Finding, Report};
use super::template;
use super::units::body_of;
use crate::dates::{compare, PartialDate};
use crate::model::Paragraph;

/// One place a passage occurs.
#[derive(Debug, Clone, Serialize)]
pub struct Occurrence {
    pub paragraph: Paragraph,
    pub body: String,
    /// The date of its document (null: undated, never guessed).
    pub date: Option<String>,
    /// The earliest dated occurrence, strictly before every other dated one of another document
    /// (there must be one: a passage whose other occurrences are undated has no likely source).
    pub source: bool,
    /// Byte ranges of its own words the template lacks (words quoted from the report are never a
    /// change).
    pub added: Vec<[usize; 2]>,
    /// The template's words it lacks, in order.
    pub dropped: Vec<String>,
    /// How many of `dropped` stand in a row in the template, run by run.
    #[serde(skip)]
    pub dropped_runs: Vec<usize>,
    /// Byte ranges of its words that are the template's only nearly (misread, or another
    /// inflection): the same words, not changes.
    pub near: Vec<[usize; 2]>,
}

impl Occurrence {
    /// Its words the template lacks, as written.
    pub fn added_words(&self) -> Vec<&str> {
        self.added.iter().filter_map(|&[a, b]| self.paragraph.text.get(a..b)).collect()
    }

    /// How many of its added words stand in a row (with only spaces and punctuation between), run
    /// by run.
    pub fn added_runs(&self) -> Vec<usize> {
        let mut runs: Vec<usize> = Vec::new();
        let mut last: Option<usize> = None;
        for &[a, b] in &self.added {
            let joined = last
                .and_then(|end| self.paragraph.text.get(end..a))
                .is_some_and(|gap| !gap.chars().any(char::is_alphanumeric));
            match runs.last_mut() {
                Some(n) if joined => *n += 1,
                _ => runs.push(1),
            }
            last = Some(b);
        }
        runs
    }

    /// Its words that are the template's only nearly, as written.
    pub fn near_words(&self) -> Vec<&str> {
        self.near.iter().filter_map(|&[a, b]| self.paragraph.text.get(a..b)).collect()
    }

    /// Whether it carries the template as it is.
    pub fn as_template(&self) -> bool {
        self.added.is_empty() && self.dropped.is_empty()
    }
}

/// A copied passage and where it occurs.
#[derive(Debug, Clone, Serialize)]
pub struct Passage {
    /// The family's id (`F1`).
    pub id: String,
    /// The longest shared run of words among its findings.
    pub text: String,
    /// Its text as most of its occurrences carry it (`…` where they differ).
    pub template: String,
    /// The number of words of the template.
    pub template_words: usize,
    pub strongest: f64,
    pub bodies: usize,
    pub documents: usize,
    /// In date order, undated last.
    pub occurrences: Vec<Occurrence>,
}

impl Passage {
    /// The likely source: the first occurrence when it is dated strictly before every other.
    pub fn first(&self) -> Option<&Occurrence> {
        self.occurrences.iter().find(|o| o.source)
    }
}

/// The occurrence the template is built on: the one that shares most words with the others in
/// its findings, then the shortest (the fewest words of its own), then the first in date order.
fn medoid(paragraphs: &[&Paragraph], findings: &[&Finding]) -> usize {
    let mut shared: HashMap<&str, usize> = HashMap::new();
    for f in findings {
        for p in [&f.a, &f.b] {
            *shared.entry(p.id.as_str()).or_default() += f.shared_words;
        }
    }
    let key = |k: usize| {
        let p = paragraphs[k];
        (std::cmp::Reverse(shared.get(p.id.as_str()).copied().unwrap_or(0)), crate::normalize::word_count(&p.text), k)
    };
    (0..paragraphs.len()).min_by_key(|&k| key(k)).unwrap_or(0)
}

/// The passages of a report (its families), strongest first; `date_of` gives a document's date,
/// `quoted` the byte ranges of a paragraph quoted from the report.
pub fn passages(
    report: &Report,
    date_of: &(dyn Fn(&str) -> Option<String> + Sync),
    quoted: &(dyn Fn(&Paragraph) -> Vec<[usize; 2]> + Sync),
) -> Vec<Passage> {
    let mut by_family: HashMap<&str, Vec<&Finding>> = HashMap::new();
    for f in &report.findings {
        by_family.entry(f.family.as_str()).or_default().push(f);
    }
    // Each family on its own core: its template is the costly part.
    let mut out: Vec<Passage> = report
        .families
        .par_iter()
        .map(|family| {
            passage(family, by_family.get(family.id.as_str()).map_or(&[][..], Vec::as_slice), date_of, quoted)
        })
        .collect();
    out.sort_by(|a, b| {
        b.strongest.total_cmp(&a.strongest).then(b.occurrences.len().cmp(&a.occurrences.len())).then(a.id.cmp(&b.id))
    });
    out
}

/// One family's passage: its occurrences in date order, the likely source, the template.
fn passage(
    family: &Family,
    findings: &[&Finding],
    date_of: &(dyn Fn(&str) -> Option<String> + Sync),
    quoted: &(dyn Fn(&Paragraph) -> Vec<[usize; 2]> + Sync),
) -> Passage {
    let mut paragraphs: Vec<&Paragraph> = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    for f in findings {
        for p in [&f.a, &f.b] {
            if seen.insert(p.id.as_str()) {
                paragraphs.push(p);
            }
        }
    }
    let dated = |p: &Paragraph| date_of(&p.doc).filter(|d| PartialDate::parse(d).is_some());
    paragraphs.sort_by(|x, y| match (dated(x), dated(y)) {
        (Some(a), Some(b)) => compare(Some(&a), Some(&b)).unwrap_or(Ordering::Equal).then_with(|| x.id.cmp(&y.id)),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => (&x.doc, x.paragraph).cmp(&(&y.doc, y.paragraph)),
    });
    let first = paragraphs.first().copied();
    // The likely source: the first occurrence, dated, in a document strictly earlier than every
    // other dated document the passage occurs in, of which there is at least one.
    let source = first.filter(|p| {
        dated(p).is_some_and(|d| {
            let rivals: Vec<String> = paragraphs.iter().filter(|q| q.doc != p.doc).filter_map(|q| dated(q)).collect();
            !rivals.is_empty() && rivals.iter().all(|e| compare(Some(&d), Some(e)) == Some(Ordering::Less))
        })
    });
    let worded: Vec<Vec<template::Word>> = paragraphs.iter().map(|p| template::words_of(&p.text, &quoted(p))).collect();
    let (shape, changes) = if worded.is_empty() {
        (template::Template::default(), Vec::new())
    } else {
        template::template(&worded, medoid(&paragraphs, findings))
    };
    let occurrences = paragraphs
        .iter()
        .zip(changes)
        .map(|(p, c)| Occurrence {
            paragraph: (*p).clone(),
            body: body_of(p),
            date: date_of(&p.doc),
            source: source.is_some_and(|s| s.id == p.id),
            added: c.added,
            dropped: c.dropped,
            dropped_runs: c.dropped_runs,
            near: c.near,
        })
        .collect::<Vec<_>>();
    Passage {
        id: family.id.clone(),
        text: family.representative.clone(),
        template: shape.text(),
        template_words: shape.words.len(),
        strongest: family.strongest,
        bodies: occurrences.iter().map(|o| o.body.as_str()).collect::<BTreeSet<_>>().len(),
        documents: occurrences.iter().map(|o| o.paragraph.doc.as_str()).collect::<BTreeSet<_>>().len(),
        occurrences,
    }
}
