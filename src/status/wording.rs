//! The status a sentence or a table's status cell states: `complete`, `in progress`, `awaiting`,
//! `not accepted`, or nothing. Negation-aware: "not yet complete" is in progress, "cannot be
//! completed until the guidance is published" is awaiting, "will be completed" states nothing.

use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

/// What a body says of a recommendation. Ordered from the least advanced: where an answer states
/// several, the least advanced stands (a part still awaited is not a whole done).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Stated {
    #[serde(rename = "not accepted")]
    NotAccepted,
    #[serde(rename = "awaiting")]
    Awaiting,
    #[serde(rename = "in progress")]
    InProgress,
    #[serde(rename = "complete")]
    Complete,
    #[serde(rename = "not stated")]
    NotStated,
}

impl Stated {
    pub const ALL: [Stated; 5] =
        [Stated::Complete, Stated::InProgress, Stated::Awaiting, Stated::NotAccepted, Stated::NotStated];

    pub fn as_str(self) -> &'static str {
        match self {
            Stated::NotAccepted => "not accepted",
            Stated::Awaiting => "awaiting",
            Stated::InProgress => "in progress",
            Stated::Complete => "complete",
            Stated::NotStated => "not stated",
        }
    }

    /// Reads a status as a user names it (`complete`, `implemented`, `in-progress`, `ongoing`,
    /// `awaiting`, `not-accepted`, `not-stated`).
    pub fn parse(s: &str) -> Result<Stated, String> {
        let s = s.trim().to_lowercase().replace(['-', '_'], " ");
        match s.as_str() {
            "complete" | "completed" | "implemented" => Ok(Stated::Complete),
            "in progress" | "ongoing" => Ok(Stated::InProgress),
            "awaiting" => Ok(Stated::Awaiting),
            "not accepted" | "rejected" => Ok(Stated::NotAccepted),
            "not stated" | "none" => Ok(Stated::NotStated),
            _ => Err(format!("unknown status '{s}' (complete, in progress, awaiting, not accepted, not stated)")),
        }
    }
}

/// Lower case, curly apostrophes straight, dashes spaced: the form the patterns read.
fn fold(text: &str) -> String {
    text.to_lowercase().replace(['\u{2019}', '\u{2018}'], "'").replace(['\u{2013}', '\u{2014}'], " - ")
}

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("a valid pattern")
}

static NOT_ACCEPTED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(not (been )?accepted|(do|does|did|will|would) not accept|(don't|doesn't|won't) accept|reject(s|ed)? (this|the|these|that)\b|(is|are|was) rejected|not agreed|(do|does|did) not agree|disagrees?\b|declined? to (accept|implement|adopt)|(will|shall) not (be )?(implement|adopt)|won't (be )?(implement|adopt)|(decided|chosen|chose|elected|opted) not to (adopt|implement|accept|take forward|pursue))",
    )
});

static AWAITING: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(await(s|ing|ed)?\b|wait(s|ing)? (for|on|until)\b|pending (the|a|further|national|receipt|publication|outcome|review|guidance|completion|approval|agreement|decision|confirmation)\b|(dependent|depends|depending|contingent|reliant) (up)?on\b|on hold\b|once (received|published|issued|available|agreed|finali[sz]ed)\b|(once|until) [a-z' ]{0,60}?\b(is|are|has been|have been|becomes?) (received|published|issued|available|released|agreed|finali[sz]ed|confirmed|launched|known)\b|until [a-z' ]{1,60}?\b(publishes|issues|releases|agrees|confirms|finali[sz]es)\b)",
    )
});

static IN_PROGRESS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b((is|are|remains?|still) (still )?(in progress|ongoing|on-going|on going|under ?way)|work (is )?(in progress|ongoing|on-going|under ?way)|^(ongoing|on-going|in progress|under ?way)\b|(work|progress) (continues|is continuing)|continu(e|es|ing) to (work|develop|review|embed|implement|progress|improve|build)\b|in the process of|(partially|partly) (implemented|complete|completed|met|achieved|in place|delivered)|(is|are) (currently |now |still )?being [a-z]+(ed|en|t|wn)\b|currently (working|developing|reviewing|updating|drafting|writing|preparing|consulting|exploring|scoping|revising|refreshing|implementing|progressing|undertaking|establishing|piloting)\b|under (review|development|consideration)|(is|are) in (development|draft)\b|on track\b|imminent\b|nearing (completion|the end)|(has|have) (begun|started|commenced)\b)",
    )
});

/// Words that say a thing is done, when something is said to be it.
static DONE: LazyLock<Regex> =
    LazyLock::new(|| re(r"\b(complete|completed|implemented|discharged|fulfilled|actioned|in place)\b"));

