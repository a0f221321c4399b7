//! End-to-end benchmark: commands as a user types them, timed from process start to exit, side by
//! side in one run with ripgrep over the raw files, on synthetic corpora of 10k to 1M paragraphs.
//!
//!     cargo bench --bench end_to_end -- [--sizes 10000,100000,1000000] [--seed 1] [--runs 5] [--work DIR]
//!
//! For each size: `echoes search` (a phrase) against `rg -l -F` for the same phrase, `docs` and
//! `show DOC`, each on a fresh index and warm page cache (median of `--runs`); `reuse` cold (with no
//! stored findings: it compares and stores them; the stored ones are removed before each run) and
//! warm (reading the stored findings); and
//! `serve`'s time from start to its first answered search. Writes its table into BENCHMARKS.md
//! between its own markers, after the sections of the scale runner, which it leaves as they are.
//! Needs ripgrep (`rg`): it installs nothing, and says so when it is missing.

use std::fs;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

mod common;

const ECHOES: &str = env!("CARGO_BIN_EXE_echoes");
const SYNTH: &str = env!("CARGO_BIN_EXE_echoes-synth");
const BEGIN: &str = "<!-- end-to-end: begin -->";
const END: &str = "<!-- end-to-end: end -->";
const KEPT_SECTIONS: &str = "<!-- sections below are written by other runners and kept -->";
/// The phrase searched, present in every synthetic corpus.
const PHRASE: &str = "domestic abuse";

/// Runs a command to its end; its wall time. Output is discarded; failure stops the runner.
fn time(cmd: &mut Command) -> Duration {
    let start = Instant::now();
    let status = cmd.stdout(Stdio::null()).stderr(Stdio::null()).status().expect("the command runs");
    let took = start.elapsed();
    assert!(status.success() || status.code() == Some(1), "{cmd:?} failed: {status}");
    took
}

/// Median of `runs` timings, after one untimed run (warm cache).
fn median(runs: usize, mut make: impl FnMut() -> Command) -> Duration {
    time(&mut make());
    let mut t: Vec<Duration> = (0..runs.max(1)).map(|_| time(&mut make())).collect();
    t.sort();
    t[t.len() / 2]
}

/// [`median`] of runs with no stored results: before each (untimed), the results that earlier
/// runs stored with the index build are removed.
fn cold_median(runs: usize, index: &Path, mut make: impl FnMut() -> Command) -> Duration {
    let forget = || {
        for entry in fs::read_dir(index.join("current")).unwrap().flatten() {
            if entry.file_name().to_string_lossy().starts_with("stored-") {
                fs::remove_file(entry.path()).unwrap();
            }
        }
    };
    median(runs, || {
        forget();
        make()
    })
}

fn echoes(corpus: &Path, index: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(ECHOES);
    c.arg("--corpus").arg(corpus).arg("--index").arg(index).args(args);
    c
}

/// Starts `serve` and times until a search over HTTP is answered 200.
fn first_answer(corpus: &Path, index: &Path) -> Duration {
    let start = Instant::now();
    let mut child = echoes(corpus, index, &["serve", "--port", "0"]).stdout(Stdio::piped()).spawn().unwrap();
    let mut out = child.stdout.take().unwrap();
    let mut line = Vec::new();
    let mut byte = [0u8; 1];
    while out.read(&mut byte).unwrap_or(0) == 1 && byte[0] != b'\n' {
        line.push(byte[0]);
    }
    let line = String::from_utf8_lossy(&line).into_owned();
    let addr = line.split("http://").nth(1).and_then(|r| r.split('/').next()).expect("serve prints its address");
    let took = loop {
        let answered = TcpStream::connect(addr).ok().and_then(|mut s| {
            write!(s, "GET /api/search?q=victims&limit=1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").ok()?;
            let mut head = [0u8; 12];
            s.read_exact(&mut head).ok()?;
            Some(head.starts_with(b"HTTP/1.1 200"))
        });
        if answered == Some(true) {
            break start.elapsed();
        }
        assert!(start.elapsed() < Duration::from_secs(600), "serve never answered");
        std::thread::sleep(Duration::from_millis(5));
    };
    let _ = child.kill();
    let _ = child.wait();
    took
}

struct Row {
    size: usize,
    search: Duration,
    /// The same search with `--no-refresh` (no look at the corpus).
    frozen: Duration,
    rg: Duration,
    docs: Duration,
    show: Duration,
    reuse_cold: Duration,
    reuse_warm: Duration,
    serve: Duration,
}

fn ms(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1000.0;
    if ms >= 1000.0 {
        format!("{:.2} s", ms / 1000.0)
    } else {
        format!("{ms:.0} ms")
    }
}

