//! Phrases with a slop through the default search, which filters by role: the filtered hits are
//! the unfiltered hits of those roles, in the same order with the same scores, and their ranking
//! is pinned.

use serde_json::Value;

use crate::common::{bundled_corpus, echoes};

fn hits(index: &std::path::Path, args: &[&str]) -> Vec<(String, String, f64)> {
    let mut all = vec!["search"];
    all.extend(args);
    all.extend(["--limit", "0", "--format", "json"]);
    let run = echoes(&bundled_corpus(), index, &all);
    assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    let found: Value = run.json();
    found
        .as_array()
        .unwrap()
        .iter()
        .map(|h| (h["id"].as_str().unwrap().into(), h["role"].as_str().unwrap().into(), h["score"].as_f64().unwrap()))
        .collect()
}

#[test]
fn a_sloppy_phrase_filtered_by_role_finds_and_ranks_as_unfiltered() {
    let index = tempfile::tempdir().unwrap();
    let query = "\"victims immigration status\"~4";
    let filtered = hits(index.path(), &[query]);
    let unfiltered = hits(index.path(), &[query, "--role", "all"]);
    let expected: Vec<(String, String, f64)> =
        unfiltered.iter().filter(|h| h.1 == "response" || h.1 == "preamble").cloned().collect();
    assert_eq!(filtered, expected);
    // Recommendations quoting the words are among the unfiltered hits only.
    assert!(unfiltered.iter().filter(|h| h.1 == "recommendation").count() >= 10, "{unfiltered:?}");
    let ids: Vec<&str> = filtered.iter().map(|h| h.0.as_str()).collect();
    assert_eq!(
        ids,
        [
            "hampshire-2021-12:10",
            "south-yorkshire-2021-05:20",
            "hampshire-2021-12:12",
            "hampshire-2021-12:19",
            "hampshire-2021-12:17"
        ]
    );
    let scores: Vec<f64> = filtered.iter().map(|h| (h.2 * 1e4).round() / 1e4).collect();
    assert_eq!(scores, [4.5481, 4.5481, 4.4908, 3.4861, 2.5542]);
    // A slop too small for any placement of the three words finds nothing of these.
    let tight = hits(index.path(), &["\"victims immigration status\"~1"]);
    assert!(tight.iter().all(|h| !ids[1..].contains(&h.0.as_str())), "{tight:?}");
}
