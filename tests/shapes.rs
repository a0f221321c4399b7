//! Every body's own words, whatever the document's shape: a letter answering in prose, a
//! statement with no recommendation headings, numbered response tables (tab-separated, web page,
//! Word, ruled PDF over a page break), furniture glued to prose, and answers in the same paragraph
//! as the quotation they answer. Fixtures in
//! `tests/fixtures/shapes`; the Word and PDF tables are built here from the same rows.

use std::fs;
use std::path::{Path, PathBuf};

use crate::common::{bundled_corpus, docx, echoes, pdf, wrap, Pages};
use serde_json::Value;

fn shapes() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/shapes")
}

/// A corpus of some shape fixtures (and extra files), with the bundled recommendations.
fn corpus(files: &[&str], extra: &[(&str, Vec<u8>)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(bundled_corpus().join("recommendations.toml"), dir.path().join("recommendations.toml")).unwrap();
    for f in files {
        fs::copy(shapes().join(f), dir.path().join(f)).unwrap();
    }
    for (name, bytes) in extra {
        fs::write(dir.path().join(name), bytes).unwrap();
    }
    dir
}

fn json(corpus: &Path, index: &Path, args: &[&str]) -> Value {
    let mut args = args.to_vec();
    args.extend(["--format", "json"]);
    let run = echoes(corpus, index, &args);
    assert!(run.code == 0 || run.code == 1, "{args:?}: {}", run.stderr);
    if run.code == 1 && run.stdout.trim().is_empty() {
        return Value::Array(Vec::new());
    }
    run.json()
}

fn paragraphs(corpus: &Path, index: &Path, doc: &str) -> Vec<Value> {
    json(corpus, index, &["show", doc]).as_array().unwrap().clone()
}

/// The paragraph of `doc` whose text starts with `start`.
fn paragraph<'a>(paras: &'a [Value], start: &str) -> &'a Value {
    paras
        .iter()
        .find(|p| p["text"].as_str().unwrap().starts_with(start))
        .unwrap_or_else(|| panic!("no paragraph starting {start:?} in {paras:#?}"))
}

fn recs(p: &Value) -> Vec<u64> {
    p["recommendations"].as_array().unwrap().iter().map(|n| n.as_u64().unwrap()).collect()
}

/// Whether a finding of `reuse --format json` pairs documents `a` and `b` (either way round) on a
/// paragraph holding `words`.
fn found_between(found: &Value, a: &str, b: &str, words: &str) -> bool {
    found.as_array().unwrap().iter().any(|f| {
        let docs = [f["a"]["doc"].as_str().unwrap(), f["b"]["doc"].as_str().unwrap()];
        docs.contains(&a) && docs.contains(&b) && f["a"]["text"].as_str().unwrap().contains(words)
    })
}

/// The paragraph starting `start`, checked to have this role and to answer only `rec`.
fn with_role<'a>(paras: &'a [Value], start: &str, role: &str, rec: u64) -> &'a Value {
    let p = paragraph(paras, start);
    assert_eq!((p["role"].as_str(), recs(p)), (Some(role), vec![rec]), "{p}");
    p
}

