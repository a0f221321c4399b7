//! A `<br>` inside a paragraph is a line wrap: the Gloucestershire response saved as HTML the way
//! CMS exports and PDF-to-HTML converters write it keeps its paragraphs, and phrases that cross a
//! break are found.

use serde_json::Value;

use crate::common::{bundled_corpus, echoes, wrap};

/// Every paragraph of the bundled Gloucestershire response (a line each), wrapped at 60 characters.
fn wrapped_paragraphs() -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(bundled_corpus().join("gloucestershire-2021-12.txt")).unwrap();
    text.lines().filter(|l| !l.trim().is_empty()).map(|l| wrap(l, 60)).collect()
}

/// The paragraph count by role of the one document of a corpus holding `html`.
fn counts_and_corpus(html: &str) -> (Value, tempfile::TempDir, tempfile::TempDir) {
    let corpus = tempfile::tempdir().unwrap();
    std::fs::write(corpus.path().join("gloucestershire-2021-12.html"), html).unwrap();
    let index = tempfile::tempdir().unwrap();
    let run = echoes(corpus.path(), index.path(), &["docs", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    (run.json()[0]["paragraphs"].clone(), corpus, index)
}

#[test]
fn line_breaks_inside_paragraphs_keep_the_paragraphs_and_their_phrases() {
    let paragraphs = wrapped_paragraphs();
    let page = |body: String| {
        format!("<!DOCTYPE html><html><head><title>Response</title></head><body>\n{body}</body></html>\n")
    };
    let whole = page(paragraphs.iter().map(|p| format!("<p>{}</p>\n", p.join(" "))).collect());
    // A CMS export: each wrapped line ends in `<br>` and a new line of the source.
    let cms = page(paragraphs.iter().map(|p| format!("<p>{}</p>\n", p.join("<br>\n"))).collect());
    // pdftohtml: no paragraph elements, lines joined by `<br/>`, a paragraph a line of the source.
    let converter = page(paragraphs.iter().map(|p| format!("{}<br/>\n", p.join("<br/>"))).collect());
    // pdftohtml -s: a positioned paragraph element, lines joined by `<br/>`.
    let styled = page(
        paragraphs
            .iter()
            .map(|p| format!("<p style=\"position:absolute;top:10px\" class=\"ft11\">{}</p>\n", p.join("<br/>")))
            .collect(),
    );
    let (expected, whole_corpus, whole_index) = counts_and_corpus(&whole);
    let found = |corpus: &std::path::Path, index: &std::path::Path, phrase: &str| {
        let run = echoes(corpus, index, &["search", phrase, "--role", "all", "--format", "json"]);
        assert_eq!(run.code, 0, "{phrase}: {}", run.stderr);
        run.json().as_array().unwrap().len()
    };
    let total = |v: &Value| v.as_object().unwrap().values().map(|n| n.as_u64().unwrap()).sum::<u64>();
    assert!(total(&expected) >= 30, "{expected}");
    // Phrases of two words either side of a break, in paragraphs long enough to wrap.
    let phrases: Vec<String> = paragraphs
        .iter()
        .filter(|p| p.len() >= 2 && p[0].split_whitespace().count() >= 2 && p[1].split_whitespace().count() >= 2)
        .map(|p| {
            let before: Vec<&str> = p[0].split_whitespace().collect();
            let after: Vec<&str> = p[1].split_whitespace().collect();
            format!("\"{} {} {} {}\"", before[before.len() - 2], before[before.len() - 1], after[0], after[1])
        })
        .take(8)
        .collect();
    assert_eq!(phrases.len(), 8);
    for (name, html) in [("cms", &cms), ("converter", &converter), ("styled", &styled)] {
        let (counts, corpus, index) = counts_and_corpus(html);
        assert_eq!(counts, expected, "{name}");
        for phrase in &phrases {
            let want = found(whole_corpus.path(), whole_index.path(), phrase);
            assert!(want >= 1, "{phrase}");
            assert_eq!(found(corpus.path(), index.path(), phrase), want, "{name}: {phrase}");
        }
    }
}
