//! Hostile PDFs, written here with lopdf: forms that draw themselves, forms nested past any
//! document, streams that inflate a thousandfold, graphics states saved two million times. Each
//! is skipped with its reason, under an address-space limit, and the rest of the corpus is read.

use std::fs;
use std::path::Path;

use lopdf::{dictionary, Document, Object, ObjectId, Stream};
use serde_json::Value;

/// A one-page PDF whose page draws `content` with the XObjects `extra` adds (given the id of the
/// page's resources).
fn pdf_with(content: &[u8], extra: impl FnOnce(&mut Document, ObjectId) -> Vec<(&'static str, ObjectId)>) -> Vec<u8> {
    pdf_of(content, true, extra)
}

fn pdf_of(
    content: &[u8],
    compress: bool,
    extra: impl FnOnce(&mut Document, ObjectId) -> Vec<(&'static str, ObjectId)>,
) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica", "Encoding" => "WinAnsiEncoding",
    });
    let resources_id = doc.new_object_id();
    let xobjects = extra(&mut doc, resources_id);
    let mut xdict = lopdf::Dictionary::new();
    for (name, id) in xobjects {
        xdict.set(name, id);
    }
    doc.objects.insert(
        resources_id,
        Object::Dictionary(dictionary! { "Font" => dictionary! { "F1" => font }, "XObject" => xdict }),
    );
    let mut stream = Stream::new(dictionary! {}, content.to_vec());
    if compress {
        stream.compress().unwrap();
    }
    let contents = doc.add_object(stream);
    let page = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => contents, "Resources" => resources_id,
    });
    crate::common::finish_pdf(doc, pages_id, vec![page.into()], lopdf::Dictionary::new())
}

fn text(words: &str, y: u32) -> String {
    format!("BT /F1 11 Tf 72 {y} Td ({words}) Tj ET\n")
}

/// A form drawing `content`, with the page's resources.
fn form(doc: &mut Document, resources: ObjectId, content: &[u8]) -> ObjectId {
    let dict = dictionary! {
        "Type" => "XObject", "Subtype" => "Form", "BBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        "Resources" => resources,
    };
    doc.add_object(Stream::new(dict, content.to_vec()))
}

