//! Responses to two reports in one corpus: the bundled corpus (answering "Safe to share?") with a
//! second report written for the tests (`tests/fixtures/reports/custody-2023.toml`) and three
//! documents: Kent's answers to both reports (one paragraph pasted into both), and Essex's answer
//! to the second report, matched by what it quotes, which copies a Gloucestershire paragraph and
//! quotes the first report.

use crate::common;

use std::fs;
use std::path::Path;

use crate::common::{echoes, two_reports};
use serde_json::Value;

fn run(dir: &Path, args: &[&str]) -> common::Run {
    let r = echoes(&dir.join("corpus"), &dir.join("index"), args);
    assert!(r.code == 0 || r.code == 1, "{args:?}: {}", r.stderr);
    r
}

fn pairs(v: &Value) -> Vec<(String, String)> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|f| (f["a"]["id"].as_str().unwrap().to_string(), f["b"]["id"].as_str().unwrap().to_string()))
        .collect()
}

#[test]
fn each_document_answers_its_report_and_docs_lists_them() {
    let dir = two_reports();
    let docs = run(dir.path(), &["docs", "--format", "json"]).json();
    let report_of = |doc: &str| {
        docs.as_array().unwrap().iter().find(|d| d["doc"] == doc).unwrap()["report"].as_str().map(str::to_string)
    };
    assert_eq!(report_of("kent-custody-2023").as_deref(), Some("custody-2023"), "from the manifest");
    assert_eq!(report_of("essex-custody-2023").as_deref(), Some("custody-2023"), "by what it quotes");
    assert_eq!(report_of("kent-safe-2021").as_deref(), Some("safe-to-share-2020"), "by what it quotes");
    assert_eq!(report_of("gloucestershire-2021-12").as_deref(), Some("safe-to-share-2020"));

    let text = run(dir.path(), &["docs"]).stdout;
    assert!(text.contains("report custody-2023: Rights in custody: an inspection written for tests, Test Inspectorate, 2023-06 (4 documents)"), "{text}");
    assert!(text.contains("report safe-to-share-2020: Safe to share?"), "{text}");
    let only = run(dir.path(), &["docs", "--report", "custody-2023", "--format", "json"]).json();
    let ids: Vec<&str> = only.as_array().unwrap().iter().map(|d| d["doc"].as_str().unwrap()).collect();
    assert_eq!(ids, ["durham-custody-2023", "essex-custody-2023", "kent-custody-2023", "surrey-custody-2023"]);
    // A plain numbered table and a letter, in no manifest: matched by what they quote and name.
    assert_eq!(report_of("surrey-custody-2023").as_deref(), Some("custody-2023"), "a table, by its quotes");
    assert_eq!(report_of("durham-custody-2023").as_deref(), Some("custody-2023"), "a letter, by the title");
    let table = run(dir.path(), &["show", "surrey-custody-2023", "--format", "json"]).json();
    let table = table.as_array().unwrap();
    assert!(table.iter().all(|p| p["report"] == "custody-2023"), "header cells and row numbers quote no report");
    let answer = table.iter().find(|p| p["text"].as_str().unwrap().starts_with("The commissioner for Surrey")).unwrap();
    assert_eq!((&answer["role"], &answer["recommendation"]), (&Value::from("response"), &Value::from(2)));
}

#[test]
fn quotation_of_either_report_is_labelled_and_never_a_finding() {
    let dir = two_reports();
    let essex = run(dir.path(), &["show", "essex-custody-2023", "--format", "json"]).json();
    let quoted_other = essex
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["text"].as_str().unwrap().starts_with("As the earlier report asked"))
        .unwrap();
    assert_eq!(quoted_other["role"], "recommendation");
    assert_eq!(quoted_other["report"], "safe-to-share-2020", "quotation of the other report, labelled with it");
    assert_eq!(quoted_other["recommendation"], 5);
    // The export says so too, once per line.
    let export = run(dir.path(), &["export"]).stdout;
    let line = export.lines().find(|l| l.contains("As the earlier report asked")).unwrap();
    assert_eq!(line.matches("\"report\"").count(), 1, "{line}");
    assert_eq!(serde_json::from_str::<Value>(line).unwrap()["report"], "safe-to-share-2020");

    // Surrey's table and Durham's letter quote the same 27 words of the second report inside
    // their own answers: quotation, not copying.
    let between = run(dir.path(), &["reuse", "--format", "json", "--min-words", "6", "--min-score", "0.1"]).json();
    assert!(
        !between
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["a"]["force"] == "Durham Constabulary" || f["b"]["force"] == "Durham Constabulary"),
        "{between}"
    );
    // Quotation of either report, in any document, is never compared as anyone's own words: not
    // even with a low threshold, within a body or between bodies.
    for within in [false, true] {
        let mut args = vec!["reuse", "--format", "json", "--min-words", "6", "--min-score", "0.1"];
        if within {
            args.push("--within");
        }
        let v = run(dir.path(), &args).json();
        assert!(!v.as_array().unwrap().is_empty());
        for f in v.as_array().unwrap() {
            for side in ["a", "b"] {
                assert_ne!(f[side]["role"], "recommendation", "quotation in a finding: {f}");
                assert_ne!(f[side]["id"], "essex-custody-2023:5", "the quotation of the other report: {f}");
                let text = f[side]["text"].as_str().unwrap();
                assert!(!text.contains("every detained person is offered a written notice"), "{f}");
            }
        }
    }
}

