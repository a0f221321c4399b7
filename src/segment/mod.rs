//! Segmentation: turns a document's blocks into paragraphs, each with the recommendation it
//! answers and its role (response, quoted recommendation, preamble or website furniture).

use crate::model::{Block, Column, Hint, Role};
use crate::normalize::{is_bullet, normalize_lower, word_count, word_texts};
use crate::quote::{Coverage, Quoter};
use crate::references::{cell_number, heading_number, label_number, references, HEADING_MAX_WORDS};
/// Sentences of a paragraph, as furniture and stated status read them.
pub use furniture::sentences;
use furniture::{is_furniture, split_furniture};
use glued::split_glued_quotation;

pub mod furniture;
mod glued;

/// A paragraph as segmentation leaves it, before it is given its document's identity.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    pub text: String,
    pub line: u32,
    pub role: Role,
    /// The recommendation the paragraph answers (the first, when it answers several).
    pub recommendation: Option<u32>,
    /// Every recommendation the paragraph answers, sorted.
    pub recommendations: Vec<u32>,
    /// A table row's status ("Complete", "Green"), on the row's response paragraphs.
    pub status: Option<String>,
}

/// Openings of a letter's or page's closing lines.
const CLOSING_CUES: &[&str] = &["thank you", "yours sincerely", "yours faithfully", "kind regards", "best regards"];

/// "Force response", "Force Response", "Our response:": the marker after which the body answers.
fn is_response_marker(text: &str) -> bool {
    if text.len() > 80 {
        return false;
    }
    let lower = normalize_lower(text);
    let words = word_texts(&lower);
    (1..=4).contains(&words.len()) && !lower.ends_with('.') && words.iter().any(|w| w == "response" || w == "responses")
}

fn is_closing(lower: &str) -> bool {
    let trimmed = lower.trim_end_matches(['.', ',', '!']);
    trimmed == "end" || CLOSING_CUES.iter().any(|c| lower.starts_with(c))
}

/// [`is_closing`] of a text not yet lower-cased, looking only at its opening words.
fn opens_closing(text: &str) -> bool {
    let mut end = text.len().min(32);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let lower = normalize_lower(&text[..end]);
    if end == text.len() {
        is_closing(&lower)
    } else {
        CLOSING_CUES.iter().any(|c| lower.starts_with(c))
    }
}

/// Splits a block holding several inline bullets ("• a; • b; • c") into one block per item.
fn split_inline_bullets(block: Block) -> Vec<Block> {
    let starts: Vec<usize> = block
        .text
        .char_indices()
        .filter(|&(i, c)| {
            is_bullet(c)
                && (i == 0 || block.text[..i].ends_with(' '))
                && block.text[i + c.len_utf8()..].starts_with(' ')
        })
        .map(|(i, _)| i)
        .collect();
    if starts.len() < 2 && !(starts.len() == 1 && starts[0] > 0) {
        return vec![block];
    }
    let mut cuts = starts.clone();
    if cuts.first() != Some(&0) {
        cuts.insert(0, 0);
    }
    cuts.push(block.text.len());
    cuts.windows(2)
        .map(|w| block.text[w[0]..w[1]].trim())
        .filter(|t| !t.is_empty())
        .map(|t| Block { text: t.to_string(), ..block.clone() })
        .collect()
}

fn ends_sentence(text: &str) -> bool {
    text.trim_end().ends_with(['.', '!', '?', ':', ';', '"', '\'', ')', '\u{201D}', '\u{2019}'])
}

/// Rejoins recommendation and response text split over a page break: a recommendation (or
/// response) cell that starts in lower case continues the previous row's unfinished last paragraph
/// of the same column.
fn join_page_breaks(blocks: Vec<Block>) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    // The last block of each column kind that text may continue.
    let mut last: [Option<usize>; 2] = [None, None];
    for block in blocks {
        let slot = match block.cell.filter(|c| !c.header).map(|c| c.kind) {
            Some(Column::Recommendation) => 0,
            Some(Column::Response) => 1,
            _ => {
                out.push(block);
                continue;
            }
        };
        let cell = block.cell.expect("a cell");
        let first_in_cell =
            out.last().and_then(|b| b.cell).is_none_or(|c| c.row != cell.row || c.column != cell.column);
        if let Some(i) = last[slot] {
            let prev = &out[i];
            let continues = first_in_cell
                && prev.cell.is_some_and(|c| c.row < cell.row)
                && block.text.starts_with(|c: char| c.is_lowercase())
                && !ends_sentence(&prev.text);
            if continues {
                let prev = &mut out[i];
                prev.text.push(' ');
                prev.text.push_str(&block.text);
                continue;
            }
        }
        last[slot] = Some(out.len());
        out.push(block);
    }
    out
}

