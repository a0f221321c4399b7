//! The README and the guide (`docs/*.md`) are checked against the program: every example run on
//! the bundled corpus prints what the page shows (an example with `...` shows some of the lines, in
//! order), every option they name exists, and the commands they say take `--format` are exactly
//! those that do.

use std::collections::BTreeSet;
use std::process::Command;

use crate::common::{bundled_corpus, echoes};

/// The pages checked: the README, then every page of `docs/`, each with its name.
fn pages() -> Vec<(String, String)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut docs: Vec<_> = std::fs::read_dir(root.join("docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    std::iter::once(root.join("README.md"))
        .chain(docs)
        .map(|p| {
            let name = p.strip_prefix(root).unwrap().display().to_string();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect()
}

#[test]
fn the_guide_has_its_pages() {
    let names: Vec<String> = pages().into_iter().map(|(name, _)| name).collect();
    for page in ["README.md", "docs/guide.md", "docs/corpus.md", "docs/web.md", "docs/scoring.md", "docs/pdf.md"] {
        assert!(names.iter().any(|n| n == page), "{page} is missing: {names:?}");
    }
}

/// A page's examples: a command (`$ echoes ...`) and the lines shown under it.
fn examples(readme: &str) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    let mut in_block = false;
    let mut current: Option<(String, Vec<String>)> = None;
    for line in readme.lines() {
        if line.starts_with("```") {
            if in_block {
                out.extend(current.take());
            }
            in_block = !in_block;
            continue;
        }
        if !in_block {
            continue;
        }
        if let Some(cmd) = line.strip_prefix("$ echoes ") {
            out.extend(current.take());
            current = Some((cmd.to_string(), Vec::new()));
        } else if let Some((_, lines)) = current.as_mut() {
            lines.push(line.to_string());
        }
    }
    out
}

/// A command line as a shell would split it (single and double quotes).
fn words(cmd: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut quote = None;
    let mut started = false;
    for c in cmd.chars() {
        match (quote, c) {
            (None, '\'' | '"') => {
                quote = Some(c);
                started = true;
            }
            (Some(q), c) if c == q => quote = None,
            (None, ' ') => {
                if started {
                    out.push(std::mem::take(&mut word));
                    started = false;
                }
            }
            (_, c) => {
                word.push(c);
                started = true;
            }
        }
    }
    if started {
        out.push(word);
    }
    out
}

/// Examples that need more than the bundled corpus as it is (a file to add, a port, a file to
/// write) are not run.
fn runnable(cmd: &str) -> bool {
    !["add ", "serve", "report", "export", "index"].iter().any(|c| cmd.starts_with(c))
}

#[test]
fn every_example_prints_what_the_page_shows() {
    let index = tempfile::tempdir().unwrap();
    let mut ran = 0;
    for (page, cmd, shown) in pages()
        .iter()
        .flat_map(|(page, text)| examples(text).into_iter().map(move |(cmd, shown)| (page.clone(), cmd, shown)))
    {
        if !runnable(&cmd) {
            continue;
        }
        let args = words(&cmd);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let run = echoes(&bundled_corpus(), index.path(), &args);
        // Lines as the README can hold them: without trailing spaces.
        let printed: Vec<&str> = run.stdout.lines().map(str::trim_end).collect();
        if shown.iter().any(|l| l.trim() == "...") {
            // Some of the lines, in order.
            let mut at = 0;
            for line in shown.iter().filter(|l| l.trim() != "...") {
                match printed[at..].iter().position(|p| *p == line.trim_end()) {
                    Some(i) => at += i + 1,
                    None => panic!(
                        "{page}: `echoes {cmd}` does not print, in this order:\n{line}\nit prints:\n{}",
                        run.stdout
                    ),
                }
            }
        } else {
            let shown: Vec<&str> = shown.iter().map(|l| l.trim_end()).collect();
            assert_eq!(printed, shown, "{page}: `echoes {cmd}` prints otherwise than the page shows");
        }
        ran += 1;
    }
    assert!(ran >= 15, "only {ran} examples found");
}

/// The subcommands, as `echoes --help` lists them.
fn subcommands() -> Vec<String> {
    let help = help(&[]);
    let list = help.split("Commands:").nth(1).unwrap().split("\n\n").next().unwrap().to_string();
    list.lines().filter_map(|l| l.split_whitespace().next()).filter(|c| *c != "help").map(String::from).collect()
}

fn help(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_echoes")).args(args).arg("--help").output().unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn every_option_the_pages_name_exists() {
    let mut helps: Vec<String> = subcommands().iter().map(|c| help(&[c])).chain([help(&[])]).collect();
    for args in [&[][..], &["score"][..]] {
        let out = Command::new(env!("CARGO_BIN_EXE_echoes-synth")).args(args).arg("--help").output().unwrap();
        helps.push(String::from_utf8_lossy(&out.stdout).into_owned());
    }
    let mut named = BTreeSet::new();
    for (page, text) in pages() {
        // The prose about the commands: fenced blocks (examples, other tools' commands) and the
        // README's benchmark summary (their harness's options) left out.
        let commands = text.split("## Scale and benchmarks").next().unwrap();
        let prose: String = commands.split("```").step_by(2).collect::<Vec<_>>().join("\n");
        // Options of other tools (cargo's, in the set-up and the benchmarks) aside.
        for piece in prose.split('`').skip(1).step_by(2).filter(|p| !p.contains("cargo")) {
            for word in piece.split_whitespace() {
                let option: String =
                    word.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-').collect::<String>();
                if option.starts_with("--") && option.len() > 3 {
                    named.insert((option, page.clone()));
                }
            }
        }
    }
    assert!(named.len() > 20, "{named:?}");
    for (option, page) in named {
        if option == "--include-ignored" {
            continue; // cargo test's, in the set-up
        }
        assert!(
            helps.iter().any(|h| h.split(|c: char| c.is_whitespace() || c == ',').any(|w| w == option)),
            "{page} names {option}, which no command takes"
        );
    }
}

#[test]
fn the_commands_said_to_take_format_are_those_that_do() {
    let pages = pages();
    let paragraph = pages
        .iter()
        .flat_map(|(_, text)| text.split("\n\n"))
        .find(|p| p.contains("take `--format text|json|csv`"))
        .expect("a page says which commands take --format")
        .replace('\n', " ");
    let before = paragraph.split("take `--format").next().unwrap();
    let before = before.rsplit(". ").next().unwrap();
    let said: BTreeSet<String> = before.split('`').skip(1).step_by(2).map(String::from).collect();
    let take: BTreeSet<String> =
        subcommands().into_iter().filter(|c| help(&[c]).contains("Output format: text, json or csv")).collect();
    assert_eq!(said, take);
}

/// A heading's anchor as forges make it: lower case, punctuation dropped, spaces as hyphens.
fn anchor(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == ' ' || *c == '-' || *c == '_')
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

#[test]
fn every_link_between_pages_leads_somewhere() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut checked = 0;
    for (page, text) in pages() {
        let dir = root.join(&page).parent().unwrap().to_path_buf();
        let prose: String = text.split("```").step_by(2).collect::<Vec<_>>().join("\n");
        for link in prose.split("](").skip(1).filter_map(|rest| rest.split(')').next()) {
            if link.contains("://") {
                continue;
            }
            let (file, fragment) = link.split_once('#').unwrap_or((link, ""));
            let target = if file.is_empty() { root.join(&page) } else { dir.join(file) };
            assert!(target.exists(), "{page} links to {link}, which is not there");
            if !fragment.is_empty() {
                let headings = std::fs::read_to_string(&target).unwrap();
                let anchors: Vec<String> = headings
                    .lines()
                    .filter_map(|l| l.strip_prefix('#'))
                    .map(|h| anchor(h.trim_start_matches('#')))
                    .collect();
                assert!(
                    anchors.iter().any(|a| a == fragment),
                    "{page} links to {link}: no such heading in {anchors:?}"
                );
            }
            checked += 1;
        }
    }
    assert!(checked >= 20, "only {checked} links found");
}
