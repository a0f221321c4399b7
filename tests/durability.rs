//! Durability of the index: a change short of a full build (an update after the corpus changed,
//! or `add`) killed at any point leaves an index the next command uses as a fresh build would, and
//! once done it records what a fresh build records.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::common::{bundled_corpus, echoes};

/// A response of `paragraphs` paragraphs whose words vary with `seed`, so that every document
/// moves the search statistics in its own way.
fn response(seed: usize, paragraphs: usize) -> String {
    const WORDS: &[&str] = &[
        "victims",
        "police",
        "immigration",
        "status",
        "officers",
        "data",
        "sharing",
        "review",
        "national",
        "guidance",
        "custody",
        "training",
        "safeguarding",
        "abuse",
        "domestic",
        "force",
        "records",
        "audit",
        "partners",
        "council",
        "witness",
        "evidence",
        "support",
        "policy",
    ];
    let mut text = format!("Response {seed}\n\n");
    for p in 0..paragraphs {
        let n = 8 + (seed * 5 + p * 3) % 23;
        let words: Vec<&str> = (0..n).map(|w| WORDS[(seed * 7 + p * 11 + w * w * 3 + w) % WORDS.len()]).collect();
        text.push_str(&format!("{} in section {seed}.{p}.\n\n", words.join(" ")));
    }
    text
}

/// A corpus of `n` generated responses and the bundled recommendations.
fn generated_corpus(n: usize, paragraphs: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(bundled_corpus().join("recommendations.toml"), dir.path().join("recommendations.toml")).unwrap();
    for i in 0..n {
        fs::write(dir.path().join(format!("resp-{i:04}.txt")), response(i, paragraphs)).unwrap();
    }
    dir
}

fn echoes_command(corpus: &Path, index: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_echoes"));
    c.arg("--corpus").arg(corpus).arg("--index").arg(index).args(args);
    c.env_remove("ECHOES_CORPUS").env_remove("ECHOES_INDEX").stdout(Stdio::null()).stderr(Stdio::null());
    c
}

/// What a search answers, scores to four decimals, in order.
fn ranking(corpus: &Path, index: &Path, query: &str) -> Vec<(String, String)> {
    let run = echoes(corpus, index, &["search", query, "--role", "all", "--limit", "20", "--format", "json"]);
    assert!(run.code <= 1, "search {query}: {}", run.stderr);
    if run.code == 1 {
        return Vec::new();
    }
    run.json()
        .as_array()
        .unwrap()
        .iter()
        .map(|h| (h["id"].as_str().unwrap().to_string(), format!("{:.4}", h["score"].as_f64().unwrap())))
        .collect()
}

/// The live build's record, as echoes wrote it.
fn record(index: &Path) -> serde_json::Value {
    let raw = fs::read(index.join("current").join("echoes.json")).expect("a record");
    serde_json::from_slice(&raw).unwrap()
}

/// The parts of a record that say what was indexed (not where, nor when).
fn recorded_state(index: &Path) -> serde_json::Value {
    let r = record(index);
    serde_json::json!({
        "fingerprint": r["fingerprint"], "listing": r["listing"], "skipped": r["skipped"],
        "notes": r["notes"], "words": r["words"], "settings": r["settings"],
    })
}

/// Answers as a fresh build of the same corpus does: the same ranking, scores to four decimals.
fn assert_as_fresh(corpus: &Path, index: &Path, what: &str) {
    let fresh = tempfile::tempdir().unwrap();
    for query in ["victims", "police OR custody", "\"domestic abuse\""] {
        let (got, want) = (ranking(corpus, index, query), ranking(corpus, fresh.path(), query));
        // The first place where they part, said first: a long listing may be cut short in a log.
        let parted = got.iter().zip(&want).position(|(g, w)| g != w).unwrap_or(got.len().min(want.len()));
        assert_eq!(
            got,
            want,
            "{what}: `{query}` ranks otherwise than in a fresh build from place {parted}: {:?} where a fresh build has {:?}",
            got.get(parted),
            want.get(parted)
        );
    }
    assert_eq!(recorded_state(index), recorded_state(fresh.path()), "{what}: the record differs from a fresh build's");
}

