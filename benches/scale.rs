//! Scale benchmark: synthetic corpora of 10k to 1M paragraphs, each comparison run side by side in
//! the same invocation. Prints one table and writes BENCHMARKS.md.
//!
//!     cargo bench --bench scale -- [--sizes 10000,100000,1000000] [--seed 1] [--work DIR] [--no-python]
//!
//! - index build: `echoes index` against bare tantivy indexing the same paragraphs (one text field,
//!   default tokenizer, same writer settings), both as child processes (wall time, peak memory);
//! - search: 100 phrase and boolean queries on a warm index, in process, against `rg` counting the
//!   same phrases over the raw corpus files;
//! - reuse: `echoes reuse` and `reuse --within` (wall time, peak memory, precision, recall and F1
//!   per kind of planted copy), against datasketch's MinHashLSH (Python) at 10k and 100k, and a
//!   plain all-pairs strsim baseline at 10k.
//!
//! The runner installs nothing: it checks for ripgrep, GNU time and datasketch first, and says what
//! is missing (`ECHOES_BENCH_PYTHON` names a Python with datasketch, such as a virtual environment's).

use std::collections::HashSet;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use echoes::model::{Paragraph, Role};
use echoes::quote::{Quoter, QUOTE_NGRAM};
use echoes::reuse::units::{unit, Vocabulary};
use echoes::search::{self, Filters, SearchOptions, DEFAULT_ROLES};
use echoes::synth::{self, At, Plant, Reported, Score};
use rand::{Rng, SeedableRng};

mod common;

const ECHOES: &str = env!("CARGO_BIN_EXE_echoes");
const SYNTH: &str = env!("CARGO_BIN_EXE_echoes-synth");
/// Where the sections of BENCHMARKS.md that other runners write begin (`benches/shapes.sh`).
const KEPT_SECTIONS: &str = "<!-- sections below are written by other runners and kept -->";

/// Wall time and peak resident memory of a child process.
struct Measured {
    secs: f64,
    peak_mb: f64,
    stdout: String,
}

/// Runs a command under GNU time for its peak memory.
fn measure(cmd: &mut Command) -> Measured {
    let time_file = std::env::temp_dir().join(format!("echoes-bench-time-{}", std::process::id()));
    let program = cmd.get_program().to_owned();
    let args: Vec<_> = cmd.get_args().map(|a| a.to_owned()).collect();
    let start = Instant::now();
    let out = Command::new("/usr/bin/time")
        .arg("-f")
        .arg("%M")
        .arg("-o")
        .arg(&time_file)
        .arg(&program)
        .args(&args)
        .stderr(Stdio::inherit())
        .output()
        .expect("GNU time runs");
    let secs = start.elapsed().as_secs_f64();
    assert!(out.status.success(), "{program:?} {args:?} failed");
    let kb: f64 =
        fs::read_to_string(&time_file).ok().and_then(|s| s.trim().lines().last()?.parse().ok()).unwrap_or(0.0);
    Measured { secs, peak_mb: kb / 1024.0, stdout: String::from_utf8_lossy(&out.stdout).into_owned() }
}

