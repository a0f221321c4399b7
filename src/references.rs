//! How a text names a recommendation: headings that open one ("Recommendation 4. To chief
//! constables"), references in prose ("Recommendations 1, 4 and 5", "R4") and table cells that hold
//! only a number. Readers and segmentation share these rules.

use crate::normalize::{normalize_lower, word_count, word_texts};

/// Headings at most this long (in words) may open a recommendation.
pub const HEADING_MAX_WORDS: usize = 30;

/// The number of the recommendation a heading opens: "Recommendation 4. To chief constables",
/// "Recommendation 1 To chief constables", "Notes to recommendation 1", "Recommendation 5: ...".
pub fn heading_number(text: &str) -> Option<u32> {
    // A heading is short: longer texts are not even normalized.
    if text.len() > HEADING_MAX_WORDS * 20 {
        return None;
    }
    let lower = normalize_lower(text);
    if word_count(&lower) > HEADING_MAX_WORDS {
        return None;
    }
    heading_label(&lower)
}

/// The number of the recommendation a text's opening label names, however long the text:
/// "Recommendation 5: With reference to ..." (a quotation the body labelled with its number).
pub fn label_number(text: &str) -> Option<u32> {
    let mut end = text.len().min(48);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    heading_label(&normalize_lower(&text[..end]))
}

/// [`label_number`] of a normalized, lower-cased text.
fn heading_label(lower: &str) -> Option<u32> {
    let rest = lower.strip_prefix("notes to ").unwrap_or(lower);
    // "Recommendation 5", "Rec 5", "Rec. 5".
    let rest = ["recommendation", "rec.", "rec"].iter().find_map(|p| rest.strip_prefix(p))?.trim_start();
    let rest = rest.strip_prefix("no.").or_else(|| rest.strip_prefix("number")).unwrap_or(rest).trim_start();
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let number: u32 = digits.parse().ok()?;
    let after = &rest[digits.len()..];
    let opens = after.is_empty()
        || after.starts_with(['.', ':', ')', '-', ';', ','])
        || after.starts_with(" to ")
        || after.starts_with(" -")
        || after.starts_with(" (")
        // "Recommendation 4 Response:", "Recommendation 4 update -".
        || after.starts_with(" response")
        || after.starts_with(" update");
    opens.then_some(number)
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
    let words = word_texts(&normalize_lower(text));
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
pub fn cell_number(text: &str, known: &[u32]) -> Option<u32> {
    let t = text.trim().trim_end_matches(['.', ':', ')']).trim_start_matches(['#', '(']);
    if let Ok(n) = t.parse::<u32>() {
        return known.contains(&n).then_some(n);
    }
    match references(t, known).as_slice() {
        [n] if word_count(t) <= 3 => Some(*n),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
