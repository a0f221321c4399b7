//! Evidence an auditor can cite: a score and a passage id that stay put as the corpus grows and
//! whatever the filters, a likely source only where a dated rival is preceded, each occurrence
//! compared with its twin (quotation never a difference), and stock wording listed once, never
//! as copying between two of the bodies that carry it.

use crate::common;

use std::fs;
use std::path::Path;

use crate::common::{bundled_copy, bundled_corpus, echoes};
use serde_json::Value;

fn json(corpus: &Path, index: &Path, args: &[&str]) -> Value {
    let run = echoes(corpus, index, args);
    assert!(run.code <= 1, "{args:?}: {}", run.stderr);
    run.json()
}

/// The verbatim finding between Gloucestershire's and the unattributed document's paragraphs that
/// begin "In November 2018": its score and family id.
fn verbatim_pair(corpus: &Path, index: &Path) -> (f64, String) {
    let findings = json(corpus, index, &["reuse", "--pairs", "--format", "json"]);
    let f = findings
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["a"]["text"].as_str().unwrap().starts_with("In November 2018"))
        .expect("the verbatim pair is found");
    assert_eq!(f["kind"], "verbatim");
    (f["score"].as_f64().unwrap(), f["family"].as_str().unwrap().to_string())
}

#[test]
fn an_unrelated_document_changes_neither_the_score_nor_the_id_of_a_verbatim_pair() {
    let corpus = bundled_copy();
    let c = corpus.path();
    let index = tempfile::tempdir().unwrap();
    let (score, id) = verbatim_pair(c, index.path());
    assert_eq!(score, 1.0);
    fs::write(
        c.join("dorset-2021-06.txt"),
        "Dorset Police response\n\nRecommendation 1\n\nDorset Police has reviewed its procedures for victims of domestic \
         abuse and no information about a victim's status is passed on without the agreement of a supervisor.\n",
    )
    .unwrap();
    let (after, after_id) = verbatim_pair(c, index.path());
    assert_eq!(after, score, "the score moved when an unrelated document was added");
    assert_eq!(after_id, id, "the passage id moved when an unrelated document was added");
    // The rarity across the corpus is its own figure, still given.
    let findings = json(c, index.path(), &["reuse", "--pairs", "--format", "json"]);
    assert!(findings.as_array().unwrap().iter().all(|f| f["rarity"].is_f64()));
}

#[test]
fn passage_ids_are_the_same_whatever_the_filters() {
    let index = tempfile::tempdir().unwrap();
    let c = bundled_corpus();
    let all = json(&c, index.path(), &["reuse", "--passages", "--format", "json"]);
    let filtered = json(&c, index.path(), &["reuse", "--passages", "--rec", "4", "--format", "json"]);
    let pairs = json(&c, index.path(), &["reuse", "--pairs", "--rec", "4", "--format", "json"]);
    let id_of = |passages: &Value, start: &str| -> String {
        passages
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["text"].as_str().unwrap().starts_with(start))
            .map(|p| p["id"].as_str().unwrap().to_string())
            .unwrap_or_else(|| panic!("no passage begins {start}"))
    };
    let required = id_of(&all, "Required activity");
    assert_eq!(id_of(&filtered, "Required activity"), required);
    let families: Vec<&str> = pairs.as_array().unwrap().iter().map(|f| f["family"].as_str().unwrap()).collect();
    assert!(!families.is_empty());
    assert!(families.iter().all(|f| *f == required), "{families:?} against {required}");
}

