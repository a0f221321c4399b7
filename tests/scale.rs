//! Smoke version of the scale benchmark: generate a few thousand synthetic paragraphs with
//! planted copies, index them, run reuse, and check precision and recall against the ground truth.

use std::process::Command;

use crate::common::echoes;
use echoes::synth::{self, At, Plant, Reported};
use serde_json::Value;

fn reported(v: &Value) -> Vec<Reported> {
    let at = |p: &Value| At { doc: p["doc"].as_str().unwrap().to_string(), line: p["line"].as_u64().unwrap() as u32 };
    v.as_array()
        .unwrap()
        .iter()
        .map(|f| Reported { a: at(&f["a"]), b: at(&f["b"]), kind: f["kind"].as_str().unwrap().to_string() })
        .collect()
}

#[test]
fn planted_copies_are_found_and_nothing_else() {
    planted_copies_are_found_in("headed", 1, false);
}

/// Letters, statements, numbered tables, glued furniture and answers inline with their quotation,
/// mixed: the same targets as headed responses.
#[test]
fn planted_copies_are_found_in_every_shape() {
    planted_copies_are_found_in("headed,letter,statement,table,glued,inline", 1, false);
}

/// Responses to three reports, every shape: copies within one report's responses and across
/// reports (one force's answer pasted into its answer to another report, one force copying
/// another's answer to another report) found at the same targets; quotation of any report never.
#[test]
fn planted_copies_are_found_across_reports() {
    planted_copies_are_found_in("headed,letter,statement,table,glued,inline", 3, false);
}

/// With the traps of real collections planted beside the copies (each report's foreword, a
/// reference document that responses quote; the statutory definition in most bodies' responses;
/// address lines to the inspectorate and the College): the same targets, and no trap found.
#[test]
fn planted_copies_are_found_beside_the_traps_of_real_collections() {
    planted_copies_are_found_in("headed,letter,statement,table,glued,inline", 3, true);
}

fn planted_copies_are_found_in(shapes: &str, reports: usize, traps: bool) {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_echoes-synth"))
        .args(["--paragraphs", "4000", "--seed", "7", "--shapes", shapes, "--reports", &reports.to_string()])
        .args(traps.then_some("--traps"))
        .arg("--out")
        .arg(dir.path())
        .output()
        .unwrap();
    // Quotation of any report of the corpus.
    let mut described = vec![dir.path().join("corpus/recommendations.toml")];
    if let Ok(entries) = std::fs::read_dir(dir.path().join("corpus/reports")) {
        described.extend(entries.flatten().map(|e| e.path()));
    }
    assert_eq!(described.len(), reports);
    let quotable: Vec<String> = described.iter().flat_map(|p| crate::common::report_texts(p)).collect();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let summary: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(summary["paragraphs"].as_u64().unwrap() >= 4000);

    let corpus = dir.path().join("corpus");
    let index = dir.path().join("index");
    let truth = synth::read_truth(&dir.path().join("truth.jsonl")).unwrap();
    assert!(truth.iter().any(|t| t.plant == Plant::Partial) && truth.iter().any(|t| t.plant == Plant::Family));
    if reports > 1 {
        assert!(truth.iter().any(|t| t.across_reports && t.within), "a force's answer pasted into another report's");
        assert!(truth.iter().any(|t| t.across_reports && !t.within), "one force copying another's, across reports");
        let docs = echoes(&corpus, &index, &["docs", "--format", "json"]).json();
        let mut per: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
        for d in docs.as_array().unwrap() {
            *per.entry(d["report"].as_str().unwrap_or("-").to_string()).or_default() += 1;
        }
        assert_eq!(per.len(), reports, "every document matched to one of the reports: {per:?}");
    }

    for within in [false, true] {
        let args: &[&str] =
            if within { &["reuse", "--within", "--format", "json"] } else { &["reuse", "--format", "json"] };
        let run = echoes(&corpus, &index, args);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let findings = run.json();
        for score in synth::evaluate(&truth, &reported(&findings), within) {
            eprintln!("{shapes}: {score:?}");
            assert!(score.planted == 0 || score.recall >= 0.9, "{score:?}");
            if score.plant != Plant::Partial {
                assert!(score.f1 >= 0.98, "{score:?}");
            }
        }
        // Quoted recommendation text and furniture never make a finding.
        for f in findings.as_array().unwrap() {
            for side in ["a", "b"] {
                assert!(matches!(f[side]["role"].as_str(), Some("response" | "preamble")), "{shapes}: {f}");
            }
            for span in f["spans"].as_array().unwrap() {
                let shared = span["shared"].as_str().unwrap();
                assert!(
                    crate::common::quoted_share(shared, &quotable) < 0.5,
                    "{shapes}: quotation found as a copy: {shared}"
                );
                assert!(!shared.contains("cookies"), "{shapes}: furniture found as a copy: {shared}");
                for trap in ["super-complaint is a complaint", "Andy Cooke", "Andy Marsh", "foreword says"] {
                    assert!(!shared.contains(trap), "{shapes}: a trap found as a copy: {shared}");
                }
            }
        }
    }
}

#[test]
fn the_same_seed_gives_the_same_corpus() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    for dir in [&a, &b] {
        synth::generate(&synth::Options::headed(500, 3), dir.path()).unwrap();
    }
    let read = |d: &tempfile::TempDir| std::fs::read_to_string(d.path().join("truth.jsonl")).unwrap();
    assert_eq!(read(&a), read(&b));
    let first = |d: &tempfile::TempDir| {
        std::fs::read_to_string(d.path().join("corpus/avon-and-somerset-constabulary-000000.txt")).unwrap()
    };
    assert_eq!(first(&a), first(&b));
}
