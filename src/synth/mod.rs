//! Synthetic response corpora for measuring echoes at scale: documents for the 43 territorial
//! forces answering the report's recommendations, with quotation, furniture and stock phrases,
//! planted copies of known kinds, and the ground truth of every planted pair.

mod copies;
mod doc;
mod truth;
mod words;

use copies::{plant_between_copies, Copy};
pub use doc::Shape;
use doc::*;
pub use truth::{evaluate, read_truth, At, Plant, Reported, Score, Truth};
use words::*;

use std::fs;
use std::io::{BufWriter, Write};
use std::path::Path;

use anyhow::Context;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

use crate::corpus::bundled_recommendations;
use crate::forces;
use crate::model::{Recommendation, Recommendations};
use crate::normalize::word_texts;

#[derive(Debug, Clone)]
pub struct Options {
    pub paragraphs: usize,
    pub seed: u64,
    /// The shapes documents take, in turn (one document in six is a letter when all six are
    /// given). Empty: headed only.
    pub shapes: Vec<Shape>,
    /// How many reports the documents answer: the bundled one, and synthetic ones beside it in
    /// `reports/` (each force answers them in turn).
    pub reports: usize,
    /// The share of characters (0 to 1) of each planted copy substituted, as OCR misreads a
    /// scanned copy: letters taken for other letters.
    pub ocr_noise: f64,
    /// Plant the traps of real collections, none of them copying: a foreword of each report (a
    /// reference document) quoted by responses, the statutory definition of a super-complaint in
    /// most bodies' responses, and address lines to the inspectorate and the College.
    pub traps: bool,
    /// Plant templates: answers pasted word for word by 2 to 12 bodies (families of three
    /// otherwise), each family's pairs in the truth with its number of bodies.
    pub templates: bool,
}

/// The statutory definition most bodies' responses repeat.
const DEFINITION: &str = "A super-complaint is a complaint that a feature, or combination of features, of policing in \
    England and Wales by one or more than one police force is, or appears to be, significantly harming the interests \
    of the public (section 29A Police Reform Act 2002).";

/// Address lines of letters to the inspectorate and the College.
const ADDRESSES: &[&str] = &[
    "To Andy Cooke QPM DL, His Majesty's Chief Inspector of Constabulary and His Majesty's Chief Inspector of Fire & Rescue Services",
    "To Chief Constable Sir Andy Marsh QPM, Chief Executive Officer, College of Policing",
];

impl Options {
    /// Headed documents only, as the bundled responses are, answering the bundled report.
    pub fn headed(paragraphs: usize, seed: u64) -> Options {
        Options {
            paragraphs,
            seed,
            shapes: vec![Shape::Headed],
            reports: 1,
            ocr_noise: 0.0,
            traps: false,
            templates: false,
        }
    }
}

/// The reports of a synthetic corpus: the bundled one, then `n - 1` made of the vocabulary, each
/// with four recommendations numbered as the bundled report's are (numbers are per report).
fn reports(n: usize, words: &Words, rng: &mut ChaCha8Rng) -> Vec<Recommendations> {
    let mut out = vec![bundled_recommendations()];
    for k in 1..n.max(1) {
        let items = [1, 4, 5, 8]
            .into_iter()
            .map(|number| Recommendation {
                number,
                addressee: "To chief constables".into(),
                text: words.paragraph(rng, None, 3),
                asked: true,
            })
            .collect();
        out.push(Recommendations {
            report: Some(format!("synthetic-{k}")),
            title: Some(format!("Synthetic inspection report {k}")),
            publisher: Some("echoes-synth".into()),
            date: Some(format!("{}", 2021 + k)),
            text_file: None,
            deadlines: Vec::new(),
            items,
        });
    }
    out
}

#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub documents: usize,
    pub paragraphs: usize,
    pub planted: usize,
}

