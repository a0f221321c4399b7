//! Acceptance tests of the comparison layer on the bundled corpus, and precision and recall on a
//! small labelled corpus of planted copies (`tests/fixtures/labelled`).

use crate::common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::common::{bundled_copy, bundled_corpus, echoes, echoes_env, Run};
use serde_json::Value;

fn index_dir() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(echoes(&bundled_corpus(), dir.path(), &["index"]).code, 0);
        dir
    })
    .path()
}

fn run(args: &[&str]) -> Run {
    echoes(&bundled_corpus(), index_dir(), args)
}

fn findings(args: &[&str]) -> Vec<Value> {
    let mut a = vec!["reuse", "--format", "json"];
    a.extend_from_slice(args);
    let r = run(&a);
    assert!(r.code == 0 || r.code == 1, "{}", r.stderr);
    r.json().as_array().unwrap().clone()
}

fn ids(f: &Value) -> (String, String) {
    (f["a"]["id"].as_str().unwrap().to_string(), f["b"]["id"].as_str().unwrap().to_string())
}

#[test]
fn the_unattributed_pdf_copies_gloucestershire_for_every_recommendation() {
    let all = findings(&[]);
    for rec in [1, 4, 5, 8] {
        let found = all.iter().any(|f| {
            let docs = BTreeSet::from([f["a"]["doc"].as_str().unwrap(), f["b"]["doc"].as_str().unwrap()]);
            docs == BTreeSet::from(["gloucestershire-2021-12", "unattributed-response"])
                && f["a"]["recommendation"] == rec
                && f["b"]["recommendation"] == rec
                && f["kind"] == "verbatim"
                && f["score"].as_f64().unwrap() >= 0.9
        });
        assert!(found, "no verbatim pair for recommendation {rec}");
    }
    let first = &all[0];
    for key in ["spans", "shared_words", "longest_run", "containment_a", "containment_b", "score", "kind", "family"] {
        assert!(!first[key].is_null(), "missing {key}");
    }
    for side in ["a", "b"] {
        for key in ["id", "doc", "path", "force", "recommendation", "role", "text"] {
            assert!(first[side].get(key).is_some(), "missing {side}.{key}");
        }
    }
    // Spans point at the shared words in both texts.
    let span = &first["spans"][0];
    let text_a = first["a"]["text"].as_str().unwrap();
    let text_b = first["b"]["text"].as_str().unwrap();
    let cut = |t: &str, r: &Value| t[r[0].as_u64().unwrap() as usize..r[1].as_u64().unwrap() as usize].to_string();
    assert_eq!(cut(text_a, &span["a"]), cut(text_b, &span["b"]));
}

#[test]
fn quotation_and_furniture_never_count_as_copying() {
    let recommendations = crate::common::report_texts(&crate::common::bundled_corpus().join("recommendations.toml"));
    for within in [false, true] {
        let all = findings(if within { &["--within"] } else { &[] });
        assert!(!all.is_empty());
        for f in &all {
            // Own words only, whatever the shape: responses, covering letters, comments.
            for side in ["a", "b"] {
                assert!(matches!(f[side]["role"].as_str(), Some("response" | "preamble")), "{:?}", ids(f));
            }
            for s in f["spans"].as_array().unwrap() {
                let shared = s["shared"].as_str().unwrap();
                assert!(crate::common::quoted_share(shared, &recommendations) < 0.5, "mostly quotation: {shared}");
            }
        }
    }
}

#[test]
fn hampshire_south_yorkshire_and_wiltshire_share_nothing_with_anyone() {
    let all = findings(&[]);
    for f in &all {
        for side in ["a", "b"] {
            let force = f[side]["force"].as_str();
            assert!(
                !matches!(force, Some("Hampshire Constabulary" | "South Yorkshire Police" | "Wiltshire Police")),
                "{:?}",
                ids(f)
            );
        }
    }
    let r = run(&["reuse", "--force", "hampshire"]);
    assert_eq!(r.code, 1, "nothing found is exit code 1");
}

