//! `echoes init`: a manifest written for a folder of the bundled documents gives the same forces
//! and findings as the bundled manifest, names the unattributed document, and never changes an
//! entry a manifest already has.

use crate::common;

use std::fs;
use std::path::Path;

use crate::common::{bundled_corpus, echoes, Run};
use serde_json::Value;

const DOCUMENTS: &[&str] = &[
    "gloucestershire-2021-12.txt",
    "hampshire-2021-12.txt",
    "south-yorkshire-2021-05.txt",
    "unattributed-response.txt",
    "wiltshire-2021-02.txt",
];

fn init(corpus: &Path, args: &[&str]) -> Run {
    let index = tempfile::tempdir().unwrap();
    let run = echoes(corpus, &index.path().join("index"), &[&["init"], args].concat());
    assert!(!index.path().join("index").exists(), "init builds no index");
    run
}

/// Each document's id and force.
fn forces(corpus: &Path) -> Vec<(String, Value)> {
    let index = tempfile::tempdir().unwrap();
    let run = echoes(corpus, index.path(), &["docs", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.json()
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["doc"].as_str().unwrap().to_string(), d["force"].clone()))
        .collect()
}

/// The pairs of paragraph ids of every finding, sorted.
fn findings(corpus: &Path) -> Vec<(String, String)> {
    let index = tempfile::tempdir().unwrap();
    let run = echoes(corpus, index.path(), &["reuse", "--pairs", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut ids: Vec<(String, String)> = run
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["a"]["id"].as_str().unwrap().to_string(), f["b"]["id"].as_str().unwrap().to_string()))
        .collect();
    ids.sort();
    ids
}

#[test]
fn a_written_manifest_gives_the_bundled_forces_and_findings() {
    let dir = common::corpus_with(DOCUMENTS);
    let run = init(dir.path(), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("unattributed (no body found in the text): unattributed-response.txt"),
        "{}",
        run.stderr
    );
    let manifest = fs::read_to_string(dir.path().join("manifest.toml")).unwrap();
    assert!(
        manifest.contains("# unattributed-response.txt: read as text;")
            && manifest.contains("# unattributed, no body found"),
        "{manifest}"
    );
    assert!(manifest.contains("force = \"South Yorkshire Police\"   # detected from the text"), "{manifest}");
    assert!(manifest.contains("date = \"2021-02\"   # from the file name"), "{manifest}");
    // A letter's date line, as the bundled manifest gives it.
    assert!(manifest.contains("date = \"2021-12-03\"   # from the text"), "{manifest}");
    assert!(!manifest.lines().any(|l| l.starts_with("kind")), "no response is taken for a reference: {manifest}");
    let entries = echoes_manifest(&manifest);
    let unattributed = entries.iter().find(|e| e["path"].as_str() == Some("unattributed-response.txt")).unwrap();
    assert!(unattributed.get("force").is_none(), "{unattributed:?}");
    // Nothing but the manifest is written in the folder.
    let mut names: Vec<String> =
        fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    let mut expected = [DOCUMENTS, &["manifest.toml"]].concat();
    expected.sort();
    assert_eq!(names, expected);

    assert_eq!(forces(dir.path()), forces(&bundled_corpus()));
    let found = findings(dir.path());
    assert!(!found.is_empty());
    assert_eq!(found, findings(&bundled_corpus()));
}

fn echoes_manifest(text: &str) -> Vec<toml::Table> {
    let table: toml::Table = toml::from_str(text).unwrap();
    table["document"].as_array().unwrap().iter().map(|d| d.as_table().unwrap().clone()).collect()
}

