//! Words OCR misread, found in the collection's own vocabulary, for finding candidates only: a
//! word seen once in the collection that is one letter from another word stands for the likelier
//! of the two (the one seen more often, else the one seen first), so that a copy read back from a
//! scan still shares shingles with what it copies. What is shared is decided by `align`, never
//! by this.

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::units::Unit;
use crate::normalize::{fold_word, misread_keys};

/// For each word id, the id it stands for when candidates are found: itself, or for a word seen
/// once, the likeliest word one letter from it. `skip`: an id never replaced nor replacing (the
/// placeholder of names, whose range is the whole name).
pub fn likeliest(units: &[Unit], n_ids: usize, skip: Option<u32>) -> Vec<u32> {
    // How often each word is seen, and the first place it is seen, counted on every core.
    // One tally a core (not one a task: a tally is as long as the vocabulary).
    let per_core = units.len().div_ceil(rayon::current_num_threads()).max(1);
    let (seen, at) = units
        .par_iter()
        .enumerate()
        .with_min_len(per_core)
        .fold(
            || (vec![0u32; n_ids], vec![(u32::MAX, 0u32); n_ids]),
            |(mut seen, mut at), (u, unit)| {
                for (k, t) in unit.toks.iter().enumerate() {
                    let id = t.id as usize;
                    if seen[id] == 0 {
                        at[id] = at[id].min((u as u32, k as u32));
                    }
                    seen[id] = seen[id].saturating_add(1);
                }
                (seen, at)
            },
        )
        .reduce(
            || (vec![0u32; n_ids], vec![(u32::MAX, 0u32); n_ids]),
            |(mut seen, mut at), (more, more_at)| {
                seen.iter_mut().zip(&more).for_each(|(s, m)| *s = s.saturating_add(*m));
                at.iter_mut().zip(&more_at).for_each(|(a, m)| *a = (*a).min(*m));
                (seen, at)
            },
        );
    // Each word's keys (of letters only, long enough; see `normalize::misread_keys`).
    let keys: Vec<Vec<u64>> = (0..n_ids)
        .into_par_iter()
        .map(|id| {
            let (u, k) = at[id];
            if u == u32::MAX || Some(id as u32) == skip {
                return Vec::new();
            }
            let t = &units[u as usize].toks[k as usize];
            misread_keys(&fold_word(&units[u as usize].paragraph.text[t.start()..t.end()]))
        })
        .collect();
    // The likeliest word under each key: seen most often, then first.
    let rank = |id: u32| (std::cmp::Reverse(seen[id as usize]), id);
    let mut best: FxHashMap<u64, u32> = FxHashMap::default();
    for (id, ks) in keys.iter().enumerate() {
        for &key in ks {
            let e = best.entry(key).or_insert(id as u32);
            if rank(id as u32) < rank(*e) {
                *e = id as u32;
            }
        }
    }
    (0..n_ids)
        .into_par_iter()
        .map(|id| {
            let id = id as u32;
            if seen[id as usize] != 1 {
                return id;
            }
            keys[id as usize]
                .iter()
                .filter_map(|k| best.get(k).copied())
                .fold(id, |b, c| std::cmp::min_by_key(b, c, |&x| rank(x)))
        })
        .collect()
}
