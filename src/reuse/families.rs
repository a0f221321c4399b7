//! Families of findings: paragraphs connected by shared passages, numbered strongest first.

use std::collections::HashMap;

use super::finding::{Family, Finding};
use super::units;

/// Groups findings into families (connected paragraphs), numbered strongest first.
pub fn families(findings: &mut [Finding]) -> Vec<Family> {
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut parent: Vec<usize> = Vec::new();
    fn find(parent: &mut [usize], x: usize) -> usize {
        let mut r = x;
        while parent[r] != r {
            r = parent[r];
        }
        let mut y = x;
        while parent[y] != r {
            let next = parent[y];
            parent[y] = r;
            y = next;
        }
        r
    }
    let mut node = |id: &str, parent: &mut Vec<usize>| {
        *index.entry(id.to_string()).or_insert_with(|| {
            parent.push(parent.len());
            parent.len() - 1
        })
    };
    let ends: Vec<(usize, usize)> =
        findings.iter().map(|f| (node(&f.a.id, &mut parent), node(&f.b.id, &mut parent))).collect();
    for &(x, y) in &ends {
        let (rx, ry) = (find(&mut parent, x), find(&mut parent, y));
        if rx != ry {
            parent[rx.max(ry)] = rx.min(ry);
        }
    }
    // Findings are sorted strongest first: families are numbered by their strongest finding.
    let mut numbers: HashMap<usize, usize> = HashMap::new();
    let mut out: Vec<Family> = Vec::new();
    for (f, &(x, _)) in findings.iter_mut().zip(&ends) {
        let root = find(&mut parent, x);
        let n = *numbers.entry(root).or_insert_with(|| {
            out.push(Family {
                id: format!("F{}", out.len() + 1),
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
