//! The gazetteer of responding bodies: the 43 territorial police forces of England and Wales and
//! British Transport Police, their short forms and PCC offices, and detection of a document's force.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use crate::normalize::{keyed_words, word_key, KeyedWord};

/// One force: its canonical name, the place names it covers and its other names.
struct Force {
    name: &'static str,
    /// Place names (lower case). Alone they are weak evidence; inside a PCC title they are strong.
    places: &'static [&'static str],
    /// Other full names, lower case (strong evidence).
    aliases: &'static [&'static str],
    /// Acronyms, matched case-sensitively (strong evidence).
    acronyms: &'static [&'static str],
}

const fn f(
    name: &'static str,
    places: &'static [&'static str],
    aliases: &'static [&'static str],
    acronyms: &'static [&'static str],
) -> Force {
    Force { name, places, aliases, acronyms }
}

const FORCES: &[Force] = &[
    f("Avon and Somerset Constabulary", &["avon and somerset", "avon & somerset"], &["avon and somerset police"], &[]),
    f("Bedfordshire Police", &["bedfordshire"], &[], &[]),
    f("Cambridgeshire Constabulary", &["cambridgeshire"], &["cambridgeshire police"], &[]),
    f("Cheshire Constabulary", &["cheshire"], &["cheshire police"], &[]),
    f("City of London Police", &["city of london"], &[], &["CoLP"]),
    f("Cleveland Police", &["cleveland"], &[], &[]),
    f("Cumbria Constabulary", &["cumbria"], &["cumbria police"], &[]),
    f("Derbyshire Constabulary", &["derbyshire"], &["derbyshire police"], &[]),
    f("Devon and Cornwall Police", &["devon and cornwall", "devon & cornwall"], &[], &[]),
    f("Dorset Police", &["dorset"], &[], &[]),
    f("Durham Constabulary", &["durham"], &["durham police"], &[]),
    f("Dyfed-Powys Police", &["dyfed-powys", "dyfed powys"], &[], &[]),
    f("Essex Police", &["essex"], &[], &[]),
    f("Gloucestershire Constabulary", &["gloucestershire"], &["gloucestershire police"], &[]),
    f("Greater Manchester Police", &["greater manchester"], &["mayor of greater manchester"], &["GMP"]),
    f("Gwent Police", &["gwent"], &[], &[]),
    f("Hampshire Constabulary", &["hampshire", "hampshire and isle of wight"], &["hampshire police"], &[]),
    f("Hertfordshire Constabulary", &["hertfordshire"], &["hertfordshire police"], &[]),
    f("Humberside Police", &["humberside"], &[], &[]),
    f("Kent Police", &["kent"], &[], &[]),
    f("Lancashire Constabulary", &["lancashire"], &["lancashire police"], &[]),
    f("Leicestershire Police", &["leicestershire"], &[], &[]),
    f("Lincolnshire Police", &["lincolnshire"], &[], &[]),
    f("Merseyside Police", &["merseyside"], &[], &[]),
    f(
        "Metropolitan Police Service",
        &["london"],
        &["metropolitan police", "met police", "the met", "mayor's office for policing and crime"],
        &["MPS", "MOPAC"],
    ),
    f("Norfolk Constabulary", &["norfolk"], &["norfolk police"], &[]),
    f("North Wales Police", &["north wales"], &[], &[]),
    f("North Yorkshire Police", &["north yorkshire"], &[], &["NYP"]),
    f("Northamptonshire Police", &["northamptonshire"], &[], &[]),
    f("Northumbria Police", &["northumbria"], &[], &[]),
    f("Nottinghamshire Police", &["nottinghamshire"], &[], &[]),
    f("South Wales Police", &["south wales"], &[], &["SWP"]),
    f("South Yorkshire Police", &["south yorkshire"], &[], &["SYP"]),
    f("Staffordshire Police", &["staffordshire"], &[], &[]),
    f("Suffolk Constabulary", &["suffolk"], &["suffolk police"], &[]),
    f("Surrey Police", &["surrey"], &[], &[]),
    f("Sussex Police", &["sussex"], &[], &[]),
    f("Thames Valley Police", &["thames valley"], &[], &["TVP"]),
    f("Warwickshire Police", &["warwickshire"], &[], &[]),
    f("West Mercia Police", &["west mercia"], &[], &[]),
    f("West Midlands Police", &["west midlands"], &[], &["WMP"]),
    f("West Yorkshire Police", &["west yorkshire"], &[], &["WYP"]),
    f("Wiltshire Police", &["wiltshire"], &["wiltshire constabulary"], &[]),
    f("British Transport Police", &[], &[], &["BTP"]),
];

