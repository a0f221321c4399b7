//! The gazetteer of responding bodies: the 43 territorial police forces of England and Wales and
//! British Transport Police, each area's commissioner (PCC, PFCC or mayor's office) and fire and
//! rescue service, and the national bodies (NPCC, APCC, College of Policing, IOPC, Home Office),
//! each a body of its own; and the mentions of them in a text.

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
    f("Greater Manchester Police", &["greater manchester"], &[], &["GMP"]),
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
        &["metropolitan police service", "metropolitan police", "met police", "the met"],
        &["MPS"],
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
    f("British Transport Police", &[], &["british transport police"], &["BTP"]),
];

/// Weight of a full name, acronym or PCC title; a bare place name counts 1.
pub const STRONG: u32 = 3;

/// What kind of body a name is of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyKind {
    /// A police force.
    Force,
    /// A police and crime commissioner (PCC, PFCC) or a mayor's office for policing.
    Commissioner,
    /// A fire and rescue service.
    Fire,
    /// A national body: NPCC, APCC, College of Policing, IOPC, Home Office.
    National,
}

/// Commissioners whose title takes in fire as well (police, fire and crime commissioners).
const PFCC_AREAS: &[&str] = &["Essex", "Northamptonshire", "North Yorkshire", "Staffordshire"];
/// Areas whose policing body is a mayor's: the force's name, the body's name, its other names.
const MAYORS: &[(&str, &str, &[&str], &[&str])] = &[
    (
        "Metropolitan Police Service",
        "Mayor's Office for Policing and Crime",
        &["mayor's office for policing and crime", "deputy mayor for policing and crime"],
        &["MOPAC"],
    ),
    ("Greater Manchester Police", "Mayor of Greater Manchester", &["mayor of greater manchester"], &[]),
    ("West Yorkshire Police", "Mayor of West Yorkshire", &["mayor of west yorkshire"], &[]),
];
/// National bodies: name, other names, acronyms.
const NATIONAL: &[(&str, &[&str], &[&str])] = &[
    (
        "National Police Chiefs' Council",
        &["national police chiefs' council", "national police chiefs council"],
        &["NPCC"],
    ),
    ("Association of Police and Crime Commissioners", &["association of police and crime commissioners"], &["APCC"]),
    ("College of Policing", &["college of policing"], &["CoP"]),
    ("Independent Office for Police Conduct", &["independent office for police conduct"], &["IOPC"]),
    ("Home Office", &["home office"], &[]),
];

/// Words that, after a place name, make it the force's or PCC's own name.
const BODY_WORDS: &[&str] = &["police", "constabulary"];
/// Word sequences that, after a place name, make it a commissioner's name or title.
const COMMISSIONER_AFTER: &[&[&str]] = &[
    &["police", "crime", "and", "victims'", "commissioner"],
    &["police", "fire", "and", "crime", "commissioner"],
    &["police", "and", "crime", "commissioner"],
    &["police", "and", "crime", "panel"],
    &["commissioner"],
    &["pcc"],
    &["opcc"],
    &["pfcc"],
];
/// Word sequences that, before a place name, make it a commissioner's title.
const COMMISSIONER_BEFORE: &[&[&str]] = &[
    &["police", "crime", "and", "victims'", "commissioner", "for", "county"],
    &["police", "crime", "and", "victims'", "commissioner", "for"],
    &["office", "of", "the", "police", "and", "crime", "commissioner", "for"],
    &["police", "fire", "and", "crime", "commissioner", "for"],
    &["police", "and", "crime", "commissioner", "for"],
    &["commissioner", "for"],
    &["opcc", "for"],
];
/// Word sequences that, after a place name, make it a fire and rescue service's name.
const FIRE_AFTER: &[&[&str]] = &[
    &["fire", "and", "rescue", "service"],
    &["fire", "and", "rescue"],
    &["fire", "&", "rescue"],
    &["fire", "service"],
];
/// Word sequences that, before a place name, make it a chief officer's title (the force's).
const FORCE_BEFORE: &[&[&str]] = &[&["constable", "of"], &["police", "area", "of"]];

/// A name found in a text, with its byte range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub force: &'static str,
    pub start: usize,
    pub end: usize,
    pub weight: u32,
    pub kind: BodyKind,
}

/// What kind of name an entry of the lookup table is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum NameKind {
    Place,
    Alias,
    Acronym,
}

/// One name of one body, as its normalized words' keys. A place stands for the force, its
/// commissioner and its fire service, told apart by the words around it.
struct Name {
    force: &'static str,
    body: BodyKind,
    words: Vec<u64>,
    original: &'static str,
    kind: NameKind,
}

/// The bodies of one area: its force, commissioner (or mayor's office) and fire service.
struct Area {
    commissioner: Option<&'static str>,
    fire: Option<&'static str>,
}

fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

