//! A template many bodies pasted is one finding: six police and crime commissioners publish one
//! statement (Word documents, dated in the manifest), each with its own edits. `reuse` shows it
//! once: its template, who came first, every occurrence in date order with the words it added and
//! dropped, in text, JSON, CSV and over the web; and it counts in the matrix, in provenance and in
//! `attribute`. The expected values are written here from the texts, never from echoes.

use serde_json::{json, Value};

use crate::common::{docx, echoes};
use crate::server::Server;

/// The statement as the commissioners published it. Its second sentence quotes the report.
const TEMPLATE: &str = "The Commissioner welcomes the publication of this report and thanks the inspectorate for its careful work. \
    We accept that \"victims should be able to report crime without their details being shared for immigration enforcement purposes\". \
    I have asked Chief Constable Rachel Amos to set out, within three months, how the force will put each recommendation into effect, \
    and I will hold the force to account for its progress through my public accountability meetings.";

/// The report the statement answers, written for this test.
const REPORT: &str = r#"report = "reporting-without-fear-2021"
title = "Reporting without fear: victims' data and immigration status"
publisher = "Test Inspectorate"
date = "2020-12"

[[recommendation]]
number = 1
addressee = "To police and crime commissioners"
text = """
Police and crime commissioners should make sure that victims should be able to report crime without their details being shared for immigration enforcement purposes, and publish how they will do so.
"""
"#;

/// One statement: file stem, body, date, its text of the template, a closing sentence of its own.
struct Statement {
    stem: &'static str,
    body: &'static str,
    date: &'static str,
    text: String,
    own: &'static str,
}

/// The six statements, in date order: two as published (the second quoting more of the report),
/// one adding a sentence, one dropping words, one changing a name, one read back from a scan with
/// a word misread and a recommendation made plural.
fn statements() -> Vec<Statement> {
    let t = TEMPLATE.to_string();
    let s = |stem, body, date, text: String, own| Statement { stem, body, date, text, own };
    vec![
        s(
            "northmoor",
            "Northmoor PCC",
            "2021-01-10",
            t.clone(),
            "The minutes of the next panel meeting will be published on our website.",
        ),
        s(
            "eastwold",
            "Eastwold PCC",
            "2021-01-15",
            t.replace("purposes\"", "purposes, and publish how they will do so\""),
            "Residents may write to the office with their views until the end of the month.",
        ),
        s(
            "harrowdale",
            "Harrowdale PCC",
            "2021-01-20",
            format!("{t} Our victim service will also rewrite its referral leaflet in plain English."),
            "The budget for victim services rises by four per cent next year.",
        ),
        s(
            "kestrel",
            "Kestrel Vale PCC",
            "2021-02-01",
            t.replace(" for its careful work", "").replace(" within three months,", ""),
            "A public meeting in the town hall will discuss the findings in March.",
        ),
        s(
            "saltmarsh",
            "Saltmarsh PCC",
            "2021-02-05",
            t.replace("Rachel Amos", "David Okoro"),
            "Our youth commission has asked to present its own response in the spring.",
        ),
        s(
            "brackenhurst",
            "Brackenhurst PCC",
            "2021-02-10",
            t.replace("publication", "publlcation").replace("each recommendation", "each of the recommendations"),
            "The annual report of the office is due before the panel in June.",
        ),
    ]
}

/// What each statement changed, as written above: (added words, dropped words).
fn expected_changes() -> Vec<(Vec<&'static str>, Vec<&'static str>)> {
    let words = |s: &'static str| -> Vec<&'static str> { s.split_whitespace().collect() };
    vec![
        (vec![], vec![]),
        // Words quoted from the report are never a change.
        (vec![], vec![]),
        (words("Our victim service will also rewrite its referral leaflet in plain English"), vec![]),
        (vec![], words("for its careful work within three months")),
        (words("David Okoro"), words("Rachel Amos")),
        // A misread word and an inflection are the same word; "of the" are its own.
        (words("of the"), vec![]),
    ]
}

/// A Word paragraph.
fn para(text: &str) -> String {
    let escaped = text.replace('&', "&amp;").replace('<', "&lt;").replace('"', "&quot;");
    format!("<w:p><w:r><w:t xml:space=\"preserve\">{escaped}</w:t></w:r></w:p>")
}

/// The corpus: each statement a Word document (a heading, the statement, its own closing), the
/// report's recommendations and a manifest giving body and date.
fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut manifest = String::new();
    for s in statements() {
        let heading = format!("Statement by the {} on the report", s.body.replace(" PCC", " commissioner"));
        let body = [heading.as_str(), s.text.as_str(), s.own].map(para).concat();
        std::fs::write(dir.path().join(format!("{}.docx", s.stem)), docx(&body)).unwrap();
        manifest.push_str(&format!(
            "[[document]]\npath = \"{}.docx\"\nforce = \"{}\"\ndate = \"{}\"\n\n",
            s.stem, s.body, s.date
        ));
    }
    std::fs::write(dir.path().join("manifest.toml"), manifest).unwrap();
    std::fs::write(dir.path().join("recommendations.toml"), REPORT).unwrap();
    dir
}

