//! Data safety: `add` never leaves half a file under a document's name, whether killed or out of
//! disk, and cleans up only its own leftovers; no output path lands inside the corpus or the index;
//! the manifest's repeated entries and `add`'s odd arguments are told in one line each.

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{bundled_corpus, echoes};

/// A corpus of one bundled document and the recommendations, and an index of it.
pub(crate) fn small_corpus() -> (tempfile::TempDir, tempfile::TempDir) {
    let corpus = tempfile::tempdir().unwrap();
    for f in ["hampshire-2021-12.txt", "recommendations.toml"] {
        fs::copy(bundled_corpus().join(f), corpus.path().join(f)).unwrap();
    }
    let index = tempfile::tempdir().unwrap();
    assert_eq!(echoes(corpus.path(), index.path(), &["index"]).code, 0);
    (corpus, index)
}

/// Every name in a folder, hidden ones too, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

/// A response of about `bytes` bytes, in paragraphs of `words` words.
fn long_response(force: &str, bytes: usize, words: usize) -> String {
    let vocabulary = ["police", "victims", "status", "officers", "data", "sharing", "review", "national"];
    let mut text = format!("{force} response\n\n");
    let mut n = 0usize;
    while text.len() < bytes {
        for w in 0..words {
            text.push_str(vocabulary[(n * 7 + w * 3) % vocabulary.len()]);
            text.push(' ');
        }
        text.push_str(&format!("paragraph {n}.\n\n"));
        n += 1;
    }
    text
}

fn echoes_command(corpus: &Path, index: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_echoes"));
    c.arg("--corpus").arg(corpus).arg("--index").arg(index).args(args);
    c.env_remove("ECHOES_CORPUS").env_remove("ECHOES_INDEX");
    c
}

