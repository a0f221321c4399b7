//! An `echoes add` in progress, written down in the corpus before it names a copy or touches the
//! manifest: an add killed midway is undone by the next one, so that the corpus holds all of an
//! add or none of it, and the same add can be run again.

use std::fs;
use std::path::Path;

use anyhow::Context;
use serde::{Deserialize, Serialize};

use crate::corpus_edit::{manifest_bytes, write_manifest};

/// The record's name in the corpus folder (hidden: never listed as a document).
pub const PENDING: &str = ".echoes-add.pending";

/// What an add is about to do.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Pending {
    /// The copies it names, with the hash of the bytes each holds.
    pub copies: Vec<(String, String)>,
    /// The manifest as it was (`None`: there was none), and what the add appends to it.
    pub manifest: Option<Vec<u8>>,
    pub appended: Vec<u8>,
}

pub fn hash(bytes: &[u8]) -> String {
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(bytes))
}

impl Pending {
    /// Writes the record down, flushed to the disk, before the add changes anything.
    pub fn begin(&self, dir: &Path) -> anyhow::Result<()> {
        let path = dir.join(PENDING);
        let tmp = dir.join(format!("{PENDING}.{}.tmp", std::process::id()));
        let bytes = serde_json::to_vec(self)?;
        let written = fs::File::create(&tmp)
            .and_then(|mut f| std::io::Write::write_all(&mut f, &bytes).and_then(|()| f.sync_all()))
            .and_then(|()| fs::rename(&tmp, &path));
        if written.is_err() {
            let _ = fs::remove_file(&tmp);
        }
        written.with_context(|| format!("cannot write {}", path.display()))
    }

    /// The add is done (or undone): its record goes.
    pub fn end(dir: &Path) {
        let _ = fs::remove_file(dir.join(PENDING));
    }

    /// Undoes what an add killed midway did, as its record says: the copies it named (if they
    /// still hold what it copied), and its entries in the manifest (if the manifest is still what
    /// the add left). Anything changed since is left as it is, and said. Call it with the corpus's
    /// lock held. Returns how many copies it removed.
    pub fn undo_interrupted(dir: &Path) -> anyhow::Result<usize> {
        let path = dir.join(PENDING);
        let Ok(raw) = fs::read(&path) else { return Ok(0) };
        let Ok(pending) = serde_json::from_slice::<Pending>(&raw) else {
            // Cut short while being written: the add had not changed anything yet.
            Pending::end(dir);
            return Ok(0);
        };
        let mut removed = 0;
        for (name, hashed) in &pending.copies {
            let copy = dir.join(name);
            let ours = fs::symlink_metadata(&copy).is_ok_and(|m| m.is_file())
                && fs::read(&copy).is_ok_and(|b| &hash(&b) == hashed);
            if ours && fs::remove_file(&copy).is_ok() {
                removed += 1;
            }
        }
        let now = manifest_bytes(dir)?;
        let before = pending.manifest.clone().unwrap_or_default();
        let after = [before.as_slice(), &pending.appended].concat();
        if now.as_deref() == Some(after.as_slice()) && !pending.appended.is_empty() {
            write_manifest(dir, pending.manifest.as_deref())?;
        } else if now.as_deref() != pending.manifest.as_deref() && now.is_some() {
            eprintln!(
                "echoes: the manifest changed since an interrupted add; its entries for {} may still be there",
                pending.copies.iter().map(|c| c.0.as_str()).collect::<Vec<_>>().join(", ")
            );
        }
        if removed > 0 {
            eprintln!("echoes: undid an interrupted add ({removed} file(s) it had copied in)");
        }
        Pending::end(dir);
        Ok(removed)
    }
}
