//! Keyword in context: `search --kwic` prints each match on one line, aligned on the match, with a
//! fixed width of context either side, its force and its id; JSON and CSV give the same lines.

use crate::common::{bundled_corpus, echoes};

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
        // The match starts at the same column on every line: after 24 characters of context
        // (which keep their own space before the match), and its right context follows it as
        // written, punctuation against the match.
        let chars: Vec<char> = line.chars().collect();
        let n = matched.chars().count();
        let at: String = chars[24..24 + n].iter().collect();
        assert_eq!(at, matched, "{line}");
        let right = record["right"].as_str().unwrap();
        let after: String = chars[24 + n..].iter().take(right.chars().count()).collect();
        assert_eq!(after, right, "{line}");
        // Then the role.
        assert!(line.contains(&format!("  {}  ", record["role"].as_str().unwrap())), "{line}");
        assert!(record["left"].as_str().unwrap().chars().count() <= 24);
        assert!(record["right"].as_str().unwrap().chars().count() <= 24);
        let id = record["id"].as_str().unwrap();
        assert!(line.ends_with(id), "{line}");
    }
    let csv = echoes(&corpus, index.path(), &["search", "immigration", "--kwic", "--format", "csv"]);
    assert!(csv.stdout.starts_with("id,doc,force,recommendation,role,left,match,right\n"), "{}", csv.stdout);
}

#[test]
fn punctuation_follows_the_match_without_a_space() {
    let index = tempfile::tempdir().unwrap();
    let run = echoes(&bundled_corpus(), index.path(), &["search", "\"immigration status\"", "--kwic", "--width", "28"]);
    assert!(run.stdout.contains("immigration status."), "{}", run.stdout);
    assert!(!run.stdout.contains("status ."), "{}", run.stdout);
}

#[test]
fn lines_sort_by_the_words_right_or_left_of_the_match() {
    let index = tempfile::tempdir().unwrap();
    let corpus = bundled_corpus();
    let lines = |sort: &str| {
        let run =
            echoes(&corpus, index.path(), &["search", "immigration", "--kwic", "--sort", sort, "--format", "json"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        run.json().as_array().unwrap().clone()
    };
    let word = |s: &str, right: bool| {
        let words: Vec<String> = s
            .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
            .map(|w| w.trim_matches(['\'', '’']).to_lowercase())
            .filter(|w| !w.is_empty())
            .collect();
        if right { words.first().cloned() } else { words.last().cloned() }.unwrap_or_default()
    };
    let by_right: Vec<String> = lines("1R").iter().map(|l| word(l["right"].as_str().unwrap(), true)).collect();
    let mut sorted = by_right.clone();
    sorted.sort();
    assert_eq!(by_right, sorted);
    assert!(by_right.first() != by_right.last());
    let by_left: Vec<String> = lines("1L").iter().map(|l| word(l["left"].as_str().unwrap(), false)).collect();
    let mut sorted = by_left.clone();
    sorted.sort();
    assert_eq!(by_left, sorted);
    let bad = echoes(&corpus, index.path(), &["search", "immigration", "--kwic", "--sort", "1X"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("not a sort key"), "{}", bad.stderr);
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