#[test]
fn copies_are_found_within_a_body_across_reports_and_between_bodies_across_reports() {
    let dir = two_reports();
    let within = run(dir.path(), &["reuse", "--within", "--force", "kent", "--format", "json"]).json();
    assert!(
        pairs(&within).contains(&("kent-custody-2023:5".into(), "kent-safe-2021:4".into())),
        "Kent's paragraph pasted into its answers to both reports: {within}"
    );
    let between = run(dir.path(), &["reuse", "--format", "json"]).json();
    let essex = between
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["a"]["doc"] == "essex-custody-2023" && f["b"]["doc"] == "gloucestershire-2021-12")
        .expect("Essex's answer to one report copies Gloucestershire's answer to the other");
    assert_eq!(essex["kind"], "verbatim");
    assert_eq!(essex["a"]["report"], "custody-2023");
    assert_eq!(essex["b"]["report"], "safe-to-share-2020");
}

#[test]
fn report_filters_every_command_and_numbers_are_per_report() {
    let dir = two_reports();
    // "Recommendation 1" of the custody report is not recommendation 1 of "Safe to share?".
    let hits = run(
        dir.path(),
        &[
            "search",
            "notice OR sharing OR stop",
            "--rec",
            "1",
            "--report",
            "custody-2023",
            "--role",
            "all",
            "--format",
            "json",
        ],
    )
    .json();
    let hits = hits.as_array().unwrap();
    assert!(!hits.is_empty());
    assert!(hits.iter().all(|h| h["report"] == "custody-2023" && h["recommendation"] == 1), "{hits:?}");
    let all_rec1 =
        run(dir.path(), &["search", "notice OR sharing OR stop", "--rec", "1", "--role", "all", "--format", "json"])
            .json();
    assert!(all_rec1.as_array().unwrap().iter().any(|h| h["report"] == "safe-to-share-2020"));

    let reuse = run(dir.path(), &["reuse", "--report", "custody-2023", "--format", "json"]).json();
    assert!(!reuse.as_array().unwrap().is_empty());
    assert!(reuse
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["a"]["report"] == "custody-2023" || f["b"]["report"] == "custody-2023"));
    let safe = run(dir.path(), &["reuse", "--report", "safe-to-share-2020", "--format", "json"]).json();
    assert!(safe.as_array().unwrap().len() > reuse.as_array().unwrap().len());

    let coverage = run(dir.path(), &["coverage", "--report", "custody-2023", "--format", "json"]).json();
    let c = &coverage.as_array().unwrap()[0];
    assert_eq!(c["report"], "custody-2023");
    assert_eq!(c["recommendations"], serde_json::json!([1, 2]));
    // The Surrey table answers for the force and, on recommendation 2, for the commissioner for
    // Surrey, each as the subject of its answer: two bodies stand alike as its author, so none is
    // guessed.
    let bodies = ["(unattributed: surrey-custody-2023)", "Durham Constabulary", "Essex Police", "Kent Police"];
    assert_eq!(c["bodies"], serde_json::json!(bodies));
    let both = run(dir.path(), &["coverage", "--format", "json"]).json();
    assert_eq!(both.as_array().unwrap().len(), 2);
    let csv = run(dir.path(), &["coverage", "--format", "csv"]).stdout;
    assert!(
        csv.starts_with("report,body,recommendation,paragraphs,words,answered,")
            && csv.contains("custody-2023,Kent Police,2,1,"),
        "{csv}"
    );

    let matrix = run(dir.path(), &["matrix", "--report", "custody-2023", "--format", "json"]).json();
    let bodies: Vec<&str> = matrix["bodies"].as_array().unwrap().iter().map(|b| b.as_str().unwrap()).collect();
    assert_eq!(bodies, ["(unattributed: surrey-custody-2023)", "Durham Constabulary", "Essex Police", "Kent Police"]);

    let bad = echoes(&dir.path().join("corpus"), &dir.path().join("index"), &["search", "x", "--report", "nope"]);
    assert_eq!(bad.code, 2, "{}", bad.stderr);
    assert!(
        bad.stderr.contains("no report 'nope' in the corpus (reports: safe-to-share-2020, custody-2023)"),
        "{}",
        bad.stderr
    );
    let bad = echoes(&dir.path().join("corpus"), &dir.path().join("index"), &["reuse", "--report", "nope"]);
    assert_eq!(bad.code, 2, "{}", bad.stderr);
}

