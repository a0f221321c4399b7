//! Reliability: echoes never removes what it did not make, never lets a hostile query or file take
//! it down, and never passes document text to a terminal or spreadsheet as commands.

use std::fs;
use std::io::Write;
use std::path::Path;

use crate::common::{corpus_with, echoes};

#[test]
fn a_user_directory_given_as_index_is_refused_and_left_as_it_was() {
    let corpus = corpus_with(&["hampshire-2021-12.txt", "recommendations.toml"]);
    let d = tempfile::tempdir().unwrap();
    fs::create_dir_all(d.path().join("gen-thesis-drafts")).unwrap();
    fs::create_dir_all(d.path().join(".old-photos")).unwrap();
    fs::write(d.path().join("gen-thesis-drafts/ch1.txt"), "x").unwrap();
    fs::write(d.path().join(".old-photos/p.jpg"), "p").unwrap();
    fs::write(d.path().join("gen-notes.txt"), "y").unwrap();
    fs::write(d.path().join(".build-log"), "b").unwrap();
    fs::write(d.path().join("other.txt"), "z").unwrap();
    let listing = |p: &Path| {
        let mut names: Vec<String> =
            fs::read_dir(p).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        names
    };
    let before = listing(d.path());
    for args in [&["index"][..], &["search", "immigration"][..], &["docs"][..]] {
        let run = echoes(corpus.path(), d.path(), args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stdout);
        assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
        assert!(run.stderr.contains("is not empty and is not an echoes index"), "{}", run.stderr);
    }
    assert_eq!(listing(d.path()), before);
    assert_eq!(fs::read_to_string(d.path().join("gen-thesis-drafts/ch1.txt")).unwrap(), "x");
}

#[test]
fn a_directory_holding_only_its_readme_becomes_the_index_and_keeps_it() {
    // As the project's own `index/` on a fresh clone.
    let corpus = corpus_with(&["hampshire-2021-12.txt", "recommendations.toml"]);
    let d = tempfile::tempdir().unwrap();
    fs::write(d.path().join("README.md"), "The default index location.\n").unwrap();
    let run = echoes(corpus.path(), d.path(), &["reuse"]);
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    assert!(d.path().join("echoes-index.json").exists());
    assert_eq!(fs::read_to_string(d.path().join("README.md")).unwrap(), "The default index location.\n");
    assert_eq!(echoes(corpus.path(), d.path(), &["index"]).code, 0);
    assert!(d.path().join("README.md").exists());
}

#[test]
fn clean_up_removes_only_what_echoes_recorded() {
    let corpus = corpus_with(&["hampshire-2021-12.txt", "recommendations.toml"]);
    let index = tempfile::tempdir().unwrap();
    assert_eq!(echoes(corpus.path(), index.path(), &["index"]).code, 0);
    // Files a user put beside the index, named as echoes' own entries are.
    fs::create_dir(index.path().join("gen-mine")).unwrap();
    fs::write(index.path().join("gen-mine/keep.txt"), "mine").unwrap();
    fs::write(index.path().join(".old-notes"), "mine").unwrap();
    fs::write(index.path().join("notes.txt"), "mine").unwrap();
    // A build echoes recorded, then left behind (as a killed build does).
    let marker_path = index.path().join("echoes-index.json");
    let mut marker: serde_json::Value = serde_json::from_str(&fs::read_to_string(&marker_path).unwrap()).unwrap();
    marker["entries"].as_array_mut().unwrap().push(".build-1-1".into());
    fs::write(&marker_path, marker.to_string()).unwrap();
    fs::create_dir(index.path().join(".build-1-1")).unwrap();
    fs::write(corpus.path().join("kent.txt"), "Kent Police response\nRecommendation 1\nKent Police acts.\n").unwrap();
    let run = echoes(corpus.path(), index.path(), &["index"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!index.path().join(".build-1-1").exists(), "recorded leftovers are removed");
    assert_eq!(fs::read_to_string(index.path().join("gen-mine/keep.txt")).unwrap(), "mine");
    assert!(index.path().join(".old-notes").exists() && index.path().join("notes.txt").exists());
    let generations = fs::read_dir(index.path())
        .unwrap()
        .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().starts_with("gen-"))
        .count();
    assert_eq!(generations, 2, "the live build and the user's gen-mine");
}

/// A Word document whose `word/document.xml` is `size` bytes of markup around blank text.
fn inflating_docx(size: usize) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("word/document.xml", options).unwrap();
    let head = br#"<?xml version="1.0"?><w:document xmlns:w="x"><w:body><w:p><w:r><w:t>"#;
    zip.write_all(head).unwrap();
    let chunk = vec![b' '; 1 << 16];
    let mut written = head.len();
    while written < size {
        zip.write_all(&chunk).unwrap();
        written += chunk.len();
    }
    zip.write_all(b"</w:t></w:r></w:p></w:body></w:document>").unwrap();
    zip.finish().unwrap().into_inner()
}