/// An occurrence's words at the byte ranges of `field`, as its text writes them.
fn at(o: &Value, field: &str) -> Vec<String> {
    let text = o["paragraph"]["text"].as_str().unwrap();
    let range = |r: &Value| r[0].as_u64().unwrap() as usize..r[1].as_u64().unwrap() as usize;
    o[field].as_array().unwrap().iter().map(|r| text[range(r)].to_string()).collect()
}

/// An occurrence's added words.
fn added(o: &Value) -> Vec<String> {
    at(o, "added")
}

/// Checks the passages' JSON (from the CLI or the web API).
fn check_json(passages: &Value) {
    let passages = passages.as_array().unwrap();
    assert_eq!(passages.len(), 1, "{passages:?}");
    let p = &passages[0];
    assert_eq!(p["template"], TEMPLATE, "{p}");
    assert_eq!(p["template_words"], TEMPLATE.split_whitespace().count(), "{p}");
    assert_eq!((&p["bodies"], &p["documents"]), (&json!(6), &json!(6)));
    let occ = p["occurrences"].as_array().unwrap();
    let bodies: Vec<&str> = occ.iter().map(|o| o["body"].as_str().unwrap()).collect();
    let expected: Vec<&str> = statements().iter().map(|s| s.body).collect();
    assert_eq!(bodies, expected, "in date order");
    let sources: Vec<bool> = occ.iter().map(|o| o["source"].as_bool().unwrap()).collect();
    assert_eq!(sources, [true, false, false, false, false, false]);
    for ((o, s), (add, drop)) in occ.iter().zip(statements()).zip(expected_changes()) {
        assert_eq!(o["date"], s.date);
        assert_eq!(added(o), add, "{}: {o}", s.body);
        assert_eq!(o["dropped"], json!(drop), "{}: {o}", s.body);
        let near = at(o, "near");
        let expected: &[&str] = if s.stem == "brackenhurst" { &["publlcation", "recommendations"] } else { &[] };
        assert_eq!(near, expected, "{}: {o}", s.body);
    }
}

#[test]
fn a_template_six_bodies_pasted_is_shown_once_with_each_bodys_changes() {
    let corpus = corpus();
    let index = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| echoes(corpus.path(), index.path(), args);
    check_json(&run(&["reuse", "--passages", "--format", "json"]).json());

    let text = run(&["reuse"]);
    assert_eq!(text.code, 0, "{}", text.stderr);
    let lines: Vec<&str> = text.stdout.lines().collect();
    assert!(
        lines[0].ends_with(
            "template of 6 bodies, 6 documents, 6 occurrences · strongest 1.00 · first: Northmoor PCC, 2021-01-10"
        ),
        "{}",
        text.stdout
    );
    let shown: String = TEMPLATE.chars().take(160).collect();
    assert_eq!(lines[1], format!("  \"{shown}…\""));
    let notes = [
        "likely source (earliest dated); the template as is",
        "the template as is",
        "+12 −0: +Our victim service will also rewrite its referral …",
        "+0 −7: −for its careful work … within three months",
        "+2 −2: +David Okoro −Rachel Amos",
        "+2 −0: +of the; ~2 nearly the same: publlcation recommendations",
    ];
    for (k, (s, note)) in statements().iter().zip(notes).enumerate() {
        let line = lines[2 + k];
        assert!(line.starts_with(&format!("  {}.", k + 1)), "{line}");
        assert!(line.contains(s.body) && line.contains(s.date) && line.ends_with(note), "{line}");
    }
    assert!(text.stdout.contains("1 passage, from 15 findings"), "{}", text.stdout);

    // CSV: one row per occurrence, the template on each, the words added and dropped.
    let csv = run(&["reuse", "--passages", "--format", "csv"]).stdout;
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 6);
    for ((row, s), (add, drop)) in rows.iter().zip(statements()).zip(expected_changes()) {
        assert_eq!(&row[col("template")], TEMPLATE);
        assert_eq!(&row[col("body")], s.body);
        assert_eq!(&row[col("added")], add.join(" "));
        assert_eq!(&row[col("dropped")], drop.join(" "));
        let near = if s.stem == "brackenhurst" { "publlcation recommendations" } else { "" };
        assert_eq!(&row[col("near")], near);
    }

    // --pairs still expands it pair by pair: the six statements, two by two.
    let pairs = run(&["reuse", "--pairs", "--format", "json"]).json();
    assert_eq!(pairs.as_array().unwrap().len(), 15);
}

