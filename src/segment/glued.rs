//! Quotation and answer in one paragraph: a block that quotes the report and answers it in the same
//! breath ("Recommendation 1: As an interim measure, ... Enforcement. We have stopped all such
//! referrals.") is cut where the body's own sentences begin and end, so that its own words are
//! not taken for quotation with the rest.

use crate::model::{Block, Column};
use crate::normalize::{keyed_words, word_texts, KeyedWord};
use crate::quote::{Coverage, Quoter, QUOTATION_SHARE};

/// Fewest words of own sentences that make a paragraph of their own; shorter asides inside a
/// quotation ("(page 12)") stay with it.
const MIN_OWN_WORDS: usize = 4;

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
    let mask = quoter.mask_keys(&keys, || word_texts(&block.text));
    let whole = Coverage::of_mask(&mask);
    if !whole.is_quotation() {
        return vec![(block, Some(whole))];
    }
    let runs = runs(&sentence_spans(&block.text), &words, &mask);
    if runs.len() < 2 {
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

/// The block's sentences, classed as quoted (at least [`QUOTATION_SHARE`] of their words quoted)
/// or own, merged into runs of one class; own runs too short to stand alone join their neighbours.
fn runs(sentences: &[(usize, usize)], words: &[KeyedWord], mask: &[Option<u32>]) -> Vec<Run> {
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
    for r in merged.iter_mut().filter(|r| !r.quoted && r.words < MIN_OWN_WORDS) {
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
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (_, c) = chars[i];
        if matches!(c, '.' | '!' | '?') {
            let mut j = i + 1;
            while j < chars.len() && matches!(chars[j].1, '"' | '\'' | ')' | ']' | '\u{201D}' | '\u{2019}') {
                j += 1;
            }
            if j < chars.len() && chars[j].1.is_whitespace() {
                let mut k = j;
                while k < chars.len() && chars[k].1.is_whitespace() {
                    k += 1;
                }
                if k < chars.len() && (chars[k].1.is_uppercase() || matches!(chars[k].1, '"' | '\u{201C}' | '\u{2018}'))
                {
                    spans.push((start, chars[j].0));
                    start = chars[k].0;
                    i = k;
                    continue;
                }
            }
        }
        i += 1;
    }
    spans.push((start, text.len()));
    spans
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::bundled_recommendations;
    use crate::quote::QUOTE_NGRAM;

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
        assert_eq!(sentence_spans("No. 1 is here.").len(), 1);
    }
}
