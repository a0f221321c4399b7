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
