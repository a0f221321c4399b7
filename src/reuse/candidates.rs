//! Candidate generation: an in-memory inverted index of hashed word n-grams (shingles) of the
//! bodies' own words, with how many bodies and reports use each, so that only paragraphs sharing
//! a run of words are ever compared. Every shingle is followed up, however common: a passage many
//! bodies carry is a finding (a template), and candidates are counted unit by unit, so that memory
//! stays bounded by one unit's partners. A run holding a word OCR misread is indexed a second time
//! with the word it was likely misread from (see `misread`), so that a scanned copy still meets
//! what it copies.

use rustc_hash::FxHashMap;

use xxhash_rust::xxh3::xxh3_64;

use super::units::Unit;

/// Words per shingle.
pub const SHINGLE: usize = 5;
/// A report id no unit answers (a unit of no known report).
pub const NO_REPORT: u32 = u32::MAX;

/// An entry of the index made of a unit's words as they were likely written, not as read.
const MISREAD: u32 = 1 << 31;

/// Hashes of the unit's shingles, by position of their first word; quoted words break shingles.
pub fn shingles(unit: &Unit, k: usize) -> Vec<(usize, u64)> {
    shingles_of(unit, k, None)
}

/// Hashes of the unit's shingles with a word that `likely` replaces (see `misread::likeliest`),
/// over the replacements, by position of their first word.
pub fn misread_shingles(unit: &Unit, k: usize, likely: &[u32]) -> Vec<(usize, u64)> {
    shingles_of(unit, k, Some(likely))
}

fn shingles_of(unit: &Unit, k: usize, likely: Option<&[u32]>) -> Vec<(usize, u64)> {
    let mut out = Vec::new();
    let replaced = |l: &[u32]| unit.toks.iter().any(|t| l[t.id as usize] != t.id);
    if unit.toks.len() < k || likely.is_some_and(|l| !replaced(l)) {
        return out;
    }
    let mut buf = Vec::with_capacity(k * 4);
    for (i, w) in unit.toks.windows(k).enumerate() {
        if w.iter().any(|t| t.quoted) {
            continue;
        }
        if let Some(likely) = likely {
            if w.iter().all(|t| likely[t.id as usize] == t.id) {
                continue;
            }
        }
        buf.clear();
        for t in w {
            let id = likely.map_or(t.id, |l| l[t.id as usize]);
            buf.extend_from_slice(&id.to_le_bytes());
        }
        out.push((i, xxh3_64(&buf)));
    }
    out
}

/// The shingle index over a set of units: (shingle, unit) pairs sorted by shingle.
pub struct Postings {
    pub k: usize,
    /// Sorted and deduplicated; shingles held by one unit only are dropped unless kept on purpose.
    /// A unit marked [`MISREAD`] holds the shingle once its misread words are replaced.
    entries: Vec<(u64, u32)>,
    /// Shingle → number of distinct bodies using it, for shingles held by two or more units.
    bodies: FxHashMap<u64, u32>,
    /// Shingle → the reports in whose answers two bodies or more carry it, for shingles where
    /// there are two such reports or more: formulas of the field (see [`Postings::field_formula`]).
    field: FxHashMap<u64, Vec<u32>>,
    /// Each unit's body.
    body_of: Vec<u32>,
    /// Shingles made only of words of a public formula (stock wording wherever they stand):
    /// followed up from one unit only, so that a definition most paragraphs restate costs
    /// linear work, and still lists who carries it.
    stock: rustc_hash::FxHashSet<u64>,
    /// Number of distinct bodies.
    pub n_bodies: usize,
}

