//! `echoes add`: copy documents into the corpus under readable names, record them in the
//! manifest, and add them to the index without rebuilding it.

use std::fs;
use std::io::Write;

use anyhow::Context as _;

use crate::cli::AddArgs;
use crate::commands::Context;
use crate::corpus::{self, Entry};
use crate::corpus_edit::{readable_name, record, Known, Refusal};
use crate::error::{EXIT_ERROR, EXIT_OK};
use crate::index;
use crate::model::Role;

pub fn run(ctx: &Context, args: &AddArgs, out: &mut dyn Write) -> anyhow::Result<u8> {
    fs::create_dir_all(&ctx.corpus)
        .with_context(|| format!("cannot create corpus directory {}", ctx.corpus.display()))?;
    // Later files are checked against the earlier ones too.
    let mut known = Known::of(&corpus::load_with(&ctx.corpus, &ctx.limits)?);
    let mut entries = Vec::new();
    let mut refused = 0;
    for file in &args.files {
        let bytes = fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
        let hash = match known.check(&bytes) {
            Ok(hash) => hash,
            Err(Refusal::Duplicate { existing }) => {
                eprintln!(
                    "echoes: {}: the same document as {existing}, already in the corpus; not added",
                    file.display()
                );
                refused += 1;
                continue;
            }
            Err(Refusal::Unreadable(reason)) => {
                eprintln!("echoes: {}: {reason}; not added", file.display());
                refused += 1;
                continue;
            }
        };
        let name = readable_name(&ctx.corpus, file, args.force.as_deref(), args.date.as_deref());
        let target = ctx.corpus.join(&name);
        fs::write(&target, &bytes).with_context(|| format!("cannot write {}", target.display()))?;
        known.insert(hash, &name);
        entries.push(Entry {
            path: name.clone(),
            force: args.force.clone(),
            date: args.date.clone(),
            source: args.source.clone(),
            report: args.report.clone(),
        });
    }
    if entries.is_empty() {
        return Ok(EXIT_ERROR);
    }
    record(&ctx.corpus, &entries)?;
    let corpus = corpus::load_with(&ctx.corpus, &ctx.limits)?;
    let added: Vec<String> = entries.iter().map(|e| e.path.clone()).collect();
    let (report, incremental) = index::add(&corpus, &ctx.index, &added, &ctx.progress("indexing"))?;
    let opened = index::open(&ctx.index)?;
    for name in &added {
        let Some(d) = opened.meta.documents.iter().find(|d| &d.path == name) else { continue };
        let roles: Vec<String> = Role::ALL.iter().map(|r| format!("{} {}", d.paragraphs.get(*r), r)).collect();
        writeln!(
            out,
            "added {name} ({}, recommendations {}): {} paragraphs ({})",
            crate::render::force_label(d.force.as_deref()),
            if d.recommendations.is_empty() {
                "none found".to_string()
            } else {
                d.recommendations.iter().map(u32::to_string).collect::<Vec<_>>().join(", ")
            },
            d.paragraphs.total(),
            roles.join(", ")
        )?;
        let doubts = d.doubts();
        if !doubts.is_empty() {
            writeln!(out, "  check: {}", doubts.join("; "))?;
        }
    }
    let how = if incremental { "added to the index" } else { "rebuilt the index" };
    writeln!(out, "{how} in {} ({} documents)", report.index.display(), opened.meta.documents.len())?;
    Ok(if refused > 0 { EXIT_ERROR } else { EXIT_OK })
}
