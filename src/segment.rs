//! Segmentation: turns a document's blocks into paragraphs, each with the recommendation it
//! answers and its role (response, quoted recommendation, preamble or website furniture).

use crate::model::Role;
use crate::normalize::{is_bullet, normalize, word_count, word_texts};
use crate::quote::Quoter;
use crate::readers::{Block, Column, Hint};

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

/// Phrases of website furniture, with the longest paragraph (in words) they may mark.
const FURNITURE_CUES: &[(&str, usize)] = &[
    ("cookie", 60),
    ("exit this site", 25),
    ("leave this site", 25),
    ("this site is a beta", 60),
    ("your feedback helps", 30),
    ("let us know what you think", 30),
    ("there was a technical problem", 15),
    ("skip to main content", 10),
    ("enable javascript", 25),
    ("accept all", 15),
    ("back to top", 6),
    ("share this page", 8),
];

/// A sentence this long (in words), beside furniture in one paragraph, is prose to keep.
const PROSE_SENTENCE_WORDS: usize = 8;

/// Openings of a letter's or page's closing lines.
const CLOSING_CUES: &[&str] = &["thank you", "yours sincerely", "yours faithfully", "kind regards", "best regards"];

/// Headings at most this long (in words) may open a recommendation.
const HEADING_MAX_WORDS: usize = 30;

fn is_furniture(block: &Block, lower: &str, n_words: usize) -> bool {
    block.hint == Hint::Furniture || furniture_cue(lower, n_words)
}

/// Whether normalized, lower-cased text of `n_words` words holds a furniture phrase short enough.
fn furniture_cue(lower: &str, n_words: usize) -> bool {
    FURNITURE_CUES.iter().any(|(cue, max)| n_words <= *max && lower.contains(cue))
}

/// The number of the recommendation a heading opens: "Recommendation 4. To chief constables",
/// "Recommendation 1 To chief constables", "Notes to recommendation 1", "Recommendation 5: ...".
pub fn heading_number(text: &str) -> Option<u32> {
    // A heading is short: longer texts are not even normalized.
    if text.len() > HEADING_MAX_WORDS * 20 {
        return None;
    }
    let lower = normalize(text).to_lowercase();
    if word_count(&lower) > HEADING_MAX_WORDS {
        return None;
    }
    let rest = lower.strip_prefix("notes to ").unwrap_or(&lower);
    let rest = rest.strip_prefix("recommendation")?.trim_start();
    let rest = rest.strip_prefix("no.").or_else(|| rest.strip_prefix("number")).unwrap_or(rest).trim_start();
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let number: u32 = digits.parse().ok()?;
    let after = &rest[digits.len()..];
    let opens = after.is_empty()
        || after.starts_with(['.', ':', ')', '-', ';', ','])
        || after.starts_with(" to ")
        || after.starts_with(" -")
        || after.starts_with(" (");
    opens.then_some(number)
}

/// "Force response", "Force Response", "Our response:": the marker after which the body answers.
fn is_response_marker(text: &str) -> bool {
    if text.len() > 80 {
        return false;
    }
    let lower = normalize(text).to_lowercase();
    let words = word_texts(&lower);
    (1..=4).contains(&words.len()) && !lower.ends_with('.') && words.iter().any(|w| w == "response" || w == "responses")
}

