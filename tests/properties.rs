//! Property tests: normalization is idempotent, segmentation neither drops nor invents text, and
//! no input (a file's bytes, a query, a pasted text) makes a reader, the query path or the
//! comparison layer panic. Inputs that once found a problem are kept in `regressions` below.

use crate::common;

use std::collections::BTreeMap;
use std::sync::OnceLock;

use echoes::corpus::bundled_recommendations;
use echoes::normalize::{fold_word, normalize, word_count, words};
use echoes::quote::{Quoter, QUOTE_NGRAM};
use echoes::readers;
use echoes::readers::decode::decode;
use echoes::readers::ReadError;
use echoes::search::{self, Filters, SearchOptions};
use echoes::segment::segment;
use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;

/// Strings rich in what trips text handling: quotes of every kind, dashes, bullets, invisible
/// characters, combining marks, ligatures, full-width letters, markup and query syntax.
fn messy_string() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "a",
        "Z",
        "9",
        " ",
        "  ",
        "\t",
        "\n",
        "\r\n",
        "'",
        "’",
        "‘",
        "\"",
        "“",
        "”",
        "-",
        "–",
        "—",
        "•",
        "·",
        "\u{00AD}",
        "\u{200B}",
        "\u{FEFF}",
        "e\u{0301}",
        "ﬁ",
        "Ｆ",
        "ß",
        "İ",
        "victim",
        "’s",
        "Force response",
        "Recommendation 4.",
        "<p>",
        "</p>",
        "<li>",
        "&amp;",
        "&#x27;",
        ":",
        "(",
        ")",
        "[",
        "]",
        "{",
        "}",
        "^",
        "~",
        "*",
        "+",
        "!",
        "\\",
        "/",
        "AND",
        "OR",
        "NOT",
        "text:",
        "IN [",
        "\u{0}",
        "\u{7F}",
        "\u{FFFD}",
        "😀",
    ]);
    prop::collection::vec(prop_oneof![pieces.prop_map(str::to_string), any::<String>()], 0..40).prop_map(|v| v.concat())
}

fn quoter() -> &'static Quoter {
    static Q: OnceLock<Quoter> = OnceLock::new();
    Q.get_or_init(|| Quoter::new(&bundled_recommendations().items, QUOTE_NGRAM))
}

/// How many times each letter or digit occurs.
fn alphanumerics<'a>(texts: impl IntoIterator<Item = &'a str>) -> BTreeMap<char, usize> {
    let mut out = BTreeMap::new();
    for t in texts {
        for c in t.chars().filter(|c| c.is_alphanumeric()) {
            *out.entry(c).or_default() += 1;
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn normalization_is_idempotent(s in messy_string()) {
        let once = normalize(&s);
        prop_assert_eq!(normalize(&once), once.clone());
        // And it changes no words: the words of the normalized text are the text's words. (Not for
        // the few compatibility characters that NFKC expands into a word character and another, such
        // as `🄀` into `0.`: there a word boundary appears that the original did not have.)
        let mixed = |c: char| {
            // (`ŉ` expands into `ʼn`, an apostrophe and a letter.)
            let word = |n: char| {
                (n.is_alphanumeric() || unicode_normalization::char::is_combining_mark(n))
                    && !echoes::normalize::is_apostrophe(n)
            };
            let parts: Vec<bool> = std::iter::once(c).nfkc().map(word).collect();
            parts.contains(&true) && parts.contains(&false)
        };
        prop_assume!(!s.chars().any(mixed));
        // (Nor a combining mark on a symbol that NFKC composes with it: `<` and U+0338 become `≮`,
        // so the stray mark, a word by itself before, is part of a symbol after.)
        let chars: Vec<char> = s.chars().collect();
        let composes = chars.windows(2).any(|w| {
            unicode_normalization::char::is_combining_mark(w[1])
                && !w[0].is_alphanumeric()
                && [w[0], w[1]].iter().collect::<String>().nfkc().count() == 1
        });
        prop_assume!(!composes);
        let a: Vec<String> = words(&s).into_iter().map(|w| w.text).collect();
        let b: Vec<String> = words(&once).into_iter().map(|w| w.text).collect();
        prop_assert_eq!(a, b);
    }

    #[test]
    fn words_point_into_the_original_in_order(s in messy_string()) {
        let ws = words(&s);
        prop_assert_eq!(ws.len(), word_count(&s));
        let mut last_end = 0;
        for w in &ws {
            prop_assert!(w.start >= last_end && w.start < w.end && w.end <= s.len());
            prop_assert_eq!(fold_word(&s[w.start..w.end]), w.text.clone());
            last_end = w.end;
        }
    }

    #[test]
    fn plain_text_segmentation_keeps_every_letter_and_digit(
        lines in prop::collection::vec(
            prop_oneof![
                "[A-Za-z0-9 ,.;:'’“”•()-]{0,80}",
                Just("Recommendation 1. To chief constables".to_string()),
                Just("Force response".to_string()),
                Just("We use cookies to make this site work.".to_string()),
                Just("As an interim measure, pending the outcome of recommendation 2".to_string()),
                Just(String::new()),
            ],
            0..30,
        )
    ) {
        let text = lines.join("\n");
        let (format, blocks) = readers::read("doc.txt", &text);
        prop_assert_eq!(format, readers::Format::Text);
        let segments = segment(blocks, quoter());
        prop_assert_eq!(alphanumerics(segments.iter().map(|s| s.text.as_str())), alphanumerics([text.as_str()]));
    }

    #[test]
    fn readers_take_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..600), ext in "(txt|tsv|html)") {
        let decoded = decode(&bytes);
        let (_, blocks) = readers::read(&format!("doc.{ext}"), &decoded.text);
        let segments = segment(blocks, quoter());
        for s in segments {
            prop_assert!(!s.text.trim().is_empty());
        }
    }

    #[test]
    fn readers_take_any_markup(s in messy_string(), wrap in 0usize..3) {
        let text = match wrap {
            0 => format!("<html><body><div><p>{s}</div></table><li>{s}"),
            1 => format!("Recommendation\tResponse\n<p>{s}</p>\t<ul><li>{s}\n{s}\t{s}\t{s}\n"),
            _ => "<div>".repeat(300) + &s,
        };
        let (_, blocks) = readers::read("doc.html", &text);
        let _ = segment(blocks, quoter());
    }
}