/// A chain of `depth` forms, each drawing the next; the innermost writes `words`.
fn nested_forms(depth: usize, words: &str) -> Vec<u8> {
    let page = format!("{}/Fm0 Do\n", text("The page's own words.", 760));
    pdf_with(page.as_bytes(), |doc, res| {
        let ids: Vec<ObjectId> = (0..depth).map(|_| doc.new_object_id()).collect();
        let mut names = Vec::new();
        for (i, id) in ids.iter().enumerate() {
            let content = if i + 1 == depth { text(words, 700) } else { format!("q /Fm{} Do Q\n", i + 1) };
            let dict = dictionary! {
                "Type" => "XObject", "Subtype" => "Form", "BBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
                "Resources" => res,
            };
            doc.objects.insert(*id, Object::Stream(Stream::new(dict, content.into_bytes())));
            names.push((Box::leak(format!("Fm{i}").into_boxed_str()) as &'static str, *id));
        }
        names
    })
}

/// The corpus: a plain response beside the hostile file.
fn corpus_with_pdf(name: &str, bytes: &[u8]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join(name), bytes).unwrap();
    fs::write(dir.path().join("kent.txt"), "Kent Police has reviewed its data sharing with immigration enforcement.\n")
        .unwrap();
    dir
}

/// Runs echoes under a 2 GB address-space limit.
fn bounded(corpus: &Path, index: &Path, args: &[&str], extra: &[&str]) -> (i32, String, String) {
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 2000000; exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_echoes"))
        .args(["--corpus".as_ref(), corpus.as_os_str(), "--index".as_ref(), index.as_os_str()])
        .args(extra)
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The reason `docs` gives for skipping `name`, after every command answered.
fn skipped(bytes: &[u8], extra: &[&str]) -> String {
    let corpus = corpus_with_pdf("hostile.pdf", bytes);
    let index = tempfile::tempdir().unwrap();
    for args in [&["search", "immigration", "--format", "json"][..], &["reuse"][..]] {
        let (code, stdout, stderr) = bounded(corpus.path(), index.path(), args, extra);
        // `reuse` finds nothing here: exit code 1, as documented.
        assert!(code == 0 || (code == 1 && args[0] == "reuse"), "{args:?}: exit {code}: {stderr}");
        if args[0] == "search" {
            let hits: Value = serde_json::from_str(&stdout).unwrap();
            assert_eq!(hits.as_array().unwrap().len(), 1, "the plain response is read: {stdout}");
        }
    }
    let (code, stdout, stderr) = bounded(corpus.path(), index.path(), &["index", "--format", "json"], extra);
    assert_eq!(code, 0, "{stderr}");
    let report: Value = serde_json::from_str(&stdout).unwrap();
    let skipped = report["skipped"].as_array().unwrap_or_else(|| panic!("no skipped list: {stdout}"));
    let entry = skipped.iter().find(|s| s["path"] == "hostile.pdf").unwrap_or_else(|| panic!("not skipped: {stdout}"));
    entry["reason"].as_str().unwrap().to_string()
}

#[test]
fn a_form_that_draws_itself_is_skipped_and_every_command_answers() {
    let bytes = pdf_with(format!("{}/Me Do\n", text("Words before the loop.", 760)).as_bytes(), |doc, res| {
        let id = doc.new_object_id();
        let dict = dictionary! { "Type" => "XObject", "Subtype" => "Form", "Resources" => res };
        doc.objects.insert(id, Object::Stream(Stream::new(dict, b"/Me Do".to_vec())));
        vec![("Me", id)]
    });
    assert!(bytes.len() < 2000, "{}", bytes.len());
    let reason = skipped(&bytes, &[]);
    assert!(reason.contains("a form that draws itself"), "{reason}");
}

#[test]
fn two_forms_that_draw_each_other_are_skipped() {
    let bytes = pdf_with(b"/A Do\n", |doc, res| {
        let a = form(doc, res, b"q /B Do Q");
        let b = form(doc, res, b"/A Do");
        vec![("A", a), ("B", b)]
    });
    let reason = skipped(&bytes, &[]);
    assert!(reason.contains("a form that draws itself"), "{reason}");
}

#[test]
fn forms_nested_past_any_document_are_skipped_and_a_few_deep_are_read() {
    let reason = skipped(&nested_forms(5000, "Too deep to reach."), &[]);
    assert!(reason.contains("forms drawn within forms over 12 deep"), "{reason}");
    let corpus = corpus_with_pdf("nested.pdf", &nested_forms(6, "Six forms down the answer waits."));
    let index = tempfile::tempdir().unwrap();
    let (code, stdout, stderr) =
        bounded(corpus.path(), index.path(), &["search", "\"answer waits\"", "--role", "all", "--format", "json"], &[]);
    assert_eq!(code, 0, "{stderr}");
    let hits: Value = serde_json::from_str(&stdout).unwrap();
    let texts: Vec<&str> = hits.as_array().unwrap().iter().map(|h| h["text"].as_str().unwrap()).collect();
    assert_eq!(texts, ["Six forms down the answer waits."]);
}

#[test]
fn a_stream_that_inflates_a_thousandfold_is_skipped_in_bounded_memory() {
    // About 30 MB of drawn text from a file of about a hundred kilobytes.
    let line = text(&"A".repeat(200), 400);
    let content = line.repeat(30_000_000 / line.len());
    let bytes = pdf_with(content.as_bytes(), |_, _| Vec::new());
    assert!(bytes.len() < 200_000, "{}", bytes.len());
    let reason = skipped(&bytes, &[]);
    assert!(reason.contains("times over, as no document does"), "{reason}");
}

#[test]
fn content_past_the_size_limit_is_skipped_and_content_within_it_read() {
    // Words that do not repeat compress as documents do: 1.5 MB of them, under a 1 MiB limit.
    let mut state = 7u64;
    let mut content = String::new();
    while content.len() < 1_500_000 {
        let words: Vec<String> = (0..8)
            .map(|_| {
                state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                format!("w{:x}", state >> 40)
            })
            .collect();
        content.push_str(&text(&words.join(" "), 400));
    }
    let bytes = pdf_with(content.as_bytes(), |_, _| Vec::new());
    let reason = skipped(&bytes, &["--max-file-mb", "1"]);
    assert_eq!(reason, "a PDF that cannot be read: its content would inflate to over 1 MiB (--max-file-mb)");
    let corpus = corpus_with_pdf("big.pdf", &bytes);
    let index = tempfile::tempdir().unwrap();
    let (code, stdout, stderr) = bounded(corpus.path(), index.path(), &["index", "--format", "json"], &[]);
    assert_eq!(code, 0, "{stderr}");
    let report: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["documents"], 2, "{stdout}");
}

#[test]
fn two_million_saved_graphics_states_are_skipped_in_bounded_memory() {
    let content = format!("{}{}", text("Words before the states.", 760), "q\n".repeat(2_000_000));
    let bytes = pdf_of(content.as_bytes(), false, |_, _| Vec::new());
    let reason = skipped(&bytes, &[]);
    assert!(reason.contains("graphics states nested over 1024 deep"), "{reason}");
}

/// A PDF written object by object (objects numbered from 1, the first the catalog), with a
/// classic cross-reference table.
fn raw_pdf(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.5\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n", i + 1).bytes());
        out.extend(body);
        out.extend(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").bytes());
    }
    out.extend(format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).bytes());
    out
}

fn raw_stream(dict: &str, data: &[u8]) -> Vec<u8> {
    [format!("<< {dict} /Length {} >>\nstream\n", data.len()).as_bytes(), data, b"\nendstream"].concat()
}

#[test]
fn an_object_stream_that_inflates_past_the_limit_is_skipped_before_it_is_loaded() {
    use std::io::Write;
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    z.write_all(b"9 0 ").unwrap();
    z.write_all(&vec![b' '; 8_000_000]).unwrap();
    let packed = z.finish().unwrap();
    let page = text("Words on the page.", 760);
    let bytes = raw_pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>".to_vec(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
        raw_stream("", page.as_bytes()),
        raw_stream("/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode", &packed),
    ]);
    assert!(bytes.len() < 100_000, "{}", bytes.len());
    let reason = skipped(&bytes, &["--max-file-mb", "2"]);
    assert_eq!(reason, "a PDF that cannot be read: its content would inflate to over 2 MiB (--max-file-mb)");
    // At the default limit the same stream is refused for its ratio.
    let reason = skipped(&bytes, &[]);
    assert!(reason.contains("times over, as no document does"), "{reason}");
}