/// The entries of the index directory that are neither the live build nor echoes' own files.
fn leftovers(index: &Path) -> Vec<String> {
    let live = fs::read_link(index.join("current")).map(|t| t.to_string_lossy().into_owned()).unwrap_or_default();
    let mut out: Vec<String> = fs::read_dir(index)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| ![live.as_str(), "current", ".lock", "echoes-index.json"].contains(&n.as_str()))
        .collect();
    out.sort();
    out
}

/// The segments of the live build and the opstamp of its last commit, from tantivy's own record.
fn segments(index: &Path) -> (Vec<String>, u64) {
    let raw = fs::read(index.join("current").join("tantivy").join("meta.json")).unwrap();
    let meta: serde_json::Value = serde_json::from_slice(&raw).unwrap();
    let ids = meta["segments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["segment_id"].as_str().unwrap().replace('-', ""))
        .collect();
    (ids, meta["opstamp"].as_u64().unwrap())
}

#[test]
fn delete_files_an_interrupted_update_left_never_stop_the_next_one() {
    let corpus = generated_corpus(40, 6);
    let (c, index) = (corpus.path(), tempfile::tempdir().unwrap());
    let i = index.path();
    assert_eq!(echoes(c, i, &["index"]).code, 0);
    // What an update killed while writing its deletions leaves: a delete file of every segment,
    // under each name the next commits could give it, that no commit records.
    let (ids, opstamp) = segments(i);
    let tantivy = i.join("current").join("tantivy");
    for id in &ids {
        for stamp in opstamp..opstamp + 200 {
            fs::write(tantivy.join(format!("{id}.{stamp}.del")), b"half written").unwrap();
        }
    }
    for n in 0..10 {
        fs::remove_file(c.join(format!("resp-{:04}.txt", n * 3))).unwrap();
    }
    let run = echoes(c, i, &["search", "victims"]);
    assert_eq!(run.code, 0, "the update after a killed one fails: {}", run.stderr);
    assert!(run.stderr.contains("in place"), "an update, not a rebuild: {}", run.stderr);
    assert_as_fresh(c, i, "an update over an interrupted one's delete files");
    // And the update after it too.
    fs::remove_file(c.join("resp-0001.txt")).unwrap();
    assert_eq!(echoes(c, i, &["search", "victims"]).code, 0);
    assert_as_fresh(c, i, "the next update");
}

/// Kills `args` `delay` after its start (or lets it end if it ends before).
fn kill_after(corpus: &Path, index: &Path, args: &[&str], delay: Duration) -> bool {
    let mut child = echoes_command(corpus, index, args).spawn().unwrap();
    std::thread::sleep(delay);
    let ended = child.try_wait().unwrap().is_some();
    let _ = child.kill();
    let _ = child.wait();
    !ended
}

#[test]
fn updates_killed_at_any_point_leave_an_index_that_answers_as_a_fresh_build() {
    let corpus = generated_corpus(300, 8);
    let (c, index) = (corpus.path(), tempfile::tempdir().unwrap());
    let i = index.path();
    assert_eq!(echoes(c, i, &["index"]).code, 0);
    // How long an update takes here, to spread the kills over it.
    for n in 0..30 {
        fs::remove_file(c.join(format!("resp-{:04}.txt", n * 10))).unwrap();
    }
    let started = std::time::Instant::now();
    assert_eq!(echoes(c, i, &["search", "victims"]).code, 0);
    let span = started.elapsed().as_millis() as u64;
    let mut killed = 0;
    // Each round removes files, edits one and adds one, then kills the search updating the index
    // at a point spread over the update; the next command must answer as a fresh build.
    for round in 0..12u64 {
        for n in 0..8 {
            let _ = fs::remove_file(c.join(format!("resp-{:04}.txt", 1 + n * 13 + round as usize * 2)));
        }
        fs::write(c.join(format!("new-{round}.txt")), response(1000 + round as usize, 12)).unwrap();
        fs::write(c.join("resp-0299.txt"), response(2000 + round as usize, 5)).unwrap();
        let delay = Duration::from_millis(span * (round + 1) / 13);
        if kill_after(c, i, &["search", "victims"], delay) {
            killed += 1;
        }
        assert_as_fresh(c, i, &format!("an update killed {} ms in (round {round})", delay.as_millis()));
        assert_eq!(leftovers(i), Vec::<String>::new(), "what the killed update left is not cleared");
    }
    assert!(killed >= 6, "only {killed} of 12 updates were killed before they ended");
}

/// What an update killed after it swapped its build in leaves: the build it replaced, which
/// echoes recorded when it made it, half removed; and a draft of the record of what echoes made.
fn leave_a_replaced_build(index: &Path) -> PathBuf {
    let old = index.join("gen-1-1");
    fs::create_dir_all(old.join("tantivy")).unwrap();
    fs::write(old.join("echoes.json"), "{").unwrap();
    let marker_path = index.join("echoes-index.json");
    let mut marker: serde_json::Value = serde_json::from_str(&fs::read_to_string(&marker_path).unwrap()).unwrap();
    marker["entries"].as_array_mut().unwrap().push("gen-1-1".into());
    fs::write(&marker_path, marker.to_string()).unwrap();
    fs::write(index.join(".echoes-index.json.1-2"), "{\"made_by\": \"ech").unwrap();
    old
}

#[test]
fn a_command_that_finds_the_index_fresh_clears_what_a_killed_update_left_after_its_swap() {
    let (corpus, index) = three_responses();
    let (c, i) = (corpus.path(), index.path());
    // Files of the user's, named as echoes' own are, stay.
    fs::write(i.join("gen-notes.txt"), "mine").unwrap();
    let old = leave_a_replaced_build(i);
    // While another process builds, what the marker lists may be that build's: left alone.
    let lock = fs::OpenOptions::new().write(true).open(i.join(".lock")).unwrap();
    lock.lock().unwrap();
    let run = echoes_with_wait(c, i, &["search", "victims"]);
    assert_eq!(run.status.code(), Some(0));
    assert!(old.exists(), "a build in progress elsewhere is not removed under it");
    assert!(i.join(".echoes-index.json.1-2").exists());
    drop(lock);
    // The index is fresh: nothing is built, and what the killed update left goes.
    let run = echoes(c, i, &["search", "victims"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("index"), "the index was fresh: {}", run.stderr);
    assert_eq!(leftovers(i), vec!["gen-notes.txt".to_string()]);
    assert_as_fresh(c, i, "after the clean-up");
}

/// `args` run with the lock held elsewhere, waiting at most a second.
fn echoes_with_wait(corpus: &Path, index: &Path, args: &[&str]) -> std::process::Output {
    echoes_command(corpus, index, args).env("ECHOES_WAIT", "1").output().unwrap()
}

#[test]
fn an_update_records_what_a_fresh_build_records() {
    let corpus = generated_corpus(6, 4);
    let (c, index) = (corpus.path(), tempfile::tempdir().unwrap());
    let i = index.path();
    // A file that repeats another is skipped, and said to be.
    fs::copy(c.join("resp-0001.txt"), c.join("repeat.txt")).unwrap();
    assert_eq!(echoes(c, i, &["index"]).code, 0);
    let before = record(i);
    assert_eq!(before["skipped"].as_array().unwrap().len(), 1, "{}", before["skipped"]);
    // It goes; a response changes.
    fs::remove_file(c.join("repeat.txt")).unwrap();
    fs::write(c.join("resp-0002.txt"), response(77, 9)).unwrap();
    let run = echoes(c, i, &["search", "victims"]);
    assert!(run.stderr.contains("in place"), "{}", run.stderr);
    let after = record(i);
    assert_eq!(after["skipped"], serde_json::json!([]), "the removed file is still recorded as skipped");
    assert_ne!(after["fingerprint"], before["fingerprint"], "the record keeps the old fingerprint");
    assert_as_fresh(c, i, "an update");
    // Results stored with the old state are not those of the new one.
    let stored: Vec<PathBuf> = fs::read_dir(i.join("current")).unwrap().flatten().map(|e| e.path()).collect();
    assert!(!stored.iter().any(|p| p.to_string_lossy().contains("stored-")), "{stored:?}");
}

/// A corpus of three bundled responses and the recommendations, indexed.
fn three_responses() -> (tempfile::TempDir, tempfile::TempDir) {
    let corpus = tempfile::tempdir().unwrap();
    for f in ["recommendations.toml", "hampshire-2021-12.txt", "wiltshire-2021-02.txt", "south-yorkshire-2021-05.txt"] {
        fs::copy(bundled_corpus().join(f), corpus.path().join(f)).unwrap();
    }
    let index = tempfile::tempdir().unwrap();
    assert_eq!(echoes(corpus.path(), index.path(), &["index"]).code, 0);
    (corpus, index)
}

#[test]
fn add_records_the_words_and_state_a_fresh_build_records() {
    let (corpus, index) = three_responses();
    let (c, i) = (corpus.path(), index.path());
    let downloads = tempfile::tempdir().unwrap();
    let file = downloads.path().join("Glos response.txt");
    fs::copy(bundled_corpus().join("gloucestershire-2021-12.txt"), &file).unwrap();
    let run = echoes(c, i, &["add", file.to_str().unwrap(), "--force", "Gloucestershire Constabulary"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("added to the index"), "an add in place: {}", run.stdout);
    assert_as_fresh(c, i, "an add");
    // And a second add on top of it.
    let second = downloads.path().join("another.txt");
    fs::write(&second, response(5, 12)).unwrap();
    assert_eq!(echoes(c, i, &["add", second.to_str().unwrap()]).code, 0);
    assert_as_fresh(c, i, "a second add");
}

#[test]
fn an_add_that_changes_an_indexed_documents_id_answers_as_a_fresh_build() {
    let (corpus, index) = three_responses();
    let (c, i) = (corpus.path(), index.path());
    // `hampshire-2021-12.html` shares its stem with an indexed file: both documents are then
    // known by their full names, the indexed one too.
    let downloads = tempfile::tempdir().unwrap();
    let file = downloads.path().join("hampshire-2021-12.html");
    fs::write(
        &file,
        "<html><body><h1>Hampshire addendum</h1><p>Custody records are audited weekly by the force.</p></body></html>",
    )
    .unwrap();
    let run = echoes(c, i, &["add", file.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("rebuilt the index"), "{}", run.stdout);
    let hits = echoes(c, i, &["search", "hampshire", "--role", "all", "--limit", "0", "--format", "json"]).json();
    let docs: std::collections::BTreeSet<&str> =
        hits.as_array().unwrap().iter().map(|h| h["doc"].as_str().unwrap()).collect();
    assert_eq!(
        docs.into_iter().collect::<Vec<_>>(),
        ["hampshire-2021-12.html", "hampshire-2021-12.txt"],
        "an indexed document kept its old id"
    );
    assert_as_fresh(c, i, "an add that renames a document");
}

/// The bundled corpus, and enough other bodies for a `reuse` to take a while.
fn slow_to_compare() -> tempfile::TempDir {
    let corpus = crate::common::bundled_copy();
    let c = corpus.path();
    let mut manifest = fs::read_to_string(c.join("manifest.toml")).unwrap();
    let pool: Vec<String> = (0..40).map(|k| response(k, 2).replace('\n', " ")).collect();
    // Fifteen bodies: words drawn from a vocabulary of a few dozen make every pair of paragraphs
    // share short runs, so that revisions are looked for between all of them; a debug build
    // takes tens of seconds to gather them, time enough to race.
    for n in 0..15 {
        // Paragraphs drawn from a pool that every body draws on: many pairs to compare.
        let text: String =
            (0..10).map(|p| format!("{} item {n}.{p}.\n\n", pool[(n * 7 + p * 13) % pool.len()])).collect();
        fs::write(c.join(format!("body-{n:03}.txt")), format!("Body {n} response\n\n{text}")).unwrap();
        manifest.push_str(&format!("\n[[document]]\npath = \"body-{n:03}.txt\"\nforce = \"Body {n}\"\n"));
    }
    fs::write(c.join("manifest.toml"), manifest).unwrap();
    corpus
}

#[test]
fn findings_computed_while_an_update_ran_are_never_served_after_it() {
    let corpus = slow_to_compare();
    let (c, index) = (corpus.path(), tempfile::tempdir().unwrap());
    let i = index.path();
    assert_eq!(echoes(c, i, &["index"]).code, 0);
    let args = ["reuse", "--format", "json"];
    let mut slow = echoes_command(c, i, &args).spawn().unwrap();
    std::thread::sleep(Duration::from_millis(400));
    // Meanwhile a document of its findings goes, and the index is updated.
    fs::remove_file(c.join("gloucestershire-2021-12.txt")).unwrap();
    let run = echoes(c, i, &["docs"]);
    assert!(run.stderr.contains("in place"), "{}", run.stderr);
    let raced = slow.try_wait().unwrap().is_none();
    slow.wait().unwrap();
    let after = echoes(c, i, &args);
    assert!(after.code <= 1, "{}", after.stderr);
    assert!(!after.stdout.contains("gloucestershire"), "a finding with a removed document is served: {}", after.stdout);
    let fresh = tempfile::tempdir().unwrap();
    assert_eq!(after.stdout, echoes(c, fresh.path(), &args).stdout, "reuse differs from a fresh build's");
    assert!(raced, "the reuse ended before the update: it did not race it");
}

/// Sends a GET; returns the status and the body (read to the end).
fn get(addr: &str, target: &str) -> (u16, String) {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    write!(stream, "GET {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status = text.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    (status, text.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default())
}

/// Starts `echoes serve` on the corpus and index; returns the process and its address.
fn serve(corpus: &Path, index: &Path) -> (std::process::Child, String) {
    use std::io::BufRead;
    let mut server = Command::new(env!("CARGO_BIN_EXE_echoes"))
        .arg("--corpus")
        .arg(corpus)
        .arg("--index")
        .arg(index)
        .args(["serve", "--port", "0"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = std::io::BufReader::new(server.stderr.take().unwrap());
    let mut line = String::new();
    while stderr.read_line(&mut line).unwrap() > 0 && !line.contains("serving http://") {
        line.clear();
    }
    std::thread::spawn(move || std::io::copy(&mut stderr, &mut std::io::sink()));
    let addr = line.split("http://").nth(1).and_then(|r| r.split('/').next()).unwrap().to_string();
    (server, addr)
}

/// Waits until the server has gathered its findings (its reuse pages answer).
fn gathered(addr: &str) {
    let started = std::time::Instant::now();
    while get(addr, "/reuse").0 == 503 {
        assert!(started.elapsed() < Duration::from_secs(120), "the server never gathered its findings");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn findings_the_server_gathered_while_an_update_ran_are_never_served_after_it() {
    let corpus = slow_to_compare();
    let (c, index) = (corpus.path(), tempfile::tempdir().unwrap());
    let i = index.path();
    assert_eq!(echoes(c, i, &["index"]).code, 0);
    let (mut server, addr) = serve(c, i);
    // The server gathers its findings in the background; meanwhile a document goes.
    let gathering = get(&addr, "/reuse").0 == 503;
    fs::remove_file(c.join("gloucestershire-2021-12.txt")).unwrap();
    let run = echoes(c, i, &["docs"]);
    assert!(run.stderr.contains("in place"), "{}", run.stderr);
    gathered(&addr);
    let _ = server.kill();
    let _ = server.wait();
    // A server started afterwards, and the command line, answer from the index as it now is.
    let (mut again, addr) = serve(c, i);
    gathered(&addr);
    for target in ["/reuse", "/api/reuse"] {
        let (status, body) = get(&addr, target);
        assert_eq!(status, 200, "{target}: {body}");
        assert!(!body.contains("gloucestershire"), "{target} serves a finding with a removed document: {body}");
    }
    let _ = again.kill();
    let _ = again.wait();
    let args = ["reuse", "--format", "json"];
    let after = echoes(c, i, &args);
    assert!(after.code <= 1, "{}", after.stderr);
    assert!(!after.stdout.contains("gloucestershire"), "a finding with a removed document is served: {}", after.stdout);
    let fresh = tempfile::tempdir().unwrap();
    assert_eq!(after.stdout, echoes(c, fresh.path(), &args).stdout, "reuse differs from a fresh build's");
    assert!(gathering, "the server had gathered its findings before the update: it did not race it");
}

#[test]
fn a_file_of_the_users_in_the_live_build_stays_through_an_update() {
    let corpus = generated_corpus(5, 3);
    let (c, index) = (corpus.path(), tempfile::tempdir().unwrap());
    let i = index.path();
    assert_eq!(echoes(c, i, &["index"]).code, 0);
    fs::write(i.join("current").join("notes.txt"), "mine").unwrap();
    fs::remove_file(c.join("resp-0003.txt")).unwrap();
    let run = echoes(c, i, &["docs"]);
    assert!(run.stderr.contains("in place"), "{}", run.stderr);
    assert_eq!(fs::read_to_string(i.join("current").join("notes.txt")).unwrap(), "mine");
    assert_eq!(leftovers(i), Vec::<String>::new());
}
