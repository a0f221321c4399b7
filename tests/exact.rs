//! `search --exact` finds a word wherever grep finds it as a word: "Her Majesty's" for
//! `majesty`, a body's possessive for its name; a possessive asked for finds only itself.

use crate::common::{bundled_corpus, echoes};

/// Paragraphs of the bundled corpus (as exported) holding `word` as grep -iw finds it: letters and
/// digits either side end it, an apostrophe does not join.
fn grep_count(paragraphs: &[String], word: &str) -> usize {
    let word = word.to_lowercase();
    paragraphs
        .iter()
        .filter(|p| {
            let lower = p.to_lowercase().replace('’', "'");
            lower.match_indices(&word).any(|(at, _)| {
                let before = lower[..at].chars().next_back();
                let after = lower[at + word.len()..].chars().next();
                !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
            })
        })
        .count()
}

#[test]
fn exact_search_counts_what_grep_counts_possessives_included() {
    let index = tempfile::tempdir().unwrap();
    let export = echoes(&bundled_corpus(), index.path(), &["export"]);
    assert_eq!(export.code, 0, "{}", export.stderr);
    let paragraphs: Vec<String> = export
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["text"].as_str().unwrap().to_string())
        .collect();
    let hits = |args: &[&str]| {
        let mut all = vec!["search"];
        all.extend(args);
        all.extend(["--role", "all", "--limit", "0", "--format", "json"]);
        let run = echoes(&bundled_corpus(), index.path(), &all);
        assert!(run.code == 0 || run.code == 1, "{args:?}: {}", run.stderr);
        if run.code == 1 {
            return 0;
        }
        run.json().as_array().unwrap().len()
    };
    for word in ["majesty", "constabulary", "victim", "force", "police"] {
        let grep = grep_count(&paragraphs, word);
        assert!(grep > 0, "{word}");
        assert_eq!(hits(&[word, "--exact"]), grep, "--exact {word}");
    }
    // As measured on the bundled corpus: 3 paragraphs say "Majesty's", 15 "constabulary".
    assert_eq!(grep_count(&paragraphs, "majesty"), 3);
    assert_eq!(grep_count(&paragraphs, "constabulary"), 15);
    // A possessive asked for is that possessive only; its phrase is found across the apostrophe.
    let possessive = paragraphs.iter().filter(|p| p.to_lowercase().replace('’', "'").contains("majesty's")).count();
    assert_eq!(hits(&["majesty's", "--exact"]), possessive);
    assert_eq!(hits(&["\"her majesty's\"", "--exact"]), hits(&["\"her majesty\"", "--exact"]));
}
