//! The web server's HTTP/1.1 on the wire, as clients other than browsers speak it: HEAD, HTTP/1.0,
//! pipelined requests, requests carrying a body, oversized heads.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;

use crate::server::Server;

/// Sends `raw` and reads until the server closes the connection.
fn exchange(s: &Server, raw: &[u8]) -> String {
    let mut stream = TcpStream::connect(&s.addr).unwrap();
    stream.set_read_timeout(Some(std::time::Duration::from_secs(20))).unwrap();
    stream.write_all(raw).unwrap();
    let mut got = Vec::new();
    stream.read_to_end(&mut got).unwrap();
    String::from_utf8_lossy(&got).into_owned()
}

/// One answer read from a kept-alive connection: its status line, head in lower case, and body.
struct Answer {
    status: u16,
    head: String,
    body: Vec<u8>,
}

fn read_answer(reader: &mut impl BufRead, with_body: bool) -> Answer {
    let mut head = String::new();
    loop {
        let mut line = String::new();
        assert!(reader.read_line(&mut line).unwrap() > 0, "the connection closed inside a head: {head}");
        if line == "\r\n" {
            break;
        }
        head.push_str(&line.to_ascii_lowercase());
    }
    let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let length: usize = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .map(|v| v.trim().parse().unwrap())
        .expect("every answer says its length");
    let mut body = vec![0; if with_body { length } else { 0 }];
    reader.read_exact(&mut body).unwrap();
    Answer { status, head, body }
}

/// A kept-alive connection: a reader of its answers, and the stream to write requests to.
fn connect(s: &Server) -> (BufReader<TcpStream>, TcpStream) {
    let stream = TcpStream::connect(&s.addr).unwrap();
    stream.set_read_timeout(Some(std::time::Duration::from_secs(20))).unwrap();
    (BufReader::new(stream.try_clone().unwrap()), stream)
}

fn get(target: &str, host: &str, extra: &str) -> String {
    format!("GET {target} HTTP/1.1\r\nHost: {host}\r\n{extra}\r\n")
}

#[test]
fn head_is_answered_as_get_with_its_length_and_no_body() {
    let s = Server::start();
    let (mut reader, mut writer) = connect(&s);
    write!(writer, "{}", get("/api/docs", &s.addr, "")).unwrap();
    let full = read_answer(&mut reader, true);
    write!(writer, "HEAD /api/docs HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n", s.addr).unwrap();
    let head = read_answer(&mut reader, false);
    assert_eq!((full.status, head.status), (200, 200));
    assert!(head.head.contains(&format!("content-length: {}\r\n", full.body.len())), "{}", head.head);
    assert!(head.head.contains("content-type: application/json"), "{}", head.head);
    assert!(head.head.contains("x-frame-options: deny"), "{}", head.head);
    // Nothing follows the head: the connection ends where the head does.
    let mut rest = Vec::new();
    reader.read_to_end(&mut rest).unwrap();
    assert!(rest.is_empty(), "{}", String::from_utf8_lossy(&rest));
    let docs: serde_json::Value = serde_json::from_slice(&full.body).unwrap();
    assert_eq!(docs.as_array().map(Vec::len), Some(5));
}

#[test]
fn http_1_0_clients_are_answered_and_closed_unless_they_ask_to_keep_alive() {
    let s = Server::start();
    // No keep-alive asked: one answer, then the server closes.
    let got =
        exchange(&s, format!("GET /api/paragraph/hampshire-2021-12:3 HTTP/1.0\r\nHost: {}\r\n\r\n", s.addr).as_bytes());
    let (head, body) = got.split_once("\r\n\r\n").unwrap();
    assert!(head.starts_with("HTTP/1.1 200 OK\r\n"), "{head}");
    assert!(head.to_ascii_lowercase().contains("connection: close"), "{head}");
    let paragraph: serde_json::Value = serde_json::from_str(body).unwrap();
    assert_eq!(paragraph["doc"], "hampshire-2021-12");
    // Keep-alive asked: the connection carries a second request.
    let (mut reader, mut writer) = connect(&s);
    for _ in 0..2 {
        write!(writer, "GET /api/docs HTTP/1.0\r\nHost: {}\r\nConnection: keep-alive\r\n\r\n", s.addr).unwrap();
        let answer = read_answer(&mut reader, true);
        assert_eq!(answer.status, 200);
        assert!(answer.head.contains("connection: keep-alive"), "{}", answer.head);
    }
}

