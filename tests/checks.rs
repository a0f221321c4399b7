//! `docs`' check column flags what a user should look at, not what is normal: a letter all in its
//! own words and a reference the user marked are not flagged; a document read as nothing but
//! quotation of the report is.

use serde_json::{json, Value};

use crate::common::*;

const LETTER: &str = "Dear Inspector,\n\nThank you for your letter of 17 December. Northshire Police has \
reviewed its practice on sharing information about victims with immigration enforcement.\n\nOur officers no \
longer pass details of victims to the Home Office where the only concern is their status. We have briefed \
every neighbourhood team on this change.\n\nWe have also agreed with local support services a route through \
which victims can seek advice safely, and we review it every quarter.\n\nOur training for call handlers now \
covers victims with insecure status.\n\nYours sincerely,\n\nChief Constable, Northshire Police\n";

const RELEASE: &str = "Inspectorate publishes report on immigration status and policing\n\nThe inspectorate \
today published its report on the super-complaint about sharing victims' data.\n\nThe report makes eight \
recommendations to forces, the Home Office and the NPCC.\n\nIt found that victims with insecure status fear \
coming forward.\n\nForces have been asked to respond within 56 days.\n";

/// Paragraphs of the report's recommendations, pasted one after another with nothing of its own.
fn quoted_only() -> String {
    let raw = std::fs::read_to_string(bundled_corpus().join("recommendations.toml")).unwrap();
    let recs: toml::Value = toml::from_str(&raw).unwrap();
    let paragraphs: Vec<String> = recs["recommendation"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r["text"].as_str().unwrap().split("\n\n").map(|p| p.trim().to_string()).collect::<Vec<_>>())
        .filter(|p| p.split_whitespace().count() > 8)
        .take(8)
        .collect();
    paragraphs.join("\n\n") + "\n"
}

fn checks() -> Vec<(String, Value)> {
    let corpus = corpus_with(&["recommendations.toml"]);
    std::fs::write(corpus.path().join("letter.txt"), LETTER).unwrap();
    std::fs::write(corpus.path().join("release.txt"), RELEASE).unwrap();
    std::fs::write(corpus.path().join("quoted.txt"), quoted_only()).unwrap();
    std::fs::write(
        corpus.path().join("manifest.toml"),
        "[[document]]\npath = \"letter.txt\"\nforce = \"Northshire Police\"\n\n\
         [[document]]\npath = \"release.txt\"\nkind = \"reference\"\n",
    )
    .unwrap();
    let index = tempfile::tempdir().unwrap();
    let run = echoes(corpus.path(), index.path(), &["docs", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.json()
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["doc"].as_str().unwrap().to_string(), d["doubts"].clone()))
        .collect()
}

#[test]
fn normal_shapes_are_not_flagged_and_a_document_of_nothing_but_quotation_is() {
    let checks = checks();
    let of = |doc: &str| checks.iter().find(|(d, _)| d == doc).map(|(_, v)| v.clone()).unwrap();
    // A letter in its own words, naming no recommendation: only that is said.
    assert_eq!(of("letter"), json!(["no recommendation found"]));
    // A reference answers nothing and is no body's: nothing to check.
    assert_eq!(of("release"), json!([]));
    assert_eq!(of("quoted"), json!(["no body found", "no response found", "almost all quoted from the report"]));
}
