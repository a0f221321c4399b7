//! Candidate generation: an in-memory inverted index of hashed word n-grams (shingles) of the
//! bodies' own words, with how many bodies use each, so that only paragraphs sharing a run of
//! words are ever compared, and phrases that most bodies use are not followed up. A run holding a
//! word OCR misread is indexed a second time with the word it was likely misread from (see
//! `misread`), so that a scanned copy still meets what it copies.

use rustc_hash::FxHashMap;

use xxhash_rust::xxh3::xxh3_64;

use super::units::Unit;

/// Words per shingle.
pub const SHINGLE: usize = 5;
/// A shingle followed up in at most this many paragraphs (bounds the work on boilerplate).
const MAX_POSTINGS: usize = 200;

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
    /// Number of distinct bodies.
    pub n_bodies: usize,
}

impl Postings {
    /// Indexes the units' shingles, and those of their runs with a misread word as it was
    /// likely written (`likely`: see `misread::likeliest`; these count towards candidates, never
    /// towards how many bodies use a shingle). With `keep_unique`, shingles of a single unit are
    /// kept too (needed to look up texts from outside the collection).
    pub fn build(units: &[Unit], body_ids: &[u32], k: usize, keep_unique: bool, likely: &[u32]) -> Postings {
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
        Postings { k, entries: kept, bodies, n_bodies }
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

    /// Whether a shingle held by `units` paragraphs is too common to generate candidates: used by
    /// more than half the bodies (and by more than two), or standing in too many paragraphs.
    fn too_common(&self, h: u64, units: usize) -> bool {
        let df = self.body_count(h) as usize;
        (df > 2 && df * 2 > self.n_bodies) || units > MAX_POSTINGS
    }

    /// Pairs of units sharing at least `needed` usable shingles, whose bodies `keep` accepts.
    pub fn pairs(&self, needed: usize, keep: impl Fn(u32, u32) -> bool) -> Vec<(u32, u32)> {
        let mut counts: FxHashMap<(u32, u32), u32> = FxHashMap::default();
        let mut members: Vec<u32> = Vec::new();
        for group in self.entries.chunk_by(|x, y| x.0 == y.0) {
            if group.len() < 2 || self.too_common(group[0].0, group.len()) {
                continue;
            }
            // A unit holds a shingle once, as read or as likely written.
            members.clear();
            members.extend(group.iter().map(|&(_, u)| u & !MISREAD));
            if group.last().is_some_and(|&(_, u)| u & MISREAD != 0) {
                members.sort_unstable();
                members.dedup();
            }
            for (x, &i) in members.iter().enumerate() {
                for &j in &members[x + 1..] {
                    if keep(i, j) {
                        *counts.entry((i, j)).or_default() += 1;
                    }
                }
            }
        }
        let mut out: Vec<(u32, u32)> =
            counts.into_iter().filter(|&(_, c)| c as usize >= needed).map(|(p, _)| p).collect();
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

    fn likely(us: &[Unit]) -> Vec<u32> {
        let n = us.iter().flat_map(|u| &u.toks).map(|t| t.id + 1).max().unwrap_or(0);
        (0..n).collect()
    }

    #[test]
    fn phrases_every_body_uses_weigh_little_and_generate_no_candidates() {
        let common = "we will continue to work closely with our partners";
        let texts: Vec<(String, String)> = (0..6)
            .map(|i| (format!("Body {i}"), format!("{common} and body {i} adds words of its own number {i}")))
            .collect();
        let refs: Vec<(&str, &str)> = texts.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        let (us, ids) = units(&refs);
        let p = Postings::build(&us, &ids, SHINGLE, false, &likely(&us));
        let first = shingles(&us[0], SHINGLE)[0].1;
        assert_eq!(p.body_count(first), 6);
        assert_eq!(p.weight(first), 0.0);
        assert!(p.too_common(first, 6));
        assert!(p.pairs(1, |_, _| true).is_empty());
    }

    #[test]
    fn a_phrase_two_bodies_share_weighs_fully() {
        let (us, ids) = units(&[
            ("A", "officers attend every call within the hour and write it up"),
            ("B", "officers attend every call within the hour and write it up"),
            ("C", "a different answer in other words entirely here"),
        ]);
        let p = Postings::build(&us, &ids, SHINGLE, false, &likely(&us));
        let h = shingles(&us[0], SHINGLE)[0].1;
        assert_eq!(p.weight(h), 1.0);
        assert_eq!(p.pairs(1, |_, _| true), vec![(0, 1)]);
    }

    #[test]
    fn a_copy_with_misread_words_meets_what_it_copies() {
        let (us, ids) = units(&[
            ("A", "officers attend every call within the hour and write it up in full"),
            ("B", "officers attcnd every call withln the hour and wrlte it up in full"),
        ]);
        let as_read = likely(&us);
        assert!(Postings::build(&us, &ids, SHINGLE, false, &as_read).pairs(4, |_, _| true).is_empty());
        let likely = crate::reuse::misread::likeliest(&us, as_read.len(), None);
        assert_eq!(Postings::build(&us, &ids, SHINGLE, false, &likely).pairs(4, |_, _| true), vec![(0, 1)]);
        // Only the misread words were replaced, by the words they were misread from.
        let replaced = (0..likely.len()).filter(|&id| likely[id] != id as u32).count();
        assert_eq!(replaced, 3);
    }
}
