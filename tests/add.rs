//! `echoes add`: documents copied in under readable names, recorded in the manifest with its
//! comments kept, added to the index without a rebuild, and duplicates refused.

mod common;

use std::fs;

use common::{bundled_corpus, echoes};

#[test]
fn add_copies_records_and_indexes_without_rebuilding() {
    let corpus = tempfile::tempdir().unwrap();
    for entry in fs::read_dir(bundled_corpus()).unwrap() {
        let path = entry.unwrap().path();
        fs::copy(&path, corpus.path().join(path.file_name().unwrap())).unwrap();
    }
    let manifest = corpus.path().join("manifest.toml");
    let before = format!("# Collected by hand; keep this note.\n{}", fs::read_to_string(&manifest).unwrap());
    fs::write(&manifest, &before).unwrap();
    let index = tempfile::tempdir().unwrap();
    assert_eq!(echoes(corpus.path(), index.path(), &["index"]).code, 0);
    let generation = fs::read_link(index.path().join("current")).unwrap();

    let download = tempfile::tempdir().unwrap();
    let file = download.path().join("Response FINAL (2).txt");
    fs::write(&file, "Kent Police response\nRecommendation 1. To chief constables\nForce response\nKent Police has stopped the routine sharing of victims’ details.\n").unwrap();
    let file = file.to_str().unwrap();
    let run = echoes(
        corpus.path(),
        index.path(),
        &["add", file, "--force", "Kent Police", "--date", "2021-03", "--source", "https://example.org/kent"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.starts_with("added kent-police-2021-03.txt (Kent Police, recommendations 1): 4 paragraphs"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("added to the index"), "{}", run.stdout);
    assert!(corpus.path().join("kent-police-2021-03.txt").exists());
    assert_eq!(fs::read_link(index.path().join("current")).unwrap(), generation, "updated in place, not rebuilt");

    let after = fs::read_to_string(&manifest).unwrap();
    assert!(after.starts_with(&before), "{after}");
    assert!(after.ends_with("[[document]]\npath = \"kent-police-2021-03.txt\"\nforce = \"Kent Police\"\ndate = \"2021-03\"\nsource = \"https://example.org/kent\"\n"), "{after}");

    // The index is current: no rebuild, and the new response is found.
    let search = echoes(corpus.path(), index.path(), &["search", "\"routine sharing\"", "--format", "json"]);
    assert_eq!(search.code, 0, "{}", search.stderr);
    assert!(!search.stderr.contains("built the index"), "{}", search.stderr);
    let hits = search.json();
    assert_eq!(hits[0]["force"], "Kent Police");
    assert_eq!(hits[0]["recommendation"], 1);
    assert_eq!(echoes(corpus.path(), index.path(), &["docs", "--format", "json"]).json().as_array().unwrap().len(), 6);

    // The same document again, under any name: refused, and the one it duplicates named.
    let again = echoes(corpus.path(), index.path(), &["add", file]);
    assert_eq!(again.code, 2);
    assert!(
        again.stderr.contains("the same document as kent-police-2021-03.txt, already in the corpus; not added"),
        "{}",
        again.stderr
    );
    let seed = bundled_corpus().join("hampshire-2021-12.txt");
    let dup = echoes(corpus.path(), index.path(), &["add", seed.to_str().unwrap()]);
    assert_eq!(dup.code, 2);
    assert!(dup.stderr.contains("the same document as hampshire-2021-12.txt"), "{}", dup.stderr);
    assert_eq!(fs::read_dir(corpus.path()).unwrap().count(), 8);
}
