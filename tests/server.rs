//! The web interface's API and limits, over plain HTTP/1.1 on loopback (no browser needed).

use crate::common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};

use crate::common::bundled_corpus;
use serde_json::Value;

pub(crate) struct Server {
    child: Child,
    pub(crate) addr: String,
    _index: tempfile::TempDir,
}

impl Server {
    pub(crate) fn start() -> Server {
        Server::start_with(&bundled_corpus(), &[])
    }

    /// Serves `corpus`, with further `serve` options.
    pub(crate) fn start_with(corpus: &std::path::Path, options: &[&str]) -> Server {
        let index = tempfile::tempdir().unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_echoes"))
            .arg("--corpus")
            .arg(corpus)
            .arg("--index")
            .arg(index.path())
            .args(["serve", "--port", "0"])
            .args(options)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // The address is said on stderr, after any word on building the index; the rest of
        // stderr is drained so that the server never waits on it.
        let mut stderr = BufReader::new(child.stderr.take().unwrap());
        let mut line = String::new();
        while stderr.read_line(&mut line).unwrap() > 0 && !line.contains("serving http://") {
            line.clear();
        }
        std::thread::spawn(move || std::io::copy(&mut stderr, &mut std::io::sink()));
        let addr = line
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .unwrap_or_else(|| panic!("no address in {line:?}"))
            .to_string();
        let server = Server { child, addr, _index: index };
        // Search answers at once; the reuse pages once the comparison behind them is gathered.
        let started = std::time::Instant::now();
        while server.request("GET", "/reuse").0 == 503 {
            assert!(started.elapsed().as_secs() < 60, "the reuse pages never became ready");
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        server
    }

    /// Sends one request; returns the status and the body.
    pub(crate) fn request(&self, method: &str, target: &str) -> (u16, String) {
        let mut stream = TcpStream::connect(&self.addr).unwrap();
        write!(stream, "{method} {target} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n", self.addr).unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap();
        let text = String::from_utf8_lossy(&raw).into_owned();
        let status = text.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
        let body = text.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default();
        (status, dechunk(&body))
    }

    /// Sends a request of these head lines (after the request line); returns the status and the
    /// response's head, in lower case.
    fn head(&self, request_line: &str, lines: &[String]) -> (u16, String) {
        let mut stream = TcpStream::connect(&self.addr).unwrap();
        write!(
            stream,
            "{request_line}\r\n{}Connection: close\r\n\r\n",
            lines.iter().map(|l| format!("{l}\r\n")).collect::<String>()
        )
        .unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap();
        let text = String::from_utf8_lossy(&raw).into_owned();
        let status = text.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
        (status, text.split("\r\n\r\n").next().unwrap_or("").to_ascii_lowercase())
    }

    pub(crate) fn json(&self, target: &str) -> Value {
        let (status, body) = self.request("GET", target);
        assert_eq!(status, 200, "{target}: {body}");
        serde_json::from_str(&body).unwrap_or_else(|e| panic!("{target}: {e}: {body}"))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Undoes chunked transfer encoding, if the body uses it.
/// A synthetic corpus (in `corpus/` of the directory) of about `paragraphs` paragraphs.
pub(crate) fn synthetic(paragraphs: usize, seed: u64) -> tempfile::TempDir {
    let work = tempfile::tempdir().unwrap();
    let made = Command::new(env!("CARGO_BIN_EXE_echoes-synth"))
        .args(["--paragraphs", &paragraphs.to_string(), "--seed", &seed.to_string(), "--out"])
        .arg(work.path())
        .output()
        .unwrap();
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    work
}

fn dechunk(body: &str) -> String {
    let mut out = String::new();
    let mut rest = body;
    loop {
        let Some((size, after)) = rest.split_once("\r\n") else { return body.to_string() };
        let Ok(n) = usize::from_str_radix(size.trim(), 16) else { return body.to_string() };
        if n == 0 || after.len() < n {
            return if n == 0 { out } else { body.to_string() };
        }
        out.push_str(&after[..n]);
        rest = after[n..].trim_start_matches("\r\n");
    }
}

#[test]
fn the_api_answers_like_the_cli() {
    let s = Server::start();
    assert!(s.addr.starts_with("127.0.0.1:"), "binds loopback by default: {}", s.addr);

    let hits = s.json("/api/search?q=%22consistent%20national%20position%22&rec=1");
    let forces: Vec<&str> = hits.as_array().unwrap().iter().map(|h| h["force"].as_str().unwrap_or("(null)")).collect();
    // Gloucestershire's response and its covering letter (which names recommendations 1, 4 and 5),
    // and the unattributed PDF's response.
    assert_eq!(forces.len(), 3, "{hits}");
    assert!(forces.contains(&"Gloucestershire Constabulary") && forces.contains(&"(null)"));
    for field in ["id", "doc", "path", "recommendation", "role", "paragraph", "line", "text", "score", "highlights"] {
        assert!(hits[0].get(field).is_some(), "no {field}");
    }
    let counts = s.json("/api/search?q=immigration&count=true");
    // Each matching paragraph once, and the bodies with their totals.
    assert_eq!(counts["total"], 29);
    let bodies: u64 = counts["bodies"].as_array().unwrap().iter().map(|b| b["hits"].as_u64().unwrap()).sum();
    assert_eq!(bodies, 29);
    // The page's counts cover every match, not only the hits it shows.
    let (status, page) = s.request("GET", "/?q=immigration&role=all&limit=5");
    assert_eq!(status, 200);
    let all = s.json("/api/search?q=immigration&role=all&count=true")["total"].as_u64().unwrap();
    assert!(all > 5);
    assert!(
        page.contains(&format!("{all} hits from"))
            && page.contains("hits 1–5 of")
            && page.contains("limit=5&amp;page=2"),
        "{page}"
    );
    let (status, csv) = s.request("GET", "/api/search?q=immigration&format=csv&limit=3");
    assert_eq!(status, 200);
    assert_eq!(csv.lines().count(), 4, "{csv}");

    let p = s.json("/api/paragraph/gloucestershire-2021-12:28");
    assert_eq!(p["recommendation"], 4);
    let similar = s.json("/api/similar/gloucestershire-2021-12:28");
    assert_eq!(similar[0]["b"]["doc"], "unattributed-response");
    assert_eq!(similar[0]["kind"], "verbatim");
    let (status, body) = s.request("GET", "/api/similar/no-such-doc:1");
    assert_eq!(status, 404, "{body}");
    assert!(body.contains("no paragraph 'no-such-doc:1'"), "{body}");
    let pasted = s.json("/api/similar?text=In%20November%202018%20all%20forces%20were%20asked%20to%20complete%20a%20questionnaire%2C%20which%20was%20duly%20completed");
    assert!(!pasted.as_array().unwrap().is_empty());
    let reuse = s.json("/api/reuse?rec=4");
    // Own words only (answers, and a covering letter that mentions recommendation 4), never quotation.
    let own = |r: &Value| r == "response" || r == "preamble";
    assert!(reuse.as_array().unwrap().iter().all(|f| own(&f["a"]["role"]) && own(&f["b"]["role"])));
    assert!(reuse.as_array().unwrap().iter().any(|f| f["a"]["role"] == "response" && f["b"]["role"] == "response"));
    // Passages, as `reuse --passages --format json`: three, each once with its occurrences.
    let passages = s.json("/api/reuse?passages=true");
    let passages = passages.as_array().unwrap();
    assert_eq!(passages.len(), 3, "{passages:?}");
    let pasted = passages
        .iter()
        .find(|p| p["text"].as_str().unwrap().starts_with("Required activity has been captured"))
        .expect("the answer pasted under several recommendations");
    for body in ["Gloucestershire Constabulary", "(unattributed: unattributed-response)"] {
        let recs: Vec<u64> = pasted["occurrences"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|o| o["body"] == body && o["paragraph"]["role"] == "response")
            .map(|o| o["paragraph"]["recommendation"].as_u64().unwrap())
            .collect();
        for rec in [4, 5, 8] {
            assert!(recs.contains(&rec), "{body} {rec} {recs:?}");
        }
    }
    assert_eq!(s.json("/api/reuse?passages=true&limit=1").as_array().unwrap().len(), 1);
    // The copied run, as `reuse --runs --format json`, and on the reuse page with the unattributed
    // document's likely author.
    let runs = s.json("/api/reuse?runs=true");
    assert_eq!(runs.as_array().unwrap().len(), 1, "{runs}");
    assert_eq!(runs[0]["b_doc"], "unattributed-response");
    while s.request("GET", "/reuse").0 == 503 {
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let (_, page) = s.request("GET", "/reuse");
    let page = dechunk(&page);
    assert!(page.contains(&format!("<div class=\"pair run\" id=\"{}\"", runs[0]["id"].as_str().unwrap())), "{page}");
    assert!(page.contains("<section id=\"attribution\">") && page.contains("own other copy"), "{page}");
    let (_, second) = s.request("GET", "/reuse?page=2");
    assert!(!dechunk(&second).contains("<section id=\"runs\">"));
    let within = s.json("/api/reuse?within=true&force=south%20york");
    assert!(within.as_array().unwrap().iter().any(|f| f["kind"] == "near"));
    let matrix = s.json("/api/matrix");
    assert_eq!(matrix.as_array().unwrap().len(), 5 * 4);
    assert_eq!(s.json("/api/docs").as_array().unwrap().len(), 5);
}

#[test]
fn bad_requests_get_clear_errors_and_limits_hold() {
    let s = Server::start();
    let (status, body) = s.request("GET", "/api/search?q=immigration%20AND%20(");
    assert_eq!(status, 400);
    let error: Value = serde_json::from_str(&body).unwrap();
    assert!(error["error"].as_str().unwrap().starts_with("malformed query"), "{body}");
    assert_eq!(s.request("GET", "/api/search?q=x&rec=four").0, 400);
    assert_eq!(s.request("GET", "/api/search?q=x&force=Atlantis").0, 400);
    assert_eq!(s.request("GET", "/api/paragraph/nope:1").0, 404);
    assert_eq!(s.request("POST", "/api/search?q=x").0, 405);
    assert_eq!(s.request("DELETE", "/").0, 405);
    let long = format!("/?q={}", "a".repeat(9000));
    assert_eq!(s.request("GET", &long).0, 414);
    // No path escapes the index: documents and paragraphs are looked up by id, never as files.
    for target in
        ["/doc/..%2F..%2F..%2Fetc%2Fpasswd", "/doc/../../etc/passwd", "/p/..%2Fmanifest.toml", "/../Cargo.toml"]
    {
        let (status, body) = s.request("GET", target);
        assert_eq!(status, 404, "{target}");
        assert!(!body.contains("root:") && !body.contains("[package]"), "{target}");
    }
    // Results are bounded whatever is asked.
    let all = s.json("/api/search?q=the&role=all&limit=1000000");
    assert!(all.as_array().unwrap().len() <= 1000);
    let (status, page) = s.request("GET", "/?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E");
    assert_eq!(status, 200);
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !page.contains("<script>alert"));
}

/// The server's resident memory, in KiB (Linux).
fn rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .unwrap()
}

impl Server {
    /// Sends GETs over one kept-alive connection and reads each answer whole; returns the statuses.
    fn keep_alive(&self, targets: impl IntoIterator<Item = String>) -> Vec<u16> {
        let stream = TcpStream::connect(&self.addr).unwrap();
        stream.set_nodelay(true).unwrap();
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let mut writer = stream;
        let mut statuses = Vec::new();
        for target in targets {
            write!(writer, "GET {target} HTTP/1.1\r\nHost: {}\r\n\r\n", self.addr).unwrap();
            let mut status_line = String::new();
            reader.read_line(&mut status_line).unwrap();
            let mut length = 0usize;
            loop {
                let mut line = String::new();
                reader.read_line(&mut line).unwrap();
                if line == "\r\n" {
                    break;
                }
                if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                    length = v.trim().parse().unwrap();
                }
            }
            let mut body = vec![0; length];
            reader.read_exact(&mut body).unwrap();
            statuses.push(status_line.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0));
        }
        statuses
    }
}

