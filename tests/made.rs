//! `--made`: every command's JSON, CSV and text say how they were made when asked (version,
//! command, query, filters and settings, corpus fingerprint), and keep their shape when not.

use serde_json::{json, Value};

use crate::common::*;

/// Three bodies; two answer recommendation 4 with the same long paragraph.
fn collection() -> tempfile::TempDir {
    let corpus = corpus_with(&["recommendations.toml"]);
    let shared = "Every officer who meets a victim of domestic abuse now records the crime first and \
                  makes no enquiry about the victim's immigration status with the Home Office unless \
                  the victim asks for help with it.";
    let write = |name: &str, text: &str| std::fs::write(corpus.path().join(name), text).unwrap();
    write(
        "harbridge.txt",
        &format!("Recommendation 4\n\n{shared}\n\nRecommendation 1\n\nHarbridge has a new referral form.\n"),
    );
    write("lowmarsh.txt", &format!("Recommendation 4\n\n{shared}\n"));
    write("fenwick.txt", "Recommendation 1\n\nFenwick trains its call handlers on the firewall each spring.\n");
    write_manifest(
        corpus.path(),
        &[
            ("harbridge.txt", "Harbridge Police"),
            ("lowmarsh.txt", "Lowmarsh Police"),
            ("fenwick.txt", "Fenwick Police"),
        ],
    );
    corpus
}

/// The `made` of a JSON result and its rows under `rows`.
fn made_json(corpus: &std::path::Path, index: &std::path::Path, args: &[&str], rows: &str) -> (Value, Value) {
    let mut all = args.to_vec();
    all.extend(["--json", "--made"]);
    let run = echoes(corpus, index, &all);
    assert!(run.code == 0 || run.code == 1, "{args:?}: {}", run.stderr);
    let mut v = run.json();
    let obj = v.as_object().unwrap_or_else(|| panic!("{args:?}: not an object: {v}"));
    assert_eq!(obj.len(), 2, "{args:?}: {v}");
    assert!(obj.contains_key("made") && obj.contains_key(rows), "{args:?}: {v}");
    (v["made"].take(), v[rows].take())
}

