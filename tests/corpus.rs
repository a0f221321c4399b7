//! Acceptance tests on the bundled corpus: segmentation, forces, recommendations and search, run
//! through the built binary with the index in a temporary directory.

use crate::common;

use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::sync::OnceLock;

use crate::common::{bundled_corpus, echoes, field, Run};
use serde_json::Value;

/// One index of the bundled corpus, built once for all tests in this file.
fn index_dir() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let run = echoes(&bundled_corpus(), dir.path(), &["index"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        dir
    })
    .path()
}

fn run(args: &[&str]) -> Run {
    echoes(&bundled_corpus(), index_dir(), args)
}

fn docs() -> Vec<Value> {
    run(&["docs", "--format", "json"]).json().as_array().unwrap().clone()
}

fn doc_of(path: &str) -> Value {
    docs().into_iter().find(|d| d["path"] == path).unwrap_or_else(|| panic!("no document {path}"))
}

#[test]
fn every_seed_gets_its_force_and_recommendations() {
    let expected = [
        // Hampshire's letter opens "... update you on our progress ... as requested per
        // recommendation 8": recommendation 8 is found, as a mention (see below).
        ("hampshire-2021-12.txt", Some("Hampshire Constabulary"), vec![1, 4, 5, 8]),
        ("unattributed-response.txt", None, vec![1, 4, 5, 8]),
        ("gloucestershire-2021-12.txt", Some("Gloucestershire Constabulary"), vec![1, 4, 5, 8]),
        ("south-yorkshire-2021-05.txt", Some("South Yorkshire Police"), vec![1, 4, 5]),
        ("wiltshire-2021-02.txt", Some("Wiltshire Police"), vec![1, 4, 5, 8]),
    ];
    assert_eq!(docs().len(), 5);
    for (path, force, recs) in expected {
        let d = doc_of(path);
        assert_eq!(d["force"].as_str(), force, "{path}");
        let got: Vec<u64> = d["recommendations"].as_array().unwrap().iter().map(|n| n.as_u64().unwrap()).collect();
        let want: Vec<u64> = recs.into_iter().collect();
        assert_eq!(got, want, "{path}");
        assert!(d["paragraphs"]["response"].as_u64().unwrap() > 0, "{path} has responses");
    }
}

#[test]
fn consistent_national_position_is_gloucestershire_and_the_unattributed_pdf() {
    let r = run(&["search", "\"consistent national position\"", "--format", "json"]);
    assert_eq!(r.code, 0);
    let v = r.json();
    let forces: BTreeSet<Option<&str>> = field(&v, "force").into_iter().map(Value::as_str).collect();
    assert_eq!(forces, BTreeSet::from([None, Some("Gloucestershire Constabulary")]));
    let docs: BTreeSet<&str> = field(&v, "doc").into_iter().filter_map(Value::as_str).collect();
    assert_eq!(docs, BTreeSet::from(["gloucestershire-2021-12", "unattributed-response"]));
}

#[test]
fn quoted_recommendation_text_is_only_found_with_the_recommendation_role() {
    let r = run(&["search", "\"As an interim measure\"", "--format", "json"]);
    assert_eq!(r.code, 1, "no hits is exit code 1");
    assert_eq!(r.json(), serde_json::json!([]));
    let r = run(&["search", "\"As an interim measure\"", "--role", "recommendation", "--format", "json"]);
    assert_eq!(r.code, 0);
    let v = r.json();
    let paths: BTreeSet<&str> = field(&v, "path").into_iter().filter_map(Value::as_str).collect();
    assert_eq!(
        paths,
        BTreeSet::from([
            "gloucestershire-2021-12.txt",
            "south-yorkshire-2021-05.txt",
            "unattributed-response.txt",
            "wiltshire-2021-02.txt"
        ])
    );
    assert!(field(&v, "role").iter().all(|r| *r == "recommendation"));
    assert!(field(&v, "recommendation").iter().all(|r| *r == 1));
}

