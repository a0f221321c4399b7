//! Who wrote a document: the body of the gazetteer that stands as its author (in its letterhead
//! or publisher line, as the subject of its sentences, in its signature), never one it only
//! mentions; and no body, with the reason, when that evidence is thin or the page reads as news.

use crate::forces::{self, Mention, STRONG};
use crate::normalize::word_count;

/// The first paragraphs where a letterhead, masthead or publisher line stands.
const HEAD: usize = 4;
/// The last paragraphs where a signature block stands.
const TAIL: usize = 4;
/// The longest line (in words) read as a letterhead or a signature line.
const LINE_WORDS: usize = 16;
/// Weight of a signature: alone it names the author.
const MARK: u32 = 3;
/// Weight of a letterhead: the author's own name over its page outweighs what it says of others
/// ("Durham Constabulary has audited …" on its commissioner's page).
const LETTERHEAD: u32 = 10;
/// Weight of a sentence the body is the subject of ("Kent Police has stopped …"): it takes two.
const SUBJECT: u32 = 2;
/// Sentences counted for one body: the author does not win by repeating its name.
const MAX_SUBJECT: u32 = 3;
/// Weight a body needs to be taken for the author.
const ENOUGH: u32 = 3;

/// Verbs that report what a body said (news speaks of bodies with them; an author does not).
const REPORTING: &[&str] = &["said", "says", "told", "tells", "added", "adds", "explained", "stated", "confirmed"];
/// Words after a name that make it a sentence's subject.
const VERBS: &[&str] = &[
    "has",
    "have",
    "is",
    "are",
    "was",
    "were",
    "will",
    "would",
    "can",
    "could",
    "does",
    "did",
    "must",
    "should",
    "may",
    "remains",
    "continues",
    "welcomes",
    "accepts",
    "recognises",
    "recognizes",
    "agrees",
    "notes",
    "supports",
    "funds",
    "takes",
    "works",
    "responds",
    "commits",
    "acknowledges",
    "fully",
];

/// Past tenses and adverbs that follow a subject ("Hampshire Constabulary began …").
const MORE_VERBS: &[&str] = &[
    "also",
    "began",
    "took",
    "made",
    "set",
    "gave",
    "put",
    "led",
    "sent",
    "kept",
    "found",
    "held",
    "built",
    "brought",
    "sought",
    "wrote",
    "carefully",
];
/// Plural nouns that follow a body's name without making it a subject ("Kent Police officers").
const NOT_VERBS: &[&str] = &[
    "officers",
    "forces",
    "teams",
    "officials",
    "partners",
    "leaders",
    "colleagues",
    "services",
    "units",
    "members",
    "chiefs",
    "areas",
    "victims",
    "headquarters",
    "commissioners",
    "news",
];
/// What stands between a page's own title and its site's name ("… | Kent Police", "… - Kent PCC").
const TITLE_SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " · ", " • "];
/// Words a site's name may hold beside a body's name ("Home", "Welcome to", "Official website").
const SITE_WORDS: &[&str] = &["the", "official", "website", "site", "home", "homepage", "welcome", "to"];

/// Words of a body speaking of itself: with its name as subject in one sentence, its own.
const OURS: &[&str] = &["we", "our"];

/// The author found, and what shows it (or why none is named).
#[derive(Debug, Clone, PartialEq)]
pub struct Authorship {
    pub body: Option<&'static str>,
    /// The evidence for the body, or the reason no body is named, in words for a comment.
    pub evidence: String,
}

/// The evidence for one body.
#[derive(Default)]
struct Tally {
    letterhead: Option<String>,
    /// The page's title names the body as its site's owner.
    title: Option<String>,
    signature: Option<String>,
    subjects: Vec<String>,
    /// One of those sentences speaks in the first person ("… and we will") or answers a
    /// recommendation.
    own_voice: bool,
    mentions: usize,
}

