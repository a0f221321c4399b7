//! Provenance: each document's words as the body's own, shared with other bodies (naming them),
//! quoted from the report, or furniture; every word counted once.

use std::path::Path;

use crate::common::{bundled_corpus, echoes};
use serde_json::Value;

fn of<'a>(all: &'a Value, doc: &str) -> &'a Value {
    all.as_array().unwrap().iter().find(|p| p["doc"] == doc).unwrap_or_else(|| panic!("no {doc}"))
}

fn n(v: &Value, key: &str) -> u64 {
    v[key].as_u64().unwrap()
}

#[test]
fn the_unattributed_document_is_gloucestershires_words_and_the_reports() {
    let index = tempfile::tempdir().unwrap();
    let all = echoes(&bundled_corpus(), index.path(), &["provenance", "--format", "json"]).json();
    assert_eq!(all.as_array().unwrap().len(), 5);
    for p in all.as_array().unwrap() {
        assert_eq!(
            n(p, "own") + n(p, "shared") + n(p, "quoted") + n(p, "speech") + n(p, "furniture"),
            n(p, "words"),
            "{p}"
        );
    }
    let u = of(&all, "unattributed-response");
    assert!(n(u, "own") * 50 < n(u, "words"), "next to nothing of its own: {u}");
    assert!(n(u, "shared") > 200, "{u}");
    assert_eq!(u["shared_with"][0]["body"], "Gloucestershire Constabulary");
    assert!(n(u, "quoted") > n(u, "shared"), "it quotes the recommendations at length: {u}");
    let h = of(&all, "hampshire-2021-12");
    assert_eq!((n(h, "shared"), h["shared_with"].as_array().unwrap().len()), (0, 0));
    assert!(n(h, "furniture") > 100, "cookie banners: {h}");
    assert!(n(h, "own") > n(h, "words") / 2);

    let one = echoes(&bundled_corpus(), index.path(), &["provenance", "unattributed-response"]);
    assert_eq!(one.code, 0);
    assert_eq!(one.stdout.lines().count(), 4, "{}", one.stdout);
    assert!(one.stdout.contains("Gloucestershire Constabulary 2"), "{}", one.stdout);
    let missing = echoes(&bundled_corpus(), index.path(), &["provenance", "no-such-doc"]);
    assert_eq!(missing.code, 2);
    assert!(missing.stderr.contains("no document 'no-such-doc'"), "{}", missing.stderr);
    // The documents there are are listed.
    assert!(missing.stderr.contains("wiltshire-2021-02"), "{}", missing.stderr);
    let two = echoes(
        &bundled_corpus(),
        index.path(),
        &["provenance", "--doc", "unattributed-response", "--doc", "wiltshire-2021-02", "--format", "json"],
    )
    .json();
    let docs: Vec<&str> = two.as_array().unwrap().iter().map(|d| d["doc"].as_str().unwrap()).collect();
    assert_eq!(docs, ["unattributed-response", "wiltshire-2021-02"]);
    let csv = echoes(&bundled_corpus(), index.path(), &["provenance", "--format", "csv"]).stdout;
    assert!(
        csv.starts_with("doc,body,words,own,shared,stock,quoted,speech,furniture,shared_with,quoted_from\n"),
        "{csv}"
    );
    assert!(csv.contains(",safe-to-share-2020 recommendations "), "{csv}");

    // Beside the index, never in it (echoes refuses to write there).
    let out = tempfile::tempdir().unwrap();
    let report = out.path().join("report.html");
    echoes(&bundled_corpus(), index.path(), &["report", "--out", report.to_str().unwrap()]);
    let html = std::fs::read_to_string(&report).unwrap();
    assert_eq!(html.matches("<div class=\"provenance\">").count(), 5, "a bar a document");
    // Organised by passage: each with where it occurs. No likely source is marked: each passage's
    // other occurrence is in the undated unattributed document, which no date can precede.
    assert_eq!(html.matches("<table class=\"occurrences\">").count(), 3);
    assert_eq!(html.matches("<tr class=\"source\">").count(), 0);
    // Each pair says which side came first, or that the unattributed document is undated.
    assert!(html.contains("<span class=\"order\">order not known: unattributed-response undated</span>"));
    assert!(!html.contains("order not known: gloucestershire"), "Gloucestershire is dated");
}

#[test]
fn a_statement_and_a_letter_share_their_words_and_keep_their_furniture_apart() {
    let corpus = tempfile::tempdir().unwrap();
    let shapes = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/shapes");
    for name in ["durham-letter.txt", "cleveland-statement.html", "norfolk-page.txt"] {
        std::fs::copy(shapes.join(name), corpus.path().join(name)).unwrap();
    }
    let index = tempfile::tempdir().unwrap();
    let all = echoes(corpus.path(), index.path(), &["provenance", "--format", "json"]).json();
    let statement = of(&all, "cleveland-statement");
    assert!(n(statement, "furniture") > 0 && n(statement, "shared") > 0, "{statement}");
    assert_eq!(statement["shared_with"][0]["body"], "Durham Constabulary");
    let letter = of(&all, "durham-letter");
    let bodies: Vec<&str> =
        letter["shared_with"].as_array().unwrap().iter().map(|w| w["body"].as_str().unwrap()).collect();
    // The statement is its commissioner's (its page title names the site's owner), naming the
    // force only as the one asked to act.
    assert!(
        bodies.contains(&"Cleveland Police and Crime Commissioner") && bodies.contains(&"Norfolk Constabulary"),
        "{letter}"
    );
    // A word shared with two bodies is one word of the letter.
    let per_body: u64 = letter["shared_with"].as_array().unwrap().iter().map(|w| n(w, "words")).sum();
    assert!(n(letter, "shared") <= per_body);
}