#[test]
fn cookie_banners_are_chrome() {
    let r = run(&["search", "cookies"]);
    assert_eq!(r.code, 1);
    assert_eq!(r.stdout, "");
    let v = run(&["search", "cookies", "--role", "all", "--format", "json"]).json();
    assert!(!v.as_array().unwrap().is_empty());
    assert!(field(&v, "role").iter().all(|r| *r == "chrome"));
}

#[test]
fn bright_sky_is_south_yorkshire_recommendation_4_response() {
    let v = run(&["search", "\"Bright Sky\"", "--format", "json"]).json();
    let hits = v.as_array().unwrap();
    assert_eq!(hits.len(), 1);
    let h = &hits[0];
    assert_eq!(h["force"], "South Yorkshire Police");
    assert_eq!(h["recommendation"], 4);
    assert_eq!(h["role"], "response");
    assert_eq!(h["id"], format!("{}:{}", h["doc"].as_str().unwrap(), h["paragraph"]));
    let text = h["text"].as_str().unwrap();
    let ranges: Vec<&str> = h["highlights"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| &text[r[0].as_u64().unwrap() as usize..r[1].as_u64().unwrap() as usize])
        .collect();
    assert_eq!(ranges, ["Bright Sky"]);
}

#[test]
fn a_phrase_is_highlighted_as_one_span_and_coloured() {
    let v = run(&["search", "\"national position\"", "--format", "json"]).json();
    for h in v.as_array().unwrap() {
        let text = h["text"].as_str().unwrap();
        for r in h["highlights"].as_array().unwrap() {
            let span = &text[r[0].as_u64().unwrap() as usize..r[1].as_u64().unwrap() as usize];
            assert_eq!(span, "national position");
        }
    }
    let r = run(&["search", "\"national position\"", "--color", "always"]);
    assert!(r.stdout.contains("national position\u{1b}["), "{}", r.stdout);
    assert!(r.stdout.contains("m national position") || r.stdout.contains("mnational position"), "{}", r.stdout);
}

#[test]
fn straight_and_curly_apostrophes_find_the_same_paragraphs() {
    let ids = |q: &str| -> Vec<Value> {
        let r = run(&["search", q, "--limit", "0", "--format", "json"]);
        assert_eq!(r.code, 0, "{q}: {}", r.stderr);
        field(&r.json(), "id").into_iter().cloned().collect()
    };
    assert_eq!(ids("victim's"), ids("victim’s"));
    assert_eq!(ids("\"Constabulary's Domestic Abuse\""), ids("\"Constabulary’s Domestic Abuse\""));
    assert_eq!(ids("\"Constabulary's Domestic Abuse\"").len(), 6);
    // A trailing possessive apostrophe is no syntax error either.
    assert_ne!(run(&["search", "victims' confidence", "--role", "all"]).code, 2);
}

#[test]
fn malformed_query_is_one_line_and_exit_2() {
    let r = run(&["search", "immigration AND ("]);
    assert_eq!(r.code, 2);
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    assert!(r.stderr.starts_with("echoes: malformed query"), "{}", r.stderr);
}

