//! Renders what an index build did.

use std::io::{self, Write};

use super::Format;
use crate::index::BuildReport;
use std::path::Path;

use crate::model::{Document, Role};
use crate::render::{csv, json, table};

/// Warnings about the corpus and the files skipped, one line each on stderr, terminal-safe.
pub fn diagnostics(err: &mut dyn Write, notes: &[String], skipped: &[crate::corpus::Skip]) -> io::Result<()> {
    for note in notes {
        writeln!(err, "echoes: warning: {}", super::terminal_safe(note))?;
    }
    for skip in skipped {
        writeln!(err, "echoes: skipped {}: {}", super::name_safe(&skip.path), super::terminal_safe(&skip.reason))?;
    }
    Ok(())
}

/// What `echoes add` did: each document added, how it was read, and the index updated.
pub fn added(
    out: &mut dyn Write,
    documents: &[&Document],
    index: &Path,
    incremental: bool,
    total: usize,
) -> io::Result<()> {
    for d in documents {
        let roles: Vec<String> = Role::ALL.iter().map(|r| format!("{} {}", d.paragraphs.get(*r), r)).collect();
        let recs = match d.recommendations.as_slice() {
            [] => "no recommendation found".to_string(),
            [n] => format!("recommendation {n}"),
            many => format!("recommendations {}", many.iter().map(u32::to_string).collect::<Vec<_>>().join(", ")),
        };
        writeln!(
            out,
            "added {} ({}, {recs}): {} ({})",
            super::name_safe(&d.path),
            super::terminal_safe(super::force_label(d.force.as_deref())),
            super::count_of(d.paragraphs.total(), "paragraph"),
            roles.join(", ")
        )?;
        let doubts = d.doubts();
        if !doubts.is_empty() {
            writeln!(out, "  check: {}", doubts.join("; "))?;
        }
    }
    let how = if incremental { "added to the index" } else { "rebuilt the index" };
    writeln!(out, "{how} in {} ({})", index.display(), super::count_of(total, "document"))
}

pub fn report(out: &mut dyn Write, r: &BuildReport, format: Format) -> io::Result<()> {
    match format {
        Format::Json => json(out, r),
        Format::Csv => csv(
            out,
            &["role", "paragraphs"],
            Role::ALL.iter().map(|role| vec![role.to_string(), r.paragraphs.get(*role).to_string()]),
        ),
        Format::Text => {
            writeln!(
                out,
                "indexed {}, {} into {}",
                super::count_of(r.documents, "document"),
                super::count_of(r.paragraphs.total(), "paragraph"),
                r.index.display()
            )?;
            let rows: Vec<Vec<String>> =
                Role::ALL.iter().map(|role| vec![format!("  {role}"), r.paragraphs.get(*role).to_string()]).collect();
            write!(out, "{}", table(&rows))?;
            if !r.skipped.is_empty() {
                writeln!(out, "skipped {} file(s):", r.skipped.len())?;
                for s in &r.skipped {
                    writeln!(out, "  {}: {}", super::name_safe(&s.path), super::terminal_safe(&s.reason))?;
                }
            }
            Ok(())
        }
    }
}

/// One line for stderr when another command had to build the index first.
pub fn updated_line(r: &BuildReport, c: crate::index::update::Changes) -> String {
    format!(
        "echoes: the corpus has changed; updated the index in {} in place ({} added, {} changed, {} removed: {} read, {})",
        r.index.display(),
        c.added,
        c.changed,
        c.removed,
        super::count_of(r.documents, "document"),
        super::count_of(r.paragraphs.total(), "paragraph")
    )
}

/// The line saying why the index was built.
pub fn rebuilt_line(why: &str, r: &BuildReport) -> String {
    format!(
        "echoes: {why}; built the index in {} ({}, {})",
        r.index.display(),
        super::count_of(r.documents, "document"),
        super::count_of(r.paragraphs.total(), "paragraph")
    )
}
