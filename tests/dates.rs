//! Who came first: documents are dated to a year, a month or a day; `attribute` compares them at
//! the precision both have, and says undated when one is not dated, never guessing.

use std::fs;

use crate::common::echoes;

const ANSWER: &str = "The force has reviewed its information sharing agreement with the Home Office and will not pass the details of victims of domestic abuse to Immigration Enforcement without their consent.";

fn letter(force: &str, extra: &str) -> String {
    format!("Dear Inspector,\nRecommendation 1\n{force} response\n{ANSWER}\n{extra}\nYours sincerely,\n")
}

#[test]
fn the_earlier_dated_body_came_first_and_undated_is_said() {
    let corpus = tempfile::tempdir().unwrap();
    let c = corpus.path();
    fs::write(
        c.join("kent.txt"),
        letter("Kent Police", "We also train every officer in the new procedure this spring."),
    )
    .unwrap();
    fs::write(c.join("essex.txt"), letter("Essex Police", "Essex Police will publish its procedure on its website."))
        .unwrap();
    fs::write(c.join("copy.txt"), letter("Force", "A further review is under way.")).unwrap();
    fs::write(
        c.join("manifest.toml"),
        "[[document]]\npath = \"kent.txt\"\nforce = \"Kent Police\"\ndate = \"2021-02\"\n\n\
         [[document]]\npath = \"essex.txt\"\nforce = \"Essex Police\"\ndate = \"2021-12-03\"\n",
    )
    .unwrap();
    let index = tempfile::tempdir().unwrap();
    let essex = echoes(c, index.path(), &["attribute", "essex", "--min-score", "0.05", "--format", "json"]).json();
    let kent = essex.as_array().unwrap().iter().find(|a| a["body"] == "Kent Police").expect("Kent shares the answer");
    assert_eq!(
        (kent["date"].as_str(), kent["first"].as_str()),
        (Some("2021-02"), Some("b")),
        "Kent's month is before Essex's day"
    );
    let text = echoes(c, index.path(), &["attribute", "essex", "--min-score", "0.05"]).stdout;
    assert!(text.lines().any(|l| l.contains("Kent Police") && l.ends_with("Kent Police")), "{text}");
    // The undated copy (rarer wording shared by three bodies scores lower: a lower minimum here):
    // the order is not known, and said so.
    let copy = echoes(c, index.path(), &["attribute", "copy", "--min-score", "0.05", "--format", "json"]).json();
    assert!(!copy.as_array().unwrap().is_empty());
    for a in copy.as_array().unwrap() {
        assert_eq!(a["first"], "undated", "{a}");
    }
    assert!(echoes(c, index.path(), &["attribute", "copy", "--min-score", "0.05"])
        .stdout
        .contains("not known (undated)"));
}
