//! Quotation and answer in one paragraph: a block that quotes the report and answers it in the same
//! breath ("Recommendation 1: As an interim measure, ... Enforcement. We have stopped all such
//! referrals.") is cut where the body's own sentences begin and end, so that its own words are
//! not taken for quotation with the rest.

use crate::model::{Block, Column};
use crate::normalize::{keyed_words, word_texts, KeyedWord};
use crate::quote::{Coverage, Quoter, QUOTATION_SHARE, QUOTE_NGRAM};
use crate::references::label_number;

/// Fewest words of own sentences that make a paragraph of their own; shorter asides inside a
/// quotation ("(page 12)") stay with it.
const MIN_OWN_WORDS: usize = 4;
/// Fewest words of own sentences cut from a labelled heading that is not mostly quotation
/// ("Recommendation 1: Enforcement. Instead, ... third party. We have ..."): longer than a
/// heading's subtitle ("Recommendation 5. Promoting confidence in reporting").
const MIN_ANSWER_WORDS: usize = 8;

/// One run of sentences of a block, all quoted or all the body's own.
#[derive(Debug, Clone, Copy)]
struct Run {
    /// Byte span in the block's text.
    start: usize,
    end: usize,
    /// Its words: the first one's index among the block's words, and how many.
    first: usize,
    words: usize,
    quoted: bool,
}

/// Cuts a block that is mostly quotation, but holds sentences of the body's own, into its runs of
/// quoted and own sentences (each a block of its own, on the same line and in the same cell). Any
/// other block is left whole: text that is mostly the body's own keeps its few quoted words (the
/// comparison masks them), table headers and the report's own columns keep their meaning. Each
/// block comes with how much of it is quoted, where that was measured (as
/// [`Quoter::coverage`] measures it), so that segmentation need not measure it again.
pub fn split_glued_quotation(block: Block, quoter: &Quoter) -> Vec<(Block, Option<Coverage>)> {
    if block.cell.is_some_and(|c| c.header || c.kind != Column::Response) {
        return vec![(block, None)];
    }
    let words = keyed_words(&block.text);
    let keys: Vec<u64> = words.iter().map(|w| w.key).collect();
    let mut mask = quoter.mask_keys(&keys, || word_texts(&block.text));
    // The label a body puts before its quotation ("Recommendation 5:") is the report's numbering,
    // not the body's words. A short labelled block is a heading, and a heading holds no answer:
    // it is cut too, where it goes on into sentences of the body's own.
    // How many words the label is (none when there is none).
    let mut label = 0;
    if let Some(n) = label_number(&block.text).filter(|_| block.text.starts_with(char::is_uppercase)) {
        let number = words.iter().take(4).position(|w| block.text[w.start..w.end].bytes().all(|b| b.is_ascii_digit()));
        if let Some(last) = number {
            mask[..=last].fill(Some(n));
            label = last + 1;
        }
    }
    if label > 0 {
        if let Some(head_end) = status_head(&block.text, &words, &mask, label) {
            let rest = block.text[head_end..].trim();
            let rest_words = words.iter().filter(|w| w.start >= head_end).count();
            let first_rest = words.len() - rest_words;
            let rest_own = !Coverage::of_mask(&mask[first_rest..]).is_quotation();
            if rest_words >= MIN_ANSWER_WORDS && rest_own {
                let head = Block { text: block.text[..head_end].trim().to_string(), ..block.clone() };
                let rest = Block { text: rest.to_string(), ..block };
                let mut out = vec![(head, Some(Coverage::of_mask(&mask[..first_rest])))];
                out.extend(split_glued_quotation(rest, quoter));
                return out;
            }
        }
    }
    let whole = Coverage::of_mask(&mask);
    let min_own = match (whole.is_quotation(), label > 0) {
        (true, _) => MIN_OWN_WORDS,
        (false, true) => MIN_ANSWER_WORDS,
        (false, false) => return vec![(block, Some(whole))],
    };
    let runs = runs(&sentence_spans(&block.text), &words, &mask, min_own);
    // A labelled heading is cut only where it quotes the report beyond its label: "Recommendation
    // 1. Where officers have doubts about ..." is a heading with a title of the body's own.
    let quoted_beyond_label = runs
        .iter()
        .filter(|r| r.quoted)
        .map(|r| r.first.max(label)..r.first + r.words)
        .any(|range| range.filter(|&i| mask[i].is_some()).count() >= QUOTE_NGRAM);
    if runs.len() < 2 || !quoted_beyond_label {
        return vec![(block, Some(whole))];
    }
    runs.iter()
        .map(|r| {
            let text = block.text[r.start..r.end].trim().to_string();
            (Block { text, ..block.clone() }, Some(Coverage::of_mask(&mask[r.first..r.first + r.words])))
        })
        .filter(|(b, _)| !b.text.is_empty())
        .collect()
}

