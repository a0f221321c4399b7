//! The score and the alignment pinned on pairs built word by word, with expected values worked
//! out by hand from how the pairs were built (never from echoes' own code): scores in the middle
//! of the range, a near-miss that is not a misreading, runs chained into one passage, shared
//! words found past a passage's end, and long paragraphs.

use serde_json::Value;

use crate::common::echoes;

/// `n` distinct words of four letters, made from `seed` (no two alike in more than two letters,
/// so no two are taken for a misreading of each other, and none is a name or a common word).
fn words(seed: u8, n: usize) -> Vec<String> {
    (0..n)
        .map(|i| {
            let l = |x: usize| (b'a' + (x % 26) as u8) as char;
            format!("{}{}{}{}", (b'b' + seed) as char, l(i / 676), l(i / 26), l(i))
        })
        .collect()
}

/// The findings of `reuse --format json` (at `--min-score 0`) on a corpus of one paragraph a body.
fn findings(paragraphs: &[String]) -> Vec<Value> {
    let corpus = tempfile::tempdir().unwrap();
    let index = tempfile::tempdir().unwrap();
    let mut manifest = String::new();
    for (i, p) in paragraphs.iter().enumerate() {
        std::fs::write(corpus.path().join(format!("p{i}.txt")), format!("{p}.\n")).unwrap();
        manifest.push_str(&format!("[[document]]\npath = \"p{i}.txt\"\nforce = \"Body {i}\"\n\n"));
    }
    std::fs::write(corpus.path().join("manifest.toml"), manifest).unwrap();
    let run = echoes(corpus.path(), index.path(), &["reuse", "--format", "json", "--min-score", "0"]);
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    run.json().as_array().unwrap().clone()
}

#[test]
fn a_passage_in_longer_paragraphs_scores_its_share_of_both() {
    // A: 20 words of its own, then a 20-word passage. B: 30 of its own, the passage, 10 more.
    let (own_a, own_b, passage) = (words(1, 20), words(2, 40), words(3, 20));
    let a = [own_a.clone(), passage.clone()].concat().join(" ");
    let b = [own_b[..30].to_vec(), passage.clone(), own_b[30..].to_vec()].concat().join(" ");
    let f = findings(&[a, b]);
    assert_eq!(f.len(), 1, "{f:#?}");
    // 20 shared words of 40 and of 60: min(1, 20/20) × mean(0.5, 0.333) = 0.41666… → 0.417.
    assert_eq!(f[0]["shared_words"], 20);
    assert_eq!((f[0]["containment_a"].as_f64(), f[0]["containment_b"].as_f64()), (Some(0.5), Some(0.333)));
    assert_eq!(f[0]["score"], 0.417);
    assert_eq!(f[0]["kind"], "partial");
}

#[test]
fn a_short_passage_counts_in_proportion_to_its_size() {
    // A 10-word passage is the whole of A and a third of B: 10/20 × mean(1, 1/3) = 0.3333… → 0.333.
    let passage = words(4, 10);
    let other = words(5, 20);
    let b = [other[..10].to_vec(), passage.clone(), other[10..].to_vec()].concat().join(" ");
    let f = findings(&[passage.join(" "), b]);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0]["shared_words"], 10);
    assert_eq!(f[0]["score"], 0.333);
}

#[test]
fn a_word_of_the_same_length_that_is_no_misreading_breaks_the_copy_and_runs_chain_into_one_passage() {
    // A 30-word copy whose 15th word is another word of the same length, differing in every
    // letter: 29 words shared, none of them only nearly the same, in one passage of two runs.
    let a = words(6, 30);
    let mut b = a.clone();
    b[14] = "zzzz".into();
    let f = findings(&[a.join(" "), b.join(" ")]);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0]["shared_words"], 29);
    assert_eq!(f[0]["near_words"].as_u64().unwrap_or(0), 0);
    assert_eq!(f[0]["longest_run"], 15);
    let spans = f[0]["spans"].as_array().unwrap();
    assert_eq!(spans.len(), 1, "{spans:#?}");
    assert_eq!(spans[0]["words"], 29);
    assert_eq!(spans[0]["marks_a"].as_array().unwrap().len(), 2);
}

#[test]
fn shared_words_past_a_passages_end_are_found() {
    // 12 words shared, one differing, then the last two shared again: the two after the edit are
    // found by looking past the run (a run of 2 is under the shortest run of 8 on its own).
    let a = words(7, 15);
    let mut b = a.clone();
    b[12] = "zyzy".into();
    let f = findings(&[a.join(" "), b.join(" ")]);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0]["longest_run"], 12);
    assert_eq!(f[0]["shared_words"], 14);
    // The same two words before the passage: found by looking before its start.
    let mut c = a.clone();
    c[2] = "zxzx".into();
    let g = findings(&[a.join(" "), c.join(" ")]);
    assert_eq!(g[0]["shared_words"], 14);
}

#[test]
fn long_paragraphs_lightly_edited_are_aligned_in_full() {
    // 1,500 words (past the table the short ones are compared over), every 30th replaced: 1,450
    // shared words, 50 differing; mean share 1450/1500 = 0.9666… → 0.967.
    let a = words(8, 1500);
    let b: Vec<String> =
        a.iter().enumerate().map(|(i, w)| if i % 30 == 29 { format!("yy{}", &w[2..]) } else { w.clone() }).collect();
    let f = findings(&[a.join(" "), b.join(" ")]);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0]["shared_words"], 1450);
    assert_eq!(f[0]["score"], 0.967);
    assert_eq!(f[0]["kind"], "near");
}

#[test]
fn very_long_paragraphs_keep_their_edit_distance() {
    // 4,200 words (past the exact edit distance's table): every 100th from the 50th dropped (42),
    // every 30th from the 29th replaced (140). Edit distance 182: similarity 1 − 182/4200 = 0.957;
    // 4,018 shared words of 4,200 and 4,158: score (0.95667 + 0.96633) / 2 = 0.9615 → 0.961.
    let a = words(9, 4200);
    let b: Vec<String> = a
        .iter()
        .enumerate()
        .filter(|(i, _)| i % 100 != 50)
        .map(|(i, w)| if i % 30 == 29 { format!("yy{}", &w[2..]) } else { w.clone() })
        .collect();
    let f = findings(&[a.join(" "), b.join(" ")]);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0]["shared_words"], 4018);
    assert_eq!(f[0]["similarity"], 0.957);
    assert_eq!(f[0]["score"], 0.961);
    assert_eq!(f[0]["kind"], "near");
}