/// Weight of a full name, acronym or PCC title; a bare place name counts 1.
const STRONG: u32 = 3;

/// Words that, after a place name, make it the force's or PCC's own name.
const BODY_WORDS: &[&str] = &["police", "constabulary", "pcc", "opcc", "pfcc"];
/// Word sequences that, before a place name, make it a PCC's or chief officer's title.
const TITLE_WORDS: &[&[&str]] =
    &[&["commissioner", "for"], &["opcc", "for"], &["constable", "of"], &["police", "area", "of"]];

/// A name found in a text, with its byte range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub force: &'static str,
    pub start: usize,
    pub end: usize,
    pub weight: u32,
}

/// What kind of name an entry of the lookup table is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum NameKind {
    Place,
    Alias,
    Acronym,
}

/// One name of one force, as its normalized words' keys.
struct Name {
    force: &'static str,
    words: Vec<u64>,
    original: &'static str,
    kind: NameKind,
}

/// All names, by the key of their first normalized word.
fn lookup() -> &'static FxHashMap<u64, Vec<Name>> {
    static TABLE: OnceLock<FxHashMap<u64, Vec<Name>>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table: FxHashMap<u64, Vec<Name>> = FxHashMap::default();
        for force in FORCES {
            let kinds = [
                (force.places, NameKind::Place),
                (force.aliases, NameKind::Alias),
                (force.acronyms, NameKind::Acronym),
            ];
            for (names, kind) in kinds {
                for original in names {
                    let words = keys(original);
                    table.entry(words[0]).or_default().push(Name { force: force.name, words, original, kind });
                }
            }
        }
        table
    })
}

/// The keys of a text's words.
fn keys(text: &str) -> Vec<u64> {
    keyed_words(text).iter().map(|w| w.key).collect()
}

/// [`BODY_WORDS`] and [`TITLE_WORDS`] by their words' keys.
fn context_words() -> &'static (Vec<u64>, Vec<Vec<u64>>) {
    static WORDS: OnceLock<(Vec<u64>, Vec<Vec<u64>>)> = OnceLock::new();
    WORDS.get_or_init(|| {
        let body = BODY_WORDS.iter().map(|w| word_key(w)).collect();
        let titles = TITLE_WORDS.iter().map(|seq| seq.iter().map(|w| word_key(w)).collect()).collect();
        (body, titles)
    })
}

fn preceded_by(ws: &[KeyedWord], at: usize, seq: &[u64]) -> bool {
    at >= seq.len() && ws[at - seq.len()..at].iter().zip(seq).all(|(w, s)| w.key == *s)
}

/// Every mention of a force in `text`: full names, acronyms, PCC titles and bare place names.
pub fn mentions(text: &str) -> Vec<Mention> {
    mentions_in(text, &keyed_words(text))
}

/// [`mentions`], given the text's words (see [`keyed_words`]).
pub fn mentions_in(text: &str, ws: &[KeyedWord]) -> Vec<Mention> {
    let (body_words, title_words) = context_words();
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        let mut best: Option<(usize, u32, &'static str)> = None;
        for name in lookup().get(&ws[i].key).into_iter().flatten() {
            let n = name.words.len();
            let matches = ws.len() >= i + n && ws[i..i + n].iter().zip(&name.words).all(|(w, t)| w.key == *t);
            if !matches {
                continue;
            }
            match name.kind {
                NameKind::Acronym if &text[ws[i].start..ws[i].end] != name.original => {}
                NameKind::Acronym | NameKind::Alias => best = best.max_by_len(n, STRONG, name.force),
                NameKind::Place => {
                    let body = ws.get(i + n).is_some_and(|w| body_words.contains(&w.key));
                    let titled = title_words.iter().any(|seq| preceded_by(ws, i, seq));
                    let weight = if body || titled { STRONG } else { 1 };
                    let len = if body { n + 1 } else { n };
                    best = best.max_by_len(len, weight, name.force);
                }
            }
        }
        match best {
            Some((len, weight, force)) => {
                out.push(Mention { force, start: ws[i].start, end: ws[i + len - 1].end, weight });
                i += len;
            }
            None => i += 1,
        }
    }
    out
}

