//! `add` and the manifest: an add killed at any point is undone by the next, which then succeeds;
//! the manifest keeps its bytes, its link and its permissions; what `add` reads is bounded.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::common::{bundled_corpus, echoes};
use crate::data_safety::small_corpus;

/// `n` short responses of distinct text, in a downloads folder.
fn downloads(n: usize) -> (tempfile::TempDir, Vec<PathBuf>) {
    let dir = tempfile::tempdir().unwrap();
    let files = (0..n)
        .map(|i| {
            let path = dir.path().join(format!("Response {i}.txt"));
            let text = format!(
                "Response {i}\n\nRecommendation 1\n\nThe force audited {i} custody records and found {} referrals.\n\n\
                 Officers were trained in the {i}th week of the review, with {} victims supported.\n",
                i * 7 + 3,
                i * 11 + 5
            );
            fs::write(&path, text).unwrap();
            path
        })
        .collect();
    (dir, files)
}

/// The documents of the corpus folder (not its configuration, nor hidden files).
fn documents(corpus: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(corpus)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt") && !n.starts_with('.'))
        .collect();
    v.sort();
    v
}

/// The manifest's entries, by path: (force, date).
fn entries(corpus: &Path) -> std::collections::BTreeMap<String, (String, String)> {
    let Ok(text) = fs::read_to_string(corpus.join("manifest.toml")) else { return Default::default() };
    let doc: toml::Table = text.parse().unwrap();
    let Some(list) = doc.get("document").and_then(|d| d.as_array()) else { return Default::default() };
    list.iter()
        .map(|e| {
            let get = |k: &str| e.get(k).and_then(|v| v.as_str()).unwrap_or("").to_string();
            (get("path"), (get("force"), get("date")))
        })
        .collect()
}

