//! Word documents carrying the text of seed documents give the same forces, recommendations and
//! response paragraphs as the seeds themselves.

use std::fs;
use std::path::Path;

use crate::common::{bundled_corpus, docx, echoes, pdf, wrap, Pages};
use echoes::readers::html::read_fragment;
use serde_json::Value;

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

fn paragraph(text: &str) -> String {
    format!("<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>", xml_escape(text))
}

/// A seed's text as Word paragraphs, and its tab-separated rows as a Word table whose cells hold
/// the paragraphs of the row's HTML.
fn seed_as_docx(seed: &str) -> Vec<u8> {
    let mut body = String::new();
    let mut in_table = false;
    for line in seed.lines().filter(|l| !l.trim().is_empty()) {
        if line.contains('\t') {
            if !in_table {
                body.push_str("<w:tbl>");
                in_table = true;
            }
            body.push_str("<w:tr>");
            for cell in line.split('\t') {
                body.push_str("<w:tc>");
                for block in read_fragment(cell, 1) {
                    body.push_str(&paragraph(&block.text));
                }
                body.push_str("</w:tc>");
            }
            body.push_str("</w:tr>");
        } else {
            if in_table {
                body.push_str("</w:tbl>");
                in_table = false;
            }
            body.push_str(&paragraph(line.trim()));
        }
    }
    if in_table {
        body.push_str("</w:tbl>");
    }
    docx(&body)
}

/// The document's force and recommendations, and its response paragraphs' texts.
fn reading(corpus: &Path) -> (Value, Value, Vec<String>) {
    let index = tempfile::tempdir().unwrap();
    let docs = echoes(corpus, index.path(), &["docs", "--format", "json"]).json();
    let doc = &docs[0];
    let export = echoes(corpus, index.path(), &["export"]);
    let responses = export
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|p| p["role"] == "response")
        .map(|p| p["text"].as_str().unwrap().split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    (doc["force"].clone(), doc["recommendations"].clone(), responses)
}

#[test]
fn word_documents_read_like_their_text() {
    for seed in ["gloucestershire-2021-12.txt", "south-yorkshire-2021-05.txt"] {
        let text = fs::read_to_string(bundled_corpus().join(seed)).unwrap();
        let as_text = tempfile::tempdir().unwrap();
        fs::write(as_text.path().join("response.txt"), &text).unwrap();
        let as_word = tempfile::tempdir().unwrap();
        fs::write(as_word.path().join("response.docx"), seed_as_docx(&text)).unwrap();

        let (force, recs, responses) = reading(as_text.path());
        let (w_force, w_recs, w_responses) = reading(as_word.path());
        assert_eq!(w_force, force, "{seed}");
        assert!(!force.is_null(), "{seed}");
        assert_eq!(w_recs, recs, "{seed}");
        assert!(responses.len() >= 6, "{seed}");
        assert_eq!(w_responses, responses, "{seed}");
    }
}

