//! Freshness from the file listing: the index is current while no file's path, size or
//! modification time has changed, and then no file is read; any change is noticed, and only the
//! changed files are read again and updated in place (a new recommendations file rebuilds all).

use std::fs;
use std::path::Path;
use std::time::{Duration, SystemTime};

use crate::common::{corpus_with, echoes};

/// What a command did to the index before answering.
#[derive(Debug, PartialEq, Eq)]
enum Did {
    Nothing,
    /// Read every file and built the index anew.
    Built,
    /// Read only the changed files and updated the index in place: (added, changed, removed).
    Updated(usize, usize, usize),
}

fn did(corpus: &Path, index: &Path) -> Did {
    let run = echoes(corpus, index, &["docs", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    if run.stderr.contains("built the index") {
        return Did::Built;
    }
    let Some(rest) = run.stderr.split("updated the index in ").nth(1) else { return Did::Nothing };
    let n = |what: &str| -> usize {
        rest.split(&format!(" {what}")).next().and_then(|s| s.rsplit(['(', ' ']).next()).unwrap().parse().unwrap()
    };
    Did::Updated(n("added"), n("changed"), n("removed"))
}

fn rebuilt(corpus: &Path, index: &Path) -> bool {
    did(corpus, index) != Did::Nothing
}

/// Sets a file's modification time (to tell a touch from an edit on coarse clocks too).
fn set_time(path: &Path, t: SystemTime) {
    fs::File::options().write(true).open(path).unwrap().set_modified(t).unwrap();
}

#[test]
fn every_change_to_the_corpus_is_noticed_and_a_touch_is_not_a_change() {
    let corpus =
        corpus_with(&["hampshire-2021-12.txt", "wiltshire-2021-02.txt", "manifest.toml", "recommendations.toml"]);
    let c = corpus.path();
    let index = tempfile::tempdir().unwrap();
    let i = index.path();
    assert!(rebuilt(c, i), "first use builds");
    assert!(!rebuilt(c, i), "nothing changed");

    // Touched, same content: not rebuilt, and remembered (the next command reads nothing).
    let hampshire = c.join("hampshire-2021-12.txt");
    set_time(&hampshire, SystemTime::now() + Duration::from_secs(60));
    assert!(!rebuilt(c, i), "touched");
    let meta: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(i.join("current/echoes.json")).unwrap()).unwrap();
    let listing = meta["listing"].as_str().unwrap().to_string();
    assert!(!rebuilt(c, i));

    // Edited.
    let mut text = fs::read_to_string(&hampshire).unwrap();
    text.push_str("Hampshire Constabulary adds a closing word.\n");
    fs::write(&hampshire, &text).unwrap();
    assert!(rebuilt(c, i), "edited");
    let meta: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(i.join("current/echoes.json")).unwrap()).unwrap();
    assert_ne!(meta["listing"].as_str().unwrap(), listing);

    // Added, renamed, deleted.
    fs::write(c.join("kent.txt"), "Kent Police response\nRecommendation 1\nKent Police acts.\n").unwrap();
    assert!(rebuilt(c, i), "added");
    fs::rename(c.join("kent.txt"), c.join("kent-police.txt")).unwrap();
    assert!(rebuilt(c, i), "renamed");
    fs::remove_file(c.join("kent-police.txt")).unwrap();
    assert!(rebuilt(c, i), "deleted");
    assert!(!rebuilt(c, i));

    // The manifest and the recommendations.
    let manifest = c.join("manifest.toml");
    let m = fs::read_to_string(&manifest)
        .unwrap()
        .replace("Hampshire Constabulary", "Hampshire and Isle of Wight Constabulary");
    fs::write(&manifest, m).unwrap();
    assert!(rebuilt(c, i), "manifest edited");
    let docs = echoes(c, i, &["docs", "--format", "json"]).json();
    assert!(docs.as_array().unwrap().iter().any(|d| d["force"] == "Hampshire and Isle of Wight Constabulary"));
    let recs = c.join("recommendations.toml");
    let r = fs::read_to_string(&recs).unwrap();
    fs::write(&recs, format!("{r}\n")).unwrap();
    assert!(rebuilt(c, i), "recommendations edited");
    assert!(!rebuilt(c, i));
}