#[test]
fn within_finds_gloucestershires_pasted_answer_and_syps_edited_paragraphs() {
    let all = findings(&["--within"]);
    let glos = |n: u32| format!("gloucestershire-2021-12:{n}");
    let family_of = |id: &str| -> Option<String> {
        all.iter().find(|f| f["a"]["id"] == id || f["b"]["id"] == id).map(|f| f["family"].as_str().unwrap().to_string())
    };
    // Paragraphs 28, 32 and 36 are the answers under recommendations 4, 5 and 8.
    let answers: Vec<String> = ["4", "5", "8"]
        .iter()
        .map(|rec| {
            let f = all
                .iter()
                .find(|f| {
                    f["a"]["doc"] == "gloucestershire-2021-12"
                        && f["a"]["recommendation"] == rec.parse::<u32>().unwrap()
                })
                .or_else(|| {
                    all.iter().find(|f| {
                        f["b"]["doc"] == "gloucestershire-2021-12"
                            && f["b"]["recommendation"] == rec.parse::<u32>().unwrap()
                    })
                })
                .unwrap_or_else(|| panic!("no finding for Gloucestershire rec {rec}"));
            if f["a"]["recommendation"] == rec.parse::<u32>().unwrap() {
                f["a"]["id"].clone()
            } else {
                f["b"]["id"].clone()
            }
            .as_str()
            .unwrap()
            .to_string()
        })
        .collect();
    assert_eq!(answers, [glos(28), glos(32), glos(36)]);
    let families: BTreeSet<Option<String>> = answers.iter().map(|id| family_of(id)).collect();
    assert_eq!(families.len(), 1, "one family: {families:?}");

    let syp = all
        .iter()
        .find(|f| {
            f["a"]["text"].as_str().unwrap().contains("none of the cases indicate victims of DA have been reported")
        })
        .expect("SYP's paragraph under recommendation 1 is reused");
    assert_eq!(syp["kind"], "near");
    assert!(syp["b"]["text"].as_str().unwrap().starts_with("None of the cases indicated that victims of DA"));
    assert_eq!((syp["a"]["recommendation"].as_u64(), syp["b"]["recommendation"].as_u64()), (Some(1), Some(5)));
}

