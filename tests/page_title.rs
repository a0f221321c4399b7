//! A page's `<title>` as evidence of its author: "… | Avon and Somerset Police" on a force's
//! platform page and "… - Kent PCC" on a commissioner's site name the page's owner; a news title
//! that speaks of a force ("Met police criticised …") does not.

use std::path::Path;

use serde_json::Value;

use crate::common::*;

const PAGES: [&str; 4] = ["avon-response.html", "kent-pcc.html", "courier-met.html", "met-news.html"];

/// The pages, copied into a folder with the report's recommendations.
fn pages() -> tempfile::TempDir {
    let dir = corpus_with(&["recommendations.toml"]);
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/page_title");
    for page in PAGES {
        std::fs::copy(fixtures.join(page), dir.path().join(page)).unwrap();
    }
    dir
}

#[test]
fn init_takes_a_title_naming_the_site_owner_as_the_author() {
    let dir = pages();
    let index = tempfile::tempdir().unwrap();
    let run = echoes(dir.path(), &index.path().join("index"), &["init"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let manifest = std::fs::read_to_string(dir.path().join("manifest.toml")).unwrap();
    let table: toml::Table = toml::from_str(&manifest).unwrap();
    let force = |path: &str| {
        let docs = table["document"].as_array().unwrap();
        let entry = docs.iter().find(|d| d["path"].as_str() == Some(path)).unwrap();
        entry.get("force").and_then(|f| f.as_str()).map(str::to_string)
    };
    assert_eq!(force("avon-response.html").as_deref(), Some("Avon and Somerset Constabulary"), "{manifest}");
    assert_eq!(force("kent-pcc.html").as_deref(), Some("Kent Police and Crime Commissioner"), "{manifest}");
    assert_eq!(force("courier-met.html"), None, "{manifest}");
    assert_eq!(force("met-news.html"), None, "{manifest}");
    // The comment gives the title as the evidence, and says why the news pages have no body.
    let evidence =
        "# detected from the text: the author by its page title \"Safe to share? response | Avon and Somerset Police\"";
    assert!(manifest.contains(evidence), "{manifest}");
    assert!(
        manifest.contains("its page title \"Commissioner's response to the super-complaint - Kent PCC\""),
        "{manifest}"
    );
    assert!(manifest.contains("it reads as news (\"By Sam Reed, crime correspondent\")"), "{manifest}");
    assert!(
        manifest.contains("it names Metropolitan Police Service (1 time) but not in a letterhead, a signature"),
        "{manifest}"
    );
}

#[test]
fn the_index_reads_the_title_as_evidence_and_never_as_a_paragraph() {
    let dir = pages();
    let index = tempfile::tempdir().unwrap();
    let docs = echoes(dir.path(), index.path(), &["docs", "--json"]);
    assert_eq!(docs.code, 0, "{}", docs.stderr);
    let forces: Vec<(String, Value)> = docs
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["doc"].as_str().unwrap().to_string(), d["force"].clone()))
        .collect();
    assert_eq!(
        forces,
        [
            ("avon-response".to_string(), Value::from("Avon and Somerset Constabulary")),
            ("courier-met".to_string(), Value::Null),
            ("kent-pcc".to_string(), Value::from("Kent Police and Crime Commissioner")),
            ("met-news".to_string(), Value::Null),
        ]
    );
    // The page's paragraphs start with its header: the title is not one of them.
    let show = echoes(dir.path(), index.path(), &["show", "avon-response", "--json"]).json();
    let paragraphs: Vec<(&str, u64)> =
        show.as_array().unwrap().iter().map(|p| (p["text"].as_str().unwrap(), p["line"].as_u64().unwrap())).collect();
    assert_eq!(paragraphs[..2], [("Home News Contact us", 8), ("Safe to share? response", 10)]);
    assert!(paragraphs.iter().all(|(t, _)| !t.contains("| Avon")), "{paragraphs:?}");
    let search = echoes(dir.path(), index.path(), &["search", "\"Daily Courier\"", "--role", "all"]);
    assert_eq!(search.code, 1, "{}", search.stdout);
}
