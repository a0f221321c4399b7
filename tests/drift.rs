//! Help and pages kept true to the program and the corpus: every file the pages name exists, the
//! guide names every command, percentages said in prose are the ones the example beside it
//! prints, no seed is called a PDF that is not one, `add`'s help names every format echoes reads,
//! and the README says how to put echoes on PATH.

use std::path::Path;

use crate::common::{bundled_corpus, echoes};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn page(name: &str) -> String {
    std::fs::read_to_string(root().join(name)).unwrap()
}

fn pages() -> Vec<(String, String)> {
    let mut names = vec!["README.md".to_string(), "ARCHITECTURE.md".to_string()];
    let mut docs: Vec<String> = std::fs::read_dir(root().join("docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .map(|p| format!("docs/{}", p.file_name().unwrap().to_string_lossy()))
        .collect();
    docs.sort();
    names.extend(docs);
    names.into_iter().map(|n| (n.clone(), page(&n))).collect()
}

fn help(args: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let mut all = args.to_vec();
    all.push("--help");
    echoes(&dir.path().join("corpus"), &dir.path().join("index"), &all).stdout
}

/// Spans in backticks that look like a path of the project (a folder of it, then a file).
fn named_paths(text: &str) -> Vec<String> {
    let folders = ["src/", "tests/", "docs/", "contrib/", "benches/", "corpus/", ".ci/"];
    text.split('`')
        .skip(1)
        .step_by(2)
        .filter(|s| folders.iter().any(|f| s.starts_with(f)))
        .filter(|s| !s.contains(['*', ' ', '<', '{']) && !s.contains("..."))
        .map(|s| s.trim_end_matches('/').split(':').next().unwrap().to_string())
        .collect()
}

#[test]
fn every_file_the_pages_name_exists() {
    let mut checked = 0;
    for (name, text) in pages() {
        for path in named_paths(&text) {
            checked += 1;
            assert!(root().join(&path).exists(), "{name} names {path}, which does not exist");
        }
    }
    assert!(checked > 10, "only {checked} paths named");
}

#[test]
fn the_guide_and_the_corpus_page_name_every_command() {
    let guide = page("docs/guide.md");
    let text = help(&[]);
    let commands: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter(|l| !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .collect();
    assert!(commands.len() > 10, "{text}");
    for c in commands {
        assert!(guide.contains(&format!("echoes {c}")), "docs/guide.md does not name `echoes {c}`");
    }
    assert!(page("docs/corpus.md").contains("echoes init"), "docs/corpus.md does not name `echoes init`");
}

#[test]
fn percentages_in_prose_are_those_the_example_beside_it_prints() {
    for (name, text) in pages() {
        let blocks: Vec<&str> = text.split("```").collect();
        // Prose, then the example after it: blocks alternate, prose at even positions.
        for pair in blocks.chunks(2) {
            let [prose, example] = pair else { continue };
            if !example.contains("$ echoes ") {
                continue;
            }
            let last = prose.trim_end().rsplit("\n\n").next().unwrap_or("");
            for word in last.split(|c: char| !(c.is_ascii_digit() || c == '%')) {
                if word.len() > 1 && word.ends_with('%') && word[..word.len() - 1].chars().all(|c| c.is_ascii_digit()) {
                    assert!(
                        example.contains(word),
                        "{name}: the prose says {word}, the example after it does not: {last}"
                    );
                }
            }
        }
    }
}

#[test]
fn no_page_calls_a_seed_a_pdf_unless_it_is_one() {
    let seeds: Vec<String> = std::fs::read_dir(bundled_corpus())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.ends_with(".toml") && !n.to_lowercase().ends_with(".pdf"))
        .collect();
    assert_eq!(seeds.len(), 5, "{seeds:?}");
    for (name, text) in pages() {
        let lower = text.to_lowercase().replace('\n', " ");
        for seed in &seeds {
            let first = seed.split(['-', '.']).next().unwrap();
            for called in [format!("{first} pdf"), format!("{first}'s pdf")] {
                assert!(!lower.contains(&called), "{name} calls {seed} \"{called}\"; it is not a PDF");
            }
        }
    }
}

#[test]
fn adds_help_names_every_format_echoes_reads() {
    let text = help(&["add"]).replace('\n', " ");
    for format in ["text", "table", "HTML", "Word", "PDF"] {
        assert!(text.contains(format), "`echoes add --help` does not name {format}: {text}");
    }
}

#[test]
fn the_readme_says_how_to_put_echoes_on_path() {
    assert!(page("README.md").contains("cargo install --path ."));
}
