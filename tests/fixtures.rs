//! Tests on small corpora made in temporary directories: force detection, rebuilding when the
//! corpus changes, other formats and encodings, skipped files, and the environment variables.

use std::fs;
use std::process::Command;

use crate::common::{bundled_corpus, corpus_with, echoes, field};
use serde_json::Value;

const SEEDS: [&str; 5] = [
    "hampshire-2021-12.txt",
    "unattributed-response.txt",
    "gloucestershire-2021-12.txt",
    "south-yorkshire-2021-05.txt",
    "wiltshire-2021-02.txt",
];

#[test]
fn without_a_manifest_forces_are_detected_and_the_bundled_recommendations_used() {
    let corpus = corpus_with(&SEEDS);
    let index = tempfile::tempdir().unwrap();
    let r = echoes(corpus.path(), index.path(), &["docs", "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("has no recommendations.toml or reports/; using the bundled one"), "{}", r.stderr);
    let v = r.json();
    let got: Vec<(String, Option<String>, Option<String>)> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_string(),
                d["force"].as_str().map(String::from),
                d["force_source"].as_str().map(String::from),
            )
        })
        .collect();
    let detected = |f: &str| (Some(f.to_string()), Some("detected".to_string()));
    let expect = [
        ("gloucestershire-2021-12.txt", detected("Gloucestershire Constabulary")),
        ("hampshire-2021-12.txt", detected("Hampshire Constabulary")),
        ("south-yorkshire-2021-05.txt", detected("South Yorkshire Police")),
        ("unattributed-response.txt", (None, None)),
        ("wiltshire-2021-02.txt", detected("Wiltshire Police")),
    ];
    let expect: Vec<(String, Option<String>, Option<String>)> =
        expect.into_iter().map(|(p, (f, s))| (p.to_string(), f, s)).collect();
    assert_eq!(got, expect);
}