#[test]
fn a_word_document_that_inflates_past_the_limit_is_skipped_unread() {
    let corpus = corpus_with(&["hampshire-2021-12.txt", "recommendations.toml"]);
    // 3 MiB of text in a few KB: over a 1 MiB limit; and 2 MiB at a ratio no document has.
    fs::write(corpus.path().join("bomb.docx"), inflating_docx(3 << 20)).unwrap();
    let index = tempfile::tempdir().unwrap();
    let run = echoes(corpus.path(), index.path(), &["--max-file-mb", "1", "index", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let skipped = &run.json()["skipped"];
    assert_eq!(skipped[0]["path"], "bomb.docx");
    assert_eq!(skipped[0]["reason"], "a Word document whose text would inflate to over 1 MiB (--max-file-mb)");

    // Under the limit, but at a ratio no document has: told so, with the ratio the zip declares.
    let bomb = inflating_docx(2 << 20);
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bomb)).unwrap();
    let entry = zip.by_name("word/document.xml").unwrap();
    let ratio = entry.size() / entry.compressed_size();
    drop(entry);
    assert!(ratio > 100, "{ratio}");
    fs::write(corpus.path().join("bomb.docx"), &bomb).unwrap();
    let index = tempfile::tempdir().unwrap();
    let run = echoes(corpus.path(), index.path(), &["index", "--format", "json"]);
    assert_eq!(
        run.json()["skipped"][0]["reason"],
        format!("a Word document compressed {ratio} to 1, as zip bombs are (no document passes 100 to 1)").as_str()
    );
}

