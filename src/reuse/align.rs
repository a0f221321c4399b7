//! Verification of a candidate pair: greedy string tiling finds every shared run of at least the
//! minimum length, in any order; runs that follow each other are chained into passages, and a
//! word-level alignment inside each passage marks exactly which words are shared, so that light
//! edits show as differences instead of breaking the passage.
//!
//! Words are shared when they are the same, or nearly the same (`normalize::nearly_same`: a word
//! OCR misread) where they stand between words that are the same: misread words carry a run on,
//! they never start or end one, and more than [`MAX_MISREAD_RUN`] of them in a row break it.

use super::units::Tok;

/// Runs separated by at most this many words on both sides belong to one passage; a passage is
/// also searched this far beyond its ends for shared words cut off by an edit.
pub const MAX_GAP: usize = 6;

/// Words nearly the same that may stand in a row inside a run.
pub const MAX_MISREAD_RUN: usize = 2;

/// One aligned passage: token ranges in a and b, and the pairs of shared tokens within them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    pub a: (usize, usize),
    pub b: (usize, usize),
    /// Shared words as (index in a, index in b), increasing in both.
    pub pairs: Vec<(usize, usize)>,
    /// For each pair, whether its words are only nearly the same (one of them misread).
    pub near: Vec<bool>,
}

impl Passage {
    /// Longest run of shared words that are consecutive in both texts.
    pub fn longest_run(&self) -> usize {
        let mut best = 0;
        let mut run = 0;
        for (k, &(i, j)) in self.pairs.iter().enumerate() {
            run = if k > 0 && self.pairs[k - 1] == (i - 1, j - 1) { run + 1 } else { 1 };
            best = best.max(run);
        }
        best
    }

    /// Number of shared words that are only nearly the same.
    pub fn near_words(&self) -> usize {
        self.near.iter().filter(|&&n| n).count()
    }
}

/// Whether the words at (index in a, index in b), which are not the same, are nearly the same.
pub type Near<'n> = &'n dyn Fn(usize, usize) -> bool;

/// Words compared by identity only.
pub fn exact(_: usize, _: usize) -> bool {
    false
}

/// One cell of the tiling's table: the run of shared words ending there.
#[derive(Debug, Clone, Copy, Default)]
struct Cell {
    len: usize,
    /// Words of the run that are the bodies' own (not quoted), misread ones included.
    own: usize,
    /// Pairs of words nearly the same at the end of the run (0: its last words are the same).
    misread: usize,
}

/// Greedy string tiling: repeatedly takes the common run of unmarked tokens with the most words
/// of the bodies' own, down to `min_len` own words. Quoted words may stand inside a run (the same
/// quotation in both texts does not break a copy) but never count towards it; a word nearly the
/// same (`near`) may stand between two that are the same and counts. Returns tiles as (start in
/// a, start in b, length).
///
/// Paragraphs up to [`TABLE_CELLS`] pairs of words are tiled over the whole table of word pairs;
/// longer ones from the runs that grow out of shared word n-grams ([`seeded`]), in time near
/// linear in their length.
pub fn tiles(a: &[Tok], b: &[Tok], min_len: usize, near: Near) -> Vec<(usize, usize, usize)> {
    if a.len().saturating_mul(b.len()) <= TABLE_CELLS {
        table_tiles(a, b, min_len, near)
    } else {
        super::seeded::tiles(a, b, min_len, MAX_MISREAD_RUN, near)
    }
}

/// Pairs of words (words of a × words of b) up to which paragraphs are compared cell by cell.
pub const TABLE_CELLS: usize = 1 << 20;

/// [`tiles`] over the whole table of word pairs, one pass per tile.
fn table_tiles(a: &[Tok], b: &[Tok], min_len: usize, near: Near) -> Vec<(usize, usize, usize)> {
    let mut used_a = vec![false; a.len()];
    let mut used_b = vec![false; b.len()];
    let mut out = Vec::new();
    let mut row = vec![Cell::default(); b.len() + 1];
    let mut prev = vec![Cell::default(); b.len() + 1];
    loop {
        // (start in a, start in b, length, own words)
        let mut best = (0usize, 0usize, 0usize, 0usize);
        prev.iter_mut().for_each(|c| *c = Cell::default());
        for i in 0..a.len() {
            row[0] = Cell::default();
            for j in 0..b.len() {
                let before = prev[j];
                row[j + 1] = if used_a[i] || used_b[j] {
                    Cell::default()
                } else if a[i].id == b[j].id {
                    Cell { len: before.len + 1, own: before.own + usize::from(!a[i].quoted), misread: 0 }
                } else if before.len > 0 && before.misread < MAX_MISREAD_RUN && near(i, j) {
                    Cell { len: before.len + 1, own: before.own + 1, misread: before.misread + 1 }
                } else {
                    Cell::default()
                };
                // A run ends on words that are the same.
                let c = row[j + 1];
                if c.misread == 0 && c.own > best.3 {
                    best = (i + 1 - c.len, j + 1 - c.len, c.len, c.own);
                }
            }
            std::mem::swap(&mut row, &mut prev);
        }
        if best.3 < min_len.max(1) {
            break;
        }
        let (i, j, n, _) = best;
        used_a[i..i + n].iter_mut().for_each(|u| *u = true);
        used_b[j..j + n].iter_mut().for_each(|u| *u = true);
        out.push((i, j, n));
    }
    out.sort_unstable();
    out
}

