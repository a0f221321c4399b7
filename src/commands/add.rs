//! `echoes add`: copy documents into the corpus under readable names, record them in the
//! manifest, and add them to the index without rebuilding it. All or nothing: every file is
//! checked before any is copied, and a step that fails undoes the ones before it.

use std::fs;
use std::io::Write;
use std::path::PathBuf;

use anyhow::Context as _;

use crate::cli::AddArgs;
use crate::commands::context::Context;
use crate::corpus::{self, is_configuration, is_document_name, Entry};
use crate::corpus_edit::{
    entries_to_append, lock_corpus, manifest_bytes, read_given, readable_name, remove_leftovers, write_manifest, Copy,
    Known, NotRead, Refusal,
};
use crate::error::{EXIT_ERROR, EXIT_OK};
use crate::index;
use crate::pending_add::{self, Pending};
use crate::render;

/// A file that passed every check, ready to be copied in.
struct Accepted {
    bytes: Vec<u8>,
    name: String,
}

pub fn run(ctx: &Context, args: &AddArgs, out: &mut dyn Write) -> anyhow::Result<u8> {
    fs::create_dir_all(&ctx.corpus)
        .with_context(|| format!("cannot create corpus directory {}", ctx.corpus.display()))?;
    // One change of the corpus at a time: parallel adds queue here, and each sees the others' files.
    let _lock = lock_corpus(&ctx.corpus)?;
    // What an add killed while copying left (only files of echoes' own temporary names).
    remove_leftovers(&ctx.corpus);
    Pending::undo_interrupted(&ctx.corpus)?;
    if let Some(date) = args.date.as_deref().filter(|d| crate::dates::PartialDate::parse(d).is_none()) {
        anyhow::bail!("--date '{date}' is not a date (YYYY, YYYY-MM or YYYY-MM-DD); nothing was added");
    }
    let Some(accepted) = check_all(ctx, args)? else {
        return Ok(EXIT_ERROR);
    };
    // Kept byte for byte: an undo puts back the file as the user had it, whatever its encoding.
    let manifest_before = manifest_bytes(&ctx.corpus)?;
    let mut copied: Vec<PathBuf> = Vec::new();
    let done = copy_record_index(ctx, args, &accepted, &mut copied);
    let (report, incremental) = match done {
        Ok(done) => done,
        Err(e) => {
            // Undo: the corpus is left as it was found.
            for path in &copied {
                let _ = fs::remove_file(path);
            }
            let restored = write_manifest(&ctx.corpus, manifest_before.as_deref());
            if restored.is_ok() {
                Pending::end(&ctx.corpus);
            }
            let e = e.context("nothing was added");
            return Err(match restored {
                Ok(()) => e,
                Err(r) => e.context(format!("and the manifest could not be restored: {r:#}")),
            });
        }
    };
    Pending::end(&ctx.corpus);
    let opened = index::open(&ctx.index)?;
    let documents = opened.documents()?;
    let added: Vec<&crate::model::Document> =
        accepted.iter().filter_map(|a| documents.iter().find(|d| d.path == a.name)).collect();
    render::build::added(out, &added, &report.index, incremental, documents.len())?;
    Ok(EXIT_OK)
}

