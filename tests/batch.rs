//! Batch search: `search --queries FILE` counts each query of a file (named or not) per body and
//! recommendation, in text, CSV and JSON, and CSV and JSON say how they were made.

use serde_json::json;

use crate::common::*;

fn collection() -> tempfile::TempDir {
    let corpus = corpus_with(&["recommendations.toml"]);
    let write = |name: &str, text: &str| std::fs::write(corpus.path().join(name), text).unwrap();
    write(
        "northshire.txt",
        "Recommendation 1\n\nNorthshire officers no longer pass victim details to immigration teams.\n\n\
         Recommendation 4\n\nA referral route to an advice line is in place; every referral is logged.\n",
    );
    write(
        "eastmoor.txt",
        "Recommendation 4\n\nEastmoor victims get a referral to an independent advocate.\n\n\
         Recommendation 5\n\nEastmoor staff were trained on immigration status and referral.\n",
    );
    write("westdale.txt", "Dear Inspector,\n\nWestdale Council backs an immigration firewall.\n");
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

/// A queries file, named and unnamed lines, a comment, a blank line, one query of no hit.
fn queries(dir: &tempfile::TempDir) -> String {
    let path = dir.path().join("queries.txt");
    std::fs::write(
        &path,
        "# codes for the firewall study\n\nreferrals: referral*\nfirewall\t\"immigration firewall\"\nimmigration\nzebra\n",
    )
    .unwrap();
    path.display().to_string()
}

#[test]
fn each_query_is_counted_per_body_and_recommendation() {
    let corpus = collection();
    let index = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = queries(&dir);
    let text = echoes(corpus.path(), index.path(), &["search", "--queries", &file]);
    assert_eq!(text.code, 0, "{}", text.stderr);
    let rows: Vec<Vec<&str>> =
        text.stdout.lines().map(|l| l.split("  ").filter(|c| !c.is_empty()).map(str::trim).collect()).collect();
    assert_eq!(rows[0], ["query", "body", "rec 1", "rec 4", "rec 5", "no rec", "total"]);
    assert!(rows.contains(&vec!["referrals", "Eastmoor Constabulary", "0", "1", "1", "0", "2"]), "{}", text.stdout);
    assert!(rows.contains(&vec!["referrals", "Northshire Police", "0", "1", "0", "0", "1"]), "{}", text.stdout);
    assert!(rows.contains(&vec!["firewall", "Westdale Council", "0", "0", "0", "1", "1"]), "{}", text.stdout);
    assert!(rows.contains(&vec!["zebra", "-", "0", "0", "0", "0", "0"]), "{}", text.stdout);

    let v = echoes(corpus.path(), index.path(), &["search", "--queries", &file, "--format", "json"]).json();
    let names: Vec<&str> = v["queries"].as_array().unwrap().iter().map(|q| q["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["referrals", "firewall", "immigration", "zebra"]);
    let immigration = &v["queries"][2];
    assert_eq!(immigration["query"], "immigration");
    assert_eq!(immigration["total"], 3);
    assert_eq!(
        immigration["bodies"],
        json!([
            {"force": "Eastmoor Constabulary", "hits": 1},
            {"force": "Northshire Police", "hits": 1},
            {"force": "Westdale Council", "hits": 1}
        ])
    );
    assert_eq!(v["made"]["command"], "search --queries");
    assert_eq!(v["made"]["queries_file"], file.as_str());
    assert_eq!(v["made"]["echoes_version"], env!("CARGO_PKG_VERSION"));
    assert!(v["made"]["corpus"]["fingerprint"].as_str().is_some_and(|f| !f.is_empty()));

    // Filters apply to every query; CSV gives every admitted body, 0 included.
    let csv = echoes(corpus.path(), index.path(), &["search", "--queries", &file, "-F", "csv", "--force", "eastmoor"]);
    let lines: Vec<&str> = csv.stdout.lines().collect();
    assert!(lines[0].starts_with("# made by: echoes"), "{}", csv.stdout);
    assert!(lines.contains(&"# filters: --force eastmoor"), "{}", csv.stdout);
    let data: Vec<&str> = lines.iter().copied().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(data[0], "query_name,query,force,recommendation,hits");
    assert!(data.contains(&"referrals,referral*,Eastmoor Constabulary,4,1"), "{}", csv.stdout);
    assert!(data.contains(&"referrals,referral*,Eastmoor Constabulary,all,2"), "{}", csv.stdout);
    assert!(data.contains(&"zebra,zebra,Eastmoor Constabulary,all,0"), "{}", csv.stdout);
    assert!(!csv.stdout.contains("Northshire"), "{}", csv.stdout);
}

#[test]
fn a_bad_line_is_named_and_an_empty_file_is_refused() {
    let corpus = collection();
    let index = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.txt");
    std::fs::write(&bad, "fine\n\nbroken: \"unclosed\n").unwrap();
    let run = echoes(corpus.path(), index.path(), &["search", "--queries", bad.to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert!(run.stdout.is_empty());
    assert!(run.stderr.contains(&format!("{}, line 3: malformed query", bad.display())), "{}", run.stderr);
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "# nothing yet\n\n").unwrap();
    let run = echoes(corpus.path(), index.path(), &["search", "--queries", empty.to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("holds no query"), "{}", run.stderr);
    let both = echoes(corpus.path(), index.path(), &["search", "x", "--queries", empty.to_str().unwrap()]);
    assert_eq!(both.code, 2);
}
