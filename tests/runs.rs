//! Copied runs: consecutive findings between two documents, in the same order on both sides, with
//! only quotation between them, shown as one run; a body's own paragraph between two copies breaks
//! the run.

use crate::common;

use std::fs;

use crate::common::{bundled_corpus, echoes};

#[test]
fn the_unattributed_copy_of_gloucestershire_is_one_run_and_its_covering_letter_stays_apart() {
    let index = tempfile::tempdir().unwrap();
    let c = bundled_corpus();
    let runs = echoes(&c, index.path(), &["reuse", "--runs", "--format", "json"]).json();
    let runs = runs.as_array().unwrap();
    assert_eq!(runs.len(), 1, "{runs:#?}");
    let run = &runs[0];
    let docs = [run["a_doc"].as_str().unwrap(), run["b_doc"].as_str().unwrap()];
    assert_eq!(docs, ["gloucestershire-2021-12", "unattributed-response"]);
    let findings = run["findings"].as_array().unwrap();
    let recs: Vec<u64> = findings.iter().filter_map(|f| f["a"]["recommendation"].as_u64()).collect();
    for rec in [4, 5, 8] {
        assert!(recs.contains(&rec), "the run covers the answer to {rec}: {recs:?}");
    }
    // In the same order on both sides.
    let order = |side: &str| findings.iter().map(|f| f[side]["paragraph"].as_u64().unwrap()).collect::<Vec<_>>();
    for side in ["a", "b"] {
        let o = order(side);
        assert!(o.windows(2).all(|w| w[0] < w[1]), "{side}: {o:?}");
    }
    // The quoted recommendations between the answers stand inside the run, marked.
    let quoted = run["quoted_a"].as_array().unwrap();
    assert!(!quoted.is_empty());
    let paragraphs = echoes(&c, index.path(), &["show", "gloucestershire-2021-12", "--format", "json"]).json();
    let role_of = |id: &str| {
        paragraphs.as_array().unwrap().iter().find(|p| p["id"] == id).map(|p| p["role"].as_str().unwrap().to_string())
    };
    for id in quoted {
        let role = role_of(id.as_str().unwrap()).unwrap();
        assert!(role != "response" && role != "preamble", "{id} is {role}");
    }
    // Gloucestershire's covering letter is not in the run.
    assert!(findings.iter().all(|f| f["a"]["id"] != "gloucestershire-2021-12:12"));
    // The pairwise list is still there, and the run's score is that of its words as a whole.
    let pairs = echoes(&c, index.path(), &["reuse", "--pairs", "--format", "json"]).json();
    assert_eq!(pairs.as_array().unwrap().len(), 22);
    let total: u64 = findings.iter().map(|f| f["shared_words"].as_u64().unwrap()).sum();
    assert_eq!(run["shared_words"].as_u64(), Some(total));
    // The text output shows the run before the passages.
    let text = echoes(&c, index.path(), &["reuse"]).stdout;
    assert!(text.starts_with("Copied runs: 1 run"), "{text}");
}

#[test]
fn an_own_paragraph_between_two_copies_breaks_the_run() {
    let corpus = tempfile::tempdir().unwrap();
    let c = corpus.path();
    let first = "Officers now record the reason for any contact with the Home Office on the crime record, reviewed by a supervisor within seven days.";
    let second = "Every migrant victim is offered a referral to a specialist charity before any other step of the investigation is taken by officers.";
    fs::write(
        c.join("kent.txt"),
        format!("Kent Police response\n\nRecommendation 1\n\n{first}\n\nRecommendation 4\n\n{second}\n"),
    )
    .unwrap();
    fs::write(
        c.join("essex.txt"),
        format!(
            "Essex Police response\n\nRecommendation 1\n\n{first}\n\nEssex Police has also set up a victims' panel that meets monthly with the local charities and the commissioner's office.\n\nRecommendation 4\n\n{second}\n"
        ),
    )
    .unwrap();
    common::write_manifest(c, &[("kent.txt", "Kent Police"), ("essex.txt", "Essex Police")]);
    let index = tempfile::tempdir().unwrap();
    let pairs = echoes(c, index.path(), &["reuse", "--pairs", "--format", "json"]).json();
    assert_eq!(pairs.as_array().unwrap().len(), 2, "{pairs:#}");
    let run = echoes(c, index.path(), &["reuse", "--runs", "--format", "json"]);
    assert_eq!(run.json().as_array().unwrap().len(), 0, "{}", run.stdout);
    assert_eq!(run.code, 1);
    // Without the Essex paragraph of its own, the two copies are one run.
    let essex = fs::read_to_string(c.join("essex.txt")).unwrap();
    let kept: Vec<&str> = essex.split("\n\n").filter(|p| !p.contains("victims' panel")).collect();
    fs::write(c.join("essex.txt"), kept.join("\n\n")).unwrap();
    let run = echoes(c, index.path(), &["reuse", "--runs", "--format", "json"]).json();
    assert_eq!(run.as_array().unwrap().len(), 1, "{run:#}");
}

