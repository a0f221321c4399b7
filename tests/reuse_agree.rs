//! The command line and the web API build reuse options the same way: `echoes reuse --pairs
//! --format json` and `GET /api/reuse` give the same findings for the same filters.

use std::path::Path;

use serde_json::Value;

use crate::common::echoes;
use crate::server::Server;

const HARBOUR: &str = r#"report = "harbour-2024"
title = "Harbour lights: an inspection of coastal policing written for tests"
publisher = "Test Inspectorate"
date = "2024-02"

[[recommendation]]
number = 1
addressee = "To chief constables"
text = """
By June 2024, chief constables should ensure that every harbour master can reach a named officer at any hour, and that each call is logged with the time it was answered.
"""

[[recommendation]]
number = 2
addressee = "To chief constables"
text = """
Chief constables should publish the number of small boat landings their force recorded each quarter, with the share that officers attended within two hours.
"""

[[recommendation]]
number = 3
addressee = "To police and crime commissioners"
text = """
Police and crime commissioners should fund training in maritime law for every sergeant posted to a coastal station.
"""
"#;

const MOORLAND: &str = r#"report = "moorland-2025"
title = "Open country: an inspection of rural patrols written for tests"
publisher = "Test Inspectorate"
date = "2025-01"

[[recommendation]]
number = 1
addressee = "To chief constables"
text = """
Chief constables should make sure that rural officers carry radios that work in the valleys where mobile telephones have no signal.
"""

[[recommendation]]
number = 2
addressee = "To chief constables"
text = """
Chief constables should agree with farmers' unions how thefts of livestock and machinery are reported, and say so on their websites.
"""
"#;

/// One template answer that three forces paste (one of them with edits).
const TEMPLATE: &str = "Our marine unit keeps a duty roster so that a harbour master always has a direct line to the \
     officer on call, and the control room writes down the minute each call from a harbour was picked up so that \
     delays can be checked every month by an inspector.";

/// The same passage after another force's edits.
const TEMPLATE_EDITED: &str = "Our marine section keeps a duty rota so that a harbour master always has a direct \
     line to the officer on call, and the control room writes down the minute each call from a port was picked up \
     so that delays can be checked each month by a sergeant.";

/// The chief inspector's words, as two news sites quote them.
pub const SPEECH: &str = "I am pleased with the progress these forces have made on harbour patrols, but too many \
     small boats still land on quiet beaches without anyone from the police knowing about it until the next morning";

