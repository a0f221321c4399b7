//! Pairs that pin what the mutation run of `reuse/` left uncaught: stock wording inside a copy,
//! the stock rule's edge, and where a passage stops. Every expected value is worked out by hand
//! from how the pair was built (the comments give the sums), never by echoes' own code.

use std::path::Path;

use serde_json::Value;

use crate::common::echoes;

/// The `n` words of a nonce vocabulary numbered from `from`: four letters each, any two differing
/// in at least two letters (so that none is taken for a misreading of another: a four-letter word
/// may have one letter misread), none a real word of the field.
fn nonce(from: usize, n: usize) -> Vec<String> {
    (from..from + n)
        .map(|k| {
            let (x, y) = (k % 26, k / 26);
            let l = |v: usize| (b'a' + (v % 26) as u8) as char;
            // Two numbers with the same x differ in the last three letters, with the same y in
            // the first, third and fourth, and otherwise in the first two.
            format!("{}{}{}{}", l(x), l(y), l(x + y), l(x + 2 * y))
        })
        .collect()
}

/// A report whose one recommendation shares no word with the fixtures (so that nothing in them
/// is quotation of it).
fn report(dir: &Path) {
    std::fs::create_dir(dir.join("reports")).unwrap();
    std::fs::write(
        dir.join("reports").join("kite-2024.toml"),
        "report = \"kite-2024\"\ntitle = \"Kites: a report on kites\"\n\n[[recommendation]]\nnumber = 1\n\
         addressee = \"To chief constables\"\ntext = \"Forces should keep a register of kites flown over stations.\"\n",
    )
    .unwrap();
}

/// Every finding and stock passage of `reuse --format json --min-score 0` on a corpus of one
/// paragraph a body, and the run.
fn reuse(paragraphs: &[String], extra: &[&str]) -> Vec<Value> {
    let corpus = tempfile::tempdir().unwrap();
    let index = tempfile::tempdir().unwrap();
    report(corpus.path());
    let mut manifest = String::new();
    for (i, p) in paragraphs.iter().enumerate() {
        std::fs::write(corpus.path().join(format!("p{i}.txt")), format!("{p}.\n")).unwrap();
        manifest.push_str(&format!("[[document]]\npath = \"p{i}.txt\"\nforce = \"Body {i}\"\n\n"));
    }
    std::fs::write(corpus.path().join("manifest.toml"), manifest).unwrap();
    let args = [&["reuse", "--format", "json", "--min-score", "0"], extra].concat();
    let run = echoes(corpus.path(), index.path(), &args);
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    run.json().as_array().unwrap().clone()
}

/// The statutory duty to inspect (Police Act 1996, section 54), one of the shipped formulas:
/// 17 words, none a name.
const DUTY: &str = "Inspect and report on the efficiency and effectiveness of every police force maintained for a \
                    police area";

#[test]
fn the_nonce_words_are_two_letters_apart() {
    let w = nonce(0, 676);
    for (i, x) in w.iter().enumerate() {
        for y in &w[i + 1..] {
            assert!(x.bytes().zip(y.bytes()).filter(|(p, q)| p != q).count() >= 2, "{x} {y}");
        }
    }
}

#[test]
fn stock_words_inside_a_copied_paragraph_count_for_nothing_in_its_score() {
    // The duty's 17 words, then 16 words both bodies share, then 4 words of A's own and 6 of B's.
    // 33 words shared, 17 of them stock: 16 counted, of 37 and 39 own words. Score
    // min(1, 16/20) × mean(16/37, 16/39) = 0.8 × (0.43243 + 0.41026) / 2 = 0.33708… → 0.337 (it
    // would be 0.869 if the stock words counted).
    let (shared, own) = (nonce(0, 16), nonce(100, 10));
    let a = format!("{DUTY} {} {}", shared.join(" "), own[..4].join(" "));
    let b = format!("{DUTY} {} {}", shared.join(" "), own[4..].join(" "));
    let f = reuse(&[a, b], &[]);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0]["shared_words"], 33);
    assert_eq!(f[0]["stock_words"], 17);
    assert_eq!(f[0]["stock"], false);
    assert_eq!((f[0]["containment_a"].as_f64(), f[0]["containment_b"].as_f64()), (Some(0.432), Some(0.41)));
    assert_eq!(f[0]["score"], 0.337);
    assert_eq!(f[0]["kind"], "partial");
    assert_eq!(
        f[0]["stock_reasons"],
        serde_json::json!(["statutory duty to inspect police forces (Police Act 1996, section 54)"])
    );
}