impl Postings {
    /// Indexes the units' shingles, and those of their runs with a misread word as it was
    /// likely written (`likely`: see `misread::likeliest`; these count towards candidates, never
    /// towards how many bodies use a shingle). With `keep_unique`, shingles of a single unit are
    /// kept too (needed to look up texts from outside the collection).
    /// `report_ids`: each unit's report ([`NO_REPORT`] for none).
    pub fn build(
        units: &[Unit],
        body_ids: &[u32],
        report_ids: &[u32],
        k: usize,
        keep_unique: bool,
        likely: &[u32],
    ) -> Postings {
        use rayon::prelude::*;
        let mut entries: Vec<(u64, u32)> = units
            .par_iter()
            .enumerate()
            .flat_map_iter(|(u, unit)| {
                let exact = shingles(unit, k).into_iter().map(move |(_, h)| (h, u as u32));
                let misread = misread_shingles(unit, k, likely).into_iter().map(move |(_, h)| (h, u as u32 | MISREAD));
                exact.chain(misread)
            })
            .collect();
        entries.par_sort_unstable();
        entries.dedup();
        let mut bodies = FxHashMap::default();
        let mut field = FxHashMap::default();
        let mut carriers: Vec<(u32, u32)> = Vec::new();
        let mut kept: Vec<(u64, u32)> = Vec::with_capacity(if keep_unique { entries.len() } else { entries.len() / 8 });
        let mut seen_bodies: Vec<u32> = Vec::new();
        for group in entries.chunk_by(|x, y| x.0 == y.0) {
            // Misread entries sort after the unit ids they are not.
            let exact = group.partition_point(|&(_, u)| u & MISREAD == 0);
            if exact >= 2 {
                seen_bodies.clear();
                seen_bodies.extend(group[..exact].iter().map(|&(_, u)| body_ids[u as usize]));
                seen_bodies.sort_unstable();
                seen_bodies.dedup();
                bodies.insert(group[0].0, seen_bodies.len() as u32);
                // Each report's bodies carrying it; reports where two bodies or more do.
                carriers.clear();
                let known = group[..exact].iter().map(|&(_, u)| (report_ids[u as usize], body_ids[u as usize]));
                carriers.extend(known.filter(|&(r, _)| r != NO_REPORT));
                carriers.sort_unstable();
                carriers.dedup();
                // A body carrying it in answers to several reports pasted its own answer: it makes
                // none of them the field's. Reports where two bodies or more carry it alone count.
                let in_several = |b: u32| carriers.iter().filter(|&&(_, c)| c == b).count() > 1;
                let shared: Vec<u32> = carriers
                    .chunk_by(|x, y| x.0 == y.0)
                    .filter(|c| c.iter().filter(|&&(_, b)| !in_several(b)).count() >= 2)
                    .map(|c| c[0].0)
                    .collect();
                if shared.len() >= 2 {
                    field.insert(group[0].0, shared);
                }
            }
            // A shingle of one unit is kept for lookups only as read.
            if group.len() >= 2 || (keep_unique && exact == 1) {
                kept.extend_from_slice(group);
            }
        }
        kept.shrink_to_fit();
        let n_bodies = {
            let mut all = body_ids.to_vec();
            all.sort_unstable();
            all.dedup();
            all.len()
        };
        Postings { k, entries: kept, bodies, field, body_of: body_ids.to_vec(), stock: Default::default(), n_bodies }
    }