fn files() -> Vec<(&'static str, String)> {
    vec![
        (
            "dorset-harbour.txt",
            format!(
                "Dorset Police response to the harbour inspection\n\
                 Recommendation 1\n{TEMPLATE}\n\
                 Recommendation 2\nWe counted one hundred and four landings last year along the Purbeck coast; \
                 officers reached sixty of them within the two hours, and the figures now go on our website every \
                 quarter beside the response times of the lifeboat crews.\n\
                 Recommendation 3\nThe commissioner has paid for a two-day maritime law course at the Poole \
                 college, and every sergeant at Weymouth and Swanage will have sat it by the autumn, with a \
                 refresher each spring for those who joined later in the year.\n"
            ),
        ),
        (
            "cumbria-harbour.txt",
            format!(
                "Cumbria Constabulary response to the harbour inspection\n\
                 Recommendation 1\n{TEMPLATE}\n\
                 Recommendation 2\nLandings on the Solway are rare, and each one is reviewed by a detective \
                 inspector who writes to the harbour master afterwards with what was learned from it.\n\
                 {TEMPLATE}\n\
                 Recommendation 3\nThe commissioner has paid for a maritime law course at the Barrow college, \
                 and every sergeant at Whitehaven and Workington will have sat it by the winter, with a \
                 refresher each spring for those who joined during the year.\n"
            ),
        ),
        (
            "norfolk-harbour.txt",
            format!(
                "Norfolk Constabulary response to the harbour inspection\n\
                 Recommendation 1\n{TEMPLATE_EDITED}\n\
                 Recommendation 2\nThe Broads and the north coast saw few landings; our rural crime team keeps \
                 the count and publishes it with the wildlife crime figures twice a year.\n"
            ),
        ),
        (
            "statement-harbour.txt",
            "Statement on the harbour inspection\n\
             We counted one hundred and four landings last year along the Purbeck coast; officers reached sixty \
             of them within the two hours, and the figures now go on our website every quarter beside the \
             response times of the lifeboat crews.\n"
                .to_string(),
        ),
        (
            "gazette-harbour.txt",
            format!(
                "Coastal Gazette\nHarbour report published on Tuesday\n\
                 The inspectorate published its report on coastal policing on Tuesday morning. The chief \
                 inspector said: \u{201c}{SPEECH}.\u{201d}\n\
                 It asks chief constables to publish the number of small boat landings their force recorded \
                 each quarter, with the share that officers attended within two hours.\n\
                 Fishermen at the quay told this paper they had seen more patrol boats this summer than in any \
                 year they could remember.\n"
            ),
        ),
        (
            "herald-harbour.txt",
            format!(
                "Harbour Herald\nInspectors want more patrols on quiet beaches\n\
                 Speaking at the launch in London, the chief inspector told reporters: \u{201c}{SPEECH}.\u{201d}\n\
                 The lifeboat station at the point has asked for a meeting with the commissioner before the \
                 summer season begins.\n"
            ),
        ),
        (
            "lincolnshire-moorland.txt",
            "Lincolnshire Police response to the rural patrols inspection\n\
             Recommendation 1\nEvery rural officer now carries a digital radio paired with a satellite \
             handset, tested on each shift in the Wolds valleys where the telephone masts give no signal at \
             all.\n\
             Recommendation 2\nThe farmers' union and our rural crime officers signed a reporting agreement \
             in March, and the page on our website names the officer for each district.\n"
                .to_string(),
        ),
        (
            "norfolk-moorland.txt",
            "Norfolk Constabulary response to the rural patrols inspection\n\
             Recommendation 1\nEvery rural officer now carries a digital radio paired with a satellite \
             handset, tested on each shift in the Wolds valleys where the telephone masts give no signal at \
             all.\n\
             Recommendation 2\nThefts of quad bikes and sheep are reported through the rural watch line, \
             which our website explains in plain words with a map of the beats.\n"
                .to_string(),
        ),
    ]
}

const MANIFEST: &str = r#"
[[document]]
path = "dorset-harbour.txt"
force = "Dorset Police"
date = "2024-05-02"
report = "harbour-2024"

[[document]]
path = "cumbria-harbour.txt"
force = "Cumbria Constabulary"
date = "2024-05-20"
report = "harbour-2024"

[[document]]
path = "norfolk-harbour.txt"
force = "Norfolk Constabulary"
date = "2024-06-11"
report = "harbour-2024"

[[document]]
path = "statement-harbour.txt"
date = "2024-07-01"
report = "harbour-2024"

[[document]]
path = "gazette-harbour.txt"
date = "2024-02-14"
report = "harbour-2024"

[[document]]
path = "herald-harbour.txt"
date = "2024-02-15"
report = "harbour-2024"

[[document]]
path = "lincolnshire-moorland.txt"
force = "Lincolnshire Police"
date = "2025-03-01"
report = "moorland-2025"

[[document]]
path = "norfolk-moorland.txt"
force = "Norfolk Constabulary"
date = "2025-04-01"
report = "moorland-2025"
"#;

/// The collection: two reports, four forces (one answering both), an unattributed statement
/// and two news pages quoting the same speech, in `corpus/` of the directory given back.
pub fn collection() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write_collection(&dir.path().join("corpus"));
    dir
}

/// Writes the collection into `corpus` (created).
pub fn write_collection(corpus: &Path) {
    write_documents(corpus, &names());
}

