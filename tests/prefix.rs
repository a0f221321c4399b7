//! Prefix queries on the bundled corpus: a prefix matches the words it begins, as written (not
//! their stems), with or without `--exact`, and marks the whole word.

use crate::common::{bundled_corpus, echoes};

fn hits(index: &std::path::Path, query: &str, extra: &[&str]) -> Vec<serde_json::Value> {
    let mut args = vec!["search", query, "--limit", "0", "--role", "all", "--format", "json"];
    args.extend_from_slice(extra);
    let run = echoes(&bundled_corpus(), index, &args);
    assert!(run.code <= 1, "{query}: {}", run.stderr);
    run.json().as_array().unwrap().clone()
}

/// The words a hit's highlights mark.
fn marked(hit: &serde_json::Value) -> Vec<String> {
    let text = hit["text"].as_str().unwrap();
    hit["highlights"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| text[r[0].as_u64().unwrap() as usize..r[1].as_u64().unwrap() as usize].to_lowercase())
        .collect()
}

#[test]
fn prefixes_find_the_words_they_begin_and_mark_them_whole() {
    let index = tempfile::tempdir().unwrap();
    let i = index.path();
    let whole = hits(i, "immigration", &[]).len();
    assert!(whole > 20, "{whole}");
    for (prefix, begins) in [("immigra*", "immigra"), ("immig*", "immig"), ("immigrat*", "immigrat"), ("vict*", "vict")]
    {
        for extra in [&[][..], &["--exact"][..]] {
            let found = hits(i, prefix, extra);
            assert!(!found.is_empty(), "{prefix} {extra:?} finds nothing");
            for hit in &found {
                let words = marked(hit);
                assert!(!words.is_empty(), "{prefix}: nothing marked in {}", hit["text"]);
                assert!(words.iter().all(|w| w.starts_with(begins)), "{prefix}: marked {words:?}");
            }
            if prefix.starts_with("immig") {
                assert!(
                    found.len() >= whole,
                    "{prefix} {extra:?}: {} hits, fewer than immigration's {whole}",
                    found.len()
                );
            }
        }
    }
    // `victim*` finds `victims` and `victim's`; `vict*` finds every one of them and more.
    assert!(hits(i, "vict*", &[]).len() >= hits(i, "victim*", &[]).len());
    // A phrase ending in a prefix, and a prefix of a word the stem cuts short.
    let phrase = hits(i, "\"immigration enforcem\"*", &[]);
    assert!(!phrase.is_empty());
    assert!(phrase.iter().all(|h| marked(h).iter().all(|w| w.starts_with("immigration enforcem"))));
    // A prefix that begins no word finds nothing, and says so by its exit code.
    let run = echoes(&bundled_corpus(), i, &["search", "zqxw*"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
}

#[test]
fn a_regular_expression_from_the_user_is_refused_in_one_line() {
    let index = tempfile::tempdir().unwrap();
    let run = echoes(&bundled_corpus(), index.path(), &["search", "exact:/.*/"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("regular expressions are not supported"), "{}", run.stderr);
    assert_eq!(run.stderr.trim().lines().filter(|l| l.starts_with("echoes:") && l.contains("malformed")).count(), 1);
}