#[test]
fn an_add_killed_at_any_point_leaves_no_partial_document_and_the_next_add_clears_its_copies() {
    let (corpus, index) = small_corpus();
    let downloads = tempfile::tempdir().unwrap();
    let big = downloads.path().join("big.txt");
    let text = long_response("Kent Police", 12_000_000, 400);
    fs::write(&big, &text).unwrap();
    // A user's own hidden files, of names close to echoes' temporary ones: never removed.
    for own in [".echoes-add.notes.tmp", ".manifest.toml.bak.tmp", ".echoes-add.1.x.tmp"] {
        fs::write(corpus.path().join(own), "mine").unwrap();
    }
    let before = names(corpus.path());
    let mut seen = before.clone();
    // Killed as soon as anything new shows in the corpus (the copy has begun), then a little later
    // each time: in the middle of the copy, while it is flushed, named, recorded or indexed (each
    // add first clears what the one before left; the last is killed in its copy).
    for delay_ms in [120u64, 40, 15, 5, 2, 0] {
        let mut child = echoes_command(corpus.path(), index.path(), &["add", big.to_str().unwrap()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let started = Instant::now();
        loop {
            let now = names(corpus.path());
            if now.iter().any(|n| !seen.contains(n) && n != ".echoes-corpus.lock") {
                break;
            }
            if child.try_wait().unwrap().is_some() || started.elapsed() > Duration::from_secs(120) {
                panic!("the add ended before it was killed (delay {delay_ms} ms)");
            }
            std::thread::sleep(Duration::from_micros(200));
        }
        std::thread::sleep(Duration::from_millis(delay_ms));
        child.kill().unwrap();
        child.wait().unwrap();
        // Whatever is under a document's name is the whole file.
        for name in names(corpus.path()) {
            if name.starts_with('.') || before.contains(&name) || name == "manifest.toml" {
                continue;
            }
            let size = fs::metadata(corpus.path().join(&name)).unwrap().len();
            assert_eq!(size, text.len() as u64, "{name} is a partial copy (killed {delay_ms} ms in)");
        }
        // Undo whatever completed, for the next round to start alike (the temporary copies stay).
        for name in names(corpus.path()) {
            if !name.starts_with('.') && !before.contains(&name) {
                fs::remove_file(corpus.path().join(&name)).unwrap();
            }
        }
        seen = names(corpus.path());
    }
    // The next add clears the copies killed adds left, and only those.
    let left: Vec<String> =
        names(corpus.path()).into_iter().filter(|n| !before.contains(n) && n.starts_with(".echoes-add.")).collect();
    assert!(!left.is_empty(), "no add was killed in the middle of its copy");
    let small = downloads.path().join("small.txt");
    fs::write(&small, long_response("Durham Constabulary", 2000, 30)).unwrap();
    let run = echoes(corpus.path(), index.path(), &["add", small.to_str().unwrap(), "--force", "Durham Constabulary"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut expected = before.clone();
    // The corpus lock is removed by the add that held it.
    expected.extend(["durham-constabulary.txt", "manifest.toml"].map(String::from));
    expected.sort();
    expected.dedup();
    assert_eq!(names(corpus.path()), expected);
    for own in [".echoes-add.notes.tmp", ".manifest.toml.bak.tmp", ".echoes-add.1.x.tmp"] {
        assert_eq!(fs::read_to_string(corpus.path().join(own)).unwrap(), "mine");
    }
    // And the file killed each time can be added whole.
    let run = echoes(corpus.path(), index.path(), &["add", big.to_str().unwrap(), "--force", "Kent Police"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(fs::read(corpus.path().join("kent-police.txt")).unwrap(), text.as_bytes());
}

/// A small tmpfs, unmounted when dropped.
struct SmallDisk(tempfile::TempDir);

impl SmallDisk {
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

    /// Bytes still free.
    fn free(&self) -> usize {
        let out = Command::new("stat").args(["-f", "-c", "%a %S"]).arg(self.0.path()).output().unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        let mut parts = text.split_whitespace().map(|n| n.parse::<usize>().unwrap());
        parts.next().unwrap() * parts.next().unwrap()
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.0.path()).status();
    }
}

#[test]
#[ignore = "needs root: mounts a small tmpfs"]
fn an_add_on_a_full_disk_leaves_nothing_behind() {
    let disk = SmallDisk::mount("1m");
    let corpus = disk.0.path().join("corpus");
    fs::create_dir(&corpus).unwrap();
    for f in ["hampshire-2021-12.txt", "recommendations.toml"] {
        fs::copy(bundled_corpus().join(f), corpus.join(f)).unwrap();
    }
    fs::write(corpus.join("manifest.toml"), "# by hand\n").unwrap();
    let index = tempfile::tempdir().unwrap();
    assert_eq!(echoes(&corpus, index.path(), &["index"]).code, 0);
    let before = names(&corpus);
    let downloads = tempfile::tempdir().unwrap();
    // A file larger than the disk: the copy fails.
    let large = downloads.path().join("large.txt");
    fs::write(&large, long_response("Kent Police", 3_000_000, 60)).unwrap();
    // A file that fills the disk to the last byte: the copy fits, the manifest then does not.
    let exact = downloads.path().join("exact.txt");
    let mut text = long_response("Essex Police", disk.free() - 200, 60);
    text.truncate(disk.free() - 1);
    text.push('\n');
    fs::write(&exact, &text).unwrap();
    for file in [&large, &exact] {
        let run = echoes(&corpus, index.path(), &["add", file.to_str().unwrap(), "--force", "Kent Police"]);
        assert_eq!(run.code, 2, "{}", run.stdout);
        assert!(run.stderr.contains("nothing was added"), "{}", run.stderr);
        assert!(run.stderr.contains("No space left"), "{}", run.stderr);
        assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
        let mut after = names(&corpus);
        after.retain(|n| n != ".echoes-corpus.lock");
        assert_eq!(after, before, "{}", file.display());
        assert_eq!(fs::read_to_string(corpus.join("manifest.toml")).unwrap(), "# by hand\n");
    }
}

#[test]
fn output_paths_inside_the_corpus_or_the_index_are_refused() {
    let (corpus, index) = small_corpus();
    let seed = corpus.path().join("hampshire-2021-12.txt");
    fs::write(corpus.path().join("manifest.toml"), "[[document]]\npath = \"hampshire-2021-12.txt\"\n").unwrap();
    let seed_before = fs::read(&seed).unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    // A link outside leading into the corpus, one to nothing yet inside it, and a folder of pages
    // that is a link into the index.
    let link = elsewhere.path().join("looks-outside.txt");
    std::os::unix::fs::symlink(&seed, &link).unwrap();
    let dangling = elsewhere.path().join("new.html");
    std::os::unix::fs::symlink(corpus.path().join("not-yet.html"), &dangling).unwrap();
    std::os::unix::fs::symlink(index.path(), elsewhere.path().join("pages_files")).unwrap();
    let into_corpus = elsewhere.path().join("to-corpus");
    std::os::unix::fs::symlink(corpus.path(), &into_corpus).unwrap();
    let s = |p: &Path| p.to_str().unwrap().to_string();
    let cases: Vec<(Vec<String>, &str)> = vec![
        (vec!["report".into(), "--out".into(), s(&seed)], "corpus"),
        (vec!["export".into(), "--out".into(), s(&corpus.path().join("manifest.toml"))], "corpus"),
        (vec!["export".into(), "--out".into(), s(&link)], "corpus"),
        (vec!["report".into(), "--out".into(), s(&dangling)], "corpus"),
        (vec!["export".into(), "--out".into(), s(&into_corpus.join("x.ndjson"))], "corpus"),
        (vec!["export".into(), "--out".into(), s(&index.path().join("current"))], "index"),
        (vec!["report".into(), "--out".into(), s(&elsewhere.path().join("pages.html"))], "index"),
        (vec!["export".into(), "--out".into(), format!("{}/../{}/x.ndjson", s(corpus.path()), "corpus-sibling")], ""),
    ];
    for (args, inside) in &cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let run = echoes(corpus.path(), index.path(), &args);
        if inside.is_empty() {
            // Outside both (a folder that does not exist): an ordinary failure to write, not a refusal.
            assert!(!run.stderr.contains("refusing"), "{args:?}: {}", run.stderr);
            continue;
        }
        assert_eq!(run.code, 2, "{args:?}: {}", run.stdout);
        assert_eq!(run.stderr.lines().count(), 1, "{args:?}: {}", run.stderr);
        assert!(
            run.stderr.contains("refusing to write") && run.stderr.contains(&format!("inside the {inside}")),
            "{args:?}: {}",
            run.stderr
        );
    }
    assert_eq!(fs::read(&seed).unwrap(), seed_before);
    assert_eq!(
        fs::read_to_string(corpus.path().join("manifest.toml")).unwrap(),
        "[[document]]\npath = \"hampshire-2021-12.txt\"\n"
    );
    assert!(!corpus.path().join("not-yet.html").exists());
    // The corpus as it was: no rebuild, the same one document.
    let docs = echoes(corpus.path(), index.path(), &["docs", "--format", "json"]);
    assert_eq!(docs.json().as_array().unwrap().len(), 1, "{}", docs.stderr);
    // Outside both, the same commands write.
    let out = elsewhere.path().join("paragraphs.ndjson");
    let run = echoes(corpus.path(), index.path(), &["export", "--out", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(fs::read_to_string(&out).unwrap().contains("hampshire"));
}

#[test]
fn a_path_listed_twice_in_the_manifest_is_warned_of_with_both_lines() {
    let corpus = tempfile::tempdir().unwrap();
    for f in ["hampshire-2021-12.txt", "wiltshire-2021-02.txt", "recommendations.toml"] {
        fs::copy(bundled_corpus().join(f), corpus.path().join(f)).unwrap();
    }
    let manifest = "# by hand\n[[document]]\npath = \"hampshire-2021-12.txt\"\nforce = \"Hampshire Constabulary\"\ndate = \"2021-12\"\n\n[[document]]\npath = \"wiltshire-2021-02.txt\"\n\n[[document]]\npath = \"hampshire-2021-12.txt\"\nforce = \"Hampshire and Isle of Wight Constabulary\"\ndate = \"2022-01\"\n\n[[document]]\npath = \"wiltshire-2021-02.txt\"\n";
    fs::write(corpus.path().join("manifest.toml"), manifest).unwrap();
    let index = tempfile::tempdir().unwrap();
    let run = echoes(corpus.path(), index.path(), &["index"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let all = format!("{}{}", run.stdout, run.stderr);
    let warnings: Vec<&str> = all.lines().filter(|l| l.contains("listed twice")).collect();
    // The Hampshire entries differ (lines 3 and 11); Wiltshire's are the same twice, and harmless.
    assert_eq!(warnings.len(), 1, "{all}");
    assert!(
        warnings[0].contains("hampshire-2021-12.txt")
            && warnings[0].contains("line 3")
            && warnings[0].contains("line 11")
            && warnings[0].contains("the entry on line 11 is used"),
        "{all}"
    );
    let docs = echoes(corpus.path(), index.path(), &["docs", "--format", "json"]).json();
    let hampshire = docs.as_array().unwrap().iter().find(|d| d["path"] == "hampshire-2021-12.txt").unwrap();
    assert_eq!(hampshire["date"], "2022-01");
}

#[test]
fn csv_output_to_a_reader_gone_away_ends_quietly_as_text_and_json_do() {
    let corpus = tempfile::tempdir().unwrap();
    fs::copy(bundled_corpus().join("recommendations.toml"), corpus.path().join("recommendations.toml")).unwrap();
    // Enough hits that the CSV writer itself meets the closed pipe, past every buffer.
    fs::write(corpus.path().join("kent.txt"), long_response("Kent Police", 400_000, 40)).unwrap();
    let index = tempfile::tempdir().unwrap();
    assert_eq!(echoes(corpus.path(), index.path(), &["index"]).code, 0);
    for format in ["text", "json", "csv"] {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let out = echoes_command(corpus.path(), index.path(), &["search", "police", "--limit", "1000"])
            .args(["--format", format])
            .stdout(writer)
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{format}: {}", String::from_utf8_lossy(&out.stderr));
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{format}");
    }
}

#[test]
fn add_tells_a_file_given_twice_refuses_a_date_that_is_none_and_passes_over_a_dangling_link() {
    let (corpus, index) = small_corpus();
    let downloads = tempfile::tempdir().unwrap();
    let kent = downloads.path().join("kent.txt");
    fs::write(&kent, long_response("Kent Police", 3000, 30)).unwrap();
    let k = kent.to_str().unwrap();
    // Not a date: refused, nothing recorded.
    for date in ["../../../x", "2021-13", "next week"] {
        let run = echoes(corpus.path(), index.path(), &["add", k, "--force", "Kent Police", "--date", date]);
        assert_eq!(run.code, 2, "{date}: {}", run.stdout);
        assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
        assert!(run.stderr.contains(&format!("--date '{date}' is not a date")), "{}", run.stderr);
        assert!(!corpus.path().join("manifest.toml").exists());
    }
    // A link to nothing where the readable name would be: another name is chosen, the link kept.
    let name = corpus.path().join("kent-police-2021-03.txt");
    std::os::unix::fs::symlink(downloads.path().join("gone.txt"), &name).unwrap();
    // The same file twice: added once, and said so (not "already in the corpus").
    let run = echoes(corpus.path(), index.path(), &["add", k, k, "--force", "Kent Police", "--date", "2021-03"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("given twice; added once"), "{}", run.stderr);
    assert!(!run.stderr.contains("already in the corpus"), "{}", run.stderr);
    assert!(fs::symlink_metadata(&name).unwrap().file_type().is_symlink());
    assert_eq!(fs::read(corpus.path().join("kent-police-2021-03-2.txt")).unwrap(), fs::read(&kent).unwrap());
    let manifest = fs::read_to_string(corpus.path().join("manifest.toml")).unwrap();
    assert_eq!(manifest.matches("[[document]]").count(), 1, "{manifest}");
    assert!(manifest.contains("path = \"kent-police-2021-03-2.txt\""), "{manifest}");
    // Two files of the same text in one add: the second is refused as a repeat of the first.
    let copy = downloads.path().join("copy.txt");
    fs::write(&copy, long_response("Essex Police", 3000, 30)).unwrap();
    let same = downloads.path().join("same.txt");
    fs::copy(&copy, &same).unwrap();
    let run = echoes(corpus.path(), index.path(), &["add", copy.to_str().unwrap(), same.to_str().unwrap()]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stderr.contains(&format!("the same document as {}, given before it", copy.display())),
        "{}",
        run.stderr
    );
}
