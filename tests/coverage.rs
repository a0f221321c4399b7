//! Coverage: who answered which recommendation, in how many paragraphs and words of their own,
//! and who gave no answer, on the bundled corpus and on letters, statements and tables.

use std::path::Path;

use crate::common::{bundled_corpus, echoes};
use serde_json::Value;

fn cell<'a>(c: &'a Value, body: &str, rec: u64) -> &'a Value {
    c["cells"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["body"] == body && x["recommendation"] == rec)
        .unwrap_or_else(|| panic!("no cell {body} {rec}"))
}

fn unanswered(c: &Value, rec: u64) -> Vec<String> {
    let u = c["unanswered"].as_array().unwrap().iter().find(|u| u["recommendation"] == rec).unwrap();
    u["bodies"].as_array().unwrap().iter().map(|b| b.as_str().unwrap().to_string()).collect()
}

#[test]
fn the_bundled_corpus_who_answered_what() {
    let index = tempfile::tempdir().unwrap();
    let c = echoes(&bundled_corpus(), index.path(), &["coverage", "--format", "json"]).json();
    assert_eq!(c["recommendations"], serde_json::json!([1, 4, 5, 8]));
    // Hampshire names recommendation 8 only in its introduction ("as requested per recommendation
    // 8"): a mention before its first recommendation heading, not an answer.
    assert_eq!(unanswered(&c, 8), ["Hampshire Constabulary", "South Yorkshire Police"]);
    assert_eq!(cell(&c, "Hampshire Constabulary", 8)["paragraphs"], 0);
    assert!(unanswered(&c, 1).is_empty());
    // Gloucestershire pasted one answer under recommendations 4, 5 and 8: each is answered.
    for rec in [4, 5, 8] {
        assert!(cell(&c, "Gloucestershire Constabulary", rec)["paragraphs"].as_u64().unwrap() >= 1, "rec {rec}");
    }
    assert_eq!(cell(&c, "South Yorkshire Police", 8)["paragraphs"], 0);
    let words = cell(&c, "South Yorkshire Police", 5)["words"].as_u64().unwrap();
    assert!(words > 100, "{words}");

    let text = echoes(&bundled_corpus(), index.path(), &["coverage"]);
    assert!(
        text.stdout.contains("no answer to recommendation 8: Hampshire Constabulary; South Yorkshire Police\n"),
        "{}",
        text.stdout
    );
    let csv = echoes(&bundled_corpus(), index.path(), &["coverage", "--format", "csv"]).stdout;
    assert!(csv.starts_with(
        "body,recommendation,paragraphs,words,answered,days_after_publication_min,days_after_publication_max,due,timeliness,late_by_days_min,late_by_days_max\n"
    ));
    assert!(csv.contains("South Yorkshire Police,8,0,0,2021-05,135,165,2021-06-17,on time,,\n"), "{csv}");
    assert_eq!(csv.lines().count(), 1 + 5 * 5, "five bodies, four recommendations and none named");

    // Beside the index, never in it (echoes refuses to write there).
    let out = tempfile::tempdir().unwrap();
    let report = out.path().join("report.html");
    assert_eq!(echoes(&bundled_corpus(), index.path(), &["report", "--out", report.to_str().unwrap()]).code, 0);
    let html = std::fs::read_to_string(&report).unwrap();
    assert!(
        html.contains("<section id=\"coverage\">")
            && html.contains("No answer to recommendation 8: Hampshire Constabulary; South Yorkshire Police.")
    );
}

#[test]
fn letters_statements_and_tables_are_covered_by_their_own_words() {
    let corpus = tempfile::tempdir().unwrap();
    let shapes = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/shapes");
    for name in ["durham-letter.txt", "cleveland-statement.html", "surrey-table.tsv"] {
        std::fs::copy(shapes.join(name), corpus.path().join(name)).unwrap();
    }
    let index = tempfile::tempdir().unwrap();
    let c = echoes(corpus.path(), index.path(), &["coverage", "--format", "json"]).json();
    // A letter: "Recommendations 1, 4 and 5" answered in prose, 8 not at all.
    for rec in [1, 4, 5] {
        assert!(cell(&c, "Durham Constabulary", rec)["paragraphs"].as_u64().unwrap() >= 1, "rec {rec}");
    }
    assert!(unanswered(&c, 8).contains(&"Durham Constabulary".to_string()));
    // A numbered table answers every row's recommendation.
    for rec in [1, 4, 5, 8] {
        assert!(cell(&c, "Surrey Police", rec)["paragraphs"].as_u64().unwrap() >= 1, "rec {rec}");
    }
    // A statement names no recommendation: its words are its own, counted apart, never lost. It
    // is the commissioner's (its page title ends "| Cleveland PCC"), who names the force only as
    // the one asked to act: the force is never taken for its author on that.
    let body = "Cleveland Police and Crime Commissioner";
    let statement = c["unassigned"].as_array().unwrap().iter().find(|x| x["body"] == body).unwrap();
    assert!(statement["words"].as_u64().unwrap() > 50, "{statement}");
    assert!(unanswered(&c, 1).contains(&body.to_string()));
    assert!(!c.to_string().contains("\"Cleveland Police\""), "a force it only names is no body: {c}");
}
