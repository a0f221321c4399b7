//! Renders what an index build did.

use std::io::{self, Write};

use crate::cli::Format;
use crate::index::BuildReport;
use crate::model::Role;
use crate::render::{csv, json, table};

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
                "indexed {} documents, {} paragraphs into {}",
                r.documents,
                r.paragraphs.total(),
                r.index.display()
            )?;
            let rows: Vec<Vec<String>> =
                Role::ALL.iter().map(|role| vec![format!("  {role}"), r.paragraphs.get(*role).to_string()]).collect();
            write!(out, "{}", table(&rows))?;
            if !r.skipped.is_empty() {
                writeln!(out, "skipped {} file(s):", r.skipped.len())?;
                for s in &r.skipped {
                    writeln!(out, "  {}: {}", super::terminal_safe(&s.path), super::terminal_safe(&s.reason))?;
                }
            }
            Ok(())
        }
    }
}

/// One line for stderr when another command had to build the index first.
pub fn rebuilt_line(why: &str, r: &BuildReport) -> String {
    format!(
        "echoes: {why}; built the index in {} ({} documents, {} paragraphs)",
        r.index.display(),
        r.documents,
        r.paragraphs.total()
    )
}