#[test]
fn existing_entries_are_never_changed() {
    let dir = common::corpus_with(DOCUMENTS);
    let by_hand = "# Collected by hand.\n[[document]]\npath = \"hampshire-2021-12.txt\"  # from police.uk\nforce='Kent Police'\ndate = \"2021-12-01\"";
    fs::write(dir.path().join("manifest.toml"), by_hand).unwrap();
    let run = init(dir.path(), &[dir.path().to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("kept its 1 entries as they are; added 4"), "{}", run.stderr);
    let once = fs::read(dir.path().join("manifest.toml")).unwrap();
    assert!(once.starts_with(by_hand.as_bytes()), "{}", String::from_utf8_lossy(&once));
    let entries = echoes_manifest(&String::from_utf8_lossy(&once));
    assert_eq!(entries.len(), 5);
    assert_eq!(entries.iter().filter(|e| e["path"].as_str() == Some("hampshire-2021-12.txt")).count(), 1);
    assert_eq!(entries[0]["force"].as_str(), Some("Kent Police"));

    // Run again: nothing to add, and not a byte changes.
    let again = init(dir.path(), &[]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(again.stderr.contains("nothing added"), "{}", again.stderr);
    assert_eq!(fs::read(dir.path().join("manifest.toml")).unwrap(), once);

    // A new file is appended after every entry there is.
    // (and a copy of a document there is, not listed: the same text is one document).
    fs::copy(bundled_corpus().join("hampshire-2021-12.txt"), dir.path().join("later-copy-2020.txt")).unwrap();
    fs::write(dir.path().join("kent-2022-01-05.txt"), "Kent Police response.\n\nWe have reviewed our policy.\n")
        .unwrap();
    let third = init(dir.path(), &[]);
    assert!(third.stderr.contains("added 1 it did not list: kent-2022-01-05.txt"), "{}", third.stderr);
    assert!(third.stderr.contains("not listed: later-copy-2020.txt (the same text as"), "{}", third.stderr);
    let thrice = fs::read(dir.path().join("manifest.toml")).unwrap();
    assert!(thrice.starts_with(&once), "{}", String::from_utf8_lossy(&thrice));
    assert!(String::from_utf8_lossy(&thrice).contains("date = \"2022-01-05\""));
}

#[test]
fn a_page_of_the_reports_words_is_taken_for_a_reference() {
    let dir = tempfile::tempdir().unwrap();
    let recs: toml::Table =
        toml::from_str(&fs::read_to_string(bundled_corpus().join("recommendations.toml")).unwrap()).unwrap();
    let texts: Vec<String> = recs["recommendation"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| format!("Recommendation {}\n\n{}", r["number"], r["text"].as_str().unwrap()))
        .collect();
    fs::write(dir.path().join("press-release.txt"), texts.join("\n\n")).unwrap();
    fs::copy(bundled_corpus().join("hampshire-2021-12.txt"), dir.path().join("hampshire-2021-12.txt")).unwrap();
    let run = init(dir.path(), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let entries = echoes_manifest(&fs::read_to_string(dir.path().join("manifest.toml")).unwrap());
    let press = entries.iter().find(|e| e["path"].as_str() == Some("press-release.txt")).unwrap();
    assert_eq!(press["kind"].as_str(), Some("reference"), "{press:?}");
    assert!(press.get("force").is_none());
    let hampshire = entries.iter().find(|e| e["path"].as_str() == Some("hampshire-2021-12.txt")).unwrap();
    assert!(hampshire.get("kind").is_none());
}

#[test]
fn a_file_or_a_missing_folder_is_refused_in_one_line() {
    let dir = common::corpus_with(&["hampshire-2021-12.txt"]);
    let file = dir.path().join("hampshire-2021-12.txt");
    for target in [file.clone(), dir.path().join("missing")] {
        let run = init(dir.path(), &[target.to_str().unwrap()]);
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
        assert!(run.stderr.contains("is not a directory; nothing written"), "{}", run.stderr);
    }
    assert!(!dir.path().join("manifest.toml").exists());
}

#[test]
fn a_manifest_that_cannot_be_appended_to_is_left_as_it_is() {
    let dir = common::corpus_with(&["hampshire-2021-12.txt", "wiltshire-2021-02.txt"]);
    let latin1 = b"# R\xe9ponses\n[[document]]\npath = \"hampshire-2021-12.txt\"\n".to_vec();
    for before in [latin1, b"document = [{ path = \"hampshire-2021-12.txt\" }]\n".to_vec()] {
        fs::write(dir.path().join("manifest.toml"), &before).unwrap();
        let run = init(dir.path(), &[]);
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
        assert!(run.stderr.contains("nothing written"), "{}", run.stderr);
        assert_eq!(fs::read(dir.path().join("manifest.toml")).unwrap(), before);
    }
}