#[test]
fn deeply_nested_queries_are_refused_and_the_server_stays_up() {
    let s = Server::start();
    for depth in [2_100, 4_000] {
        let (status, body) = s.request("GET", &format!("/api/search?q={}a", "(".repeat(depth)));
        assert_eq!(status, 400, "{depth}");
        assert!(body.contains("nested too deep"), "{body}");
        let (status, page) = s.request("GET", &format!("/?q={}a", "(".repeat(depth)));
        assert_eq!(status, 200);
        assert!(page.contains("nested too deep"));
    }
    // 10,000 and 100,000 levels are over the request-target limit before anything parses them.
    for depth in [10_000, 100_000] {
        assert_eq!(s.request("GET", &format!("/api/search?q={}a", "(".repeat(depth))).0, 414);
    }
    assert!(s.json("/api/search?q=immigration").as_array().is_some_and(|a| !a.is_empty()));
}

#[test]
fn pasted_texts_leave_memory_flat() {
    let s = Server::start();
    // Each text is new words, never seen before.
    let texts = |from: usize, n: usize| {
        (from..from + n).map(|i| {
            let words: Vec<String> = (0..40).map(|w| format!("zq{i}x{w}word")).collect();
            format!("/api/similar?text={}", words.join("%20"))
        })
    };
    assert!(s.keep_alive(texts(0, 1_000)).iter().all(|&st| st == 200));
    let warm = rss_kib(s.child.id());
    assert!(s.keep_alive(texts(1_000, 10_000)).iter().all(|&st| st == 200));
    let after = rss_kib(s.child.id());
    assert!(after < warm + 8 * 1024, "memory grew from {warm} KiB to {after} KiB over 10,000 pasted texts");
}