#[test]
fn pipelined_requests_are_answered_in_order() {
    let s = Server::start();
    let (mut reader, mut writer) = connect(&s);
    // Three requests in one write, the last asking to close.
    let raw = [
        get("/api/paragraph/hampshire-2021-12:3", &s.addr, ""),
        get("/no/such/page", &s.addr, ""),
        get("/api/paragraph/wiltshire-2021-02:2", &s.addr, "Connection: close\r\n"),
    ]
    .concat();
    writer.write_all(raw.as_bytes()).unwrap();
    let first = read_answer(&mut reader, true);
    let second = read_answer(&mut reader, true);
    let third = read_answer(&mut reader, true);
    assert_eq!((first.status, second.status, third.status), (200, 404, 200));
    let doc = |a: &Answer| serde_json::from_slice::<serde_json::Value>(&a.body).unwrap()["doc"].clone();
    assert_eq!((doc(&first), doc(&third)), ("hampshire-2021-12".into(), "wiltshire-2021-02".into()));
    assert!(third.head.contains("connection: close"));
    let mut rest = Vec::new();
    reader.read_to_end(&mut rest).unwrap();
    assert!(rest.is_empty());
}

#[test]
fn a_request_with_a_body_is_answered_once_and_its_connection_closed() {
    let s = Server::start();
    // The body is another request: were it read as one, the server would answer twice.
    let smuggled = get("/api/docs", &s.addr, "");
    for framing in [format!("Content-Length: {}\r\n", smuggled.len()), "Transfer-Encoding: chunked\r\n".into()] {
        let body = if framing.starts_with("Content") {
            smuggled.clone()
        } else {
            format!("{:x}\r\n{smuggled}\r\n0\r\n\r\n", smuggled.len())
        };
        for method in ["GET", "POST"] {
            let raw = format!("{method} /api/search?q=immigration HTTP/1.1\r\nHost: {}\r\n{framing}\r\n{body}", s.addr);
            let got = exchange(&s, raw.as_bytes());
            assert_eq!(got.matches("HTTP/1.1 ").count(), 1, "{method} {framing}: {got}");
            let status = if method == "GET" { "HTTP/1.1 200 " } else { "HTTP/1.1 405 " };
            assert!(got.starts_with(status), "{method} {framing}: {got}");
        }
    }
}

#[test]
fn oversized_and_malformed_heads_are_refused_and_the_server_goes_on() {
    let s = Server::start();
    let many = format!("GET / HTTP/1.1\r\nHost: {}\r\n{}\r\n", s.addr, "X-A: b\r\n".repeat(150));
    let refused = exchange(&s, many.as_bytes());
    assert!(refused.starts_with("HTTP/1.1 431 "), "{refused}");
    assert!(refused.to_ascii_lowercase().contains("content-security-policy: default-src 'none'"), "{refused}");
    let long = format!("GET / HTTP/1.1\r\nHost: {}\r\nX-A: {}\r\n\r\n", s.addr, "b".repeat(100_000));
    assert!(exchange(&s, long.as_bytes()).starts_with("HTTP/1.1 431 "));
    assert!(exchange(&s, b"GET / HTTP/1.1\r\nHost localhost\r\n\r\n").starts_with("HTTP/1.1 400 "));
    assert!(exchange(&s, b"GET / HTTP/2.0\r\nHost: localhost\r\n\r\n").starts_with("HTTP/1.1 505 "));
    // Percent-decoded path segments, as links write them; one that is not UTF-8 is a bad request.
    let (status, body) = s.request("GET", "/api/paragraph/hampshire%2D2021%2D12%3A3");
    assert_eq!(status, 200, "{body}");
    assert_eq!(s.request("GET", "/api/paragraph/%FF%FE").0, 400);
    assert_eq!(s.json("/api/docs").as_array().map(Vec::len), Some(5));
}

#[test]
fn a_request_past_its_deadline_is_answered_503_and_its_connection_closed() {
    let work = crate::server::synthetic(3000, 11);
    let s = Server::start_with(&work.path().join("corpus"), &["--timeout", "0.3"]);
    let (mut reader, mut writer) = connect(&s);
    let started = std::time::Instant::now();
    // Every pair of paragraphs sharing one word: seconds of work, on a kept-alive connection.
    write!(writer, "{}", get("/api/reuse?min_words=1&min_score=0", &s.addr, "")).unwrap();
    let late = read_answer(&mut reader, true);
    assert_eq!(late.status, 503, "{}", late.head);
    assert!(late.head.contains("connection: close") && late.head.contains("retry-after: 10"), "{}", late.head);
    assert!(String::from_utf8_lossy(&late.body).contains("took longer than 0.3 s"));
    // The connection ends with the answer, though the work goes on behind it.
    let mut rest = Vec::new();
    reader.read_to_end(&mut rest).unwrap();
    assert!(rest.is_empty(), "{}", String::from_utf8_lossy(&rest));
    assert!(started.elapsed() < std::time::Duration::from_secs(3), "{:?}", started.elapsed());
    // Other connections are answered meanwhile.
    let hits = s.json("/api/search?q=recommendation&limit=2");
    assert_eq!(hits.as_array().map(Vec::len), Some(2), "{hits}");
}
