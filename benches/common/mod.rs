//! What the benchmark runners share: a synthetic corpus made afresh in the work directory.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

/// Generates a synthetic corpus of `size` paragraphs into `dir` with `synth` (the echoes-synth
/// binary), replacing one an earlier run made there. A directory that is not such a corpus (no
/// `truth.jsonl` beside its `corpus/`) is never removed: the runner stops and says so.
pub fn synth_corpus(synth: &str, dir: &Path, size: usize, seed: u64) -> Output {
    if dir.exists() {
        let made_by_synth = dir.join("truth.jsonl").is_file() && dir.join("corpus").is_dir();
        if !made_by_synth {
            eprintln!(
                "bench: {} exists and is not a synthetic corpus a run made; not removed (give --work another directory)",
                dir.display()
            );
            std::process::exit(2);
        }
        fs::remove_dir_all(dir).unwrap_or_else(|e| panic!("cannot remove {}: {e}", dir.display()));
    }
    let out = Command::new(synth)
        .args(["--paragraphs", &size.to_string(), "--seed", &seed.to_string(), "--out"])
        .arg(dir)
        .output()
        .expect("echoes-synth runs");
    assert!(out.status.success(), "echoes-synth failed: {}", String::from_utf8_lossy(&out.stderr));
    out
}