/// Each force's area bodies, by the force's name (built once).
fn areas() -> &'static FxHashMap<&'static str, Area> {
    static AREAS: OnceLock<FxHashMap<&'static str, Area>> = OnceLock::new();
    AREAS.get_or_init(|| {
        FORCES
            .iter()
            .filter(|f| !f.places.is_empty())
            .map(|f| {
                let short = short_name(f.name);
                let commissioner = match MAYORS.iter().find(|m| m.0 == f.name) {
                    Some(m) => Some(m.1),
                    None if f.name == "City of London Police" => None,
                    None if PFCC_AREAS.contains(&short) => {
                        Some(leak(format!("{short} Police, Fire and Crime Commissioner")))
                    }
                    None => Some(leak(format!("{short} Police and Crime Commissioner"))),
                };
                let fire = (f.name != "City of London Police" && f.name != "Metropolitan Police Service")
                    .then(|| leak(format!("{short} Fire and Rescue Service")));
                (f.name, Area { commissioner, fire })
            })
            .collect()
    })
}

/// All names, by the key of their first normalized word.
fn lookup() -> &'static FxHashMap<u64, Vec<Name>> {
    static TABLE: OnceLock<FxHashMap<u64, Vec<Name>>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table: FxHashMap<u64, Vec<Name>> = FxHashMap::default();
        let mut add = |force: &'static str, body: BodyKind, names: &'static [&'static str], kind: NameKind| {
            for original in names {
                let words = keys(original);
                table.entry(words[0]).or_default().push(Name { force, body, words, original, kind });
            }
        };
        for force in FORCES {
            add(force.name, BodyKind::Force, force.places, NameKind::Place);
            add(force.name, BodyKind::Force, force.aliases, NameKind::Alias);
            add(force.name, BodyKind::Force, force.acronyms, NameKind::Acronym);
        }
        for (_, name, aliases, acronyms) in MAYORS {
            add(name, BodyKind::Commissioner, aliases, NameKind::Alias);
            add(name, BodyKind::Commissioner, acronyms, NameKind::Acronym);
        }
        for (name, aliases, acronyms) in NATIONAL {
            add(name, BodyKind::National, aliases, NameKind::Alias);
            add(name, BodyKind::National, acronyms, NameKind::Acronym);
        }
        table
    })
}

/// The keys of a text's words.
fn keys(text: &str) -> Vec<u64> {
    keyed_words(text).iter().map(|w| w.key).collect()
}

/// Word sequences by their words' keys.
fn keyed(seqs: &[&[&str]]) -> Vec<Vec<u64>> {
    // Read as a text is (`victims'` is the word `victims`), so that they match what texts give.
    seqs.iter().map(|seq| keys(&seq.join(" "))).collect()
}

/// The context words by their keys: body words, then the sequences of commissioners (after,
/// before), fire services and chief officers.
struct Context {
    body: Vec<u64>,
    commissioner_after: Vec<Vec<u64>>,
    commissioner_before: Vec<Vec<u64>>,
    fire_after: Vec<Vec<u64>>,
    force_before: Vec<Vec<u64>>,
}

fn context_words() -> &'static Context {
    static WORDS: OnceLock<Context> = OnceLock::new();
    WORDS.get_or_init(|| Context {
        body: BODY_WORDS.iter().map(|w| word_key(w)).collect(),
        commissioner_after: keyed(COMMISSIONER_AFTER),
        commissioner_before: keyed(COMMISSIONER_BEFORE),
        fire_after: keyed(FIRE_AFTER),
        force_before: keyed(FORCE_BEFORE),
    })
}

fn preceded_by(ws: &[KeyedWord], at: usize, seq: &[u64]) -> bool {
    at >= seq.len() && ws[at - seq.len()..at].iter().zip(seq).all(|(w, s)| w.key == *s)
}

fn followed_by(ws: &[KeyedWord], at: usize, seq: &[u64]) -> bool {
    ws.len() >= at + seq.len() && ws[at..at + seq.len()].iter().zip(seq).all(|(w, s)| w.key == *s)
}

/// Every mention of a body in `text`: full names, acronyms, commissioners' and chief officers'
/// titles, fire services, national bodies and bare place names.
pub fn mentions(text: &str) -> Vec<Mention> {
    mentions_in(text, &keyed_words(text))
}

