//! Quoted speech: words in quotation marks that a document attributes to a speaker ("said",
//! "says", a colon before them, a named speaker's verb of saying after them). They are the
//! speaker's words, not the document's: two sites quoting the chief inspector have not copied each
//! other, so reuse detection treats them as quotation (see `docs/scoring.md`).

/// Fewest words a quotation needs to be speech (a word or two in quotation marks is a term).
pub const MIN_SPEECH_WORDS: usize = 4;
/// Words looked at on each side of a quotation for a verb of saying.
const ATTRIBUTION_WINDOW: usize = 6;

/// Verbs (and phrases) that attribute words to a speaker.
const SAYING: &[&str] = &[
    "said",
    "says",
    "say",
    "saying",
    "stated",
    "states",
    "added",
    "adds",
    "told",
    "tells",
    "explained",
    "explains",
    "commented",
    "comments",
    "remarked",
    "warned",
    "warns",
    "wrote",
    "writes",
    "insisted",
    "urged",
    "announced",
    "declared",
    "according",
    "concluded",
    "continued",
];

/// Opening and closing marks of a quotation.
fn closing(open: char) -> Option<char> {
    match open {
        '“' => Some('”'),
        '"' => Some('"'),
        '«' => Some('»'),
        '‘' => Some('’'),
        _ => None,
    }
}

/// The words (lower case, letters only) of a stretch of text.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphabetic() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect()
}

/// Byte ranges (inside the marks) of the quoted speech of `text`.
pub fn ranges(text: &str) -> Vec<[usize; 2]> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut k = 0;
    while k < chars.len() {
        let (at, c) = chars[k];
        let Some(close) = closing(c) else {
            k += 1;
            continue;
        };
        // A single quote opens only after a space or at the start (not an apostrophe).
        if c == '‘' && k > 0 && !chars[k - 1].1.is_whitespace() && !"([—–-".contains(chars[k - 1].1) {
            k += 1;
            continue;
        }
        let start = at + c.len_utf8();
        // The closing mark: for a single quote, one not followed by a letter (not an apostrophe).
        let end = chars[k + 1..].iter().position(|&(i, d)| {
            d == close && (close != '’' || !text[i + d.len_utf8()..].chars().next().is_some_and(char::is_alphabetic))
        });
        let Some(offset) = end else { break };
        let end_k = k + 1 + offset;
        let end = chars[end_k].0;
        let inner = &text[start..end];
        if words(inner).len() >= MIN_SPEECH_WORDS && attributed(&text[..at], &text[end + close.len_utf8()..]) {
            out.push([start, end]);
        }
        k = end_k + 1;
    }
    out
}

/// Whether a quotation between `before` and `after` is attributed: a colon just before it, or a
/// verb of saying among the words next to it in its sentence.
fn attributed(before: &str, after: &str) -> bool {
    if before.trim_end().ends_with(':') {
        return true;
    }
    // The sentence around it: back to the last full stop before, on to the next after.
    let before = before.rsplit(['.', '!', '?', '\n']).next().unwrap_or("");
    let after = after.split(['.', '!', '?', '\n']).next().unwrap_or("");
    let (b, a) = (words(before), words(after));
    let near = b.iter().rev().take(ATTRIBUTION_WINDOW).chain(a.iter().take(ATTRIBUTION_WINDOW));
    near.into_iter().any(|w| SAYING.contains(&w.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn speech(text: &str) -> Vec<&str> {
        ranges(text).into_iter().map(|[a, b]| &text[a..b]).collect()
    }

    #[test]
    fn attributed_quotations_are_speech_in_every_shape() {
        assert_eq!(
            speech("The chief inspector said: “I am satisfied with some aspects of the performance of the force.”"),
            ["I am satisfied with some aspects of the performance of the force."]
        );
        assert_eq!(
            speech("\"We will act on every recommendation this year,\" the commissioner said."),
            ["We will act on every recommendation this year,"]
        );
        assert_eq!(
            speech("Ms Jones, who leads the unit, told us ‘victims now get a call back within a day’ in June."),
            ["victims now get a call back within a day"]
        );
        assert_eq!(
            speech("According to the inspectorate, «the force has made good progress since» its last visit."),
            ["the force has made good progress since"]
        );
    }

    #[test]
    fn terms_titles_and_unattributed_quotation_marks_are_not_speech() {
        // A term in quotation marks, a report's title, scare quotes without a speaker.
        assert!(speech("We adopted the “safe reporting” approach last year.").is_empty());
        assert!(speech("The report “Safe to share? Liberty and Southall Black Sisters” was read by all officers.")
            .is_empty());
        // An apostrophe is no quotation mark.
        assert!(speech(
            "The force’s officers and the victims’ advocates met, and the chief said they would meet again."
        )
        .is_empty());
        // Speech in another sentence than its verb is not attributed by it.
        assert!(
            speech("The chief said little. “Every officer will be trained in the new approach by March.”").is_empty()
        );
    }
}