#[test]
fn while_the_listing_is_the_same_no_file_is_read() {
    let corpus = corpus_with(&["hampshire-2021-12.txt", "recommendations.toml"]);
    let c = corpus.path();
    let index = tempfile::tempdir().unwrap();
    assert!(rebuilt(c, index.path()));
    // The same size and time, other bytes (as only a tool working behind echoes' back would leave
    // it): the listing says nothing changed, so the file is not read, and the index stands.
    let path = c.join("hampshire-2021-12.txt");
    let before = fs::metadata(&path).unwrap().modified().unwrap();
    let bytes = fs::read(&path).unwrap();
    fs::write(&path, vec![b'x'; bytes.len()]).unwrap();
    set_time(&path, before);
    assert!(!rebuilt(c, index.path()));
    let hits = echoes(c, index.path(), &["search", "immigration", "--format", "json"]).json();
    assert!(!hits.as_array().unwrap().is_empty());
}

/// The stored results of the live build.
fn stored(index: &Path) -> Vec<std::path::PathBuf> {
    fs::read_dir(index.join("current"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with("stored-"))
        .collect()
}

#[test]
fn reuse_results_stay_with_the_build_they_came_from() {
    let corpus = corpus_with(&[
        "gloucestershire-2021-12.txt",
        "unattributed-response.txt",
        "hampshire-2021-12.txt",
        "south-yorkshire-2021-05.txt",
        "wiltshire-2021-02.txt",
        "manifest.toml",
        "recommendations.toml",
    ]);
    let (c, index) = (corpus.path(), tempfile::tempdir().unwrap());
    let i = index.path();
    let cold = echoes(c, i, &["reuse", "--format", "json"]);
    assert_eq!(cold.code, 0, "{}", cold.stderr);
    assert_eq!(stored(i).len(), 1, "stored after the first run");
    let warm = echoes(c, i, &["reuse", "--format", "json"]);
    assert_eq!(warm.stdout, cold.stdout, "the stored findings are the computed ones");
    // Filters apply to stored findings as to computed ones.
    let filtered = echoes(c, i, &["reuse", "--rec", "8", "--format", "json"]).json();
    assert!(filtered
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["a"]["recommendation"] == 8 || f["b"]["recommendation"] == 8));
    // Other thresholds are stored apart.
    echoes(c, i, &["reuse", "--min-words", "12"]);
    echoes(c, i, &["reuse", "--within"]);
    assert_eq!(stored(i).len(), 3);
    // So is an attribution, per document.
    let attributed = echoes(c, i, &["attribute", "unattributed-response", "--format", "json"]);
    assert_eq!(attributed.code, 0, "{}", attributed.stderr);
    assert_eq!(stored(i).len(), 4);
    assert_eq!(echoes(c, i, &["attribute", "unattributed-response", "--format", "json"]).stdout, attributed.stdout);
    // A damaged stored result is computed again, never trusted.
    for path in stored(i) {
        fs::write(&path, b"{ not json").unwrap();
    }
    assert_eq!(echoes(c, i, &["reuse", "--format", "json"]).stdout, cold.stdout);
    assert_eq!(echoes(c, i, &["attribute", "unattributed-response", "--format", "json"]).stdout, attributed.stdout);
    // Adding a document drops what was stored; the new copy is found.
    let downloads = tempfile::tempdir().unwrap();
    let copy = downloads.path().join("kent.txt");
    let glouc = fs::read_to_string(c.join("gloucestershire-2021-12.txt")).unwrap();
    let answer = glouc.lines().find(|l| l.starts_with("In November 2018 all forces")).unwrap();
    fs::write(
        &copy,
        format!("Kent Police response\nRecommendation 1. To chief constables\nForce response\n{answer}\n"),
    )
    .unwrap();
    let added = echoes(c, i, &["add", copy.to_str().unwrap(), "--force", "Kent Police"]);
    assert_eq!(added.code, 0, "{}", added.stderr);
    let after = echoes(c, i, &["reuse", "--format", "json"]).json();
    assert!(after
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["a"]["force"] == "Kent Police" || f["b"]["force"] == "Kent Police"));
    // The stored attribution went with the old build: Kent now shares the PDF's words.
    let attributed = echoes(c, i, &["attribute", "unattributed-response", "--format", "json"]).json();
    assert!(attributed.as_array().unwrap().iter().any(|a| a["body"] == "Kent Police"), "{attributed}");
}