/// Most words a status may have after a recommendation's label ("Recommendation 1 – Not accepted.").
const MAX_STATUS_WORDS: usize = 3;

/// Where the head of a labelled block ends, when the label is followed by a status or a response
/// marker and then the body's answer: "Recommendation 1 – Accepted. Kent Police has ...",
/// "Recommendation 4 Response: Every migrant victim ...". A bare label followed by a sentence
/// ("Recommendation 1. Where officers have doubts ...") is a heading with its title, not cut.
fn status_head(text: &str, words: &[KeyedWord], mask: &[Option<u32>], label: usize) -> Option<usize> {
    // The head ends at the end of the first sentence after the label, or at a colon or a dash
    // standing apart ("– the force has ...", not the hyphen of "re-checked").
    let after_label = words.get(label - 1)?.end;
    let rest = &text[after_label..];
    let separators = |c: char| c.is_whitespace() || matches!(c, ':' | '.' | ')' | '-' | '–' | '—');
    let from = after_label + (rest.len() - rest.trim_start_matches(separators).len());
    let sentence_end = next_break(text, from).map(|(end, _)| end);
    let mark = text[from..]
        .char_indices()
        .find(|&(i, c)| c == ':' || (matches!(c, '-' | '–' | '—') && text[..from + i].ends_with(char::is_whitespace)))
        .map(|(i, c)| from + i + c.len_utf8());
    let end = match (sentence_end, mark) {
        (Some(a), Some(b)) => a.min(b),
        (a, b) => a.or(b)?,
    };
    // The status is the body's word, not the start of a quotation ("Recommendation 1: Enforcement.").
    let status: Vec<usize> = (label..words.len()).take_while(|&i| words[i].end <= end).collect();
    let own = status.iter().all(|&i| mask[i].is_none());
    (own && (1..=MAX_STATUS_WORDS).contains(&status.len())).then_some(end)
}

/// The block's sentences, classed as quoted (at least [`QUOTATION_SHARE`] of their words quoted)
/// or own, merged into runs of one class; own runs too short to stand alone join their neighbours.
fn runs(sentences: &[(usize, usize)], words: &[KeyedWord], mask: &[Option<u32>], min_own: usize) -> Vec<Run> {
    let mut classed: Vec<Run> = Vec::with_capacity(sentences.len());
    // Words and sentences are both in text order (and no word crosses a sentence's end).
    let mut next = 0;
    for &(start, end) in sentences {
        let (first, mut n, mut quoted) = (next, 0usize, 0usize);
        while next < words.len() && words[next].end <= end {
            n += 1;
            quoted += usize::from(mask[next].is_some());
            next += 1;
        }
        let quoted = n > 0 && quoted as f64 >= QUOTATION_SHARE * n as f64;
        classed.push(Run { start, end, first, words: n, quoted });
    }
    // A sentence without words (a lone bullet or number) goes with what follows it.
    let mut merged = merge(classed, |r| r.words == 0);
    // Own runs too short to stand alone are part of the quotation around them.
    for r in merged.iter_mut().filter(|r| !r.quoted && r.words < min_own) {
        r.quoted = true;
    }
    merged = merge(merged, |_| false);
    merged
}

/// Joins neighbouring runs of one class (and runs `absorbed` says join whatever follows).
fn merge(runs: Vec<Run>, absorbed: impl Fn(&Run) -> bool) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::with_capacity(runs.len());
    let mut pending: Option<Run> = None;
    for mut r in runs {
        if let Some(p) = pending.take() {
            r.start = p.start;
            r.first = p.first;
            r.words += p.words;
        }
        if absorbed(&r) {
            pending = Some(r);
            continue;
        }
        match out.last_mut() {
            Some(last) if last.quoted == r.quoted => {
                last.end = r.end;
                last.words += r.words;
            }
            _ => out.push(r),
        }
    }
    if let Some(p) = pending {
        match out.last_mut() {
            Some(last) => {
                last.end = p.end;
                last.words += p.words;
            }
            None => out.push(p),
        }
    }
    out
}

