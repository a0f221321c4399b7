//! `export` as researchers use it: the same filters as search and a query, NDJSON, JSON and CSV,
//! a line saying what it wrote; and JSON and CSV saying how they were made (query, filters,
//! version, corpus fingerprint), so that a result can be reproduced later.

use serde_json::Value;

use crate::common::*;

/// Two bodies answering two recommendations, and a letter of a third.
fn collection() -> tempfile::TempDir {
    let corpus = corpus_with(&["recommendations.toml"]);
    let write = |name: &str, text: &str| std::fs::write(corpus.path().join(name), text).unwrap();
    write(
        "northshire.txt",
        "Recommendation 1\n\nNorthshire officers no longer pass victim details to immigration teams on doubt alone.\n\n\
         Recommendation 4\n\nA referral route to the Northshire advice line is in place for every victim.\n",
    );
    write(
        "eastmoor.txt",
        "Recommendation 1\n\nEastmoor has ended routine checks of status with the immigration service for victims.\n\n\
         Recommendation 4\n\nEastmoor victims are referred to two independent advocates.\n",
    );
    write(
        "westdale.txt",
        "Dear Inspector,\n\nWestdale Council supports the immigration firewall for victims.\n\nYours sincerely\n",
    );
    write_manifest(
        corpus.path(),
        &[
            ("northshire.txt", "Northshire Police"),
            ("eastmoor.txt", "Eastmoor Constabulary"),
            ("westdale.txt", "Westdale Council"),
        ],
    );
    corpus
}

fn csv_rows(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let comments: Vec<String> = text.lines().take_while(|l| l.starts_with('#')).map(str::to_string).collect();
    let body: String = text.lines().skip(comments.len()).map(|l| format!("{l}\n")).collect();
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let rows = reader.records().map(|r| r.unwrap().iter().map(str::to_string).collect()).collect();
    (comments, rows)
}

#[test]
fn export_filters_as_search_does_and_says_what_it_wrote() {
    let corpus = collection();
    let index = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("rec4.csv");
    let run = echoes(
        corpus.path(),
        index.path(),
        &["export", "--rec", "4", "--role", "response", "-F", "csv", "--out", file.to_str().unwrap()],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.is_empty());
    assert_eq!(
        run.stderr.lines().last().unwrap(),
        format!("echoes: wrote 2 paragraphs of 2 documents to {}", file.display())
    );
    let (comments, rows) = csv_rows(&std::fs::read_to_string(&file).unwrap());
    assert_eq!(comments[0], format!("# made by: echoes {} export", env!("CARGO_PKG_VERSION")));
    assert!(comments.contains(&"# filters: --rec 4 --role response".to_string()), "{comments:?}");
    let texts: Vec<&str> = rows.iter().map(|r| r.last().unwrap().as_str()).collect();
    assert_eq!(
        texts,
        [
            "Eastmoor victims are referred to two independent advocates.",
            "A referral route to the Northshire advice line is in place for every victim."
        ]
    );

    // A query, a body and a document by prefix, as search takes them.
    let json = echoes(corpus.path(), index.path(), &["export", "immigration", "--force", "westdale", "-F", "json"]);
    assert_eq!(json.code, 0, "{}", json.stderr);
    let v = json.json();
    let paras = v["paragraphs"].as_array().unwrap();
    assert_eq!(paras.len(), 1, "{v}");
    assert_eq!(paras[0]["text"], "Westdale Council supports the immigration firewall for victims.");
    assert_eq!(v["made"]["query"], "immigration");
    assert_eq!(v["made"]["filters"], serde_json::json!({"force": ["westdale"]}));
    let by_doc = echoes(corpus.path(), index.path(), &["export", "--doc", "east", "--role", "response"]);
    let lines: Vec<Value> = by_doc.stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2);
    assert!(lines.iter().all(|p| p["doc"] == "eastmoor" && p["role"] == "response"));

    let none = echoes(corpus.path(), index.path(), &["export", "--rec", "9"]);
    assert_eq!(none.code, 2);
    assert!(none.stderr.contains("there is no recommendation 9"), "{}", none.stderr);
    let nothing = echoes(corpus.path(), index.path(), &["export", "zebra"]);
    assert_eq!(nothing.code, 1, "{}", nothing.stderr);
}

#[test]
fn the_fingerprint_names_the_corpus_an_export_was_made_from() {
    let corpus = collection();
    let index = tempfile::tempdir().unwrap();
    let made = |args: &[&str]| {
        let run = echoes(corpus.path(), index.path(), args);
        assert_eq!(run.code, 0, "{}", run.stderr);
        run.json()["made"].clone()
    };
    let first = made(&["export", "-F", "json"]);
    assert_eq!(first["echoes_version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(first["command"], "export");
    assert_eq!(first["corpus"]["documents"], 3);
    let fingerprint = first["corpus"]["fingerprint"].as_str().unwrap().to_string();
    assert!(fingerprint.len() >= 16, "{fingerprint}");
    assert!(first["made_at"].as_str().unwrap().ends_with('Z'));
    // The same corpus: the same fingerprint; one word changed: another.
    assert_eq!(made(&["export", "-F", "json"])["corpus"]["fingerprint"], fingerprint.as_str());
    let csv = echoes(corpus.path(), index.path(), &["export", "-F", "csv"]);
    assert!(csv.stdout.contains(&format!("fingerprint {fingerprint})")), "{}", csv.stdout);
    let path = corpus.path().join("westdale.txt");
    let text = std::fs::read_to_string(&path).unwrap().replace("supports", "backs");
    std::fs::write(&path, text).unwrap();
    assert_ne!(made(&["export", "-F", "json"])["corpus"]["fingerprint"], fingerprint.as_str());
    // NDJSON stays one paragraph a line, as search clusters ingest it.
    let ndjson = echoes(corpus.path(), index.path(), &["export"]);
    assert!(ndjson.stdout.lines().all(|l| serde_json::from_str::<Value>(l).unwrap()["id"].is_string()));
}

#[test]
fn the_report_says_how_it_was_made() {
    let corpus = collection();
    let index = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let path = out.path().join("report.html");
    let run = echoes(corpus.path(), index.path(), &["report", "--out", path.to_str().unwrap(), "--min-words", "7"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = std::fs::read_to_string(&path).unwrap();
    let fingerprint = echoes(corpus.path(), index.path(), &["export", "-F", "json"]).json()["made"]["corpus"]
        ["fingerprint"]
        .as_str()
        .unwrap()
        .to_string();
    let footer = &html[html.find("<footer id=\"made\">").expect("a footer saying how it was made")..];
    assert!(footer.contains(&format!("made by: echoes {} report", env!("CARGO_PKG_VERSION"))), "{footer}");
    assert!(footer.contains("--min-words 7"), "{footer}");
    assert!(footer.contains(&format!("3 documents, fingerprint {fingerprint}")), "{footer}");
    assert!(footer.find("</footer>") < footer.find("</main>"));
}
