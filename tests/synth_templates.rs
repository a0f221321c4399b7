//! `echoes-synth --templates`: answers pasted word for word by 2 to 12 bodies, each template pair
//! in the truth with its number of bodies; how many of those pairs `reuse` finds, by family size.

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

use serde_json::Value;

use crate::common::echoes;

/// A paragraph by document and line.
type At = (String, u64);

#[test]
fn templates_of_2_to_12_bodies_are_planted_and_found_in_full() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_echoes-synth"))
        .args(["--paragraphs", "4000", "--seed", "11", "--templates", "--out"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let truth: Vec<Value> = std::fs::read_to_string(dir.path().join("truth.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let at = |v: &Value| (v["doc"].as_str().unwrap().to_string(), v["line"].as_u64().unwrap());
    let mut by_size: BTreeMap<u64, Vec<(At, At)>> = BTreeMap::new();
    for t in truth.iter().filter(|t| t["bodies"].is_u64()) {
        let (a, b) = (at(&t["a"]), at(&t["b"]));
        by_size.entry(t["bodies"].as_u64().unwrap()).or_default().push(if a <= b { (a, b) } else { (b, a) });
    }
    let sizes: Vec<u64> = by_size.keys().copied().collect();
    assert!(sizes.iter().all(|s| (2..=12).contains(s)), "{sizes:?}");
    assert!(sizes.iter().any(|&s| s > 5), "no template of more than five bodies: {sizes:?}");
    // A family of n bodies is every pair of them.
    for (n, pairs) in &by_size {
        assert_eq!(pairs.len() as u64 % (n * (n - 1) / 2), 0, "{n} bodies: {} pairs", pairs.len());
    }
    let index = tempfile::tempdir().unwrap();
    let run = echoes(&dir.path().join("corpus"), index.path(), &["reuse", "--format", "json"]);
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    let found: BTreeSet<(At, At)> = run
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let side = |s: &str| (f[s]["doc"].as_str().unwrap().to_string(), f[s]["line"].as_u64().unwrap());
            let (a, b) = (side("a"), side("b"));
            if a <= b {
                (a, b)
            } else {
                (b, a)
            }
        })
        .collect();
    for (n, pairs) in &by_size {
        let hit = pairs.iter().filter(|p| found.contains(*p)).count();
        eprintln!("template of {n:>2} bodies: {hit}/{} pairs found", pairs.len());
        // Every family is found in full, however many bodies carry it: how many do is no
        // evidence that it is stock wording.
        assert_eq!(hit, pairs.len(), "{n} bodies");
    }
}