/// The bundled corpus, indexed once into a temporary directory.
fn opened() -> &'static echoes::index::Opened {
    static INDEX: OnceLock<(tempfile::TempDir, echoes::index::Opened)> = OnceLock::new();
    &INDEX
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let corpus = echoes::corpus::load(&common::bundled_corpus()).unwrap();
            echoes::index::build(&corpus, dir.path(), &indicatif::ProgressBar::hidden()).unwrap();
            let opened = echoes::index::open(dir.path()).unwrap();
            (dir, opened)
        })
        .1
}

fn collection() -> &'static std::sync::Mutex<echoes::reuse::Collection> {
    static C: OnceLock<std::sync::Mutex<echoes::reuse::Collection>> = OnceLock::new();
    C.get_or_init(|| {
        let c = echoes::reuse::Collection::from_index(
            opened(),
            echoes::reuse::DEFAULT_MIN_WORDS,
            true,
            &echoes::reuse::OWN_WORDS,
        )
        .unwrap();
        std::sync::Mutex::new(c)
    })
}

fn query_runs(query: &str, exact: bool, fuzzy: bool) -> Result<(), TestCaseError> {
    let opts = SearchOptions {
        query: query.to_string(),
        exact,
        fuzzy,
        filters: Filters::default(),
        limit: Some(5),
        deadline: None,
    };
    // A deadline never reached changes nothing: the same hits, in the same order, scored alike.
    let far = SearchOptions {
        deadline: Some(std::time::Instant::now() + std::time::Duration::from_secs(3600)),
        ..opts.clone()
    };
    let ranked = |r: &anyhow::Result<Vec<search::Hit>>| {
        r.as_ref()
            .map(|hits| hits.iter().map(|h| (h.paragraph.id.clone(), h.score.to_bits())).collect::<Vec<_>>())
            .map_err(|e| e.to_string())
    };
    prop_assert_eq!(ranked(&search::search(opened(), &opts)), ranked(&search::search(opened(), &far)));
    match search::search(opened(), &opts) {
        Ok(hits) => {
            for h in hits {
                for [a, b] in h.highlights {
                    prop_assert!(a < b && b <= h.paragraph.text.len());
                    prop_assert!(h.paragraph.text.is_char_boundary(a) && h.paragraph.text.is_char_boundary(b));
                }
            }
        }
        // A malformed query is an error the user can read, naming the query.
        Err(e) => prop_assert!(e.to_string().starts_with("malformed query"), "{e}"),
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    #[test]
    fn any_query_gives_hits_none_or_a_clear_error(q in messy_string(), exact: bool, fuzzy: bool) {
        query_runs(&q, exact, fuzzy)?;
    }

    #[test]
    fn any_pasted_text_can_be_compared(text in messy_string()) {
        let collection = collection().lock().unwrap();
        let target = collection.outside_unit(&text);
        for f in collection.similar(&target, echoes::reuse::DEFAULT_MIN_WORDS, 5) {
            prop_assert!((0.0..=1.0).contains(&f.score));
        }
    }
}

/// Inputs that found problems once, kept so they never come back.
#[test]
fn regressions() {
    for q in [
        "victim's",
        "victims'",
        "'",
        "''",
        "\"",
        "\"\"",
        "\"a",
        "a\"",
        "*",
        "a*",
        "\"a b\"~",
        "~2",
        "^",
        "a^",
        ":",
        "text:",
        "force:x",
        "IN [",
        "[a TO",
        "(",
        ")",
        "a OR",
        "NOT",
        "-",
        "+",
        "\\",
        "\u{0}",
        "“",
        "’s",
        "\"victim’s status\"~3",
        "immigra*",
        "()",
        "a AND (b OR",
        "{",
        "}",
    ] {
        for (exact, fuzzy) in [(false, false), (true, false), (false, true)] {
            query_runs(q, exact, fuzzy).unwrap_or_else(|e| panic!("{q:?}: {e}"));
        }
    }
}

/// Pieces of the query language, strung together at random: brackets of every kind, operators,
/// phrases, ranges, boosts, fields. Long strings of them nest thousands deep.
fn query_soup() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "(", ")", "[", "]", "{", "}", "NOT ", "AND ", "OR ", "-", "+", "\"", "victim ", "immigr* ", "~2 ", "^3 ",
        "id:", "text:", "* ", "TO ", "'", "\\", "\u{201C}", " ",
    ]);
    prop::collection::vec(piece, 0..6000).prop_map(|pieces| pieces.concat())
}