#[test]
fn idle_connections_are_closed_and_do_not_starve_real_requests() {
    let s = Server::start();
    // More idle connections than the server will hold at once, sending nothing.
    let idle: Vec<TcpStream> = (0..300).filter_map(|_| TcpStream::connect(&s.addr).ok()).collect();
    assert!(idle.len() > 200);
    // While they hold every place, a real request is answered at once: it takes an idle one's place.
    let started = std::time::Instant::now();
    for _ in 0..5 {
        assert!(s.json("/api/search?q=immigration").as_array().is_some_and(|a| !a.is_empty()));
    }
    assert!(started.elapsed() < std::time::Duration::from_secs(2), "{:?}", started.elapsed());
    std::thread::sleep(std::time::Duration::from_secs(6));
    // By now the header deadline has closed every one of them...
    let mut closed = 0;
    for mut c in idle {
        c.set_read_timeout(Some(std::time::Duration::from_secs(2))).unwrap();
        let mut buf = [0u8; 16];
        if matches!(c.read(&mut buf), Ok(0) | Err(_)) {
            closed += 1;
        }
    }
    assert_eq!(closed, 300);
    // ...and a real request is answered.
    assert!(s.json("/api/search?q=immigration").as_array().is_some_and(|a| !a.is_empty()));
}