/// Every threshold asked for is a result of its own: however many are asked for, a build keeps a
/// bounded number (a server's clients choose thresholds), the newest, and answers stay right.
#[test]
fn stored_results_are_bounded_per_build() {
    let corpus = corpus_with(&["gloucestershire-2021-12.txt", "unattributed-response.txt", "recommendations.toml"]);
    let (c, index) = (corpus.path(), tempfile::tempdir().unwrap());
    let i = index.path();
    let first = echoes(c, i, &["reuse", "--min-score", "0.5", "--format", "json"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    for n in 0..30 {
        let score = format!("0.6{n:02}");
        assert_eq!(echoes(c, i, &["reuse", "--min-score", &score]).code, 0);
    }
    let kept = stored(i);
    assert_eq!(kept.len(), echoes::index::MAX_STORED, "{kept:?}");
    // The newest are the ones kept; the first is computed again, the same.
    let names: Vec<String> = kept.iter().map(|p| p.file_name().unwrap().to_string_lossy().into_owned()).collect();
    let newest = format!("{:x}", 0.629f64.to_bits());
    assert!(names.iter().any(|n| n.contains(&newest)), "{names:?}");
    assert!(!names.iter().any(|n| n.contains(&format!("{:x}", 0.5f64.to_bits()))), "{names:?}");
    assert_eq!(echoes(c, i, &["reuse", "--min-score", "0.5", "--format", "json"]).stdout, first.stdout);
    // Files of the user's beside them are never touched, even one named like a stored result.
    for name in ["notes.json", "stored-mine.json"] {
        fs::write(i.join("current").join(name), "mine").unwrap();
    }
    for score in ["0.7", "0.71"] {
        echoes(c, i, &["reuse", "--min-score", score]);
    }
    for name in ["notes.json", "stored-mine.json"] {
        assert_eq!(fs::read_to_string(i.join("current").join(name)).unwrap(), "mine", "{name}");
    }
}

/// A change re-reads only the files it touched: an edited file is read and its document replaced,
/// while an unchanged file is not read again at all (its bytes replaced behind echoes' back, size
/// and time kept, stay unseen); added, renamed and deleted files are added and removed by id. A new
/// recommendations file reads everything again.
#[test]
fn only_changed_files_are_read_again_and_updated_in_place() {
    let corpus =
        corpus_with(&["hampshire-2021-12.txt", "wiltshire-2021-02.txt", "manifest.toml", "recommendations.toml"]);
    let c = corpus.path();
    let index = tempfile::tempdir().unwrap();
    let i = index.path();
    assert_eq!(did(c, i), Did::Built);
    let search = |q: &str| echoes(c, i, &["search", q, "--role", "all", "--format", "json"]).json();
    let ids = |hits: &serde_json::Value| -> Vec<String> {
        hits.as_array().unwrap().iter().map(|h| h["id"].as_str().unwrap().to_string()).collect()
    };

    // Wiltshire's bytes changed behind echoes' back, its size and time kept: not read again.
    let wiltshire = c.join("wiltshire-2021-02.txt");
    let (before, bytes) = (fs::metadata(&wiltshire).unwrap().modified().unwrap(), fs::read(&wiltshire).unwrap());
    let mut other = bytes.clone();
    other[..8].copy_from_slice(b"ZZQQXXYY");
    fs::write(&wiltshire, &other).unwrap();
    set_time(&wiltshire, before);
    // Hampshire edited: read again, its document replaced.
    let hampshire = c.join("hampshire-2021-12.txt");
    let mut text = fs::read_to_string(&hampshire).unwrap();
    text.push_str("Hampshire Constabulary adds a zanzibarian closing word.\n");
    fs::write(&hampshire, &text).unwrap();
    assert_eq!(did(c, i), Did::Updated(0, 1, 0));
    assert_eq!(ids(&search("zanzibarian")).len(), 1, "the edit is indexed");
    assert!(ids(&search("ZZQQXXYY")).is_empty(), "the unchanged file was not read again");
    let docs = echoes(c, i, &["docs", "--format", "json"]).json();
    assert_eq!(docs.as_array().unwrap().len(), 2);
    let hampshire_paragraphs =
        docs.as_array().unwrap().iter().find(|d| d["doc"] == "hampshire-2021-12").unwrap()["paragraphs"].clone();

    // Added, renamed, deleted.
    fs::write(c.join("kent.txt"), "Kent Police response\nRecommendation 1\nKent Police acts with the quokka panel.\n")
        .unwrap();
    assert_eq!(did(c, i), Did::Updated(1, 0, 0));
    assert_eq!(ids(&search("quokka")), ["kent:2"]);
    fs::rename(c.join("kent.txt"), c.join("kent-police.txt")).unwrap();
    assert_eq!(did(c, i), Did::Updated(1, 0, 1));
    assert_eq!(ids(&search("quokka")), ["kent-police:2"], "the old id is gone");
    fs::remove_file(c.join("kent-police.txt")).unwrap();
    assert_eq!(did(c, i), Did::Updated(0, 0, 1));
    assert!(ids(&search("quokka")).is_empty());
    assert_eq!(did(c, i), Did::Nothing);

    // The same index as a build from scratch would give.
    let fresh = tempfile::tempdir().unwrap();
    fs::write(&wiltshire, &bytes).unwrap();
    set_time(&wiltshire, before);
    let updated = echoes(c, i, &["docs", "--format", "json"]).json();
    let built = echoes(c, fresh.path(), &["docs", "--format", "json"]).json();
    assert_eq!(updated, built);
    assert_eq!(
        updated.as_array().unwrap().iter().find(|d| d["doc"] == "hampshire-2021-12").unwrap()["paragraphs"],
        hampshire_paragraphs
    );
    let reuse = |index: &Path| echoes(c, index, &["reuse", "--within", "--format", "json"]).stdout;
    assert_eq!(reuse(i), reuse(fresh.path()), "findings as a full build gives them");

    // A manifest entry edited: that document is read again; the recommendations: everything.
    let manifest = c.join("manifest.toml");
    let m = fs::read_to_string(&manifest)
        .unwrap()
        .replace("Hampshire Constabulary", "Hampshire and Isle of Wight Constabulary");
    fs::write(&manifest, m).unwrap();
    assert_eq!(did(c, i), Did::Updated(0, 1, 0));
    let recs = c.join("recommendations.toml");
    let r = fs::read_to_string(&recs).unwrap();
    fs::write(&recs, format!("{r}\n")).unwrap();
    assert_eq!(did(c, i), Did::Built);
}

/// `--no-refresh` answers from the index as it is, without looking at the corpus; without it the
/// same command sees the change. With no index at all, one is built all the same.
#[test]
fn no_refresh_answers_from_the_index_as_it_is() {
    let corpus = corpus_with(&["hampshire-2021-12.txt", "recommendations.toml"]);
    let c = corpus.path();
    let index = tempfile::tempdir().unwrap();
    let i = index.path().join("idx");
    let first = echoes(c, &i, &["--no-refresh", "search", "immigration"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert!(first.stderr.contains("built the index"), "{}", first.stderr);
    let hampshire = c.join("hampshire-2021-12.txt");
    let mut text = fs::read_to_string(&hampshire).unwrap();
    text.push_str("Hampshire Constabulary adds a xylophonic closing word.\n");
    fs::write(&hampshire, &text).unwrap();
    let stale = echoes(c, &i, &["--no-refresh", "search", "xylophonic"]);
    // Not looked at (nothing said of the corpus), not found.
    assert_eq!((stale.code, stale.stderr.as_str()), (1, "echoes: no paragraph matches\n"));
    let fresh = echoes(c, &i, &["search", "xylophonic"]);
    assert_eq!(fresh.code, 0, "{}", fresh.stderr);
    assert!(fresh.stderr.contains("updated the index"), "{}", fresh.stderr);
}
