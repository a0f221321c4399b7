//! `echoes add` leaves nothing of its own in the corpus (its lock goes when it is done), and
//! names files by body and date, as the bundled corpus does, when asked.

use std::fs;

use crate::common::{corpus_with, echoes};

#[test]
fn add_leaves_no_lock_and_names_files_from_their_metadata() {
    let corpus = corpus_with(&["manifest.toml", "wiltshire-2021-02.txt"]);
    let index = tempfile::tempdir().unwrap();
    let download = tempfile::tempdir().unwrap();
    let file = download.path().join("Response FINAL (2).txt");
    fs::write(
        &file,
        "South Yorkshire Police response\nRecommendation 1. To chief constables\nForce response\nSouth Yorkshire Police has stopped the routine sharing of victims’ details.\n",
    )
    .unwrap();
    let file = file.to_str().unwrap();
    // The body detected from the text, the month of the date given.
    let run = echoes(corpus.path(), index.path(), &["add", file, "--date", "2021-05-14", "--name-from-metadata"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with("added south-yorkshire-2021-05.txt "), "{}", run.stdout);
    assert!(corpus.path().join("south-yorkshire-2021-05.txt").exists());
    let mut left: Vec<String> =
        fs::read_dir(corpus.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    left.sort();
    assert_eq!(left, ["manifest.toml", "south-yorkshire-2021-05.txt", "wiltshire-2021-02.txt"], "nothing hidden left");

    // A body given by name is shortened the same way; without the option the file's own name.
    let other = download.path().join("letter.txt");
    fs::write(&other, "Recommendation 4. To chief constables\nOur answer: safe reporting is in place for victims.\n")
        .unwrap();
    let run = echoes(
        corpus.path(),
        index.path(),
        &["add", other.to_str().unwrap(), "-f", "Kent Police", "--name-from-metadata"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(corpus.path().join("kent.txt").exists(), "{}", run.stdout);
    assert!(!corpus.path().join(".echoes-corpus.lock").exists());
}