impl Tally {
    fn weight(&self) -> u32 {
        let subjects = (self.subjects.len() as u32).min(MAX_SUBJECT) * SUBJECT;
        u32::from(self.letterhead.is_some() || self.title.is_some()) * LETTERHEAD
            + u32::from(self.signature.is_some()) * MARK
            + subjects
            + u32::from(self.own_voice)
    }

    fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some(l) = &self.letterhead {
            parts.push(format!("its letterhead or publisher line \"{l}\""));
        }
        if let Some(t) = &self.title {
            parts.push(format!("its page title \"{t}\""));
        }
        if let Some(s) = &self.signature {
            parts.push(format!("its signature \"{s}\""));
        }
        if let Some(first) = self.subjects.first() {
            let n = self.subjects.len();
            let voice = if self.own_voice { ", speaking for itself" } else { "" };
            parts.push(format!(
                "{n} sentence{} it is the subject of (\"{first}\"){voice}",
                if n == 1 { "" } else { "s" }
            ));
        }
        parts.join(", ")
    }
}

/// A short excerpt of a text, cut at a word.
fn excerpt(text: &str, words: usize) -> String {
    let ws: Vec<&str> = text.split_whitespace().collect();
    let mut out = ws[..ws.len().min(words)].join(" ");
    if ws.len() > words {
        out.push('…');
    }
    out.replace('"', "'")
}

/// A line short enough to be a letterhead or a signature line, and no sentence.
fn is_line(text: &str) -> bool {
    let t = text.trim();
    word_count(t) <= LINE_WORDS && !t.ends_with('.')
}

/// The body a line is headed by: the one strong name it holds, at its start (after `From:`,
/// `The`) or covering at least half its words; a signature line's name covers half of it (a title
/// listed at a page's end, "Home Office response: …", signs nothing).
fn heads(text: &str, ms: &[Mention], signature: bool) -> Option<&'static str> {
    let words = word_count(text).max(1);
    let lead = text.trim_start();
    // An addressee ("To the Home Office", "Dear …") is whom it is written to.
    if ["To ", "Dear ", "FAO "].iter().any(|p| lead.starts_with(p)) {
        return None;
    }
    let skip = text.len() - lead.len();
    let mut start = skip;
    for prefix in ["From:", "From", "The", "the"] {
        if let Some(rest) = lead.strip_prefix(prefix).filter(|r| r.starts_with(' ')) {
            start = text.len() - rest.trim_start().len();
            break;
        }
    }
    let strong: Vec<&Mention> = ms.iter().filter(|m| m.weight >= STRONG).collect();
    // A line naming several bodies ("HMICFRS, College of Policing and IOPC") is a joint masthead
    // or a list of signatories: it names no one author.
    let [m] = strong.as_slice() else { return None };
    let covers = 2 * word_count(&text[m.start..m.end]) >= words;
    // A page's title with its site's name after it: "Super-complaints | Kent Police".
    let site = !signature
        && text[..m.start].trim_end().ends_with(['|', '–', '—'])
        && text[m.end..].trim().trim_start_matches(|c: char| !c.is_alphanumeric()).is_empty();
    // A signature line ends with the body: "Jo Farrell, Chief Constable, Durham Constabulary".
    let ends = signature && text[m.end..].trim().is_empty();
    (covers || site || ends || (m.start == start && !signature)).then_some(m.force)
}

/// Whether the mention opens a sentence (after `The`) and a verb follows it that is not one of
/// reporting: the body is the one acting.
fn is_subject(text: &str, m: &Mention) -> bool {
    let before = text[..m.start].trim_end();
    let before = before.strip_suffix("The").or_else(|| before.strip_suffix("the")).unwrap_or(before).trim_end();
    let opens = before.is_empty() || before.ends_with(['.', '!', '?', ':', ';', '–', '—', '\n']);
    let next = text[m.end..].trim_start().split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    let verb = next.chars().next().is_some_and(char::is_lowercase)
        && !REPORTING.contains(&next)
        && !NOT_VERBS.contains(&next)
        && (VERBS.contains(&next)
            || MORE_VERBS.contains(&next)
            || next.ends_with("ed")
            || (next.len() > 3 && next.ends_with('s')));
    opens && verb
}