#[test]
fn a_letter_answers_the_recommendations_it_names_and_its_own_words_are_compared() {
    let c = corpus(&["durham-letter.txt", "cleveland-statement.html"], &[]);
    let index = tempfile::tempdir().unwrap();
    let docs = json(c.path(), index.path(), &["docs"]);
    let durham = docs.as_array().unwrap().iter().find(|d| d["doc"] == "durham-letter").unwrap();
    assert_eq!(durham["force"], "Durham Constabulary");
    assert_eq!(durham["recommendations"], serde_json::json!([1, 4, 5]));
    assert!(!durham["doubts"].as_array().unwrap().iter().any(|d| d == "no response found"), "{durham}");
    let cleveland = docs.as_array().unwrap().iter().find(|d| d["doc"] == "cleveland-statement").unwrap();
    assert!(!cleveland["doubts"].as_array().unwrap().iter().any(|d| d == "no response found"), "{cleveland}");

    let paras = paragraphs(c.path(), index.path(), "durham-letter");
    let opening = paragraph(&paras, "Your letter of 24 November 2021");
    assert_eq!((opening["role"].as_str(), recs(opening)), (Some("response"), vec![1, 4, 5]));
    let rec4 = paragraph(&paras, "In relation to recommendation 4");
    assert_eq!((rec4["role"].as_str(), recs(rec4)), (Some("response"), vec![4]));
    let general = paragraph(&paras, "While I intend to await");
    assert_eq!((general["role"].as_str(), general["recommendation"].is_null()), (Some("preamble"), true));
    // Found under each recommendation it names.
    for rec in ["1", "4", "5"] {
        let hits = json(c.path(), index.path(), &["search", "\"requested an update\"", "--rec", rec]);
        assert_eq!(hits.as_array().unwrap().len(), 1, "--rec {rec}");
    }

    // The letter and the statement share a passage, with the force's name swapped: neither is
    // headed by a recommendation, and it is found all the same.
    let found = json(c.path(), index.path(), &["reuse"]);
    let pair = found
        .as_array()
        .unwrap()
        .iter()
        .find(|f| {
            [&f["a"]["doc"], &f["b"]["doc"]].iter().any(|d| *d == "durham-letter")
                && [&f["a"]["doc"], &f["b"]["doc"]].iter().any(|d| *d == "cleveland-statement")
        })
        .unwrap_or_else(|| panic!("letter and statement not paired: {found:#}"));
    assert_eq!(pair["kind"], "verbatim", "{pair:#}");
    assert!(pair["shared_words"].as_u64().unwrap() >= 45, "{pair:#}");
    assert!(pair["a"]["text"].as_str().unwrap().contains("insecure immigration status"));
    // Each side says its role; the statement's side is a preamble (own words under no heading).
    let roles: Vec<&str> = [&pair["a"]["role"], &pair["b"]["role"]].iter().map(|r| r.as_str().unwrap()).collect();
    assert!(roles.contains(&"preamble"), "{roles:?}");
    // Narrowed to responses only, the statement is not compared.
    let responses = json(c.path(), index.path(), &["reuse", "--role", "response"]);
    assert!(responses
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["a"]["doc"] != "cleveland-statement" && f["b"]["doc"] != "cleveland-statement"));
    // Quotation and furniture are never compared.
    let run = echoes(c.path(), index.path(), &["reuse", "--role", "chrome"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("never compared"), "{}", run.stderr);
}

/// The rows of a numbered response table: number, recommendation, response, status.
const ROWS: &[(&str, &str, &str, &str)] = &[
    ("1", "Where officers only have concerns or doubts about a victim's immigration status, stop sharing information on domestic abuse victims with Immigration Enforcement.", "Kent Police issued a force order in March 2021 stopping the routine sharing of victim information with Immigration Enforcement where the only concern is a doubt about immigration status.", "Complete"),
    ("4", "Ensure that all migrant victims and witnesses of crime are effectively supported through safe reporting pathways.", "Kent Police has trained its victim care officers to offer every migrant victim an independent advocate and explains in writing how to report a crime without any contact with Immigration Enforcement.", "Green"),
    ("5", "Promote migrant victims' and witnesses' confidence in reporting crimes to the police.", "Neighbourhood officers in Kent attend community events each month to explain that victims will always be treated as victims first, and the force has published its position on its website for everyone to read.", "Ongoing"),
    ("8", "Provide an update to HM Chief Inspector of Constabulary within six months.", "This table is the update Kent Police provided to HM Chief Inspector of Constabulary in June 2021, and it will be refreshed each year.", "Complete"),
];

/// What reading [`ROWS`] back must give: each response (by its first words), its recommendation
/// and its status.
fn expected_rows() -> Vec<(&'static str, u64, &'static str)> {
    ROWS.iter()
        .map(|(n, _, response, status)| {
            let start = response.match_indices(' ').nth(3).map_or(*response, |(i, _)| &response[..i]);
            (start, n.parse().unwrap(), *status)
        })
        .collect()
}