/// The file names of the collection's documents, in the order they are written.
pub fn names() -> Vec<&'static str> {
    files().into_iter().map(|(name, _)| name).collect()
}

/// Writes the reports and the named documents of the collection into `corpus` (created), in the
/// order named, with a manifest listing them in that order.
pub fn write_documents(corpus: &Path, names: &[&str]) {
    std::fs::create_dir_all(corpus.join("reports")).unwrap();
    std::fs::write(corpus.join("recommendations.toml"), HARBOUR).unwrap();
    std::fs::write(corpus.join("reports/moorland-2025.toml"), MOORLAND).unwrap();
    let files = files();
    let entries: Vec<&str> = MANIFEST.split("[[document]]").filter(|e| !e.trim().is_empty()).collect();
    let mut manifest = String::new();
    for name in names {
        let (_, text) = files.iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("no document {name}"));
        std::fs::write(corpus.join(name), text).unwrap();
        let entry = entries.iter().find(|e| e.contains(&format!("\"{name}\""))).unwrap();
        manifest.push_str(&format!("[[document]]{entry}"));
    }
    std::fs::write(corpus.join("manifest.toml"), manifest).unwrap();
}

/// The pairs of findings, as `a b` paragraph ids.
fn pairs(findings: &Value) -> Vec<String> {
    let mut out: Vec<String> = findings
        .as_array()
        .unwrap_or_else(|| panic!("not a list: {findings}"))
        .iter()
        .map(|f| format!("{} {}", f["a"]["id"].as_str().unwrap(), f["b"]["id"].as_str().unwrap()))
        .collect();
    out.sort();
    out
}