/// A body answering in a table and one answering in a letter: the copied answers are one run,
/// though the table's row numbers and status cells stand between them.
#[test]
fn answers_copied_from_a_table_into_a_letter_are_one_run() {
    let corpus = tempfile::tempdir().unwrap();
    let c = corpus.path();
    let answers = [
        (1, "Officers now refer every victim whose status is in doubt to the Migrant Help advocacy line, and no referral to Immigration Enforcement is made without a supervisor's written approval."),
        (4, "A new safe reporting policy was written with Southall Black Sisters and the local refuge network; it sets out when information may be shared and requires officers to tell the victim first."),
        (5, "The Commissioner has funded two community engagement workers who hold monthly surgeries at the Polish centre and the mosque, explaining that reporting a crime will not lead to enforcement."),
    ];
    let mut table = String::from("No.,Recommendation,Response,Status\n");
    for (n, answer) in answers {
        let rec = format!("Recommendation {n} of the report, as the inspectorate made it");
        table.push_str(&format!("{n},\"{rec}\",\"{answer}\",Complete\n"));
    }
    fs::write(c.join("kent.csv"), table).unwrap();
    let mut letter = String::from(
        "Dear Sir Andy,\n\nYour letter requested an update on Recommendations 1, 4 and 5. Our progress is set out below.\n\n",
    );
    for (n, answer) in answers {
        letter.push_str(&format!("Recommendation {n}\n\n{answer}\n\n"));
    }
    letter.push_str("Yours sincerely,\n\nPolice and Crime Commissioner\n");
    fs::write(c.join("essex.txt"), letter).unwrap();
    common::write_manifest(c, &[("kent.csv", "Kent Police"), ("essex.txt", "Essex Police")]);
    let index = tempfile::tempdir().unwrap();
    let runs = echoes(c, index.path(), &["reuse", "--runs", "--format", "json"]).json();
    let runs = runs.as_array().unwrap();
    assert_eq!(runs.len(), 1, "{runs:#?}");
    assert_eq!(runs[0]["findings"].as_array().unwrap().len(), 3, "{:#}", runs[0]);
    // The status cells stand inside the run, on the table's side, as what is between.
    let show = echoes(c, index.path(), &["show", "kent", "--format", "json"]).json();
    let complete: Vec<&str> = show
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["text"] == "Complete")
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert!(!complete.is_empty(), "{show:#}");
    let between: Vec<&str> = runs[0]["quoted_a"]
        .as_array()
        .unwrap()
        .iter()
        .chain(runs[0]["quoted_b"].as_array().unwrap())
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(complete.iter().filter(|id| between.contains(id)).count() >= 2, "{between:?} {complete:?}");
    // An own paragraph of more words than a label still breaks it.
    let longer = fs::read_to_string(c.join("kent.csv"))
        .unwrap()
        .replace(",Complete\n", ",Complete in every district of the county\n");
    fs::write(c.join("kent.csv"), longer).unwrap();
    let runs = echoes(c, index.path(), &["reuse", "--runs", "--format", "json"]).json();
    assert_eq!(runs.as_array().unwrap().len(), 0, "{runs:#}");
}

/// The report shows the run as one passage on both sides: its extent, every paragraph of it with
/// the shared words marked and the quotation between greyed; and it says who the unattributed
/// document's likely author is.
#[test]
fn the_report_shows_the_run_side_by_side_and_attributes_the_unattributed_document() {
    let index = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let c = bundled_corpus();
    let runs = echoes(&c, index.path(), &["reuse", "--runs", "--format", "json"]).json();
    let run = &runs.as_array().unwrap()[0];
    let id = run["id"].as_str().unwrap();
    let html = out.path().join("report.html");
    let made = echoes(&c, index.path(), &["report", "--out", html.to_str().unwrap()]);
    assert_eq!(made.code, 0, "{}", made.stderr);
    let html = fs::read_to_string(html).unwrap();
    let section = |id: &str| {
        let start = html.find(&format!("<section id=\"{id}\">")).unwrap_or_else(|| panic!("a {id} section"));
        &html[start..start + html[start..].find("</section>").unwrap()]
    };
    let runs_html = section("runs");
    assert!(runs_html.contains(&format!("id=\"{id}\"")), "{runs_html}");
    let number = |v: &serde_json::Value| v.as_str().unwrap().rsplit(':').next().unwrap().to_string();
    for (doc, side) in [("a_doc", "a"), ("b_doc", "b")] {
        let extent = format!("{} :{}–:{}", run[doc].as_str().unwrap(), number(&run[side][0]), number(&run[side][1]));
        assert!(runs_html.contains(&extent), "{extent}: {runs_html}");
    }
    // Every paragraph of the run stands in it: the copied ones marked, the quoted ones greyed whole.
    for f in run["findings"].as_array().unwrap() {
        let start: String = f["a"]["text"].as_str().unwrap().chars().take(30).collect();
        assert!(runs_html.contains(&format!("<mark class=\"shared\">{start}")), "{start}");
    }
    assert!(runs_html.contains("<span class=\"quoted\">Recommendation 5."), "{runs_html}");
    // No difference is marked on a space.
    assert!(!runs_html.contains("<span class=\"diff\"> </span>"), "{runs_html}");
    let attribution = section("attribution");
    let reading = "unattributed-response is more likely Gloucestershire Constabulary&#39;s own other copy";
    assert!(attribution.contains(reading), "{attribution}");
    assert!(html.contains("<a href=\"#runs\">Copied runs</a>") && html.contains("<a href=\"#attribution\">"));
}
