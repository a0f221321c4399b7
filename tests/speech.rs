//! Quoted speech: words in quotation marks a document attributes to a speaker are the speaker's.
//! Two news pages quoting the same words make no finding, unless speech is compared on request;
//! provenance counts the speech apart from what is quoted from the report.

use serde_json::Value;

use crate::common::echoes;
use crate::reuse_agree::{collection, SPEECH};

/// Whether a finding is between the two news pages.
fn is_news(f: &Value) -> bool {
    let docs = [f["a"]["doc"].as_str().unwrap(), f["b"]["doc"].as_str().unwrap()];
    docs.contains(&"gazette-harbour") && docs.contains(&"herald-harbour")
}

/// Whether the two news pages are found sharing words.
fn news_pair(findings: &Value) -> bool {
    findings.as_array().unwrap().iter().any(is_news)
}

fn n(v: &Value, field: &str) -> u64 {
    v[field].as_u64().unwrap_or_else(|| panic!("no {field} in {v}"))
}

#[test]
fn two_pages_quoting_one_speech_are_no_copy_unless_speech_is_compared() {
    let dir = collection();
    let corpus = dir.path().join("corpus");
    let index = tempfile::tempdir().unwrap();
    let reuse = |extra: &[&str]| {
        let mut args = vec!["reuse", "--pairs", "--format", "json"];
        args.extend_from_slice(extra);
        echoes(&corpus, index.path(), &args).json()
    };
    let plain = reuse(&[]);
    assert!(!news_pair(&plain), "{plain}");
    let compared = reuse(&["--speech"]);
    let pair = compared
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["a"]["doc"] == "gazette-harbour" && f["b"]["doc"] == "herald-harbour")
        .unwrap_or_else(|| panic!("{compared}"));
    // The whole speech is shared (its 35 words), and little else: "the chief inspector" and a
    // few words around it.
    let speech_words = SPEECH.split_whitespace().count() as u64;
    assert_eq!(speech_words, 35);
    assert!((speech_words..speech_words + 5).contains(&n(pair, "shared_words")), "{pair}");
    // Both settings are stored with the same index build, each apart: neither is served for the
    // other, in either order.
    assert_eq!(reuse(&[]), plain);
    assert_eq!(reuse(&["--speech"]), compared);
    // The other findings do not move.
    let others = |v: &Value| -> Vec<Value> { v.as_array().unwrap().iter().filter(|f| !is_news(f)).cloned().collect() };
    assert_eq!(others(&plain), others(&compared));
}

#[test]
fn provenance_counts_quoted_speech_apart_from_the_report() {
    let dir = collection();
    let corpus = dir.path().join("corpus");
    let index = tempfile::tempdir().unwrap();
    let provenance = |extra: &[&str]| {
        let mut args = vec!["provenance", "--format", "json", "--doc", "gazette-harbour"];
        args.extend_from_slice(extra);
        echoes(&corpus, index.path(), &args).json()[0].clone()
    };
    let p = provenance(&[]);
    assert_eq!(n(&p, "speech"), 35, "{p}");
    // The sentence that repeats recommendation 2 (24 of its words) is quoted from the report.
    assert!((24..=26).contains(&n(&p, "quoted")), "{p}");
    assert_eq!(p["quoted_from"][0]["source"], "harbour-2024 recommendations", "{p}");
    assert_eq!(n(&p, "shared"), 0, "{p}");
    let sum = ["own", "shared", "stock", "quoted", "speech", "furniture"].iter().map(|f| n(&p, f)).sum::<u64>();
    assert_eq!(sum, n(&p, "words"), "{p}");

    // Compared as the page's own words, the speech is shared with the other page.
    let compared = provenance(&["--speech"]);
    assert_eq!(n(&compared, "speech"), 0, "{compared}");
    assert!(n(&compared, "shared") >= 35, "{compared}");
    assert_eq!(compared["shared_with"][0]["body"], "(unattributed: herald-harbour)", "{compared}");
    assert_eq!(n(&compared, "quoted"), n(&p, "quoted"), "{compared}");

    // The text table shows the column only where there is speech.
    let text = echoes(&corpus, index.path(), &["provenance", "--doc", "gazette-harbour"]).stdout;
    assert!(text.lines().next().unwrap().contains("speech"), "{text}");
    let none = echoes(&corpus, index.path(), &["provenance", "--doc", "dorset-harbour"]).stdout;
    assert!(!none.lines().next().unwrap().contains("speech"), "{none}");
    let csv = echoes(&corpus, index.path(), &["provenance", "--format", "csv", "--doc", "gazette-harbour"]).stdout;
    assert!(csv.starts_with("doc,body,words,own,shared,stock,quoted,speech,furniture,"), "{csv}");
    assert!(csv.lines().nth(1).unwrap().contains(",35,"), "{csv}");
}

#[test]
fn a_server_started_with_speech_compares_it_unless_a_request_says_otherwise() {
    let dir = collection();
    let server = crate::server::Server::start_with(&dir.path().join("corpus"), &["--speech"]);
    assert!(news_pair(&server.json("/api/reuse")));
    assert!(!news_pair(&server.json("/api/reuse?speech=false")));
    assert!(news_pair(&server.json("/api/reuse?speech=true&doc=herald-harbour")));
}
