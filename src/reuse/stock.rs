//! Stock wording, earned by where its words come from: public formulas of the field that echoes
//! ships as data with their sources (`stock.toml`: statutory definitions, the standard accounts of
//! the super-complaint system and of inspections), extended by a corpus's own `stock.toml`. How
//! many bodies carry a passage never makes it stock (see `docs/scoring.md`).

use std::path::Path;

use anyhow::Context;
use rustc_hash::FxHashMap;
use serde::Deserialize;
use xxhash_rust::xxh3::xxh3_64;

use super::align::Passage;
use super::candidates::{shingles, Postings};
use super::units::Unit;
use crate::normalize::keyed_words;

/// The formulas echoes ships.
pub const SHIPPED: &str = include_str!("stock.toml");
/// A corpus's own formulas, at its root.
pub const CORPUS_FILE: &str = crate::listing::STOCK;
/// Consecutive words of a formula that make what they stand in stock wording.
pub const FORMULA_WORDS: usize = 5;

/// One public formula.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Formula {
    /// What it is ("statutory definition of a super-complaint").
    pub name: String,
    /// Where its words come from (a statute and section, a publication).
    pub source: String,
    pub text: String,
}

impl Formula {
    /// The reason a passage standing in it is stock, as shown to users.
    pub fn reason(&self) -> String {
        format!("{} ({})", self.name, self.source)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    formula: Vec<Formula>,
}

/// Parses a formulas file; the message says which entry is wrong.
pub fn parse(text: &str) -> Result<Vec<Formula>, String> {
    let file: File = toml::from_str(text).map_err(|e| e.message().to_string())?;
    for (n, f) in file.formula.iter().enumerate() {
        if keyed_words(&f.text).len() < FORMULA_WORDS {
            return Err(format!(
                "formula {} ('{}') has fewer than {FORMULA_WORDS} words: nothing could stand in it",
                n + 1,
                f.name
            ));
        }
        if f.source.trim().is_empty() {
            return Err(format!("formula {} ('{}') names no source", n + 1, f.name));
        }
    }
    Ok(file.formula)
}

/// The formulas a collection takes for stock wording, looked up by runs of their words.
#[derive(Debug, Clone, Default)]
pub struct Formulas {
    pub list: Vec<Formula>,
    /// Hash of [`FORMULA_WORDS`] consecutive word keys → the first formula holding them.
    grams: FxHashMap<u64, u16>,
}

fn gram(keys: &[u64]) -> u64 {
    let bytes: Vec<u8> = keys.iter().flat_map(|k| k.to_le_bytes()).collect();
    xxh3_64(&bytes)
}

impl Formulas {
    pub fn new(list: Vec<Formula>) -> Formulas {
        let mut grams = FxHashMap::default();
        for (n, f) in list.iter().enumerate() {
            let keys: Vec<u64> = keyed_words(&f.text).iter().map(|w| w.key).collect();
            for w in keys.windows(FORMULA_WORDS) {
                grams.entry(gram(w)).or_insert(n as u16);
            }
        }
        Formulas { list, grams }
    }

    /// The formulas echoes ships.
    pub fn shipped() -> Formulas {
        Formulas::new(parse(SHIPPED).expect("the shipped stock.toml is valid"))
    }

