//! Tiling of long paragraphs in time near linear in their length: shared runs grow out of the
//! word n-grams both texts hold ("seeds"), each along its diagonal, and the longest are taken
//! greedily as `align::tiles` takes them over the whole table of word pairs (whose
//! passes cost the product of the lengths once per tile: cubic for a long copy).

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, HashSet};

use super::units::Tok;

/// Whether the words at (index in a, index in b), which are not the same, are nearly the same.
type Near<'n> = &'n dyn Fn(usize, usize) -> bool;

/// Words of a seed: a run of shared words holds one unless a misread word stands in every seed.
const SEED: usize = 3;

/// Places in b a seed is followed up from; a seed more common than this (a phrase repeated all
/// through b) is skipped, the runs around it being found from their other seeds.
const SEED_PLACES: usize = 64;

/// The tiles of `a` and `b` (see `align::tiles`): runs starting and ending on words that
/// are the same, with at most `max_misread` words nearly the same in a row between them,
/// taken longest first (by own words) down to `min_len`, no word in two tiles.
pub fn tiles(a: &[Tok], b: &[Tok], min_len: usize, max_misread: usize, near: Near) -> Vec<(usize, usize, usize)> {
    let k = SEED.min(min_len.max(1));
    if a.len() < k || b.len() < k {
        return Vec::new();
    }
    let ia: Vec<u32> = a.iter().map(|t| t.id).collect();
    let ib: Vec<u32> = b.iter().map(|t| t.id).collect();
    let mut places: HashMap<&[u32], Vec<usize>> = HashMap::new();
    for (j, w) in ib.windows(k).enumerate() {
        places.entry(w).or_default().push(j);
    }
    let mut covered: HashSet<(usize, usize)> = HashSet::new();
    let mut heap: BinaryHeap<(usize, Reverse<usize>, Reverse<usize>, usize)> = BinaryHeap::new();
    for (i, w) in ia.windows(k).enumerate() {
        let Some(js) = places.get(w) else { continue };
        if js.len() > SEED_PLACES {
            continue;
        }
        for &j in js {
            if covered.contains(&(i, j)) {
                continue;
            }
            let (sx, sy, len) = grow(&ia, &ib, i, j, max_misread, near);
            (0..len).for_each(|t| {
                covered.insert((sx + t, sy + t));
            });
            let own = own_words(a, &ia, &ib, sx, sy, len);
            if own >= min_len.max(1) {
                heap.push((own, Reverse(sx), Reverse(sy), len));
            }
        }
    }
    let mut used_a = vec![false; a.len()];
    let mut used_b = vec![false; b.len()];
    let mut out = Vec::new();
    while let Some((_, Reverse(sx), Reverse(sy), len)) = heap.pop() {
        let free = |t: usize| !used_a[sx + t] && !used_b[sy + t];
        if (0..len).all(free) {
            used_a[sx..sx + len].iter_mut().for_each(|u| *u = true);
            used_b[sy..sy + len].iter_mut().for_each(|u| *u = true);
            out.push((sx, sy, len));
            continue;
        }
        // What is left of the run beside the words taken: each free stretch, cut to start and
        // end on words that are the same, competes again.
        let mut t = 0;
        while t < len {
            if !free(t) {
                t += 1;
                continue;
            }
            let start = t;
            while t < len && free(t) {
                t += 1;
            }
            let (mut s, mut e) = (start, t);
            while s < e && ia[sx + s] != ib[sy + s] {
                s += 1;
            }
            while e > s && ia[sx + e - 1] != ib[sy + e - 1] {
                e -= 1;
            }
            let own = own_words(a, &ia, &ib, sx + s, sy + s, e - s);
            if e > s && own >= min_len.max(1) {
                heap.push((own, Reverse(sx + s), Reverse(sy + s), e - s));
            }
        }
    }
    out.sort_unstable();
    out
}

/// The longest run through the seed at (i, j) along its diagonal: (start in a, start in b,
/// length), starting and ending on words that are the same.
fn grow(ia: &[u32], ib: &[u32], i: usize, j: usize, max_misread: usize, near: Near) -> (usize, usize, usize) {
    let step = |x: usize, y: usize, misread: &mut usize| -> Option<bool> {
        if ia[x] == ib[y] {
            *misread = 0;
            Some(true)
        } else if *misread < max_misread && near(x, y) {
            *misread += 1;
            Some(false)
        } else {
            None
        }
    };
    let (mut start, mut misread) = ((i, j), 0);
    let (mut x, mut y) = (i, j);
    while x > 0 && y > 0 {
        match step(x - 1, y - 1, &mut misread) {
            Some(same) => {
                (x, y) = (x - 1, y - 1);
                if same {
                    start = (x, y);
                }
            }
            None => break,
        }
    }
    let (mut end, mut misread) = ((i, j), 0);
    let (mut x, mut y) = (i, j);
    while x < ia.len() && y < ib.len() {
        match step(x, y, &mut misread) {
            Some(same) => {
                if same {
                    end = (x + 1, y + 1);
                }
                (x, y) = (x + 1, y + 1);
            }
            None => break,
        }
    }
    (start.0, start.1, end.0 - start.0)
}

/// Own words of a run: words nearly the same, and words the same that are not quoted.
fn own_words(a: &[Tok], ia: &[u32], ib: &[u32], sx: usize, sy: usize, len: usize) -> usize {
    (0..len).filter(|&t| ia[sx + t] != ib[sy + t] || !a[sx + t].quoted).count()
}
