//! Names in every body table sort as a reader looks them up: case-insensitively ("avon and
//! Somerset" beside "Avon Fire and Rescue", "beta" before "Zeta"), not capitals first.

use serde_json::Value;

use crate::common::*;

const SORTED: [&str; 4] = ["avon and Somerset", "Avon Fire and Rescue", "beta", "Zeta"];

/// Four bodies whose names sort otherwise by bytes; all answer recommendations 1 and 4 with one
/// shared paragraph, so that every table has every body.
fn collection() -> tempfile::TempDir {
    let corpus = corpus_with(&["recommendations.toml"]);
    let shared = "Every officer who meets a victim of domestic abuse now records the crime first and makes \
                  no enquiry about immigration status with the Home Office.";
    let files = [
        ("zeta.txt", "Zeta"),
        ("beta.txt", "beta"),
        ("avon1.txt", "avon and Somerset"),
        ("avon2.txt", "Avon Fire and Rescue"),
    ];
    for (file, body) in files {
        let text = format!(
            "Recommendation 4\n\n{shared}\n\nRecommendation 1\n\n{body} has a new referral form for victims.\n"
        );
        std::fs::write(corpus.path().join(file), text).unwrap();
    }
    write_manifest(corpus.path(), &files);
    corpus
}

fn names(list: &Value, field: Option<&str>) -> Vec<String> {
    let list = list.as_array().unwrap_or_else(|| panic!("not a list: {list}"));
    list.iter()
        .map(|v| match field {
            Some(f) => v[f].as_str().unwrap().to_string(),
            None => v.as_str().unwrap().to_string(),
        })
        .collect()
}

#[test]
fn body_tables_sort_names_case_insensitively() {
    let corpus = collection();
    let index = tempfile::tempdir().unwrap();
    let json = |args: &[&str]| {
        let run = echoes(corpus.path(), index.path(), args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        run.json()
    };
    let coverage = json(&["coverage", "--json"]);
    assert_eq!(names(&coverage["bodies"], None), SORTED);
    assert_eq!(names(&coverage["timeliness"], Some("body")), SORTED);
    let rows: Vec<String> = names(&coverage["cells"], Some("body"));
    assert_eq!(rows.iter().step_by(rows.len() / 4).cloned().collect::<Vec<_>>(), SORTED);

    let counts = json(&["search", "victims", "--count", "--json"]);
    assert_eq!(names(&counts["bodies"], Some("force")), SORTED);

    let matrix = json(&["matrix", "--json"]);
    assert_eq!(names(&matrix["bodies"], None), SORTED);
    assert_eq!(names(&matrix["provenance"], Some("body")), SORTED);
    // Ties in "shared with" too: most words first, then by name as above.
    let shares: Vec<(u64, String)> = matrix["provenance"][2]["shared_with"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["words"].as_u64().unwrap(), s["body"].as_str().unwrap().to_string()))
        .collect();
    assert_eq!(shares.len(), 3, "{shares:?}");
    assert!(shares.iter().all(|(words, _)| *words == shares[0].0), "a tie: {shares:?}");
    assert_eq!(
        shares.iter().map(|(_, b)| b.as_str()).collect::<Vec<_>>(),
        ["avon and Somerset", "Avon Fire and Rescue", "Zeta"]
    );

    let status = json(&["status", "--json"]);
    assert_eq!(names(&status["bodies"], None), SORTED);

    // The text tables list the rows in the same order.
    let text = echoes(corpus.path(), index.path(), &["coverage"]).stdout;
    let at: Vec<usize> = SORTED.iter().map(|b| text.find(&format!("\n{b} ")).unwrap()).collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{text}");
    let unanswered = "no answer to recommendation 5: avon and Somerset; Avon Fire and Rescue; beta; Zeta";
    assert!(text.contains(unanswered), "{text}");
}