#[test]
fn attribute_ranks_gloucestershire_first_for_the_unattributed_pdf() {
    let r = run(&["attribute", "unattributed-response", "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v = r.json();
    let first = &v[0];
    assert_eq!(first["force"], "Gloucestershire Constabulary");
    assert!(first["score"].as_f64().unwrap() > 0.9);
    assert!(first["shared_words"].as_u64().unwrap() > 200);
    assert!(!first["evidence"].as_array().unwrap().is_empty());
    let text = run(&["attribute", "unattributed-response"]).stdout;
    assert!(text.lines().nth(2).unwrap().contains("Gloucestershire Constabulary"), "{text}");
    assert_eq!(run(&["attribute", "nope"]).code, 2);
}

#[test]
fn matrix_is_directional_shares_of_response_text() {
    let v = run(&["matrix", "--role", "response", "--format", "json"]).json();
    let share = |v: &Value, from: &str, to: &str| -> f64 {
        v["cells"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["from"] == from && c["to"] == to)
            .unwrap_or_else(|| panic!("{from} -> {to}"))["share"]
            .as_f64()
            .unwrap()
    };
    let pdf = "(unattributed: unattributed-response)";
    assert_eq!(share(&v, pdf, "Gloucestershire Constabulary"), 1.0);
    // Gloucestershire's covering letter, before its headings, only mentions recommendations 1, 4
    // and 5; its answers under the headings are the PDF's, word for word.
    let back = share(&v, "Gloucestershire Constabulary", pdf);
    assert_eq!(back, 1.0);
    assert_eq!(share(&v, "Hampshire Constabulary", "Wiltshire Police"), 0.0);
    // Over all own words (covering letters too) the PDF is still almost all Gloucestershire's, and
    // Gloucestershire's letter is its own.
    let own = run(&["matrix", "--format", "json"]).json();
    assert!(share(&own, pdf, "Gloucestershire Constabulary") > 0.95);
    let back_own = share(&own, "Gloucestershire Constabulary", pdf);
    assert!(back_own > 0.5 && back_own < back, "{back_own}");
    assert_eq!(share(&own, "Hampshire Constabulary", "Wiltshire Police"), 0.0);
    let csv = run(&["matrix", "--format", "csv"]).stdout;
    assert!(csv.starts_with("from,to,shared_words,own_words,share\n"), "{csv}");
    assert_eq!(csv.lines().count(), 1 + 5 * 4);
}

#[test]
fn similar_ranks_other_bodies_paragraphs() {
    let v = run(&["similar", "unattributed-response:22", "--format", "json"]).json();
    let top = &v[0];
    assert_eq!(top["b"]["force"], "Gloucestershire Constabulary");
    assert_eq!(top["kind"], "verbatim");
    assert!(v.as_array().unwrap().iter().all(|f| f["b"]["doc"] != "unattributed-response"));

    let r = run(&[
        "similar",
        "--text",
        "Further guidance was published in the Force Bulletin last week",
        "--format",
        "json",
        "--min-score",
        "0.1",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v = r.json();
    assert!(v[0]["b"]["text"].as_str().unwrap().contains("Force Bulletin 18/03/21"));
    assert_eq!(v[0]["spans"][0]["shared"], "Further guidance was published in the Force Bulletin");
    // Worked by hand: 8 shared words, 8 of the 10 pasted and 8 of the paragraph's 41 own words:
    // min(1, 8/20) × (8/10 + 8/41) / 2 = 0.4 × 0.4976 = 0.199, under the default 0.2.
    assert_eq!(v[0]["score"], 0.199);
    assert_eq!((v[0]["containment_a"].as_f64(), v[0]["containment_b"].as_f64()), (Some(0.8), Some(0.195)));
    assert_eq!(run(&["similar", "nope:1"]).code, 2);
}

#[test]
fn output_is_deterministic_and_exported_as_csv() {
    // Two fresh computations: two copies of the corpus, each in a directory of its own with an
    // index of its own built from scratch (a repeated `reuse` on one index reads what the first
    // stored, so it could not tell).
    let fresh = |args: &[&str]| {
        let copy = bundled_copy();
        let index = tempfile::tempdir().unwrap();
        let run = echoes(copy.path(), index.path(), args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        run.stdout
    };
    for args in [&["reuse", "--pairs", "--format", "json"][..], &["reuse", "--format", "json"], &["reuse"]] {
        let first = fresh(args);
        assert!(first.contains("Gloucestershire Constabulary"), "{args:?}: {first}");
        assert_eq!(first, fresh(args), "{args:?}");
    }
    let csv = run(&["reuse", "--format", "csv"]).stdout;
    let mut lines = csv.lines();
    assert!(lines.next().unwrap().starts_with("family,kind,score,shared_words,longest_run"));
    assert_eq!(lines.count(), findings(&[]).len());
}

#[test]
fn the_order_documents_come_in_changes_no_finding_and_no_id() {
    use crate::reuse_agree::{names, write_documents};
    let outputs = |corpus: &Path, index: &Path| -> Vec<String> {
        let runs =
            [&["reuse", "--pairs", "--format", "json"][..], &["reuse", "--format", "json"], &["reuse", "--within"]];
        runs.iter()
            .map(|args| {
                let run = echoes(corpus, index, args);
                assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
                run.stdout
            })
            .collect()
    };
    let all = names();
    // Written in the collection's order, indexed at once.
    let (a, a_index) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    write_documents(a.path(), &all);
    let expected = outputs(a.path(), a_index.path());
    assert!(expected[0].contains("\"dorset-harbour:4\""), "{}", expected[0]);
    // Written backwards, the manifest too.
    let (b, b_index) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let backwards: Vec<&str> = all.iter().rev().copied().collect();
    write_documents(b.path(), &backwards);
    assert_eq!(outputs(b.path(), b_index.path()), expected, "written backwards");
    // Three documents first, compared; the other five added later, and the index updated in place.
    let (c, c_index) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let first: Vec<&str> = ["norfolk-moorland.txt", "herald-harbour.txt", "cumbria-harbour.txt"].to_vec();
    write_documents(c.path(), &first);
    assert_eq!(echoes(c.path(), c_index.path(), &["reuse", "--pairs"]).code, 1, "no copy among the first three");
    let later: Vec<&str> = first.iter().chain(all.iter().filter(|n| !first.contains(n))).copied().collect();
    write_documents(c.path(), &later);
    assert_eq!(outputs(c.path(), c_index.path()), expected, "added later");
}

#[test]
fn human_output_shows_both_passages_with_shared_words_marked() {
    let wide = echoes_env(&bundled_corpus(), index_dir(), &["reuse", "--pairs", "--limit", "1"], &[("COLUMNS", "120")]);
    assert!(wide.stdout.starts_with("#1 verbatim  score 1.00"), "{}", wide.stdout);
    assert!(wide.stdout.lines().any(|l| l.contains(" │ ") && l.trim_start().starts_with('[')), "{}", wide.stdout);
    assert!(wide.stdout.contains("Families"));
    let narrow =
        echoes_env(&bundled_corpus(), index_dir(), &["reuse", "--pairs", "--limit", "1"], &[("COLUMNS", "60")]);
    assert!(!narrow.stdout.contains('│'));
    assert!(narrow.stdout.lines().any(|l| l.starts_with("  A [")), "{}", narrow.stdout);
    assert!(narrow.stdout.lines().any(|l| l.starts_with("  B [")), "{}", narrow.stdout);
    let coloured =
        echoes_env(&bundled_corpus(), index_dir(), &["reuse", "--pairs", "--limit", "1", "--color", "always"], &[]);
    assert!(coloured.stdout.contains("\u{1b}[1m\u{1b}[32m"), "{}", coloured.stdout);
}

fn labelled() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/labelled")
}

/// Planted pairs of the labelled corpus: (a, b, kind) for `between` or `within`.
fn planted(section: &str) -> BTreeSet<(String, String, String)> {
    let raw = std::fs::read_to_string(labelled().join("labels.toml")).unwrap();
    let labels: toml::Table = toml::from_str(&raw).unwrap();
    labels[section]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let get = |k: &str| p[k].as_str().unwrap().to_string();
            let (a, b) = (get("a"), get("b"));
            if a < b {
                (a, b, get("kind"))
            } else {
                (b, a, get("kind"))
            }
        })
        .collect()
}

#[test]
fn precision_and_recall_on_planted_copies() {
    let index = tempfile::tempdir().unwrap();
    for (section, args) in
        [("pair", vec!["reuse", "--format", "json"]), ("within", vec!["reuse", "--within", "--format", "json"])]
    {
        let reported: BTreeSet<(String, String, String)> = echoes(&labelled(), index.path(), &args)
            .json()
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                let (a, b) = ids(f);
                let (a, b) = if a < b { (a, b) } else { (b, a) };
                (a, b, f["kind"].as_str().unwrap().to_string())
            })
            .collect();
        let expected = planted(section);
        let pairs = |s: &BTreeSet<(String, String, String)>| -> BTreeSet<(String, String)> {
            s.iter().map(|(a, b, _)| (a.clone(), b.clone())).collect()
        };
        let hits = pairs(&reported).intersection(&pairs(&expected)).count();
        let precision = hits as f64 / reported.len().max(1) as f64;
        let recall = hits as f64 / expected.len() as f64;
        eprintln!("{section}: precision {precision:.2}, recall {recall:.2} ({hits} of {} planted)", expected.len());
        assert_eq!((precision, recall), (1.0, 1.0), "reported {reported:?}");
        assert_eq!(reported, expected, "kinds");
    }
}