    /// The shipped formulas and those of the corpus at `dir` (its `stock.toml`, when there is one).
    pub fn of_corpus(dir: &Path) -> anyhow::Result<Formulas> {
        let mut list = parse(SHIPPED).expect("the shipped stock.toml is valid");
        let path = dir.join(CORPUS_FILE);
        if path.is_file() {
            let text = std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
            let own = parse(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
            list.extend(own);
        }
        Ok(Formulas::new(list))
    }

    /// Each word of `text` (by byte start) that stands in a run of a formula's words, with the
    /// formula.
    pub fn marks(&self, text: &str) -> FxHashMap<usize, u16> {
        let words = keyed_words(text);
        let keys: Vec<u64> = words.iter().map(|w| w.key).collect();
        let mut out = FxHashMap::default();
        for (i, w) in keys.windows(FORMULA_WORDS).enumerate() {
            if let Some(&f) = self.grams.get(&gram(w)) {
                for word in &words[i..i + FORMULA_WORDS] {
                    out.entry(word.start).or_insert(f);
                }
            }
        }
        out
    }
}

/// How many of a's shared words (in `passages`) are stock wording, and why: they stand in a public
/// formula (`formulas`), or in a shingle that stands in answers to several reports, by several
/// bodies in each (a formula of the field, not an answer to one report; see
/// `Postings::field_formula`; `report_names` names the reports by number). How many bodies carry
/// them is no reason.
pub fn stock_words(
    formulas: &Formulas,
    postings: &Postings,
    report_names: &[String],
    a: &Unit,
    passages: &[Passage],
) -> (usize, Vec<String>) {
    let k = postings.k;
    let formula = formulas.marks(&a.paragraph.text);
    let hashes: FxHashMap<usize, u64> = shingles(a, k).into_iter().collect();
    let mut reasons: Vec<String> = Vec::new();
    let mut reason = |r: String| {
        if !reasons.contains(&r) {
            reasons.push(r);
        }
    };
    let mut field_reports: Vec<u32> = Vec::new();
    let mut stock = 0;
    for p in passages {
        let mut marked = vec![false; p.pairs.len()];
        for (x, &(i, _)) in p.pairs.iter().enumerate() {
            if let Some(&f) = formula.get(&a.toks[i].start()) {
                marked[x] = true;
                reason(formulas.list[f as usize].reason());
            }
        }
        for (x, w) in p.pairs.windows(k).enumerate() {
            let consecutive = w.windows(2).all(|q| q[1] == (q[0].0 + 1, q[0].1 + 1));
            let field = hashes.get(&p.pairs[x].0).and_then(|&h| postings.field_formula(h));
            if let (true, Some(reports)) = (consecutive, field) {
                marked[x..x + k].iter_mut().for_each(|m| *m = true);
                field_reports.extend_from_slice(reports);
            }
        }
        stock += marked.iter().filter(|&&m| m).count();
    }
    if !field_reports.is_empty() {
        let mut names: Vec<&str> = field_reports.iter().map(|&r| report_names[r as usize].as_str()).collect();
        names.sort_unstable();
        names.dedup();
        reason(format!("stands in answers to several reports ({})", names.join(", ")));
    }
    (stock, reasons)
}

/// The shingles (of `k` words) of `units` made only of words of a public formula.
pub fn formula_shingles(formulas: &Formulas, units: &[Unit], k: usize) -> rustc_hash::FxHashSet<u64> {
    use rayon::prelude::*;
    units
        .par_iter()
        .flat_map_iter(|u| {
            let marks = formulas.marks(&u.paragraph.text);
            let all = |i: usize| (i..i + k).all(|t| marks.contains_key(&u.toks[t].start()));
            let found: Vec<u64> = if marks.is_empty() {
                Vec::new()
            } else {
                shingles(u, k).into_iter().filter(|&(i, _)| all(i)).map(|(_, h)| h).collect()
            };
            found
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_formula_is_found_in_its_own_text_and_names_its_source() {
        let formulas = Formulas::shipped();
        assert!(formulas.list.len() >= 5);
        for (n, f) in formulas.list.iter().enumerate() {
            assert!(!f.source.is_empty(), "{}", f.name);
            let marks = formulas.marks(&f.text);
            assert_eq!(marks.len(), keyed_words(&f.text).len(), "{}", f.name);
            assert!(marks.values().all(|&m| m as usize <= n), "{}", f.name);
        }
    }

    #[test]
    fn a_formula_is_found_restated_with_other_case_and_punctuation_but_not_its_single_words() {
        let formulas = Formulas::shipped();
        let text = "We note that a super complaint is a complaint that a feature or combination of features of \
                    policing is harming the public. Our officers took the complaint seriously.";
        let marks = formulas.marks(text);
        let marked: Vec<&str> =
            keyed_words(text).iter().filter(|w| marks.contains_key(&w.start)).map(|w| &text[w.start..w.end]).collect();
        assert_eq!(
            marked.join(" "),
            "a super complaint is a complaint that a feature or combination of features of policing"
        );
    }

    #[test]
    fn a_corpus_file_adds_formulas_and_a_bad_one_is_refused_by_name() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(CORPUS_FILE),
            "[[formula]]\nname = \"force motto\"\nsource = \"the force's charter\"\ntext = \"keeping the county safe every single day\"\n",
        )
        .unwrap();
        let formulas = Formulas::of_corpus(dir.path()).unwrap();
        let last = formulas.list.last().unwrap();
        assert_eq!(last.reason(), "force motto (the force's charter)");
        assert_eq!(formulas.marks("We are keeping the county safe every single day.").len(), 7);
        std::fs::write(
            dir.path().join(CORPUS_FILE),
            "[[formula]]\nname = \"short\"\nsource = \"x\"\ntext = \"too short\"\n",
        )
        .unwrap();
        let err = Formulas::of_corpus(dir.path()).unwrap_err().to_string();
        assert!(err.contains("stock.toml") && err.contains("'short'"), "{err}");
    }
}