#[test]
fn a_manifest_naming_an_unknown_report_is_said_and_the_text_decides() {
    let dir = two_reports();
    let manifest = dir.path().join("corpus/manifest.toml");
    let text = fs::read_to_string(&manifest).unwrap().replace(
        "path = \"kent-safe-2021.txt\"\nforce = \"Kent Police\"",
        "path = \"kent-safe-2021.txt\"\nforce = \"Kent Police\"\nreport = \"safe-to-shar\"",
    );
    fs::write(&manifest, text).unwrap();
    let r = echoes(&dir.path().join("corpus"), &dir.path().join("index"), &["docs", "--format", "json"]);
    assert!(
        r.stderr.contains("kent-safe-2021.txt names report 'safe-to-shar', which the corpus does not describe"),
        "{}",
        r.stderr
    );
    let kent = r.json().as_array().unwrap().iter().find(|d| d["doc"] == "kent-safe-2021").unwrap().clone();
    assert_eq!(kent["report"], "safe-to-share-2020");
}

#[test]
fn a_document_quoting_no_report_is_left_unmatched_and_said_so() {
    let dir = two_reports();
    fs::write(
        dir.path().join("corpus/durham-note.txt"),
        "Durham Constabulary\nWe have nothing to add to our earlier letters on either subject.\n",
    )
    .unwrap();
    let docs = run(dir.path(), &["docs", "--format", "json"]).json();
    let durham = docs.as_array().unwrap().iter().find(|d| d["doc"] == "durham-note").unwrap();
    assert!(durham["report"].is_null());
    assert!(durham["doubts"].as_array().unwrap().iter().any(|d| d == "no report matched"), "{durham}");
    assert!(run(dir.path(), &["docs"]).stdout.contains("no report matched: 1 document"));
}

#[test]
fn two_reports_with_one_id_are_an_error_naming_the_file() {
    let dir = two_reports();
    let copy = fs::read_to_string(dir.path().join("corpus/reports/custody-2023.toml")).unwrap();
    fs::write(dir.path().join("corpus/reports/custody-copy.toml"), copy).unwrap();
    let r = echoes(&dir.path().join("corpus"), &dir.path().join("index"), &["docs"]);
    assert_ne!(r.code, 0);
    assert!(
        r.stderr.contains("custody-copy.toml") && r.stderr.contains("a second report with the id 'custody-2023'"),
        "{}",
        r.stderr
    );
}

#[test]
fn text_output_names_the_report_of_each_recommendation() {
    let dir = two_reports();
    let hits = run(dir.path(), &["search", "notice", "--role", "all"]).stdout;
    assert!(hits.contains("kent-custody-2023:2  custody-2023 rec 1  recommendation"), "{hits}");
    let show = run(dir.path(), &["show", "essex-custody-2023"]).stdout;
    assert!(show.contains("safe-to-share-2020 rec 5"), "the quotation of the other report, named: {show}");
    let pairs = run(dir.path(), &["reuse", "--pairs", "--report", "custody-2023"]).stdout;
    assert!(pairs.contains("Essex Police  custody-2023 rec 1  response"), "{pairs}");
    assert!(pairs.contains("Gloucestershire Constabulary  safe-to-share-2020 rec 1  response"), "{pairs}");
    // A corpus of one report keeps its labels short.
    let one = echoes(
        &common::bundled_corpus(),
        &dir.path().join("index-one"),
        &["search", "\"consistent national position\""],
    );
    assert!(
        one.stdout.contains("  rec 1  response") && !one.stdout.contains("safe-to-share-2020 rec"),
        "{}",
        one.stdout
    );
}

/// The HTML report shows who answered what report by report: a table per report, each with that
/// report's recommendations and the bodies answering it, as `coverage` gives them.
#[test]
fn the_html_report_has_a_coverage_table_per_report() {
    let dir = two_reports();
    let out = dir.path().join("report.html");
    run(dir.path(), &["report", "--out", out.to_str().unwrap()]);
    let html = fs::read_to_string(&out).unwrap();
    let section = html.split("<section id=\"coverage\">").nth(1).unwrap().split("</section>").next().unwrap();
    let coverage = run(dir.path(), &["coverage", "--format", "json"]).json();
    let reports = coverage.as_array().unwrap();
    assert_eq!(reports.len(), 2);
    let tables: Vec<&str> = section.split("<h3>Report ").skip(1).collect();
    assert_eq!(tables.len(), 2, "{section}");
    for (table, c) in tables.iter().zip(reports) {
        let id = c["report"].as_str().unwrap();
        assert!(table.starts_with(&format!("{id}</h3>")), "{table}");
        let headers: Vec<String> = c["recommendations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| format!("<th class=\"num\">rec {r}</th>"))
            .collect();
        assert_eq!(table.matches("<th class=\"num\">rec ").count(), headers.len(), "{id}");
        assert!(headers.iter().all(|h| table.contains(h.as_str())), "{id}");
        let rows = table.matches("<tr><td>").count();
        assert_eq!(rows, c["bodies"].as_array().unwrap().len(), "{id}");
        for body in c["bodies"].as_array().unwrap() {
            assert!(table.contains(&format!("<tr><td>{}</td>", body.as_str().unwrap())), "{id}: {body}");
        }
    }
    // The second report's table names only the bodies answering it.
    let custody = tables.iter().find(|t| t.starts_with("custody-2023")).unwrap();
    assert!(custody.contains("<tr><td>Durham Constabulary</td>") && !custody.contains("Gloucestershire"));
}