#[test]
fn the_index_is_built_on_first_use_and_rebuilt_only_when_the_corpus_changes() {
    let corpus = corpus_with(&["hampshire-2021-12.txt"]);
    let index = tempfile::tempdir().unwrap();
    let first = echoes(corpus.path(), index.path(), &["search", "Pinkney", "--role", "all"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert!(first.stderr.contains("no index yet; built the index"), "{}", first.stderr);

    let second = echoes(corpus.path(), index.path(), &["search", "Pinkney", "--role", "all"]);
    assert_eq!(second.code, 0);
    assert!(!second.stderr.contains("built the index"), "{}", second.stderr);

    fs::write(corpus.path().join("kent.txt"), "Kent Police response\nRecommendation 1\nKent Police answers here.\n")
        .unwrap();
    let third = echoes(corpus.path(), index.path(), &["search", "answers", "--format", "json"]);
    assert!(
        third.stderr.contains("the corpus has changed; updated the index in")
            && third.stderr.contains("(1 added, 0 changed, 0 removed: 1 document read"),
        "{}",
        third.stderr
    );
    let v = third.json();
    assert_eq!(field(&v, "force"), [&Value::from("Kent Police")]);
    assert_eq!(field(&v, "recommendation"), [&Value::from(1)]);
}

#[test]
fn unsupported_and_empty_files_are_reported_as_skipped() {
    let corpus = corpus_with(&["hampshire-2021-12.txt"]);
    fs::write(corpus.path().join("notes.md"), "# notes").unwrap();
    fs::write(corpus.path().join("blank.txt"), "\n  \n").unwrap();
    let index = tempfile::tempdir().unwrap();
    let r = echoes(corpus.path(), index.path(), &["index"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("indexed 1 document, 25 paragraphs"), "{}", r.stdout);
    assert!(r.stdout.contains("skipped 2 file(s):"), "{}", r.stdout);
    assert!(r.stdout.contains("notes.md: not a format echoes reads"), "{}", r.stdout);
    assert!(r.stdout.contains("blank.txt: only whitespace"), "{}", r.stdout);
    let json = echoes(corpus.path(), index.path(), &["index", "--format", "json"]).json();
    assert_eq!(json["paragraphs"]["chrome"], 7);
    assert_eq!(json["skipped"].as_array().unwrap().len(), 2);
}

#[test]
fn a_saved_web_page_has_its_furniture_marked_chrome() {
    let corpus = tempfile::tempdir().unwrap();
    let page = r#"<!DOCTYPE html>
<html><head><title>Response</title><script>track()</script></head>
<body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<div class="cookie-banner"><p>We use cookies on this site.</p></div>
<main>
<h2>Recommendation 5. To chief constables and police and crime commissioners</h2>
<p>With reference to recommendation 1, pending the developments outlined in other recommendations, chief constables
and police and crime commissioners should take steps</p>
<p>Essex Police runs open days &amp; drop-in clinics with community groups, and we publish their dates.</p>
</main>
<footer>Contact us</footer>
</body></html>"#;
    fs::write(corpus.path().join("essex.html"), page).unwrap();
    let index = tempfile::tempdir().unwrap();
    let v = echoes(corpus.path(), index.path(), &["show", "essex", "--format", "json"]).json();
    let rows: Vec<(&str, &str, Option<u64>, u64)> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["text"].as_str().unwrap(),
                p["role"].as_str().unwrap(),
                p["recommendation"].as_u64(),
                p["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(rows[0], ("Home News", "chrome", None, 4));
    assert_eq!(rows[1], ("We use cookies on this site.", "chrome", None, 5));
    assert_eq!(rows[2].1, "recommendation");
    assert_eq!(rows[3].1, "recommendation");
    assert_eq!(
        rows[4],
        (
            "Essex Police runs open days & drop-in clinics with community groups, and we publish their dates.",
            "response",
            Some(5),
            10
        )
    );
    assert_eq!(rows[5], ("Contact us", "chrome", None, 12));
    assert_eq!(v[0]["force"], "Essex Police");
    assert!(!v.to_string().contains("track()"));
}

#[test]
fn windows_1252_text_is_decoded_with_a_note() {
    let corpus = tempfile::tempdir().unwrap();
    fs::write(
        corpus.path().join("dorset.txt"),
        b"Dorset Police response\nRecommendation 1\nThe victim\x92s status is never shared.\n",
    )
    .unwrap();
    let index = tempfile::tempdir().unwrap();
    let r = echoes(corpus.path(), index.path(), &["search", "victim's", "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("dorset.txt: not UTF-8, decoded as windows-1252"), "{}", r.stderr);
    assert_eq!(r.json()[0]["text"], "The victim\u{2019}s status is never shared.");
}

#[test]
fn corpus_and_index_come_from_the_environment() {
    let corpus = corpus_with(&["south-yorkshire-2021-05.txt"]);
    let index = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_echoes"))
        .args(["search", "\"Bright Sky\"", "--format", "json"])
        .env("ECHOES_CORPUS", corpus.path())
        .env("ECHOES_INDEX", index.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["force"], "South Yorkshire Police");
    assert!(index.path().join("current").is_dir());
}

#[test]
fn a_missing_corpus_is_one_clear_line() {
    let index = tempfile::tempdir().unwrap();
    let r = echoes(std::path::Path::new("/nonexistent/corpus"), index.path(), &["docs"]);
    assert_eq!(r.code, 2);
    // One line, saying how to point at a corpus.
    assert_eq!(
        r.stderr.trim(),
        "echoes: corpus directory /nonexistent/corpus does not exist (name one with --corpus DIR or the ECHOES_CORPUS variable)"
    );
}

/// Run from another directory with only `--corpus`, a command uses the index beside the corpus
/// and writes nothing where it was run.
#[test]
fn the_default_index_lives_beside_its_corpus() {
    let place = tempfile::tempdir().unwrap();
    let corpus = place.path().join("corpus");
    fs::create_dir(&corpus).unwrap();
    fs::copy(bundled_corpus().join("wiltshire-2021-02.txt"), corpus.join("wiltshire-2021-02.txt")).unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let run = |corpus: &std::path::Path| {
        Command::new(env!("CARGO_BIN_EXE_echoes"))
            .arg("--corpus")
            .arg(corpus)
            .args(["search", "immigration", "--format", "json"])
            .current_dir(elsewhere.path())
            .env_remove("ECHOES_CORPUS")
            .env_remove("ECHOES_INDEX")
            .output()
            .unwrap()
    };
    let out = run(&corpus);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(place.path().join("index").join("echoes-index.json").exists(), "index beside the corpus");
    assert_eq!(fs::read_dir(elsewhere.path()).unwrap().count(), 0, "nothing written where it ran");
    // A corpus of another name has an index of its own name beside it.
    let other = place.path().join("responses");
    fs::create_dir(&other).unwrap();
    fs::copy(bundled_corpus().join("wiltshire-2021-02.txt"), other.join("wiltshire-2021-02.txt")).unwrap();
    assert_eq!(run(&other).status.code(), Some(0));
    assert!(place.path().join("responses-index").join("echoes-index.json").exists());
    assert_eq!(fs::read_dir(elsewhere.path()).unwrap().count(), 0);
}