#[cfg(unix)]
#[test]
fn links_pipes_unreadable_folders_and_odd_names_are_named_as_skipped() {
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::fs::symlink;
    let corpus = corpus_with(&["hampshire-2021-12.txt", "recommendations.toml"]);
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("secret.txt"), "Kent Police response\nRecommendation 1\nOutside words.\n").unwrap();
    let c = corpus.path();
    symlink(outside.path().join("secret.txt"), c.join("outside.txt")).unwrap();
    symlink(c.join("hampshire-2021-12.txt"), c.join("inside.txt")).unwrap();
    symlink(c.join("nowhere.txt"), c.join("broken.txt")).unwrap();
    let fifo = c.join("pipe.txt");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    fs::create_dir(c.join("locked")).unwrap();
    fs::write(c.join("locked/a.txt"), "x").unwrap();
    let odd = std::ffi::OsStr::from_bytes(b"caf\xe9.txt");
    fs::write(c.join(odd), "Kent Police response\nRecommendation 1\nWords.\n").unwrap();
    let index = tempfile::tempdir().unwrap();
    let run = echoes(c, index.path(), &["index", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report = run.json();
    let reason = |path: &str| {
        report["skipped"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["path"] == path)
            .map(|s| s["reason"].as_str().unwrap().to_string())
            .unwrap_or_else(|| panic!("{path} not reported: {report}"))
    };
    assert!(reason("outside.txt").contains("outside the corpus"));
    assert!(reason("broken.txt").contains("broken link"));
    assert!(reason("pipe.txt").contains("named pipe"));
    assert!(reason("caf\u{FFFD}.txt").contains("not valid UTF-8"));
    // A link inside the corpus is read: here to a file already indexed, so it is the same text.
    assert!(reason("inside.txt").contains("the same text as hampshire-2021-12.txt"));
    let hits = echoes(c, index.path(), &["search", "\"Outside words\"", "--role", "all"]);
    assert_eq!(hits.code, 1, "nothing outside the corpus is read");
}

#[test]
fn queries_nested_ten_and_a_hundred_thousand_deep_are_refused_in_one_line() {
    let corpus = corpus_with(&["hampshire-2021-12.txt", "recommendations.toml"]);
    let index = tempfile::tempdir().unwrap();
    assert_eq!(echoes(corpus.path(), index.path(), &["index"]).code, 0);
    // Opening brackets only: an argument may not exceed 128 KiB, and the parser goes as deep.
    for (depth, open) in [(2_100, "("), (10_000, "("), (10_000, "-("), (10_000, "NOT ("), (100_000, "(")] {
        let query = format!("{}immigration", open.repeat(depth));
        let run = echoes(corpus.path(), index.path(), &["search", "--", &query]);
        assert_eq!(run.code, 2, "{depth} {open}: {}", run.stderr);
        assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
        assert!(run.stderr.starts_with("echoes: malformed query '"), "{}", run.stderr);
        assert!(run.stderr.len() < 300, "the query is not repeated whole: {}", run.stderr.len());
    }
    let nested = format!("{}immigration{}", "(".repeat(40), ")".repeat(40));
    let run = echoes(corpus.path(), index.path(), &["search", &nested]);
    assert!(run.stderr.contains("nested too deep"), "{}", run.stderr);
    // A few levels are fine.
    let run = echoes(corpus.path(), index.path(), &["search", "((immigration OR status) AND (victim))"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn a_field_query_is_told_in_echoes_words() {
    let corpus = corpus_with(&["hampshire-2021-12.txt", "recommendations.toml"]);
    let index = tempfile::tempdir().unwrap();
    assert_eq!(echoes(corpus.path(), index.path(), &["index"]).code, 0);
    for q in ["id:*", "nosuchfield:x"] {
        let run = echoes(corpus.path(), index.path(), &["search", q]);
        assert_eq!(run.code, 2);
        assert!(run.stderr.starts_with(&format!("echoes: malformed query '{q}'")), "{}", run.stderr);
        assert!(!run.stderr.contains("Schema error") && !run.stderr.contains("Field does not exist"), "{}", run.stderr);
    }
}

#[test]
fn control_sequences_in_documents_never_reach_the_terminal() {
    let dir = corpus_with(&["recommendations.toml"]);
    let text = "Kent Police response\nRecommendation 1. To chief constables\nForce response\nKent Police will act\u{1b}]0;owned\u{7} now \u{1b}[2J\u{1b}[31mred\u{9b}31m and\u{8} done.\n";
    fs::write(dir.path().join("kent.txt"), text).unwrap();
    let index = tempfile::tempdir().unwrap();
    for args in
        [&["search", "act", "--color", "never"][..], &["search", "act", "--color", "always"][..], &["show", "kent"][..]]
    {
        let run = echoes(dir.path(), index.path(), args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        assert!(run.stdout.contains("Kent Police will "), "{}", run.stdout);
        assert!(run.stdout.contains("\u{241b}[2J"), "shown as a symbol: {}", run.stdout);
        for bad in ["\u{1b}]", "\u{1b}[2J", "\u{1b}[31mred", "\u{7}", "\u{9b}", "\u{8}"] {
            assert!(!run.stdout.contains(bad), "{args:?} passed {bad:?} through: {:?}", run.stdout);
        }
    }
    // JSON keeps the text as it is: it is data, not terminal output.
    let json = echoes(dir.path(), index.path(), &["search", "act", "--format", "json"]).json();
    assert!(json[0]["text"].as_str().unwrap().contains("\u{1b}[2J"));
}

#[test]
fn csv_cells_that_a_spreadsheet_would_run_are_defused() {
    let dir = corpus_with(&["recommendations.toml"]);
    let text = "Kent Police response\nRecommendation 1. To chief constables\nForce response\n=HYPERLINK(\"http://example.org\",\"Kent Police will act\")\n+Kent Police will act again\n@SUM(1) Kent Police will act once more\n";
    fs::write(dir.path().join("kent.txt"), text).unwrap();
    let index = tempfile::tempdir().unwrap();
    let run = echoes(dir.path(), index.path(), &["search", "act", "--format", "csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut reader = csv::Reader::from_reader(run.stdout.as_bytes());
    let texts: Vec<String> = reader.records().map(|r| r.unwrap().iter().next_back().unwrap().to_string()).collect();
    assert_eq!(texts.len(), 3, "{}", run.stdout);
    for t in &texts {
        assert!(t.starts_with('\''), "{t}");
    }
    assert!(texts.contains(&"'+Kent Police will act again".to_string()), "{texts:?}");
}

/// Overwrites bytes in the middle of every segment file of one kind.
fn damage(index: &Path, ext: &str) -> usize {
    let mut damaged = 0;
    for entry in fs::read_dir(index.join("current/tantivy")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == ext) {
            let mut bytes = fs::read(&path).unwrap();
            let mid = bytes.len() / 3;
            let end = (mid + 64).min(bytes.len());
            bytes[mid..end].iter_mut().for_each(|b| *b = 0xff);
            fs::write(&path, bytes).unwrap();
            damaged += 1;
        }
    }
    damaged
}

#[test]
fn garbage_in_any_segment_file_is_found_and_the_index_rebuilt() {
    let corpus = corpus_with(&["hampshire-2021-12.txt", "south-yorkshire-2021-05.txt", "recommendations.toml"]);
    for ext in ["idx", "store", "term", "pos", "fast", "fieldnorm"] {
        let index = tempfile::tempdir().unwrap();
        assert_eq!(echoes(corpus.path(), index.path(), &["index"]).code, 0);
        assert!(damage(index.path(), ext) > 0, "{ext}");
        for args in
            [&["search", "immigration", "--format", "json"][..], &["show", "hampshire-2021-12", "--format", "json"][..]]
        {
            let run = echoes(corpus.path(), index.path(), args);
            assert_eq!(run.code, 0, "{ext} {args:?}: {}", run.stderr);
            assert!(!run.stderr.contains("panicked") && !run.stderr.contains("IO error"), "{ext}: {}", run.stderr);
            assert!(!run.json().as_array().unwrap().is_empty(), "{ext} {args:?}");
        }
        // Once rebuilt, the next command says nothing more.
        let again = echoes(corpus.path(), index.path(), &["search", "immigration"]);
        assert_eq!((again.code, again.stderr.as_str()), (0, ""), "{ext}");
    }
}

/// An unreadable folder inside the corpus is skipped with its reason and the rest indexed. Root
/// reads every folder, so echoes runs here as `nobody`, which only root can do.
#[cfg(unix)]
#[test]
#[ignore = "needs root: runs echoes as another user"]
fn an_unreadable_folder_is_skipped_with_its_reason() {
    use std::os::unix::fs::PermissionsExt;
    let can_switch = std::process::Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", "true"])
        .status()
        .is_ok_and(|s| s.success());
    assert!(can_switch, "cannot run echoes as another user here: this test needs root");
    let corpus = corpus_with(&["hampshire-2021-12.txt", "recommendations.toml"]);
    let index = tempfile::tempdir().unwrap();
    let locked = corpus.path().join("locked");
    fs::create_dir(&locked).unwrap();
    fs::write(locked.join("a.txt"), "Kent Police response\n").unwrap();
    for (path, mode) in [(corpus.path(), 0o755), (index.path(), 0o777), (locked.as_path(), 0o000)] {
        fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
    }
    for f in ["hampshire-2021-12.txt", "recommendations.toml"] {
        fs::set_permissions(corpus.path().join(f), fs::Permissions::from_mode(0o644)).unwrap();
    }
    // A copy of the binary that `nobody` can reach, wherever the build is.
    let bin = tempfile::tempdir().unwrap();
    fs::set_permissions(bin.path(), fs::Permissions::from_mode(0o755)).unwrap();
    let echoes_bin = bin.path().join("echoes");
    fs::copy(env!("CARGO_BIN_EXE_echoes"), &echoes_bin).unwrap();
    fs::set_permissions(&echoes_bin, fs::Permissions::from_mode(0o755)).unwrap();
    let out = std::process::Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(&echoes_bin)
        .arg("--corpus")
        .arg(corpus.path())
        .arg("--index")
        .arg(index.path().join("idx"))
        .args(["index", "--format", "json"])
        .output()
        .unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["documents"], 1, "{report}");
    assert_eq!(report["skipped"][0]["path"], "locked/");
    assert!(report["skipped"][0]["reason"].as_str().unwrap().starts_with("a folder that cannot be read"), "{report}");
}

/// A phrase with a slop over one long paragraph is matched in memory that follows the paragraph's
/// length (tantivy's own matching took gigabytes and was cut off here by the address-space limit).
#[test]
fn a_sloppy_phrase_over_a_long_paragraph_stays_within_its_memory() {
    let corpus = tempfile::tempdir().unwrap();
    let mut state = 1u64;
    let words: Vec<&str> = (0..20_000)
        .map(|_| {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            ["the", "police", "of", "data", "the", "victim", "the", "and"][(state >> 60) as usize % 8]
        })
        .collect();
    let text = format!("Recommendation 1\n\n{}.\n\nA victim's data kept apart from the police.\n", words.join(" "));
    fs::write(corpus.path().join("long.txt"), text).unwrap();
    let index = tempfile::tempdir().unwrap();
    let bounded = |query: &str| {
        let out = std::process::Command::new("sh")
            .arg("-c")
            .arg("ulimit -v 2000000; exec \"$0\" \"$@\"")
            .arg(env!("CARGO_BIN_EXE_echoes"))
            .args(["--corpus".as_ref(), corpus.path().as_os_str(), "--index".as_ref(), index.path().as_os_str()])
            .args(["search", query, "--role", "all", "--format", "json", "--limit", "0"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{query}: {}", String::from_utf8_lossy(&out.stderr));
        let hits: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        hits.as_array().unwrap().iter().map(|h| h["text"].as_str().unwrap().len()).collect::<Vec<_>>()
    };
    // The long paragraph holds the words within the slop; the short one holds them too.
    assert_eq!(bounded("\"the police of data victim and\"~100").len(), 1);
    assert_eq!(bounded("\"the police of data victim and the police of data victim and\"~100").len(), 1);
    let the = vec!["the"; 32].join(" ");
    assert_eq!(bounded(&format!("\"{the}\"~100")).len(), 1);
    // A word only the short paragraph holds: the long one is not matched.
    let apart = bounded("\"the police apart\"~100");
    assert!(apart.len() == 1 && apart[0] < 100, "{apart:?}");
}
