//! `echoes add`: documents copied in under readable names, recorded in the manifest with its
//! comments kept, added to the index without a rebuild, and duplicates refused.

use std::fs;

use crate::common::{bundled_corpus, echoes};

#[test]
fn add_copies_records_and_indexes_without_rebuilding() {
    let corpus = tempfile::tempdir().unwrap();
    for entry in fs::read_dir(bundled_corpus()).unwrap() {
        let path = entry.unwrap().path();
        fs::copy(&path, corpus.path().join(path.file_name().unwrap())).unwrap();
    }
    let manifest = corpus.path().join("manifest.toml");
    let before = format!("# Collected by hand; keep this note.\n{}", fs::read_to_string(&manifest).unwrap());
    fs::write(&manifest, &before).unwrap();
    let index = tempfile::tempdir().unwrap();
    assert_eq!(echoes(corpus.path(), index.path(), &["index"]).code, 0);
    let segment_files = |index: &std::path::Path| -> std::collections::BTreeSet<u64> {
        use std::os::unix::fs::MetadataExt;
        let tantivy = index.join("current").join("tantivy");
        fs::read_dir(tantivy).unwrap().flatten().map(|e| e.metadata().unwrap().ino()).collect()
    };
    let built = segment_files(index.path());

    let download = tempfile::tempdir().unwrap();
    let file = download.path().join("Response FINAL (2).txt");
    fs::write(&file, "Kent Police response\nRecommendation 1. To chief constables\nForce response\nKent Police has stopped the routine sharing of victims’ details.\n").unwrap();
    let file = file.to_str().unwrap();
    let run = echoes(
        corpus.path(),
        index.path(),
        &["add", file, "--force", "Kent Police", "--date", "2021-03", "--source", "https://example.org/kent"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.starts_with("added kent-police-2021-03.txt (Kent Police, recommendation 1): 4 paragraphs"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("added to the index"), "{}", run.stdout);
    assert!(corpus.path().join("kent-police-2021-03.txt").exists());
    // Not rebuilt: the index after the add shares the segment files of the one before.
    assert!(!segment_files(index.path()).is_disjoint(&built), "rebuilt, not updated in place");

    let after = fs::read_to_string(&manifest).unwrap();
    assert!(after.starts_with(&before), "{after}");
    assert!(after.ends_with("[[document]]\npath = \"kent-police-2021-03.txt\"\nforce = \"Kent Police\"\ndate = \"2021-03\"\nsource = \"https://example.org/kent\"\n"), "{after}");

    // The index is current: no rebuild, and the new response is found.
    let search = echoes(corpus.path(), index.path(), &["search", "\"routine sharing\"", "--format", "json"]);
    assert_eq!(search.code, 0, "{}", search.stderr);
    assert!(!search.stderr.contains("built the index"), "{}", search.stderr);
    let hits = search.json();
    assert_eq!(hits[0]["force"], "Kent Police");
    assert_eq!(hits[0]["recommendation"], 1);
    assert_eq!(echoes(corpus.path(), index.path(), &["docs", "--format", "json"]).json().as_array().unwrap().len(), 6);

    // The same document again, under any name: refused, and the one it duplicates named.
    let again = echoes(corpus.path(), index.path(), &["add", file]);
    assert_eq!(again.code, 2);
    assert!(
        again.stderr.contains("the same document as kent-police-2021-03.txt, already in the corpus; not added"),
        "{}",
        again.stderr
    );
    let seed = bundled_corpus().join("hampshire-2021-12.txt");
    let dup = echoes(corpus.path(), index.path(), &["add", seed.to_str().unwrap()]);
    assert_eq!(dup.code, 2);
    assert!(dup.stderr.contains("the same document as hampshire-2021-12.txt"), "{}", dup.stderr);
    assert_eq!(visible_files(corpus.path()).len(), 8);
}

/// The corpus's files, hidden ones (echoes' lock) left out, sorted.
fn visible_files(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    names.sort();
    names
}

/// A corpus of two bundled documents with their manifest entries, and an index of it.
fn small_corpus() -> (tempfile::TempDir, tempfile::TempDir) {
    let corpus = tempfile::tempdir().unwrap();
    for f in ["hampshire-2021-12.txt", "wiltshire-2021-02.txt", "recommendations.toml"] {
        fs::copy(bundled_corpus().join(f), corpus.path().join(f)).unwrap();
    }
    fs::write(
        corpus.path().join("manifest.toml"),
        "# kept by hand\n[[document]]\npath = \"hampshire-2021-12.txt\"\nforce = \"Hampshire Constabulary\"\n",
    )
    .unwrap();
    let index = tempfile::tempdir().unwrap();
    assert_eq!(echoes(corpus.path(), index.path(), &["index"]).code, 0);
    (corpus, index)
}

fn response(force: &str) -> String {
    format!("{force} response\nRecommendation 1. To chief constables\nForce response\n{force} reviewed its procedures in the spring and now records only what each case needs.\n")
}

#[test]
fn parallel_adds_keep_every_manifest_entry() {
    let (corpus, index) = small_corpus();
    let downloads = tempfile::tempdir().unwrap();
    let forces =
        ["Kent Police", "Durham Constabulary", "Dorset Police", "Gwent Police", "Essex Police", "Suffolk Constabulary"];
    let children: Vec<_> = forces
        .iter()
        .enumerate()
        .map(|(i, force)| {
            let file = downloads.path().join(format!("response-{i}.txt"));
            fs::write(&file, response(force)).unwrap();
            std::process::Command::new(env!("CARGO_BIN_EXE_echoes"))
                .arg("--corpus")
                .arg(corpus.path())
                .arg("--index")
                .arg(index.path())
                .args(["add", file.to_str().unwrap(), "--force", force, "--date", &format!("2021-0{}", i + 1)])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect::<Vec<_>>();
    // All six run at once; only now are they waited for.
    let children: Vec<_> = children.into_iter().map(|c| c.wait_with_output().unwrap()).collect();
    for (out, force) in children.iter().zip(forces) {
        assert!(out.status.success(), "{force}: {}", String::from_utf8_lossy(&out.stderr));
    }
    let manifest = fs::read_to_string(corpus.path().join("manifest.toml")).unwrap();
    assert!(manifest.starts_with("# kept by hand"), "{manifest}");
    let parsed: toml::Table = manifest.parse().unwrap();
    let entries = parsed["document"].as_array().unwrap();
    assert_eq!(entries.len(), 7, "{manifest}");
    for (i, force) in forces.iter().enumerate() {
        let entry = entries
            .iter()
            .find(|e| e["force"].as_str() == Some(force))
            .unwrap_or_else(|| panic!("{force}: {manifest}"));
        assert_eq!(entry["date"].as_str(), Some(format!("2021-0{}", i + 1).as_str()));
        assert!(corpus.path().join(entry["path"].as_str().unwrap()).exists());
    }
    let docs = echoes(corpus.path(), index.path(), &["docs", "--format", "json"]);
    assert_eq!(docs.json().as_array().unwrap().len(), 8, "{}", docs.stderr);
    assert!(!docs.stderr.contains("built the index"), "the adds left the index current: {}", docs.stderr);
}

#[test]
fn add_is_all_or_nothing() {
    let (corpus, index) = small_corpus();
    let before = visible_files(corpus.path());
    let manifest_before = fs::read_to_string(corpus.path().join("manifest.toml")).unwrap();
    let downloads = tempfile::tempdir().unwrap();
    let anon = downloads.path().join("anon.txt");
    fs::write(&anon, response("Durham Constabulary")).unwrap();
    let run = echoes(
        corpus.path(),
        index.path(),
        &["add", anon.to_str().unwrap(), "/nonexistent/file.txt", "--force", "Durham Constabulary"],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("/nonexistent/file.txt: cannot be read"), "{}", run.stderr);
    assert!(run.stderr.contains("nothing was added"), "{}", run.stderr);
    assert_eq!(visible_files(corpus.path()), before, "no file copied");
    assert_eq!(fs::read_to_string(corpus.path().join("manifest.toml")).unwrap(), manifest_before);
    // Not half-added: the same file can still be added, with its force.
    let again = echoes(corpus.path(), index.path(), &["add", anon.to_str().unwrap(), "--force", "Durham Constabulary"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(fs::read_to_string(corpus.path().join("manifest.toml"))
        .unwrap()
        .contains("force = \"Durham Constabulary\""));
}

#[test]
fn add_waits_for_a_build_in_progress_instead_of_half_adding() {
    let (corpus, index) = small_corpus();
    let lock =
        fs::OpenOptions::new().write(true).create(true).truncate(false).open(index.path().join(".lock")).unwrap();
    lock.lock().unwrap();
    let downloads = tempfile::tempdir().unwrap();
    let file = downloads.path().join("kent.txt");
    fs::write(&file, response("Kent Police")).unwrap();
    let releaser = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(800));
        drop(lock);
    });
    let run = echoes(corpus.path(), index.path(), &["add", file.to_str().unwrap(), "--force", "Kent Police"]);
    releaser.join().unwrap();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("added kent-police.txt (Kent Police"), "{}", run.stdout);
    let hits =
        echoes(corpus.path(), index.path(), &["search", "\"reviewed its procedures\"", "--format", "json"]).json();
    assert_eq!(hits[0]["force"], "Kent Police");
}

#[test]
fn add_refuses_configuration_names_and_kinds_it_cannot_read() {
    let (corpus, index) = small_corpus();
    let before = visible_files(corpus.path());
    let recs_before = fs::read(corpus.path().join("recommendations.toml")).unwrap();
    let downloads = tempfile::tempdir().unwrap();
    for (name, said) in [
        ("recommendations.toml", "has the name of the corpus's own configuration"),
        ("Manifest.TOML", "has the name of the corpus's own configuration"),
        ("notes.md", "not a format echoes reads"),
    ] {
        let file = downloads.path().join(name);
        fs::write(&file, "[[recommendation]]\nnumber = 1\naddressee = \"x\"\ntext = \"x\"\n").unwrap();
        let run = echoes(corpus.path(), index.path(), &["add", file.to_str().unwrap()]);
        assert_eq!(run.code, 2, "{name}: {}", run.stdout);
        assert!(run.stderr.contains(said), "{name}: {}", run.stderr);
        assert_eq!(visible_files(corpus.path()), before, "{name}");
    }
    assert_eq!(fs::read(corpus.path().join("recommendations.toml")).unwrap(), recs_before);
    assert_eq!(echoes(corpus.path(), index.path(), &["docs"]).code, 0);
}

#[test]
fn a_manifest_in_another_encoding_is_decoded_and_an_unreadable_one_is_an_error() {
    let (corpus, index) = small_corpus();
    let manifest = corpus.path().join("manifest.toml");
    // Windows-1252: "Hampshire Constabulary – PCC" with an en dash (0x96).
    fs::write(&manifest, b"[[document]]\npath = \"hampshire-2021-12.txt\"\nforce = \"Hampshire \x96 PCC\"\n").unwrap();
    let run = echoes(corpus.path(), index.path(), &["docs", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("manifest.toml: not UTF-8, decoded as windows-1252"), "{}", run.stderr);
    let docs = run.json();
    assert!(docs.as_array().unwrap().iter().any(|d| d["force"] == "Hampshire \u{2013} PCC"), "{docs}");

    // A manifest that cannot be read at all (here a folder of that name) stops echoes in one line.
    fs::remove_file(&manifest).unwrap();
    fs::create_dir(&manifest).unwrap();
    let run = echoes(corpus.path(), index.path(), &["docs"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(run.stderr.contains("cannot read") && run.stderr.contains("manifest.toml"), "{}", run.stderr);
}

#[test]
fn an_add_that_fails_puts_the_manifest_back_byte_for_byte() {
    let (corpus, _index) = small_corpus();
    let manifest = corpus.path().join("manifest.toml");
    // Windows-1252, as a spreadsheet-minded user may save it: an en dash (0x96).
    let before: &[u8] =
        b"# kept by hand\n[[document]]\npath = \"hampshire-2021-12.txt\"\nforce = \"Hampshire \x96 PCC\"\n";
    fs::write(&manifest, before).unwrap();
    let files_before = visible_files(corpus.path());
    let downloads = tempfile::tempdir().unwrap();
    let file = downloads.path().join("kent.txt");
    fs::write(&file, response("Kent Police")).unwrap();
    // The index step fails: --index names a file, not a directory.
    let not_a_dir = downloads.path().join("not-a-directory");
    fs::write(&not_a_dir, "mine").unwrap();
    let run = echoes(corpus.path(), &not_a_dir, &["add", file.to_str().unwrap(), "--force", "Kent Police"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(run.stderr.contains("nothing was added"), "{}", run.stderr);
    assert_eq!(fs::read(&manifest).unwrap(), before, "the manifest as the user had it");
    assert_eq!(visible_files(corpus.path()), files_before);
    assert_eq!(fs::read_to_string(&not_a_dir).unwrap(), "mine");
}