/// Words before a done-word that make it a statement that something is done ("has been", "is now").
const ASSERTS: &[&str] = &["been", "has", "have", "had", "now", "fully", "duly", "already", "successfully"];
/// A plain "is" or "are" before a done-word: a statement of status when what is done is the
/// recommendation or its action ("this action is completed"), or with "complete" and "in place"
/// ("the review is complete"); else a description of routine ("risk assessments are completed for
/// every victim").
const IS: &[&str] = &["is", "are", "was", "were", "'s"];
const DONE_SUBJECTS: &[&str] = &[
    "recommendation",
    "recommendations",
    "action",
    "actions",
    "this",
    "it",
    "work",
    "task",
    "tasks",
    "activity",
    "requirement",
    "requirements",
];
/// Words before a done-word that deny it.
const DENIES: &[&str] = &[
    "not", "never", "cannot", "can't", "isn't", "aren't", "hasn't", "haven't", "wasn't", "weren't", "no", "nor",
    "unable",
];
/// Words before a done-word that put it in the future or a condition: no statement that it is done.
const DEFERS: &[&str] = &[
    "will", "would", "can", "could", "may", "might", "must", "should", "shall", "to", "once", "when", "if", "until",
    "before", "after", "expected", "planned", "aim", "intend", "being",
];

/// The words of the clause before byte `at`, last four at most.
fn words_before(lower: &str, at: usize) -> Vec<&str> {
    let clause_start = lower[..at].rfind([',', ';', ':', '(', '.']).map_or(0, |i| i + 1);
    let words: Vec<&str> = lower[clause_start..at]
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .collect();
    words[words.len().saturating_sub(4)..].to_vec()
}

fn denies(words: &[&str]) -> bool {
    words.iter().any(|w| DENIES.contains(w) || w.ends_with("n't"))
}

/// What a done-word at `m` states, read with the words before it.
fn done(lower: &str, start: usize, end: usize) -> Option<Stated> {
    let before = words_before(lower, start);
    if before.contains(&"yet") || before.contains(&"partially") || before.contains(&"partly") {
        return Some(Stated::InProgress);
    }
    if denies(&before) {
        let rest = &lower[end..];
        let blocked = ["until", "before", "without", "pending", "once"].iter().any(|w| rest.contains(&format!("{w} ")));
        return blocked.then_some(Stated::Awaiting);
    }
    if before.iter().any(|w| DEFERS.contains(w)) {
        return None;
    }
    // "complete save for one suite": done but for a part.
    let rest = lower[end..].trim_start();
    if ["save for", "except", "apart from", "other than", "but for", "bar "].iter().any(|x| rest.starts_with(x)) {
        return Some(Stated::InProgress);
    }
    let alone = start == 0 || lower.split_whitespace().count() <= 4;
    let word = &lower[start..end];
    let is = before.iter().any(|w| IS.contains(w) || w.ends_with("'s"));
    let stated = alone
        || before.iter().any(|w| ASSERTS.contains(w))
        || (is && (word == "complete" || word == "in place" || before.iter().any(|w| DONE_SUBJECTS.contains(w))));
    stated.then_some(Stated::Complete)
}

/// Whether the words just before `at` deny what follows ("not in progress", "no longer awaiting"),
/// or put it aside ("whilst waiting for ...": what was done meanwhile is the statement).
fn set_aside(lower: &str, at: usize) -> bool {
    let before = words_before(lower, at);
    let last2 = &before[before.len().saturating_sub(2)..];
    last2
        .iter()
        .any(|w| ["not", "no", "longer", "never", "whilst", "while", "meanwhile"].contains(w) || w.ends_with("n't"))
}

/// The status one sentence states, the least advanced where it states several; none when it
/// states none.
pub fn of_sentence(sentence: &str) -> Option<Stated> {
    let lower = fold(sentence);
    let mut found: Vec<Stated> = Vec::new();
    if NOT_ACCEPTED.is_match(&lower) {
        found.push(Stated::NotAccepted);
    }
    let unless_set_aside =
        |r: &Regex, s: Stated| r.find_iter(&lower).any(|m| !set_aside(&lower, m.start())).then_some(s);
    found.extend(unless_set_aside(&AWAITING, Stated::Awaiting));
    found.extend(unless_set_aside(&IN_PROGRESS, Stated::InProgress));
    found.extend(DONE.find_iter(&lower).filter_map(|m| done(&lower, m.start(), m.end())));
    found.into_iter().min()
}

/// The colours of RAG ratings (and the blue or grey some trackers give to closed items).
const RAG: &[&str] = &["red", "amber", "green", "blue", "grey", "gray", "black", "yellow"];