#[test]
fn a_word_document_is_recognised_by_its_content_and_a_broken_one_is_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let body = [
        "Kent Police response to the Safe to share? report",
        "Recommendation 1. To chief constables",
        "Force response",
        "Kent Police will stop sharing victims’ details with Immigration Enforcement.",
    ]
    .map(paragraph)
    .concat();
    fs::write(dir.path().join("kent-saved-as.bin"), docx(&body)).unwrap();
    fs::write(dir.path().join("kent.docx"), docx(&body).into_iter().take(40).collect::<Vec<u8>>()).unwrap();
    let index = tempfile::tempdir().unwrap();
    let run = echoes(dir.path(), index.path(), &["index", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report = run.json();
    let skipped = report["skipped"].as_array().unwrap();
    // The .bin extension is not read; the truncated .docx is named and explained.
    assert!(skipped.iter().any(|s| s["path"] == "kent-saved-as.bin"));
    let broken = skipped.iter().find(|s| s["path"] == "kent.docx").expect("the broken docx is reported");
    assert!(
        broken["reason"].as_str().unwrap().contains("not text") || broken["reason"].as_str().unwrap().contains("Word")
    );

    fs::rename(dir.path().join("kent-saved-as.bin"), dir.path().join("kent-saved-as.txt")).unwrap();
    let docs = echoes(dir.path(), index.path(), &["docs", "--format", "json"]).json();
    let kent = docs.as_array().unwrap().iter().find(|d| d["path"] == "kent-saved-as.txt").unwrap();
    assert_eq!(kent["force"], "Kent Police");
    assert_eq!(kent["recommendations"], serde_json::json!([1]));
    assert_eq!(kent["paragraphs"]["response"], 1);
    assert!(kent["format"].as_str().unwrap().starts_with("docx"));
}

#[test]
fn a_saved_page_with_an_answer_table_is_read_row_by_row() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(bundled_corpus().join("recommendations.toml"), dir.path().join("recommendations.toml")).unwrap();
    let page = r#"<!DOCTYPE html><html><head><title>Our response | Kent Police</title></head><body>
<header><nav><a href="/">Home</a> | <a href="/news">News</a></nav></header>
<div id="cookie-banner"><p>We use cookies to make this site work. Accept all cookies</p></div>
<main><h1>Kent Police response to Safe to share?</h1>
<table>
<tr><th>Recommendation</th><th>Kent Police response</th></tr>
<tr><td><p>Recommendation 1. To chief constables</p><p>As an interim measure, pending the outcome of recommendation 2, where officers only have concerns or doubts about a victim’s immigration status, we recommend that they immediately stop sharing information on domestic abuse victims with Immigration Enforcement.</p></td>
<td><p>Kent Police stopped routine sharing in January and now refers victims to specialist support.</p></td></tr>
<tr><td><p>Recommendation 4. To chief constables</p></td><td><p>Kent Police has briefed every neighbourhood team on the new pathway.</p></td></tr>
</table></main>
<footer><p>Contact us · Accessibility · Privacy</p></footer></body></html>"#;
    fs::write(dir.path().join("kent.html"), page).unwrap();
    let index = tempfile::tempdir().unwrap();
    let docs = echoes(dir.path(), index.path(), &["docs", "--format", "json"]).json();
    assert_eq!(docs[0]["force"], "Kent Police");
    assert_eq!(docs[0]["recommendations"], serde_json::json!([1, 4]));
    let export = echoes(dir.path(), index.path(), &["export"]);
    let paras: Vec<Value> = export.stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let role_of = |start: &str| {
        let p =
            paras.iter().find(|p| p["text"].as_str().unwrap().starts_with(start)).unwrap_or_else(|| panic!("{start}"));
        (p["role"].as_str().unwrap().to_string(), p["recommendation"].clone())
    };
    assert_eq!(role_of("Kent Police stopped routine sharing"), ("response".into(), Value::from(1)));
    assert_eq!(role_of("Kent Police has briefed"), ("response".into(), Value::from(4)));
    assert_eq!(role_of("As an interim measure"), ("recommendation".into(), Value::from(1)));
    assert_eq!(role_of("We use cookies").0, "chrome");
    assert_eq!(role_of("Home | News").0, "chrome");
    assert_eq!(role_of("Contact us").0, "chrome");
}

const TOP: f64 = 60.0;
const BOTTOM: f64 = 780.0;
const LEADING: f64 = 12.0;

/// Lays out a seed on A4 pages: prose wrapped at 80 characters with a blank line between
/// paragraphs; table rows (tab-separated, cells holding HTML) as two columns, left at x 40 and
/// right at x 300, each cell's paragraphs wrapped at 40 characters, a row never split over pages.
fn layout(seed: &str) -> Pages {
    let mut pages: Pages = vec![Vec::new()];
    let mut y = TOP;
    let place = |pages: &mut Pages, y: &mut f64, height: f64| {
        if *y + height > BOTTOM {
            pages.push(Vec::new());
            *y = TOP;
        }
    };
    for line in seed.lines().filter(|l| !l.trim().is_empty()) {
        if line.contains('\t') || line.trim_start().starts_with('<') {
            let columns: Vec<Vec<String>> = line
                .split('\t')
                .take(2)
                .map(|cell| {
                    let mut out = Vec::new();
                    for block in read_fragment(cell, 1) {
                        if !out.is_empty() {
                            out.push(String::new());
                        }
                        out.extend(wrap(&block.text, 40));
                    }
                    out
                })
                .collect();
            let height = columns.iter().map(Vec::len).max().unwrap_or(0) as f64 * LEADING;
            place(&mut pages, &mut y, height);
            for (c, lines) in columns.iter().enumerate() {
                let x = if c == 0 { 40.0 } else { 300.0 };
                for (i, l) in lines.iter().enumerate().filter(|(_, l)| !l.is_empty()) {
                    pages.last_mut().unwrap().push((x, y + i as f64 * LEADING, l.clone()));
                }
            }
            y += height + 2.0 * LEADING;
        } else {
            for l in wrap(line.trim(), 80) {
                place(&mut pages, &mut y, LEADING);
                pages.last_mut().unwrap().push((40.0, y, l));
                y += LEADING;
            }
            y += LEADING;
        }
    }
    pages
}