#[test]
fn malformed_parameters_answer_json_and_security_headers_are_sent() {
    let s = Server::start();
    for target in [
        "/api/search?q=x&limit=-1",
        "/api/search?q=x&limit=abc",
        "/api/search?q=x&exact=maybe",
        "/api/reuse?min_score=NaN",
        "/api/reuse?min_score=2",
        "/api/reuse?min_words=0",
        "/api/similar?text=x&limit=1e9",
    ] {
        let (status, body) = s.request("GET", target);
        assert_eq!(status, 400, "{target}: {body}");
        let error: Value = serde_json::from_str(&body).unwrap_or_else(|e| panic!("{target}: {e}: {body}"));
        assert!(error["error"].is_string(), "{target}: {body}");
    }
    let mut stream = TcpStream::connect(&s.addr).unwrap();
    write!(stream, "GET / HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n", s.addr).unwrap();
    let mut raw = String::new();
    stream.read_to_string(&mut raw).unwrap();
    let head = raw.split("\r\n\r\n").next().unwrap().to_ascii_lowercase();
    assert!(head.contains("content-security-policy: default-src 'none'"), "{head}");
    // Reuse at other thresholds is computed once, then answered from what was kept.
    let first = s.json("/api/reuse?min_words=12");
    let second = s.json("/api/reuse?min_words=12");
    assert_eq!(first, second);
    assert!(!first.as_array().unwrap().is_empty());
}

/// The request timeout is real: a request that takes far longer (every pair of paragraphs sharing
/// one word, over a few thousand paragraphs: seconds even in a release build) is answered 503 at the deadline, and the server answers
/// the next request as usual while that work finishes in the background.
#[test]
fn a_slow_request_is_cut_off_at_the_timeout_and_the_server_goes_on() {
    let work = synthetic(3000, 11);
    let server = Server::start_with(&work.path().join("corpus"), &["--timeout", "0.3"]);
    let started = std::time::Instant::now();
    let (status, body) = server.request("GET", "/api/reuse?min_words=1&min_score=0");
    let took = started.elapsed();
    assert_eq!(status, 503, "{body}");
    assert!(body.contains("took longer than 0.3 s"), "{body}");
    assert!(took >= std::time::Duration::from_millis(300) && took < std::time::Duration::from_secs(3), "{took:?}");
    let hits = server.json("/api/search?q=recommendation&limit=3");
    assert_eq!(hits.as_array().map(Vec::len), Some(3), "{hits}");
    let (status, _) = server.request("GET", "/api/docs");
    assert_eq!(status, 200);
}

/// Reuse at thresholds of a client's own waits for another client's comparison only within its
/// time limit, then answers busy (and starts no comparison for a client already answered).
#[test]
fn a_comparison_waits_for_another_only_within_its_time_limit() {
    let work = synthetic(3000, 11);
    let server = Server::start_with(&work.path().join("corpus"), &["--timeout", "1"]);
    std::thread::scope(|scope| {
        // Every pair of paragraphs sharing one word: seconds of comparing.
        let slow = scope.spawn(|| server.request("GET", "/api/reuse?min_words=1&min_score=0"));
        std::thread::sleep(std::time::Duration::from_millis(150));
        let started = std::time::Instant::now();
        let (status, body) = server.request("GET", "/api/reuse?min_words=2&min_score=0");
        let took = started.elapsed();
        assert_eq!(status, 503, "{body}");
        assert!(body.contains("another comparison at other thresholds"), "{body}");
        assert!(took < std::time::Duration::from_secs(1), "{took:?}");
        let (status, _) = slow.join().unwrap();
        assert_eq!(status, 503);
    });
    let hits = server.json("/api/search?q=recommendation&limit=3");
    assert_eq!(hits.as_array().map(Vec::len), Some(3), "{hits}");
}

