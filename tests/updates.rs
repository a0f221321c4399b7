//! Answers after an update in place are those of a fresh build of the same corpus: every read path
//! (search, its count, KWIC and exports, similar, docs, reuse) after an edit, an addition, a
//! removal and a rename of a corpus file, and after random sequences of them.

use std::fs;
use std::path::Path;

use crate::common::{bundled_copy, echoes};
use proptest::prelude::*;

/// What a user reads from each command, stdout only (stderr says how the index was brought up to
/// date, which is the one thing allowed to differ).
fn answers(corpus: &Path, index: &Path, commands: &[&[&str]]) -> Vec<String> {
    commands
        .iter()
        .map(|args| {
            let run = echoes(corpus, index, args);
            assert!(run.code <= 1, "{args:?}: {}", run.stderr);
            format!("$ {}\n{}", args.join(" "), comparable(&run.stdout))
        })
        .collect()
}

/// Search hits as JSON with their scores to four decimals, ordered by that score and then id: a
/// query of several terms sums its terms' scores in an order that depends on where each paragraph
/// lies in the index, so the same paragraph's score may differ in its last bit between two
/// layouts of the same corpus. Any other output is kept as it is.
fn comparable(stdout: &str) -> String {
    let Ok(serde_json::Value::Array(mut hits)) = serde_json::from_str::<serde_json::Value>(stdout) else {
        return stdout.to_string();
    };
    if !hits.iter().all(|h| h.get("score").is_some_and(|s| s.is_f64())) {
        return stdout.to_string();
    }
    for h in &mut hits {
        let rounded = (h["score"].as_f64().unwrap() * 1e4).round() / 1e4;
        h["score"] = serde_json::json!(rounded);
    }
    let key = |h: &serde_json::Value| (-(h["score"].as_f64().unwrap() * 1e4) as i64, h["id"].to_string());
    hits.sort_by_key(key);
    serde_json::to_string_pretty(&hits).unwrap()
}

const EVERY_READ_PATH: &[&[&str]] = &[
    &["search", "immigration", "--limit", "0", "--format", "json"],
    &["search", "police OR victims", "--format", "json"],
    &["search", "police", "--role", "all", "--limit", "5", "--format", "json"],
    &["search", "immigra*", "--limit", "0", "--format", "json"],
    &["search", "immigration", "--count", "--format", "json"],
    &["search", "immigration", "--kwic"],
    &["search", "\"domestic abuse\"", "--limit", "0", "--format", "csv"],
    &["export"],
    &["docs", "--format", "json"],
    &[
        "similar",
        "--text",
        "Information is not shared with Immigration Enforcement about victims of domestic abuse",
        "--format",
        "json",
    ],
    &["reuse", "--format", "json"],
    &["reuse", "--within", "--format", "json"],
];

/// Brings `index` up to date with `corpus` by an update in place, then checks each command against
/// a fresh build.
fn same_as_fresh(corpus: &Path, index: &Path, commands: &[&[&str]], what: &str) {
    let updated = answers(corpus, index, commands);
    let fresh_dir = tempfile::tempdir().unwrap();
    let fresh = answers(corpus, fresh_dir.path(), commands);
    for (u, f) in updated.iter().zip(&fresh) {
        assert_eq!(u, f, "after {what}: the updated index answers differently from a fresh build");
    }
}