#[test]
fn pdfs_read_like_their_text() {
    for (seed, header) in [
        ("gloucestershire-2021-12.txt", "Gloucestershire Constabulary · OFFICIAL"),
        ("unattributed-response.txt", "OFFICIAL"),
    ] {
        let text = fs::read_to_string(bundled_corpus().join(seed)).unwrap();
        let as_text = tempfile::tempdir().unwrap();
        fs::write(as_text.path().join("response.txt"), &text).unwrap();
        let as_pdf = tempfile::tempdir().unwrap();
        let pdf = pdf(&layout(&text), header);
        fs::write(as_pdf.path().join("response.pdf"), &pdf).unwrap();

        let (force, recs, responses) = reading(as_text.path());
        let (p_force, p_recs, p_responses) = reading(as_pdf.path());
        assert_eq!(p_force, force, "{seed}");
        assert_eq!(p_recs, recs, "{seed}");
        assert!(responses.len() >= 6, "{seed}");
        assert_eq!(p_responses, responses, "{seed}");
    }
}

/// The same response, hard-wrapped, as a PDF and as plain text: a compound broken at its hyphen
/// at a line end (`information-` / `sharing`) keeps the hyphen, since the response writes both
/// halves as words elsewhere, and stays findable as the phrase; a word broken only to fit the
/// line (`proce-` / `dures`) is joined.
#[test]
fn a_hyphen_at_a_line_end_is_kept_where_the_words_are_the_documents_own() {
    let lines = [
        "Recommendation 1",
        "",
        "Sussex Police has reviewed its information-",
        "sharing agreement with Immigration Enforcement and its proce-",
        "dures for recording what a victim says about their status.",
        "",
        "Sharing information with partners is now decided case by case,",
        "and officers record the reason for each decision they take.",
    ];
    let mut placed = Vec::new();
    let mut y = 120.0;
    for line in lines {
        if !line.is_empty() {
            placed.push((40.0, y, line.to_string()));
        }
        y += if line.is_empty() { 24.0 } else { 12.0 };
    }
    for (name, bytes) in [
        ("sussex-police.pdf", pdf(&vec![placed], "OFFICIAL")),
        ("sussex-police.txt", format!("{}\n", lines.join("\n")).into_bytes()),
    ] {
        let corpus = tempfile::tempdir().unwrap();
        fs::copy(bundled_corpus().join("recommendations.toml"), corpus.path().join("recommendations.toml")).unwrap();
        fs::write(corpus.path().join(name), bytes).unwrap();
        let index = tempfile::tempdir().unwrap();
        let shown = echoes(corpus.path(), index.path(), &["show", "sussex-police", "--format", "json"]).json();
        let texts: Vec<&str> = shown.as_array().unwrap().iter().filter_map(|p| p["text"].as_str()).collect();
        let answer = texts.iter().find(|t| t.starts_with("Sussex Police has reviewed")).copied();
        assert_eq!(
            answer,
            Some(
                "Sussex Police has reviewed its information-sharing agreement with Immigration Enforcement and \
                 its procedures for recording what a victim says about their status."
            ),
            "{name}: {texts:?}"
        );
        let found =
            echoes(corpus.path(), index.path(), &["search", "\"information sharing agreement\"", "--format", "json"]);
        assert_eq!(found.json().as_array().map(Vec::len), Some(1), "{name}: {}", found.stdout);
    }
}