#[test]
fn a_template_counts_in_the_matrix_in_provenance_and_in_attribute() {
    let corpus = corpus();
    let index = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| echoes(corpus.path(), index.path(), args).json();
    let bodies: Vec<&str> = statements().iter().map(|s| s.body).collect();
    // The matrix: most of every body's own words are found in every other's.
    let matrix = run(&["matrix", "--format", "json"]);
    let cells = matrix["cells"].as_array().unwrap();
    for a in &bodies {
        for b in bodies.iter().filter(|b| *b != a) {
            let cell = cells.iter().find(|c| c["from"] == *a && c["to"] == *b);
            let share = cell.and_then(|c| c["share"].as_f64()).unwrap_or(0.0);
            assert!(share > 0.5, "{a} → {b}: {cell:?}");
        }
    }
    // Provenance: the statement is shared, not own, and not stock, in every document.
    let provenance = run(&["provenance", "--format", "json"]);
    for d in provenance.as_array().unwrap() {
        let with: Vec<&str> =
            d["shared_with"].as_array().unwrap().iter().map(|w| w["body"].as_str().unwrap()).collect();
        assert_eq!(with.len(), 5, "{d}");
        let words = d["words"].as_u64().unwrap();
        assert!(d["shared"].as_u64().unwrap() * 2 > words && d["stock"] == 0, "{d}");
    }
    // Attribute: the statement that dropped words shares them with all five others.
    let ranked = run(&["attribute", "kestrel", "--format", "json"]);
    let mut found: Vec<&str> = ranked.as_array().unwrap().iter().map(|r| r["body"].as_str().unwrap()).collect();
    found.sort();
    let mut others: Vec<&str> = bodies.iter().copied().filter(|b| *b != "Kestrel Vale PCC").collect();
    others.sort();
    assert_eq!(found, others);
}

#[test]
fn the_web_shows_the_template_and_each_occurrences_added_words() {
    let corpus = corpus();
    let s = Server::start_with(corpus.path(), &[]);
    check_json(&s.json("/api/reuse?passages=true"));
    let (status, page) = s.request("GET", "/reuse");
    assert_eq!(status, 200);
    let escaped = TEMPLATE.replace('"', "&quot;");
    assert!(page.contains(&format!("<blockquote class=\"template\">{escaped}</blockquote>")), "{page}");
    assert!(page.contains("first: Northmoor PCC, 2021-01-10"));
    assert!(page.contains("Constable <span class=\"added\">David Okoro</span> to set out"), "{page}");
    let english =
        "<span class=\"added\">Our victim service will also rewrite its referral leaflet in plain English</span>.";
    assert!(page.contains(english), "{page}");
    assert!(page.contains("<span class=\"dropped\">−Rachel Amos</span>"), "{page}");
    assert_eq!(page.matches("the template as is").count(), 2, "{page}");
    assert!(page.contains("<span class=\"near\">publlcation</span>") && page.contains("2 nearly the same"), "{page}");
}

/// A template each body fills in with its own area: web pages, none dated.
const FILLED: &str =
    "The Police and Crime Commissioner for {} has agreed a joint plan with the chief constable so that \
    every victim who reports a crime is told within five days who will keep them informed, and how often, \
    until the case is closed.";

#[test]
fn a_slot_each_body_fills_in_is_a_gap_in_the_template_and_undated_copies_name_no_first() {
    let dir = tempfile::tempdir().unwrap();
    let areas = ["Westmarch", "Lowfield", "Cray Valley", "Ashby", "Penmoor"];
    let mut manifest = String::new();
    for area in areas {
        let stem = area.to_lowercase().replace(' ', "-");
        let page = format!(
            "<html><head><title>{area} commissioner: victims' plan</title></head><body><main><h1>Victims' plan</h1>\
             <p>{}</p><p>Contact the {area} office for a copy of the plan in another language.</p></main></body></html>",
            FILLED.replace("{}", area)
        );
        std::fs::write(dir.path().join(format!("{stem}.html")), page).unwrap();
        manifest.push_str(&format!("[[document]]\npath = \"{stem}.html\"\nforce = \"{area} PCC\"\n\n"));
    }
    std::fs::write(dir.path().join("manifest.toml"), manifest).unwrap();
    std::fs::write(dir.path().join("recommendations.toml"), REPORT).unwrap();
    let index = tempfile::tempdir().unwrap();
    let json = echoes(dir.path(), index.path(), &["reuse", "--passages", "--format", "json"]).json();
    let filled: Vec<&Value> =
        json.as_array().unwrap().iter().filter(|p| p["text"].as_str().unwrap().contains("joint plan")).collect();
    assert_eq!(filled.len(), 1, "{json}");
    let p = filled[0];
    assert_eq!(p["template"], FILLED.replace("{}", "…"), "{p}");
    let occ = p["occurrences"].as_array().unwrap();
    assert_eq!(occ.len(), 5);
    for o in occ {
        let body = o["body"].as_str().unwrap();
        let area = body.strip_suffix(" PCC").unwrap();
        assert_eq!(added(o).join(" "), area, "{o}");
        assert_eq!(o["dropped"], json!([]), "{o}");
        assert_eq!((&o["date"], &o["source"]), (&Value::Null, &json!(false)));
    }
    let text = echoes(dir.path(), index.path(), &["reuse"]).stdout;
    let head = text.lines().find(|l| l.contains("template of 5 bodies")).unwrap_or_else(|| panic!("{text}"));
    assert!(head.ends_with("first: unknown (undated)"), "{head}");
    assert!(text.contains("+2 −0: +Cray Valley"), "{text}");
}
