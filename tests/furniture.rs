//! Website furniture repeated within one page is furniture, never a body reusing its own words.

mod common;

use std::fs;
use std::path::Path;

use common::echoes;
use serde_json::Value;

#[test]
fn a_govuk_notice_repeated_on_one_page_is_furniture_not_reuse_within() {
    let corpus = tempfile::tempdir().unwrap();
    let page = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/govuk/responses-page.html");
    fs::copy(page, corpus.path().join("responses-page.html")).unwrap();
    let index = tempfile::tempdir().unwrap();
    let within = echoes(corpus.path(), index.path(), &["reuse", "--within", "--format", "json"]);
    assert_eq!(within.code, 1, "{}", within.stdout);
    assert_eq!(within.json(), serde_json::json!([]));
    let show = echoes(corpus.path(), index.path(), &["show", "responses-page", "--format", "json"]).json();
    let paragraphs = show.as_array().unwrap();
    let role_of = |start: &str| -> Vec<&Value> {
        paragraphs.iter().filter(|p| p["text"].as_str().unwrap().starts_with(start)).map(|p| &p["role"]).collect()
    };
    let notices = role_of("If you use assistive technology");
    assert_eq!(notices.len(), 3);
    assert!(notices.iter().all(|r| *r == "chrome"), "{notices:?}");
    for furniture in [
        "Request an accessible format",
        "Is this page useful?",
        "Thank you for your feedback",
        "Help us improve GOV.UK",
    ] {
        assert!(role_of(furniture).iter().all(|r| *r == "chrome"), "{furniture}");
    }
    // The page's own prose is kept as its words.
    assert_ne!(role_of("Our own note on these answers")[0], "chrome");
}
