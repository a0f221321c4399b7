//! The evidence score of a finding: how much of the two paragraphs is copied, from the two texts
//! alone (never from how many other documents there are).
//!
//! The score is the mean share of each side's own words that are shared, so that a near copy
//! (almost all of both) scores near 1, a light revision (most of both) above a heavy one (some of
//! both), and a passage inside two long answers low. A passage shorter than [`FULL_SIZE`] words
//! counts proportionally less. A shared passage is evidence of copying however long the
//! paragraphs around it: it scores at least [`PASSAGE_FLOOR`] (cut in proportion under
//! [`FULL_SIZE`] words), enough for a passage of 15 words or more to be reported at the default
//! threshold, and far below a copy of most of a paragraph.

use super::align::Passage;
use super::units::Unit;

/// A copy of at least this many words counts in full; a shorter one proportionally less.
pub const FULL_SIZE: usize = 20;
/// The least a passage of [`FULL_SIZE`] words scores (a shorter one proportionally less).
pub const PASSAGE_FLOOR: f64 = 0.3;

/// Share of a side's `own` words that the `shared` words are (0 for a side with none).
pub fn containment(shared: usize, own: usize) -> f64 {
    if own == 0 {
        0.0
    } else {
        (shared as f64 / own as f64).min(1.0)
    }
}

/// The score of `shared` words copied between two paragraphs of `own_a` and `own_b` own words:
/// min(1, shared / 20) × max(mean of both sides' containment, 0.3).
pub fn grade(shared: usize, own_a: usize, own_b: usize) -> f64 {
    let size = |n: usize| (shared as f64 / n as f64).min(1.0);
    let coverage = (containment(shared, own_a) + containment(shared, own_b)) / 2.0;
    size(FULL_SIZE) * coverage.max(PASSAGE_FLOOR)
}

/// Own words (of a × of b) up to which the edit distance is computed exactly.
pub const EXACT_DISTANCE_CELLS: usize = 1 << 24;

/// The word edit distance of two paragraphs' own words: exact up to
/// [`EXACT_DISTANCE_CELLS`]; past it (two paragraphs of over 4,000 words) the distance of the
/// alignment the passages give, in linear time: words the same in both are kept, and between two
/// of them the longer gap costs its length (a word for another, the rest dropped or added). That
/// is never less than the exact distance, and equal to it for a copy with words changed, dropped
/// or added here and there.
pub fn distance(a: &Unit, b: &Unit, passages: &[Passage]) -> usize {
    let (ia, ib) = (a.own_ids(), b.own_ids());
    if ia.len().saturating_mul(ib.len()) <= EXACT_DISTANCE_CELLS {
        return strsim::generic_levenshtein(&ia, &ib);
    }
    // Token index → own-word index.
    let own_index = |u: &Unit| -> Vec<usize> {
        let mut n = 0;
        u.toks
            .iter()
            .map(|t| {
                let k = n;
                n += usize::from(!t.quoted);
                k
            })
            .collect()
    };
    let (oa, ob) = (own_index(a), own_index(b));
    let mut cost = 0;
    let (mut next_a, mut next_b) = (0, 0);
    for p in passages {
        for (&(i, j), &near) in p.pairs.iter().zip(&p.near) {
            if near || b.toks[j].quoted {
                continue;
            }
            let (x, y) = (oa[i], ob[j]);
            if x < next_a || y < next_b {
                continue;
            }
            cost += (x - next_a).max(y - next_b);
            (next_a, next_b) = (x + 1, y + 1);
        }
    }
    cost + (ia.len() - next_a).max(ib.len() - next_b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_passage_inside_long_answers_grades_low_and_a_whole_copy_high() {
        // Worked by hand: 100 of 100 and 100 words; 60 of 100 and 80; 40 of 300 and 300 (the
        // floor); 15 of 100 and 100 (the floor, cut to 15/20).
        assert_eq!(grade(100, 100, 100), 1.0);
        assert_eq!(grade(60, 100, 80), (0.6 + 0.75) / 2.0);
        assert_eq!(grade(40, 300, 300), 0.3);
        assert_eq!(grade(15, 100, 100), 0.75 * 0.3);
        // 10 words, the whole of a 10-word and half of a 20-word paragraph: half size, 0.75.
        assert_eq!(grade(10, 10, 20), 0.5 * 0.75);
        assert_eq!(grade(0, 0, 0), 0.0);
    }
}
