//! What a table's columns hold, from its header row: the recommendation, the response, a
//! recommendation's number, a status, or something else.

use crate::model::Column;
use crate::normalize::word_texts;

/// Words of a header naming a numbered column ("No.", "Rec no", "Ref", "#").
const NUMBER_HEADERS: &[&str] = &["no", "number", "num", "ref", "reference", "item", "id", "rec", "recommendation"];
/// Words of a header naming a status column.
const STATUS_HEADERS: &[&str] = &["status", "rag", "progress", "complete", "completed", "rating"];
/// Words of a header naming the response column.
const RESPONSE_HEADERS: &[&str] = &["response", "responses", "update", "action", "actions", "comment", "comments"];
/// Headers naming the response column in words of their own (a tracker's "Current position"; not
/// "Force position provided by", who gave it).
const RESPONSE_PHRASES: &[&str] = &["current position"];

/// Column kinds named by a header row: a numbered column, the recommendation and response columns,
/// a status column; the rest other.
pub fn columns_from_header(cells: &[&str]) -> Vec<Column> {
    let mut seen_rec = false;
    let mut seen_resp = false;
    let mut seen_number = false;
    let mut seen_status = false;
    cells
        .iter()
        .map(|c| {
            let lower = c.to_lowercase();
            let words: Vec<String> = word_texts(&lower);
            let numbered = c.trim() == "#"
                || (!words.is_empty()
                    && words.len() <= 3
                    && words.iter().all(|w| NUMBER_HEADERS.contains(&w.as_str()))
                    && words.iter().any(|w| !w.starts_with("rec")));
            if !seen_number && numbered {
                seen_number = true;
                Column::Number
            } else if !seen_status
                && words.len() <= 3
                && words.iter().any(|w| STATUS_HEADERS.contains(&w.as_str()))
                && !words.iter().any(|w| RESPONSE_HEADERS.contains(&w.as_str()))
            {
                seen_status = true;
                Column::Status
            } else if !seen_rec && lower.contains("recommendation") {
                seen_rec = true;
                Column::Recommendation
            } else if !seen_resp
                && (words.iter().any(|w| RESPONSE_HEADERS.contains(&w.as_str()))
                    || RESPONSE_PHRASES.iter().any(|p| lower.contains(p)))
            {
                seen_resp = true;
                Column::Response
            } else {
                Column::Other
            }
        })
        .collect()
}

/// Column kinds when there is no header: recommendation then response, any further column other.
pub fn default_columns(n: usize) -> Vec<Column> {
    (0..n).map(|i| [Column::Recommendation, Column::Response].get(i).copied().unwrap_or(Column::Other)).collect()
}