/// Checks every file before anything is copied: it exists and can be read, it is of a kind echoes
/// reads, it would not replace the corpus's configuration, and its text is not already in the
/// corpus. Each refusal is said on stderr; `None` if any file is refused.
fn check_all(ctx: &Context, args: &AddArgs) -> anyhow::Result<Option<Vec<Accepted>>> {
    let mut known = Known::of(&corpus::load_with(&ctx.corpus, &ctx.limits)?, ctx.limits.clone());
    let mut accepted: Vec<Accepted> = Vec::new();
    // The files given so far (resolved), and, by the name each is added under, the file it was.
    let mut given: Vec<PathBuf> = Vec::new();
    let mut given_as: std::collections::HashMap<String, PathBuf> = std::collections::HashMap::new();
    let mut refused = 0;
    for file in &args.files {
        let refuse = |reason: &str| eprintln!("echoes: {}: {reason}; not added", file.display());
        let resolved = file.canonicalize().unwrap_or_else(|_| file.clone());
        if given.contains(&resolved) {
            eprintln!("echoes: {}: given twice; added once", file.display());
            continue;
        }
        given.push(resolved);
        let own_name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if is_configuration(&own_name) {
            refuse("has the name of the corpus's own configuration");
            refused += 1;
            continue;
        }
        let bytes = match read_given(file, ctx.limits.max_file_bytes) {
            Ok(bytes) => bytes,
            Err(why) => {
                refuse(&match why {
                    NotRead::NotAFile(kind) => format!("{kind}, not a file"),
                    NotRead::TooLarge => "over the size limit (--max-file-mb)".to_string(),
                    NotRead::Io(e) => format!("cannot be read ({e})"),
                });
                refused += 1;
                continue;
            }
        };
        let taken: Vec<&str> = accepted.iter().map(|a| a.name.as_str()).collect();
        let name = if args.name_from_metadata {
            let body = args.force.clone().or_else(|| detected_force(&bytes, ctx));
            let body = body.as_deref().map(crate::forces::short_name);
            // By month, as the bundled corpus names its files.
            let month = args.date.as_deref().map(|d| d.get(..7).filter(|_| d.len() > 7).unwrap_or(d));
            readable_name(&ctx.corpus, file, body, month.filter(|_| body.is_some()), &taken)
        } else {
            readable_name(&ctx.corpus, file, args.force.as_deref(), args.date.as_deref(), &taken)
        };
        if !is_document_name(&name) || is_configuration(&name) {
            refuse(&format!(
                "not a format echoes reads ({}); it would never be indexed",
                corpus::DOCUMENT_EXTENSIONS.iter().map(|e| format!(".{e}")).collect::<Vec<_>>().join(", ")
            ));
            refused += 1;
            continue;
        }
        match known.check(&bytes) {
            Ok(hash) => {
                known.insert(hash, &name);
                given_as.insert(name.clone(), file.clone());
                accepted.push(Accepted { bytes, name });
            }
            Err(Refusal::Duplicate { existing }) => {
                match given_as.get(&existing) {
                    Some(earlier) => refuse(&format!("the same document as {}, given before it", earlier.display())),
                    None => refuse(&format!("the same document as {existing}, already in the corpus")),
                }
                refused += 1;
            }
            Err(Refusal::Unreadable(reason)) => {
                refuse(&reason.to_string());
                refused += 1;
            }
        }
    }
    if refused > 0 {
        eprintln!("echoes: {refused} file(s) refused; nothing was added");
        return Ok(None);
    }
    Ok(Some(accepted))
}

/// The body a file's text shows as its author (as indexing finds it), by its gazetteer name.
fn detected_force(bytes: &[u8], ctx: &Context) -> Option<String> {
    // Naming only: a scanned file is not read by OCR here (nothing cached), and names no force.
    let ocr = crate::readers::ocr::Ocr { cache: None };
    let read = crate::readers::read_file("", bytes, ctx.limits.max_file_bytes, ocr).ok()?;
    let (titles, blocks): (Vec<_>, Vec<_>) = read.blocks.iter().partition(|b| b.hint == crate::model::Hint::Title);
    let texts: Vec<(&str, bool)> = blocks.iter().map(|b| (b.text.as_str(), false)).collect();
    let title = titles.first().map(|b| b.text.as_str());
    crate::authorship::author(&texts, title).body.map(str::to_string)
}

/// Copies the files in (never over an existing file), records them in the manifest, and indexes
/// them. Files copied so far are listed in `copied`, for the caller to undo.
fn copy_record_index(
    ctx: &Context,
    args: &AddArgs,
    accepted: &[Accepted],
    copied: &mut Vec<PathBuf>,
) -> anyhow::Result<(index::BuildReport, bool)> {
    // Every file copied under a temporary name and flushed first (the long part), then each
    // given its name: a copy cut short is never under a document's name.
    let copies = accepted.iter().map(|a| Copy::write(&ctx.corpus, &a.bytes)).collect::<anyhow::Result<Vec<_>>>()?;
    let entries: Vec<Entry> = accepted
        .iter()
        .map(|a| Entry {
            path: a.name.clone(),
            force: args.force.clone(),
            date: args.date.clone(),
            source: args.source.clone(),
            report: args.report.clone(),
            kind: None,
        })
        .collect();
    // Written down before the corpus changes: an add killed from here on is undone by the next.
    let (manifest, appended) = entries_to_append(&ctx.corpus, &entries)?;
    let pending = Pending {
        copies: accepted.iter().map(|a| (a.name.clone(), pending_add::hash(&a.bytes))).collect(),
        manifest: manifest.clone(),
        appended: appended.clone(),
    };
    pending.begin(&ctx.corpus)?;
    for (a, copy) in accepted.iter().zip(copies) {
        let target = ctx.corpus.join(&a.name);
        copy.name(&target)?;
        copied.push(target);
    }
    write_manifest(&ctx.corpus, Some(&[manifest.unwrap_or_default(), appended].concat()))?;
    let corpus = corpus::load_with(&ctx.corpus, &ctx.limits)?;
    let added: Vec<String> = accepted.iter().map(|a| a.name.clone()).collect();
    index::update::add(&corpus, &ctx.index, &added, &ctx.progress("indexing"))
}
