//! Families of findings: paragraphs connected by shared passages, strongest first, each with an id
//! that stays put as the corpus grows and whatever the filters; and the stock passages, grouped
//! the same way and listed once.

use std::collections::HashMap;

use super::finding::{Family, Finding, Stock};
use super::units;

/// Paragraphs joined by findings: each finding's root (the union of the paragraphs it connects).
struct Groups {
    index: HashMap<String, usize>,
    parent: Vec<usize>,
    /// The finding's first paragraph's node.
    ends: Vec<usize>,
}

impl Groups {
    fn of(findings: &[Finding]) -> Groups {
        let mut g = Groups { index: HashMap::new(), parent: Vec::new(), ends: Vec::new() };
        for f in findings {
            let (x, y) = (g.node(&f.a.id), g.node(&f.b.id));
            let (rx, ry) = (g.find(x), g.find(y));
            if rx != ry {
                g.parent[rx.max(ry)] = rx.min(ry);
            }
            g.ends.push(x);
        }
        g
    }

    fn node(&mut self, id: &str) -> usize {
        if let Some(&n) = self.index.get(id) {
            return n;
        }
        self.parent.push(self.parent.len());
        self.index.insert(id.to_string(), self.parent.len() - 1);
        self.parent.len() - 1
    }

    fn find(&mut self, x: usize) -> usize {
        let mut r = x;
        while self.parent[r] != r {
            r = self.parent[r];
        }
        let mut y = x;
        while self.parent[y] != r {
            let next = self.parent[y];
            self.parent[y] = r;
            y = next;
        }
        r
    }
}

/// A paragraph's place in corpus order: its document, then its number.
fn corpus_order(id: &str) -> (&str, u64) {
    match id.rsplit_once(':') {
        Some((doc, n)) => (doc, n.parse().unwrap_or(u64::MAX)),
        None => (id, u64::MAX),
    }
}

/// The id of a group whose first paragraph (in corpus order) is `first`.
fn id_of(prefix: char, first: &str) -> String {
    format!("{prefix}{:06x}", xxhash_rust::xxh3::xxh3_64(first.as_bytes()) & 0xff_ffff)
}

/// Each paragraph's family id, from the families of all these findings: a family is named by its
/// first paragraph in corpus order, so an unrelated document added, or a filter, changes no id.
pub fn stable_ids(findings: &[Finding]) -> HashMap<String, String> {
    let mut g = Groups::of(findings);
    let mut first: HashMap<usize, &str> = HashMap::new();
    let ids: Vec<(String, usize)> = g.index.iter().map(|(id, &n)| (id.clone(), n)).collect();
    let mut roots = Vec::with_capacity(ids.len());
    for (id, n) in &ids {
        let root = g.find(*n);
        roots.push(root);
        let entry = first.entry(root).or_insert(id.as_str());
        if corpus_order(id) < corpus_order(entry) {
            *entry = id.as_str();
        }
    }
    ids.iter().zip(roots).map(|((id, _), root)| (id.clone(), id_of('F', first[&root]))).collect()
}

/// Groups findings into families (connected paragraphs), strongest first, named by `ids` (see
/// [`stable_ids`]).
pub fn families(findings: &mut [Finding], ids: &HashMap<String, String>) -> Vec<Family> {
    let mut g = Groups::of(findings);
    // Findings are sorted strongest first: families are listed by their strongest finding.
    let mut numbers: HashMap<usize, usize> = HashMap::new();
    let mut out: Vec<Family> = Vec::new();
    for (i, f) in findings.iter_mut().enumerate() {
        let root = g.find(g.ends[i]);
        let n = *numbers.entry(root).or_insert_with(|| {
            out.push(Family {
                id: ids.get(&f.a.id).cloned().unwrap_or_else(|| id_of('F', &f.a.id)),
                bodies: Vec::new(),
                paragraphs: Vec::new(),
                size: 0,
                findings: 0,
                strongest: f.score,
                representative: String::new(),
            });
            out.len() - 1
        });
        let fam = &mut out[n];
        f.family = fam.id.clone();
        fam.findings += 1;
        for p in [&f.a, &f.b] {
            let body = units::body_of(p);
            if !fam.bodies.contains(&body) {
                fam.bodies.push(body);
            }
            if !fam.paragraphs.contains(&p.id) {
                fam.paragraphs.push(p.id.clone());
            }
        }
        if let Some(s) = f.spans.iter().max_by_key(|s| s.words) {
            let passage = f.a.text.get(s.a[0]..with_closing(&f.a.text, s.a[1])).unwrap_or(&s.shared);
            if passage.len() > fam.representative.len() {
                fam.representative = passage.to_string();
            }
        }
    }
    for fam in &mut out {
        fam.bodies.sort();
        fam.size = fam.paragraphs.len();
    }
    out
}

/// The stock passages of these stock findings, each once with the bodies that carry it, the most
/// widely carried first.
pub fn stock(findings: &mut [Finding]) -> Vec<Stock> {
    let ids = HashMap::new();
    let groups = families(findings, &ids);
    let mut reasons: HashMap<&str, Vec<String>> = HashMap::new();
    for f in findings.iter() {
        let list = reasons.entry(f.family.as_str()).or_default();
        for r in &f.stock_reasons {
            if !list.contains(r) {
                list.push(r.clone());
            }
        }
    }
    let mut out: Vec<Stock> = groups
        .into_iter()
        .map(|fam| {
            let mut reasons = reasons.get(fam.id.as_str()).cloned().unwrap_or_default();
            reasons.sort();
            let first = fam.paragraphs.iter().min_by(|x, y| corpus_order(x).cmp(&corpus_order(y)));
            let mut paragraphs = fam.paragraphs.clone();
            paragraphs.sort_by(|x, y| corpus_order(x).cmp(&corpus_order(y)));
            Stock {
                id: id_of('S', first.map_or("", String::as_str)),
                text: fam.representative,
                bodies: fam.bodies,
                paragraphs,
                reasons,
            }
        })
        .collect();
    for f in findings.iter_mut() {
        f.family = String::new();
    }
    out.sort_by(|a, b| b.bodies.len().cmp(&a.bodies.len()).then(a.id.cmp(&b.id)));
    out
}

/// Where a passage ending at `end` ends with the punctuation that closes its sentence (a full
/// stop, a closing quote or bracket), which follows its last word in the text.
fn with_closing(text: &str, end: usize) -> usize {
    let Some(rest) = text.get(end..) else { return end };
    end + rest
        .chars()
        .take_while(|c| matches!(c, '.' | '!' | '?' | ')' | ']' | '’' | '”' | '"' | '\''))
        .map(char::len_utf8)
        .sum::<usize>()
}