/// Long lists come a page at a time, with next and previous: the families of the reuse page,
/// reuse within a body, the search hits, the documents and one document's paragraphs.
#[test]
fn long_lists_come_a_page_at_a_time() {
    let work = synthetic(3000, 5);
    let corpus = work.path().join("corpus");
    let long: String = (1..=450)
        // Fewer than eight own words in common: paging is checked here, not reuse within a body.
        .map(|i| format!("Paragraph {i} of the long statement, number {i}.\n"))
        .collect();
    std::fs::write(corpus.join("long-statement.txt"), format!("Kent Police statement\n{long}")).unwrap();
    let server = Server::start_with(&corpus, &[]);
    let get = |target: &str| {
        let (status, body) = server.request("GET", target);
        assert_eq!(status, 200, "{target}: {body}");
        body
    };
    let ids = |body: &str| -> Vec<String> {
        body.split("<section class=\"family\" id=\"")
            .skip(1)
            .map(|s| s.split('"').next().unwrap().to_string())
            .collect()
    };

    let first = get("/reuse");
    let families: usize = first
        .split(" families</span>")
        .next()
        .and_then(|_| first.split("of ").find_map(|s| s.split(" · page").next()?.parse().ok()))
        .expect("the reuse page says how many families");
    assert!(families > 25, "{families}");
    assert!(first.contains("families 1–25 of"), "the first page holds the first 25");
    assert!(first.contains("rel=\"next\" href=\"/reuse?page=2\""));
    assert!(!first.contains("rel=\"prev\""));
    let mut seen = std::collections::BTreeSet::new();
    let pages = families.div_ceil(25);
    for page in 1..=pages {
        let body = get(&format!("/reuse?page={page}"));
        let on_page = ids(&body);
        assert_eq!(on_page.len(), if page < pages { 25 } else { families - 25 * (pages - 1) }, "page {page}");
        for id in on_page {
            assert!(seen.insert(id), "a family on two pages");
        }
    }
    assert_eq!(seen.len(), families, "every family is on some page");
    assert!(get(&format!("/reuse?page={pages}")).contains("rel=\"prev\""));

    let within = get("/reuse?view=within");
    assert!(within.contains("id=\"within\""), "{within}");

    let hits_1 = get("/?q=recommendation&role=all");
    assert!(hits_1.contains("hits 1–100 of"), "{hits_1}");
    let hits_2 = get("/?q=recommendation&role=all&page=2");
    assert!(hits_2.contains("hits 101–200 of"));
    let hit_ids = |body: &str| -> Vec<String> {
        body.split("<div class=\"hit\"><a href=\"").skip(1).map(|s| s.split('"').next().unwrap().to_string()).collect()
    };
    let (a, b) = (hit_ids(&hits_1), hit_ids(&hits_2));
    assert_eq!((a.len(), b.len()), (100, 100));
    assert!(a.iter().all(|id| !b.contains(id)), "page 2 shows other hits");

    let doc = get("/doc/long-statement?page=3");
    assert!(doc.contains("paragraphs 401–451 of 451"), "{doc}");
    assert!(doc.contains("<ol class=\"doc\" start=\"401\">"));
    assert!(doc.contains("Paragraph 400 of the long statement,") && !doc.contains("Paragraph 399 of"));
    let docs = get("/docs");
    assert!(docs.contains("long-statement"));
}

#[test]
fn the_api_filters_by_report() {
    let dir = common::two_reports();
    let s = Server::start_with(&dir.path().join("corpus"), &[]);
    let hits = s.json("/api/search?q=notice&role=all&report=custody-2023");
    let hits = hits.as_array().unwrap();
    assert!(!hits.is_empty() && hits.iter().all(|h| h["report"] == "custody-2023"), "{hits:?}");
    let reuse = s.json("/api/reuse?report=custody-2023");
    let reuse = reuse.as_array().unwrap();
    assert!(!reuse.is_empty());
    assert!(reuse.iter().all(|f| f["a"]["report"] == "custody-2023" || f["b"]["report"] == "custody-2023"));
    let all = s.json("/api/reuse");
    assert!(all.as_array().unwrap().len() > reuse.len());
    let matrix = s.json("/api/matrix?report=custody-2023");
    let froms: std::collections::BTreeSet<&str> =
        matrix.as_array().unwrap().iter().map(|c| c["from"].as_str().unwrap()).collect();
    // The Surrey table names the force and its commissioner alike as authors: no body guessed.
    assert_eq!(
        froms.into_iter().collect::<Vec<_>>(),
        ["(unattributed: surrey-custody-2023)", "Durham Constabulary", "Essex Police", "Kent Police"]
    );
    let (status, body) = s.request("GET", "/api/reuse?report=nope");
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("no report 'nope'"), "{body}");
    let (status, body) = s.request("GET", "/api/search?q=notice&report=nope");
    assert_eq!(status, 400, "{body}");
    let (status, body) = s.request("GET", "/api/matrix?report=nope");
    assert_eq!(status, 400, "{body}");
    // The search page offers the reports, and filters by the one chosen.
    let page = s.request("GET", "/?q=police&role=all&report=custody-2023").1;
    assert!(page.contains("<option value=\"custody-2023\" selected>custody-2023</option>"), "{page}");
    assert!(page.contains("essex-custody-2023") && !page.contains("hampshire-2021-12"), "{page}");
    assert!(page.contains("report=custody%2D2023&format=csv"), "the downloads keep the filter");
    let all = s.request("GET", "/?q=police&role=all").1;
    assert!(all.contains("hampshire-2021-12"));
}