/// A Word document (a zip) whose `word/document.xml` holds `xml`.
fn docx_with(xml: &str) -> Vec<u8> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("word/document.xml", zip::write::SimpleFileOptions::default()).unwrap();
    zip.write_all(xml.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// The query path at depth: whatever the nesting, an answer or a malformed-query error, never
    /// a stack overflow (which would abort this test binary).
    #[test]
    fn queries_of_any_depth_and_shape_are_answered_or_refused(q in query_soup(), exact: bool, fuzzy: bool) {
        query_runs(&q, exact, fuzzy)?;
    }

    /// Word documents with any markup, and zips of any bytes, are read or refused with a reason.
    #[test]
    fn word_documents_of_any_content_are_read_or_refused(
        s in messy_string(),
        noise in prop::collection::vec(any::<u8>(), 0..400),
        wrap in 0usize..3,
    ) {
        let bytes = match wrap {
            0 => docx_with(&format!("<w:document><w:body><w:p><w:r><w:t>{s}</w:t></w:r></w:p><w:tbl><w:tr><w:tc>{s}")),
            1 => docx_with(&s),
            _ => [&b"PK\x03\x04"[..], &noise].concat(),
        };
        match readers::read_file("doc.docx", &bytes, echoes::corpus::DEFAULT_MAX_FILE_MB << 20, Default::default()) {
            Ok(read) => prop_assert!(read.format.starts_with("docx")),
            Err(why) => prop_assert!(
                matches!(why, ReadError::Docx(_) | ReadError::Inflates(_) | ReadError::NotText(_) | ReadError::Blank),
                "{why}"
            ),
        }
    }

    /// PDFs of any bytes are read or refused with a reason.
    #[test]
    fn pdfs_of_any_bytes_are_read_or_refused(noise in prop::collection::vec(any::<u8>(), 0..2000)) {
        let bytes = [&b"%PDF-1.4\n"[..], &noise].concat();
        if let Err(reason) = readers::read_file("doc.pdf", &bytes, echoes::corpus::DEFAULT_MAX_FILE_MB << 20, Default::default()) {
            prop_assert!(matches!(&reason, ReadError::Pdf(why) if !why.is_empty()), "{reason}");
        }
    }
}

/// A search past its deadline stops and says so, whatever costly parts its query holds (phrases,
/// fuzzy terms; plain terms are cheap and run to their end).
#[test]
fn a_search_past_its_deadline_says_it_was_stopped() {
    for query in ["\"consistent national position\"~3", "victims AND \"police officers\"", "enforcment"] {
        let opts = SearchOptions {
            query: query.to_string(),
            fuzzy: query == "enforcment",
            deadline: Some(std::time::Instant::now()),
            limit: Some(5),
            ..SearchOptions::default()
        };
        let e = match search::search(opened(), &opts) {
            Ok(hits) => panic!("{query}: {} hits", hits.len()),
            Err(e) => e.to_string(),
        };
        assert!(e.contains("took longer than its time limit"), "{query}: {e}");
        let e = match search::count(opened(), &opts) {
            Ok(rows) => panic!("{query}: {} counts", rows.bodies.len()),
            Err(e) => e.to_string(),
        };
        assert!(e.contains("took longer than its time limit"), "{query}: {e}");
    }
}
