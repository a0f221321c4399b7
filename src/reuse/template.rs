//! The template of a copied passage: its text as most of its occurrences carry it, and what each
//! occurrence changed against it (words added, words dropped), by a word-by-word alignment of our
//! own (a longest common subsequence of words, with words nearly the same, inflections and
//! misreadings, taken as the same).

use crate::normalize::{alike, word_key, words, Likeness};

/// Cells of the alignment table (words of one × words of the other, past their common start and
/// end) up to which two occurrences are aligned exactly. Longer ones are first cut at the words
/// each holds once, in the same order in both (as patience diff does), and the pieces aligned
/// the same way; a piece with no such word that is still too long is aligned greedily within
/// [`WINDOW`] words.
pub const MAX_CELLS: usize = 1 << 22;

/// How far ahead the greedy alignment of a long piece without anchors looks for the next word.
pub const WINDOW: usize = 64;

/// One word of an occurrence, as compared.
#[derive(Debug, Clone)]
pub struct Word {
    /// Its byte range in its paragraph.
    pub range: [usize; 2],
    /// As written.
    pub text: String,
    /// What stands before it in its paragraph since the word before (spaces collapsed; a space
    /// for its first word).
    pub before: String,
    /// What follows it in its paragraph up to the next word (spaces collapsed).
    pub after: String,
    key: u64,
    likeness: Likeness,
    /// Quoted from the report: kept in the template, never a change.
    pub quoted: bool,
}

/// The words of a paragraph's `text`, those within `quoted` byte ranges marked.
pub fn words_of(text: &str, quoted: &[[usize; 2]]) -> Vec<Word> {
    let found = words(text);
    found
        .iter()
        .enumerate()
        .map(|(k, w)| {
            let is_quoted = quoted.iter().any(|&[a, b]| a <= w.start && w.end <= b);
            let written = &text[w.start..w.end];
            let until = found.get(k + 1).map_or(text.len(), |n| n.start);
            let after = collapse(&text[w.end..until]);
            let before = if k == 0 { " ".to_string() } else { collapse(&text[found[k - 1].end..w.start]) };
            Word {
                range: [w.start, w.end],
                text: written.to_string(),
                before,
                after,
                key: word_key(&w.text),
                likeness: Likeness::of(written),
                quoted: is_quoted,
            }
        })
        .collect()
}

