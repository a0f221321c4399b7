//! Browser tests: the report and the web interface in headless Chromium (Debian's `chromium`,
//! driven by playwright-core from `tests/browser`), on the bundled corpus plus documents full of
//! hostile markup. Screenshots of each page go to `target/browser-screenshots/`.
//!
//! Ignored by a plain `cargo test`; `cargo test -- --include-ignored` runs it (as `.ci/run` does,
//! after installing Chromium and playwright-core), and there a missing browser is a failure.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::common::bundled_corpus;

const KENT: &str = "Kent Police response to the Safe to share? report
Recommendation 1. To chief constables
Force response
Kent Police will review its guidance <script>window.__pwned=1</script> and publish the outcome of the review with its partners before the end of the year, as agreed with the local domestic abuse forum.
<img src=x onerror=\"window.__pwned=2\"> Kent Police pwned test paragraph with an image tag.
See <a href=\"javascript:window.__pwned=3\">our page</a> for the pwned details.
";

const ESSEX: &str = "Essex Police response to the Safe to share? report
Recommendation 1. To chief constables
Force response
Essex Police will review its guidance <script>window.__pwned=1</script> and publish the outcome of the review with its partners before the end of the year, as agreed with the local domestic abuse forum.
";

#[test]
#[ignore = "needs Chromium and playwright-core (.ci/run installs them)"]
fn report_and_web_interface_in_a_real_browser() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let driver = root.join("tests/browser/node_modules/playwright-core");
    if !Path::new(&chromium).exists() || !driver.exists() {
        let missing = "Chromium (apt-get install chromium) or playwright-core (npm ci in tests/browser)";
        panic!("browser tests need {missing}; .ci/run installs them");
    }

    let work = tempfile::tempdir().unwrap();
    let corpus = work.path().join("corpus");
    fs::create_dir(&corpus).unwrap();
    for entry in fs::read_dir(bundled_corpus()).unwrap() {
        let path = entry.unwrap().path();
        fs::copy(&path, corpus.join(path.file_name().unwrap())).unwrap();
    }
    fs::write(corpus.join("kent-xss.txt"), KENT).unwrap();
    fs::write(corpus.join("essex-xss.txt"), ESSEX).unwrap();
    let shots = root.join("target/browser-screenshots");

    let out = Command::new("node")
        .arg(root.join("tests/browser/check.mjs"))
        .arg(env!("CARGO_BIN_EXE_echoes"))
        .arg(&corpus)
        .arg(work.path())
        .arg(&shots)
        .env("CHROMIUM", &chromium)
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    println!("{stdout}");
    eprintln!("{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "browser checks failed:\n{stdout}");
    assert!(stdout.contains(" passed, 0 failed"), "{stdout}");
    for shot in ["report.png", "report-phone.png", "search.png", "paragraph.png", "reuse.png"] {
        assert!(shots.join(shot).exists(), "no screenshot {shot}");
    }
}