/// Byte spans of a text's sentences: a sentence ends at `.`, `!` or `?` (and any closing quote or
/// bracket after it) followed by a space and a capital letter or an opening quote. Spans cover the
/// whole text, so no word is lost between them.
fn sentence_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = 0;
    while let Some((end, next)) = next_break(text, start) {
        spans.push((start, end));
        start = next;
    }
    spans.push((start, text.len()));
    spans
}

/// The first sentence break at or after `from` (see [`sentence_spans`]): where the sentence ends
/// (after its closing quote or bracket) and where the next one starts. Reads the text once,
/// keeping nothing of it.
fn next_break(text: &str, from: usize) -> Option<(usize, usize)> {
    let mut chars = text[from..].char_indices().map(|(i, c)| (from + i, c)).peekable();
    while let Some((_, c)) = chars.next() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        while chars.next_if(|&(_, c)| matches!(c, '"' | '\'' | ')' | ']' | '\u{201D}' | '\u{2019}')).is_some() {}
        let (end, _) = *chars.peek()?;
        let mut spaced = false;
        while chars.next_if(|&(_, c)| c.is_whitespace()).is_some() {
            spaced = true;
        }
        let &(next, c) = chars.peek()?;
        if spaced && (c.is_uppercase() || matches!(c, '"' | '\u{201C}' | '\u{2018}')) {
            return Some((end, next));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::bundled_recommendations;

    fn split(text: &str) -> Vec<String> {
        let quoter = Quoter::new(&bundled_recommendations().items, QUOTE_NGRAM);
        split_glued_quotation(Block::plain(text.to_string(), 3), &quoter).into_iter().map(|(b, _)| b.text).collect()
    }

    const QUOTE_1: &str = "As an interim measure, pending the outcome of recommendation 2, where officers only have concerns or doubts about a victim's immigration status, we recommend that they immediately stop sharing information on domestic abuse victims with Immigration Enforcement.";

    #[test]
    fn an_answer_after_the_quotation_is_cut_off() {
        let own = "Kent Police has stopped all such referrals and briefed every officer.";
        let got = split(&format!("Recommendation 1: {QUOTE_1} {own}"));
        assert_eq!(got, [format!("Recommendation 1: {QUOTE_1}"), own.to_string()]);
    }

    #[test]
    fn own_words_before_and_after_a_quotation_each_stand_alone() {
        let before = "The force has read the report with care and agrees.";
        let after = "We have stopped all such referrals since March.";
        let got = split(&format!("{before} {QUOTE_1} {after}"));
        assert_eq!(got, [before, QUOTE_1, after]);
    }

    #[test]
    fn a_label_counts_with_the_quotation_it_numbers() {
        // Without its label, the quotation is less than half of the paragraph's words.
        let quote = "Provide an update to Her Majesty's Chief Inspector of Constabulary on progress.";
        let own = "Dand creaslasttrain crickmun wescou the guidance would be given to every team soon.";
        let got = split(&format!("Recommendation 8: {quote} {own}"));
        assert_eq!(got, [format!("Recommendation 8: {quote}"), own.to_string()]);
    }

    #[test]
    fn a_labelled_heading_gives_up_the_answer_glued_to_it() {
        let heading =
            "Recommendation 1: Enforcement. Instead, police officers should link the victim to a third party.";
        let own = "Placksaickneat tastous dusbreck in it police they nal nindpinres of houngpai as nea.";
        assert_eq!(split(&format!("{heading} {own}")), [heading, own]);
        // A heading's title of the body's own is not an answer (as in the bundled Hampshire seed).
        for heading in [
            "Recommendation 5. Promoting confidence in reporting",
            "Recommendation 1. Where officers have doubts about the immigration status of a victim of domestic abuse.",
            "Recommendation 8. To all recipients of recommendations from this investigation",
        ] {
            assert_eq!(split(heading), [heading]);
        }
    }

    #[test]
    fn a_status_or_marker_after_the_label_heads_the_answer() {
        let answer = "Kent Police has stopped all referrals of domestic abuse victims since February 2021.";
        assert_eq!(split(&format!("Recommendation 1 – Accepted. {answer}")), ["Recommendation 1 – Accepted.", answer]);
        let answer = "Every migrant victim is now offered an independent advocate in the county.";
        assert_eq!(split(&format!("Recommendation 4 Response: {answer}")), ["Recommendation 4 Response:", answer]);
        // A bare label, or a head that runs on, is not a status.
        let heading = "Recommendation 8. To all recipients of recommendations from this investigation";
        assert_eq!(split(heading), [heading]);
        let long = "Recommendation 4 – we have worked with partners on this: every victim is offered an advocate now.";
        assert_eq!(split(long), [long]);
        // The status after a colon, ended by a dash standing apart; a hyphen ends nothing.
        let answer = "the force has stopped all referrals of domestic abuse victims since 2021.";
        assert_eq!(split(&format!("Recommendation 5: Accepted – {answer}")), ["Recommendation 5: Accepted –", answer]);
        let answer = "Kent Police has stopped all referrals of domestic abuse victims since February 2021.";
        assert_eq!(
            split(&format!("Recommendation 1. Agreed, re-checked. {answer}")),
            ["Recommendation 1. Agreed, re-checked.", answer]
        );
    }

    #[test]
    fn no_word_is_lost_or_moved_by_cutting() {
        // Every order of labels, statuses, quotations, asides and answers, two to four pieces.
        let pieces = [
            "Recommendation 1:",
            "Rec 8 –",
            "Accepted.",
            QUOTE_1,
            "Provide an update to Her Majesty's Chief Inspector of Constabulary on progress.",
            "(page 12)",
            "Kent Police has stopped all such referrals and briefed every officer.",
            "We agree. It is done: every victim is offered an advocate - now.",
        ];
        let words = |t: &str| crate::normalize::word_texts(t);
        let mut texts: Vec<String> = pieces.iter().map(|p| p.to_string()).collect();
        for _ in 0..3 {
            let longer: Vec<String> = texts
                .iter()
                .filter(|t| t.len() < 300)
                .flat_map(|t| pieces.iter().map(move |p| format!("{t} {p}")))
                .collect();
            texts.extend(longer);
        }
        for text in &texts {
            let cut = split(text);
            assert_eq!(words(&cut.join(" ")), words(text), "{text:?} -> {cut:?}");
            assert!(cut.iter().all(|piece| !piece.trim().is_empty()), "{text:?} -> {cut:?}");
        }
    }

    #[test]
    fn a_short_aside_stays_with_the_quotation() {
        let text = format!("{QUOTE_1} See page 12.");
        assert_eq!(split(&text), [text]);
    }

    #[test]
    fn text_mostly_the_bodys_own_is_left_whole() {
        let text = "We note that officers only have concerns or doubts about a victim's immigration status. We have written new guidance for every officer. It is taught in all induction courses.";
        assert_eq!(split(text), [text]);
    }

    #[test]
    fn a_quotation_in_one_sentence_is_left_whole() {
        let text = format!("{} and we have done so", QUOTE_1.trim_end_matches('.'));
        assert_eq!(split(&text), [text]);
    }

    #[test]
    fn sentences_cover_the_whole_text() {
        for text in ["One. Two three. \"Four\" five.", "No. 1 is here. Mr. Smith agreed!  Yes?", "a.b. c", "É. Ü! ok"]
        {
            let spans = sentence_spans(text);
            assert_eq!(spans.first().map(|s| s.0), Some(0));
            assert_eq!(spans.last().map(|s| s.1), Some(text.len()));
            for w in spans.windows(2) {
                assert!(text[w[0].1..w[1].0].trim().is_empty(), "{text:?}: {spans:?}");
            }
        }
        assert_eq!(sentence_spans("One. Two three. \"Four\" five.").len(), 3);
        let text = "He said \u{201C}Yes.\u{201D}  Then (it ended.) So? no. End.";
        let got: Vec<&str> = sentence_spans(text).into_iter().map(|(a, b)| &text[a..b]).collect();
        assert_eq!(got, ["He said \u{201C}Yes.\u{201D}", "Then (it ended.)", "So? no.", "End."]);
        assert_eq!(sentence_spans("No. 1 is here.").len(), 1);
    }
}