/// `matrix` gives each body's provenance beside the body × body shares: a body's documents summed.
#[test]
fn matrix_gives_each_bodys_provenance() {
    let corpus = tempfile::tempdir().unwrap();
    let shapes = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/shapes");
    for name in ["durham-letter.txt", "cleveland-statement.html", "norfolk-page.txt"] {
        std::fs::copy(shapes.join(name), corpus.path().join(name)).unwrap();
    }
    // A second Durham document: the body's row sums both.
    std::fs::write(
        corpus.path().join("durham-update.txt"),
        "Durham Constabulary update\nRecommendation 1\nDurham Constabulary has trained every call handler in the new safeguarding procedure this year.\n",
    )
    .unwrap();
    let index = tempfile::tempdir().unwrap();
    let docs = echoes(corpus.path(), index.path(), &["provenance", "--format", "json"]).json();
    let m = echoes(corpus.path(), index.path(), &["matrix", "--format", "json"]).json();
    let bodies = m["provenance"].as_array().unwrap();
    assert_eq!(bodies.len(), 3, "{m}");
    let durham = bodies.iter().find(|b| b["body"] == "Durham Constabulary").unwrap();
    let sum = |key: &str| -> u64 {
        docs.as_array().unwrap().iter().filter(|d| d["body"] == "Durham Constabulary").map(|d| n(d, key)).sum()
    };
    for key in ["words", "own", "shared", "quoted", "furniture"] {
        assert_eq!(n(durham, key), sum(key), "{key}");
    }
    assert!(n(durham, "words") > n(of(&docs, "durham-letter"), "words"));
    let text = echoes(corpus.path(), index.path(), &["matrix"]).stdout;
    assert!(
        text.contains("Each body's words, as shares of all its words:") && text.contains("Durham Constabulary"),
        "{text}"
    );
}

#[test]
fn a_line_of_exactly_four_words_of_the_reports_title_counts_as_quoted_from_the_title() {
    // Four words of the title that stand in no recommendation's text: a line that short is
    // judged against every quoted source, title and references included, not the recommendations
    // alone.
    let corpus = tempfile::tempdir().unwrap();
    std::fs::copy(bundled_corpus().join("recommendations.toml"), corpus.path().join("recommendations.toml")).unwrap();
    std::fs::write(
        corpus.path().join("kent-response.txt"),
        "Kent Police\nSafe to share? Report\n\
         We have written new guidance for call handlers on what they record about a caller's status.\n",
    )
    .unwrap();
    let index = tempfile::tempdir().unwrap();
    let all = echoes(corpus.path(), index.path(), &["provenance", "--format", "json"]).json();
    let doc = of(&all, "kent-response");
    let from_title: u64 = doc["quoted_from"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|q| q["source"].as_str().unwrap().ends_with("title"))
        .map(|q| q["words"].as_u64().unwrap())
        .sum();
    assert_eq!(from_title, 4, "{doc}");
}

#[test]
fn a_paragraph_with_no_words_is_indexed_read_and_counted_without_a_fault() {
    // A dash alone after the answer, and asterisks alone in a page: paragraphs of no words, which
    // every step that looks for quotation meets.
    let corpus = tempfile::tempdir().unwrap();
    std::fs::copy(bundled_corpus().join("recommendations.toml"), corpus.path().join("recommendations.toml")).unwrap();
    std::fs::write(
        corpus.path().join("kent-response.txt"),
        "Kent Police\nRecommendation 1\nWe have written new guidance for call handlers on what they record.\n\n\u{2014}\n",
    )
    .unwrap();
    std::fs::write(
        corpus.path().join("surrey-response.html"),
        "<html><body><h1>Surrey Police</h1><p>***</p><p>We agree with recommendation 1 and have acted on it in full.</p></body></html>",
    )
    .unwrap();
    let index = tempfile::tempdir().unwrap();
    let run = echoes(corpus.path(), index.path(), &["show", "kent-response", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.json().as_array().unwrap().iter().any(|p| p["text"] == "\u{2014}"), "the dash is kept as a paragraph");
    let all = echoes(corpus.path(), index.path(), &["provenance", "--format", "json"]).json();
    // "Kent Police", "Recommendation 1" and the twelve words of the answer; the dash is none.
    assert_eq!(n(of(&all, "kent-response"), "words"), 16);
    let similar = echoes(corpus.path(), index.path(), &["similar", "--text", "\u{2014}"]);
    assert_eq!(similar.code, 1, "no words, nothing similar, and no fault: {}", similar.stderr);
}