#[test]
fn the_quotation_judge_of_the_tests_finds_a_recommendation_quoted_and_nothing_in_own_words() {
    let sources = vec!["Forces should keep a register of kites flown over stations.".to_string()];
    // "keep a register of kites": 5 of 9 words in runs of four of the recommendation's; none of
    // the nonce words.
    assert_eq!(crate::common::quoted_share("We agree: keep a register of kites, said Kent.", &sources), 5.0 / 9.0);
    assert_eq!(crate::common::quoted_share(&nonce(0, 12).join(" "), &sources), 0.0);
}

#[test]
fn a_run_of_exactly_the_shortest_length_is_a_finding_and_one_word_shorter_is_not() {
    // 8 words shared (the default shortest run) between 12 words of each side's own: score
    // min(1, 8/20) × max(mean(8/20, 8/20), 0.3) = 0.4 × 0.4 = 0.16.
    let (run, a_own, b_own) = (nonce(0, 8), nonce(200, 12), nonce(300, 12));
    let a = format!("{} {}", run.join(" "), a_own.join(" "));
    let b = format!("{} {}", run.join(" "), b_own.join(" "));
    let f = reuse(&[a, b], &[]);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!((f[0]["shared_words"].as_u64(), f[0]["longest_run"].as_u64()), (Some(8), Some(8)));
    assert_eq!(f[0]["score"], 0.16);
    // 7 words shared: nothing.
    let a = format!("{} {}", run[..7].join(" "), a_own.join(" "));
    let b = format!("{} {}", run[..7].join(" "), b_own.join(" "));
    assert_eq!(reuse(&[a, b], &[]), Vec::<Value>::new());
}

#[test]
fn a_copy_with_exactly_the_shortest_run_of_own_words_beside_a_formula_is_a_finding() {
    // The duty's 17 words and 8 shared words of the bodies' own (the shortest run): not stock.
    // 25 shared, 8 counted, of 29 and 31 own words: mean(8/29, 8/31) = (0.27586 + 0.25806) / 2
    // = 0.267, under the floor: score 8/20 × 0.3 = 0.12.
    let (shared, own) = (nonce(0, 8), nonce(100, 10));
    let pair = |n: usize| {
        [
            format!("{DUTY} {} {}", shared[..n].join(" "), own[..4].join(" ")),
            format!("{DUTY} {} {}", shared[..n].join(" "), own[4..].join(" ")),
        ]
    };
    let f = reuse(&pair(8), &[]);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!((f[0]["shared_words"].as_u64(), f[0]["stock_words"].as_u64()), (Some(25), Some(17)));
    assert_eq!(f[0]["stock"], false);
    assert_eq!((f[0]["containment_a"].as_f64(), f[0]["containment_b"].as_f64()), (Some(0.276), Some(0.258)));
    assert_eq!(f[0]["score"], 0.12);
    // With 7 of their own, the pair is stock wording: no finding.
    assert_eq!(reuse(&pair(7), &[]), Vec::<Value>::new());
}