/// The recommendation a table row answers: a heading in any of its cells, else a recommendation's
/// number in its numbered column, else the recommendation its recommendation cell quotes.
fn row_recommendation(row: &[(&Block, Option<u32>)], quoter: &Quoter, known: &[u32]) -> Option<u32> {
    let in_column = |kind: Column| row.iter().filter(move |(b, _)| b.cell.is_some_and(|c| c.kind == kind));
    row.iter()
        .find_map(|(_, h)| *h)
        .or_else(|| in_column(Column::Number).find_map(|(b, _)| cell_number(&b.text, known)))
        .or_else(|| {
            // A row opening with a paraphrase or quotation of a recommendation (not a row that
            // continues one over a page break, which starts in lower case or with a bullet).
            in_column(Column::Recommendation)
                .take(1)
                .filter(|(b, _)| b.text.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()))
                .map(|(b, _)| quoter.coverage(&b.text))
                .find(|c| c.share >= crate::quote::QUOTATION_SHARE)
                .and_then(|c| c.recommendation)
        })
}

/// A heading the layout marks rather than its words: a paragraph in a heading style that names
/// one recommendation ("Safe reporting pathways (R4)") or restates one, or an item of a numbered
/// list whose number is a recommendation's and whose text names it or draws on the report's words.
fn marked_heading(b: &Block, quoter: &Quoter, known: &[u32]) -> Option<u32> {
    if b.cell.is_some() || word_count(&b.text) > HEADING_MAX_WORDS {
        return None;
    }
    match b.hint {
        Hint::Heading => match references(&b.text, known).as_slice() {
            [n] => Some(*n),
            [] => opening(quoter.coverage(&b.text), &b.text).1,
            _ => None,
        },
        Hint::Numbered(n) if known.contains(&n) => {
            let named = references(&b.text, known);
            let draws = quoter.coverage(&b.text).share >= MARKED_HEADING_SHARE;
            (named == [n] || (named.is_empty() && draws)).then_some(n)
        }
        _ => None,
    }
}

/// Share of a numbered list item's words from the report that makes it a recommendation's heading.
const MARKED_HEADING_SHARE: f64 = 0.25;