#[test]
fn filters_by_force_recommendation_and_role() {
    let v = run(&["search", "immigration", "--force", "YORKSHIRE", "--limit", "0", "--format", "json"]).json();
    assert!(!v.as_array().unwrap().is_empty());
    assert!(field(&v, "force").iter().all(|f| *f == "South Yorkshire Police"));

    let v = run(&["search", "activity", "--rec", "8", "--rec", "5", "--format", "json"]).json();
    assert!(!v.as_array().unwrap().is_empty());
    for hit in v.as_array().unwrap() {
        let answers: BTreeSet<u64> =
            hit["recommendations"].as_array().unwrap().iter().filter_map(|r| r.as_u64()).collect();
        assert!(answers.contains(&5) || answers.contains(&8), "{hit}");
    }
    // A letter's paragraph naming recommendations 1, 4 and 5 is found under each of them.
    for rec in ["1", "4", "5"] {
        let v = run(&["search", "\"more focused towards local Chief Constables\"", "--rec", rec, "--format", "json"])
            .json();
        assert_eq!(v.as_array().unwrap().len(), 1, "--rec {rec}");
        assert_eq!(v[0]["recommendations"], serde_json::json!([1, 4, 5]));
    }
    assert_eq!(run(&["search", "\"more focused towards local Chief Constables\"", "--rec", "8"]).code, 1);

    let v = run(&["search", "recommendation", "--role", "preamble,chrome", "--limit", "0", "--format", "json"]).json();
    assert!(field(&v, "role").iter().all(|r| *r == "preamble" || *r == "chrome"));

    let r = run(&["search", "immigration", "--force", "Atlantis"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("no force matches 'Atlantis'"), "{}", r.stderr);
}

#[test]
fn exact_and_fuzzy_change_what_matches() {
    let count = |args: &[&str]| -> usize {
        let mut a = vec!["search"];
        a.extend_from_slice(args);
        a.extend_from_slice(&["--limit", "0", "--role", "all", "--format", "json"]);
        run(&a).json().as_array().unwrap().len()
    };
    let stemmed = count(&["victim"]);
    let exact = count(&["victim", "--exact"]);
    assert!(exact > 0 && exact < stemmed, "exact {exact} stemmed {stemmed}");
    assert_eq!(count(&["immigraton"]), 0);
    assert_eq!(count(&["immigraton", "--fuzzy"]), count(&["immigration", "--exact"]));
}

#[test]
fn count_gives_a_force_by_recommendation_table() {
    let v = run(&["search", "\"consistent national position\"", "--count", "--format", "json"]).json();
    let cells: HashMap<(Option<String>, Option<u64>), u64> = v["cells"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| ((c["force"].as_str().map(String::from), c["recommendation"].as_u64()), c["hits"].as_u64().unwrap()))
        .collect();
    assert_eq!(cells[&(Some("Gloucestershire Constabulary".into()), Some(8))], 1);
    // The covering letter's paragraph naming recommendations 1, 4 and 5 counts under each.
    assert_eq!(cells[&(Some("Gloucestershire Constabulary".into()), Some(1))], 2);
    assert_eq!(cells[&(Some("Gloucestershire Constabulary".into()), Some(4))], 2);
    assert_eq!(cells[&(None, Some(1))], 1);
    let text = run(&["search", "\"consistent national position\"", "--count"]).stdout;
    let total = text.lines().find(|l| l.starts_with("total")).unwrap();
    assert!(total.starts_with("total") && total.ends_with(" 9"), "{text}");
}

#[test]
fn counts_cover_every_hit_whatever_the_limit() {
    for (query, role) in [("the", "all"), ("immigration OR victims", "response"), ("polic*", "preamble")] {
        let hits = run(&["search", query, "--role", role, "--limit", "0", "--format", "json"]).json();
        // Each hit under every recommendation it answers (or none), and once in its body's total.
        let mut expected: HashMap<(Option<String>, Option<u64>), u64> = HashMap::new();
        let mut bodies: HashMap<Option<String>, u64> = HashMap::new();
        for h in hits.as_array().unwrap() {
            let force = h["force"].as_str().map(String::from);
            let recs: Vec<Option<u64>> = match h["recommendations"].as_array().unwrap().as_slice() {
                [] => vec![None],
                recs => recs.iter().map(|r| r.as_u64()).collect(),
            };
            for rec in recs {
                *expected.entry((force.clone(), rec)).or_default() += 1;
            }
            *bodies.entry(force).or_default() += 1;
        }
        let counts = run(&["search", query, "--role", role, "--limit", "3", "--count", "--format", "json"]).json();
        let totals: HashMap<Option<String>, u64> = counts["bodies"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| (b["force"].as_str().map(String::from), b["hits"].as_u64().unwrap()))
            .filter(|b| b.1 > 0)
            .collect();
        assert_eq!(totals, bodies, "{query}");
        assert_eq!(counts["total"].as_u64().unwrap(), hits.as_array().unwrap().len() as u64);
        let got: HashMap<(Option<String>, Option<u64>), u64> = counts["cells"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                ((c["force"].as_str().map(String::from), c["recommendation"].as_u64()), c["hits"].as_u64().unwrap())
            })
            .collect();
        assert!(expected.values().sum::<u64>() > 3, "{query}");
        assert_eq!(got, expected, "{query}");
    }
}

