//! Renders provenance: each document's words in five shares, the bodies it shares them with, and
//! the texts it quotes.

use std::io::{self, Write};

use super::{csv, json, table_fit_short, Format};
use crate::provenance::Provenance;

fn percent(p: &Provenance, words: usize) -> String {
    format!("{:.0}%", p.share(words) * 100.0)
}

/// The bodies a document shares words with, most first: "Gloucestershire Constabulary 300".
pub fn shared_with(p: &Provenance) -> String {
    p.shared_with.iter().map(|s| format!("{} {}", s.body, s.words)).collect::<Vec<_>>().join("; ")
}

/// The texts a document quotes, most first: "safe-to-share-2020 recommendations 250".
pub fn quoted_from(p: &Provenance) -> String {
    p.quoted_from.iter().map(|q| format!("{} {}", q.source, q.words)).collect::<Vec<_>>().join("; ")
}

/// The columns, as CSV names them (the text table's headings say the same in words).
const COLUMNS: [&str; 11] =
    ["doc", "body", "words", "own", "shared", "stock", "quoted", "speech", "furniture", "shared_with", "quoted_from"];

/// Where quoted speech stands in the rows.
const SPEECH_COLUMN: usize = 7;

/// A document's row: each share as `share` gives it (a count of words, or a percentage).
fn row(p: &Provenance, share: &dyn Fn(usize) -> String) -> Vec<String> {
    let shares = [p.own, p.shared, p.stock, p.quoted, p.speech, p.furniture].map(share);
    let mut row = vec![p.doc.clone(), p.body.clone(), p.words.to_string()];
    row.extend(shares);
    row.extend([shared_with(p), quoted_from(p)]);
    row
}

/// `width`: the terminal's, which the text table is fitted to (none into a pipe).
pub fn provenance(out: &mut dyn Write, docs: &[Provenance], format: Format, width: Option<usize>) -> io::Result<()> {
    match format {
        Format::Json => json(out, docs),
        Format::Csv => csv(out, &COLUMNS, docs.iter().map(|p| row(p, &|n| n.to_string()))),
        Format::Text => {
            let heading = COLUMNS.map(|c| match c {
                "doc" => "document".to_string(),
                "shared_with" => "shared with (words)".to_string(),
                "quoted_from" => "quoted from (words)".to_string(),
                other => other.to_string(),
            });
            let mut rows = vec![heading.to_vec()];
            rows.extend(docs.iter().map(|p| row(p, &|n| percent(p, n))));
            // Quoted speech has its column only where there is some.
            if docs.iter().all(|p| p.speech == 0) {
                rows.iter_mut().for_each(|r| {
                    r.remove(SPEECH_COLUMN);
                });
            }
            // A body's rows (from `by_body`) have no document: the column goes.
            if docs.iter().all(|p| p.doc.is_empty()) {
                rows.iter_mut().for_each(|r| {
                    r.remove(0);
                });
            }
            let short =
                [("furniture", "furn"), ("shared with (words)", "shared with"), ("quoted from (words)", "quoted from")];
            write!(out, "{}", table_fit_short(&rows, width, &short))?;
            writeln!(
                out,
                "\n(shares of all the words, quotation and furniture included: own, found in no other body's; shared, found in \
                 another body's own words; stock, in a public formula or in wording standing in answers to other reports; quoted, \
                 from a report or a reference document{}. The matrix's shares are of own words only.)",
                if docs.iter().any(|p| p.speech > 0) { "; speech, quoted speech attributed to a speaker" } else { "" }
            )
        }
    }
}