/// Checks a table's rows: each response is a `response` paragraph of its row's recommendation,
/// with its status.
fn rows_read_as_rows(c: &Path, doc: &str, responses: &[(&str, u64, &str)]) {
    let index = tempfile::tempdir().unwrap();
    let docs = json(c, index.path(), &["docs"]);
    let d = docs.as_array().unwrap().iter().find(|d| d["doc"] == doc).unwrap_or_else(|| panic!("{doc}: {docs:#}"));
    let wanted: Vec<u64> = responses.iter().map(|r| r.1).collect();
    assert_eq!(d["recommendations"], serde_json::json!(wanted), "{doc}");
    let paras = paragraphs(c, index.path(), doc);
    for (start, rec, status) in responses {
        let p = paragraph(&paras, start);
        assert_eq!((p["role"].as_str(), p["recommendation"].as_u64()), (Some("response"), Some(*rec)), "{doc}: {p}");
        assert_eq!(p["status"].as_str(), Some(*status), "{doc}: {p}");
    }
    // No status word is taken for response prose.
    assert!(paras.iter().filter(|p| p["role"] == "response").all(|p| p["text"]
        .as_str()
        .unwrap()
        .split_whitespace()
        .count()
        > 3));
}

#[test]
fn numbered_tables_are_read_row_by_row_in_every_format() {
    let c = corpus(&["surrey-table.tsv", "essex-table.html"], &[]);
    rows_read_as_rows(
        c.path(),
        "surrey-table",
        &[
            ("Surrey Police issued a force order", 1, "Complete"),
            ("Our victim and witness service", 4, "Green"),
            ("Neighbourhood teams attend", 5, "Ongoing"),
            ("This table is the update", 8, "Complete"),
        ],
    );
    // The status shows where a user looks: beside the paragraph in `show` and `search`.
    let index = tempfile::tempdir().unwrap();
    let show = echoes(c.path(), index.path(), &["show", "surrey-table"]).stdout;
    assert!(show.lines().any(|l| l.contains("response") && l.contains("rec 4") && l.contains("[Green]")), "{show}");
    let search = echoes(c.path(), index.path(), &["search", "leaflet", "--force", "surrey"]).stdout;
    assert!(search.contains("rec 4  response  [Green]"), "{search}");
    rows_read_as_rows(
        c.path(),
        "essex-table",
        &[
            ("Essex Police has briefed", 1, "Green"),
            ("Our victim and witness service", 4, "Amber"),
            ("Community engagement officers", 5, "Green"),
        ],
    );
    // The two tables' answers to recommendation 4 are one answer, lightly edited.
    let index = tempfile::tempdir().unwrap();
    let found = json(c.path(), index.path(), &["reuse"]);
    let f = &found[0];
    assert_eq!(f["kind"], "near", "{found:#}");
    assert_eq!((f["a"]["recommendation"].as_u64(), f["b"]["recommendation"].as_u64()), (Some(4), Some(4)));
}

#[test]
fn a_word_table_with_a_numbered_column_yields_each_row() {
    let cell = |t: &str| {
        format!("<w:tc><w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p></w:tc>", t.replace('&', "&amp;"))
    };
    let mut body = String::from(
        "<w:p><w:r><w:t>Kent Police: response to the Safe to Share recommendations</w:t></w:r></w:p><w:tbl>",
    );
    body.push_str(&format!(
        "<w:tr>{}{}{}{}</w:tr>",
        cell("No."),
        cell("Recommendation"),
        cell("Response"),
        cell("Status")
    ));
    for (n, rec, resp, status) in ROWS {
        body.push_str(&format!("<w:tr>{}{}{}{}</w:tr>", cell(n), cell(rec), cell(resp), cell(status)));
    }
    body.push_str("</w:tbl>");
    let c = corpus(&[], &[("kent-table.docx", docx(&body))]);
    rows_read_as_rows(c.path(), "kent-table", &expected_rows());
}

