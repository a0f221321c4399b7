//! Robustness: bad input is skipped with a reason and the rest indexed; the index is built under
//! a lock, swapped in atomically, and survives a build killed at any moment.

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::common::{bundled_corpus, corpus_with, echoes, Run};
use serde_json::Value;

fn skipped_reason(report: &Value, path: &str) -> String {
    report["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["path"] == path)
        .unwrap_or_else(|| panic!("{path} not reported as skipped: {report}"))["reason"]
        .as_str()
        .unwrap()
        .to_string()
}

/// A corpus with one good document and one of each kind of bad file.
fn messy_corpus() -> tempfile::TempDir {
    let dir = corpus_with(&["hampshire-2021-12.txt"]);
    let d = dir.path();
    fs::write(d.join("scan.txt"), b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n").unwrap();
    fs::write(d.join("response.txt"), b"PK\x03\x04\x14\x00\x06\x00word/document.xml").unwrap();
    fs::write(d.join("blob.txt"), b"Force response\x00\x01\x02\x00 and more").unwrap();
    fs::write(d.join("blank.txt"), " \n\t\n\n").unwrap();
    fs::write(d.join("empty.txt"), "").unwrap();
    fs::copy(bundled_corpus().join("hampshire-2021-12.txt"), d.join("hampshire-copy.txt")).unwrap();
    fs::write(d.join("huge.txt"), "Kent Police will act on this recommendation.\n".repeat(30_000)).unwrap();
    // The force answers in its own sentence, as its subject; the broken byte stands in that very
    // sentence, so the force is found only if the damaged line is read.
    let mut broken =
        "Recommendation 1. To chief constables\nForce response\nDevon and Cornwall Police has accepted the report’s recommendation, "
            .as_bytes()
            .to_vec();
    broken.extend_from_slice(b"with a broken byte \xff here.\n");
    fs::write(d.join("devon.txt"), broken).unwrap();
    fs::write(d.join("manifest.toml"), "[[document]]\npath = 'x.txt'\nshelf = 'odd'\n").unwrap();
    dir
}

#[test]
fn every_bad_file_is_skipped_with_its_reason_and_the_rest_is_indexed() {
    let corpus = messy_corpus();
    let index = tempfile::tempdir().unwrap();
    let run = echoes(corpus.path(), index.path(), &["--max-file-mb", "1", "index", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report = run.json();
    assert_eq!(report["documents"], 2, "{report}");
    assert!(skipped_reason(&report, "scan.txt").contains("PDF"));
    assert!(skipped_reason(&report, "response.txt").contains("ZIP"));
    assert!(skipped_reason(&report, "blob.txt").contains("NUL"));
    assert_eq!(skipped_reason(&report, "blank.txt"), "only whitespace");
    assert_eq!(skipped_reason(&report, "empty.txt"), "empty file");
    let dup = skipped_reason(&report, "hampshire-copy.txt");
    assert!(dup.contains("hampshire-2021-12.txt"), "{dup}");
    assert!(skipped_reason(&report, "huge.txt").contains("over the 1 MiB limit"));
    assert_eq!(report["skipped"].as_array().unwrap().len(), 7);
    // The damaged file is read as UTF-8, its bad byte counted, and its force found.
    assert!(
        run.stderr.contains("devon.txt: not UTF-8, decoded as UTF-8; 1 undecodable byte(s) replaced"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("unknown field `shelf` ignored"), "{}", run.stderr);
    let docs = echoes(corpus.path(), index.path(), &["--max-file-mb", "1", "docs", "--format", "json"]).json();
    let devon = docs.as_array().unwrap().iter().find(|d| d["path"] == "devon.txt").unwrap();
    assert_eq!(devon["force"], "Devon and Cornwall Police");
    assert_eq!(devon["paragraphs"]["response"], 1);
}

#[test]
fn strict_fails_on_any_skip_and_leaves_the_index_alone() {
    let corpus = messy_corpus();
    let index = tempfile::tempdir().unwrap();
    let run = echoes(corpus.path(), index.path(), &["index", "--strict"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--strict"), "{}", run.stderr);
    assert!(run.stderr.contains("skipped scan.txt: a PDF that cannot be read"), "{}", run.stderr);
    assert!(!index.path().join("current").exists());
    let clean = corpus_with(&["hampshire-2021-12.txt"]);
    assert_eq!(echoes(clean.path(), index.path(), &["index", "--strict"]).code, 0);
}

fn lock_index(index: &Path) -> fs::File {
    fs::create_dir_all(index).unwrap();
    let file = fs::OpenOptions::new().create(true).truncate(false).write(true).open(index.join(".lock")).unwrap();
    file.lock().unwrap();
    file
}

#[test]
fn a_second_build_is_refused_and_searches_answer_from_the_index_as_it_was() {
    let corpus = corpus_with(&["hampshire-2021-12.txt", "recommendations.toml"]);
    let index = tempfile::tempdir().unwrap();
    assert_eq!(echoes(corpus.path(), index.path(), &["index"]).code, 0);

    let held = lock_index(index.path());
    let run = echoes(corpus.path(), index.path(), &["index"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(run.stderr.contains("is being built by another process"), "{}", run.stderr);

    // The corpus changes while the other build runs: searches keep answering from the old index.
    fs::copy(bundled_corpus().join("wiltshire-2021-02.txt"), corpus.path().join("wiltshire-2021-02.txt")).unwrap();
    let search = |args: &[&str]| echoes(corpus.path(), index.path(), args);
    let during = search(&["search", "immigration", "--format", "json"]);
    assert_eq!(during.code, 0, "{}", during.stderr);
    assert!(during.stderr.contains("another process is rebuilding the index"), "{}", during.stderr);
    assert!(during.json().as_array().unwrap().iter().all(|h| h["force"] == "Hampshire Constabulary"));

    drop(held);
    let after = search(&["search", "immigration", "--format", "json"]);
    assert_eq!(after.code, 0, "{}", after.stderr);
    assert!(after.stderr.contains("the corpus has changed"), "{}", after.stderr);
    assert!(after.json().as_array().unwrap().iter().any(|h| h["force"] == "Wiltshire Police"));
}

fn live_index_is_readable(index: &Path) -> bool {
    let meta = fs::read_to_string(index.join("current/echoes.json")).ok();
    meta.and_then(|m| serde_json::from_str::<Value>(&m).ok()).is_some()
        && index.join("current/tantivy/meta.json").exists()
}

#[test]
fn a_build_killed_at_any_moment_leaves_a_usable_index_and_the_next_command_recovers() {
    let work = tempfile::tempdir().unwrap();
    echoes::synth::generate(&echoes::synth::Options::headed(8000, 5), work.path()).unwrap();
    let corpus = work.path().join("corpus");
    let index = work.path().join("index");
    assert_eq!(echoes(&corpus, &index, &["index"]).code, 0);
    let mut files: Vec<_> = fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();

    for (round, delay_ms) in [5u64, 40, 150, 400, 900].into_iter().enumerate() {
        // Change the corpus so that the build has real work, then kill it part way.
        fs::remove_file(&files[round]).unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_echoes"))
            .arg("--corpus")
            .arg(&corpus)
            .arg("--index")
            .arg(&index)
            .arg("index")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        assert!(live_index_is_readable(&index), "round {round}: no readable index after a kill at {delay_ms} ms");

        let run: Run = echoes(&corpus, &index, &["search", "police", "--limit", "1", "--format", "json"]);
        assert_eq!(run.code, 0, "round {round}: {}", run.stderr);
        let docs = echoes(&corpus, &index, &["docs", "--format", "json"]).json();
        assert_eq!(docs.as_array().unwrap().len(), files.len() - round - 1, "round {round}");
    }
    let leftovers: Vec<String> = fs::read_dir(&index)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".build-") || n.starts_with(".old-") || n.starts_with(".current-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    let generations = fs::read_dir(&index)
        .unwrap()
        .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().starts_with("gen-"))
        .count();
    assert_eq!(generations, 1);
}

#[test]
fn a_damaged_index_is_rebuilt_by_the_next_command() {
    let corpus = corpus_with(&["hampshire-2021-12.txt", "recommendations.toml"]);
    let index = tempfile::tempdir().unwrap();
    assert_eq!(echoes(corpus.path(), index.path(), &["index"]).code, 0);
    for entry in fs::read_dir(index.path().join("current/tantivy")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "store" || e == "term") {
            let mut bytes = fs::read(&path).unwrap();
            bytes.iter_mut().step_by(3).for_each(|b| *b ^= 0x5a);
            fs::write(&path, bytes).unwrap();
        }
    }
    let run = echoes(corpus.path(), index.path(), &["search", "immigration", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("the index was unreadable; built the index"), "{}", run.stderr);
    assert!(!run.json().as_array().unwrap().is_empty());
}

#[test]
fn an_index_from_another_version_is_rebuilt_and_said_so() {
    let corpus = corpus_with(&["hampshire-2021-12.txt", "recommendations.toml"]);
    let index = tempfile::tempdir().unwrap();
    assert_eq!(echoes(corpus.path(), index.path(), &["index"]).code, 0);
    let meta_path = index.path().join("current/echoes.json");
    let mut meta: Value = serde_json::from_str(&fs::read_to_string(&meta_path).unwrap()).unwrap();
    meta["format"] = Value::from("echoes-index-1");
    fs::write(&meta_path, meta.to_string()).unwrap();
    let run = echoes(corpus.path(), index.path(), &["docs"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("the index was built by another version of echoes; built the index"), "{}", run.stderr);
}

#[test]
fn an_index_directory_that_cannot_be_created_is_one_line() {
    let corpus = corpus_with(&["hampshire-2021-12.txt", "recommendations.toml"]);
    let run = echoes(corpus.path(), Path::new("/proc/echoes-cannot-be-here/index"), &["index"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(
        run.stderr.starts_with("echoes: cannot create index directory /proc/echoes-cannot-be-here/index"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_table_row_with_the_wrong_number_of_cells_is_reported_and_read() {
    let dir = corpus_with(&["recommendations.toml"]);
    let table = "Recommendation\tResponse\n<p>Recommendation 1. To chief constables</p>\t<p>Kent Police will act.</p>\t<p>A stray third cell.</p>\n<p>Recommendation 4. To chief constables</p>\t<p>Kent Police will also check.</p>\n";
    fs::write(dir.path().join("kent.tsv"), table).unwrap();
    let index = tempfile::tempdir().unwrap();
    let run = echoes(dir.path(), index.path(), &["index"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "kent.tsv: line 2 has 3 cells where the table has 2; the extra cells are read as further columns"
        ),
        "{}",
        run.stderr
    );
    let hits = echoes(dir.path(), index.path(), &["search", "stray", "--role", "all", "--format", "json"]).json();
    assert_eq!(hits.as_array().unwrap().len(), 1);
}

/// Every file of the bundled corpus.
const BUNDLED: &[&str] = &[
    "hampshire-2021-12.txt",
    "gloucestershire-2021-12.txt",
    "south-yorkshire-2021-05.txt",
    "unattributed-response.txt",
    "wiltshire-2021-02.txt",
    "manifest.toml",
    "recommendations.toml",
];

/// A small tmpfs, unmounted when dropped.
struct SmallDisk(tempfile::TempDir);

impl SmallDisk {
    /// Mounts one (root only: the tests using it are ignored unless asked for, and fail where
    /// they cannot mount).
    fn mount(size: &str) -> SmallDisk {
        let dir = tempfile::tempdir().unwrap();
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir.path())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        assert!(ok, "cannot mount a tmpfs here: this test needs root (cargo test -- --include-ignored as root)");
        SmallDisk(dir)
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.0.path()).status();
    }
}

#[test]
#[ignore = "needs root: mounts a small tmpfs"]
fn a_full_disk_fails_in_one_line_and_leaves_the_index_as_it_was() {
    // Room for one index of the bundled corpus (about 130 KB), not for a second beside it.
    let disk = SmallDisk::mount("200k");
    let index = disk.0.path().join("index");
    let corpus = corpus_with(BUNDLED);
    let same = corpus_with(BUNDLED);
    assert_eq!(echoes(corpus.path(), &index, &["index"]).code, 0);
    fs::write(corpus.path().join("kent.txt"), "Kent Police response\nRecommendation 1\nKent Police answers here.\n")
        .unwrap();
    let run = echoes(corpus.path(), &index, &["index"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(run.stderr.contains("no space left on the disk holding"), "{}", run.stderr);
    // The index as it was still answers for the corpus as it was, and nothing was left behind.
    let docs = echoes(same.path(), &index, &["docs", "--format", "json"]);
    assert_eq!(docs.code, 0, "{}", docs.stderr);
    assert!(!docs.stderr.contains("built the index"), "{}", docs.stderr);
    assert_eq!(docs.json().as_array().unwrap().len(), 5);
    assert!(!fs::read_dir(&index).unwrap().any(|e| e.unwrap().file_name().to_string_lossy().starts_with(".build-")));
}

#[test]
fn a_foreign_tantivy_index_is_left_alone() {
    let corpus = corpus_with(&["hampshire-2021-12.txt", "recommendations.toml"]);
    let index = tempfile::tempdir().unwrap();
    let mut schema = tantivy::schema::Schema::builder();
    schema.add_text_field("body", tantivy::schema::TEXT);
    tantivy::Index::create_in_dir(index.path(), schema.build()).unwrap();
    let before: Vec<_> = fs::read_dir(index.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    let run = echoes(corpus.path(), index.path(), &["search", "immigration"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(run.stderr.contains("holds a tantivy index that echoes did not build"), "{}", run.stderr);
    let after: Vec<_> = fs::read_dir(index.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(before, after);
}

#[test]
#[ignore = "needs root: mounts a small tmpfs"]
fn a_read_only_index_directory_is_one_clear_line() {
    let disk = SmallDisk::mount("2m");
    let corpus = corpus_with(&["hampshire-2021-12.txt", "recommendations.toml"]);
    let index = disk.0.path().join("index");
    assert_eq!(echoes(corpus.path(), &index, &["index"]).code, 0);
    let remount = Command::new("mount").args(["-o", "remount,ro"]).arg(disk.0.path()).status().unwrap();
    assert!(remount.success());
    for args in [&["search", "immigration"][..], &["index"][..]] {
        let run = echoes(corpus.path(), &index, args);
        assert_eq!(run.code, 2, "{args:?}");
        assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
        assert!(run.stderr.contains("cannot write in the index directory"), "{}", run.stderr);
        assert!(run.stderr.contains("give --index a writable directory"), "{}", run.stderr);
    }
}