#[test]
fn report_is_one_self_contained_html_file() {
    let out = tempfile::tempdir().unwrap();
    let path = out.path().join("report.html");
    let r = run(&["report", "--out", path.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("5 documents, 22 findings between bodies in 3 families"), "{}", r.stdout);
    let html = std::fs::read_to_string(&path).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(!html.contains("<script") && !html.contains("<link") && !html.contains("@import"));
    let external = html.matches("http://").chain(html.matches("https://")).count();
    assert_eq!(external, html.matches("http://www.w3.org/2000/svg").count(), "only the SVG namespace may name a URL");
    assert_eq!(html.matches("<g class=\"cell\"").count(), 5 * 4);
    // Three passages, under their stable ids.
    let mut families: Vec<&str> = html.split("id=\"family-F").skip(1).map(|r| r.split('"').next().unwrap()).collect();
    families.sort();
    families.dedup();
    assert_eq!(families.len(), 3, "{families:?}");
    assert_eq!(html.matches("<section class=\"document\"").count(), 5);
    // Quotation of the report is greyed, shared words marked, and apostrophes escaped.
    assert!(html.contains("<span class=\"quoted\">") && html.contains("<mark class=\"shared\">"));
    // 001 writes a straight apostrophe, which is escaped; Gloucestershire's curly one needs no escaping.
    assert!(html.contains("Constabulary&#39;s") && !html.contains("Constabulary's"));
}

/// Passages, not pairs: the bundled corpus's 22 findings are three passages shared by the
/// unattributed PDF and Gloucestershire, each listed once with its occurrences, Gloucestershire's
/// dated 2021-12-03 and listed first, the unattributed document's undated (so neither is the
/// likely source: nothing dated is preceded).
#[test]
fn reuse_lists_each_copied_passage_once_with_its_occurrences() {
    let text = run(&["reuse"]).stdout;
    assert!(text.contains("3 passages, from 22 findings"), "{text}");
    let json = run(&["reuse", "--passages", "--format", "json"]).json();
    let passages = json.as_array().unwrap();
    assert_eq!(passages.len(), 3);
    for p in passages {
        assert_eq!((p["bodies"].as_u64(), p["documents"].as_u64()), (Some(2), Some(2)), "{p}");
        let occ = p["occurrences"].as_array().unwrap();
        for o in occ {
            let date = o["date"].as_str();
            match o["paragraph"]["doc"].as_str().unwrap() {
                "gloucestershire-2021-12" => assert_eq!(date, Some("2021-12-03")),
                "unattributed-response" => assert_eq!(date, None, "undated, never guessed"),
                other => panic!("{other}"),
            }
        }
        // No likely source: the only rival of Gloucestershire's dated occurrences is undated.
        assert!(occ.iter().all(|o| o["source"] == false), "{p}");
        assert_eq!(occ[0]["paragraph"]["doc"], "gloucestershire-2021-12", "dated occurrences first");
    }
    // The pasted answer occurs under recommendations 4, 5 and 8 on both sides.
    let pasted = passages.iter().find(|p| p["occurrences"].as_array().unwrap().len() > 2).expect("the pasted answer");
    for doc in ["gloucestershire-2021-12", "unattributed-response"] {
        let recs: Vec<u64> = pasted["occurrences"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|o| o["paragraph"]["doc"] == doc)
            .filter_map(|o| o["paragraph"]["recommendation"].as_u64())
            .collect();
        for rec in [4, 5, 8] {
            assert!(recs.contains(&rec), "{doc} under {rec}: {recs:?}");
        }
    }
    assert!(!text.contains("likely source"), "{text}");
    assert!(text.contains("undated"));
    // --pairs gives the pairwise list, as JSON does by default.
    let pairs = run(&["reuse", "--pairs"]).stdout;
    assert!(pairs.contains("22 findings in 3 families"), "{pairs}");
    assert_eq!(run(&["reuse", "--format", "json"]).json().as_array().unwrap().len(), 22);
    let csv = run(&["reuse", "--passages", "--format", "csv"]).stdout;
    assert!(csv.starts_with(
        "passage,strongest,template,body,doc,id,recommendations,role,date,line,source,added,dropped,near\n"
    ));
    assert_eq!(
        csv.lines().count() - 1,
        passages.iter().map(|p| p["occurrences"].as_array().unwrap().len()).sum::<usize>()
    );
}

/// Passages in numbered tables (not the bundled headed shape): the earlier dated table is the
/// likely source, the template is the words both carry, and each side's own words are named.
#[test]
fn passages_in_tables_name_the_likely_source_and_the_words_each_added() {
    let corpus = tempfile::tempdir().unwrap();
    let shapes = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/shapes");
    for name in ["essex-table.html", "surrey-table.tsv"] {
        std::fs::copy(shapes.join(name), corpus.path().join(name)).unwrap();
    }
    std::fs::write(
        corpus.path().join("manifest.toml"),
        "[[document]]\npath = \"surrey-table.tsv\"\ndate = \"2021-03\"\n\n[[document]]\npath = \"essex-table.html\"\ndate = \"2021-06-30\"\n",
    )
    .unwrap();
    let index = tempfile::tempdir().unwrap();
    let json = echoes(corpus.path(), index.path(), &["reuse", "--passages", "--format", "json"]).json();
    let passage = json
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["text"].as_str().unwrap().contains("independent advocate"))
        .unwrap_or_else(|| panic!("{json}"));
    let occ = passage["occurrences"].as_array().unwrap();
    assert_eq!(occ[0]["paragraph"]["doc"], "surrey-table");
    assert_eq!((occ[0]["source"].as_bool(), occ[0]["date"].as_str()), (Some(true), Some("2021-03")));
    assert_eq!(occ[1]["paragraph"]["doc"], "essex-table");
    let texts: Vec<&str> = occ.iter().map(|o| o["paragraph"]["text"].as_str().unwrap()).collect();
    // Each side's words that the other lacks: its own, added to what both carry.
    let own = |k: usize| -> Vec<&str> {
        let other: std::collections::HashSet<&str> = texts[1 - k].split(|c: char| !c.is_alphanumeric()).collect();
        texts[k].split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty() && !other.contains(w)).collect()
    };
    for (k, o) in occ.iter().enumerate() {
        let added: Vec<&str> = o["added"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| &texts[k][r[0].as_u64().unwrap() as usize..r[1].as_u64().unwrap() as usize])
            .collect();
        assert!(!own(k).is_empty());
        assert_eq!(added, own(k), "{}", texts[k]);
        assert_eq!(o["dropped"], serde_json::json!([]), "{o}");
    }
    // The template: the words both carry, a gap where each has its own.
    let template = passage["template"].as_str().unwrap();
    assert!(template.contains("and a leaflet in … languages explains"), "{template}");
    assert!(!own(0).iter().chain(&own(1)).any(|w| template.split(' ').any(|t| t == *w)), "{template}");
    let shown = echoes(corpus.path(), index.path(), &["reuse"]).stdout;
    // Its own words stand apart in its text: shown with `…` between them.
    let line = format!("+{} −0: +{}", own(1).len(), own(1).join(" … "));
    assert!(shown.contains("likely source (earliest dated)") && shown.contains(&line), "{shown}");
    assert!(shown.contains("first: Surrey Police, 2021-03"), "{shown}");
}

