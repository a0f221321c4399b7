//! Words and order as a user of any collection reads them: "bodies" where a body may be anything,
//! names sorted whatever their case, and a recommendation that does not exist named as such.

use crate::common::*;

const TEXT: &str = "Our officers have ended the passing of victim details to immigration enforcement teams, \
and a local advice line now takes those calls.";

/// Three bodies, one of them named in lower case, none of them a police force.
fn collection() -> tempfile::TempDir {
    let corpus = corpus_with(&["recommendations.toml"]);
    for name in ["zeta", "beta", "aber"] {
        std::fs::write(
            corpus.path().join(format!("{name}.txt")),
            format!("Recommendation 1\n\n{TEXT} Signed for {name}.\n"),
        )
        .unwrap();
    }
    write_manifest(
        corpus.path(),
        &[("zeta.txt", "Zeta Housing Trust"), ("beta.txt", "Beta Council"), ("aber.txt", "aberdeen advice centre")],
    );
    corpus
}

#[test]
fn hits_are_said_to_come_from_bodies_and_bodies_are_sorted_whatever_their_case() {
    let corpus = collection();
    let index = tempfile::tempdir().unwrap();
    let run = echoes(corpus.path(), index.path(), &["search", "\"immigration enforcement\""]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("3 hits from 3 bodies"), "{}", run.stdout);
    assert!(!run.stdout.lines().any(|l| l.contains(" forces") || l.ends_with(" force")), "{}", run.stdout);

    let counts = echoes(corpus.path(), index.path(), &["search", "\"immigration enforcement\"", "--count"]);
    let rows: Vec<&str> = counts.stdout.lines().skip(1).filter_map(|l| l.split("  ").next()).collect();
    assert_eq!(rows[..3], ["aberdeen advice centre", "Beta Council", "Zeta Housing Trust"], "{}", counts.stdout);

    let docs = echoes(corpus.path(), index.path(), &["docs"]);
    assert!(docs.stdout.lines().next().unwrap().starts_with("doc   body"), "{}", docs.stdout);

    let unknown = echoes(corpus.path(), index.path(), &["search", "immigration", "--force", "nobody"]);
    assert_eq!(unknown.code, 2);
    assert!(unknown.stderr.contains("aberdeen advice centre, Beta Council, Zeta Housing Trust"), "{}", unknown.stderr);
}

#[test]
fn a_recommendation_the_report_does_not_have_is_named_as_missing() {
    let corpus = collection();
    let index = tempfile::tempdir().unwrap();
    assert_eq!(echoes(corpus.path(), index.path(), &["index"]).code, 0);
    let run = echoes(corpus.path(), index.path(), &["search", "immigration", "--rec", "9"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(run.stderr.trim(), "echoes: there is no recommendation 9 (recommendations: 1, 2, 3, 4, 5, 8)");
    let counted = echoes(corpus.path(), index.path(), &["search", "immigration", "--rec", "9", "--count"]);
    assert!(counted.stderr.contains("there is no recommendation 9"), "{}", counted.stderr);
    // One that exists and has no hit is still "nothing found" (exit 1).
    let none = echoes(corpus.path(), index.path(), &["search", "immigration", "--rec", "8"]);
    assert_eq!(none.code, 1, "{}", none.stderr);
}