#[test]
fn a_likely_source_needs_a_dated_rival_and_identical_occurrences_carry_the_template_as_is() {
    let index = tempfile::tempdir().unwrap();
    let c = bundled_corpus();
    let run = echoes(&c, index.path(), &["reuse"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The bundled passages' other occurrences are in the undated unattributed document.
    assert!(!run.stdout.contains("likely source"), "{}", run.stdout);
    let passages = json(&c, index.path(), &["reuse", "--passages", "--format", "json"]);
    for p in passages.as_array().unwrap() {
        for o in p["occurrences"].as_array().unwrap() {
            assert_eq!(o["source"], false);
        }
    }
    // "Following publication ...": the two lines are the same text; the words of recommendation 1
    // it quotes are no difference.
    let following = passages
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["text"].as_str().unwrap().starts_with("Following publication"))
        .unwrap();
    for o in following["occurrences"].as_array().unwrap() {
        assert_eq!((&o["added"], &o["dropped"]), (&serde_json::json!([]), &serde_json::json!([])), "{o}");
    }
    assert_eq!(following["template"], following["occurrences"][0]["paragraph"]["text"], "{following}");
    // The answer pasted under recommendations 4, 5 and 8 in both documents is the template as is.
    let required = run.stdout.split("\n\n").find(|b| b.contains("Required activity")).unwrap();
    let pasted: Vec<&str> = required.lines().filter(|l| l.contains(":28 ") || l.contains(":22 ")).collect();
    assert_eq!(pasted.len(), 2, "{required}");
    for line in pasted {
        assert!(line.contains("the template as is"), "{line}");
    }
}

/// A response of one body: its own sentences, with the statutory definition of a super-complaint.
fn with_definition(force: &str, own: &str) -> String {
    format!(
        "{force} response to the super-complaint\n\n\
         A super-complaint is a complaint that a feature, or combination of features, of policing in England and \
         Wales by one or more than one police force is, or appears to be, significantly harming the interests of \
         the public (section 29A Police Reform Act 2002).\n\n\
         Recommendation 1\n\n{own}\n"
    )
}

#[test]
fn wording_many_bodies_carry_is_stock_listed_once_and_a_copy_between_two_is_still_found() {
    let corpus = tempfile::tempdir().unwrap();
    let c = corpus.path();
    let copied = "Officers now record the reason for any contact with the Home Office on the crime record, and a \
                  supervisor reviews every such entry within seven days before the investigation may be closed.";
    let bodies = [
        ("kent", "Kent Police", copied.to_string()),
        ("essex", "Essex Police", copied.to_string()),
        ("surrey", "Surrey Police", "Surrey Police has trained every neighbourhood officer in the new guidance on supporting migrant victims of crime.".to_string()),
        ("sussex", "Sussex Police", "Sussex Police works with three specialist charities, who take referrals from our victim care unit every day of the week.".to_string()),
        ("dorset", "Dorset Police", "Dorset Police will publish its revised procedure in the spring, after consultation with the local domestic abuse forum.".to_string()),
    ];
    let mut manifest = String::new();
    for (file, force, own) in &bodies {
        fs::write(c.join(format!("{file}.txt")), with_definition(force, own)).unwrap();
        manifest.push_str(&format!("[[document]]\npath = \"{file}.txt\"\nforce = \"{force}\"\n\n"));
    }
    // Bodies that carry neither: the definition stands in five of ten. It is stock for where its
    // words come from (the statute), not for how many carry it.
    for (file, force, own) in [
        ("avon", "Avon and Somerset Constabulary", "Our new triage desk reads each referral the morning it arrives."),
        ("cumbria", "Cumbria Constabulary", "Rural patrols now carry leaflets printed in seven languages."),
        ("durham", "Durham Constabulary", "A named sergeant audits a sample of closed cases each month."),
        ("gwent", "Gwent Police", "Call handlers were retrained during the autumn using recorded calls."),
        ("lincs", "Lincolnshire Police", "The force has asked its independent advisory group to review progress."),
    ] {
        fs::write(c.join(format!("{file}.txt")), format!("{force} response\n\nRecommendation 1\n\n{own}\n")).unwrap();
        manifest.push_str(&format!("[[document]]\npath = \"{file}.txt\"\nforce = \"{force}\"\n\n"));
    }
    fs::write(c.join("manifest.toml"), manifest).unwrap();
    let index = tempfile::tempdir().unwrap();
    let pairs = json(c, index.path(), &["reuse", "--pairs", "--format", "json"]);
    let pairs = pairs.as_array().unwrap();
    assert_eq!(pairs.len(), 1, "only the copy between Kent and Essex is a finding: {pairs:#?}");
    let forces = [pairs[0]["a"]["force"].as_str().unwrap(), pairs[0]["b"]["force"].as_str().unwrap()];
    assert!(forces.contains(&"Kent Police") && forces.contains(&"Essex Police"), "{forces:?}");
    assert!(!pairs[0]["a"]["text"].as_str().unwrap().contains("super-complaint is a complaint"));
    // The definition is listed once, with the five bodies that carry it.
    let run = echoes(c, index.path(), &["reuse"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let stock = run.stdout.split("Stock wording").nth(1).expect("a stock section");
    assert!(stock.contains("5 bodies"), "{stock}");
    assert!(stock.contains("super-complaint is a complaint"), "{stock}");
    assert!(
        stock
            .contains("stock because: statutory definition of a super-complaint (Police Reform Act 2002, section 29A)"),
        "{stock}"
    );
    assert_eq!(run.stdout.matches("super-complaint is a complaint").count(), 1, "{}", run.stdout);
    // The report lists it once too, in its own section, with the bodies that carry it.
    let out = tempfile::tempdir().unwrap();
    let html = out.path().join("report.html");
    assert_eq!(echoes(c, index.path(), &["report", "--out", html.to_str().unwrap()]).code, 0);
    let html = fs::read_to_string(html).unwrap();
    let start = html.find("<section id=\"stock\">").expect("a stock section");
    let section = &html[start..start + html[start..].find("</section>").unwrap()];
    assert!(
        section.contains("5 bodies: Dorset Police, Essex Police, Kent Police, Surrey Police, Sussex Police"),
        "{section}"
    );
    assert_eq!(section.matches("super-complaint is a complaint").count(), 1, "{section}");
    assert!(
        section.contains("Stock because: statutory definition of a super-complaint (Police Reform Act 2002"),
        "{section}"
    );
    let families = &html[html.find("<section id=\"families\">").unwrap()..html.find("<section id=\"stock\">").unwrap()];
    assert!(!families.contains("super-complaint is a complaint"), "{families}");
    // Nor is it counted in the matrix.
    let matrix = echoes(c, index.path(), &["matrix", "--format", "json"]);
    assert!(!matrix.stdout.contains("Surrey Police\",\n      \"Sussex"), "{}", matrix.stdout);
    // Provenance counts it apart: Surrey's definition is stock, neither its own nor shared; Kent's
    // copied sentence is shared with Essex, and its definition is stock all the same.
    let provenance = json(c, index.path(), &["provenance", "--format", "json"]);
    let of = |doc: &str| provenance.as_array().unwrap().iter().find(|p| p["doc"] == doc).unwrap().clone();
    let definition_words = 40;
    let surrey = of("surrey");
    assert!(surrey["stock"].as_u64().unwrap() >= definition_words - 5, "{surrey:#}");
    assert_eq!(surrey["shared"], 0, "{surrey:#}");
    assert!(surrey["own"].as_u64().unwrap() < 35, "{surrey:#}");
    let kent = of("kent");
    assert!(kent["stock"].as_u64().unwrap() >= definition_words - 5, "{kent:#}");
    assert_eq!(kent["shared_with"][0]["body"], "Essex Police", "{kent:#}");
    let text = echoes(c, index.path(), &["provenance", "surrey"]).stdout;
    assert!(text.lines().next().unwrap().contains("stock"), "{text}");
    assert!(text.contains("stock, in a public formula"), "{text}");
}

#[test]
fn a_run_made_only_of_the_fields_names_titles_and_statutes_is_not_a_copy() {
    let corpus = tempfile::tempdir().unwrap();
    let c = corpus.path();
    let names = "the Independent Office for Police Conduct (IOPC), His Majesty's Inspectorate of Constabulary and \
                 Fire & Rescue Services (HMICFRS) and the College of Policing";
    let address = "To Chief Constable Sir Andy Marsh QPM, Chief Executive Officer, College of Policing";
    fs::write(
        c.join("kent.txt"),
        format!("Kent Police response\n\n{address}\n\nRecommendation 1\n\nWe thank {names} for a careful report, which our officers have read closely.\n"),
    )
    .unwrap();
    fs::write(
        c.join("essex.txt"),
        format!("Essex Police response\n\n{address}\n\nRecommendation 1\n\nEssex welcomes the findings of {names}; a working group now meets monthly.\n"),
    )
    .unwrap();
    common::write_manifest(c, &[("kent.txt", "Kent Police"), ("essex.txt", "Essex Police")]);
    let index = tempfile::tempdir().unwrap();
    let pairs = json(c, index.path(), &["reuse", "--pairs", "--format", "json"]);
    assert_eq!(pairs.as_array().unwrap().len(), 0, "{pairs:#}");
    // A sentence of the bodies' own words between the same names is still a copy.
    let own = "Every migrant victim is offered a referral to a specialist charity before any other step of the investigation is taken";
    for (file, force) in [("kent.txt", "Kent"), ("essex.txt", "Essex")] {
        let text = fs::read_to_string(c.join(file)).unwrap();
        fs::write(c.join(file), format!("{text}\n{force} Police: {own}, as {names} advised.\n")).unwrap();
    }
    let pairs = json(c, index.path(), &["reuse", "--pairs", "--format", "json"]);
    assert_eq!(pairs.as_array().unwrap().len(), 1, "{pairs:#}");
}

#[test]
fn attribute_tells_the_same_bodys_other_copy_from_another_bodys_borrowing() {
    let index = tempfile::tempdir().unwrap();
    let c = bundled_corpus();
    let ranked = json(&c, index.path(), &["attribute", "unattributed-response", "--format", "json"]);
    let best = &ranked.as_array().unwrap()[0];
    assert_eq!(best["body"], "Gloucestershire Constabulary");
    assert_eq!(best["likely"], "same_bodys_copy", "{best}");
    assert_eq!((best["same_recommendations"].as_bool(), best["same_order"].as_bool()), (Some(true), Some(true)));
    let text = echoes(&c, index.path(), &["attribute", "unattributed-response"]).stdout;
    assert!(text.contains("more likely Gloucestershire Constabulary's own other copy"), "{text}");

    // A body that borrowed one paragraph into an answer of its own is not the other's copy.
    let corpus = tempfile::tempdir().unwrap();
    let d = corpus.path();
    fs::copy(c.join("gloucestershire-2021-12.txt"), d.join("gloucestershire-2021-12.txt")).unwrap();
    let borrowed = fs::read_to_string(c.join("gloucestershire-2021-12.txt"))
        .unwrap()
        .lines()
        .find(|l| l.starts_with("In November 2018"))
        .unwrap()
        .to_string();
    fs::write(
        d.join("letter.txt"),
        format!(
            "Response to the super-complaint\n\nRecommendation 4\n\n{borrowed}\n\nWe have since trained every \
             neighbourhood officer, written a new procedure for victims with insecure status, and set up a panel \
             with three local charities that meets every month to review cases and referrals.\n"
        ),
    )
    .unwrap();
    let other = tempfile::tempdir().unwrap();
    let ranked = json(d, other.path(), &["attribute", "letter", "--format", "json"]);
    let best = &ranked.as_array().unwrap()[0];
    assert_eq!(best["likely"], "shares_words", "{best}");
}
