//! `echoes init [DIR]`: write a `manifest.toml` for the files of a folder, with what echoes
//! detected of each as comments to correct. An existing manifest's entries are kept as they are;
//! only the files it does not list are added, and stderr says which.

use std::io::Write;

use crate::cli::InitArgs;
use crate::commands::context::Context;
use crate::corpus::{self, Limits, MANIFEST};
use crate::corpus_edit::lock_corpus;
use crate::error::{EXIT_ERROR, EXIT_OK};
use crate::guess;

pub fn run(ctx: &Context, args: &InitArgs, _out: &mut dyn Write) -> anyhow::Result<u8> {
    let dir = args.dir.as_deref().unwrap_or(&ctx.corpus);
    if !dir.is_dir() {
        eprintln!("echoes: {} is not a directory; nothing written", dir.display());
        return Ok(EXIT_ERROR);
    }
    let _lock = lock_corpus(dir)?;
    // Nothing is written outside the folder: no OCR cache (a scanned page names no body here).
    let limits = Limits { ocr_cache: None, ..ctx.limits.clone() };
    let corpus = corpus::load_with(dir, &limits)?;
    let listed = corpus::parse_manifest(&manifest_text(dir)?.unwrap_or_default())
        .map_err(|e| anyhow::anyhow!("{}: {e}", dir.join(MANIFEST).display()))?;
    let known: std::collections::HashSet<&str> = listed.entries.iter().map(|e| e.path.as_str()).collect();
    let guesses = guess::guesses(&corpus, |path| !known.contains(path));
    for skip in corpus.skipped.iter().filter(|s| !known.contains(s.path.as_str())) {
        eprintln!("echoes: not listed: {} ({})", skip.path, skip.reason);
    }
    let path = dir.join(MANIFEST);
    if guesses.is_empty() {
        eprintln!("echoes: {} already lists every document of the folder; nothing added", path.display());
        return Ok(EXIT_OK);
    }
    let had = guess::append(dir, &guesses)?;
    let unattributed: Vec<&str> =
        guesses.iter().filter(|g| g.force.is_none() && g.reference.is_none()).map(|g| g.path.as_str()).collect();
    let names: Vec<&str> = guesses.iter().map(|g| g.path.as_str()).collect();
    if had == 0 && listed.entries.is_empty() {
        eprintln!("echoes: wrote {} with {} document(s); check its comments", path.display(), guesses.len());
    } else {
        eprintln!(
            "echoes: {}: kept its {} entries as they are; added {} it did not list: {}",
            path.display(),
            listed.entries.len(),
            guesses.len(),
            names.join(", ")
        );
    }
    if !unattributed.is_empty() {
        let names: Vec<String> = unattributed.iter().map(|n| crate::render::name_safe(n).into_owned()).collect();
        eprintln!("echoes: unattributed (no body found in the text): {}", names.join(", "));
    }
    Ok(EXIT_OK)
}

/// The manifest's text as it is, decoded, or `None` when there is none.
fn manifest_text(dir: &std::path::Path) -> anyhow::Result<Option<String>> {
    Ok(crate::corpus_edit::manifest_bytes(dir)?.map(|b| crate::readers::decode::decode(&b).text))
}
