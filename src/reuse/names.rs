//! Names of the field (inspectorates, national bodies, commissioners, titles and honours of address
//! lines, statutes cited by name): every body writes them, so they compare as one placeholder, as
//! responding bodies' names do, and a run made only of them is not a copy. The list is data
//! (`field_names.txt`), not code.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::normalize::{keyed_words, KeyedWord};

pub(super) const LIST: &str = include_str!("field_names.txt");

/// Each name's word keys, by its first word's key.
fn lookup() -> &'static HashMap<u64, Vec<Vec<u64>>> {
    static NAMES: OnceLock<HashMap<u64, Vec<Vec<u64>>>> = OnceLock::new();
    NAMES.get_or_init(|| {
        let mut out: HashMap<u64, Vec<Vec<u64>>> = HashMap::new();
        for line in LIST.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
            let keys: Vec<u64> = keyed_words(line).iter().map(|w| w.key).collect();
            if let Some(&first) = keys.first() {
                out.entry(first).or_default().push(keys);
            }
        }
        for names in out.values_mut() {
            // The longest name that fits is taken.
            names.sort_by_key(|n| std::cmp::Reverse(n.len()));
        }
        out
    })
}

/// Byte ranges of the field's names in a text's words, the longest at each place.
pub fn ranges(ws: &[KeyedWord]) -> Vec<(usize, usize)> {
    let names = lookup();
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        let found = names.get(&ws[i].key).and_then(|candidates| {
            candidates
                .iter()
                .find(|n| ws.len() >= i + n.len() && ws[i..i + n.len()].iter().zip(n.iter()).all(|(w, k)| w.key == *k))
        });
        match found {
            Some(n) => {
                out.push((ws[i].start, ws[i + n.len() - 1].end));
                i += n.len();
            }
            None => i += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names_in(text: &str) -> Vec<&str> {
        ranges(&keyed_words(text)).into_iter().map(|(s, e)| &text[s..e]).collect()
    }

    #[test]
    fn every_name_of_the_list_is_found_whole_in_its_own_text() {
        for line in LIST.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
            assert_eq!(names_in(line), vec![line], "{line}");
        }
    }

    #[test]
    fn the_longest_name_is_taken_and_ordinary_words_are_not_names() {
        let text = "To Chief Constable Sir Andy Marsh QPM, Chief Executive Officer, College of Policing, and the \
                    Independent Office for Police Conduct (IOPC) under the Police Reform Act 2002.";
        assert_eq!(
            names_in(text),
            [
                "Chief Constable",
                "Sir",
                "QPM",
                "Chief Executive Officer",
                "College of Policing",
                "Independent Office for Police Conduct",
                "IOPC",
                "Police Reform Act"
            ]
        );
        assert!(names_in("The officers reviewed every case with the victims and their advocates.").is_empty());
    }
}
