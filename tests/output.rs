//! Output that fits: on a terminal (a real pseudo-terminal 100 columns wide, made with
//! util-linux's `script`) no line of text output is wider than the terminal and no progress is
//! drawn for no work; into a pipe nothing is wrapped, each paragraph on its one line. And the
//! words of the output: plurals, labels, passages that keep their full stop.

use std::process::Command;

use crate::common::{bundled_corpus, echoes};

/// A word for a POSIX shell, quoted.
fn quoted(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

/// Runs `echoes` on a pseudo-terminal `cols` columns wide; what it showed (stdout and stderr).
fn on_terminal(index: &std::path::Path, cols: u16, args: &[&str]) -> String {
    let corpus = bundled_corpus();
    let mut line = vec![
        env!("CARGO_BIN_EXE_echoes").to_string(),
        "--corpus".into(),
        corpus.display().to_string(),
        "--index".into(),
        index.display().to_string(),
    ];
    line.extend(args.iter().map(|a| a.to_string()));
    let shell =
        format!("stty cols {cols} rows 40; exec {}", line.iter().map(|w| quoted(w)).collect::<Vec<_>>().join(" "));
    let out = Command::new("script")
        .args(["-qec", &shell, "/dev/null"])
        .env_remove("COLUMNS")
        .env_remove("ECHOES_CORPUS")
        .env_remove("ECHOES_INDEX")
        .env("NO_COLOR", "1")
        .output()
        .expect("util-linux's script runs (apt-get install bsdutils)");
    let text = String::from_utf8_lossy(&out.stdout).replace("\r\n", "\n");
    // What stays on the screen: a carriage return starts its line again (a progress line is
    // drawn over), and terminal sequences take no column.
    text.lines().map(|l| without_sequences(l.rsplit('\r').next().unwrap_or(""))).collect::<Vec<_>>().join("\n")
}

/// A line without its terminal control sequences (ESC [ ... letter).
fn without_sequences(line: &str) -> String {
    let mut out = String::new();
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for n in chars.by_ref() {
                if n.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

const COMMANDS: [&[&str]; 6] = [
    &["reuse"],
    &["search", "immigration"],
    &["search", "immigration", "--kwic"],
    &["docs"],
    &["coverage"],
    &["reuse", "--pairs", "--limit", "3"],
];

#[test]
fn no_line_is_wider_than_the_terminal() {
    let index = tempfile::tempdir().unwrap();
    // Built first, so that what follows shows only the commands' own output.
    assert_eq!(echoes(&bundled_corpus(), index.path(), &["index"]).code, 0);
    for args in COMMANDS {
        let shown = on_terminal(index.path(), 100, args);
        assert!(shown.lines().count() > 3, "{args:?}: {shown}");
        for line in shown.lines() {
            assert!(line.chars().count() <= 100, "{args:?}: a line of {} columns:\n{line}", line.chars().count());
        }
        // Nothing was to be indexed: no progress was drawn.
        assert!(!shown.contains("indexing"), "{args:?}: {shown}");
    }
    // Wrapped, not cut: every word of a hit is still there.
    let shown = on_terminal(index.path(), 100, &["search", "\"consistent national position\"", "--limit", "1"]);
    let hit = &echoes(
        &bundled_corpus(),
        index.path(),
        &["search", "\"consistent national position\"", "--limit", "1", "--format", "json"],
    )
    .json()[0];
    let words: Vec<&str> = hit["text"].as_str().unwrap().split_whitespace().collect();
    let shown_words: Vec<&str> = shown.split_whitespace().collect();
    assert!(shown_words.windows(words.len()).any(|w| w == words.as_slice()), "{shown}");
}

#[test]
fn into_a_pipe_each_paragraph_keeps_its_line() {
    let index = tempfile::tempdir().unwrap();
    let corpus = bundled_corpus();
    let json = echoes(&corpus, index.path(), &["search", "immigration", "--format", "json"]).json();
    let text = echoes(&corpus, index.path(), &["search", "immigration"]).stdout;
    for hit in json.as_array().unwrap() {
        let line = format!("  {}", hit["text"].as_str().unwrap());
        assert!(text.lines().any(|l| l == line), "{line}");
    }
    let kwic_json = echoes(&corpus, index.path(), &["search", "immigration", "--kwic", "--format", "json"]).json();
    let kwic = echoes(&corpus, index.path(), &["search", "immigration", "--kwic"]).stdout;
    assert_eq!(kwic.lines().count(), kwic_json.as_array().unwrap().len());
    // A wide table is not cut into a pipe.
    let docs = echoes(&corpus, index.path(), &["docs"]).stdout;
    assert!(docs.contains("Gloucestershire Constabulary") && docs.contains("recommendation"), "{docs}");
}

#[test]
fn counts_are_said_in_the_singular_and_labels_are_not_doubled() {
    let index = tempfile::tempdir().unwrap();
    let corpus = bundled_corpus();
    let pairs = echoes(&corpus, index.path(), &["reuse", "--pairs"]).stdout;
    assert!(!pairs.contains(" 1 findings"), "{pairs}");
    assert!(pairs.contains(" 1 finding,"), "{pairs}");
    let written = tempfile::tempdir().unwrap();
    let out = written.path().join("report.html");
    let run = echoes(&corpus, index.path(), &["report", "--out", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(!html.contains("(unattributed))"), "doubled parentheses");
    assert!(html.contains("unattributed-response:12 (unattributed)"));
    // The passage ends as its sentence does.
    assert!(html.contains("actively seeking to develop a consistent national position.</blockquote>"));
}

#[test]
fn the_reuse_csv_carries_both_sides_text_as_written() {
    let index = tempfile::tempdir().unwrap();
    let csv = echoes(&bundled_corpus(), index.path(), &["reuse", "--format", "csv"]).stdout;
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let at = |name: &str| header.iter().position(|h| h == name).unwrap_or_else(|| panic!("{name} in {header:?}"));
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    let row = rows.iter().find(|r| r[at("a_passage")].contains("HMIC/DHR")).expect("the slash as written");
    assert!(row[at("b_passage")].contains("HMIC/DHR"), "{row:?}");
    assert!(!row[at("shared")].contains('/'), "the shared words stay as compared");
    assert!(row[at("a_text")].contains(&row[at("a_passage")]) && row[at("b_text")].contains(&row[at("b_passage")]));
}