/// Whether the sentence that starts at a mention speaks in the first person ("Gloucestershire
/// has carefully considered these recommendations and we will be following …").
fn speaks_as_itself(text: &str, m: &Mention) -> bool {
    let rest = &text[m.end..];
    let sentence = rest.split(['.', '!', '?']).next().unwrap_or(rest);
    sentence.split(|c: char| !c.is_alphabetic()).any(|w| OURS.contains(&w.to_lowercase().as_str()))
}

/// A byline (`By …`, `… correspondent`) or a dateline (`LONDON (Reuters) -`) near the top: the
/// page is news, whose bodies are what it reports on.
fn news_mark(paragraphs: &[&str]) -> Option<String> {
    paragraphs.iter().take(2 * HEAD + 2).find_map(|p| {
        let t = p.trim();
        let n = word_count(t);
        let lower = t.to_lowercase();
        let byline = n <= 8
            && ((t.starts_with("By ") && t[3..].starts_with(char::is_uppercase))
                || lower.ends_with("correspondent")
                || lower.ends_with("reporter"));
        // A place in capitals, then the story's first sentence: "CARDIFF — Police forces …".
        let dateline = [" - ", " — ", " – "].iter().filter_map(|d| t.split_once(d)).any(|(head, story)| {
            let story = story.trim();
            let lede = word_count(story) >= 10
                && story.ends_with('.')
                && forces::mentions(head).iter().all(|m| m.weight < STRONG);
            let place: String = head.split('(').next().unwrap_or("").trim().to_string();
            word_count(&place) <= 4
                && place.chars().filter(|c| c.is_alphabetic()).count() >= 3
                && place.chars().all(|c| !c.is_lowercase())
                && lede
                && !place.starts_with("HMIC")
        });
        (byline || dateline).then(|| excerpt(t, 6))
    })
}

/// The body a page's title names as the owner of its site: a part of the title before its first
/// or after its last separator that is a body's name and nothing more ("Safe to share? response |
/// Avon and Somerset Police", "… - Kent PCC", "Kent Police"); none for a title that only speaks
/// of a body ("Met police criticised over data sharing").
pub fn title_owner(title: &str) -> Option<&'static str> {
    let mut marked = title.to_string();
    for sep in TITLE_SEPARATORS {
        marked = marked.replace(sep, "\u{1}");
    }
    let parts: Vec<&str> = marked.split('\u{1}').map(str::trim).filter(|p| !p.is_empty()).collect();
    let ends = match parts.as_slice() {
        [] => return None,
        [only] => vec![*only],
        [first, .., last] => vec![*last, *first],
    };
    ends.into_iter().find_map(|part| {
        let ms = forces::mentions(part);
        let body = ms.first().filter(|m| m.weight >= STRONG)?.force;
        if ms.iter().any(|m| m.force != body) {
            return None;
        }
        // What the part says beside the body's name: nothing but a site's words.
        let mut rest = String::new();
        let mut at = 0;
        for m in &ms {
            rest.push_str(&part[at..m.start]);
            rest.push(' ');
            at = m.end;
        }
        rest.push_str(&part[at..]);
        let only_name = rest
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .all(|w| SITE_WORDS.contains(&w.to_lowercase().as_str()));
        only_name.then_some(body)
    })
}

/// The tally of a body, made on its first evidence.
fn entry<'t>(tallies: &'t mut Vec<(&'static str, Tally)>, body: &'static str) -> &'t mut Tally {
    let at = match tallies.iter().position(|(b, _)| *b == body) {
        Some(at) => at,
        None => {
            tallies.push((body, Tally::default()));
            tallies.len() - 1
        }
    };
    &mut tallies[at].1
}

