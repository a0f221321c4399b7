//! Search as researchers expect it: counts per body and recommendation that count a paragraph
//! under each recommendation it answers and show bodies with no hit, exports that say when they
//! were cut, a word when nothing is found, short flags, and filters naming documents and bodies
//! by short form or as unattributed.

use crate::common;

use crate::common::{bundled_corpus, echoes, field};
use serde_json::Value;

/// Runs commands on the bundled corpus, over one index built on first use.
struct Bundled(tempfile::TempDir);

impl Bundled {
    fn new() -> Bundled {
        Bundled(tempfile::tempdir().unwrap())
    }

    fn run(&self, args: &[&str]) -> common::Run {
        echoes(&bundled_corpus(), self.0.path(), args)
    }
}

#[test]
fn a_paragraph_answering_several_recommendations_counts_under_each_and_once_in_the_total() {
    let b = Bundled::new();
    // Gloucestershire's covering letter (recs 1,4,5) and its rec 1 answer say this.
    let counts = b.run(&["search", "\"consistent national position\"", "--count", "--format", "json"]).json();
    let cell = |force: &str, rec: u64| {
        counts["cells"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["force"] == force && c["recommendation"] == rec)
            .map(|c| c["hits"].as_u64().unwrap())
    };
    let glos = "Gloucestershire Constabulary";
    assert_eq!(cell(glos, 1), Some(2), "{counts}");
    assert_eq!(cell(glos, 4), Some(2), "the letter answers rec 4 too: {counts}");
    assert_eq!(cell(glos, 5), Some(2), "{counts}");
    let body = |force: &str| {
        counts["bodies"].as_array().unwrap().iter().find(|b| b["force"] == force).map(|b| b["hits"].as_u64().unwrap())
    };
    // Its matching paragraphs, each once.
    let hits = b.run(&["search", "\"consistent national position\"", "--format", "json", "--force", glos]).json();
    assert_eq!(body(glos), Some(hits.as_array().unwrap().len() as u64));
    assert_eq!(
        counts["total"].as_u64().unwrap(),
        counts["bodies"].as_array().unwrap().iter().map(|b| b["hits"].as_u64().unwrap()).sum::<u64>()
    );
    // Who said nothing is shown with 0.
    assert_eq!(body("Wiltshire Police"), Some(0), "{counts}");
    let text = b.run(&["search", "\"consistent national position\"", "-c", "-r", "4"]);
    let wilts = text.stdout.lines().find(|l| l.starts_with("Wiltshire Police")).expect("a row for Wiltshire");
    assert!(wilts.split_whitespace().skip(2).all(|n| n == "0"), "{}", text.stdout);
    let header = text.stdout.lines().next().unwrap();
    assert!(header.contains("rec 4") && !header.contains("rec 1"), "only the asked recommendation: {}", text.stdout);
}