fn updated_in_place(corpus: &Path, index: &Path) {
    let run = echoes(corpus, index, &["docs"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("in place"), "an update in place, not a rebuild: {}", run.stderr);
}

#[test]
fn after_each_kind_of_change_every_read_path_answers_as_a_fresh_build() {
    let corpus = bundled_copy();
    let c = corpus.path();
    let index = tempfile::tempdir().unwrap();
    let i = index.path();
    same_as_fresh(c, i, EVERY_READ_PATH, "the first build");

    // Removal: none of the removed file's paragraphs is found any more.
    let removed = fs::read_to_string(c.join("gloucestershire-2021-12.txt")).unwrap();
    fs::remove_file(c.join("gloucestershire-2021-12.txt")).unwrap();
    updated_in_place(c, i);
    let run = echoes(c, i, &["search", "immigration", "--limit", "0", "--format", "json"]);
    assert!(!run.stdout.contains("gloucestershire"), "a removed file's paragraphs are found: {}", run.stdout);
    same_as_fresh(c, i, EVERY_READ_PATH, "a removal");

    // Addition: the removed text comes back under a new name.
    fs::write(c.join("gloucestershire-copy.txt"), &removed).unwrap();
    updated_in_place(c, i);
    same_as_fresh(c, i, EVERY_READ_PATH, "an addition");

    // Edit: no paragraph id twice, and the old text is gone.
    let path = c.join("wiltshire-2021-02.txt");
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, text.replace("Wiltshire Police will", "Wiltshire Constabulary shall")).unwrap();
    updated_in_place(c, i);
    let hits = echoes(c, i, &["search", "Wiltshire", "--role", "all", "--limit", "0", "--format", "json"]).json();
    let mut ids: Vec<&str> = hits.as_array().unwrap().iter().map(|h| h["id"].as_str().unwrap()).collect();
    let all = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), all, "a paragraph id is found twice after an edit");
    let old = echoes(c, i, &["search", "\"Wiltshire Police will\"", "--exact", "--role", "all", "--format", "json"]);
    assert_eq!(old.json().as_array().unwrap().len(), 0, "the edited-out text is still found: {}", old.stdout);
    same_as_fresh(c, i, EVERY_READ_PATH, "an edit");

    // Rename.
    fs::rename(c.join("hampshire-2021-12.txt"), c.join("hampshire-renamed.txt")).unwrap();
    updated_in_place(c, i);
    same_as_fresh(c, i, EVERY_READ_PATH, "a rename");
}

#[derive(Debug, Clone)]
enum Change {
    /// Rewrites a word throughout a file.
    Edit(usize),
    /// Adds a file made of part of another.
    Add(usize),
    Remove(usize),
    Rename(usize),
}

fn change() -> impl Strategy<Value = Change> {
    prop_oneof![
        (0..8usize).prop_map(Change::Edit),
        (0..8usize).prop_map(Change::Add),
        (0..8usize).prop_map(Change::Remove),
        (0..8usize).prop_map(Change::Rename),
    ]
}

/// The corpus's documents (not its manifest or recommendations), in name order.
fn documents(corpus: &Path) -> Vec<std::path::PathBuf> {
    let mut v: Vec<_> = fs::read_dir(corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    v.sort();
    v
}

fn apply(corpus: &Path, change: &Change, step: usize) {
    let docs = documents(corpus);
    if docs.is_empty() {
        return;
    }
    let pick = |n: usize| &docs[n % docs.len()];
    match change {
        Change::Edit(n) => {
            let text = fs::read_to_string(pick(*n)).unwrap();
            fs::write(pick(*n), text.replace("the ", "this ").replace("police", &format!("police{step}"))).unwrap();
        }
        Change::Add(n) => {
            let text = fs::read_to_string(pick(*n)).unwrap();
            let half: String = text.lines().skip(step % 3).step_by(2).collect::<Vec<_>>().join("\n");
            fs::write(corpus.join(format!("added-{step}.txt")), format!("Added response {step}\n\n{half}\n")).unwrap();
        }
        Change::Remove(n) => fs::remove_file(pick(*n)).unwrap(),
        Change::Rename(n) => fs::rename(pick(*n), corpus.join(format!("renamed-{step}.txt"))).unwrap(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_changes_answer_as_a_fresh_build(changes in prop::collection::vec(change(), 1..4)) {
        let corpus = bundled_copy();
        let c = corpus.path();
        let index = tempfile::tempdir().unwrap();
        let commands: &[&[&str]] = &[
            &["search", "immigration OR police OR victims", "--limit", "0", "--format", "json"],
            &["docs", "--format", "json"],
            &["reuse", "--within", "--format", "json"],
        ];
        answers(c, index.path(), commands);
        for (step, change) in changes.iter().enumerate() {
            apply(c, change, step);
            same_as_fresh(c, index.path(), commands, &format!("{changes:?} (step {step})"));
        }
    }
}