/// The bare tantivy baseline: one stored text field with the default tokenizer, a document per
/// non-empty line of every corpus file, the same writer memory as echoes.
fn baseline_index(corpus: &Path, index: &Path) {
    use tantivy::schema::{Schema, STORED, TEXT};
    let mut b = Schema::builder();
    let text = b.add_text_field("text", TEXT | STORED);
    fs::create_dir_all(index).unwrap();
    let idx = tantivy::Index::create_in_dir(index, b.build()).unwrap();
    let mut writer: tantivy::IndexWriter = idx.writer(echoes::index::WRITER_MEMORY).unwrap();
    let mut files: Vec<PathBuf> = fs::read_dir(corpus).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    for f in files.iter().filter(|f| f.extension().is_some_and(|e| e == "txt")) {
        for line in fs::read_to_string(f).unwrap().lines().filter(|l| !l.trim().is_empty()) {
            writer.add_document(tantivy::doc!(text => line)).unwrap();
        }
    }
    writer.commit().unwrap();
    writer.wait_merging_threads().unwrap();
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

/// 100 queries drawn from the corpus's response paragraphs: 60 phrases of two or three words, 40
/// boolean ORs of two words. Returns (tantivy query, rg patterns).
fn queries(paragraphs: &[Paragraph], seed: u64) -> Vec<(String, Vec<String>)> {
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    let responses: Vec<&Paragraph> = paragraphs.iter().filter(|p| p.role == Role::Response).collect();
    let mut out = Vec::new();
    while out.len() < 100 {
        let p = responses[rng.random_range(0..responses.len())];
        let words: Vec<&str> = p
            .text
            .split_whitespace()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            .filter(|w| w.len() > 3)
            .collect();
        if words.len() < 4 {
            continue;
        }
        let i = rng.random_range(0..words.len() - 3);
        if out.len() < 60 {
            let n = rng.random_range(2..=3);
            let phrase = words[i..i + n].join(" ");
            if p.text.contains(&phrase) {
                out.push((format!("\"{phrase}\""), vec![phrase]));
            }
        } else {
            let (a, b) = (words[i], words[i + 2]);
            out.push((format!("{a} OR {b}"), vec![a.to_string(), b.to_string()]));
        }
    }
    out
}

struct SearchResult {
    p50: f64,
    p99: f64,
    rg_p50: f64,
    rg_p99: f64,
}

fn bench_search(index: &Path, corpus: &Path, seed: u64) -> SearchResult {
    let opened = echoes::index::open(index).unwrap();
    let qs = queries(&opened.all_paragraphs().unwrap(), seed);
    let opts = |q: &str| SearchOptions {
        query: q.to_string(),
        filters: Filters { roles: DEFAULT_ROLES.to_vec(), ..Filters::default() },
        limit: Some(10),
        ..SearchOptions::default()
    };
    for (q, _) in &qs {
        search::search(&opened, &opts(q)).unwrap();
    }
    let mut times: Vec<Duration> = qs
        .iter()
        .map(|(q, _)| {
            let t = Instant::now();
            search::search(&opened, &opts(q)).unwrap();
            t.elapsed()
        })
        .collect();
    times.sort();
    let mut rg: Vec<Duration> = qs
        .iter()
        .map(|(_, patterns)| {
            let mut cmd = Command::new("rg");
            cmd.args(["--count-matches", "--fixed-strings", "--ignore-case"]);
            for p in patterns {
                cmd.arg("-e").arg(p);
            }
            cmd.arg(corpus).stdout(Stdio::null());
            let t = Instant::now();
            cmd.status().expect("rg runs");
            t.elapsed()
        })
        .collect();
    rg.sort();
    SearchResult {
        p50: percentile(&times, 0.5),
        p99: percentile(&times, 0.99),
        rg_p50: percentile(&rg, 0.5),
        rg_p99: percentile(&rg, 0.99),
    }
}

fn at(p: &serde_json::Value) -> At {
    At { doc: p["doc"].as_str().unwrap().to_string(), line: p["line"].as_u64().unwrap() as u32 }
}

fn reported_of(json: &str) -> Vec<Reported> {
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .map(|f| Reported { a: at(&f["a"]), b: at(&f["b"]), kind: f["kind"].as_str().unwrap_or("").to_string() })
        .collect()
}

/// Scores of a method that does not classify copies: overall precision, recall per kind.
fn unclassified(truth: &[synth::Truth], reported: &[Reported]) -> Vec<Score> {
    let key = |a: &At, b: &At| if a <= b { (a.clone(), b.clone()) } else { (b.clone(), a.clone()) };
    let planted: HashSet<(At, At)> = truth.iter().map(|t| key(&t.a, &t.b)).collect();
    let got: HashSet<(At, At)> = reported.iter().map(|r| key(&r.a, &r.b)).collect();
    let tp = got.intersection(&planted).count();
    let precision = if got.is_empty() { 1.0 } else { tp as f64 / got.len() as f64 };
    Plant::ALL
        .iter()
        .map(|&plant| {
            let of: Vec<(At, At)> = truth.iter().filter(|t| t.plant == plant).map(|t| key(&t.a, &t.b)).collect();
            let found = of.iter().filter(|k| got.contains(*k)).count();
            let recall = if of.is_empty() { 1.0 } else { found as f64 / of.len() as f64 };
            let f1 = if precision + recall == 0.0 { 0.0 } else { 2.0 * precision * recall / (precision + recall) };
            Score { plant, planted: of.len(), found, false_positives: got.len() - tp, precision, recall, f1 }
        })
        .collect()
}

/// All pairs of response paragraphs of different bodies compared with strsim over their words;
/// a pair is reported when its normalized similarity reaches `threshold`.
fn all_pairs_strsim(index: &Path, threshold: f64) -> (f64, Vec<Reported>) {
    let opened = echoes::index::open(index).unwrap();
    let quoter = Quoter::of_reports(&opened.meta.reports);
    let start = Instant::now();
    let mut vocab = Vocabulary::default();
    let units: Vec<_> = opened
        .all_paragraphs()
        .unwrap()
        .into_iter()
        .filter(|p| p.role == Role::Response)
        .map(|p| unit(p, &quoter, &mut vocab))
        .collect();
    let ids: Vec<Vec<u32>> = units.iter().map(|u| u.own_ids()).collect();
    let mut out = Vec::new();
    for i in 0..units.len() {
        for j in i + 1..units.len() {
            let (a, b) = (&ids[i], &ids[j]);
            let longer = a.len().max(b.len()).max(1);
            // Lengths alone rule out most pairs: the edit distance is at least their difference.
            if (a.len().abs_diff(b.len()) as f64) / longer as f64 > 1.0 - threshold || units[i].body == units[j].body {
                continue;
            }
            let sim = 1.0 - strsim::generic_levenshtein(a, b) as f64 / longer as f64;
            if sim >= threshold {
                let p = |u: &echoes::reuse::units::Unit| At { doc: u.paragraph.doc.clone(), line: u.paragraph.line };
                out.push(Reported { a: p(&units[i]), b: p(&units[j]), kind: String::new() });
            }
        }
    }
    (start.elapsed().as_secs_f64(), out)
}

/// Whether a program runs with these arguments.
fn runs(program: &str, args: &[&str]) -> bool {
    Command::new(program).args(args).stdout(Stdio::null()).stderr(Stdio::null()).status().is_ok_and(|s| s.success())
}

/// Checks what the runner needs, installing nothing: ripgrep, GNU time and, unless `--no-python`,
/// a Python with datasketch (`$ECHOES_BENCH_PYTHON`, else `python3`). Says everything that is
/// missing and how to get it, then stops; returns the Python to use.
fn check_prerequisites(python: bool) -> Option<PathBuf> {
    let mut missing = Vec::new();
    if !runs("rg", &["--version"]) {
        missing.push("ripgrep (`rg`), for the search comparison: apt-get install ripgrep");
    }
    if !runs("/usr/bin/time", &["-f", "%M", "true"]) {
        missing.push("GNU time (`/usr/bin/time`), for peak memory: apt-get install time");
    }
    let interpreter = std::env::var("ECHOES_BENCH_PYTHON").unwrap_or_else(|_| "python3".into());
    if python && !runs(&interpreter, &["-c", "import datasketch"]) {
        missing.push(
            "datasketch, for the MinHashLSH comparison: python3 -m pip install datasketch==1.6.5 (in a \
             virtual environment, named by ECHOES_BENCH_PYTHON=/path/to/python), or pass --no-python",
        );
    }
    if !missing.is_empty() {
        eprintln!("bench: missing prerequisites; nothing was run:");
        for m in &missing {
            eprintln!("  - {m}");
        }
        std::process::exit(2);
    }
    python.then(|| PathBuf::from(interpreter))
}

/// Exports the response paragraphs and runs MinHashLSH over them at `threshold`.
fn datasketch(
    python: &Path,
    index: &Path,
    corpus: &Path,
    work: &Path,
    threshold: f64,
    min_words: usize,
) -> (Measured, Vec<Reported>) {
    let export = work.join("paragraphs.ndjson");
    let out = Command::new(ECHOES)
        .arg("--corpus")
        .arg(corpus)
        .arg("--index")
        .arg(index)
        .args(["export", "--out"])
        .arg(&export)
        .status()
        .unwrap();
    assert!(out.success());
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/minhash_lsh.py");
    let m =
        measure(Command::new(python).arg(script).arg(&export).arg(threshold.to_string()).arg(min_words.to_string()));
    let reported = reported_of(&m.stdout);
    (m, reported)
}

struct Row {
    size: usize,
    paragraphs: usize,
    index: Measured,
    baseline: Measured,
    search: SearchResult,
    reuse: Measured,
    scores: Vec<Score>,
    within: Vec<Score>,
    /// MinHashLSH on every response paragraph, and on those of at least `--min-words` words.
    minhash: Vec<(&'static str, Measured, Vec<Score>)>,
    strsim: Option<(f64, Vec<Score>)>,
    /// Findings that are not planted copies and join two paragraphs that both quote the report.
    quoted_findings: usize,
}

/// Counts the findings of `json` that no planted pair explains and whose two paragraphs both
/// quote the report: copying made of quotation.
fn quoted_findings(truth: &[synth::Truth], json: &str, quoter: &Quoter) -> usize {
    let key = |a: At, b: At| if a <= b { (a, b) } else { (b, a) };
    let planted: HashSet<(At, At)> = truth.iter().map(|t| key(t.a.clone(), t.b.clone())).collect();
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    let quotes = |p: &serde_json::Value| quoter.coverage(p["text"].as_str().unwrap_or("")).share > 0.0;
    v.as_array()
        .unwrap()
        .iter()
        .filter(|f| !planted.contains(&key(at(&f["a"]), at(&f["b"]))) && quotes(&f["a"]) && quotes(&f["b"]))
        .count()
}

fn f1_of(scores: &[Score], plant: Plant) -> f64 {
    scores.iter().find(|s| s.plant == plant).map_or(f64::NAN, |s| s.f1)
}

fn recall_of(scores: &[Score], plant: Plant) -> f64 {
    scores.iter().find(|s| s.plant == plant).map_or(f64::NAN, |s| s.recall)
}

fn machine() -> String {
    let cpu = fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let mem = fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|s| s.lines().next().and_then(|l| l.split_whitespace().nth(1)).and_then(|k| k.parse::<f64>().ok()))
        .map_or("?".into(), |kb| format!("{:.0} GiB", kb / 1024.0 / 1024.0));
    format!("{cpu}, {cores} cores, {mem} RAM, {} {}", std::env::consts::OS, std::env::consts::ARCH)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--baseline-index") {
        baseline_index(Path::new(&args[1]), Path::new(&args[2]));
        return;
    }
    let common::Options { sizes, seed, work } = common::Options::parse(&args, "target/bench");
    let python = !args.iter().any(|a| a == "--no-python");
    fs::create_dir_all(&work).unwrap();
    let venv = check_prerequisites(python);

    let mut rows = Vec::new();
    for &size in &sizes {
        eprintln!("bench: {size} paragraphs");
        let dir = work.join(format!("synth-{size}"));
        let out = common::synth_corpus(SYNTH, &dir, size, seed);
        let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let corpus = dir.join("corpus");
        let index = dir.join("index");
        let echoes = |extra: &[&str]| {
            let mut c = Command::new(ECHOES);
            c.arg("--corpus").arg(&corpus).arg("--index").arg(&index).args(extra);
            c
        };
        let index_run = measure(&mut echoes(&["index"]));
        let baseline = measure(
            Command::new(std::env::current_exe().unwrap())
                .arg("--baseline-index")
                .arg(&corpus)
                .arg(dir.join("baseline-index")),
        );
        let search = bench_search(&index, &corpus, seed);
        let reuse = measure(&mut echoes(&["reuse", "--format", "json"]));
        let within = measure(&mut echoes(&["reuse", "--within", "--format", "json"]));
        let truth = synth::read_truth(&dir.join("truth.jsonl")).unwrap();
        let scores = synth::evaluate(&truth, &reported_of(&reuse.stdout), false);
        let within_scores = synth::evaluate(&truth, &reported_of(&within.stdout), true);
        let between: Vec<synth::Truth> = truth.iter().filter(|t| !t.within).cloned().collect();
        let quoter = Quoter::new(&echoes::corpus::bundled_recommendations().items, QUOTE_NGRAM);
        let quoted_findings =
            quoted_findings(&truth, &reuse.stdout, &quoter) + quoted_findings(&truth, &within.stdout, &quoter);
        let variants = [("", 0), (", ≥ 8 words", echoes::reuse::DEFAULT_MIN_WORDS)];
        let minhash = venv
            .iter()
            .filter(|_| size <= 100_000)
            .flat_map(|py| variants.iter().map(move |v| (py, v)))
            .map(|(py, &(label, min_words))| {
                let threshold = echoes::reuse::DEFAULT_MIN_SCORE;
                let (m, reported) = datasketch(py, &index, &corpus, &dir, threshold, min_words);
                (label, m, unclassified(&between, &reported))
            })
            .collect();
        let strsim = (size <= 10_000).then(|| {
            let (secs, reported) = all_pairs_strsim(&index, 0.5);
            (secs, unclassified(&between, &reported))
        });
        rows.push(Row {
            size,
            paragraphs: summary["paragraphs"].as_u64().unwrap() as usize,
            index: index_run,
            baseline,
            search,
            reuse,
            scores,
            within: within_scores,
            minhash,
            strsim,
            quoted_findings,
        });
    }
    let mut report = render(&rows, &sizes, seed);
    println!("{report}");
    // Sections other runners write (after this marker) are kept as they are.
    if let Some(kept) =
        fs::read_to_string("BENCHMARKS.md").ok().and_then(|old| old.find(KEPT_SECTIONS).map(|at| old[at..].to_string()))
    {
        report.push('\n');
        report.push_str(&kept);
    }
    fs::write("BENCHMARKS.md", report).unwrap();
    eprintln!("bench: wrote BENCHMARKS.md");
}

