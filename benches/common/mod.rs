//! What the benchmark runners share: a synthetic corpus made afresh in the work directory.

use std::fs;
use std::path::{Path, PathBuf};
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

/// The options every benchmark runner takes: `--sizes` (paragraphs, comma-separated), `--seed`
/// and `--work` (where the synthetic corpora go), with the runner's default work directory.
pub struct Options {
    pub sizes: Vec<usize>,
    pub seed: u64,
    pub work: PathBuf,
}

/// The value following `flag` among `args`.
pub fn value(args: &[String], flag: &str) -> Option<String> {
    args.iter().position(|a| a == flag).and_then(|i| args.get(i + 1)).cloned()
}

impl Options {
    pub fn parse(args: &[String], default_work: &str) -> Options {
        let sizes = value(args, "--sizes")
            .unwrap_or_else(|| "10000,100000,1000000".into())
            .split(',')
            .map(|s| s.trim().parse().expect("--sizes takes numbers"))
            .collect();
        let seed = value(args, "--seed").map_or(1, |s| s.parse().expect("--seed takes a number"));
        let work = PathBuf::from(value(args, "--work").unwrap_or_else(|| default_work.into()));
        Options { sizes, seed, work }
    }
}
