//! A command run while another process builds the index waits for that build (a bounded wait)
//! and then answers, instead of failing.

use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::common::*;

fn hold_lock(index: &Path) -> fs::File {
    fs::create_dir_all(index).unwrap();
    // As a first build leaves the directory while it runs: claimed, locked, nothing live yet.
    fs::write(index.join("echoes-index.json"), r#"{"made_by":"echoes","entries":[]}"#).unwrap();
    let file = fs::OpenOptions::new().create(true).truncate(false).write(true).open(index.join(".lock")).unwrap();
    file.lock().unwrap();
    file
}

#[test]
fn a_search_started_during_the_first_build_waits_for_it_and_answers() {
    let corpus = corpus_with(&["hampshire-2021-12.txt", "recommendations.toml"]);
    let index = tempfile::tempdir().unwrap();
    let held = hold_lock(index.path());
    let started = Instant::now();
    let child = Command::new(env!("CARGO_BIN_EXE_echoes"))
        .arg("--corpus")
        .arg(corpus.path())
        .arg("--index")
        .arg(index.path())
        .args(["search", "immigration", "--format", "json"])
        .env_remove("ECHOES_WAIT")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    drop(held);
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(started.elapsed() >= Duration::from_millis(1500));
    assert!(!stderr.contains("being built by another process"), "{stderr}");
    let hits: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let hits = hits.as_array().unwrap();
    assert!(!hits.is_empty());
    assert!(hits.iter().all(|h| h["force"] == "Hampshire Constabulary"));
}

#[test]
fn the_wait_is_bounded_and_says_how_long_it_waited() {
    let corpus = corpus_with(&["hampshire-2021-12.txt", "recommendations.toml"]);
    let index = tempfile::tempdir().unwrap();
    let _held = hold_lock(index.path());
    let started = Instant::now();
    let run = echoes_env(corpus.path(), index.path(), &["docs"], &[("ECHOES_WAIT", "0.6")]);
    let took = started.elapsed();
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(took >= Duration::from_millis(600) && took < Duration::from_secs(20), "{took:?}");
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(run.stderr.contains("has not finished in 0.6 s"), "{}", run.stderr);
    assert!(run.stdout.is_empty());
}