/// An aligned pair of words: (index in a, index in b, only nearly the same).
type Aligned = (usize, usize, bool);

/// Longest common subsequence of two token ranges, as index pairs (quoted words included: they
/// keep the alignment straight, and are left out of what counts as shared afterwards). Words that
/// are the same weigh twice what words nearly the same do, so that a misread word is aligned only
/// where no word that is the same could be.
fn lcs(a: &[Tok], b: &[Tok], ra: (usize, usize), rb: (usize, usize), near: Near) -> Vec<Aligned> {
    let (n, m) = (ra.1 - ra.0, rb.1 - rb.0);
    let mut dp = vec![0u32; (n + 1) * (m + 1)];
    let at = |i: usize, j: usize| i * (m + 1) + j;
    let weight = |i: usize, j: usize| {
        if a[ra.0 + i].id == b[rb.0 + j].id {
            2
        } else if near(ra.0 + i, rb.0 + j) {
            1
        } else {
            0
        }
    };
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            let skip = dp[at(i + 1, j)].max(dp[at(i, j + 1)]);
            dp[at(i, j)] = match weight(i, j) {
                0 => skip,
                w => (dp[at(i + 1, j + 1)] + w).max(skip),
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < n && j < m {
        let w = weight(i, j);
        if w > 0 && dp[at(i, j)] == dp[at(i + 1, j + 1)] + w {
            out.push((ra.0 + i, rb.0 + j, w == 1));
            i += 1;
            j += 1;
        } else if dp[at(i + 1, j)] >= dp[at(i, j + 1)] {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

/// The word alignment of a passage's ranges: the longest common subsequence where the table is
/// small ([`TABLE_CELLS`]); else the chain's tiles word by word, with the words between two tiles
/// and beyond the first and last aligned by their own small tables (in time linear in the
/// passage's length, not quadratic).
fn align(
    a: &[Tok],
    b: &[Tok],
    ra: (usize, usize),
    rb: (usize, usize),
    chain: &[(usize, usize, usize)],
    near: Near,
) -> Vec<Aligned> {
    if (ra.1 - ra.0).saturating_mul(rb.1 - rb.0) <= TABLE_CELLS {
        return lcs(a, b, ra, rb, near);
    }
    let same = |i: usize, j: usize| a[i].id == b[j].id;
    let (fi, fj, _) = chain[0];
    let mut out = lcs(a, b, (ra.0.min(fi), fi), (rb.0.min(fj), fj), near);
    for (k, &(i, j, n)) in chain.iter().enumerate() {
        out.extend((0..n).map(|t| (i + t, j + t, !same(i + t, j + t))));
        let (ea, eb) = (i + n, j + n);
        let (na, nb) = chain.get(k + 1).map_or((ra.1.max(ea), rb.1.max(eb)), |&(x, y, _)| (x, y));
        out.extend(lcs(a, b, (ea, na), (eb, nb), near));
    }
    out
}

/// Keeps the words nearly the same that stand next to words that are the same, in both texts (a
/// misread word carries a run on; alone, or beside another misread word only, it is not evidence).
fn near_in_runs(pairs: Vec<Aligned>) -> Vec<Aligned> {
    let exact_at = |k: Option<&Aligned>, i: usize, j: usize| k.is_some_and(|&(x, y, n)| !n && (x, y) == (i, j));
    (0..pairs.len())
        .filter(|&k| {
            let (i, j, near) = pairs[k];
            !near
                || (k > 0 && exact_at(pairs.get(k - 1), i.wrapping_sub(1), j.wrapping_sub(1)))
                || exact_at(pairs.get(k + 1), i + 1, j + 1)
        })
        .map(|k| pairs[k])
        .collect()
}

/// Drops shared words found only by looking past the anchoring runs that stand alone (a lone
/// "the" beside an edit is not evidence).
fn drop_lone_edges(pairs: Vec<Aligned>, core_a: (usize, usize)) -> Vec<Aligned> {
    let adjacent = |k: usize| {
        let (i, j, _) = pairs[k];
        (k > 0 && (pairs[k - 1].0, pairs[k - 1].1) == (i - 1, j - 1))
            || pairs.get(k + 1).is_some_and(|n| (n.0, n.1) == (i + 1, j + 1))
    };
    (0..pairs.len())
        .filter(|&k| (pairs[k].0 >= core_a.0 && pairs[k].0 < core_a.1) || adjacent(k))
        .map(|k| pairs[k])
        .collect()
}

/// Every shared passage of a and b with runs of at least `min_len` words (`near`: which words
/// that are not the same are nearly, see [`tiles`]).
pub fn passages(a: &[Tok], b: &[Tok], min_len: usize, near: Near) -> Vec<Passage> {
    let tiles = tiles(a, b, min_len, near);
    // Chain tiles that follow each other in both texts with small gaps.
    let mut chains: Vec<Vec<(usize, usize, usize)>> = Vec::new();
    for t in tiles {
        match chains.last_mut() {
            Some(chain) => {
                let &(pi, pj, pn) = chain.last().unwrap();
                let follows =
                    t.0 >= pi + pn && t.1 >= pj + pn && t.0 - (pi + pn) <= MAX_GAP && t.1 - (pj + pn) <= MAX_GAP;
                if follows {
                    chain.push(t);
                } else {
                    chains.push(vec![t]);
                }
            }
            None => chains.push(vec![t]),
        }
    }
    let mut out: Vec<Passage> = Vec::new();
    for (c, chain) in chains.iter().enumerate() {
        let (fi, fj, _) = chain[0];
        let &(li, lj, ln) = chain.last().unwrap();
        let core_a = (fi, li + ln);
        // Look beyond both ends, without reaching into a neighbouring passage, for as long as
        // the texts keep agreeing up to the edge of what was looked at.
        let floor_a = out.last().map_or(0, |p: &Passage| p.a.1).min(fi);
        let ceil_a = chains.get(c + 1).map_or(a.len(), |n| n[0].0).max(li + ln);
        let (mut lo_a, mut lo_b) = (fi.saturating_sub(MAX_GAP).max(floor_a), fj.saturating_sub(MAX_GAP));
        let (mut hi_a, mut hi_b) = ((li + ln + MAX_GAP).min(ceil_a), (lj + ln + MAX_GAP).min(b.len()));
        let aligned = loop {
            let aligned = drop_lone_edges(near_in_runs(align(a, b, (lo_a, hi_a), (lo_b, hi_b), chain, near)), core_a);
            let (Some(&(f_a, f_b, _)), Some(&(l_a, l_b, _))) = (aligned.first(), aligned.last()) else { break aligned };
            let (first, last) = ((f_a, f_b), (l_a, l_b));
            let grow_lo = (first.0 <= lo_a + 1 && lo_a > floor_a) || (first.1 <= lo_b + 1 && lo_b > 0);
            let grow_hi = (last.0 + 2 >= hi_a && hi_a < ceil_a) || (last.1 + 2 >= hi_b && hi_b < b.len());
            if !grow_lo && !grow_hi {
                break aligned;
            }
            if grow_lo {
                (lo_a, lo_b) = (lo_a.saturating_sub(MAX_GAP).max(floor_a), lo_b.saturating_sub(MAX_GAP));
            }
            if grow_hi {
                (hi_a, hi_b) = ((hi_a + MAX_GAP).min(ceil_a), (hi_b + MAX_GAP).min(b.len()));
            }
        };
        let (pairs, near): (Vec<(usize, usize)>, Vec<bool>) =
            aligned.into_iter().filter(|&(i, _, _)| !a[i].quoted).map(|(i, j, n)| ((i, j), n)).unzip();
        let (Some(first), Some(last)) = (pairs.first(), pairs.last()) else { continue };
        out.push(Passage { a: (first.0, last.0 + 1), b: (first.1, last.1 + 1), pairs, near });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(words: &str) -> Vec<Tok> {
        words
            .split(' ')
            .enumerate()
            .map(|(i, w)| Tok {
                id: w.trim_start_matches('~').bytes().map(u32::from).sum::<u32>() * 31 + w.len() as u32,
                from: i as u32,
                to: i as u32 + 1,
                quoted: w.starts_with('~'),
            })
            .collect()
    }

    #[test]
    fn tiles_find_runs_in_any_order() {
        let a = toks("one two three four five six seven eight nine ten");
        let b = toks("six seven eight nine ten x one two three four five");
        assert_eq!(tiles(&a, &b, 4, &exact), vec![(0, 6, 5), (5, 0, 5)]);
        assert_eq!(tiles(&a, &b, 6, &exact), vec![]);
    }

    #[test]
    fn quoted_words_never_count() {
        let a = toks("~q1 ~q2 ~q3 ~q4 ~q5 own words here");
        let b = toks("~q1 ~q2 ~q3 ~q4 ~q5 other words here");
        assert_eq!(tiles(&a, &b, 2, &exact), vec![(6, 6, 2)]);
        assert_eq!(tiles(&a, &b, 3, &exact), vec![]);
    }

    #[test]
    fn the_same_quotation_inside_a_copy_does_not_break_it() {
        let a = toks("we will not share data ~with ~immigration ~enforcement ~teams with immediate effect");
        let b = toks("we will not share data ~with ~immigration ~enforcement ~teams with immediate effect");
        let p = passages(&a, &b, 8, &exact);
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].pairs.len(), 8);
        assert_eq!(p[0].longest_run(), 5);
    }

    #[test]
    fn an_edit_shows_as_a_difference_inside_one_passage() {
        let a = toks(
            "the majority of cases are where suspects circulated as wanted , victims reporting not wanting to sponsor",
        );
        let b = toks("the majority of cases are where suspects circulated as wanted and victims reporting not wanting to sponsor");
        let p = passages(&a, &b, 8, &exact);
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].pairs.len(), 16);
        assert_eq!((p[0].a, p[0].b), ((0, 17), (0, 17)));
        assert_eq!(p[0].longest_run(), 10);
    }

    #[test]
    fn passages_in_a_different_order_stay_separate() {
        let a = toks("alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi");
        let b = toks("iota kappa lambda mu nu xi omicron pi filler alpha beta gamma delta epsilon zeta eta theta");
        let p = passages(&a, &b, 5, &exact);
        assert_eq!(p.len(), 2);
        assert_eq!(p.iter().map(|p| p.pairs.len()).sum::<usize>(), 16);
    }

    #[test]
    fn a_misread_word_carries_a_run_on_but_never_starts_or_ends_one() {
        let original = "alpha beta gamma delta epsilon zeta eta theta";
        let a = toks(original);
        let near_of = |read: &'static str| {
            let (x, y): (Vec<&str>, Vec<&str>) = (original.split(' ').collect(), read.split(' ').collect());
            move |i: usize, j: usize| crate::normalize::nearly_same(x[i], y[j])
        };
        let read = "alpha beta gamna delta epsilon zcta eta theta";
        let (b, near) = (toks(read), near_of(read));
        assert_eq!(tiles(&a, &b, 8, &exact), vec![]);
        assert_eq!(tiles(&a, &b, 8, &near), vec![(0, 0, 8)]);
        let p = passages(&a, &b, 8, &near);
        assert_eq!((p.len(), p[0].pairs.len(), p[0].near_words()), (1, 8, 2));
        assert_eq!(p[0].near, [false, false, true, false, false, true, false, false]);
        // Three in a row break the run; a misread last word does not end it.
        for read in ["alpha beta gamna dclta epsllon zeta eta theta", "alpha beta gamma delta epsilon zeta eta thetx"] {
            let (b, near) = (toks(read), near_of(read));
            assert_eq!(tiles(&a, &b, 8, &near), vec![], "{read}");
        }
    }
    #[test]
    fn seeded_tiles_are_the_table_tiles_of_an_edited_copy() {
        // A text of 400 distinct words, its copy with every 23rd word replaced and a block moved.
        let ids = |ids: &[u32]| -> Vec<Tok> {
            ids.iter().enumerate().map(|(i, &id)| Tok { id, from: i as u32, to: i as u32 + 1, quoted: false }).collect()
        };
        let a: Vec<u32> = (0..400).collect();
        let mut b: Vec<u32> = a.iter().map(|&w| if w % 23 == 11 { 10_000 + w } else { w }).collect();
        b.rotate_left(150);
        let (a, b) = (ids(&a), ids(&b));
        let seeded = super::super::seeded::tiles(&a, &b, 8, MAX_MISREAD_RUN, &exact);
        assert_eq!(seeded, table_tiles(&a, &b, 8, &exact));
        assert_eq!(seeded.iter().map(|t| t.2).sum::<usize>(), 400 - 17);
    }
}
