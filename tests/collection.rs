//! `echoes init` on a collection of 45 pages in the shapes users save from the web (force and
//! commissioner pages, letters, national bodies' statements with signatories, news with
//! datelines, NGO releases, a blog copying news, the report's own pages), against hand labels
//! kept beside it (`tests/fixtures/collection-labels.toml`, made without echoes): how many of
//! its body guesses are right, how many bodies it guesses, which dates it finds, and that it
//! proposes no news page as a reference.

use std::path::{Path, PathBuf};

use crate::common::echoes;

struct Label {
    path: String,
    body: String,
    kind: String,
    date: String,
    police: bool,
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn labels() -> Vec<Label> {
    let text = std::fs::read_to_string(fixtures().join("collection-labels.toml")).unwrap();
    let value: toml::Table = text.parse().unwrap();
    let s = |t: &toml::Value, k: &str| t[k].as_str().unwrap().to_string();
    value["page"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| Label {
            path: s(t, "path"),
            body: s(t, "body"),
            kind: s(t, "kind"),
            date: s(t, "date"),
            police: t["police"].as_bool().unwrap(),
        })
        .collect()
}

/// What `init` wrote for one file: its force, date and kind, and the comments of its entry.
#[derive(Default, Debug)]
struct Entry {
    force: Option<String>,
    date: Option<String>,
    kind: Option<String>,
    comments: String,
}

/// Runs `init` on a copy of the collection and reads the manifest it wrote, entry by path.
fn init_collection() -> std::collections::HashMap<String, Entry> {
    let dir = tempfile::tempdir().unwrap();
    for f in std::fs::read_dir(fixtures().join("collection")).unwrap() {
        let f = f.unwrap();
        std::fs::copy(f.path(), dir.path().join(f.file_name())).unwrap();
    }
    let index = tempfile::tempdir().unwrap();
    let run = echoes(dir.path(), &index.path().join("index"), &["init"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = std::fs::read_to_string(dir.path().join("manifest.toml")).unwrap();
    let doc: toml::Table = text.parse().unwrap();
    let mut out = std::collections::HashMap::new();
    for d in doc["document"].as_array().unwrap() {
        let get = |k: &str| d.get(k).and_then(|v| v.as_str()).map(str::to_string);
        let path = get("path").unwrap();
        // The comments of an entry: from its `path = "..."` line to the next entry.
        let at = text.find(&format!("path = \"{path}\"")).unwrap();
        let before = text[..at].rfind(&format!("# {path}: read as")).unwrap_or(at);
        let end = text[at..].find("[[document]]").map_or(text.len(), |e| at + e);
        let comments = text[before..end].to_string();
        out.insert(path, Entry { force: get("force"), date: get("date"), kind: get("kind"), comments });
    }
    out
}

#[test]
fn init_guesses_bodies_dates_and_references_by_evidence() {
    let labels = labels();
    assert!(labels.len() >= 40);
    let entries = init_collection();
    assert_eq!(entries.len(), labels.len(), "one entry per page");

    let mut guessed = 0;
    let mut right = 0;
    let mut wrong = Vec::new();
    let (mut police, mut police_guessed) = (0, 0);
    let (mut dated, mut dates_found) = (0, 0);
    let mut missed_dates = Vec::new();
    for l in &labels {
        let e = &entries[&l.path];
        if let Some(force) = &e.force {
            guessed += 1;
            if *force == l.body {
                right += 1;
            } else {
                wrong.push(format!("{}: {force} (is {:?})", l.path, l.body));
            }
        } else {
            assert!(
                e.comments.contains("no body") || e.kind.is_some(),
                "{}: no body guessed and no reason given:\n{}",
                l.path,
                e.comments
            );
        }
        if l.police {
            police += 1;
            police_guessed += usize::from(e.force.as_deref() == Some(&l.body));
        }
        if !l.date.is_empty() {
            dated += 1;
            if e.date.as_deref() == Some(&l.date) {
                dates_found += 1;
                assert!(e.comments.contains("date = "), "{}", e.comments);
            } else {
                missed_dates.push(format!("{}: {:?} (is {})", l.path, e.date, l.date));
            }
        }
        if matches!(l.kind.as_str(), "news" | "blog" | "ngo") {
            assert_eq!(e.kind, None, "{} is proposed as a reference:\n{}", l.path, e.comments);
        }
    }
    let precision = right as f64 / guessed as f64;
    eprintln!(
        "bodies: {right} of {guessed} guesses right ({:.0} %), {police_guessed} of {police} police bodies; \
         dates: {dates_found} of {dated}\nwrong: {wrong:#?}\nmissed dates: {missed_dates:#?}",
        precision * 100.0
    );
    assert!(precision >= 0.9, "{right} of {guessed} guesses right: {wrong:#?}");
    assert!(2 * police_guessed >= police, "{police_guessed} of {police} police bodies guessed");
    assert!(dates_found * 10 >= dated * 8, "{dates_found} of {dated} dates found: {missed_dates:#?}");
}

#[test]
fn a_reference_is_proposed_only_on_the_reports_own_evidence() {
    let entries = init_collection();
    for l in labels().iter().filter(|l| l.kind == "reference") {
        let e = &entries[&l.path];
        assert_eq!(e.kind.as_deref(), Some("reference"), "{}:\n{}", l.path, e.comments);
        assert_eq!(e.force, None, "{}", l.path);
    }
    // The news article that discusses the recommendations is left alone, and the comment says why.
    let guardian = &entries["news-guardian-police-share.txt"];
    assert_eq!(guardian.kind, None);
    assert!(guardian.comments.contains("not proposed as a reference"), "{}", guardian.comments);
}

#[test]
fn a_one_word_heading_opens_no_recommendation() {
    // A review that begins with the heading "Guidance", a word of recommendation 1.
    let dir = tempfile::tempdir().unwrap();
    let review = "Guidance\nReview of data sharing: migrant victims of domestic abuse\nFrom: Home Office\n\
                  Published 15 December 2021\nThe Home Office has completed the review of the data sharing \
                  arrangements between the police and Immigration Enforcement for migrant victims of domestic abuse.\n\
                  The review concludes that a new protocol should be introduced and the Home Office will monitor how it works.\n";
    std::fs::write(dir.path().join("review.txt"), review).unwrap();
    let index = tempfile::tempdir().unwrap();
    let show = echoes(dir.path(), index.path(), &["show", "review", "--format", "json"]).json();
    let paragraphs = show.as_array().unwrap();
    assert_eq!(paragraphs.len(), 6);
    for p in paragraphs {
        assert_eq!(p["recommendation"], serde_json::Value::Null, "{p}");
        assert_ne!(p["role"], "response", "{p}");
    }
    assert_eq!(paragraphs[0]["role"], "preamble", "a one-word heading is the review's own word, not a quotation");
    let coverage = echoes(dir.path(), index.path(), &["coverage", "--format", "json"]).json();
    let cells =
        coverage["cells"].as_array().map_or(0, |c| c.iter().filter(|c| c["paragraphs"].as_u64() > Some(0)).count());
    assert_eq!(cells, 0, "{coverage}");
}

/// The bundled responses of four named bodies, and two references: the report's recommendations
/// file and the inspectorate's news release, marked `kind = "reference"` as a user would.
fn with_references() -> tempfile::TempDir {
    let bodies = [
        "gloucestershire-2021-12.txt",
        "hampshire-2021-12.txt",
        "south-yorkshire-2021-05.txt",
        "wiltshire-2021-02.txt",
    ];
    let dir = crate::common::corpus_with(&bodies);
    let mut manifest = String::new();
    for (path, force) in bodies.iter().zip([
        "Gloucestershire Constabulary",
        "Hampshire Constabulary",
        "South Yorkshire Police",
        "Wiltshire Police",
    ]) {
        manifest.push_str(&format!("[[document]]\npath = \"{path}\"\nforce = \"{force}\"\n\n"));
    }
    for reference in ["report-recommendations.txt", "hmicfrs-news-release.txt"] {
        std::fs::copy(fixtures().join("collection").join(reference), dir.path().join(reference)).unwrap();
        manifest.push_str(&format!("[[document]]\npath = \"{reference}\"\nkind = \"reference\"\n\n"));
    }
    std::fs::write(dir.path().join("manifest.toml"), manifest).unwrap();
    dir
}

#[test]
fn references_are_in_no_body_table() {
    let dir = with_references();
    let index = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        let r = echoes(dir.path(), index.path(), args);
        assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
        r
    };
    let no_reference_body = |out: &str, what: &str| {
        // A body's label: a reference's source may be named ("quoted from reference …"), never as a body.
        for name in ["(unattributed: report-recommendations)", "(unattributed: hmicfrs-news-release)", "(unattributed)"]
        {
            assert!(!out.contains(name), "{what} lists {name}:\n{out}");
        }
    };
    // coverage: no row and no "no answer" for a reference; they are listed apart.
    let c = run(&["coverage", "--format", "json"]).json();
    assert_eq!(c["bodies"].as_array().unwrap().len(), 4, "{c}");
    assert_eq!(c["references"], serde_json::json!(["hmicfrs-news-release", "report-recommendations"]));
    no_reference_body(&c["unanswered"].to_string(), "coverage's unanswered");
    no_reference_body(&c["cells"].to_string(), "coverage's cells");
    let text = run(&["coverage"]).stdout;
    assert!(
        text.contains(
            "references (the report's own documents, no body's answer): hmicfrs-news-release; report-recommendations"
        ),
        "{text}"
    );
    // search --count: no empty (unattributed) row; the reference's hits are counted apart.
    let count = run(&["search", "editors", "--role", "all", "--count", "--format", "json"]).json();
    assert_eq!(count["references"], 1, "{count}");
    assert!(count["bodies"].as_array().unwrap().iter().all(|b| !b["force"].is_null()), "{count}");
    let text = run(&["search", "editors", "--role", "all", "--count"]).stdout;
    assert!(!text.contains("(unattributed)") && text.contains("1 of the total in references"), "{text}");
    // --force unattributed: a reference is not an unattributed body.
    let r = echoes(
        dir.path(),
        index.path(),
        &["search", "immigration", "--role", "all", "--force", "unattributed", "--format", "json"],
    );
    no_reference_body(&r.stdout, "--force unattributed");
    // matrix and provenance by body.
    no_reference_body(&run(&["matrix"]).stdout, "matrix");
    no_reference_body(&run(&["matrix", "--format", "json"]).stdout, "matrix JSON");
    let provenance = run(&["provenance", "--format", "json"]).stdout;
    assert!(!provenance.contains("(unattributed: report-recommendations)"), "{provenance}");
    let docs = run(&["provenance", "report-recommendations", "--format", "json"]).stdout;
    assert!(docs.contains("\"(reference)\""), "{docs}");
}

#[test]
fn the_report_summary_says_what_it_counts() {
    let index = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let report = out.path().join("report.html");
    let run = echoes(&crate::common::bundled_corpus(), index.path(), &["report", "--out", report.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = std::fs::read_to_string(&report).unwrap();
    let summary = &html[html.find("<section id=\"summary\">").unwrap()..];
    let summary = &summary[..summary.find("</section>").unwrap()];
    assert!(!summary.contains("response paragraphs") && !summary.contains("of response words"), "{summary}");
    assert!(
        summary.contains("paragraphs of the bodies&#39; own words: ")
            || summary.contains("paragraphs of the bodies' own words: "),
        "{summary}"
    );
    assert!(summary.contains(" answering, ") && summary.contains(" preamble<"), "{summary}");
    assert!(
        summary.contains(" between answers, ") && summary.contains(" with preamble on one side or both"),
        "{summary}"
    );
}

#[test]
fn a_platforms_own_paragraph_is_furniture_and_a_copied_answer_is_not() {
    let dir = tempfile::tempdir().unwrap();
    let pages = fixtures().join("collection");
    std::fs::copy(pages.join("police-uk-kent.html"), dir.path().join("police-uk-kent.html")).unwrap();
    std::fs::copy(pages.join("police-uk-surrey.html"), dir.path().join("police-uk-surrey.html")).unwrap();
    let index = tempfile::tempdir().unwrap();
    // The platform's generic paragraphs on super-complaints, under the same heading after the same
    // banners on both force pages: no finding, counted as furniture.
    let reuse = echoes(dir.path(), index.path(), &["reuse", "--format", "json"]);
    assert!(reuse.code == 0 || reuse.code == 1, "{}", reuse.stderr);
    assert!(!reuse.stdout.contains("super-complaints system allows"), "{}", reuse.stdout);
    let provenance = echoes(dir.path(), index.path(), &["provenance", "police-uk-kent", "--format", "json"]).json();
    let furniture = provenance.as_array().map_or(&provenance, |a| &a[0])["furniture"].as_u64().unwrap();
    assert!(furniture > 80, "the platform's paragraphs are furniture: {provenance}");

    // A third page of the same platform pastes Kent's answer under a heading of its own: copying.
    let kent = std::fs::read_to_string(pages.join("police-uk-kent.html")).unwrap();
    let answer = "Kent Police stopped sharing the information of domestic abuse victims with Immigration Enforcement where officers only have doubts about a person's immigration status. A briefing went to every response officer in January 2021 and the instruction is now part of our domestic abuse policy.";
    assert!(kent.contains(answer));
    let start = kent.find("<h2>").unwrap();
    let end = kent.find("<p class=\"updated\">").unwrap();
    let sussex = format!(
        "{}<h2>How Sussex Police answered</h2>\n<h3>Recommendation 1</h3>\n<p>{}</p>\n{}",
        &kent[..start].replace("Kent Police", "Sussex Police"),
        answer.replace("Kent Police", "Sussex Police"),
        &kent[end..]
    );
    std::fs::write(dir.path().join("police-uk-sussex.html"), sussex).unwrap();
    let reuse = echoes(dir.path(), index.path(), &["reuse", "--format", "json"]);
    assert!(reuse.stdout.contains("A briefing went to every response officer"), "{}", reuse.stdout);
    assert!(!reuse.stdout.contains("super-complaints system allows"), "{}", reuse.stdout);
}
