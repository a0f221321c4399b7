//! Keyword in context: `search --kwic` prints each match on one line, aligned on the match, with a
//! fixed width of context either side, its force and its id; JSON and CSV give the same lines.

mod common;

use common::{bundled_corpus, echoes};

#[test]
fn each_match_is_one_line_aligned_on_the_match() {
    let index = tempfile::tempdir().unwrap();
    let corpus = bundled_corpus();
    let run = echoes(&corpus, index.path(), &["search", "immigration", "--role", "all", "--kwic", "--width", "24"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json = echoes(
        &corpus,
        index.path(),
        &["search", "immigration", "--role", "all", "--kwic", "--width", "24", "--format", "json"],
    )
    .json();
    let records = json.as_array().unwrap();
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), records.len(), "one line a match");
    // Every paragraph's every match: more lines than paragraphs.
    let hits = echoes(&corpus, index.path(), &["search", "immigration", "--role", "all", "--format", "json"]).json();
    assert!(
        records.len() > hits.as_array().unwrap().len(),
        "{} matches in {} hits",
        records.len(),
        hits.as_array().unwrap().len()
    );
    for (line, record) in lines.iter().zip(records) {
        let matched = record["match"].as_str().unwrap();
        assert!(matched.to_lowercase().starts_with("immigra"), "{matched}");
        // The match starts at the same column on every line: after 24 characters and a space.
        let chars: Vec<char> = line.chars().collect();
        let at: String = chars[25..25 + matched.chars().count()].iter().collect();
        assert_eq!(at, matched, "{line}");
        assert!(record["left"].as_str().unwrap().chars().count() <= 24);
        assert!(record["right"].as_str().unwrap().chars().count() <= 24);
        let id = record["id"].as_str().unwrap();
        assert!(line.ends_with(id), "{line}");
    }
    let csv = echoes(&corpus, index.path(), &["search", "immigration", "--kwic", "--format", "csv"]);
    assert!(csv.stdout.starts_with("id,doc,force,recommendation,left,match,right\n"), "{}", csv.stdout);
}

#[test]
fn the_width_is_checked_and_needs_kwic() {
    let index = tempfile::tempdir().unwrap();
    let corpus = bundled_corpus();
    let zero = echoes(&corpus, index.path(), &["search", "immigration", "--kwic", "--width", "0"]);
    assert_eq!(zero.code, 2);
    assert!(zero.stderr.contains("not a width from 1 to 1000"), "{}", zero.stderr);
    let alone = echoes(&corpus, index.path(), &["search", "immigration", "--width", "10"]);
    assert_eq!(alone.code, 2, "{}", alone.stderr);
}

/// Hits of equal score (the same sentence in several documents) come in the same order from every
/// build of the same corpus, whatever the index's layout: the concordance a researcher cites does
/// not change when the index is rebuilt.
#[test]
fn equal_scores_come_in_the_same_order_from_every_build() {
    let outputs: Vec<String> = (0..4)
        .map(|_| {
            let index = tempfile::tempdir().unwrap();
            let run =
                echoes(&bundled_corpus(), index.path(), &["search", "\"immigration status\"", "--format", "json"]);
            assert_eq!(run.code, 0, "{}", run.stderr);
            run.stdout
        })
        .collect();
    assert!(outputs.iter().all(|o| o == &outputs[0]));
    // Ties exist in this search (the PDF repeats Gloucestershire word for word).
    let hits = serde_json::from_str::<serde_json::Value>(&outputs[0]).unwrap();
    let scores: Vec<f64> = hits.as_array().unwrap().iter().map(|h| h["score"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).any(|w| w[0] == w[1]), "{scores:?}");
}

#[test]
fn a_paragraph_of_700_kb_is_cut_into_lines_in_linear_time() {
    let corpus = tempfile::tempdir().unwrap();
    std::fs::copy(bundled_corpus().join("recommendations.toml"), corpus.path().join("recommendations.toml")).unwrap();
    let words = ["police", "victims", "immigration", "status", "officers", "data", "sharing", "review"];
    let body: Vec<&str> = (0..90_000usize).map(|i| words[(i * 5 + i / 7) % words.len()]).collect();
    let body = body.join(" ");
    std::fs::write(corpus.path().join("kent.txt"), format!("Kent Police response\n\n{body}\n")).unwrap();
    let index = tempfile::tempdir().unwrap();
    assert_eq!(echoes(corpus.path(), index.path(), &["index"]).code, 0);
    let started = std::time::Instant::now();
    let run = echoes(corpus.path(), index.path(), &["search", "victims", "--kwic", "--format", "json"]);
    let elapsed = started.elapsed();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines = run.json();
    assert_eq!(lines.as_array().unwrap().len(), body.matches("victims").count());
    assert!(lines.as_array().unwrap().iter().all(|l| l["left"].as_str().unwrap().chars().count() <= 40));
    // Cut from the whole text before and after each match, this took minutes.
    assert!(elapsed < std::time::Duration::from_secs(20), "{elapsed:?}");
}