/// Runs of white space as one space.
fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_whitespace() {
            if !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether two words are the same to the template: the same folded word, an inflection of it, or
/// the word nearly the same (misread).
fn same(x: &Word, y: &Word) -> bool {
    x.key == y.key || alike(&x.text, x.likeness, &y.text, y.likeness)
}

/// How many times a long piece is cut at anchors, then cut again inside: past it, what is left is
/// aligned greedily (a text built so that each cut finds one anchor costs no more).
pub const MAX_CUTS: usize = 16;

/// The words of `a` and `b` aligned: pairs (index in a, index in b), increasing in both.
pub fn align(a: &[Word], b: &[Word]) -> Vec<(usize, usize)> {
    align_within(a, b, 0)
}

/// [`align`], `cuts` deep in pieces cut at anchors.
fn align_within(a: &[Word], b: &[Word], cuts: usize) -> Vec<(usize, usize)> {
    let mut start = 0;
    while start < a.len() && start < b.len() && same(&a[start], &b[start]) {
        start += 1;
    }
    let mut end = 0;
    while end < a.len() - start && end < b.len() - start && same(&a[a.len() - 1 - end], &b[b.len() - 1 - end]) {
        end += 1;
    }
    let (ma, mb) = (&a[start..a.len() - end], &b[start..b.len() - end]);
    let middle = if ma.len().saturating_mul(mb.len()) <= MAX_CELLS {
        table(ma, mb)
    } else if cuts < MAX_CUTS {
        anchored(ma, mb, cuts + 1)
    } else {
        greedy(ma, mb)
    };
    let mut out: Vec<(usize, usize)> = (0..start).map(|k| (k, k)).collect();
    out.extend(middle.into_iter().map(|(i, j)| (i + start, j + start)));
    out.extend((0..end).rev().map(|k| (a.len() - 1 - k, b.len() - 1 - k)));
    out
}

/// Two long runs of words aligned piece by piece between anchors: words each holds once, kept in
/// the longest order both agree on.
fn anchored(a: &[Word], b: &[Word], cuts: usize) -> Vec<(usize, usize)> {
    // Each word's count in a and in b, and its place in a.
    let mut seen: std::collections::HashMap<u64, (usize, usize, usize)> = std::collections::HashMap::new();
    for (i, w) in a.iter().enumerate() {
        seen.entry(w.key).or_insert((0, 0, i)).0 += 1;
    }
    for w in b {
        if let Some(e) = seen.get_mut(&w.key) {
            e.1 += 1;
        }
    }
    let pairs: Vec<(usize, usize)> = b
        .iter()
        .enumerate()
        .filter_map(|(j, w)| match seen.get(&w.key) {
            Some(&(1, 1, i)) => Some((i, j)),
            _ => None,
        })
        .collect();
    let anchors = increasing(&pairs);
    if anchors.is_empty() {
        return greedy(a, b);
    }
    let mut out = Vec::new();
    let (mut ia, mut jb) = (0, 0);
    for &(i, j) in anchors.iter().chain(std::iter::once(&(a.len(), b.len()))) {
        for (x, y) in align_within(&a[ia..i], &b[jb..j], cuts) {
            out.push((x + ia, y + jb));
        }
        if i < a.len() {
            out.push((i, j));
        }
        (ia, jb) = (i + 1, j + 1);
    }
    out
}

/// The longest run of pairs (in order of their second place) whose first places increase too.
fn increasing(pairs: &[(usize, usize)]) -> Vec<(usize, usize)> {
    // Patience sorting: the last pair of the best run of each length, and each pair's predecessor.
    let mut tails: Vec<usize> = Vec::new();
    let mut before: Vec<Option<usize>> = vec![None; pairs.len()];
    for (k, &(i, _)) in pairs.iter().enumerate() {
        let at = tails.partition_point(|&t| pairs[t].0 < i);
        before[k] = at.checked_sub(1).map(|p| tails[p]);
        if at == tails.len() {
            tails.push(k);
        } else {
            tails[at] = k;
        }
    }
    let mut out = Vec::with_capacity(tails.len());
    let mut k = tails.last().copied();
    while let Some(x) = k {
        out.push(pairs[x]);
        k = before[x];
    }
    out.reverse();
    out
}

/// The longest common subsequence of words, over the whole table.
fn table(a: &[Word], b: &[Word]) -> Vec<(usize, usize)> {
    let w = b.len() + 1;
    // Lengths fit: the table's shorter side is at most the square root of its cells.
    let mut t = vec![0u16; (a.len() + 1) * w];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            t[i * w + j] =
                if same(&a[i], &b[j]) { t[(i + 1) * w + j + 1] + 1 } else { t[(i + 1) * w + j].max(t[i * w + j + 1]) };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while i < a.len() && j < b.len() {
        if same(&a[i], &b[j]) && t[i * w + j] == t[(i + 1) * w + j + 1] + 1 {
            out.push((i, j));
            i += 1;
            j += 1;
        } else if t[(i + 1) * w + j] >= t[i * w + j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

/// Each word of a matched with the next word of b the same within [`WINDOW`] words.
fn greedy(a: &[Word], b: &[Word]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut j = 0;
    for (i, x) in a.iter().enumerate() {
        if let Some(k) = (j..b.len().min(j + WINDOW)).find(|&k| same(x, &b[k])) {
            out.push((i, k));
            j = k + 1;
        }
    }
    out
}

/// The template: its words in order, and before which of them (or at the end) occurrences carry
/// words of their own that no majority shares (a gap, shown `…`).
#[derive(Debug, Clone, Default)]
pub struct Template {
    pub words: Vec<Word>,
    /// `gaps[k]`: a gap before word k (`k == words.len()`: after the last).
    pub gaps: Vec<bool>,
}

impl Template {
    /// The template's text, each word as its occurrence writes it, gaps as `…`.
    pub fn text(&self) -> String {
        let mut s = String::new();
        for (k, w) in self.words.iter().enumerate() {
            if self.gaps[k] {
                s.push_str(if k == 0 { "… " } else { " … " });
            }
            s.push_str(&w.text);
            if k + 1 == self.words.len() {
                s.extend(w.after.chars().take_while(|&c| closing(c)));
            } else if self.gaps[k + 1] {
                s.push_str(w.after.trim_end());
            } else {
                let next = &self.words[k + 1].before;
                s.push_str(if next.is_empty() { " " } else { next });
            }
        }
        if self.gaps.last() == Some(&true) && !self.words.is_empty() {
            s.push_str(" …");
        }
        s
    }
}

/// Punctuation that closes a sentence or a quotation.
fn closing(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | ')' | ']' | '’' | '”' | '"')
}

/// What an occurrence changed against the template.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    /// Byte ranges of its own words that the template lacks (quotation is never a change).
    pub added: Vec<[usize; 2]>,
    /// Template words it lacks, in the template's order.
    pub dropped: Vec<String>,
    /// How many of `dropped` stand in a row in the template, run by run.
    pub dropped_runs: Vec<usize>,
    /// Byte ranges of its words that are the template's only nearly (misread, or another
    /// inflection): not changes, shown apart.
    pub near: Vec<[usize; 2]>,
}

/// More than half of `n`.
fn majority(count: usize, n: usize) -> bool {
    count * 2 > n
}

/// The template of these occurrences, built on `medoid` (the one that shares most with the
/// others): its words that a majority of occurrences carry, and the runs of words that a majority
/// carry between them where it has none; then each occurrence's changes against it.
pub fn template(occurrences: &[Vec<Word>], medoid: usize) -> (Template, Vec<Changes>) {
    let n = occurrences.len();
    let base = &occurrences[medoid];
    let mut carried = vec![1usize; base.len()];
    // How each word of the medoid is written where it is carried: (its key and how much closing
    // punctuation follows it, occurrences, the first such occurrence, the word's place in it),
    // the medoid's own form first.
    let form = |w: &Word| (w.key, w.after.chars().take_while(|&c| closing(c)).count());
    type Form = ((u64, usize), usize, usize, usize);
    let mut forms: Vec<Vec<Form>> = base.iter().enumerate().map(|(i, w)| vec![(form(w), 1, medoid, i)]).collect();
    // Runs of words an occurrence has before each word of the medoid (or after the last) that
    // the medoid lacks, by their keys, counted.
    // (keys, occurrences carrying them, the first such occurrence, where the run starts in it)
    type Run = (Vec<u64>, usize, usize, usize);
    let mut inserted: Vec<Vec<Run>> = vec![Vec::new(); base.len() + 1];
    for (o, occ) in occurrences.iter().enumerate() {
        if o == medoid {
            continue;
        }
        let pairs = align(base, occ);
        for &(i, j) in &pairs {
            carried[i] += 1;
            match forms[i].iter_mut().find(|f| f.0 == form(&occ[j])) {
                Some(f) => f.1 += 1,
                None => forms[i].push((form(&occ[j]), 1, o, j)),
            }
        }
        let mut next = 0;
        for (slot, upto) in pairs.iter().copied().chain(std::iter::once((base.len(), occ.len()))) {
            if upto > next {
                let keys: Vec<u64> = occ[next..upto].iter().map(|w| w.key).collect();
                match inserted[slot].iter_mut().find(|r| r.0 == keys) {
                    Some(r) => r.1 += 1,
                    None => inserted[slot].push((keys, 1, o, next)),
                }
            }
            next = upto + 1;
        }
    }
    let mut words = Vec::new();
    for slot in 0..=base.len() {
        if let Some((keys, _, o, from)) = inserted[slot].iter().find(|r| majority(r.1, n)) {
            words.extend(occurrences[*o][*from..from + keys.len()].iter().cloned());
        }
        if slot < base.len() && majority(carried[slot], n) {
            // As most write it (the medoid's form when no other is more common).
            let (_, _, o, j) = forms[slot].iter().fold(forms[slot][0], |best, f| if f.1 > best.1 { *f } else { best });
            words.push(occurrences[o][j].clone());
        }
    }
    let mut t = Template { gaps: vec![false; words.len() + 1], words };
    let mut with_own = vec![0usize; t.words.len() + 1];
    let mut changes = Vec::with_capacity(n);
    for occ in occurrences {
        let pairs = align(&t.words, occ);
        let mut c = Changes::default();
        let mut matched = vec![false; t.words.len()];
        let mut slots = vec![false; t.words.len() + 1];
        let mut next = 0;
        for (slot, upto) in pairs.iter().copied().chain(std::iter::once((t.words.len(), occ.len()))) {
            for w in &occ[next..upto] {
                slots[slot] = true;
                if !w.quoted {
                    c.added.push(w.range);
                }
            }
            if slot < t.words.len() {
                matched[slot] = true;
                if t.words[slot].key != occ[upto].key {
                    c.near.push(occ[upto].range);
                }
            }
            next = upto + 1;
        }
        let mut run = 0;
        for (w, m) in t.words.iter().zip(&matched) {
            if !m && !w.quoted {
                c.dropped.push(w.text.clone());
                run += 1;
            } else if run > 0 {
                c.dropped_runs.push(std::mem::take(&mut run));
            }
        }
        if run > 0 {
            c.dropped_runs.push(run);
        }
        for (k, s) in slots.iter().enumerate() {
            with_own[k] += usize::from(*s);
        }
        changes.push(c);
    }
    for (k, count) in with_own.into_iter().enumerate() {
        t.gaps[k] = majority(count, n);
    }
    (t, changes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn occ(text: &str) -> Vec<Word> {
        words_of(text, &[])
    }

    #[test]
    fn the_template_is_what_most_carry_and_each_change_is_named() {
        let texts = [
            "We welcome the report and will act on it by June.",
            "We welcome the report and will act on it by June.",
            "We welcome the report warmly and will act on it by June.",
            "We welcome the report and will act by June.",
        ];
        let occs: Vec<Vec<Word>> = texts.iter().map(|t| occ(t)).collect();
        let (t, changes) = template(&occs, 0);
        assert_eq!(t.text(), "We welcome the report and will act on it by June.");
        let added = |k: usize| -> Vec<&str> { changes[k].added.iter().map(|r| &texts[k][r[0]..r[1]]).collect() };
        assert_eq!(added(2), ["warmly"]);
        assert_eq!(changes[3].dropped, ["on", "it"]);
        assert_eq!(changes[0], Changes::default());
    }

    #[test]
    fn words_most_carry_that_the_medoid_lacks_are_kept_and_a_slot_no_majority_shares_is_a_gap() {
        let texts = ["The Kent board met.", "The Essex board met today.", "The Surrey board met today."];
        let occs: Vec<Vec<Word>> = texts.iter().map(|t| occ(t)).collect();
        let (t, _) = template(&occs, 0);
        assert_eq!(t.text(), "The … board met today.");
    }

    #[test]
    fn words_half_the_occurrences_carry_are_not_the_template() {
        let texts = ["We will act promptly.", "We will act.", "We will act promptly.", "We will act."];
        let occs: Vec<Vec<Word>> = texts.iter().map(|t| occ(t)).collect();
        let (t, changes) = template(&occs, 0);
        assert_eq!(t.text(), "We will act");
        assert_eq!(changes.iter().map(|c| c.added.len()).collect::<Vec<_>>(), [1, 0, 1, 0]);
        // Written as most write it, the punctuation after it too.
        let (t, _) = template(&[occs.clone(), vec![occ("We will act.")]].concat(), 0);
        assert_eq!(t.text(), "We will act.");
        assert!(changes.iter().all(|c| c.dropped.is_empty()));
    }

    #[test]
    fn long_occurrences_without_anchors_are_aligned_in_bounded_time() {
        // 20,000 words, each of ten words recurring: no word stands once on either side.
        let a: String = (0..20_000).map(|k| format!("w{} ", k % 10)).collect();
        let b: String = (0..20_000).map(|k| format!("w{} ", (k + 5) % 10)).collect();
        let started = std::time::Instant::now();
        let pairs = align(&occ(&a), &occ(&b));
        assert!(started.elapsed().as_secs() < 20);
        assert!(pairs.windows(2).all(|p| p[0].0 < p[1].0 && p[0].1 < p[1].1));
        assert!(pairs.len() >= 19_990, "{}", pairs.len());
    }

    #[test]
    fn every_word_is_carried_added_or_dropped() {
        // Variants of one text, each with words replaced, left out and put in by a fixed rule.
        let base: Vec<String> = (0..300).map(|k| format!("w{}", k * 37 % 211)).collect();
        let variants: Vec<String> = (0..7usize)
            .map(|v| {
                let mut w = base.clone();
                for e in 0..5 {
                    let at = (v * 53 + e * 97) % (w.len() - 1);
                    match (v + e) % 3 {
                        0 => w[at] = format!("x{v}{e}"),
                        1 => drop(w.remove(at)),
                        _ => w.insert(at, format!("y{v}{e}")),
                    }
                }
                w.join(" ")
            })
            .collect();
        let occs: Vec<Vec<Word>> = variants.iter().map(|t| occ(t)).collect();
        for medoid in [0, 3] {
            let (t, changes) = template(&occs, medoid);
            for (o, c) in occs.iter().zip(&changes) {
                // What it carries of the template is what is left of it once its own words are out.
                assert_eq!(t.words.len() - c.dropped.len(), o.len() - c.added.len());
                assert!(c.added.windows(2).all(|r| r[0][1] <= r[1][0]));
                assert!(c.near.is_empty());
            }
            // None of the variants' own words is the template's.
            assert!(t.words.iter().all(|w| w.text.starts_with('w')));
        }
    }

    #[test]
    fn two_occurrences_have_their_shared_words() {
        let (t, _) = template(&[occ("one two three four"), occ("one two five four")], 1);
        assert_eq!(t.text(), "one two … four");
    }

    #[test]
    fn long_occurrences_are_aligned_between_anchors_and_their_edits_named() {
        // 6,000 words of a vocabulary of 4,999 (a sixth of them recur), past the table's bound.
        let words: Vec<String> = (0..6000).map(|k| format!("w{}", k * 7919 % 4999)).collect();
        let mut edited = words.clone();
        edited[4000] = "inserted".into();
        edited.remove(1000);
        edited.insert(5000, "another".into());
        let (a, b) = (words.join(" "), edited.join(" "));
        assert!(words.len() * edited.len() > MAX_CELLS);
        let (t, changes) = template(&[occ(&a), occ(&a), occ(&b)], 0);
        assert_eq!(t.words.len(), 6000);
        let added: Vec<&str> = changes[2].added.iter().map(|r| &b[r[0]..r[1]]).collect();
        assert_eq!(added, ["inserted", "another"]);
        assert_eq!(changes[2].dropped, [words[1000].clone(), words[4000].clone()]);
    }
}
