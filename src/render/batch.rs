//! Renders a batch search: hits per query × body (× recommendation), in text, CSV and JSON; CSV
//! and JSON say how they were made.

use std::collections::BTreeSet;
use std::io::{self, Write};

use serde::Serialize;

use super::Format;
use crate::made::Made;
use crate::render::{cell, csv, force_label, json, made::comments, table_fit};
use crate::search::batch::QueryCounts;

/// The counts of each query. JSON: `{made, queries: [{name, query, cells, bodies, total}]}`; CSV:
/// a row per query, body and recommendation with hits, and per query and body (`all`, 0 when
/// none); text: a row per query and body with hits, a column per recommendation.
pub fn counts(
    out: &mut dyn Write,
    batch: &[QueryCounts],
    format: Format,
    made: &Made,
    width: Option<usize>,
) -> io::Result<()> {
    match format {
        Format::Json => {
            #[derive(Serialize)]
            struct Whole<'a> {
                made: &'a Made,
                queries: &'a [QueryCounts],
            }
            json(out, &Whole { made, queries: batch })
        }
        Format::Csv => {
            comments(out, made)?;
            let rows = batch.iter().flat_map(|q| {
                let row = move |force: &Option<String>, rec: String, hits: usize| {
                    vec![q.name.clone(), q.query.clone(), cell(force.as_ref()), rec, hits.to_string()]
                };
                let cells = q.counts.cells.iter().map(move |c| row(&c.force, cell(c.recommendation), c.hits));
                cells.chain(q.counts.bodies.iter().map(move |b| row(&b.force, "all".into(), b.hits)))
            });
            csv(out, &["query_name", "query", "force", "recommendation", "hits"], rows)
        }
        Format::Text => {
            let recs: BTreeSet<(bool, u32)> = batch
                .iter()
                .flat_map(|q| &q.counts.cells)
                .map(|c| (c.recommendation.is_none(), c.recommendation.unwrap_or(0)))
                .collect();
            let mut header = vec!["query".to_string(), "body".to_string()];
            header.extend(recs.iter().map(|&(none, n)| if none { "no rec".to_string() } else { format!("rec {n}") }));
            header.push("total".into());
            let mut grid = vec![header];
            for q in batch {
                let bodies: Vec<_> = q.counts.bodies.iter().filter(|b| b.hits > 0).collect();
                if bodies.is_empty() {
                    let mut row = vec![q.name.clone(), "-".into()];
                    row.extend(recs.iter().map(|_| "0".to_string()));
                    row.push("0".into());
                    grid.push(row);
                }
                for body in bodies {
                    let mut row = vec![q.name.clone(), force_label(body.force.as_deref()).to_string()];
                    for &(none, n) in &recs {
                        let hits: usize = q
                            .counts
                            .cells
                            .iter()
                            .filter(|c| c.force == body.force && c.recommendation == (!none).then_some(n))
                            .map(|c| c.hits)
                            .sum();
                        row.push(hits.to_string());
                    }
                    row.push(body.hits.to_string());
                    grid.push(row);
                }
            }
            write!(out, "{}", table_fit(&grid, width))?;
            writeln!(out, "(bodies with no hit left out; --format csv or json gives every body)")
        }
    }
}
