//! Reference documents (`kind = "reference"` in the manifest): the report itself or its press
//! page. Their words are quotation wherever a response repeats them, they are never compared, and
//! they are searched under their own role, left out by default.

use crate::common;

use std::fs;

use crate::common::echoes;

const FOREWORD: &str = "This super-complaint raised serious concerns about the sharing of victims' personal \
    data between the police and the Home Office for immigration enforcement purposes, and we have found that \
    the current approach is causing significant harm to the public interest, because victims with insecure \
    immigration status are too frightened to report crimes to the police.";

#[test]
fn a_reference_is_quotation_never_compared_and_searched_under_its_own_role() {
    let corpus = tempfile::tempdir().unwrap();
    let c = corpus.path();
    fs::write(c.join("report-page.txt"), format!("Safe to share? The report\n\n{FOREWORD}\n")).unwrap();
    fs::write(
        c.join("kent.txt"),
        format!("Kent Police response\n\nAs the inspectorate wrote: {FOREWORD}\n\nRecommendation 1\n\nKent Police has trained its officers in the new procedure for migrant victims.\n"),
    )
    .unwrap();
    fs::write(
        c.join("essex.txt"),
        format!("Essex Police response\n\n{FOREWORD}\n\nRecommendation 1\n\nEssex Police refers every such victim to a specialist charity within a day.\n"),
    )
    .unwrap();
    fs::write(
        c.join("manifest.toml"),
        "[[document]]\npath = \"report-page.txt\"\nkind = \"reference\"\n\n\
         [[document]]\npath = \"kent.txt\"\nforce = \"Kent Police\"\n\n\
         [[document]]\npath = \"essex.txt\"\nforce = \"Essex Police\"\n",
    )
    .unwrap();
    let index = tempfile::tempdir().unwrap();
    let i = index.path();

    // Two bodies quoting the same foreword of the report have not copied each other.
    let pairs = echoes(c, i, &["reuse", "--pairs", "--format", "json"]);
    assert!(pairs.code <= 1, "{}", pairs.stderr);
    assert_eq!(pairs.json().as_array().unwrap().len(), 0, "{}", pairs.stdout);

    // Without the reference, the same two documents are a finding: the test can fail.
    let without = tempfile::tempdir().unwrap();
    for f in ["kent.txt", "essex.txt"] {
        fs::copy(c.join(f), without.path().join(f)).unwrap();
    }
    let other = tempfile::tempdir().unwrap();
    let pairs = echoes(without.path(), other.path(), &["reuse", "--pairs", "--format", "json"]);
    assert!(!pairs.json().as_array().unwrap().is_empty(), "the foreword is shared: {}", pairs.stdout);

    // docs marks it, with no body.
    let docs = echoes(c, i, &["docs", "--format", "json"]).json();
    let page = docs.as_array().unwrap().iter().find(|d| d["doc"] == "report-page").unwrap();
    assert_eq!(page["reference"], true, "{page}");
    assert!(page["force"].is_null());
    assert!(echoes(c, i, &["docs"]).stdout.contains("(reference)"));

    // Searched under its own role, which the default roles leave out.
    let default = echoes(c, i, &["search", "\"too frightened to report\"", "--limit", "0", "--format", "json"]).json();
    assert!(default.as_array().unwrap().iter().all(|h| h["doc"] != "report-page"), "{default}");
    let asked =
        echoes(c, i, &["search", "\"too frightened to report\"", "--role", "reference", "--format", "json"]).json();
    let asked = asked.as_array().unwrap();
    assert_eq!(asked.len(), 1, "{asked:?}");
    assert_eq!(asked[0]["role"], "reference");

    // Provenance says the foreword is quoted from the reference, by name; the recommendation
    // heading is the report's.
    let provenance = echoes(c, i, &["provenance", "kent", "--format", "json"]).json();
    let kent = &provenance[0];
    let from = kent["quoted_from"].as_array().unwrap();
    let of = |source: &str| from.iter().find(|q| q["source"] == source).map_or(0, |q| q["words"].as_u64().unwrap());
    let foreword_words = FOREWORD.split_whitespace().count() as u64;
    assert!(of("reference report-page") >= foreword_words - 2, "{kent:#}");
    assert_eq!(from[0]["source"], "reference report-page", "{kent:#}");
    assert_eq!(kent["shared"], 0, "{kent:#}");
    let text = echoes(c, i, &["provenance", "kent"]).stdout;
    assert!(text.contains(&format!("reference report-page {}", of("reference report-page"))), "{text}");
}

/// A report's description may name its own text (`text_file` in `reports/<id>.toml`) instead of a
/// manifest entry: that file is then a reference of that report.
#[test]
fn a_report_naming_its_text_file_makes_it_a_reference() {
    let corpus = tempfile::tempdir().unwrap();
    let c = corpus.path();
    fs::create_dir_all(c.join("reports")).unwrap();
    let bundled = fs::read_to_string(common::bundled_corpus().join("recommendations.toml")).unwrap();
    // Top-level keys go before the first table of the file (its deadlines or recommendations).
    let top = |key: &str| bundled.replacen("\n[[", &format!("\n{key}\n\n[["), 1);
    let described = top("text_file = \"pages/report-page.txt\"");
    fs::write(c.join("reports/safe-to-share-2020.toml"), described).unwrap();
    fs::create_dir_all(c.join("pages")).unwrap();
    fs::write(c.join("pages/report-page.txt"), format!("Safe to share? The report\n\n{FOREWORD}\n")).unwrap();
    for (file, force, own) in [
        ("kent.txt", "Kent Police", "Kent Police has trained its officers in the new procedure for migrant victims."),
        ("essex.txt", "Essex Police", "Essex Police refers every such victim to a specialist charity within a day."),
    ] {
        fs::write(c.join(file), format!("{force} response\n\n{FOREWORD}\n\nRecommendation 1\n\n{own}\n")).unwrap();
    }
    common::write_manifest(c, &[("kent.txt", "Kent Police"), ("essex.txt", "Essex Police")]);
    let index = tempfile::tempdir().unwrap();
    let i = index.path();
    let pairs = echoes(c, i, &["reuse", "--pairs", "--format", "json"]);
    assert!(pairs.code <= 1, "{}", pairs.stderr);
    assert_eq!(pairs.json().as_array().unwrap().len(), 0, "{}", pairs.stdout);
    let docs = echoes(c, i, &["docs", "--format", "json"]).json();
    let page = docs.as_array().unwrap().iter().find(|d| d["doc"] == "pages/report-page").expect("the page is read");
    assert_eq!(page["reference"], true, "{page}");
    assert_eq!(page["report"], "safe-to-share-2020", "{page}");
    // A text file that is not there is said, in one note.
    let missing = top("text_file = \"gone.pdf\"");
    fs::write(c.join("reports/safe-to-share-2020.toml"), missing).unwrap();
    let run = echoes(c, i, &["docs"]);
    assert!(run.stderr.contains("names text_file 'gone.pdf', which is not a file of the corpus"), "{}", run.stderr);
}
