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

/// `width`: the terminal's, which the text table is fitted to (none into a pipe).
pub fn provenance(out: &mut dyn Write, docs: &[Provenance], format: Format, width: Option<usize>) -> io::Result<()> {
    match format {
        Format::Json => json(out, docs),
        Format::Csv => csv(
            out,
            &["doc", "body", "words", "own", "shared", "stock", "quoted", "furniture", "shared_with", "quoted_from"],
            docs.iter().map(|p| {
                vec![
                    p.doc.clone(),
                    p.body.clone(),
                    p.words.to_string(),
                    p.own.to_string(),
                    p.shared.to_string(),
                    p.stock.to_string(),
                    p.quoted.to_string(),
                    p.furniture.to_string(),
                    shared_with(p),
                    quoted_from(p),
                ]
            }),
        ),
        Format::Text => {
            let heading = [
                "document",
                "body",
                "words",
                "own",
                "shared",
                "stock",
                "quoted",
                "furniture",
                "shared with (words)",
                "quoted from (words)",
            ];
            let mut rows = vec![heading.map(String::from).to_vec()];
            for p in docs {
                rows.push(vec![
                    p.doc.clone(),
                    p.body.clone(),
                    p.words.to_string(),
                    percent(p, p.own),
                    percent(p, p.shared),
                    percent(p, p.stock),
                    percent(p, p.quoted),
                    percent(p, p.furniture),
                    shared_with(p),
                    quoted_from(p),
                ]);
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
                 from a report or a reference document. The matrix's shares are of own words only.)"
            )
        }
    }
}