/// Assigns each block its role and recommendation.
pub fn segment(blocks: Vec<Block>, quoter: &Quoter) -> Vec<Segment> {
    // A page's title says whose site it is on; it is no paragraph.
    let blocks = blocks.into_iter().filter(|b| b.hint != Hint::Title);
    let (blocks, measured): (Vec<Block>, Vec<Option<Coverage>>) =
        join_page_breaks(blocks.flat_map(split_inline_bullets).flat_map(split_furniture).collect())
            .into_iter()
            .flat_map(|b| split_glued_quotation(b, quoter))
            .unzip();
    // How much of a block is quoted: measured once.
    let coverage = |i: usize| measured[i].clone().unwrap_or_else(|| quoter.coverage(&blocks[i].text));
    let known = quoter.numbers();

    // First pass: headings, and which sections (from one heading to the next) have a response marker.
    // A quotation the body labelled with its number ("Recommendation 5: With reference to ...")
    // opens that recommendation however long it is; not a quotation that goes on mid-sentence
    // ("recommendation 4 (on the creation of ...") or a cell of the report's own column.
    let labelled = |i: usize| {
        let text = &blocks[i].text;
        let label = measured[i].is_some() && text.starts_with(|c: char| c.is_uppercase());
        label_number(text).filter(|_| label && coverage(i).is_quotation())
    };
    let headings: Vec<Option<u32>> = (0..blocks.len())
        .map(|i| {
            let b = &blocks[i];
            heading_number(&b.text).or_else(|| marked_heading(b, quoter, &known)).or_else(|| labelled(i))
        })
        .collect();
    let markers: Vec<bool> = blocks.iter().map(|b| b.cell.is_none() && is_response_marker(&b.text)).collect();
    // A letter's closing ("Yours sincerely", "End") ends the recommendation being answered. A section
    // ends at the next heading or at a closing: a line after "Yours sincerely" that reads like a
    // marker ("Enclosure: force response") answers nothing before it.
    let closings: Vec<bool> = blocks.iter().map(|b| b.cell.is_none() && opens_closing(&b.text)).collect();
    // Whether a response marker is still to come in a paragraph's section: what stands before it
    // is the recommendation being answered; a marker already passed ("The Commissioner's
    // response", then a paragraph quoting recommendation 5, then the answer) makes nothing after
    // it quotation.
    let mut marker_ahead = vec![false; blocks.len()];
    let mut start = 0;
    for i in 0..=blocks.len() {
        if i == blocks.len() || (i > start && (headings[i].is_some() || closings[i])) {
            let mut ahead = false;
            for k in (start..i).rev() {
                ahead |= markers[k];
                marker_ahead[k] = ahead;
            }
            start = i;
        }
    }

    // Where the document's first recommendation section (a heading, or a table row) opens: prose
    // before it introduces the answers, and a recommendation it names ("as requested per
    // recommendation 8") is a mention, not an answer.
    let first_section = blocks
        .iter()
        .zip(&headings)
        .position(|(b, h)| {
            h.is_some()
                || b.cell.is_some_and(|c| !c.header && matches!(c.kind, Column::Number | Column::Recommendation))
        })
        .unwrap_or(blocks.len());

    let mut out: Vec<Segment> = Vec::with_capacity(blocks.len());
    let mut current: Option<u32> = None;
    let mut answering = false;
    let mut last_row: Option<u32> = None;
    // The status cell of the row being read, and where the row's segments start.
    let mut row_status: Option<String> = None;
    let mut row_start = 0;
    for (i, block) in blocks.iter().enumerate() {
        let lower = normalize_lower(&block.text);
        let n_words = word_count(&lower);
        // A table row opens its recommendation for all its cells, whichever column holds the heading.
        if let Some(cell) = block.cell.filter(|c| !c.header) {
            if last_row != Some(cell.row) {
                finish_row(&mut out[row_start..], row_status.take());
                row_start = out.len();
                last_row = Some(cell.row);
                let row: Vec<(&Block, Option<u32>)> = blocks[i..]
                    .iter()
                    .zip(headings[i..].iter().copied())
                    .take_while(|(b, _)| b.cell.is_some_and(|c| c.row == cell.row))
                    .collect();
                if let Some(n) = row_recommendation(&row, quoter, &known) {
                    current = Some(n);
                    answering = false;
                }
            }
        } else if block.cell.is_none() && i > 0 && blocks[i - 1].cell.is_some() {
            // Prose after a table: the table, and the recommendations with it, have ended.
            finish_row(&mut out[row_start..], row_status.take());
            row_start = out.len();
            current = None;
        }
        let (role, rec) = if is_furniture(block, &lower, n_words) {
            (Role::Chrome, None)
        } else if let Some(n) = headings[i] {
            current = Some(n);
            // "Recommendation 4 Response:" opens the recommendation and the answer at once.
            answering = markers[i];
            (Role::Recommendation, Some(n))
        } else if let Some(cell) = block.cell {
            match (cell.header, cell.kind, current) {
                (true, _, _) => (Role::Preamble, None),
                (false, Column::Number, cur) => (Role::Preamble, cur),
                (false, Column::Status, cur) => {
                    row_status = Some(block.text.clone());
                    (Role::Preamble, cur)
                }
                (false, Column::Recommendation, Some(n)) => (Role::Recommendation, Some(n)),
                (false, Column::Response, Some(n)) if !coverage(i).is_quotation() => (Role::Response, Some(n)),
                (false, Column::Response, Some(n)) => (Role::Recommendation, Some(n)),
                (false, Column::Other, cur) => (Role::Preamble, cur),
                (false, _, None) => quoted_or_preamble(coverage(i)),
            }
        } else if let Some(n) = current {
            if markers[i] {
                answering = true;
                (Role::Recommendation, Some(n))
            } else if closings[i] {
                current = None;
                (Role::Preamble, None)
            } else if (marker_ahead[i] && !answering) || coverage(i).is_quotation() {
                (Role::Recommendation, Some(n))
            } else {
                (Role::Response, Some(n))
            }
        } else {
            // Outside any section, a paragraph quoting (or paraphrasing) one recommendation opens
            // it, as a heading would: a letter or a Word list that restates each recommendation
            // before answering it.
            let (role, rec) = opening(coverage(i), &block.text);
            if role == Role::Recommendation && rec.is_some() {
                current = rec;
                answering = false;
            }
            (role, rec)
        };
        // Outside any recommendation's section, prose that names recommendations answers them:
        // a letter's "In relation to recommendation 4, ...", "Recommendations 1, 4 and 5 ...".
        let referenced = if block.cell.is_none() && current.is_none() && role == Role::Preamble && !closings[i] {
            references(&block.text, &known)
        } else {
            Vec::new()
        };
        let (role, rec, recommendations) = match referenced.first() {
            Some(_) if i < first_section && first_section < blocks.len() => (role, None, referenced),
            Some(&first) => (Role::Response, Some(first), referenced),
            None => (role, rec, rec.into_iter().collect()),
        };
        let text = block.text.clone();
        out.push(Segment { text, line: block.line, role, recommendation: rec, recommendations, status: None });
    }
    finish_row(&mut out[row_start..], row_status.take());
    out
}