#[test]
fn csv_output_has_a_header_and_one_row_per_hit() {
    let r = run(&["search", "\"Bright Sky\"", "--format", "csv"]);
    let mut rows = csv_rows(&r.stdout);
    assert_eq!(rows.remove(0)[..4], ["id", "doc", "path", "force"]);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0][3], "South Yorkshire Police");
}

fn csv_rows(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .into_records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect()
}

/// Words of a raw seed: markup removed by a plain scan, so the check does not lean on the readers.
fn raw_words(raw: &str) -> Vec<String> {
    let mut text = String::new();
    let mut in_tag = false;
    for c in raw.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    echoes::normalize::word_texts(&text)
}

#[test]
fn every_word_of_every_seed_is_in_exactly_one_paragraph() {
    for d in docs() {
        let path = d["path"].as_str().unwrap();
        let raw = std::fs::read_to_string(bundled_corpus().join(path)).unwrap();
        let mut expected = raw_words(&raw);
        let paras = run(&["show", d["doc"].as_str().unwrap(), "--format", "json"]).json();
        let mut got: Vec<String> = Vec::new();
        for p in paras.as_array().unwrap() {
            got.extend(echoes::normalize::word_texts(p["text"].as_str().unwrap()));
        }
        expected.sort();
        got.sort();
        assert_eq!(got, expected, "{path}: paragraphs do not account for every word");
        let count = d["paragraphs"].as_object().unwrap().values().map(|n| n.as_u64().unwrap()).sum::<u64>();
        assert_eq!(count, paras.as_array().unwrap().len() as u64);
    }
}

#[test]
fn segmentation_of_the_seeds_comes_out_right() {
    let show = |doc: &str| run(&["show", doc, "--format", "json"]).json().as_array().unwrap().clone();
    let find = |paras: &[Value], start: &str| -> Value {
        paras
            .iter()
            .find(|p| p["text"].as_str().unwrap().starts_with(start))
            .cloned()
            .unwrap_or_else(|| panic!("{start}"))
    };
    let role_rec = |p: &Value| (p["role"].as_str().unwrap().to_string(), p["recommendation"].as_u64());

    // 001: notes and markers; trailing "End" is not a response.
    let pdf = show("unattributed-response");
    assert_eq!(role_rec(&find(&pdf, "Notes to recommendation 1")), ("recommendation".into(), Some(1)));
    assert_eq!(role_rec(&find(&pdf, "- Any sharing of information")), ("recommendation".into(), Some(1)));
    assert_eq!(role_rec(&find(&pdf, "Force Response")), ("recommendation".into(), Some(5)));
    assert_eq!(role_rec(&find(&pdf, "In November 2018")), ("response".into(), Some(1)));
    assert_eq!(role_rec(pdf.last().unwrap()), ("preamble".into(), None));

    // Hampshire: headings that paraphrase their recommendation; sign-off is preamble.
    let hants = show("hampshire-2021-12");
    assert_eq!(role_rec(&find(&hants, "Recommendation 4. Ensuring")), ("recommendation".into(), Some(4)));
    assert_eq!(role_rec(&find(&hants, "As in the bespoke")), ("response".into(), Some(4)));
    assert_eq!(role_rec(&find(&hants, "Chief Constable Olivia")), ("preamble".into(), None));
    assert_eq!(role_rec(&find(&hants, "Quickly exit")), ("chrome".into(), None));

    // South Yorkshire: every <p> and <li> its own paragraph.
    let syp = show("south-yorkshire-2021-05");
    assert_eq!(role_rec(&find(&syp, "• 2019: Repatriation")), ("response".into(), Some(5)));
    assert_eq!(role_rec(&find(&syp, "999 process")), ("response".into(), Some(4)));
    assert_eq!(role_rec(&find(&syp, "• promote awareness")), ("recommendation".into(), Some(4)));
    assert_eq!(role_rec(&find(&syp, "DCI Deborah")), ("preamble".into(), Some(1)));
    assert!(syp.iter().all(|p| !p["text"].as_str().unwrap().contains('<')));

    // Wiltshire: recommendation 1 split over a page break is one paragraph again, under rec 1.
    let wilts = show("wiltshire-2021-02");
    let rejoined = find(&wilts, "As an interim measure");
    assert!(rejoined["text"].as_str().unwrap().contains("on domestic abuse victims with Immigration Enforcement"));
    assert_eq!(role_rec(&rejoined), ("recommendation".into(), Some(1)));
    assert_eq!(role_rec(&find(&wilts, "Wiltshire Police will take steps")), ("response".into(), Some(1)));
    assert_eq!(role_rec(&find(&wilts, "• promote police engagement")), ("recommendation".into(), Some(4)));
    assert_eq!(role_rec(&find(&wilts, "PCC's comments")), ("preamble".into(), None));
}