#[test]
fn exports_cut_at_the_limit_say_so_and_csv_carries_what_json_does() {
    let b = Bundled::new();
    for format in ["csv", "json"] {
        let cut = b.run(&["search", "police", "--role", "all", "--format", format]);
        assert_eq!(cut.code, 0, "{}", cut.stderr);
        let total = b.run(&["search", "police", "--role", "all", "--count", "--format", "json"]).json()["total"]
            .as_u64()
            .unwrap();
        assert!(total > 50);
        assert!(
            cut.stderr.contains(&format!("50 of {total} hits shown (--limit 0 for all)")),
            "{format}: {}",
            cut.stderr
        );
        let all = b.run(&["search", "police", "--role", "all", "--format", format, "--limit", "0"]);
        assert!(!all.stderr.contains(" of "), "{}", all.stderr);
    }
    let text = b.run(&["search", "police", "--role", "all", "-n", "3"]);
    assert!(text.stdout.trim_end().ends_with("3 of 53 hits shown (--limit 0 for all)"), "{}", text.stdout);
    let csv = b.run(&["search", "\"consistent national position\"", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv.stdout.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    for column in ["recommendations", "report", "date", "status", "role"] {
        assert!(header.iter().any(|h| h == column), "{column} in {header:?}");
    }
    let at = |name: &str| header.iter().position(|h| h == name).unwrap();
    let letter = reader
        .records()
        .map(|r| r.unwrap())
        .find(|r| &r[at("id")] == "gloucestershire-2021-12:12")
        .expect("the letter is a hit");
    assert_eq!(&letter[at("recommendations")], "1;4;5");
    assert_eq!(&letter[at("report")], "safe-to-share-2020");
    assert_eq!(&letter[at("date")], "2021-12-03");
}

#[test]
fn nothing_found_is_said_with_the_nearest_spelling_and_fuzzy_syntax_is_refused_with_a_hint() {
    let b = Bundled::new();
    let none = b.run(&["search", "immigraton"]);
    assert_eq!(none.code, 1);
    assert!(none.stdout.is_empty());
    assert!(none.stderr.contains("no paragraph matches"), "{}", none.stderr);
    assert!(none.stderr.contains("'immigration'") && none.stderr.contains("--fuzzy"), "{}", none.stderr);
    let fuzzy = b.run(&["search", "immigraton~1"]);
    assert_eq!(fuzzy.code, 2, "{}", fuzzy.stderr);
    assert!(fuzzy.stderr.contains("--fuzzy"), "{}", fuzzy.stderr);
    // A phrase's slop is still tantivy's own: each hit holds both words, at most one apart.
    let sloppy = b.run(&["search", "\"immigration status\"~1", "--limit", "0", "--format", "json"]);
    assert_eq!(sloppy.code, 0, "{}", sloppy.stderr);
    let texts: Vec<String> =
        sloppy.json().as_array().unwrap().iter().map(|h| h["text"].as_str().unwrap().to_lowercase()).collect();
    assert!(texts.len() >= 3, "{texts:?}");
    for t in &texts {
        let words: Vec<&str> = t.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
        // Stemmed: "immigrant" is "immigration" to the search.
        let near = (0..words.len()).any(|i| {
            words[i].starts_with("immigr") && (1..=2).any(|d| words.get(i + d).is_some_and(|w| w.starts_with("status")))
        });
        assert!(near, "{t}");
    }
    // The misspelling finds what the spelling finds.
    let fuzzy = b.run(&["search", "immigraton", "--fuzzy", "--limit", "0", "--format", "json"]);
    let exact = b.run(&["search", "immigration", "--exact", "--limit", "0", "--format", "json"]);
    assert_eq!(fuzzy.code, 0, "{}", fuzzy.stderr);
    let ids = |r: &common::Run| -> Vec<String> {
        let mut v: Vec<String> =
            r.json().as_array().unwrap().iter().map(|h| h["id"].as_str().unwrap().to_string()).collect();
        v.sort();
        v
    };
    assert!(!ids(&exact).is_empty());
    assert_eq!(ids(&fuzzy), ids(&exact));
}

#[test]
fn short_flags_work_and_global_options_have_their_own_heading() {
    let b = Bundled::new();
    let long =
        b.run(&["search", "immigration", "--force", "south york", "--rec", "1", "--limit", "2", "--format", "json"]);
    let short = b.run(&["search", "immigration", "-f", "south york", "-r", "1", "-n", "2", "-j"]);
    assert_eq!(short.code, 0, "{}", short.stderr);
    assert_eq!(long.stdout, short.stdout);
    assert_eq!(
        b.run(&["search", "immigration", "-F", "json", "-c"]).stdout,
        b.run(&["search", "immigration", "--count", "--format", "json"]).stdout
    );
    let help = b.run(&["search", "--help"]).stdout;
    let global = help.find("Global options:").expect("a heading for the global options");
    for option in ["--corpus", "--index", "--max-file-mb", "--color", "--no-refresh"] {
        assert!(help.find(option).unwrap() > global, "{option} under the heading:\n{help}");
    }
    for short in ["-n, --limit", "-c, --count", "-f, --force", "-r, --rec", "-F, --format", "-j, --json"] {
        assert!(help.contains(short), "{short}:\n{help}");
    }
    assert!(b.run(&["export", "--help"]).stdout.contains("-o, --out"));
}

#[test]
fn documents_and_bodies_are_named_by_id_short_form_or_as_unattributed() {
    let b = Bundled::new();
    let by_doc = b.run(&["search", "immigration", "--doc", "unattributed-response", "--format", "json"]).json();
    assert!(!by_doc.as_array().unwrap().is_empty());
    assert!(field(&by_doc, "doc").iter().all(|d| *d == "unattributed-response"), "{by_doc}");
    let unattributed = b.run(&["search", "immigration", "--force", "unattributed", "--format", "json"]).json();
    assert_eq!(unattributed, by_doc);
    let syp = b.run(&["search", "immigration", "--force", "SYP", "--format", "json"]);
    assert_eq!(syp.code, 0, "{}", syp.stderr);
    assert!(field(&syp.json(), "force").iter().all(|f| *f == "South Yorkshire Police"));
    let unknown = b.run(&["search", "immigration", "--doc", "no-such-doc"]);
    assert_eq!(unknown.code, 2);
    assert!(
        unknown.stderr.contains("wiltshire-2021-02") && unknown.stderr.contains("no-such-doc"),
        "{}",
        unknown.stderr
    );
    // The same names filter reuse.
    for args in [&["--doc", "unattributed-response"][..], &["--force", "unattributed"][..]] {
        let reuse = b.run(&[&["reuse", "--format", "json"][..], args].concat());
        assert_eq!(reuse.code, 0, "{}", reuse.stderr);
        let findings = reuse.json();
        assert!(!findings.as_array().unwrap().is_empty());
        assert!(findings
            .as_array()
            .unwrap()
            .iter()
            .all(|f: &Value| f["a"]["doc"] == "unattributed-response" || f["b"]["doc"] == "unattributed-response"));
    }
    let reuse = b.run(&["reuse", "--within", "--force", "SYP", "--format", "json"]);
    assert_eq!(reuse.code, 0, "{}", reuse.stderr);
    let within = reuse.json();
    assert!(!within.as_array().unwrap().is_empty(), "{within}");
    for f in within.as_array().unwrap() {
        assert_eq!(
            (&f["a"]["force"], &f["b"]["force"]),
            (&Value::from("South Yorkshire Police"), &Value::from("South Yorkshire Police")),
            "{f}"
        );
    }
    let reuse = b.run(&["reuse", "--doc", "no-such-doc"]);
    assert_eq!(reuse.code, 2);
    assert!(reuse.stderr.contains("wiltshire-2021-02"), "{}", reuse.stderr);
}

#[test]
fn unattributed_names_nobody_in_a_corpus_where_every_document_has_its_force() {
    let corpus = common::corpus_with(&["south-yorkshire-2021-05.txt"]);
    let index = tempfile::tempdir().unwrap();
    let within = echoes(corpus.path(), index.path(), &["reuse", "--within", "--format", "json"]);
    assert!(!within.json().as_array().unwrap().is_empty(), "{}", within.stderr);
    let none =
        echoes(corpus.path(), index.path(), &["reuse", "--within", "--force", "unattributed", "--format", "json"]);
    assert_eq!(none.code, 1, "{}", none.stderr);
    assert!(none.json().as_array().unwrap().is_empty());
    let search = echoes(corpus.path(), index.path(), &["search", "immigration", "--force", "unattributed"]);
    assert_eq!(search.code, 1, "{}", search.stderr);
}
