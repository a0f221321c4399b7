//! Website furniture repeated within one page is furniture, never a body reusing its own words.

use crate::common;

use std::fs;
use std::path::Path;

use crate::common::echoes;
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
        let roles = role_of(furniture);
        assert!(!roles.is_empty() && roles.iter().all(|r| *r == "chrome"), "{furniture}: {roles:?}");
    }
    // The page's own prose is kept as its words.
    assert_ne!(role_of("Our own note on these answers")[0], "chrome");
}

/// A blog's comment form under two commissioners' posts is furniture, on a page and in plain text
/// alike: the two bodies share none of their words through it.
#[test]
fn a_blogs_comment_form_is_furniture_and_no_copy() {
    let corpus = tempfile::tempdir().unwrap();
    let form = |body: &str, answer: &str| {
        format!(
            "<html><body><article><h1>{body} responds</h1><h2>Recommendation 1</h2><p>{answer}</p></article>\
             <div id=\"respond\" class=\"comment-respond\"><h3>Leave a Reply</h3><form id=\"commentform\">\
             <p>Your email address will not be published. Required fields are marked *</p>\
             <p><label>Comment *</label></p><p><label>Save my name, email, and website in this browser for the next time I comment.</label></p>\
             </form></div></body></html>"
        )
    };
    let kent = form("Kent", "The commissioner funds two advocates for victims who fear their status will be shared.");
    let essex = form("Essex", "Essex Police reported to the panel in March on the guidance its officers now follow.");
    fs::write(corpus.path().join("kent.html"), kent).unwrap();
    fs::write(corpus.path().join("essex.html"), essex).unwrap();
    // The same form as text taken from a page.
    fs::write(
        corpus.path().join("surrey.txt"),
        "Recommendation 1\n\nSurrey writes its answer in words of its own about the county.\n\nLeave a Reply\n\n\
         Your email address will not be published. Required fields are marked *\n\n\
         Save my name, email, and website in this browser for the next time I comment.\n",
    )
    .unwrap();
    common::write_manifest(
        corpus.path(),
        &[("kent.html", "Kent PCC"), ("essex.html", "Essex PCC"), ("surrey.txt", "Surrey PCC")],
    );
    let index = tempfile::tempdir().unwrap();
    let pairs = echoes(corpus.path(), index.path(), &["reuse", "--pairs", "--format", "json"]);
    assert_eq!(pairs.json(), serde_json::json!([]), "{}", pairs.stdout);
    for doc in ["kent", "surrey"] {
        let show = echoes(corpus.path(), index.path(), &["show", doc, "--format", "json"]).json();
        let mut form = 0;
        for p in show.as_array().unwrap() {
            let text = p["text"].as_str().unwrap();
            if text.contains("email address") || text.contains("Save my name") || text.starts_with("Leave a Reply") {
                assert_eq!(p["role"], "chrome", "{doc}: {text}");
                form += 1;
            }
        }
        // The form's three paragraphs are there to be checked.
        assert_eq!(form, 3, "{doc}: {show}");
    }
}
