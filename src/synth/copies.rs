//! Copies planted in a synthetic corpus, remembered as they are made, and the pairs between two
//! copies of the same original that the ground truth holds too.

use std::collections::{BTreeMap, HashSet};

use super::truth::{At, Plant, Truth};
use crate::normalize::word_texts;

/// A paragraph made from an original one, remembered to plant the pairs between copies.
pub(super) struct Copy {
    pub(super) root: At,
    pub(super) at: At,
    pub(super) plant: Plant,
    pub(super) text: String,
    pub(super) force: String,
}

/// Longest run of words two texts share.
fn longest_common_run(a: &str, b: &str) -> usize {
    let (a, b) = (word_texts(a), word_texts(b));
    let mut prev = vec![0usize; b.len() + 1];
    let mut best = 0;
    for x in &a {
        let mut row = vec![0usize; b.len() + 1];
        for (j, y) in b.iter().enumerate() {
            if x == y {
                row[j + 1] = prev[j] + 1;
                best = best.max(row[j + 1]);
            }
        }
        prev = row;
    }
    best
}

/// Plants the pairs between two copies of the same original (two forces that copied the same
/// text share it with each other too), when they still share a run of eight words.
pub(super) fn plant_between_copies(truth: &mut Vec<Truth>, copies: &[Copy]) {
    let key = |a: &At, b: &At| if a <= b { (a.clone(), b.clone()) } else { (b.clone(), a.clone()) };
    let mut known: HashSet<(At, At)> = truth.iter().map(|t| key(&t.a, &t.b)).collect();
    let mut groups: BTreeMap<&At, Vec<&Copy>> = BTreeMap::new();
    for c in copies {
        groups.entry(&c.root).or_default().push(c);
    }
    for members in groups.values() {
        for (i, x) in members.iter().enumerate() {
            for y in &members[i + 1..] {
                if x.at == y.at || !known.insert(key(&x.at, &y.at)) || longest_common_run(&x.text, &y.text) < 8 {
                    continue;
                }
                let within = x.force == y.force;
                let plant = if within { Plant::SameForce } else { x.plant.looser(y.plant) };
                truth.push(Truth {
                    plant,
                    a: x.at.clone(),
                    b: y.at.clone(),
                    within,
                    across_reports: false,
                    bodies: None,
                });
            }
        }
    }
}