/// A body's answer, the same answer read back from a scan with one letter in about thirty misread
/// (no eight words in a row left intact), and two different answers one edit apart word by word.
fn misread_corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let original = "Our officers now review every missing person report within two hours of it being made, \
        and a sergeant checks the risk assessment before the end of each shift. Where a child has gone \
        missing more than twice in a month, the case is passed to the exploitation team, who meet the \
        family and the school within five working days.";
    let misread = "Our officers now reviev every missing person repart within two hours of it belng made, \
        and a sergeant chocks the risk assessnent before the end of each shitt. Where a child has gane \
        missing more thon twice in a month, the casc is passed to the exploitatian team, who meet the \
        famlly and the school within five worklng days.";
    // Different words, each a letter more or less, or another year: not a misread copy.
    let other = "Each force will publish its figures for 2019 and the officers who collect them will be \
        trained by the national team before the end of the year.";
    let near_miss = "Each forces will publishes its figure for 2018 and the officer who collected them will \
        be trained by a national teams before the end of this year.";
    std::fs::write(dir.path().join("kent.txt"), format!("{original}\n\n{other}\n")).unwrap();
    std::fs::write(dir.path().join("essex.txt"), format!("{misread}\n\n{near_miss}\n")).unwrap();
    common::write_manifest(dir.path(), &[("kent.txt", "Kent Police"), ("essex.txt", "Essex Police")]);
    dir
}