    /// The units holding a shingle, as read or with their misread words replaced.
    pub fn units(&self, h: u64) -> impl Iterator<Item = u32> + '_ {
        let start = self.entries.partition_point(|e| e.0 < h);
        self.entries[start..].iter().take_while(move |e| e.0 == h).map(|e| e.1 & !MISREAD)
    }

    /// How many bodies use a shingle.
    pub fn body_count(&self, h: u64) -> u32 {
        self.bodies.get(&h).copied().unwrap_or(1)
    }

    /// The reports a shingle is a formula of the field in: it stands in answers to two reports
    /// or more, in each of them carried by two bodies or more, so that it is no one body's answer
    /// pasted into another report, nor one answer copied. The same for every pair that shares it.
    pub fn field_formula(&self, h: u64) -> Option<&[u32]> {
        self.field.get(&h).map(Vec::as_slice)
    }

    /// The same index, knowing which shingles are made only of a public formula's words (see
    /// `stock`).
    pub fn with_stock(mut self, stock: rustc_hash::FxHashSet<u64>) -> Postings {
        self.stock = stock;
        self
    }

    /// Each unit's body id.
    pub fn body(&self, u: u32) -> u32 {
        self.body_of[u as usize]
    }

    /// Weight of a shingle by how many bodies use it: 1 when at most two do (one copying
    /// another), falling logarithmically to 0 when every body does.
    pub fn weight(&self, h: u64) -> f64 {
        let n = self.n_bodies as f64;
        let df = f64::from(self.body_count(h).max(1));
        if df <= 2.0 || n <= 2.0 {
            1.0
        } else {
            ((n / df).ln() / (n / 2.0).ln()).clamp(0.0, 1.0)
        }
    }

    /// Pairs of units sharing at least `needed` shingles, both `usable` (units that cannot hold a
    /// finding are left out before any pair is counted), which `keep` accepts. Every shingle is
    /// followed up however many units hold it: the work grows with the pairs of units that share
    /// words, and memory with one unit's partners at a time (each unit counts its own, on every
    /// core).
    pub fn pairs(&self, needed: usize, usable: &[bool], keep: impl Fn(u32, u32) -> bool + Sync) -> Vec<(u32, u32)> {
        use rayon::prelude::*;
        // The members of each shingle held by two units or more (a unit once, as read or as likely
        // written), and each unit's shingles.
        let mut members: Vec<u32> = Vec::new();
        let mut starts: Vec<usize> = vec![0];
        let mut star: Vec<bool> = Vec::new();
        for group in self.entries.chunk_by(|x, y| x.0 == y.0) {
            let from = members.len();
            members.extend(group.iter().map(|&(_, u)| u & !MISREAD).filter(|&u| usable[u as usize]));
            members[from..].sort_unstable();
            let mut kept = from;
            for x in from..members.len() {
                if kept == from || members[x] != members[kept - 1] {
                    members[kept] = members[x];
                    kept += 1;
                }
            }
            members.truncate(kept);
            if kept - from < 2 {
                members.truncate(from);
                continue;
            }
            starts.push(members.len());
            star.push(self.stock.contains(&group[0].0));
        }
        let n_units = self.body_of.len();
        let mut of_unit: Vec<Vec<u32>> = vec![Vec::new(); n_units];
        for g in 0..starts.len() - 1 {
            for &u in &members[starts[g]..starts[g + 1]] {
                of_unit[u as usize].push(g as u32);
            }
        }
        let mut out: Vec<(u32, u32)> = (0..n_units as u32)
            .into_par_iter()
            .flat_map_iter(|i| {
                let mut counts: FxHashMap<u32, u32> = FxHashMap::default();
                for &g in &of_unit[i as usize] {
                    let group = &members[starts[g as usize]..starts[g as usize + 1]];
                    // A formula's shingle joins its first unit with each other, no more: a pair
                    // sharing nothing else is stock, and its carriers are still connected.
                    if star[g as usize] && group[0] != i {
                        continue;
                    }
                    let after = group.partition_point(|&j| j <= i);
                    for &j in &group[after..] {
                        if keep(i, j) {
                            *counts.entry(j).or_default() += 1;
                        }
                    }
                }
                counts.into_iter().filter(|&(_, c)| c as usize >= needed).map(move |(j, _)| (i, j)).collect::<Vec<_>>()
            })
            .collect();
        out.sort_unstable();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::bundled_recommendations;
    use crate::model::Paragraph;
    use crate::quote::{Quoter, QUOTE_NGRAM};
    use crate::reuse::units::{unit, Vocabulary};

    fn units(texts: &[(&str, &str)]) -> (Vec<Unit>, Vec<u32>) {
        let q = Quoter::new(&bundled_recommendations().items, QUOTE_NGRAM);
        let mut v = Vocabulary::default();
        let us: Vec<Unit> = texts
            .iter()
            .enumerate()
            .map(|(i, (force, text))| {
                let p = Paragraph {
                    id: format!("d{i}:0"),
                    doc: format!("d{i}"),
                    force: Some(force.to_string()),
                    line: 1,
                    ..Paragraph::outside(text)
                };
                unit(p, &q, &mut v)
            })
            .collect();
        let ids = (0..us.len() as u32).collect();
        (us, ids)
    }

    fn all(us: &[Unit]) -> Vec<bool> {
        vec![true; us.len()]
    }

    fn no_reports(us: &[Unit]) -> Vec<u32> {
        vec![NO_REPORT; us.len()]
    }

    fn likely(us: &[Unit]) -> Vec<u32> {
        let n = us.iter().flat_map(|u| &u.toks).map(|t| t.id + 1).max().unwrap_or(0);
        (0..n).collect()
    }

    #[test]
    fn phrases_every_body_uses_weigh_little_and_are_still_followed_up() {
        let common = "we will continue to work closely with our partners";
        let texts: Vec<(String, String)> = (0..6)
            .map(|i| (format!("Body {i}"), format!("{common} and body {i} adds words of its own number {i}")))
            .collect();
        let refs: Vec<(&str, &str)> = texts.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        let (us, ids) = units(&refs);
        let p = Postings::build(&us, &ids, &no_reports(&us), SHINGLE, false, &likely(&us));
        let first = shingles(&us[0], SHINGLE)[0].1;
        assert_eq!(p.body_count(first), 6);
        assert_eq!(p.weight(first), 0.0);
        // Every pair of the six shares the phrase: each is a candidate.
        assert_eq!(p.pairs(5, &all(&us), |_, _| true).len(), 15);
    }

    #[test]
    fn a_phrase_two_bodies_share_weighs_fully() {
        let (us, ids) = units(&[
            ("A", "officers attend every call within the hour and write it up"),
            ("B", "officers attend every call within the hour and write it up"),
            ("C", "a different answer in other words entirely here"),
        ]);
        let p = Postings::build(&us, &ids, &no_reports(&us), SHINGLE, false, &likely(&us));
        let h = shingles(&us[0], SHINGLE)[0].1;
        assert_eq!(p.weight(h), 1.0);
        assert_eq!(p.pairs(1, &all(&us), |_, _| true), vec![(0, 1)]);
    }

    #[test]
    fn a_copy_with_misread_words_meets_what_it_copies() {
        let (us, ids) = units(&[
            ("A", "officers attend every call within the hour and write it up in full"),
            ("B", "officers attcnd every call withln the hour and wrlte it up in full"),
        ]);
        let as_read = likely(&us);
        assert!(Postings::build(&us, &ids, &no_reports(&us), SHINGLE, false, &as_read)
            .pairs(4, &all(&us), |_, _| true)
            .is_empty());
        let likely = crate::reuse::misread::likeliest(&us, as_read.len(), None);
        assert_eq!(
            Postings::build(&us, &ids, &no_reports(&us), SHINGLE, false, &likely).pairs(4, &all(&us), |_, _| true),
            vec![(0, 1)]
        );
        // Only the misread words were replaced, by the words they were misread from.
        let replaced = (0..likely.len()).filter(|&id| likely[id] != id as u32).count();
        assert_eq!(replaced, 3);
    }

    #[test]
    fn a_paragraph_repeated_in_hundreds_of_units_of_one_body_still_meets_its_copy_in_another() {
        let copied = "the victim care unit calls every victim within two days and agrees a plan with them in writing";
        let mut texts: Vec<(&str, &str)> = vec![("A", copied); 205];
        texts.push(("B", copied));
        texts.push(("C", "a different answer in other words entirely here and there"));
        let (us, _) = units(&texts);
        let bodies: Vec<u32> = us.iter().map(|u| u32::from(u.body.as_bytes()[0])).collect();
        let p = Postings::build(&us, &bodies, &no_reports(&us), SHINGLE, false, &likely(&us));
        let between = p.pairs(4, &all(&us), |i, j| bodies[i as usize] != bodies[j as usize]);
        assert_eq!(between.len(), 205);
        assert!(between.iter().all(|&(i, j)| i < 205 && j == 205));
    }

    #[test]
    fn a_shingle_two_bodies_carry_in_answers_to_each_of_two_reports_is_a_formula_of_the_field() {
        let text = "our officers are trained every year in how to respond to the public";
        let (us, _) =
            units(&[("A", text), ("B", text), ("C", text), ("D", text), ("E", "nothing shared at all in this one")]);
        let bodies = vec![0, 1, 2, 3, 4];
        let h = shingles(&us[0], SHINGLE)[0].1;
        let build = |reports: &[u32]| Postings::build(&us, &bodies, reports, SHINGLE, false, &likely(&us));
        assert_eq!(build(&[7, 7, 9, 9, 9]).field_formula(h), Some(&[7, 9][..]));
        // Answers to one report only: no formula of the field, however many carry it.
        assert_eq!(build(&[7, 7, 7, 7, 9]).field_formula(h), None);
        // One body's answer to another report: a copy pasted there, not a formula.
        assert_eq!(build(&[7, 7, 7, 9, 9]).field_formula(h), None);
        // A body carrying it in answers to both reports makes neither the field's.
        let (us2, _) = units(&[("A", text), ("B", text), ("A", text), ("C", text), ("E", "nothing shared at all")]);
        let p = Postings::build(&us2, &[0, 1, 0, 2, 4], &[7, 7, 9, 9, 9], SHINGLE, false, &likely(&us2));
        assert_eq!(p.field_formula(h), None);
        assert_eq!(build(&[7, 7, NO_REPORT, 9, 9]).field_formula(h), None);
    }
}

