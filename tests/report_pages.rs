//! The report at scale: a report larger than `--max-mb` keeps its main file within that size and
//! writes the rest as linked pages beside it; every link resolves from disk; echoes rewrites and
//! clears only a folder of pages it made.

use crate::common;

use std::collections::HashMap;
use std::fs;
use std::path::Path;

use crate::common::{bundled_corpus, echoes};

/// `echoes report --out MAIN` with `options`, on the bundled corpus and an index in `dir`.
fn report(dir: &Path, main: &Path, options: &[&str]) -> common::Run {
    let args = [&["report", "--out", main.to_str().unwrap()][..], options].concat();
    echoes(&bundled_corpus(), &dir.join("index"), &args)
}

/// Every `href` of an HTML text, unescaped.
fn hrefs(html: &str) -> Vec<String> {
    html.split("href=\"").skip(1).map(|rest| rest[..rest.find('"').unwrap()].replace("&amp;", "&")).collect()
}

/// Reads the main file and every page, and checks that each link leads to a file that exists
/// and holds the anchor it names.
fn check_links(main: &Path) -> HashMap<String, String> {
    let dir = main.parent().unwrap();
    let folder = dir.join(format!("{}_files", main.file_stem().unwrap().to_str().unwrap()));
    let mut files: HashMap<String, String> = HashMap::new();
    files.insert(main.file_name().unwrap().to_str().unwrap().to_string(), fs::read_to_string(main).unwrap());
    if folder.is_dir() {
        for e in fs::read_dir(&folder).unwrap().flatten() {
            let name = e.file_name().to_str().unwrap().to_string();
            if name.ends_with(".html") {
                files.insert(
                    format!("{}/{name}", folder.file_name().unwrap().to_str().unwrap()),
                    fs::read_to_string(e.path()).unwrap(),
                );
            }
        }
    }
    let mut checked = 0;
    for (name, html) in &files {
        let base = Path::new(name).parent().unwrap();
        for href in hrefs(html) {
            let (file, anchor) = href.split_once('#').unwrap_or((&href, ""));
            let target = if file.is_empty() {
                name.clone()
            } else {
                let joined = base.join(file);
                let mut parts: Vec<&str> = Vec::new();
                for c in joined.components() {
                    match c.as_os_str().to_str().unwrap() {
                        ".." => {
                            parts.pop();
                        }
                        s => parts.push(s),
                    }
                }
                parts.join("/")
            };
            let text = files.get(&target).unwrap_or_else(|| panic!("{name}: link {href} to a missing file {target}"));
            if !anchor.is_empty() {
                assert!(text.contains(&format!("id=\"{anchor}\"")), "{name}: link {href}: no #{anchor} in {target}");
            }
            checked += 1;
        }
    }
    assert!(checked > 20, "only {checked} links");
    files
}

#[test]
fn a_report_over_its_size_is_split_into_linked_pages() {
    let dir = tempfile::tempdir().unwrap();
    let main = dir.path().join("audit.html");
    let run = report(dir.path(), &main, &["--max-mb", "0.04"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("linked pages in"), "{}", run.stdout);
    let size = fs::metadata(&main).unwrap().len();
    assert!(size <= 40_000, "the main file is {size} bytes");
    let files = check_links(&main);
    let main_html = &files["audit.html"];
    assert!(main_html.contains("<section id=\"summary\">") && main_html.contains("<section id=\"coverage\">"));
    assert!(main_html.contains("No answer to recommendation 8"));

    // Every document on exactly one page, each paragraph once; every passage in the main file or
    // on a page, once.
    let pages: Vec<(&String, &String)> = files.iter().filter(|(n, _)| n.starts_with("audit_files/")).collect();
    for doc in [
        "gloucestershire-2021-12",
        "hampshire-2021-12",
        "south-yorkshire-2021-05",
        "unattributed-response",
        "wiltshire-2021-02",
    ] {
        let on: Vec<&&String> = pages
            .iter()
            .filter(|(_, h)| h.contains(&format!("id=\"doc-{}\"", doc.replace('-', "_2d_"))))
            .map(|(n, _)| n)
            .collect();
        assert_eq!(on.len(), 1, "{doc} on {on:?}");
    }
    let all: String = files.values().cloned().collect();
    assert_eq!(all.matches("id=\"p-gloucestershire_2d_2021_2d_12_3a_28\"").count(), 1);
    // The three passages, each on one page (their ids are stable hashes: found, not named).
    let families: Vec<&str> = all.split("id=\"family-").skip(1).map(|rest| rest.split('"').next().unwrap()).collect();
    let mut distinct = families.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), 3, "{families:?}");
    assert_eq!(families.len(), 3, "each family once: {families:?}");
    assert!(pages.iter().any(|(n, _)| n.contains("passages-")), "with 40 kB, some passages go to pages");
    assert!(pages.iter().any(|(n, _)| n.contains("within-")));
    // Pages lead back to the report.
    assert!(pages.iter().all(|(_, h)| h.contains("href=\"../audit.html\"")));

    // A larger budget: one file again, and the folder echoes made is cleared, a user's file in it kept.
    let folder = dir.path().join("audit_files");
    fs::write(folder.join("notes.txt"), "mine").unwrap();
    let run = report(dir.path(), &main, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stdout.contains("linked pages"));
    let left: Vec<String> =
        fs::read_dir(&folder).unwrap().flatten().map(|e| e.file_name().to_str().unwrap().to_string()).collect();
    assert_eq!(left, ["notes.txt"]);
    let one = fs::read_to_string(&main).unwrap();
    assert!(one.contains("id=\"doc-wiltshire_2d_2021_2d_02\"") && !one.contains("audit_files/"));
    check_links(&main);
}

#[test]
fn a_folder_echoes_did_not_make_is_never_written_into() {
    let dir = tempfile::tempdir().unwrap();
    let main = dir.path().join("report.html");
    let folder = dir.path().join("report_files");
    fs::create_dir(&folder).unwrap();
    fs::write(folder.join("documents-1.html"), "a user's own page").unwrap();
    assert_eq!(echoes(&bundled_corpus(), &dir.path().join("index"), &["index"]).code, 0);
    let run = report(dir.path(), &main, &["--max-mb", "0.04"]);
    assert_ne!(run.code, 0);
    assert!(run.stderr.contains("was not written by echoes"), "{}", run.stderr);
    assert_eq!(run.stderr.trim().lines().count(), 1, "{}", run.stderr);
    assert_eq!(fs::read_to_string(folder.join("documents-1.html")).unwrap(), "a user's own page");
    assert!(!main.exists());
    // A report that fits in one file leaves the folder alone.
    let run = report(dir.path(), &main, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(fs::read_to_string(folder.join("documents-1.html")).unwrap(), "a user's own page");

    let bad = report(dir.path(), &main, &["--max-mb", "0"]);
    assert_eq!(bad.code, 2, "{}", bad.stderr);
    assert!(bad.stderr.contains("not a size in megabytes"), "{}", bad.stderr);
}