#[test]
fn a_copy_ocr_misread_is_found_and_words_one_edit_apart_are_not() {
    let corpus = misread_corpus();
    let index = tempfile::tempdir().unwrap();
    let run = echoes(corpus.path(), index.path(), &["reuse", "--format", "json"]);
    let found = run.json().as_array().unwrap().clone();
    assert_eq!(found.len(), 1, "{found:?}");
    let f = &found[0];
    let texts = [f["a"]["text"].as_str().unwrap(), f["b"]["text"].as_str().unwrap()];
    assert!(texts.iter().any(|t| t.contains("reviev")) && texts.iter().any(|t| t.contains("review")), "{f}");
    // Every word is shared, twelve of them only nearly (misread); the misread words are listed
    // apart from the marks of the words that are the same.
    assert_eq!((f["shared_words"].as_u64(), f["near_words"].as_u64()), (Some(59), Some(12)), "{f}");
    let span = &f["spans"][0];
    let misread_side = if texts[0].contains("reviev") { (texts[0], "near_a") } else { (texts[1], "near_b") };
    let near: Vec<&str> = span[misread_side.1]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| &misread_side.0[r[0].as_u64().unwrap() as usize..r[1].as_u64().unwrap() as usize])
        .collect();
    assert_eq!(
        near,
        [
            "reviev",
            "repart",
            "belng",
            "chocks",
            "assessnent",
            "shitt",
            "gane",
            "thon",
            "casc",
            "exploitatian",
            "famlly",
            "worklng"
        ]
    );
    // A misread word is the same word to the template, never a change.
    let shown = echoes(corpus.path(), index.path(), &["reuse", "--passages", "--format", "json"]).json();
    let occ = shown[0]["occurrences"].as_array().unwrap();
    assert_eq!(occ.len(), 2, "{shown}");
    for o in occ {
        assert_eq!(
            (o["added"].as_array().map(Vec::len), o["dropped"].as_array().map(Vec::len)),
            (Some(0), Some(0)),
            "{o}"
        );
    }
    // Listed apart: the twelve words one side misread, nearly the other's.
    let near: usize = occ.iter().map(|o| o["near"].as_array().map_or(0, Vec::len)).sum();
    assert_eq!(near, 12, "{shown}");
}