#[cfg(test)]
mod collection_tests {
    use crate::corpus::bundled_recommendations;
    use crate::model::{Paragraph, Role};
    use crate::quote::{Quoter, QUOTE_NGRAM};
    use crate::reuse::stock::Formulas;
    use crate::reuse::{Collection, Options, SHINGLE};

    /// Twelve bodies, each with a heading of its name and the report's title, the statutory
    /// definition of a super-complaint, and an answer of its own.
    fn twelve() -> Collection {
        let names =
            ["Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta", "Eta", "Theta", "Iota", "Kappa", "Lambda", "Mu"];
        let mut paragraphs = Vec::new();
        for (b, name) in names.iter().enumerate() {
            let force = format!("Body {name}");
            let texts = [
                format!("{force} response to the Safe to share? super-complaint report"),
                "A super-complaint is a complaint that a feature, or combination of features, of policing in England \
                 and Wales by one or more than one police force is, or appears to be, significantly harming the \
                 interests of the public (section 29A, Police Reform Act 2002)."
                    .to_string(),
                // Twelve words of its own, none shared with another body's answer.
                (0..12).map(|w| format!("{}{}", name.to_lowercase(), w)).collect::<Vec<_>>().join(" "),
            ];
            for (n, text) in texts.into_iter().enumerate() {
                paragraphs.push(Paragraph {
                    id: format!("d{b}:{n}"),
                    doc: format!("d{b}"),
                    force: Some(force.clone()),
                    role: Role::Preamble,
                    paragraph: n as u32,
                    line: n as u32 + 1,
                    ..Paragraph::outside(&text)
                });
            }
        }
        let quoter = Quoter::new(&bundled_recommendations().items, QUOTE_NGRAM);
        Collection::new(paragraphs, quoter, Formulas::shipped(), SHINGLE, false, &[Role::Preamble])
    }

    #[test]
    fn a_definition_every_body_restates_is_verified_from_its_first_carrier_only_and_name_headings_never() {
        let pairs = twelve().candidates(&Options { min_words: 10, ..Options::default() });
        // The definition: the first carrier with each of the eleven others, by its long shingles
        // and by its short ones alike (66 pairs if every pair were verified). The headings share
        // nine words besides the body's name, fewer than the ten a finding needs: none.
        assert_eq!(pairs.len(), 11, "{pairs:?}");
        assert!(pairs.iter().all(|&(i, j)| i == 1 && j % 3 == 1));
    }
}