/// Clients asking for reuse at thresholds of their own, all at once: each result is stored with the
/// index build once, and every answer is the one a later request at the same thresholds reads
/// back. (That such comparisons run one at a time is by construction, not seen from outside.)
#[test]
fn reuse_at_many_thresholds_at_once_is_stored_once_each_and_read_back_alike() {
    let s = std::sync::Arc::new(Server::start());
    let targets: Vec<String> = (0..6).map(|i| format!("/api/reuse?min_score=0.3{i}&min_words=9")).collect();
    let first: Vec<(String, Value)> = std::thread::scope(|scope| {
        let handles: Vec<_> = targets
            .iter()
            .map(|t| {
                let s = &s;
                scope.spawn(move || (t.clone(), s.json(t)))
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let current = s._index.path().join("current");
    let stored: Vec<String> = std::fs::read_dir(&current)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("stored-reuse-between-9-"))
        .collect();
    assert_eq!(stored.len(), targets.len(), "{stored:?}");
    for (target, answer) in first {
        assert!(!answer.as_array().unwrap().is_empty(), "{target}");
        assert_eq!(s.json(&target), answer, "{target}");
    }
}

/// Every route of the web interface and the API.
const ROUTES: [&str; 13] = [
    "/",
    "/reuse",
    "/docs",
    "/status",
    "/doc/hampshire-2021-12",
    "/p/hampshire-2021-12:3",
    "/api/search?q=immigration",
    "/api/paragraph/hampshire-2021-12:3",
    "/api/similar?text=victims%20first",
    "/api/similar/hampshire-2021-12:3",
    "/api/reuse",
    "/api/matrix",
    "/api/docs",
];

#[test]
fn only_requests_naming_this_server_are_answered_and_no_cors_header_is_sent() {
    let s = Server::start_with(&bundled_corpus(), &["--public-host", "Echoes.Example.org"]);
    let port = s.addr.rsplit(':').next().unwrap().to_string();
    let host = |h: &str| vec![format!("Host: {h}"), "Origin: http://attacker.example".to_string()];
    for target in ROUTES {
        // A page on another name (re-bound to 127.0.0.1) gets nothing.
        for foreign in [
            format!("attacker.example:{port}"),
            "attacker.example".into(),
            format!("localhost.attacker.example:{port}"),
        ] {
            let (status, head) = s.head(&format!("GET {target} HTTP/1.1"), &host(&foreign));
            assert_eq!(status, 421, "{target} for {foreign}: {head}");
        }
        // The server's own names, and the name given, are answered, without a CORS header.
        for own in [s.addr.clone(), format!("localhost:{port}"), "echoes.example.org".into()] {
            let (status, head) = s.head(&format!("GET {target} HTTP/1.1"), &host(&own));
            assert_eq!(status, 200, "{target} for {own}: {head}");
            assert!(!head.contains("access-control-"), "{target}: {head}");
        }
    }
    // The name in an absolute request target counts too, and a request naming no host is refused.
    let (status, _) = s.head(&format!("GET http://attacker.example:{port}/api/docs HTTP/1.1"), &host(&s.addr));
    assert_eq!(status, 421);
    let (status, _) = s.head("GET /api/docs HTTP/1.0", &[]);
    assert_eq!(status, 421);
    // A preflight is refused as any other method, and grants nothing.
    let mut preflight = host(&s.addr);
    preflight.push("Access-Control-Request-Method: GET".into());
    let (status, head) = s.head("OPTIONS /api/docs HTTP/1.1", &preflight);
    assert_eq!(status, 405, "{head}");
    assert!(!head.contains("access-control-"), "{head}");
}

#[test]
fn every_endpoint_is_read_only() {
    let s = Server::start();
    for target in ROUTES {
        for method in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT"] {
            let target = if method == "CONNECT" { s.addr.clone() } else { target.to_string() };
            let (status, head) = s.head(
                &format!("{method} {target} HTTP/1.1"),
                &[format!("Host: {}", s.addr), "Content-Length: 0".into()],
            );
            assert_eq!(status, 405, "{method} {target}: {head}");
            assert!(head.contains("allow: get, head"), "{method} {target}: {head}");
        }
        assert_eq!(s.request("GET", target).0, 200, "{target}");
    }
}

/// The processor time the server has used, in seconds (Linux: user and system time of all its
/// threads).
fn cpu_seconds(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    // Fields after the command name (in brackets, which may hold spaces): utime is the 14th.
    let after = stat.rsplit_once(')').unwrap().1;
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks: f64 = fields[11].parse::<f64>().unwrap() + fields[12].parse::<f64>().unwrap();
    ticks / 100.0
}

/// A search abandoned at the request timeout stops there: the processor goes back to idle within
/// moments of the 503, memory stays as it was, and the pathological phrases are refused before
/// they are parsed.
#[test]
fn an_abandoned_search_stops_at_its_deadline() {
    let work = synthetic(8000, 3);
    // One paragraph of 150,000 common words, as a text pasted without breaks.
    let mut state = 7u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        ["the", "the", "of", "police", "data"][(state % 5) as usize]
    };
    let long: Vec<&str> = (0..150_000).map(|_| next()).collect();
    std::fs::write(work.path().join("corpus/long-paragraph.txt"), format!("A long paragraph\n\n{}\n", long.join(" ")))
        .unwrap();
    let server = Server::start_with(&work.path().join("corpus"), &["--timeout", "0.5"]);
    let pid = server.child.id();
    // The server compares the collection in the background once it answers: wait for it to be
    // idle, so that what is measured after the 503 is the abandoned search alone.
    let idle_by = std::time::Instant::now() + std::time::Duration::from_secs(60);
    // First until the reuse pages are ready (503 "still comparing" before), then until idle.
    while server.request("GET", "/reuse").0 == 503 && std::time::Instant::now() < idle_by {
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    loop {
        let before = cpu_seconds(pid);
        std::thread::sleep(std::time::Duration::from_millis(300));
        if cpu_seconds(pid) - before < 0.02 || std::time::Instant::now() > idle_by {
            break;
        }
    }
    // Thirty phrases of the longest, at the widest slop echoes takes: each is matched in time
    // linear in a paragraph's words, all of them over the long paragraph take seconds.
    let phrase = (0..30)
        .map(|_| format!("%22{}%22~100", (0..32).map(|_| next()).collect::<Vec<_>>().join("%20")))
        .collect::<Vec<_>>()
        .join("%20OR%20");
    let started = std::time::Instant::now();
    let (status, body) = server.request("GET", &format!("/api/search?q={phrase}&role=all"));
    assert_eq!(status, 503, "{body}");
    assert!(started.elapsed() < std::time::Duration::from_secs(2), "{:?}", started.elapsed());
    // Within a second of the 503 the processor is back to idle: measured over the second after.
    std::thread::sleep(std::time::Duration::from_secs(1));
    let rss_then = rss_kib(pid);
    let cpu_then = cpu_seconds(pid);
    std::thread::sleep(std::time::Duration::from_secs(1));
    let busy = cpu_seconds(pid) - cpu_then;
    assert!(busy < 0.2, "{busy} s of processor time in the second after the first second after the 503");
    assert!(rss_kib(pid) < rss_then + 2 * 1024, "{} KiB, was {rss_then} KiB", rss_kib(pid));
    // Longer phrases and wider slops are refused in echoes' words, at once.
    let the = |n: usize| vec!["the"; n].join("%20");
    for (q, says) in [
        (format!("%22{}%22~100000", the(200)), "a phrase of 200 words (at most 32)"),
        (format!("%22{}%22~100000", the(3)), "a phrase slop of 100000 (at most ~100)"),
        (format!("%27{}%27~101", the(3)), "a phrase slop of 101"),
    ] {
        let (status, body) = server.request("GET", &format!("/api/search?q={q}"));
        assert_eq!(status, 400, "{body}");
        assert!(body.contains("malformed query") && body.contains(says), "{body}");
    }
    // The server answers as usual.
    let hits = server.json("/api/search?q=recommendation&limit=3");
    assert_eq!(hits.as_array().map(Vec::len), Some(3), "{hits}");
}

/// A document added while the server runs is in every answer from then on: search, the list of
/// documents, its page; each request reads one build.
#[test]
fn a_document_added_while_serving_is_in_every_answer() {
    let corpus = tempfile::tempdir().unwrap();
    for f in ["hampshire-2021-12.txt", "wiltshire-2021-02.txt", "recommendations.toml"] {
        std::fs::copy(bundled_corpus().join(f), corpus.path().join(f)).unwrap();
    }
    let server = Server::start_with(corpus.path(), &[]);
    let index = server._index.path().to_path_buf();
    let downloads = tempfile::tempdir().unwrap();
    let file = downloads.path().join("kent.txt");
    std::fs::write(&file, "Kent Police response\n\nRecommendation 1\n\nKent Police now shares no zorbulant data with Immigration Enforcement.\n").unwrap();
    let added = common::echoes(corpus.path(), &index, &["add", file.to_str().unwrap(), "--force", "Kent Police"]);
    assert_eq!(added.code, 0, "{}", added.stderr);
    let hits = server.json("/api/search?q=zorbulant&role=all");
    assert_eq!(hits.as_array().unwrap().len(), 1, "{hits}");
    let doc = hits[0]["doc"].as_str().unwrap().to_string();
    let docs = server.json("/api/docs");
    assert!(docs.as_array().unwrap().iter().any(|d| d["doc"] == doc.as_str()), "{docs}");
    let started = std::time::Instant::now();
    loop {
        let (status, page) = server.request("GET", &format!("/doc/{doc}"));
        if status == 200 {
            assert!(page.contains("zorbulant"), "{page}");
            break;
        }
        assert_eq!(status, 503, "{page}");
        assert!(started.elapsed().as_secs() < 60, "the new document's page never came");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let (status, _) = server.request("GET", &format!("/api/paragraph/{doc}:1"));
    assert_eq!(status, 200);
}

#[test]
fn the_front_page_opens_on_the_collection_and_links_on() {
    // The bundled corpus, a reference page quoting the report, and a document read as nothing but
    // quotation (a reading to check).
    let corpus = common::bundled_copy();
    std::fs::write(
        corpus.path().join("inspectorate-release.txt"),
        "The inspectorate published its report on sharing victims' data today.\n\nIt makes eight recommendations.\n",
    )
    .unwrap();
    let manifest = std::fs::read_to_string(corpus.path().join("manifest.toml")).unwrap()
        + "\n[[document]]\npath = \"inspectorate-release.txt\"\nkind = \"reference\"\n";
    std::fs::write(corpus.path().join("manifest.toml"), manifest).unwrap();
    let recs = std::fs::read_to_string(corpus.path().join("recommendations.toml")).unwrap();
    let quoted: Vec<&str> = recs.split("\"\"\"").skip(1).step_by(2).collect();
    std::fs::write(corpus.path().join("pasted.txt"), quoted.join("\n\n")).unwrap();
    let s = Server::start_with(corpus.path(), &[]);
    let (status, page) = s.request("GET", "/");
    assert_eq!(status, 200);
    let section = |id: &str| {
        let start = page.find(&format!("<section id=\"{id}\">")).unwrap_or_else(|| panic!("no section {id}: {page}"));
        let end = page[start..].find("</section>").map_or(page.len(), |e| start + e);
        page[start..end].to_string()
    };
    // The search form is still first.
    assert!(page.find("<form class=\"search\"") < page.find("<section id=\"collection\">"));
    let collection = section("collection");
    assert!(collection.contains("4 bodies, 7 documents (1 reference, 2 of no known body)"), "{collection}");
    assert!(collection.contains("<a href=\"/doc/hampshire%2D2021%2D12\">hampshire-2021-12</a>"), "{collection}");
    assert!(collection.contains("<a href=\"/doc/inspectorate%2Drelease\">inspectorate-release</a>"), "{collection}");
    // The bodies table: a row a body, sorted, the reference in none.
    let rows: Vec<&str> = collection.split("<tr><td>").skip(1).map(|r| r.split("</td>").next().unwrap()).collect();
    assert_eq!(rows[0], "Gloucestershire Constabulary", "{rows:?}");
    let table = &collection[collection.find("<table").unwrap()..collection.find("</table>").unwrap()];
    assert!(!table.contains("inspectorate-release"), "{table}");
    assert!(section("coverage").contains("<table"));
    assert!(section("heatmap").contains("href=\"/reuse\""));
    let doubtful = section("doubtful");
    assert!(doubtful.contains("<a href=\"/doc/pasted\">pasted</a>"), "{doubtful}");
    assert!(doubtful.contains("almost all quoted from the report"), "{doubtful}");
    assert!(!doubtful.contains("inspectorate-release"), "{doubtful}");
    // The links lead somewhere.
    for target in ["/doc/pasted", "/doc/inspectorate-release", "/reuse", "/docs"] {
        assert_eq!(s.request("GET", target).0, 200, "{target}");
    }
    // A search is a search: no front page under its hits.
    let (_, hits) = s.request("GET", "/?q=immigration");
    assert!(hits.contains("id=\"summary\"") && !hits.contains("<section id=\"collection\">"));
}

/// Waits until the server's processor time stops growing (its background comparison done).
fn wait_idle(pid: u32) {
    let idle_by = std::time::Instant::now() + std::time::Duration::from_secs(120);
    loop {
        let before = cpu_seconds(pid);
        std::thread::sleep(std::time::Duration::from_millis(300));
        if cpu_seconds(pid) - before < 0.02 || std::time::Instant::now() > idle_by {
            break;
        }
    }
}

/// The paragraphs like a long one, asked for by its page or the API, stop being compared at the
/// request's time limit: the processor is idle again within moments of the 503.
#[test]
fn similar_paragraphs_of_a_long_one_stop_at_the_deadline() {
    let corpus = tempfile::tempdir().unwrap();
    let mut state = 11u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        ["the", "the", "of", "police", "data", "victim", "status", "and"][(state % 8) as usize]
    };
    // A preamble of 20,000 words (not among the compared roles here), and 2,000 short answers
    // that each repeat a few of its words among words of their own (so they share little with
    // each other, and the background comparison is quick).
    let long: Vec<&str> = (0..20_000).map(|_| next()).collect();
    std::fs::write(corpus.path().join("long.txt"), format!("A long preamble\n\n{}.\n", long.join(" "))).unwrap();
    let mut manifest = vec![("long.txt".to_string(), "Kent Police".to_string())];
    for f in 0..20 {
        let paragraphs: Vec<String> = (0..100)
            .map(|p| {
                let at = (f * 100 + p) * 9;
                let own: Vec<String> = (0..30).map(|w| format!("w{f}x{p}x{w}")).collect();
                format!("{} {}.", long[at..at + 8].join(" "), own.join(" "))
            })
            .collect();
        let name = format!("b{f}.txt");
        std::fs::write(corpus.path().join(&name), format!("Recommendation 1\n\n{}\n", paragraphs.join("\n\n")))
            .unwrap();
        manifest.push((name, format!("Force {f}")));
    }
    let entries: Vec<(&str, &str)> = manifest.iter().map(|(p, f)| (p.as_str(), f.as_str())).collect();
    common::write_manifest(corpus.path(), &entries);
    let server = Server::start_with(corpus.path(), &["--timeout", "1", "--role", "response"]);
    let pid = server.child.id();
    wait_idle(pid);
    let hits = server.json("/api/search?q=police&doc=long&role=all&format=json");
    let id = hits[0]["id"].as_str().unwrap().to_string();
    for target in [format!("/api/similar/{id}"), format!("/p/{id}")] {
        let started = std::time::Instant::now();
        let (status, body) = server.request("GET", &target);
        assert_eq!(status, 503, "{target}: {body}");
        assert!(started.elapsed() < std::time::Duration::from_secs(3), "{target}: {:?}", started.elapsed());
        // What was being compared at the deadline finishes; nothing further starts.
        std::thread::sleep(std::time::Duration::from_secs(2));
        let cpu_then = cpu_seconds(pid);
        std::thread::sleep(std::time::Duration::from_secs(1));
        let busy = cpu_seconds(pid) - cpu_then;
        assert!(busy < 0.2, "{target}: {busy} s of processor time in the third second after the 503");
    }
    // The server answers as usual.
    assert_eq!(server.request("GET", "/api/search?q=police&limit=1").0, 200);
}