/// The status a table's status cell states: its first words ("Completed – see 4.2", "Partially
/// implemented", "Not accepted"), else what its sentences state. RAG colours state none: what
/// "Green" means differs from body to body.
pub fn of_cell(cell: &str) -> Option<Stated> {
    let lower = fold(cell);
    let mut head = lower.split([' ', '-', ':', '(', ';', ',', '.', '/']).filter(|w| !w.is_empty()).collect::<Vec<_>>();
    // "Blue - complete", "Amber: ongoing": the colour says nothing, the words after it do.
    if head.len() > 1 && RAG.contains(&head[0]) {
        head.remove(0);
    }
    let starts = |words: &[&str]| head.len() >= words.len() && head[..words.len()] == *words;
    const HEADS: &[(&[&str], Stated)] = &[
        (&["not", "accepted"], Stated::NotAccepted),
        (&["not", "agreed"], Stated::NotAccepted),
        (&["rejected"], Stated::NotAccepted),
        (&["declined"], Stated::NotAccepted),
        (&["awaiting"], Stated::Awaiting),
        (&["pending"], Stated::Awaiting),
        (&["on", "hold"], Stated::Awaiting),
        (&["blocked"], Stated::Awaiting),
        (&["partially"], Stated::InProgress),
        (&["partly"], Stated::InProgress),
        (&["partial"], Stated::InProgress),
        (&["ongoing"], Stated::InProgress),
        (&["on", "going"], Stated::InProgress),
        (&["in", "progress"], Stated::InProgress),
        (&["work", "in", "progress"], Stated::InProgress),
        (&["open"], Stated::InProgress),
        (&["started"], Stated::InProgress),
        (&["underway"], Stated::InProgress),
        (&["under", "way"], Stated::InProgress),
        (&["in", "hand"], Stated::InProgress),
        (&["complete"], Stated::Complete),
        (&["completed"], Stated::Complete),
        (&["implemented"], Stated::Complete),
        (&["fully", "implemented"], Stated::Complete),
        (&["closed"], Stated::Complete),
        (&["done"], Stated::Complete),
        (&["achieved"], Stated::Complete),
        (&["discharged"], Stated::Complete),
        (&["delivered"], Stated::Complete),
        (&["in", "place"], Stated::Complete),
    ];
    HEADS
        .iter()
        .find(|(words, _)| starts(words))
        .map(|(_, s)| *s)
        .or_else(|| crate::segment::sentences(cell).into_iter().filter_map(of_sentence).min())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negated_or_future_completion_is_never_complete() {
        let s = of_sentence;
        assert_eq!(
            s("We are still awaiting the CoP guidance before this action can be completed."),
            Some(Stated::Awaiting)
        );
        assert_eq!(s("This is not yet complete."), Some(Stated::InProgress));
        assert_eq!(
            s("The action cannot be completed until the national protocol is published."),
            Some(Stated::Awaiting)
        );
        assert_eq!(s("The procedure has not been implemented."), None);
        assert_eq!(s("The new procedure will be completed by March."), None);
        assert_eq!(s("Work has yet to be completed."), Some(Stated::InProgress));
        assert_eq!(s("This recommendation has been fully implemented."), Some(Stated::Complete));
        assert_eq!(s("The new policy is now in place."), Some(Stated::Complete));
        assert_eq!(s("Officers complete a form for every victim."), None);
        assert_eq!(s("Risk assessments are completed for every victim."), None, "routine, not status");
        assert_eq!(s("This action is completed."), Some(Stated::Complete));
        assert_eq!(s("The review is complete."), Some(Stated::Complete));
    }

    #[test]
    fn progress_waiting_and_refusal_are_told_apart() {
        let s = of_sentence;
        assert_eq!(s("The force is currently in the process of publishing a new procedure."), Some(Stated::InProgress));
        assert_eq!(s("Whilst waiting for the Home Office review, we engaged partners."), None);
        assert_eq!(s("Further consideration awaits the approach of the NPCC leads."), Some(Stated::Awaiting));
        assert_eq!(s("We will update the policy once the guidance is received."), Some(Stated::Awaiting));
        assert_eq!(s("The force does not accept this recommendation."), Some(Stated::NotAccepted));
        assert_eq!(s("There are no ongoing concerns."), None);
        assert_eq!(s("The review is complete save for one suite."), Some(Stated::InProgress));
        assert_eq!(s("We cannot progress this until the Home Office publishes its protocol."), Some(Stated::Awaiting));
        assert_eq!(s("The force has decided not to adopt this recommendation."), Some(Stated::NotAccepted));
        assert_eq!(s("The review is ongoing."), Some(Stated::InProgress));
    }

    #[test]
    fn status_cells_are_read_by_their_first_words() {
        assert_eq!(of_cell("Completed – see 4.2"), Some(Stated::Complete));
        assert_eq!(of_cell("Partially implemented"), Some(Stated::InProgress));
        assert_eq!(of_cell("Not accepted"), Some(Stated::NotAccepted));
        assert_eq!(of_cell("Not complete"), None);
        assert_eq!(of_cell("Not yet complete"), Some(Stated::InProgress));
        assert_eq!(of_cell("Green"), None);
        assert_eq!(of_cell("Amber - ongoing"), Some(Stated::InProgress));
        assert_eq!(of_cell("Red – not started"), None);
        assert_eq!(Stated::parse("in-progress"), Ok(Stated::InProgress));
    }
}