fn render(rows: &[Row], runs: usize, seed: u64) -> String {
    let mut s = format!(
        "{BEGIN}\n## End to end, as a user types the commands\n\n- command: `cargo bench --bench end_to_end -- --sizes {} --seed {seed} --runs {runs}`\n- each figure: process start to exit, median of {runs} runs after one untimed run (warm page cache, fresh index); `rg` is `rg -l -F '{PHRASE}'` over the raw corpus files in the same run\n\n| paragraphs | `search '\"{PHRASE}\"'` | the same, `--no-refresh` | `rg -l -F` | ratio rg / echoes (/ `--no-refresh`) | `docs` | `show DOC` | `reuse` cold | `reuse` warm | `serve`: first answer |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n",
        rows.iter().map(|r| r.size.to_string()).collect::<Vec<_>>().join(",")
    );
    for r in rows {
        s.push_str(&format!(
            "| {} | {} | {} | {} | {:.1} × ({:.1} ×) | {} | {} | {} | {} | {} |\n",
            r.size,
            ms(r.search),
            ms(r.frozen),
            ms(r.rg),
            r.rg.as_secs_f64() / r.search.as_secs_f64(),
            r.rg.as_secs_f64() / r.frozen.as_secs_f64(),
            ms(r.docs),
            ms(r.show),
            ms(r.reuse_cold),
            ms(r.reuse_warm),
            ms(r.serve)
        ));
    }
    s.push_str(&format!("\n{END}\n"));
    s
}

/// Puts `section` in place of the one between the markers, or after the scale runner's sections.
fn write_section(section: &str) {
    let old = fs::read_to_string("BENCHMARKS.md").unwrap_or_default();
    let new = match (old.find(BEGIN), old.find(END)) {
        (Some(a), Some(b)) if b > a => format!("{}{}{}", &old[..a], section.trim_end(), &old[b + END.len()..]),
        _ if old.contains(KEPT_SECTIONS) => format!("{}\n{}", old.trim_end(), section),
        _ => format!("{old}\n{KEPT_SECTIONS}\n{section}"),
    };
    fs::write("BENCHMARKS.md", new).unwrap();
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let common::Options { sizes, seed, work } = common::Options::parse(&args, "target/bench-e2e");
    let runs: usize = common::value(&args, "--runs").map_or(5, |s| s.parse().expect("--runs takes a number"));
    let has_rg = Command::new("rg").arg("--version").stdout(Stdio::null()).status().is_ok_and(|s| s.success());
    if !has_rg {
        eprintln!("bench: missing prerequisite; nothing was run:\n  - ripgrep (`rg`): apt-get install ripgrep");
        std::process::exit(2);
    }
    let mut rows = Vec::new();
    for &size in &sizes {
        eprintln!("bench: {size} paragraphs");
        let dir = work.join(format!("n{size}"));
        common::synth_corpus(SYNTH, &dir, size, seed);
        let corpus = dir.join("corpus");
        let index = dir.join("index");
        time(&mut echoes(&corpus, &index, &["index"]));
        let quoted = format!("\"{PHRASE}\"");
        let search = median(runs, || echoes(&corpus, &index, &["search", &quoted, "--limit", "10"]));
        let frozen = median(runs, || echoes(&corpus, &index, &["--no-refresh", "search", &quoted, "--limit", "10"]));
        let rg = median(runs, || {
            let mut c = Command::new("rg");
            c.args(["-l", "-F", PHRASE]).arg(&corpus);
            c
        });
        let docs = median(runs, || echoes(&corpus, &index, &["docs"]));
        let first_doc = fs::read_dir(&corpus)
            .unwrap()
            .filter_map(|e| e.ok()?.path().file_stem().map(|s| s.to_string_lossy().into_owned()))
            .filter(|s| s != "manifest" && s != "recommendations")
            .min()
            .unwrap();
        let show = median(runs, || echoes(&corpus, &index, &["show", &first_doc]));
        let reuse_cold = cold_median(runs, &index, || echoes(&corpus, &index, &["reuse", "--limit", "10"]));
        let reuse_warm = median(runs, || echoes(&corpus, &index, &["reuse", "--limit", "10"]));
        let serve = first_answer(&corpus, &index);
        eprintln!(
            "bench: {size}: search {} (--no-refresh {}, rg {}), docs {}, show {}, reuse {} / {}, serve {}",
            ms(search),
            ms(frozen),
            ms(rg),
            ms(docs),
            ms(show),
            ms(reuse_cold),
            ms(reuse_warm),
            ms(serve)
        );
        rows.push(Row { size, search, frozen, rg, docs, show, reuse_cold, reuse_warm, serve });
    }
    let section = render(&rows, runs, seed);
    println!("{section}");
    write_section(&section);
    eprintln!("bench: wrote the end-to-end section of BENCHMARKS.md");
}