#[test]
fn a_ruled_pdf_table_over_a_page_break_yields_each_row() {
    // Four columns: number at x 40, recommendation at 85, response at 260, status at 480; the third
    // row starts near the bottom of page one and goes on at the top of page two.
    let columns = [(40.0, 4), (85.0, 30), (260.0, 40), (480.0, 10)];
    let mut pages: Pages =
        vec![vec![(40.0, 60.0, "Kent Police: response to the Safe to Share recommendations".to_string())]];
    let mut y = 100.0;
    let header = ["No.", "Recommendation", "Response", "Status"];
    for (i, (x, _)) in columns.iter().enumerate() {
        pages[0].push((*x, y, header[i].to_string()));
    }
    y += 24.0;
    for (n, rec, resp, status) in ROWS {
        let cells: Vec<Vec<String>> =
            [*n, *rec, *resp, *status].iter().zip(columns).map(|(t, (_, w))| wrap(t, w)).collect();
        let height = cells.iter().map(Vec::len).max().unwrap();
        for line in 0..height {
            if y > 770.0 {
                pages.push(Vec::new());
                y = 60.0;
            }
            for (c, (x, _)) in columns.iter().enumerate() {
                if let Some(text) = cells[c].get(line) {
                    pages.last_mut().unwrap().push((*x, y, text.clone()));
                }
            }
            y += 12.0;
        }
        y += if *n == "4" { 460.0 } else { 14.0 };
    }
    assert!(pages.len() >= 2);
    let c = corpus(&[], &[("kent-table.pdf", pdf(&pages, "OFFICIAL"))]);
    // The row cut by the page break is one row again: its response is one paragraph.
    let index = tempfile::tempdir().unwrap();
    let paras = paragraphs(c.path(), index.path(), "kent-table");
    let rec5 = paragraph(&paras, "Neighbourhood officers in Kent");
    assert!(rec5["text"].as_str().unwrap().ends_with("for everyone to read."), "{rec5}");
    rows_read_as_rows(c.path(), "kent-table", &expected_rows());
}

#[test]
fn an_answer_in_the_same_paragraph_as_its_quotation_is_the_bodys_own_and_compared() {
    // Kent quotes each recommendation and answers it on the same line; Thames Valley's table
    // quotes recommendation 1 in its response cell before answering it; Surrey's table has
    // Kent's answer to recommendation 5 word for word; Essex's letter names recommendation 1 in
    // prose, quotes it and answers in the same paragraph with Surrey's words for recommendation 4.
    let letter = "Dear Inspector,\nYour letter of 24 November requested an update on recommendations 1, 4 and 5.\n\
        In relation to recommendation 1, where officers only have concerns or doubts about a victim's immigration \
        status, we recommend that they immediately stop sharing information on domestic abuse victims with \
        Immigration Enforcement. Our victim and witness service now offers every migrant victim an independent \
        advocate, and a leaflet in eleven languages explains how to report a crime without contact with \
        Immigration Enforcement.\n\
        Yours sincerely\nChief Constable\n";
    let c = corpus(
        &["kent-glued.txt", "thames-valley-table.tsv", "surrey-table.tsv"],
        &[("essex-letter.txt", letter.as_bytes().to_vec())],
    );
    let index = tempfile::tempdir().unwrap();
    let kent = paragraphs(c.path(), index.path(), "kent-glued");
    for (quote, answer, rec) in [
        ("Recommendation 1: As an interim measure", "Kent Police stopped routine referrals", 1),
        ("Recommendation 5: With reference to recommendation 1", "Neighbourhood teams attend", 5),
        ("Recommendation 8: Provide an update", "This statement is that update.", 8),
    ] {
        let q = with_role(&kent, quote, "recommendation", rec);
        assert!(!q["text"].as_str().unwrap().contains(answer), "{q}");
        with_role(&kent, answer, "response", rec);
    }
    let thames = paragraphs(c.path(), index.path(), "thames-valley-table");
    let quoted = paragraph(&thames, "As an interim measure");
    assert_eq!(quoted["role"], "recommendation");
    let answer = with_role(&thames, "Thames Valley Police stopped routine referrals", "response", 1);
    assert_eq!(answer["status"], "Complete");
    let essex = paragraphs(c.path(), index.path(), "essex-letter");
    // Less than half of it is quotation: it stays whole, the body's response, its quoted words
    // masked when it is compared.
    with_role(&essex, "In relation to recommendation 1", "response", 1);

    // The copies are found, and no finding is the quotation both bodies share.
    let found = json(c.path(), index.path(), &["reuse"]);
    assert!(found_between(&found, "kent-glued", "thames-valley-table", "stopped routine referrals"), "{found:#}");
    assert!(found_between(&found, "kent-glued", "surrey-table", "Neighbourhood teams"), "{found:#}");
    assert!(found_between(&found, "essex-letter", "surrey-table", "independent advocate"), "{found:#}");
    for f in found.as_array().unwrap() {
        for span in f["spans"].as_array().unwrap() {
            assert!(!span["shared"].as_str().unwrap().contains("stop sharing information"), "{f:#}");
        }
    }
}