#[test]
fn an_add_killed_at_any_point_is_undone_and_the_same_add_then_succeeds() {
    let (files_dir, files) = downloads(20);
    let _keep = files_dir;
    let mut args: Vec<String> = vec!["add".into()];
    args.extend(files.iter().map(|f| f.to_string_lossy().into_owned()));
    args.extend(["--force", "Kent Police", "--date", "2021-03"].map(String::from));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let mut cut_midway = 0;
    // Killed once its first copy has its name, then a little later each time: while it names the
    // others, records them, indexes them; and once before it names any.
    for delay_ms in [0u64, 0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 400] {
        let (corpus, index) = small_corpus();
        let (c, i) = (corpus.path(), index.path());
        let mut child = Command::new(env!("CARGO_BIN_EXE_echoes"))
            .arg("--corpus")
            .arg(c)
            .arg("--index")
            .arg(i)
            .args(&args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let started = std::time::Instant::now();
        while delay_ms != 400 && documents(c).len() < 2 && started.elapsed() < Duration::from_secs(60) {
            if child.try_wait().unwrap().is_some() {
                break;
            }
            std::thread::sleep(Duration::from_micros(100));
        }
        std::thread::sleep(Duration::from_millis(delay_ms % 400));
        let _ = child.kill();
        child.wait().unwrap();
        let copied = documents(c).len() - 1;
        if copied > 0 && copied < 20 || (copied == 20 && entries(c).len() < 20) {
            cut_midway += 1;
        }
        // The same add, again: it succeeds, and every copy has its entry, force and date.
        let run = echoes(c, i, &args);
        assert_eq!(run.code, 0, "the add after one killed {delay_ms} ms in fails: {}", run.stderr);
        let docs = documents(c);
        assert_eq!(docs.len(), 21, "{docs:?}");
        let recorded = entries(c);
        for d in docs.iter().filter(|d| d.starts_with("kent")) {
            assert_eq!(
                recorded.get(d),
                Some(&("Kent Police".to_string(), "2021-03".to_string())),
                "{d} has no entry (killed {delay_ms} ms in)"
            );
        }
        assert_eq!(recorded.len(), 20, "{recorded:?}");
        let listed = echoes(c, i, &["docs", "--format", "json"]).json();
        assert_eq!(listed.as_array().unwrap().len(), 21);
        assert!(!c.join(".echoes-add.pending").exists());
    }
    assert!(cut_midway >= 2, "only {cut_midway} adds were killed between their first copy and their manifest");
}

#[test]
fn add_writes_through_a_linked_manifest_and_keeps_its_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let (corpus, index) = small_corpus();
    let (c, i) = (corpus.path(), index.path());
    let elsewhere = tempfile::tempdir().unwrap();
    let real = elsewhere.path().join("responses.toml");
    fs::write(&real, "# kept under version control elsewhere\n").unwrap();
    fs::set_permissions(&real, fs::Permissions::from_mode(0o600)).unwrap();
    std::os::unix::fs::symlink(&real, c.join("manifest.toml")).unwrap();
    let (_d, files) = downloads(2);
    let run = echoes(c, i, &["add", files[0].to_str().unwrap(), "--force", "Kent Police"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(fs::symlink_metadata(c.join("manifest.toml")).unwrap().file_type().is_symlink(), "the link was replaced");
    let text = fs::read_to_string(&real).unwrap();
    assert_eq!(
        text,
        "# kept under version control elsewhere\n\n[[document]]\npath = \"kent-police.txt\"\nforce = \"Kent Police\"\n"
    );
    assert_eq!(fs::metadata(&real).unwrap().permissions().mode() & 0o777, 0o600);
    // Nothing left beside the real manifest.
    let beside: Vec<_> = fs::read_dir(elsewhere.path()).unwrap().flatten().map(|e| e.file_name()).collect();
    assert_eq!(beside.len(), 1, "{beside:?}");
    // A second add appends there too.
    let run = echoes(c, i, &["add", files[1].to_str().unwrap(), "--force", "Essex Police"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(fs::read_to_string(&real).unwrap().ends_with("path = \"essex-police.txt\"\nforce = \"Essex Police\"\n"));
}

#[test]
fn add_appends_to_the_manifest_in_its_own_encoding_and_line_ends() {
    // A UTF-8 manifest with a byte-order mark and Windows line ends, and one in Windows-1252.
    let utf8 = b"\xEF\xBB\xBF# R\xC3\xA9ponses\r\n[[document]]\r\npath = \"hampshire-2021-12.txt\"\r\nforce = \"Hampshire Constabulary\"\r\n".to_vec();
    let cp1252 = b"# R\xE9ponses re\xE7ues\r\n[[document]]\r\npath = \"hampshire-2021-12.txt\" # \xAB premi\xE8re \xBB\r\nforce = \"Hampshire Constabulary\"\r\n".to_vec();
    for before in [utf8, cp1252] {
        let (corpus, index) = small_corpus();
        let (c, i) = (corpus.path(), index.path());
        fs::write(c.join("manifest.toml"), &before).unwrap();
        let (_d, files) = downloads(1);
        let run =
            echoes(c, i, &["add", files[0].to_str().unwrap(), "--force", "Gendarmerie de Sûreté", "--date", "2021-03"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let after = fs::read(c.join("manifest.toml")).unwrap();
        assert!(
            after.starts_with(&before),
            "the manifest's bytes were rewritten: {:?}",
            String::from_utf8_lossy(&after)
        );
        assert_eq!(
            String::from_utf8(after[before.len()..].to_vec()).unwrap(),
            "\r\n[[document]]\r\npath = \"gendarmerie-de-s\\u00FBret\\u00E9-2021-03.txt\"\r\nforce = \"Gendarmerie de S\\u00FBret\\u00E9\"\r\ndate = \"2021-03\"\r\n"
        );
        let docs = echoes(c, i, &["docs", "--format", "json"]).json();
        let forces: Vec<&str> = docs.as_array().unwrap().iter().filter_map(|d| d["force"].as_str()).collect();
        assert_eq!(forces, ["Gendarmerie de Sûreté", "Hampshire Constabulary"], "{docs}");
    }
}

#[test]
fn add_refuses_devices_and_pipes_at_once_and_reads_no_more_than_its_limit() {
    let (corpus, index) = small_corpus();
    let (c, i) = (corpus.path(), index.path());
    let dir = tempfile::tempdir().unwrap();
    let pipe = dir.path().join("response.txt");
    assert!(Command::new("mkfifo").arg(&pipe).status().unwrap().success());
    let big = dir.path().join("big.txt");
    fs::write(&big, "word ".repeat(300_000)).unwrap();
    let cases: [(&str, &str); 3] = [
        ("/dev/zero", "echoes: /dev/zero: a device, not a file; not added"),
        (pipe.to_str().unwrap(), &format!("echoes: {}: a named pipe, not a file; not added", pipe.display())),
        (big.to_str().unwrap(), &format!("echoes: {}: over the size limit (--max-file-mb); not added", big.display())),
    ];
    for (given, said) in cases {
        let mut child = Command::new(env!("CARGO_BIN_EXE_echoes"))
            .arg("--corpus")
            .arg(c)
            .arg("--index")
            .arg(i)
            .args(["--max-file-mb", "1", "add", given])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let started = std::time::Instant::now();
        while child.try_wait().unwrap().is_none() {
            if started.elapsed() > Duration::from_secs(20) {
                let _ = child.kill();
                panic!("add {given} still runs after 20 s");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{given}: {stderr}");
        assert_eq!(stderr.lines().next(), Some(said), "{given}: {stderr}");
        assert!(started.elapsed() < Duration::from_secs(5), "{given} took {:?}", started.elapsed());
    }
    assert_eq!(documents(c), ["hampshire-2021-12.txt"]);
}

#[test]
fn a_file_name_with_a_line_break_attributes_nothing_and_prints_on_one_line() {
    let corpus = tempfile::tempdir().unwrap();
    let c = corpus.path();
    fs::copy(bundled_corpus().join("recommendations.toml"), c.join("recommendations.toml")).unwrap();
    fs::write(c.join("a-note.txt"), "A note on the review of records, kept for the file.\n").unwrap();
    let forged = "b\nforce = \"Essex Police\" #.txt";
    fs::write(c.join(forged), "Some words about victims and their records.\n").unwrap();
    let index = tempfile::tempdir().unwrap();
    let i = index.path();
    let run = echoes(c, i, &["init"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("b\\nforce = \"Essex Police\" #.txt"), "{}", run.stderr);
    let manifest = fs::read_to_string(c.join("manifest.toml")).unwrap();
    assert!(!manifest.lines().any(|l| l.starts_with("force")), "a forged line in the manifest:\n{manifest}");
    let docs = echoes(c, i, &["docs", "--format", "json"]).json();
    let seen: Vec<(String, serde_json::Value)> = docs
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["path"].as_str().unwrap().to_string(), d["force"].clone()))
        .collect();
    assert_eq!(
        seen,
        [("a-note.txt".to_string(), serde_json::Value::Null), (forged.to_string(), serde_json::Value::Null)],
        "{docs}"
    );
    // Its id, which every listing prints, is on one line too.
    let ids: Vec<&str> = docs.as_array().unwrap().iter().map(|d| d["doc"].as_str().unwrap()).collect();
    assert_eq!(ids, ["a-note", "b\\nforce = \"Essex Police\" #"]);
    let hits = echoes(c, i, &["search", "victims", "--role", "all"]);
    assert_eq!(hits.code, 0, "{}", hits.stderr);
    assert!(hits.stdout.contains("b\\nforce = \"Essex Police\" #:"), "{}", hits.stdout);
    assert!(!hits.stdout.lines().any(|l| l.trim_start().starts_with("force =")), "{}", hits.stdout);
    let table = echoes(c, i, &["docs"]);
    assert_eq!(table.stdout.lines().count(), 3, "{}", table.stdout);
    assert!(table.stdout.lines().nth(2).unwrap().starts_with("b\\nforce = \"Essex Police\" #"), "{}", table.stdout);
}