trait Longest {
    fn max_by_len(self, len: usize, weight: u32, name: &'static str) -> Self;
}

impl Longest for Option<(usize, u32, &'static str)> {
    fn max_by_len(self, len: usize, weight: u32, name: &'static str) -> Self {
        match self {
            Some((l, w, _)) if (l, w) >= (len, weight) => self,
            _ => Some((len, weight, name)),
        }
    }
}

/// The force a text is most likely from: the one with the greatest weight of mentions, the
/// earliest mentioned on a tie. `None` when no force is named at all.
pub fn detect<'a>(texts: impl IntoIterator<Item = &'a str>) -> Option<&'static str> {
    let mut tally: Vec<(&'static str, u32, usize)> = Vec::new();
    let mut order = 0;
    for text in texts {
        for m in mentions(text) {
            order += 1;
            match tally.iter_mut().find(|(name, _, _)| *name == m.force) {
                Some(entry) => entry.1 += m.weight,
                None => tally.push((m.force, m.weight, order)),
            }
        }
    }
    tally.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2))).map(|(name, _, _)| name)
}

/// The canonical name of a force given any of its names, if it is one the gazetteer knows.
pub fn canonical(name: &str) -> Option<&'static str> {
    let ms = mentions(name);
    match ms.as_slice() {
        [m] if m.start == 0 && m.end == name.trim_end().len() => Some(m.force),
        _ => None,
    }
}

/// A body's name as the bundled corpus names its files: without the words every force has
/// (`South Yorkshire Police` is `South Yorkshire`, `Metropolitan Police Service` `Metropolitan`).
pub fn short_name(name: &str) -> &str {
    let mut short = name.trim();
    for tail in [" Police Service", " Service", " Police", " Constabulary"] {
        if let Some(s) = short.strip_suffix(tail).filter(|s| !s.is_empty()) {
            short = s;
            break;
        }
    }
    short
}

/// Number of bodies in the gazetteer.
pub fn count() -> usize {
    FORCES.len()
}

/// The canonical names of all bodies in the gazetteer.
pub fn names() -> impl Iterator<Item = &'static str> {
    FORCES.iter().map(|f| f.name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names_drop_the_words_every_force_has() {
        assert_eq!(short_name("South Yorkshire Police"), "South Yorkshire");
        assert_eq!(short_name("Gloucestershire Constabulary"), "Gloucestershire");
        assert_eq!(short_name("Metropolitan Police Service"), "Metropolitan");
        assert_eq!(short_name("Police"), "Police");
    }

    #[test]
    fn gazetteer_has_43_territorial_forces_and_btp() {
        assert_eq!(count(), 44);
    }

    #[test]
    fn detects_full_names_acronyms_and_pcc_titles() {
        assert_eq!(detect(["Hampshire Constabulary began to review"]), Some("Hampshire Constabulary"));
        assert_eq!(detect(["SYP issue all victims with a booklet"]), Some("South Yorkshire Police"));
        assert_eq!(detect(["The Police and Crime Commissioner for Thames Valley wrote"]), Some("Thames Valley Police"));
        assert_eq!(detect(["MOPAC has responded"]), Some("Metropolitan Police Service"));
        assert_eq!(detect(["Gloucestershire has carefully considered"]), Some("Gloucestershire Constabulary"));
    }

    #[test]
    fn acronyms_are_case_sensitive_and_whole_words() {
        assert_eq!(detect(["we met the team; syp was not named"]), None);
        assert_eq!(detect(["A SYPHON"]), None);
    }

    #[test]
    fn strong_mentions_outweigh_a_passing_place_name() {
        let text = "Wiltshire Police thanks Kent for its help. Wiltshire Police will act.";
        assert_eq!(detect([text]), Some("Wiltshire Police"));
    }

    #[test]
    fn no_name_no_force() {
        assert_eq!(
            detect(["Required activity has been captured on the HMIC/DHR sheet of the Constabulary's plan."]),
            None
        );
    }

    #[test]
    fn canonical_accepts_any_known_name() {
        assert_eq!(canonical("GMP"), Some("Greater Manchester Police"));
        assert_eq!(canonical("Wiltshire Police"), Some("Wiltshire Police"));
        assert_eq!(canonical("A new body"), None);
    }
}
