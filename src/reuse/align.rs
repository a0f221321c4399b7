//! Exact verification of a candidate pair: greedy string tiling finds every shared run of at
//! least the minimum length, in any order; runs that follow each other are chained into passages,
//! and a word-level alignment inside each passage marks exactly which words are shared, so that
//! light edits show as differences instead of breaking the passage.

use super::units::Tok;

/// Runs separated by at most this many words on both sides belong to one passage; a passage is
/// also searched this far beyond its ends for shared words cut off by an edit.
pub const MAX_GAP: usize = 6;

/// One aligned passage: token ranges in a and b, and the pairs of shared tokens within them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    pub a: (usize, usize),
    pub b: (usize, usize),
    /// Shared words as (index in a, index in b), increasing in both.
    pub pairs: Vec<(usize, usize)>,
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
}

/// Greedy string tiling: repeatedly takes the common run of unmarked tokens with the most words
/// of the bodies' own, down to `min_len` own words. Quoted words may stand inside a run (the same
/// quotation in both texts does not break a copy) but never count towards it. Returns tiles as
/// (start in a, start in b, length).
pub fn tiles(a: &[Tok], b: &[Tok], min_len: usize) -> Vec<(usize, usize, usize)> {
    let mut used_a = vec![false; a.len()];
    let mut used_b = vec![false; b.len()];
    let mut out = Vec::new();
    // Per cell of the current row: (run length, own words in the run).
    let mut row = vec![(0usize, 0usize); b.len() + 1];
    let mut prev = vec![(0usize, 0usize); b.len() + 1];
    loop {
        let mut best = (0usize, 0usize, 0usize, 0usize);
        prev.iter_mut().for_each(|c| *c = (0, 0));
        for i in 0..a.len() {
            row[0] = (0, 0);
            for j in 0..b.len() {
                row[j + 1] = if !used_a[i] && !used_b[j] && a[i].id == b[j].id {
                    let (len, own) = prev[j];
                    (len + 1, own + usize::from(!a[i].quoted))
                } else {
                    (0, 0)
                };
                let (len, own) = row[j + 1];
                if own > best.3 {
                    best = (i + 1 - len, j + 1 - len, len, own);
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

/// Longest common subsequence of two token ranges, as index pairs (quoted words included: they
/// keep the alignment straight, and are left out of what counts as shared afterwards).
fn lcs(a: &[Tok], b: &[Tok], ra: (usize, usize), rb: (usize, usize)) -> Vec<(usize, usize)> {
    let (n, m) = (ra.1 - ra.0, rb.1 - rb.0);
    let mut dp = vec![0u32; (n + 1) * (m + 1)];
    let at = |i: usize, j: usize| i * (m + 1) + j;
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            let (x, y) = (&a[ra.0 + i], &b[rb.0 + j]);
            dp[at(i, j)] = if x.id == y.id { dp[at(i + 1, j + 1)] + 1 } else { dp[at(i + 1, j)].max(dp[at(i, j + 1)]) };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < n && j < m {
        let (x, y) = (&a[ra.0 + i], &b[rb.0 + j]);
        if x.id == y.id && dp[at(i, j)] == dp[at(i + 1, j + 1)] + 1 {
            out.push((ra.0 + i, rb.0 + j));
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

/// Drops shared words found only by looking past the anchoring runs that stand alone (a lone
/// "the" beside an edit is not evidence).
fn drop_lone_edges(pairs: Vec<(usize, usize)>, core_a: (usize, usize)) -> Vec<(usize, usize)> {
    let adjacent = |k: usize| {
        let (i, j) = pairs[k];
        (k > 0 && pairs[k - 1] == (i - 1, j - 1)) || pairs.get(k + 1) == Some(&(i + 1, j + 1))
    };
    (0..pairs.len())
        .filter(|&k| (pairs[k].0 >= core_a.0 && pairs[k].0 < core_a.1) || adjacent(k))
        .map(|k| pairs[k])
        .collect()
}

/// Every shared passage of a and b with runs of at least `min_len` words.
pub fn passages(a: &[Tok], b: &[Tok], min_len: usize) -> Vec<Passage> {
    let tiles = tiles(a, b, min_len);
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
            let aligned = drop_lone_edges(lcs(a, b, (lo_a, hi_a), (lo_b, hi_b)), core_a);
            let (Some(&first), Some(&last)) = (aligned.first(), aligned.last()) else { break aligned };
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
        let pairs: Vec<(usize, usize)> = aligned.into_iter().filter(|&(i, _)| !a[i].quoted).collect();
        let (Some(first), Some(last)) = (pairs.first(), pairs.last()) else { continue };
        out.push(Passage { a: (first.0, last.0 + 1), b: (first.1, last.1 + 1), pairs });
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
        assert_eq!(tiles(&a, &b, 4), vec![(0, 6, 5), (5, 0, 5)]);
        assert_eq!(tiles(&a, &b, 6), vec![]);
    }

    #[test]
    fn quoted_words_never_count() {
        let a = toks("~q1 ~q2 ~q3 ~q4 ~q5 own words here");
        let b = toks("~q1 ~q2 ~q3 ~q4 ~q5 other words here");
        assert_eq!(tiles(&a, &b, 2), vec![(6, 6, 2)]);
        assert_eq!(tiles(&a, &b, 3), vec![]);
    }

    #[test]
    fn the_same_quotation_inside_a_copy_does_not_break_it() {
        let a = toks("we will not share data ~with ~immigration ~enforcement ~teams with immediate effect");
        let b = toks("we will not share data ~with ~immigration ~enforcement ~teams with immediate effect");
        let p = passages(&a, &b, 8);
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
        let p = passages(&a, &b, 8);
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].pairs.len(), 16);
        assert_eq!((p[0].a, p[0].b), ((0, 17), (0, 17)));
        assert_eq!(p[0].longest_run(), 10);
    }

    #[test]
    fn passages_in_a_different_order_stay_separate() {
        let a = toks("alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi");
        let b = toks("iota kappa lambda mu nu xi omicron pi filler alpha beta gamma delta epsilon zeta eta theta");
        let p = passages(&a, &b, 5);
        assert_eq!(p.len(), 2);
        assert_eq!(p.iter().map(|p| p.pairs.len()).sum::<usize>(), 16);
    }
}