#[test]
fn the_command_line_and_the_web_api_give_the_same_findings_for_the_same_filters() {
    let dir = collection();
    let corpus = dir.path().join("corpus");
    let index = tempfile::tempdir().unwrap();
    let server = Server::start_with(&corpus, &[]);
    // Each filter set as the command line and as a query, with the pairs the collection was
    // written to have under it: the template (dorset 2, cumbria 2 and 5) and its edited copy
    // (norfolk 2), dorset's landings answer in the unattributed statement, cumbria's edited
    // training answer, and one answer copied between the moorland responses.
    let all = [
        "cumbria-harbour:2 dorset-harbour:2",
        "cumbria-harbour:2 norfolk-harbour:2",
        "cumbria-harbour:5 dorset-harbour:2",
        "cumbria-harbour:5 norfolk-harbour:2",
        "cumbria-harbour:7 dorset-harbour:6",
        "dorset-harbour:2 norfolk-harbour:2",
        "dorset-harbour:4 statement-harbour:1",
        "lincolnshire-moorland:2 norfolk-moorland:2",
    ];
    let cases: [(&[&str], &str, Vec<&str>); 11] = [
        (&[], "", all.to_vec()),
        (
            &["--force", "dorset"],
            "force=dorset",
            vec![
                "cumbria-harbour:2 dorset-harbour:2",
                "cumbria-harbour:5 dorset-harbour:2",
                "cumbria-harbour:7 dorset-harbour:6",
                "dorset-harbour:2 norfolk-harbour:2",
                "dorset-harbour:4 statement-harbour:1",
            ],
        ),
        (&["--force", "unattributed"], "force=unattributed", vec!["dorset-harbour:4 statement-harbour:1"]),
        (
            // Recommendation 2 of either report: the template pasted under it, the landings.
            &["--rec", "2"],
            "rec=2",
            vec![
                "cumbria-harbour:5 dorset-harbour:2",
                "cumbria-harbour:5 norfolk-harbour:2",
                "dorset-harbour:4 statement-harbour:1",
            ],
        ),
        (
            &["--doc", "norfolk-harbour"],
            "doc=norfolk-harbour",
            vec![
                "cumbria-harbour:2 norfolk-harbour:2",
                "cumbria-harbour:5 norfolk-harbour:2",
                "dorset-harbour:2 norfolk-harbour:2",
            ],
        ),
        (
            &["--doc", "statement-harbour", "--doc", "lincolnshire-moorland"],
            "doc=statement-harbour,lincolnshire-moorland",
            vec!["dorset-harbour:4 statement-harbour:1", "lincolnshire-moorland:2 norfolk-moorland:2"],
        ),
        (&["--report", "moorland-2025"], "report=moorland-2025", vec!["lincolnshire-moorland:2 norfolk-moorland:2"]),
        (
            // Norfolk answered both reports: its answer to the first report's recommendation 1.
            &["--force", "norfolk", "--rec", "1", "--report", "harbour-2024"],
            "force=norfolk&rec=1&report=harbour-2024",
            vec![
                "cumbria-harbour:2 norfolk-harbour:2",
                "cumbria-harbour:5 norfolk-harbour:2",
                "dorset-harbour:2 norfolk-harbour:2",
            ],
        ),
        (&["--within"], "within=true", vec!["cumbria-harbour:2 cumbria-harbour:5"]),
        (
            // The edited training answer shares 27 words at 0.668: it goes.
            &["--min-words", "30", "--min-score", "0.7"],
            "min_words=30&min_score=0.7",
            all.iter().copied().filter(|p| *p != "cumbria-harbour:7 dorset-harbour:6").collect(),
        ),
        (
            // The chief inspector's words, compared as the news sites' own.
            &["--speech"],
            "speech=true",
            all.iter().copied().chain(["gazette-harbour:2 herald-harbour:2"]).collect(),
        ),
    ];
    for (args, query, expected) in cases {
        let mut cli_args = vec!["reuse", "--pairs", "--format", "json"];
        cli_args.extend_from_slice(args);
        let run = echoes(&corpus, index.path(), &cli_args);
        assert!(run.code == 0, "{args:?}: {}", run.stderr);
        let cli = run.json();
        let api = server.json(&format!("/api/reuse?{query}"));
        let mut expected: Vec<String> = expected.iter().map(|p| p.to_string()).collect();
        expected.sort();
        assert_eq!(pairs(&cli), expected, "{args:?}");
        // The same findings: ids, scores, kinds, spans, paragraphs, in the same order.
        assert_eq!(cli, api, "{args:?} against ?{query}");
        // And the same passages, each with its occurrences.
        let mut passage_args = vec!["reuse", "--passages", "--format", "json"];
        passage_args.extend_from_slice(args);
        let cli = echoes(&corpus, index.path(), &passage_args);
        assert!(cli.code == 0, "{args:?}: {}", cli.stderr);
        let api = server.json(&format!("/api/reuse?passages=true&{query}"));
        assert_eq!(cli.json(), api, "{args:?} against ?passages=true&{query}");
    }
}

#[test]
fn both_refuse_a_body_document_report_or_recommendation_the_index_does_not_hold() {
    let dir = collection();
    let corpus = dir.path().join("corpus");
    let index = tempfile::tempdir().unwrap();
    let server = Server::start_with(&corpus, &[]);
    let run = echoes(&corpus, index.path(), &["reuse", "--pairs", "--format", "json", "--doc", "no-such-page"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("no-such-page"), "{}", run.stderr);
    let (status, body) = server.request("GET", "/api/reuse?doc=no-such-page");
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("no-such-page"), "{body}");
    let (status, body) = server.request("GET", "/api/reuse?report=no-such-report");
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("no-such-report"), "{body}");
    // Recommendation 3 is the first report's only: not the second's.
    let run = echoes(&corpus, index.path(), &["reuse", "--rec", "3", "--report", "moorland-2025"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("recommendation 3"), "{}", run.stderr);
    let (status, body) = server.request("GET", "/api/reuse?rec=3&report=moorland-2025");
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("recommendation 3"), "{body}");
    let (status, body) = server.request("GET", "/api/reuse?force=nowhere");
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("nowhere"), "{body}");
    assert_eq!(echoes(&corpus, index.path(), &["reuse", "--force", "nowhere"]).code, 2);
}