/// Who wrote a document whose own paragraphs (not what it quotes) are `paragraphs`, in order,
/// each with whether it answers a recommendation: there, a body that is the subject of a sentence
/// is the one answering (a response table's "Surrey Police issued a force order …"). A page's
/// `title` that names a body as its site's owner weighs as a letterhead.
pub fn author(own: &[(&str, bool)], title: Option<&str>) -> Authorship {
    let paragraphs: Vec<&str> = own.iter().map(|(t, _)| *t).collect();
    let paragraphs = paragraphs.as_slice();
    let mut tallies: Vec<(&'static str, Tally)> = Vec::new();
    let n = paragraphs.len();
    for (i, text) in paragraphs.iter().enumerate() {
        let ms = forces::mentions(text);
        for m in &ms {
            // A bare place name counts only as the subject of a sentence in which the force speaks
            // for itself ("Gloucestershire has carefully considered … and we will"): "Sussex has
            // had a dedicated service" on its commissioner's page is the area, not the force.
            let subject = is_subject(text, m);
            let weak = m.weight < STRONG;
            if weak && !(subject && m.kind == forces::BodyKind::Force && speaks_as_itself(text, m)) {
                continue;
            }
            let t = entry(&mut tallies, m.force);
            t.mentions += 1;
            if subject {
                t.subjects.push(excerpt(&text[m.start..], 6));
                t.own_voice |= speaks_as_itself(text, m) || own[i].1;
            }
        }
        if !is_line(text) {
            continue;
        }
        if let Some(body) = heads(text, &ms, false).filter(|_| i < HEAD) {
            entry(&mut tallies, body).letterhead.get_or_insert_with(|| excerpt(text, 10));
        } else if let Some(body) = heads(text, &ms, true).filter(|_| i + TAIL >= n && i >= HEAD.min(n / 2)) {
            entry(&mut tallies, body).signature.get_or_insert_with(|| excerpt(text, 10));
        }
    }
    if let Some((title, body)) = title.and_then(|t| Some((t, title_owner(t)?))) {
        entry(&mut tallies, body).title.get_or_insert_with(|| excerpt(title, 16));
    }
    if let Some(mark) = news_mark(paragraphs) {
        let named: Vec<&str> = tallies.iter().map(|(b, _)| *b).take(3).collect();
        let names = if named.is_empty() { String::new() } else { format!(" ({})", named.join(", ")) };
        return Authorship {
            body: None,
            evidence: format!(
                "no body guessed: it reads as news (\"{mark}\"): the bodies it names{names} are what it reports on"
            ),
        };
    }
    tallies.sort_by_key(|t| std::cmp::Reverse(t.1.weight()));
    match tallies.as_slice() {
        [] => {
            Authorship { body: None, evidence: "no body found: it names no body of the gazetteer by its name".into() }
        }
        [(body, t), rest @ ..] if t.weight() >= ENOUGH && rest.first().is_none_or(|r| r.1.weight() < t.weight()) => {
            Authorship { body: Some(body), evidence: format!("the author by {}", t.describe()) }
        }
        [(body, t), (other, o), ..] if t.weight() >= ENOUGH && o.weight() == t.weight() => Authorship {
            body: None,
            evidence: format!(
                "no body guessed: {body} ({}) and {other} ({}) stand alike as its author",
                t.describe(),
                o.describe()
            ),
        },
        [(body, t), ..] => {
            let times = format!("{} time{}", t.mentions, if t.mentions == 1 { "" } else { "s" });
            let seen = match t.subjects.first() {
                Some(first) => format!(
                    "as the subject of one sentence (\"{first}\"), not enough alone, and not in a letterhead or a signature"
                ),
                None => "but not in a letterhead, a signature or as the subject of its sentences".to_string(),
            };
            Authorship {
                body: None,
                evidence: format!("no body found as its author: it names {body} ({times}) {seen}"),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prose(paragraphs: &[&str]) -> Authorship {
        author(&paragraphs.iter().map(|p| (*p, false)).collect::<Vec<_>>(), None)
    }

    fn body(paragraphs: &[&str]) -> Option<&'static str> {
        prose(paragraphs).body
    }

    #[test]
    fn the_author_is_in_the_letterhead_the_signature_or_the_subject() {
        assert_eq!(
            body(&[
                "LANCASHIRE CONSTABULARY",
                "Dear Sir Thomas,",
                "We have acted.",
                "Chief Constable",
                "Lancashire Constabulary"
            ]),
            Some("Lancashire Constabulary")
        );
        assert_eq!(
            body(&["Response to the report", "Kent Police has stopped sharing data. Kent Police will report again."]),
            Some("Kent Police")
        );
    }

    #[test]
    fn a_mention_a_dateline_or_a_signatory_is_no_author() {
        // One sentence with the body as subject is not enough on its own.
        assert_eq!(body(&["Campaign update", "Kent Police has still not told us."]), None);
        let reuters = [
            "LONDON (Reuters) - Police in England and Wales should stop passing on information about victims, a watchdog said.",
            "The Metropolitan Police said it would study it.",
        ];
        assert_eq!(body(&reuters), None);
        assert!(prose(&reuters).evidence.contains("reads as news"), "{:?}", prose(&reuters));
        let apcc = [
            "Association of Police and Crime Commissioners",
            "The APCC welcomes the report.",
            "Signed on behalf of the APCC by:",
            "Julia Mulligan, APCC Joint Lead for Victims, North Yorkshire Police, Fire and Crime Commissioner",
        ];
        assert_eq!(body(&apcc), Some("Association of Police and Crime Commissioners"));
        let pcc = [
            "Office of the Police and Crime Commissioner for Hampshire and Isle of Wight",
            "Date: 9 February 2021",
            "I asked the Chief Constable. Hampshire Constabulary has confirmed to me that officers no longer share data.",
            "Donna Jones",
            "Police and Crime Commissioner for Hampshire and Isle of Wight",
        ];
        assert_eq!(body(&pcc), Some("Hampshire Police and Crime Commissioner"));
        assert!(prose(&["Officers in Gwent follow national guidance."]).evidence.contains("no body"));
        // In an answer to a recommendation, the body acting is the one answering.
        assert_eq!(author(&[("Surrey Police issued a force order in March.", true)], None).body, Some("Surrey Police"));
    }

    #[test]
    fn a_page_title_names_the_owner_of_its_site_not_what_it_reports_on() {
        assert_eq!(
            title_owner("Safe to share? response | Avon and Somerset Police"),
            Some("Avon and Somerset Constabulary")
        );
        assert_eq!(
            title_owner("Victims and immigration status - Kent PCC"),
            Some("Kent Police and Crime Commissioner")
        );
        assert_eq!(title_owner("Home | Devon & Cornwall Police"), Some("Devon and Cornwall Police"));
        assert_eq!(title_owner("Welcome to Kent Police"), Some("Kent Police"));
        assert_eq!(title_owner("Kent Police — Our response to the super-complaint"), Some("Kent Police"));
        // A title that speaks of a body, or a site that is no body's.
        assert_eq!(title_owner("Met police criticised over data sharing"), None);
        assert_eq!(title_owner("Kent Police stop sharing victims' data | The Guardian"), None);
        assert_eq!(title_owner("Kent Police and Essex Police | joint statement"), None);
        assert_eq!(title_owner("News | Kent"), None);
        // The title weighs as a letterhead; news stays news whatever its title.
        let page = ["Our response to the super-complaint", "We have reviewed our guidance on victims."];
        let owned = author(&page.map(|p| (p, false)), Some("Response | Avon and Somerset Police"));
        assert_eq!(owned.body, Some("Avon and Somerset Constabulary"));
        assert!(owned.evidence.contains("its page title \"Response | Avon and Somerset Police\""), "{owned:?}");
        let news = ["By Jane Smith, Home Affairs correspondent", "The force said it would review its guidance."];
        assert_eq!(author(&news.map(|p| (p, false)), Some("Kent Police - Kent PCC")).body, None);
    }
}
