//! The evidence score of a finding: how much of the two paragraphs is copied, from the two texts
//! alone (never from how many other documents there are).
//!
//! The score is the mean share of each side's own words that are shared, so that a near copy
//! (almost all of both) scores near 1, a light revision (most of both) above a heavy one (some of
//! both), and a passage inside two long answers low. A passage shorter than [`FULL_SIZE`] words
//! counts proportionally less. A long shared passage is evidence of copying however long the
//! paragraphs around it: from [`CONCLUSIVE_SIZE`] words on it scores at least [`PASSAGE_FLOOR`],
//! enough to be reported at the default threshold but far below a copy of most of a paragraph.

/// A copy of at least this many words counts in full; a shorter one proportionally less.
pub const FULL_SIZE: usize = 20;
/// A shared passage this long is reported however long the paragraphs around it.
pub const CONCLUSIVE_SIZE: usize = 40;
/// The least a passage of [`CONCLUSIVE_SIZE`] words scores (a shorter one proportionally less).
pub const PASSAGE_FLOOR: f64 = 0.25;

/// Share of a side's `own` words that the `shared` words are (0 for a side with none).
pub fn containment(shared: usize, own: usize) -> f64 {
    if own == 0 {
        0.0
    } else {
        (shared as f64 / own as f64).min(1.0)
    }
}

/// The score of `shared` words copied between two paragraphs of `own_a` and `own_b` own words:
/// min(1, shared / 20) × max(mean of both sides' containment, 0.25 × min(1, shared / 40)).
pub fn grade(shared: usize, own_a: usize, own_b: usize) -> f64 {
    let size = |n: usize| (shared as f64 / n as f64).min(1.0);
    let coverage = (containment(shared, own_a) + containment(shared, own_b)) / 2.0;
    size(FULL_SIZE) * coverage.max(PASSAGE_FLOOR * size(CONCLUSIVE_SIZE))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_passage_inside_long_answers_grades_low_and_a_whole_copy_high() {
        // Worked by hand: 100 of 100 and 100 words; 60 of 100 and 80; 40 of 300 and 300.
        assert_eq!(grade(100, 100, 100), 1.0);
        assert_eq!(grade(60, 100, 80), (0.6 + 0.75) / 2.0);
        assert_eq!(grade(40, 300, 300), 0.25);
        // 10 words, the whole of a 10-word and half of a 20-word paragraph: half size, 0.75.
        assert_eq!(grade(10, 10, 20), 0.5 * 0.75);
        assert_eq!(grade(0, 0, 0), 0.0);
    }
}