/// One line of the reuse quality table: F1 per kind of planted copy, recall for partial passages.
fn quality_row(
    paragraphs: usize,
    method: &str,
    secs: f64,
    peak_mb: Option<f64>,
    scores: &[Score],
    same_force: Option<f64>,
    precision: f64,
) -> String {
    let opt = |x: Option<f64>, digits: usize| x.map_or("-".to_string(), |v| format!("{v:.digits$}"));
    format!(
        "| {paragraphs} | {method} | {secs:.1} | {} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} | {} | {precision:.3} |\n",
        opt(peak_mb, 0),
        f1_of(scores, Plant::Verbatim),
        f1_of(scores, Plant::Edited),
        f1_of(scores, Plant::NameSwapped),
        f1_of(scores, Plant::Family),
        recall_of(scores, Plant::Partial),
        opt(same_force, 3),
    )
}

fn render(rows: &[Row], sizes: &[usize], seed: u64) -> String {
    let mut s = String::new();
    let sizes_arg = sizes.iter().map(usize::to_string).collect::<Vec<_>>().join(",");
    let date = Command::new("date")
        .arg("-u")
        .arg("+%Y-%m-%d %H:%M UTC")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    let _ = writeln!(s, "# Benchmarks\n");
    let _ = writeln!(s, "- machine: {}", machine());
    let _ = writeln!(s, "- date: {date}");
    let _ = writeln!(s, "- command: `cargo bench --bench scale -- --sizes {sizes_arg} --seed {seed}`");
    let _ = writeln!(s, "- corpora: `echoes-synth --paragraphs N --seed {seed}` (43 forces, recommendations 1, 4, 5, 8; planted copies with ground truth)\n");
    let _ = writeln!(s, "| paragraphs | index s | para/s | peak MB | bare tantivy s | para/s | peak MB | throughput ratio | search p50 ms | p99 ms | rg p50 ms | p99 ms | rg/echoes p50 | reuse s | peak MB |");
    let _ = writeln!(s, "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for r in rows {
        let rate = |m: &Measured| r.paragraphs as f64 / m.secs;
        let _ = writeln!(
            s,
            "| {} | {:.1} | {:.0} | {:.0} | {:.1} | {:.0} | {:.0} | {:.2} | {:.2} | {:.2} | {:.1} | {:.1} | {:.0}× | {:.1} | {:.0} |",
            r.paragraphs,
            r.index.secs,
            rate(&r.index),
            r.index.peak_mb,
            r.baseline.secs,
            rate(&r.baseline),
            r.baseline.peak_mb,
            rate(&r.index) / rate(&r.baseline),
            r.search.p50,
            r.search.p99,
            r.search.rg_p50,
            r.search.rg_p99,
            r.search.rg_p50 / r.search.p50,
            r.reuse.secs,
            r.reuse.peak_mb,
        );
    }
    let _ = writeln!(s, "\n## Reuse quality (F1 per kind of planted copy; partial: recall)\n");
    let _ = writeln!(s, "| paragraphs | method | wall s | peak MB | verbatim | edited | name swapped | family | partial recall | same force | precision |");
    let _ = writeln!(s, "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for r in rows {
        let precision = |sc: &[Score]| {
            let found: usize = sc.iter().map(|x| x.found).sum();
            let fp: usize = sc.iter().map(|x| x.false_positives).sum();
            found as f64 / (found + fp).max(1) as f64
        };
        let same_force = Some(f1_of(&r.within, Plant::SameForce));
        let row = quality_row(
            r.paragraphs,
            "echoes reuse",
            r.reuse.secs,
            Some(r.reuse.peak_mb),
            &r.scores,
            same_force,
            precision(&r.scores),
        );
        s.push_str(&row);
        for (label, m, sc) in &r.minhash {
            let method = format!("datasketch MinHashLSH{label}");
            let overall = sc.first().map_or(f64::NAN, |x| x.precision);
            s.push_str(&quality_row(r.paragraphs, &method, m.secs, Some(m.peak_mb), sc, None, overall));
        }
        if let Some((secs, sc)) = &r.strsim {
            let overall = sc.first().map_or(f64::NAN, |x| x.precision);
            s.push_str(&quality_row(r.paragraphs, "all-pairs strsim", *secs, None, sc, None, overall));
        }
    }
    let by = |n: usize| rows.iter().find(|r| r.size == n);
    if let (Some(a), Some(b)) = (by(100_000), by(1_000_000)) {
        let k = (b.reuse.secs / a.reuse.secs).ln() / (b.paragraphs as f64 / a.paragraphs as f64).ln();
        let _ = writeln!(s, "\nReuse growth from 100k to 1M paragraphs: time ∝ n^{k:.2}.");
    }
    if let Some(r) = by(100_000) {
        for (label, m, _) in &r.minhash {
            let _ = writeln!(
                s,
                "\nAt 100k paragraphs echoes reuse is {:.1}× faster than datasketch MinHashLSH{label}.",
                m.secs / r.reuse.secs
            );
        }
    }
    let _ = writeln!(s, "\n## Targets\n");
    let _ = writeln!(s, "| target | measured | met |");
    let _ = writeln!(s, "|---|---|---|");
    let mut check = |name: &str, measured: String, met: bool| {
        let _ = writeln!(s, "| {name} | {measured} | {} |", if met { "yes" } else { "**no**" });
    };
    if let Some(r) = rows.last() {
        let ratio = r.baseline.secs / r.index.secs;
        check(
            "index build ≥ 0.7 × bare tantivy throughput",
            format!("{ratio:.2} × at {} paragraphs", r.paragraphs),
            ratio >= 0.7,
        );
        check(
            "search p50 ≤ 5 ms",
            format!("{:.2} ms at {} paragraphs", r.search.p50, r.paragraphs),
            r.search.p50 <= 5.0,
        );
        let x = r.search.rg_p50 / r.search.p50;
        check("search ≥ 100 × faster than rg (p50)", format!("{x:.0} × at {} paragraphs", r.paragraphs), x >= 100.0);
        check("reuse ≤ 120 s", format!("{:.1} s at {} paragraphs", r.reuse.secs, r.paragraphs), r.reuse.secs <= 120.0);
        check(
            "reuse peak memory ≤ 2 GiB",
            format!("{:.0} MB at {} paragraphs", r.reuse.peak_mb, r.paragraphs),
            r.reuse.peak_mb <= 2048.0,
        );
        let f1 = [Plant::Verbatim, Plant::Edited, Plant::NameSwapped, Plant::Family]
            .iter()
            .map(|p| f1_of(&r.scores, *p))
            .fold(1.0, f64::min);
        check("F1 ≥ 0.98 on verbatim and edited copies", format!("lowest {f1:.3}"), f1 >= 0.98);
        let recall = recall_of(&r.scores, Plant::Partial);
        check("recall ≥ 0.9 on partial passages", format!("{recall:.3}"), recall >= 0.9);
    }
    let quoted: usize = rows.iter().map(|r| r.quoted_findings).sum();
    check(
        "zero findings from quoted recommendation text",
        format!("{quoted} unplanted findings between paragraphs that both quote the report, all sizes"),
        quoted == 0,
    );
    if let (Some(a), Some(b)) = (by(100_000), by(1_000_000)) {
        let k = (b.reuse.secs / a.reuse.secs).ln() / (b.paragraphs as f64 / a.paragraphs as f64).ln();
        check("reuse growth ≤ n^1.2 (100k → 1M)", format!("n^{k:.2}"), k <= 1.2);
    }
    if let Some(r) = by(100_000).filter(|r| !r.minhash.is_empty()) {
        // Against the fastest variant, and the best F1 of any variant.
        let fastest = r.minhash.iter().map(|(_, m, _)| m.secs).fold(f64::INFINITY, f64::min);
        let x = fastest / r.reuse.secs;
        let ours = f1_of(&r.scores, Plant::Verbatim).min(f1_of(&r.scores, Plant::Edited));
        let theirs = r
            .minhash
            .iter()
            .map(|(_, _, sc)| f1_of(sc, Plant::Verbatim).max(f1_of(sc, Plant::Edited)))
            .fold(0.0, f64::max);
        check(
            "≥ 10 × faster than datasketch at 100k, F1 at least as good",
            format!("{x:.0} ×, F1 {ours:.3} vs {theirs:.3}"),
            x >= 10.0 && ours >= theirs,
        );
    }
    let analysis = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/analysis.md");
    if let Ok(text) = fs::read_to_string(analysis) {
        let _ = writeln!(s, "\n{text}");
    }
    s
}