#[test]
fn json_results_carry_how_they_were_made_beside_their_rows() {
    let corpus = collection();
    let index = tempfile::tempdir().unwrap();
    let plain = echoes(corpus.path(), index.path(), &["search", "officer", "--json"]);
    assert_eq!(plain.code, 0, "{}", plain.stderr);
    let print = echoes(corpus.path(), index.path(), &["export", "-F", "json"]).json()["made"]["corpus"].clone();
    assert_eq!(print["documents"], 3);

    let (made, hits) =
        made_json(corpus.path(), index.path(), &["search", "officer", "--force", "lowmarsh", "--rec", "4"], "hits");
    // Without --made the rows are the same array, as a script reads them.
    let (_, all_hits) = made_json(corpus.path(), index.path(), &["search", "officer"], "hits");
    assert_eq!(all_hits, plain.json());
    assert_eq!(hits.as_array().unwrap().len(), 1);
    assert_eq!(hits[0]["force"], "Lowmarsh Police");
    assert_eq!(made["echoes_version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(made["command"], "search");
    assert_eq!(made["query"], "officer");
    assert_eq!(made["filters"], json!({"force": ["lowmarsh"], "rec": ["4"]}));
    assert_eq!(made["corpus"], print);
    assert!(made["made_at"].as_str().unwrap().ends_with('Z'));

    let (made, counts) = made_json(corpus.path(), index.path(), &["search", "victim", "--count", "--exact"], "counts");
    assert_eq!(made["command"], "search --count --exact");
    assert_eq!(made["query"], "victim");
    assert!(counts["bodies"].is_array(), "{counts}");
    let (made, lines) = made_json(corpus.path(), index.path(), &["search", "victim", "--kwic"], "lines");
    assert_eq!(made["command"], "search --kwic");
    assert_eq!(lines.as_array().unwrap().len(), 6);

    let (made, findings) = made_json(corpus.path(), index.path(), &["reuse", "--min-words", "10"], "findings");
    assert_eq!(made["command"], "reuse");
    assert_eq!(made["query"], Value::Null);
    assert_eq!(made["filters"], json!({"min-score": ["0.2"], "min-words": ["10"]}));
    assert_eq!(made["corpus"], print);
    assert_eq!(findings.as_array().unwrap().len(), 1, "{findings}");
    let (made, passages) = made_json(corpus.path(), index.path(), &["reuse", "--passages", "--rec", "4"], "passages");
    assert_eq!(made["command"], "reuse --passages");
    assert_eq!(made["filters"]["rec"], json!(["4"]));
    assert_eq!(passages.as_array().unwrap().len(), 1);
    let (made, _) = made_json(corpus.path(), index.path(), &["reuse", "--runs"], "runs");
    assert_eq!(made["command"], "reuse --runs");

    let (made, coverage) = made_json(corpus.path(), index.path(), &["coverage", "--doc", "fenwick"], "coverage");
    assert_eq!((made["command"].as_str(), &made["filters"]), (Some("coverage"), &json!({"doc": ["fenwick"]})));
    assert!(coverage.is_object(), "{coverage}");
    let (made, matrix) = made_json(corpus.path(), index.path(), &["matrix", "--min-score", "0.5"], "matrix");
    assert_eq!(made["filters"], json!({"min-score": ["0.5"], "min-words": ["8"]}));
    assert!(matrix["cells"].is_array(), "{matrix}");
    let (made, ranked) = made_json(corpus.path(), index.path(), &["attribute", "lowmarsh"], "bodies");
    assert_eq!(made["filters"]["doc"], json!(["lowmarsh"]));
    assert_eq!(ranked[0]["force"], "Harbridge Police", "{ranked}");
    let (made, docs) = made_json(corpus.path(), index.path(), &["provenance", "harbridge"], "documents");
    assert_eq!((made["command"].as_str(), &made["filters"]["doc"]), (Some("provenance"), &json!(["harbridge"])));
    assert_eq!(docs.as_array().unwrap().len(), 1);
    let (made, _) = made_json(corpus.path(), index.path(), &["similar", "lowmarsh:1"], "findings");
    assert_eq!(made["filters"]["id"], json!(["lowmarsh:1"]));
    let (_, docs) = made_json(corpus.path(), index.path(), &["docs"], "documents");
    assert_eq!(docs.as_array().unwrap().len(), 3);
    let (made, paras) = made_json(corpus.path(), index.path(), &["show", "fenwick"], "paragraphs");
    assert_eq!(made["command"], "show fenwick");
    assert_eq!(paras.as_array().unwrap().len(), 2);
    let (made, _) = made_json(corpus.path(), index.path(), &["status", "--rec", "1"], "status");
    assert_eq!(made["filters"], json!({"rec": ["1"]}));
}

#[test]
fn csv_and_text_say_it_in_leading_comment_lines() {
    let corpus = collection();
    let index = tempfile::tempdir().unwrap();
    let csv = echoes(corpus.path(), index.path(), &["search", "officer", "-F", "csv", "--made", "--role", "response"]);
    assert_eq!(csv.code, 0, "{}", csv.stderr);
    let lines: Vec<&str> = csv.stdout.lines().collect();
    assert_eq!(lines[0], format!("# made by: echoes {} search", env!("CARGO_PKG_VERSION")));
    assert_eq!(lines[1], "# query: officer");
    assert_eq!(lines[2], "# filters: --role response");
    assert!(lines[3].starts_with("# made at: 20"), "{}", lines[3]);
    assert!(lines[4].starts_with("# corpus: ") && lines[4].contains("(3 documents, fingerprint "), "{}", lines[4]);
    assert!(lines[5].starts_with("id,doc,"), "{}", lines[5]);
    // Without --made: the header first, as before.
    let bare = echoes(corpus.path(), index.path(), &["search", "officer", "-F", "csv"]);
    assert!(bare.stdout.starts_with("id,doc,"), "{}", bare.stdout);
    assert_eq!(bare.stdout.lines().count(), lines.len() - 5);

    let text = echoes(corpus.path(), index.path(), &["reuse", "--made"]);
    assert_eq!(text.code, 0, "{}", text.stderr);
    assert!(text.stdout.starts_with("# made by: echoes "), "{}", text.stdout);
    assert!(text.stdout.contains("# filters: --min-score 0.2 --min-words 8\n"), "{}", text.stdout);
    let matrix = echoes(corpus.path(), index.path(), &["matrix", "-F", "csv", "--made"]);
    let header = matrix.stdout.lines().find(|l| !l.starts_with('#')).unwrap();
    assert_eq!(header, "from,to,shared_words,own_words,share", "{}", matrix.stdout);
    assert_eq!(matrix.stdout.lines().take_while(|l| l.starts_with('#')).count(), 4);
}

#[test]
fn an_ndjson_export_says_it_in_a_first_line_when_asked() {
    let corpus = collection();
    let index = tempfile::tempdir().unwrap();
    let run = echoes(corpus.path(), index.path(), &["export", "--made", "--force", "fenwick"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<Value> = run.stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines[0]["made"]["command"], "export");
    assert_eq!(lines[0]["made"]["filters"], json!({"force": ["fenwick"]}));
    assert_eq!(lines.len(), 3, "{}", run.stdout);
    assert!(lines[1..].iter().all(|l| l["doc"] == "fenwick"));
    let bare = echoes(corpus.path(), index.path(), &["export", "--force", "fenwick"]);
    assert_eq!(bare.stdout.lines().count(), 2);
}