#[test]
fn show_a_single_paragraph_and_an_unknown_id() {
    let v = run(&["show", "hampshire-2021-12:0", "--format", "json"]).json();
    assert_eq!(v.as_array().unwrap().len(), 1);
    assert_eq!(v[0]["line"], 1);
    let r = run(&["show", "no-such-doc"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("no document 'no-such-doc'"), "{}", r.stderr);
}

#[test]
fn export_writes_every_paragraph_as_one_json_line() {
    let r = run(&["export"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let lines: Vec<Value> = r.stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let total: u64 = docs()
        .iter()
        .map(|d| d["paragraphs"].as_object().unwrap().values().map(|n| n.as_u64().unwrap()).sum::<u64>())
        .sum();
    assert_eq!(lines.len() as u64, total);
    let glos = lines.iter().find(|l| l["id"] == "gloucestershire-2021-12:28").unwrap();
    assert_eq!(glos["date"], "2021-12-03");
    assert_eq!(glos["report"], "safe-to-share-2020");
    assert_eq!(glos["recommendation"], 4);
    assert_eq!(glos["role"], "response");
    let file = tempfile::NamedTempFile::new().unwrap();
    assert_eq!(run(&["export", "--out", file.path().to_str().unwrap()]).code, 0);
    assert_eq!(std::fs::read_to_string(file.path()).unwrap(), r.stdout);
}

#[test]
fn docs_flag_what_looks_doubtful() {
    for d in docs() {
        let doubts: Vec<&str> = d["doubts"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
        let expected: &[&str] = if d["doc"] == "unattributed-response" { &["no body found"] } else { &[] };
        assert_eq!(doubts, expected, "{}", d["doc"]);
    }
    let dir = common::corpus_with(&["recommendations.toml"]);
    std::fs::write(dir.path().join("notes.txt"), "Zebra one.\nZebra two.\nZebra three.\nZebra four.\nZebra five.\n")
        .unwrap();
    let index = tempfile::tempdir().unwrap();
    let v = common::echoes(dir.path(), index.path(), &["docs", "--format", "json"]).json();
    assert_eq!(v[0]["doubts"], serde_json::json!(["no recommendation found", "no body found"]));
}

#[test]
fn docs_tells_the_recommendations_answered_from_those_only_mentioned() {
    let hampshire = doc_of("hampshire-2021-12.txt");
    assert_eq!(hampshire["answers"], serde_json::json!([1, 4, 5]), "{hampshire}");
    assert_eq!(hampshire["mentions"], serde_json::json!([8]), "{hampshire}");
    let wiltshire = doc_of("wiltshire-2021-02.txt");
    assert_eq!(wiltshire["answers"], serde_json::json!([1, 4, 5, 8]), "{wiltshire}");
    assert_eq!(wiltshire["mentions"], serde_json::json!([]), "{wiltshire}");
    // `coverage` and `docs` agree: every body's answered recommendations are the ones `docs` lists.
    let coverage = run(&["coverage", "--format", "json"]).json();
    for d in docs() {
        let body = d["force"]
            .as_str()
            .map(str::to_string)
            .unwrap_or_else(|| format!("(unattributed: {})", d["doc"].as_str().unwrap()));
        let answered: Vec<u64> = coverage["cells"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["body"] == body.as_str() && c["paragraphs"].as_u64().unwrap() > 0)
            .map(|c| c["recommendation"].as_u64().unwrap())
            .collect();
        assert_eq!(serde_json::json!(answered), d["answers"], "{body}");
    }
    let text = run(&["docs"]).stdout;
    let row = text.lines().find(|l| l.starts_with("hampshire-2021-12")).unwrap();
    assert!(row.contains(" 1,4,5 (+8) "), "{row}");
}

#[test]
fn a_manifest_with_an_unknown_field_keeps_every_force_it_gives() {
    let corpus = common::corpus_with(&["hampshire-2021-12.txt", "unattributed-response.txt"]);
    std::fs::write(
        corpus.path().join("manifest.toml"),
        "[[document]]\npath = 'hampshire-2021-12.txt'\ncollected = 'yes'\nforce = 'Hampshire Constabulary'\n\
         date = '2021-12'\n\n[[document]]\npath = 'unattributed-response.txt'\nforce = 'Gloucestershire Constabulary'\n\
         collected = 'no'\nsource = 'https://example.org/response.pdf'\n",
    )
    .unwrap();
    let index = tempfile::tempdir().unwrap();
    let run = echoes(corpus.path(), index.path(), &["docs", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let warnings: Vec<&str> = run.stderr.lines().filter(|l| l.contains("unknown field")).collect();
    assert_eq!(warnings.len(), 1, "{}", run.stderr);
    assert!(warnings[0].contains("`collected`") && warnings[0].contains("manifest.toml"), "{}", warnings[0]);
    let docs = run.json();
    let of = |path: &str| docs.as_array().unwrap().iter().find(|d| d["path"] == path).unwrap().clone();
    let (hampshire, pdf) = (of("hampshire-2021-12.txt"), of("unattributed-response.txt"));
    assert_eq!(
        (&hampshire["force"], &hampshire["force_source"], &hampshire["date"]),
        (&"Hampshire Constabulary".into(), &"manifest".into(), &"2021-12".into())
    );
    assert_eq!((&pdf["force"], &pdf["force_source"]), (&"Gloucestershire Constabulary".into(), &"manifest".into()));
    assert_eq!(pdf["source"], "https://example.org/response.pdf");
}

#[test]
fn a_manifest_that_is_not_toml_is_an_error_naming_the_line() {
    let corpus = common::corpus_with(&["hampshire-2021-12.txt"]);
    std::fs::write(
        corpus.path().join("manifest.toml"),
        "[[document]]\npath = 'hampshire-2021-12.txt'\nforce = 'Hampshire Constabulary'\n\n[[document]\npath = 'x.txt'\n",
    )
    .unwrap();
    let index = tempfile::tempdir().unwrap();
    let run = echoes(corpus.path(), index.path(), &["docs"]);
    assert_eq!(run.code, 2, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(run.stderr.contains("manifest.toml: not valid TOML at line 5"), "{}", run.stderr);
    assert!(run.stdout.is_empty(), "nothing was answered: {}", run.stdout);
}