/// A found name: its first word, its length in words, weight, body and kind.
type Found = (usize, usize, u32, &'static str, BodyKind);

/// The longest name read at word `i` of a place: the commissioner's, fire service's or force's,
/// by the words around it.
fn place_at(ws: &[KeyedWord], i: usize, n: usize, force: &'static str) -> Found {
    let c = context_words();
    let area = areas().get(force);
    if let Some(name) = area.and_then(|a| a.commissioner) {
        if let Some(after) = c.commissioner_after.iter().find(|seq| followed_by(ws, i + n, seq)) {
            return (i, n + after.len(), STRONG, name, BodyKind::Commissioner);
        }
        if let Some(before) = c.commissioner_before.iter().find(|seq| preceded_by(ws, i, seq)) {
            return (i - before.len(), n + before.len(), STRONG, name, BodyKind::Commissioner);
        }
    }
    if let Some(name) = area.and_then(|a| a.fire) {
        if let Some(after) = c.fire_after.iter().find(|seq| followed_by(ws, i + n, seq)) {
            return (i, n + after.len(), STRONG, name, BodyKind::Fire);
        }
    }
    let body = ws.get(i + n).is_some_and(|w| c.body.contains(&w.key));
    let titled = c.force_before.iter().any(|seq| preceded_by(ws, i, seq));
    let weight = if body || titled { STRONG } else { 1 };
    (i, if body { n + 1 } else { n }, weight, force, BodyKind::Force)
}

/// [`mentions`], given the text's words (see [`keyed_words`]).
pub fn mentions_in(text: &str, ws: &[KeyedWord]) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        let mut best: Option<Found> = None;
        for name in lookup().get(&ws[i].key).into_iter().flatten() {
            let n = name.words.len();
            let matches = ws.len() >= i + n && ws[i..i + n].iter().zip(&name.words).all(|(w, t)| w.key == *t);
            if !matches {
                continue;
            }
            let found = match name.kind {
                NameKind::Acronym if &text[ws[i].start..ws[i].end] != name.original => continue,
                NameKind::Acronym | NameKind::Alias => (i, n, STRONG, name.force, name.body),
                NameKind::Place => place_at(ws, i, n, name.force),
            };
            if best.is_none_or(|b| (b.1, b.2) < (found.1, found.2)) {
                best = Some(found);
            }
        }
        match best {
            Some((from, len, weight, force, kind)) => {
                // A title read back over words already taken replaces the mention that took them.
                while out.last().is_some_and(|m| m.end > ws[from].start) {
                    out.pop();
                }
                out.push(Mention { force, start: ws[from].start, end: ws[from + len - 1].end, weight, kind });
                i = from + len;
            }
            None => i += 1,
        }
    }
    out
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

/// The canonical names of the forces in the gazetteer.
pub fn names() -> impl Iterator<Item = &'static str> {
    FORCES.iter().map(|f| f.name)
}

/// The canonical names of every body of the gazetteer: forces, commissioners, fire and rescue
/// services and national bodies.
pub fn bodies() -> impl Iterator<Item = &'static str> {
    let areas = FORCES.iter().filter_map(|f| areas().get(f.name));
    names().chain(areas.flat_map(|a| a.commissioner.into_iter().chain(a.fire))).chain(NATIONAL.iter().map(|n| n.0))
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
        assert_eq!(
            detect(["The Police and Crime Commissioner for Thames Valley wrote"]),
            Some("Thames Valley Police and Crime Commissioner")
        );
        assert_eq!(detect(["MOPAC has responded"]), Some("Mayor's Office for Policing and Crime"));
        assert_eq!(detect(["Gloucestershire has carefully considered"]), Some("Gloucestershire Constabulary"));
        let passing = "Wiltshire Police thanks Kent for its help. Wiltshire Police will act.";
        assert_eq!(detect([passing]), Some("Wiltshire Police"), "strong mentions outweigh a passing place name");
    }

    #[test]
    fn acronyms_are_case_sensitive_and_whole_words() {
        assert_eq!(detect(["we met the team; syp was not named"]), None);
        assert_eq!(detect(["A SYPHON"]), None);
    }

    #[test]
    fn no_name_no_force() {
        assert_eq!(
            detect(["Required activity has been captured on the HMIC/DHR sheet of the Constabulary's plan."]),
            None
        );
    }

    #[test]
    fn commissioners_fire_services_and_national_bodies_are_bodies_of_their_own() {
        let one = |t: &str| mentions(t).into_iter().map(|m| (m.force, m.kind)).collect::<Vec<_>>();
        assert_eq!(
            one("Julia Mulligan, North Yorkshire Police, Fire and Crime Commissioner"),
            [("North Yorkshire Police, Fire and Crime Commissioner", BodyKind::Commissioner)]
        );
        assert_eq!(
            one("Office of the Police and Crime Commissioner for Hampshire and Isle of Wight"),
            [("Hampshire Police and Crime Commissioner", BodyKind::Commissioner)]
        );
        assert_eq!(one("Hampshire Constabulary"), [("Hampshire Constabulary", BodyKind::Force)]);
        assert_eq!(
            one("Police, Crime and Victims' Commissioner for County Durham and Darlington"),
            [("Durham Police and Crime Commissioner", BodyKind::Commissioner)]
        );
        assert_eq!(one("Cumbria Fire and Rescue Service"), [("Cumbria Fire and Rescue Service", BodyKind::Fire)]);
        assert_eq!(
            one("the Staffordshire Commissioner"),
            [("Staffordshire Police, Fire and Crime Commissioner", BodyKind::Commissioner)]
        );
        assert_eq!(
            one("The APCC and the NPCC"),
            [
                ("Association of Police and Crime Commissioners", BodyKind::National),
                ("National Police Chiefs' Council", BodyKind::National)
            ]
        );
        for name in bodies() {
            assert_eq!(canonical(name), Some(name), "{name}");
        }
    }

    #[test]
    fn canonical_accepts_any_known_name() {
        assert_eq!(canonical("GMP"), Some("Greater Manchester Police"));
        assert_eq!(canonical("Wiltshire Police"), Some("Wiltshire Police"));
        assert_eq!(canonical("A new body"), None);
    }
}
