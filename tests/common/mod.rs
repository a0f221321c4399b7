//! Helpers shared by the integration tests: run the built binary on a corpus and an index in a
//! temporary directory, never on the project's own `index/`.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}\n{}", self.stdout, self.stderr))
    }
}

/// The bundled corpus.
pub fn bundled_corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// Runs `echoes` with the given corpus and index directories.
pub fn echoes(corpus: &Path, index: &Path, args: &[&str]) -> Run {
    echoes_env(corpus, index, args, &[("COLUMNS", "100")])
}

/// Runs `echoes` with extra environment variables.
pub fn echoes_env(corpus: &Path, index: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_echoes"))
        .arg("--corpus")
        .arg(corpus)
        .arg("--index")
        .arg(index)
        .args(args)
        .env_remove("ECHOES_CORPUS")
        .env_remove("ECHOES_INDEX")
        .env_remove("NO_COLOR")
        .envs(env.iter().copied())
        .output()
        .expect("the echoes binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A temporary directory holding copies of some bundled corpus files (and nothing else).
pub fn corpus_with(files: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in files {
        std::fs::copy(bundled_corpus().join(f), dir.path().join(f)).unwrap();
    }
    dir
}

/// The values of one field across a JSON array.
pub fn field<'a>(v: &'a Value, name: &str) -> Vec<&'a Value> {
    v.as_array().expect("a JSON array").iter().map(|o| &o[name]).collect()
}