/// Gives a table row's status ("Complete", "Green") to the row's response paragraphs.
fn finish_row(row: &mut [Segment], status: Option<String>) {
    let Some(status) = status else { return };
    for s in row.iter_mut().filter(|s| s.role == Role::Response) {
        s.status = Some(status.clone());
    }
}

/// Outside any recommendation, text is preamble unless it quotes the report.
/// A quotation that opens a recommendation where no heading names one: only one with enough of
/// the report's words to tell which (as many as quotation is found by). A shorter text ("Guidance",
/// one word of recommendation 1) names none and is the document's own.
fn opening(coverage: Coverage, text: &str) -> (Role, Option<u32>) {
    if word_count(text) < crate::quote::QUOTE_NGRAM {
        return (Role::Preamble, None);
    }
    quoted_or_preamble(coverage)
}

fn quoted_or_preamble(coverage: Coverage) -> (Role, Option<u32>) {
    if coverage.is_quotation() {
        (Role::Recommendation, coverage.recommendation)
    } else {
        (Role::Preamble, None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::bundled_recommendations;
    use crate::quote::QUOTE_NGRAM;
    use crate::readers::{table, text};

    fn quoter() -> Quoter {
        Quoter::new(&bundled_recommendations().items, QUOTE_NGRAM)
    }

    fn roles(segments: &[Segment]) -> Vec<(Role, Option<u32>)> {
        segments.iter().map(|s| (s.role, s.recommendation)).collect()
    }

    #[test]
    fn marker_separates_quotation_from_response() {
        let doc = "Letter.\nRecommendation 8. To all recipients\nProvide an update to someone new.\nForce response\nWe have done it.\nEnd\n";
        let got = roles(&segment(text::read(doc), &quoter()));
        use Role::*;
        assert_eq!(
            got,
            [
                (Preamble, None),
                (Recommendation, Some(8)),
                (Recommendation, Some(8)),
                (Recommendation, Some(8)),
                (Response, Some(8)),
                (Preamble, None)
            ]
        );
    }

    #[test]
    fn a_marker_after_the_closing_answers_nothing_before_it() {
        let doc = "Recommendation 8. To all recipients\nWe have sent the update to the inspectorate.\nYours sincerely\nEnclosure: force response\n";
        let got = roles(&segment(text::read(doc), &quoter()));
        use Role::*;
        assert_eq!(got[..2], [(Recommendation, Some(8)), (Response, Some(8))]);
    }

    #[test]
    fn without_a_marker_quotation_is_recognised_by_similarity() {
        let doc = "Recommendation 5. Promoting confidence.\nWith reference to recommendation 1, pending the developments outlined in other recommendations, chief constables should take steps\nWe run community events.\nThank you for the opportunity.\nChief Constable A. Person\n";
        let got = roles(&segment(text::read(doc), &quoter()));
        use Role::*;
        assert_eq!(
            got,
            [
                (Recommendation, Some(5)),
                (Recommendation, Some(5)),
                (Response, Some(5)),
                (Preamble, None),
                (Preamble, None)
            ]
        );
    }

    #[test]
    fn furniture_is_chrome() {
        let doc = "Quickly exit this site by pressing the Escape key Leave this site\nWe use some essential cookies to make our website work.\nRecommendation 1\nWe use our own words.\n";
        let got = roles(&segment(text::read(doc), &quoter()));
        assert_eq!(got[0].0, Role::Chrome);
        assert_eq!(got[1].0, Role::Chrome);
        assert_eq!(got[3], (Role::Response, Some(1)));
    }

    #[test]
    fn table_rows_split_over_a_page_break_are_rejoined() {
        let doc = "Recommendations\tResponse\n<p>Recommendation 1. To chief constables</p> <p>we recommend that they immediately stop sharing information on domestic</p>\t<p>We note it.</p>\n\n\n<p>abuse victims with Immigration Enforcement.</p>\t<p>We will act.</p>\n<ul> • promote police engagement in regular outreach community work\t\n";
        let segs = segment(table::read(doc), &quoter());
        let texts: Vec<&str> = segs.iter().map(|s| s.text.as_str()).collect();
        assert!(texts.contains(&"we recommend that they immediately stop sharing information on domestic abuse victims with Immigration Enforcement."));
        assert!(segs.iter().skip(2).all(|s| s.recommendation == Some(1)));
        let responses: Vec<&str> = segs.iter().filter(|s| s.role == Role::Response).map(|s| s.text.as_str()).collect();
        assert_eq!(responses, ["We note it.", "We will act."]);
    }

    #[test]
    fn a_letter_restating_a_recommendation_answers_it_next() {
        let doc = "Dear Sir,\nWith reference to recommendation 1, and in consultation/collaboration with local or national specialist organisations, chief constables should take steps to ensure that all migrant victims and witnesses of crime are effectively supported through safe reporting pathways.\nWe fund two independent advocates for migrant victims.\nYours sincerely,\n";
        let got = roles(&segment(text::read(doc), &quoter()));
        use Role::*;
        assert_eq!(got, [(Preamble, None), (Recommendation, Some(4)), (Response, Some(4)), (Preamble, None)]);
    }

    #[test]
    fn an_introduction_naming_a_recommendation_mentions_it_without_answering() {
        let doc = "We would like to update you on our progress, as requested per recommendation 8:\nRecommendation 1. To chief constables\nWe have stopped sharing.\n";
        let segments = segment(text::read(doc), &quoter());
        use Role::*;
        assert_eq!(roles(&segments), [(Preamble, None), (Recommendation, Some(1)), (Response, Some(1))]);
        assert_eq!(segments[0].recommendations, [8], "the mention is kept for searching");
        // Without any recommendation section to introduce, the same prose answers what it names.
        let letter = roles(&segment(text::read("In relation to recommendation 8, we wrote in June.\n"), &quoter()));
        assert_eq!(letter, [(Response, Some(8))]);
    }

    #[test]
    fn furniture_glued_to_prose_is_split_off() {
        let b = Block::plain("We use some essential cookies to make our website work. Accept all cookies. Kent Police has stopped sharing the details of victims with Immigration Enforcement.", 1);
        let parts = split_furniture(b);
        let got: Vec<(&str, Hint)> = parts.iter().map(|b| (b.text.as_str(), b.hint)).collect();
        assert_eq!(
            got,
            [
                ("We use some essential cookies to make our website work. Accept all cookies.", Hint::Furniture),
                ("Kent Police has stopped sharing the details of victims with Immigration Enforcement.", Hint::None)
            ]
        );
        let whole = Block::plain("Sorry, there was a technical problem. Please try again.", 1);
        assert_eq!(split_furniture(whole.clone()), vec![whole]);
    }

    #[test]
    fn inline_bullets_become_paragraphs() {
        let b = Block::plain("They should: • ensure a; • develop b; and", 3);
        let texts: Vec<String> = split_inline_bullets(b).into_iter().map(|b| b.text).collect();
        assert_eq!(texts, ["They should:", "• ensure a;", "• develop b; and"]);
        let single = Block::plain("• one item only", 1);
        assert_eq!(split_inline_bullets(single.clone()), vec![single]);
    }
}