/// Generates a corpus of about `opts.paragraphs` paragraphs into `out/corpus`, and its ground truth
/// into `out/truth.jsonl`.
pub fn generate(opts: &Options, out: &Path) -> anyhow::Result<Summary> {
    let corpus_dir = out.join("corpus");
    fs::create_dir_all(&corpus_dir).with_context(|| format!("cannot create {}", corpus_dir.display()))?;
    let mut rng = ChaCha8Rng::seed_from_u64(opts.seed);
    // Noise draws from its own generator: the corpus is the same with or without it.
    let mut noise = ChaCha8Rng::seed_from_u64(opts.seed ^ 0x0c12);
    let words = Words::new(vocabulary(20_000, &mut rng));
    let reports = reports(opts.reports, &words, &mut rng);
    let force_names: Vec<&str> = forces::names().filter(|n| *n != "British Transport Police").collect();

    // The traps draw from their own generator, so that a corpus with them differs only by them.
    let mut traps = ChaCha8Rng::seed_from_u64(opts.seed ^ 0x7a95);
    let mut tmpl = ChaCha8Rng::seed_from_u64(opts.seed ^ 0x7e37);
    let forewords: Vec<Vec<String>> = if opts.traps {
        reports.iter().map(|_| (0..4).map(|_| words.sentence(&mut traps, None)).collect()).collect()
    } else {
        Vec::new()
    };
    let mut truth: Vec<Truth> = Vec::new();
    let mut sources: Vec<Source> = Vec::new();
    let mut families: Vec<Family> = Vec::new();
    let mut copies: Vec<Copy> = Vec::new();
    let mut manifest = String::from("# Synthetic corpus generated by echoes-synth.\n");
    let (mut total, mut documents) = (0usize, 0usize);
    // Each force's answers so far, with the report they answer: pasted into its answer to another.
    let mut earlier: std::collections::HashMap<String, (usize, At, String)> = std::collections::HashMap::new();
    let mut report_of: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    while total < opts.paragraphs {
        let force = force_names[documents % force_names.len()].to_string();
        // Forces answer the reports in turn.
        let r = (documents / force_names.len()) % reports.len();
        // The recommendations the forces were asked to answer; the others are only quoted.
        let recs: Vec<&Recommendation> = reports[r].items.iter().filter(|x| x.asked).collect();
        let others: Vec<&Recommendation> = reports[r].items.iter().filter(|x| !x.asked).collect();
        let slug: String = word_texts(&force).join("-");
        let shapes = if opts.shapes.is_empty() { &[Shape::Headed][..] } else { &opts.shapes[..] };
        let shape = shapes[documents % shapes.len()];
        let mut doc = Doc::new(format!("{slug}-{documents:06}"), force.clone(), shape);
        if matches!(shape, Shape::Headed | Shape::Statement | Shape::Glued) && rng.random_bool(0.3) {
            for c in CHROME {
                doc.push(c.to_string());
            }
        }
        match shape {
            Shape::Letter => doc.push(format!("Dear Sir, your letter of {} November:", 1 + documents % 28)),
            Shape::Statement => doc.push(format!("{force} statement")),
            _ if r > 0 => {
                doc.push(format!("{force} response to the {}", reports[r].title.as_deref().unwrap_or("report")))
            }
            _ => doc.push(format!("{force} response to the Safe to share? super-complaint report")),
        };
        report_of.insert(doc.id.clone(), r);
        if opts.traps {
            if traps.random_bool(0.4) {
                doc.push(ADDRESSES[traps.random_range(0..ADDRESSES.len())].to_string());
            }
            if traps.random_bool(0.6) {
                doc.push(DEFINITION.to_string());
            }
            if traps.random_bool(0.4) {
                let sentence = &forewords[r][traps.random_range(0..forewords[r].len())];
                doc.push(format!("The report's foreword says: \u{201C}{sentence}\u{201D}"));
            }
        }
        let sentences = rng.random_range(2..=4);
        doc.push(words.paragraph(&mut rng, None, sentences));
        let mut answers: Vec<(u32, At, String)> = Vec::new();
        for &rec in &recs {
            let quote = rng.random_bool(0.7).then(|| quote_of(rec, &mut rng));
            doc.open(rec, quote);
            if rng.random_bool(0.5) {
                doc.answer(STOCK[rng.random_range(0..STOCK.len())].to_string());
            }
            if rng.random_bool(0.2) {
                let own = words.paragraph(&mut rng, None, 1);
                doc.answer(format!("As the report says, {} {}", quote_of(rec, &mut rng), own));
            }
            for _ in 0..rng.random_range(2..=5) {
                let roll = rng.random::<f64>();
                let pick = (!sources.is_empty()).then(|| rng.random_range(0..sources.len()));
                let donor = pick.map(|i| sources[i].clone()).filter(|d| d.force != force);
                let long = |d: &Source, n: usize| d.text.split(' ').count() >= n;
                // Join an open family this force is not yet part of.
                let joinable = families.iter().position(|f| f.members.len() < f.size && !f.forces.contains(&force));
                let pool_before = truth.len() + families.len();
                match (donor, joinable) {
                    (_, Some(i)) if roll < if opts.templates { 0.03 } else { 0.01 } => {
                        let f = &mut families[i];
                        let at = doc.answer(f.text.clone());
                        copies.push(Copy {
                            root: f.members[0].clone(),
                            at: at.clone(),
                            plant: Plant::Family,
                            text: f.text.clone(),
                            force: force.clone(),
                        });
                        f.members.push(at);
                        f.forces.push(force.clone());
                    }
                    (Some(d), _) if roll < 0.02 => {
                        let text = d.text.clone();
                        let at = doc.answer(text.clone());
                        copies.push(Copy {
                            root: d.at.clone(),
                            at: at.clone(),
                            plant: Plant::Verbatim,
                            text,
                            force: force.clone(),
                        });
                        truth.push(Truth {
                            plant: Plant::Verbatim,
                            a: d.at,
                            b: at,
                            within: false,
                            across_reports: false,
                            bodies: None,
                        });
                    }
                    (Some(d), _) if roll < 0.03 && long(&d, 30) => {
                        let text = edit(&d.text, &words, &mut rng);
                        let at = doc.answer(text.clone());
                        copies.push(Copy {
                            root: d.at.clone(),
                            at: at.clone(),
                            plant: Plant::Edited,
                            text,
                            force: force.clone(),
                        });
                        truth.push(Truth {
                            plant: Plant::Edited,
                            a: d.at,
                            b: at,
                            within: false,
                            across_reports: false,
                            bodies: None,
                        });
                    }
                    (Some(d), _) if roll < 0.04 && d.text.starts_with(&d.force) => {
                        let text = d.text.replacen(&d.force, &force, 1);
                        let at = doc.answer(text.clone());
                        copies.push(Copy {
                            root: d.at.clone(),
                            at: at.clone(),
                            plant: Plant::NameSwapped,
                            text,
                            force: force.clone(),
                        });
                        truth.push(Truth {
                            plant: Plant::NameSwapped,
                            a: d.at,
                            b: at,
                            within: false,
                            across_reports: false,
                            bodies: None,
                        });
                    }
                    (Some(d), _) if roll < 0.05 && long(&d, 20) => {
                        let ws: Vec<&str> = d.text.split(' ').collect();
                        let n = rng.random_range(15..=30).min(ws.len());
                        let start = rng.random_range(0..=ws.len() - n);
                        let passage = ws[start..start + n].join(" ").trim_end_matches('.').to_string();
                        let before = words.paragraph(&mut rng, None, 2);
                        let after = words.paragraph(&mut rng, None, 2);
                        let text = format!("{before} In particular, {passage}. {after}");
                        let at = doc.answer(text.clone());
                        copies.push(Copy {
                            root: d.at.clone(),
                            at: at.clone(),
                            plant: Plant::Partial,
                            text,
                            force: force.clone(),
                        });
                        truth.push(Truth {
                            plant: Plant::Partial,
                            a: d.at,
                            b: at,
                            within: false,
                            across_reports: false,
                            bodies: None,
                        });
                    }
                    (Some(d), _) if roll < 0.054 => {
                        let at = doc.answer(d.text.clone());
                        copies.push(Copy {
                            root: d.at.clone(),
                            at: at.clone(),
                            plant: Plant::Family,
                            text: d.text.clone(),
                            force: force.clone(),
                        });
                        families.push(Family {
                            text: d.text,
                            // Three bodies, or with templates 2 to 12 (drawn apart, so that the
                            // rest of a corpus of a given seed is as it was).
                            size: match rng.random_range(3..=5).min(3) {
                                _ if opts.templates => tmpl.random_range(2..=12),
                                n => n,
                            },
                            members: vec![d.at, at],
                            forces: vec![d.force, force.clone()],
                        });
                    }
                    _ => {
                        let named = rng.random_bool(0.3).then_some(force.as_str());
                        let sentences = rng.random_range(1..=4);
                        let text = words.paragraph(&mut rng, named, sentences);
                        let at = doc.answer(text.clone());
                        // Keep a bounded, evenly drawn pool of paragraphs to copy from.
                        let s = Source { at: at.clone(), force: force.clone(), text: text.clone() };
                        if sources.len() < SOURCE_POOL {
                            sources.push(s);
                        } else if rng.random_bool(0.05) {
                            let slot = rng.random_range(0..SOURCE_POOL);
                            sources[slot] = s;
                        }
                        answers.push((rec.number, at, text));
                    }
                }
                // An original is copied once (or by one family): later copies come from others.
                if let Some(i) = pick.filter(|_| truth.len() + families.len() > pool_before) {
                    sources.swap_remove(i);
                }
            }
            // Quotation of a recommendation addressed to others ("pending the Home Office's review
            // under recommendation 2, ..."): quotation, never a finding.
            if !others.is_empty() && rng.random_bool(0.1) {
                let quoted = others[rng.random_range(0..others.len())];
                doc.answer(quoted.text.split_whitespace().collect::<Vec<_>>().join(" "));
            }
            // Quotation of another report of the corpus: quotation, never a finding.
            if reports.len() > 1 && rng.random_bool(0.1) {
                let other = &reports[(r + 1 + rng.random_range(0..reports.len() - 1)) % reports.len()];
                let quoted = &other.items[rng.random_range(0..other.items.len())];
                // Its first paragraph, on one line.
                let first = quoted.text.trim().split("\n\n").next().unwrap_or_default();
                doc.answer(first.split_whitespace().collect::<Vec<_>>().join(" "));
            }
            // One answer pasted by the same force under a later recommendation.
            if rec.number != recs[0].number && rng.random_bool(0.03) {
                if let Some((_, at, text)) = answers.iter().find(|(n, _, _)| *n != rec.number).cloned() {
                    paste_own(&mut doc, &mut copies, &mut truth, at, text);
                }
            }
        }
        // One of the force's answers to another report, pasted into this one.
        if let Some((_, at, text)) = earlier.get(&force).filter(|(er, _, _)| *er != r).cloned() {
            if rng.random_bool(0.3) {
                paste_own(&mut doc, &mut copies, &mut truth, at, text);
            }
        }
        if let Some((_, at, text)) = answers.first() {
            earlier.insert(force.clone(), (r, at.clone(), text.clone()));
        }
        doc.push("Yours sincerely".to_string());
        doc.push(format!(
            "Chief Constable {}",
            words.paragraph(&mut rng, None, 1).split(' ').take(2).collect::<Vec<_>>().join(" ")
        ));
        if opts.ocr_noise > 0.0 {
            for c in copies.iter().filter(|c| c.at.doc == doc.id) {
                let line = &mut doc.lines[c.at.line as usize - 1];
                *line = ocr_noise(line, opts.ocr_noise, &mut noise);
            }
        }
        total += doc.lines.len();
        documents += 1;
        write_doc(&corpus_dir, &doc)?;
        manifest.push_str(&format!("\n[[document]]\npath = \"{}.txt\"\nforce = \"{}\"\n", doc.id, doc.force));
        // Of several reports, two documents in three name theirs; the others are matched by text.
        if reports.len() > 1 && documents % 3 != 0 {
            manifest.push_str(&format!("report = \"{}\"\n", reports[r].id()));
        }
    }
    for f in &families {
        for i in 0..f.members.len() {
            for j in i + 1..f.members.len() {
                truth.push(Truth {
                    plant: Plant::Family,
                    a: f.members[i].clone(),
                    b: f.members[j].clone(),
                    within: false,
                    across_reports: false,
                    bodies: Some(f.forces.len() as u32),
                });
            }
        }
    }
    plant_between_copies(&mut truth, &copies);
    for (r, foreword) in forewords.iter().enumerate() {
        let id = format!("foreword-{}", reports[r].id());
        let text = format!("Foreword\n\n{}\n", foreword.join(" "));
        fs::write(corpus_dir.join(format!("{id}.txt")), text)?;
        manifest.push_str(&format!(
            "\n[[document]]\npath = \"{id}.txt\"\nforce = \"HMICFRS\"\nreport = \"{}\"\nkind = \"reference\"\n",
            reports[r].id()
        ));
    }
    fs::write(corpus_dir.join(crate::corpus::MANIFEST), manifest)?;
    fs::write(corpus_dir.join(crate::corpus::RECOMMENDATIONS), include_str!("../../corpus/recommendations.toml"))?;
    if reports.len() > 1 {
        let folder = corpus_dir.join(crate::corpus::REPORTS);
        fs::create_dir_all(&folder).with_context(|| format!("cannot create {}", folder.display()))?;
        for report in &reports[1..] {
            let path = folder.join(format!("{}.toml", report.id()));
            fs::write(&path, toml::to_string(report)?).with_context(|| format!("cannot write {}", path.display()))?;
        }
    }
    for t in &mut truth {
        t.across_reports = report_of.get(&t.a.doc) != report_of.get(&t.b.doc);
    }
    let mut w = BufWriter::new(fs::File::create(out.join("truth.jsonl"))?);
    for t in &truth {
        serde_json::to_writer(&mut w, t)?;
        writeln!(w)?;
    }
    w.flush()?;
    Ok(Summary { documents, paragraphs: total, planted: truth.len() })
}

/// The document's force pastes one of its own earlier answers (`at`) into it.
fn paste_own(doc: &mut Doc, copies: &mut Vec<Copy>, truth: &mut Vec<Truth>, at: At, text: String) {
    let copy = doc.answer(text.clone());
    let force = doc.force.clone();
    copies.push(Copy { root: at.clone(), at: copy.clone(), plant: Plant::SameForce, text, force });
    truth.push(Truth { plant: Plant::SameForce, a: at, b: copy, within: true, across_reports: false, bodies: None });
}

fn write_doc(dir: &Path, doc: &Doc) -> anyhow::Result<()> {
    let path = dir.join(format!("{}.txt", doc.id));
    let mut text = doc.lines.join("\n");
    text.push('\n');
    fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))
}