#[test]
fn a_pasted_text_is_compared_with_an_unattributed_document_whatever_its_name() {
    // A document of no body, named `text` as a pasted text is: the pasted text has no body, so
    // the document is another's, and its 20 words are found whole (score 1).
    let corpus = tempfile::tempdir().unwrap();
    let index = tempfile::tempdir().unwrap();
    report(corpus.path());
    let words = nonce(0, 20).join(" ");
    std::fs::write(corpus.path().join("text.txt"), format!("{words}.\n")).unwrap();
    let run = echoes(corpus.path(), index.path(), &["similar", "--text", &words, "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let f = run.json();
    assert_eq!(f.as_array().map(Vec::len), Some(1), "{f:#}");
    assert_eq!(f[0]["b"]["doc"], "text");
    assert_eq!((f[0]["shared_words"].as_u64(), f[0]["score"].as_f64()), (Some(20), Some(1.0)));
}

#[test]
fn two_passages_copied_in_swapped_order_stay_two_passages() {
    // A: P then Q; B: Q then P (10 words each). Two passages of 10 words, all of both sides
    // shared: score 1, near (the order differs, so not verbatim).
    let (p, q) = (nonce(0, 10), nonce(40, 10));
    let a = format!("{} {}", p.join(" "), q.join(" "));
    let b = format!("{} {}", q.join(" "), p.join(" "));
    let f = reuse(&[a, b], &[]);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!((f[0]["shared_words"].as_u64(), f[0]["score"].as_f64()), (Some(20), Some(1.0)));
    assert_eq!(f[0]["kind"], "near");
    let spans = f[0]["spans"].as_array().unwrap();
    assert_eq!(spans.iter().map(|s| s["words"].as_u64().unwrap()).collect::<Vec<_>>(), [10, 10], "{spans:#?}");
}

#[test]
fn shared_words_are_found_past_both_ends_of_a_passage_when_one_side_has_words_inserted() {
    // A: S (7) + 3 words of its own + C (10) + 3 of its own + T (7); B: S + C + T. Only C is a run
    // of the shortest length; S and T are found by looking past its ends, further than the
    // first look reaches on A's side (6 words), not on B's. 24 words shared, of 30 and 24:
    // score mean(0.8, 1) = 0.9, near (A has words B has not), one passage.
    let (s, c, t, x) = (nonce(0, 7), nonce(30, 10), nonce(60, 7), nonce(90, 6));
    let a = [s.clone(), x[..3].to_vec(), c.clone(), x[3..].to_vec(), t.clone()].concat().join(" ");
    let b = [s, c, t].concat().join(" ");
    let f = reuse(&[a, b], &[]);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!((f[0]["shared_words"].as_u64(), f[0]["longest_run"].as_u64()), (Some(24), Some(10)));
    assert_eq!((f[0]["containment_a"].as_f64(), f[0]["containment_b"].as_f64()), (Some(0.8), Some(1.0)));
    assert_eq!(f[0]["score"], 0.9);
    assert_eq!(f[0]["kind"], "near");
    assert_eq!(f[0]["spans"].as_array().map(Vec::len), Some(1));
}

#[test]
fn a_copied_run_scores_its_shared_words_over_both_documents_own_words() {
    // Two paragraphs a document, each pair partly copied, in order: a run of two findings.
    // A: P (20) + 20 of its own | Q (12) + 4 of its own; B: P | Q + 12 of its own.
    // 32 words shared over 40 + 16 = 56 own words in A and 20 + 24 = 44 in B:
    // score min(1, 32/20) × mean(32/56, 32/44) = (0.57143 + 0.72727) / 2 = 0.64935… → 0.649.
    let (p, q, own) = (nonce(0, 20), nonce(40, 12), nonce(80, 36));
    let a = format!("{} {}.\n\n{} {}", p.join(" "), own[..20].join(" "), q.join(" "), own[20..24].join(" "));
    let b = format!("{}.\n\n{} {}", p.join(" "), q.join(" "), own[24..].join(" "));
    let runs = reuse(&[a, b], &["--runs"]);
    assert_eq!(runs.len(), 1, "{runs:#?}");
    assert_eq!(runs[0]["findings"].as_array().map(Vec::len), Some(2));
    assert_eq!(runs[0]["shared_words"], 32);
    assert_eq!(runs[0]["score"], 0.649);
}

#[test]
fn a_report_title_of_one_word_before_its_colon_is_no_name() {
    // The report is titled "Kites: a report on kites"; its short title, one word, is too short to
    // be a name. So "kites" is an ordinary word, and an 8-word run holding it is a copy: 8 of 20
    // words of each side, score 8/20 × mean(0.4, 0.4) = 0.16.
    let run = [nonce(0, 7), vec!["kites".to_string()]].concat().join(" ");
    let (a_own, b_own) = (nonce(200, 12), nonce(300, 12));
    let f = reuse(&[format!("{run} {}", a_own.join(" ")), format!("{run} {}", b_own.join(" "))], &[]);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!((f[0]["shared_words"].as_u64(), f[0]["score"].as_f64()), (Some(8), Some(0.16)));
}

#[test]
fn a_copy_read_back_with_every_third_word_misread_is_found() {
    // B is A (40 words) with the last letter of every third word misread: no three words in a row
    // are the same (the shortest shingle of a candidate), so only the misread words, each seen
    // once and a letter from A's, make the two candidates. All 40 words shared, 13 of them only
    // nearly the same.
    let a = nonce(0, 40);
    let b: Vec<String> = a
        .iter()
        .enumerate()
        .map(|(i, w)| {
            if i % 3 == 2 {
                let last = (w.as_bytes()[3] - b'a' + 13) % 26 + b'a';
                format!("{}{}", &w[..3], last as char)
            } else {
                w.clone()
            }
        })
        .collect();
    let f = reuse(&[a.join(" "), b.join(" ")], &[]);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!((f[0]["shared_words"].as_u64(), f[0]["near_words"].as_u64()), (Some(40), Some(13)));
}