fn is_closing(lower: &str) -> bool {
    let trimmed = lower.trim_end_matches(['.', ',', '!']);
    trimmed == "end" || CLOSING_CUES.iter().any(|c| lower.starts_with(c))
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

/// The recommendations a text refers to in prose: "In relation to recommendation 4",
/// "Recommendations 1, 4 and 5", "Rec 4", "recs 1 & 8", "R4", "(recommendation 8)". Sorted, each
/// once; only numbers of the report's own recommendations (`known`) count.
pub fn references(text: &str, known: &[u32]) -> Vec<u32> {
    // Only texts that could hold a reference are normalized.
    let lower = text.to_lowercase();
    let r_digit = lower.as_bytes().windows(2).any(|w| w[0] == b'r' && w[1].is_ascii_digit());
    if !lower.contains("rec") && !r_digit {
        return Vec::new();
    }
    let words = word_texts(&normalize(text).to_lowercase());
    let mut out: Vec<u32> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let w = words[i].as_str();
        // "R4": a letter and a number in one word.
        if let Some(n) = w.strip_prefix('r').and_then(|d| d.parse::<u32>().ok()) {
            if known.contains(&n) && w.len() <= 3 {
                out.push(n);
            }
            i += 1;
            continue;
        }
        if !matches!(w, "recommendation" | "recommendations" | "rec" | "recs") {
            i += 1;
            continue;
        }
        // A list of numbers: "1, 4 and 5", "1 & 8", "no 4", "number 4".
        let mut j = i + 1;
        while j < words.len() {
            match words[j].as_str() {
                "no" | "number" | "numbers" | "and" | "or" => j += 1,
                n => match n.parse::<u32>() {
                    Ok(n) if known.contains(&n) => {
                        out.push(n);
                        j += 1;
                    }
                    _ => break,
                },
            }
        }
        i = j.max(i + 1);
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// A table cell holding only a recommendation's number: "1", "1.", "#4", "R4", "Rec 4",
/// "Recommendation 4".
fn cell_number(text: &str, known: &[u32]) -> Option<u32> {
    let t = text.trim().trim_end_matches(['.', ':', ')']).trim_start_matches(['#', '(']);
    if let Ok(n) = t.parse::<u32>() {
        return known.contains(&n).then_some(n);
    }
    match references(t, known).as_slice() {
        [n] if word_count(t) <= 3 => Some(*n),
        _ => None,
    }
}

/// Sentences of a paragraph: cut after `.`, `!` or `?` followed by a space and a capital letter,
/// a digit or an opening quote. Keeps every character but the spaces between sentences.
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for k in 0..chars.len().saturating_sub(2) {
        let (c, next, (at, after)) = (chars[k].1, chars[k + 1].1, chars[k + 2]);
        let opens = after.is_uppercase() || after.is_ascii_digit() || "\"'\u{201C}\u{2018}".contains(after);
        if matches!(c, '.' | '!' | '?') && next == ' ' && opens {
            out.push(text[start..at].trim());
            start = at;
        }
    }
    out.push(text[start..].trim());
    out.retain(|s| !s.is_empty());
    out
}

/// Whether a sentence or short paragraph is website furniture by its wording.
fn furniture_wording(text: &str) -> bool {
    let lower = normalize(text).to_lowercase();
    furniture_cue(&lower, word_count(&lower))
}

/// Splits website furniture glued to prose (a cookie notice run into a page's first paragraph by
/// text extraction) into blocks of its own, so that the prose is kept as the body's words and the
/// furniture is marked as furniture. A block that is all furniture, or holds none, is left whole.
fn split_furniture(block: Block) -> Vec<Block> {
    if block.hint == Hint::Furniture || block.cell.is_some() {
        return vec![block];
    }
    let lower = block.text.to_lowercase();
    if !FURNITURE_CUES.iter().any(|(cue, _)| lower.contains(cue)) {
        return vec![block];
    }
    let parts = sentences(&block.text);
    let furniture: Vec<bool> = parts.iter().map(|p| furniture_wording(p)).collect();
    // Split only where a real sentence of prose stands beside the furniture: "Sorry, there was a
    // technical problem. Please try again." stays one block.
    let prose = parts.iter().zip(&furniture).any(|(p, f)| !f && word_count(p) >= PROSE_SENTENCE_WORDS);
    if !prose || !furniture.iter().any(|f| *f) {
        return vec![block];
    }
    let mut out: Vec<Block> = Vec::new();
    let mut last: Option<bool> = None;
    for (part, is_furniture) in parts.iter().zip(&furniture) {
        match out.last_mut() {
            Some(b) if last == Some(*is_furniture) => {
                b.text.push(' ');
                b.text.push_str(part);
            }
            _ => out.push(Block {
                text: part.to_string(),
                hint: if *is_furniture { Hint::Furniture } else { block.hint },
                ..block.clone()
            }),
        }
        last = Some(*is_furniture);
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
            [] => {
                let c = quoter.coverage(&b.text);
                c.recommendation.filter(|_| c.share >= crate::quote::QUOTATION_SHARE)
            }
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
    let blocks =
        join_page_breaks(blocks.into_iter().flat_map(split_inline_bullets).flat_map(split_furniture).collect());
    let known = quoter.numbers();

    // First pass: headings, and which sections (from one heading to the next) have a response marker.
    let headings: Vec<Option<u32>> =
        blocks.iter().map(|b| heading_number(&b.text).or_else(|| marked_heading(b, quoter, &known))).collect();
    let markers: Vec<bool> = blocks.iter().map(|b| b.cell.is_none() && is_response_marker(&b.text)).collect();
    let mut section_has_marker = vec![false; blocks.len()];
    let mut start = 0;
    for i in 0..=blocks.len() {
        if i == blocks.len() || (i > start && headings[i].is_some()) {
            let any = markers[start..i].iter().any(|m| *m);
            section_has_marker[start..i].iter_mut().for_each(|s| *s = any);
            start = i;
        }
    }

    let mut out: Vec<Segment> = Vec::with_capacity(blocks.len());
    let mut current: Option<u32> = None;
    let mut answering = false;
    let mut last_row: Option<u32> = None;
    // The status cell of the row being read, and where the row's segments start.
    let mut row_status: Option<String> = None;
    let mut row_start = 0;
    for (i, block) in blocks.iter().enumerate() {
        let lower = normalize(&block.text).to_lowercase();
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
            answering = false;
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
                (false, Column::Response, Some(n)) if !quoter.is_quotation(&block.text) => (Role::Response, Some(n)),
                (false, Column::Response, Some(n)) => (Role::Recommendation, Some(n)),
                (false, Column::Other, cur) => (Role::Preamble, cur),
                (false, _, None) => quoted_or_preamble(quoter, &block.text),
            }
        } else if let Some(n) = current {
            if markers[i] {
                answering = true;
                (Role::Recommendation, Some(n))
            } else if is_closing(&lower) {
                current = None;
                (Role::Preamble, None)
            } else if (section_has_marker[i] && !answering) || quoter.is_quotation(&block.text) {
                (Role::Recommendation, Some(n))
            } else {
                (Role::Response, Some(n))
            }
        } else {
            // Outside any section, a paragraph quoting (or paraphrasing) one recommendation opens
            // it, as a heading would: a letter or a Word list that restates each recommendation
            // before answering it.
            let (role, rec) = quoted_or_preamble(quoter, &block.text);
            if role == Role::Recommendation && rec.is_some() {
                current = rec;
                answering = false;
            }
            (role, rec)
        };
        // Outside any recommendation's section, prose that names recommendations answers them:
        // a letter's "In relation to recommendation 4, ...", "Recommendations 1, 4 and 5 ...".
        let referenced = if block.cell.is_none() && current.is_none() && role == Role::Preamble && !is_closing(&lower) {
            references(&block.text, &known)
        } else {
            Vec::new()
        };
        let (role, rec, recommendations) = match referenced.first() {
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
fn quoted_or_preamble(quoter: &Quoter, text: &str) -> (Role, Option<u32>) {
    let coverage = quoter.coverage(text);
    if coverage.share >= crate::quote::QUOTATION_SHARE {
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
    fn headings_give_their_number() {
        assert_eq!(heading_number("Recommendation 4. To chief constables"), Some(4));
        assert_eq!(heading_number("Recommendation 1 To chief constables"), Some(1));
        assert_eq!(heading_number("Notes to recommendation 1"), Some(1));
        assert_eq!(heading_number("Recommendation 12"), Some(12));
        assert_eq!(heading_number("Recommendation 1 has been implemented in full"), None);
        assert_eq!(heading_number("Recommendations"), None);
        assert_eq!(heading_number("We note that recommendations 1, 4 and 5 are more focused"), None);
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
    fn prose_references_answer_each_recommendation_named() {
        let known = [1, 4, 5, 8];
        assert_eq!(references("Your letter requested an update on Recommendations 1, 4 and 5.", &known), [1, 4, 5]);
        assert_eq!(references("In relation to recommendation 4, we have acted.", &known), [4]);
        assert_eq!(references("As per Rec 8 and R4 (recommendation 5)", &known), [4, 5, 8]);
        assert_eq!(references("Recommendation 2 is for the Home Office; rec 12 too.", &known), Vec::<u32>::new());
        assert_eq!(references("We record 14 referrals a year.", &known), Vec::<u32>::new());
        assert_eq!(cell_number("R4", &known), Some(4));
        assert_eq!(cell_number("#17527", &known), None);
        assert_eq!(cell_number("5.", &known), Some(5));
    }

    #[test]
    fn a_letter_restating_a_recommendation_answers_it_next() {
        let doc = "Dear Sir,\nWith reference to recommendation 1, and in consultation/collaboration with local or national specialist organisations, chief constables should take steps to ensure that all migrant victims and witnesses of crime are effectively supported through safe reporting pathways.\nWe fund two independent advocates for migrant victims.\nYours sincerely,\n";
        let got = roles(&segment(text::read(doc), &quoter()));
        use Role::*;
        assert_eq!(got, [(Preamble, None), (Recommendation, Some(4)), (Response, Some(4)), (Preamble, None)]);
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
