//! The whole report is quotation: recommendations addressed to others than the responding bodies
//! (the Home Office, the NPCC) are quotation wherever they are quoted, and are not asked about.

use std::fs;

use crate::common::{bundled_corpus, echoes};
use serde_json::Value;

/// The bundled report's recommendation 2 and 3, as the report's authors published them.
const RECOMMENDATION_2: &str = "The Home Office should review the relevant legal framework and policy to establish \
     sound and fair priorities regarding migrant victims of crime and migrant witnesses to crime, with insecure or \
     uncertain immigration status.";
const RECOMMENDATION_3: &str = "The Home Office and the National Police Chiefs' Council (NPCC) should develop a \
     safeguarding protocol about the police approach to migrant victims and witnesses of crime.";

/// Two bodies that answer recommendation 1 each in their own words and both quote the
/// recommendations made to the Home Office and the NPCC.
fn two_bodies_quoting_2_and_3() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let kent = format!(
        "Kent Police response to the Safe to share? report\n\nRecommendation 1. To chief constables\nForce response\n\
         Kent officers were told in January that a doubt about a victim's status is never a reason to call Immigration \
         Enforcement, and the control room scripts were rewritten the same week.\n\n\
         The report also made recommendations to others.\n{RECOMMENDATION_2}\n{RECOMMENDATION_3}\n"
    );
    let essex = format!(
        "Essex Police response to the Safe to share? report\n\nRecommendation 1. To chief constables\nForce response\n\
         In Essex the domestic abuse team now refers every such victim to a local charity that speaks for them, and our \
         audit of two hundred cases found no referral to the Home Office since March.\n\n\
         We note the recommendations made to national bodies:\n{RECOMMENDATION_2}\n{RECOMMENDATION_3}\n"
    );
    fs::write(dir.path().join("kent.txt"), kent).unwrap();
    fs::write(dir.path().join("essex.txt"), essex).unwrap();
    fs::write(
        dir.path().join("manifest.toml"),
        "[[document]]\npath = \"kent.txt\"\nforce = \"Kent Police\"\n\n[[document]]\npath = \"essex.txt\"\nforce = \"Essex Police\"\n",
    )
    .unwrap();
    dir
}

#[test]
fn two_bodies_quoting_the_home_offices_recommendations_have_not_copied_each_other() {
    let corpus = two_bodies_quoting_2_and_3();
    let index = tempfile::tempdir().unwrap();
    let run = echoes(corpus.path(), index.path(), &["reuse", "--format", "json"]);
    assert_eq!(run.code, 1, "no finding is exit code 1: {}", run.stdout);
    assert_eq!(run.json(), serde_json::json!([]));
}

#[test]
fn recommendation_2_is_recognised_as_quotation_and_not_asked_about() {
    let corpus = two_bodies_quoting_2_and_3();
    let index = tempfile::tempdir().unwrap();
    let show = echoes(corpus.path(), index.path(), &["show", "kent", "--format", "json"]);
    assert_eq!(show.code, 0, "{}", show.stderr);
    let paragraphs = show.json();
    let of = |start: &str| -> Value {
        paragraphs.as_array().unwrap().iter().find(|p| p["text"].as_str().unwrap().starts_with(start)).unwrap().clone()
    };
    for start in ["The Home Office should review", "The Home Office and the National"] {
        assert_eq!(of(start)["role"], "recommendation", "{start}");
    }
    assert_eq!(of("Kent officers were told")["role"], "response");
    // Search finds it only under the recommendation role.
    let hits = echoes(corpus.path(), index.path(), &["search", "\"sound and fair priorities\"", "--format", "json"]);
    assert_eq!(hits.code, 1, "{}", hits.stdout);
    // Coverage asks the responding bodies only about the recommendations they were given.
    let coverage = echoes(corpus.path(), index.path(), &["coverage", "--format", "json"]).json();
    assert_eq!(coverage["recommendations"], serde_json::json!([1, 4, 5, 8]));
    let bundled = tempfile::tempdir().unwrap();
    let coverage = echoes(&bundled_corpus(), bundled.path(), &["coverage", "--format", "json"]).json();
    assert_eq!(coverage["recommendations"], serde_json::json!([1, 4, 5, 8]));
}
