//! Renders provenance: each document's words in four shares, and the bodies it shares them with.

use std::io::{self, Write};

use super::{csv, json, table, Format};
use crate::provenance::Provenance;

fn percent(p: &Provenance, words: usize) -> String {
    format!("{:.0}%", p.share(words) * 100.0)
}

/// The bodies a document shares words with, most first: "Gloucestershire Constabulary 300".
pub fn shared_with(p: &Provenance) -> String {
    p.shared_with.iter().map(|s| format!("{} {}", s.body, s.words)).collect::<Vec<_>>().join("; ")
}

pub fn provenance(out: &mut dyn Write, docs: &[Provenance], format: Format) -> io::Result<()> {
    match format {
        Format::Json => json(out, docs),
        Format::Csv => csv(
            out,
            &["doc", "body", "words", "own", "shared", "quoted", "furniture", "shared_with"],
            docs.iter().map(|p| {
                vec![
                    p.doc.clone(),
                    p.body.clone(),
                    p.words.to_string(),
                    p.own.to_string(),
                    p.shared.to_string(),
                    p.quoted.to_string(),
                    p.furniture.to_string(),
                    shared_with(p),
                ]
            }),
        ),
        Format::Text => {
            let mut rows =
                vec![["document", "body", "words", "own", "shared", "quoted", "furniture", "shared with (words)"]
                    .map(String::from)
                    .to_vec()];
            for p in docs {
                rows.push(vec![
                    p.doc.clone(),
                    p.body.clone(),
                    p.words.to_string(),
                    percent(p, p.own),
                    percent(p, p.shared),
                    percent(p, p.quoted),
                    percent(p, p.furniture),
                    shared_with(p),
                ]);
            }
            // A body's rows (from `by_body`) have no document: the column goes.
            if docs.iter().all(|p| p.doc.is_empty()) {
                rows.iter_mut().for_each(|r| {
                    r.remove(0);
                });
            }
            write!(out, "{}", table(&rows))?;
            writeln!(
                out,
                "\n(shares of all the words, quotation and furniture included: own, found in no other body's; shared, found in \
                 another body's own words; quoted, from the report. The matrix's shares are of own words only.)"
            )
        }
    }
}