#[test]
fn a_status_or_marker_on_the_heading_line_heads_the_answer_after_it() {
    // "Recommendation 1 – Accepted. <answer>", "Recommendation 4 Response: <answer>", "Rec 8:
    // <quotation>. Update: <answer>"; the answer to 4 is Surrey's, word for word.
    let c = corpus(&["devon-statuses.txt", "surrey-table.tsv"], &[]);
    let index = tempfile::tempdir().unwrap();
    let paras = paragraphs(c.path(), index.path(), "devon-statuses");
    for (start, role, rec) in [
        ("Recommendation 1 – Accepted.", "recommendation", 1),
        ("Devon and Cornwall Police stopped referring", "response", 1),
        ("Recommendation 4 Response:", "recommendation", 4),
        ("Our victim and witness service", "response", 4),
        ("Response – Neighbourhood officers", "response", 5),
        ("Rec 8: Provide an update", "recommendation", 8),
        ("Update: this page is that update", "response", 8),
    ] {
        with_role(&paras, start, role, rec);
    }
    assert!(!paragraph(&paras, "Recommendation 1 – Accepted.")["text"].as_str().unwrap().contains("stopped"));
    let found = json(c.path(), index.path(), &["reuse"]);
    assert!(found_between(&found, "devon-statuses", "surrey-table", "independent advocate"), "{found:#}");
}

#[test]
fn furniture_glued_to_prose_is_split_off_and_the_prose_kept() {
    let c = corpus(&["norfolk-page.txt", "durham-letter.txt"], &[]);
    let index = tempfile::tempdir().unwrap();
    let paras = paragraphs(c.path(), index.path(), "norfolk-page");
    let cookies = paragraph(&paras, "We use some essential cookies");
    assert_eq!(cookies["role"], "chrome");
    assert!(!cookies["text"].as_str().unwrap().contains("committed"));
    let prose = paragraph(&paras, "We remain committed");
    assert_eq!(prose["role"], "preamble");
    // The kept prose is compared: it is the Durham letter's closing commitment.
    let found = json(c.path(), index.path(), &["reuse"]);
    assert!(
        found.as_array().unwrap().iter().any(|f| f["a"]["text"].as_str().unwrap().starts_with("We remain committed")),
        "{found:#}"
    );
    // Nothing of the cookie notice is a finding.
    for f in found.as_array().unwrap() {
        for span in f["spans"].as_array().unwrap() {
            assert!(!span["shared"].as_str().unwrap().contains("cookies"), "{f:#}");
        }
    }
}

#[test]
fn word_heading_styles_and_numbered_lists_open_the_recommendations_they_name() {
    let styled = |style: &str, text: &str| {
        format!("<w:p><w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
    };
    let numbered = |id: u32, text: &str| {
        format!("<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"{id}\"/></w:numPr></w:pPr><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
    };
    let plain = |text: &str| format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>");
    let body = [
        styled("Heading1", "Kent Police: our answers"),
        styled("Heading2", "Safe reporting pathways (R4)"),
        plain(
            "Kent Police funds two advocates for migrant victims and publishes its reporting routes in nine languages.",
        ),
        styled("Heading2", "Confidence in reporting (R5)"),
        plain("Officers attend community meetings every month to explain that victims are treated as victims first."),
        // Word numbers this list; the numbers are not in the text.
        numbered(7, "Where officers only have doubts about immigration status"),
        plain(
            "The force order of March 2021 stopped the routine sharing of victims' details with immigration officials.",
        ),
        numbered(8, "A plain list item that is no heading"),
    ]
    .concat();
    let c = corpus(&[], &[("kent-styles.docx", docx(&body))]);
    let index = tempfile::tempdir().unwrap();
    let paras = paragraphs(c.path(), index.path(), "kent-styles");
    let answer = |start: &str| {
        let p = paragraph(&paras, start);
        (p["role"].as_str().unwrap().to_string(), p["recommendation"].as_u64())
    };
    assert_eq!(answer("Kent Police funds two advocates"), ("response".into(), Some(4)));
    assert_eq!(answer("Officers attend community meetings"), ("response".into(), Some(5)));
    assert_eq!(answer("The force order of March 2021"), ("response".into(), Some(1)));
    assert_eq!(paragraph(&paras, "Safe reporting pathways")["role"], "recommendation");
}
