//! A PDF lopdf cannot parse (its cross-reference table cut off, its trailer broken), or a page
//! on which it finds no text: reported naming the file and the reason, and read by poppler's
//! `pdftotext` where it is installed.

use std::fs;
use std::path::Path;

use crate::common::{bundled_corpus, echoes_env};
use crate::pdf::json;

/// A corpus holding `name`: the reportlab table (recommendations 1, 4, 5 and 8) damaged by
/// `damage`, with the bundled recommendations.
fn damaged(name: &str, damage: impl Fn(&[u8]) -> Vec<u8>) -> tempfile::TempDir {
    let pdf = fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf/table-reportlab.pdf")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    fs::copy(bundled_corpus().join("recommendations.toml"), dir.path().join("recommendations.toml")).unwrap();
    fs::write(dir.path().join(name), damage(&pdf)).unwrap();
    dir
}

/// The lines of `stderr` that name `file`.
fn naming<'a>(stderr: &'a str, file: &str) -> Vec<&'a str> {
    stderr.lines().filter(|l| l.contains(file)).collect()
}

/// Where `needle` last stands in `hay`.
fn last(hay: &[u8], needle: &[u8]) -> usize {
    hay.windows(needle.len()).rposition(|w| w == needle).unwrap()
}

/// The file cut short: its last line but two lost (`startxref`, the table's offset, `%%EOF`).
fn truncated(pdf: &[u8]) -> Vec<u8> {
    pdf[..last(pdf, b"startxref")].to_vec()
}

/// The file with its cross-reference table's offset pointing past its end.
fn misplaced(pdf: &[u8]) -> Vec<u8> {
    [&pdf[..last(pdf, b"startxref")], b"startxref\n999999\n%%EOF\n"].concat()
}

#[test]
#[ignore = "needs poppler's pdftotext (.ci/run installs it)"]
fn a_pdf_cut_short_is_read_by_pdftotext_with_its_table_by_position() {
    let c = damaged("cut.pdf", truncated);
    let index = tempfile::tempdir().unwrap();
    let run = echoes_env(c.path(), index.path(), &["docs"], &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let told = naming(&run.stderr, "cut.pdf");
    assert_eq!(
        told,
        ["echoes: warning: cut.pdf: cannot be parsed (failed parsing cross reference table: invalid start value); read by pdftotext (fallback), tables by position only"],
        "{}",
        run.stderr
    );
    let docs = json(c.path(), index.path(), &["docs"]);
    assert_eq!(docs[0]["format"], "pdf (table by position; read by pdftotext (fallback))", "{docs:#}");
    // Each recommendation's row, its response beside it, as from the intact file.
    let paras = json(c.path(), index.path(), &["show", "cut"]);
    let of = |role: &str, rec: u64| -> Vec<String> {
        let paras = paras.as_array().unwrap().iter();
        let mine = paras.filter(|p| p["role"] == role && p["recommendation"].as_u64() == Some(rec));
        mine.map(|p| p["text"].as_str().unwrap().to_string()).collect()
    };
    for (rec, recommendation, response) in [
        (1, "Where officers only have concerns or doubts", "Kent Police issued a force order in March 2021"),
        (4, "Ensure that all migrant victims and witnesses", "Kent Police has trained its victim care officers"),
        (5, "Promote migrant victims' and witnesses' confidence", "Neighbourhood officers in Kent attend"),
        (8, "Provide an update to HM Chief Inspector", "This table is the update Kent Police provided"),
    ] {
        assert!(of("recommendation", rec).iter().any(|t| t.starts_with(recommendation)), "{rec}: {paras:#}");
        assert!(of("response", rec).iter().any(|t| t.starts_with(response)), "{rec}: {paras:#}");
    }
    // Its prose is paragraphs, not a paragraph per line.
    let first = paras[1]["text"].as_str().unwrap();
    assert!(first.starts_with("This document sets out") && first.ends_with("governance board."), "{paras:#}");
}

#[test]
#[ignore = "needs poppler's pdftotext (.ci/run installs it)"]
fn a_pdf_whose_xref_offset_is_wrong_is_read_by_pdftotext() {
    let c = damaged("moved.pdf", misplaced);
    let index = tempfile::tempdir().unwrap();
    let docs = json(c.path(), index.path(), &["docs"]);
    assert_eq!(docs[0]["format"], "pdf (table by position; read by pdftotext (fallback))", "{docs:#}");
    assert_eq!(docs[0]["answers"], serde_json::json!([1, 4, 5, 8]), "{docs:#}");
}

#[test]
fn without_pdftotext_a_pdf_that_cannot_be_parsed_is_skipped_saying_what_to_install() {
    let c = damaged("cut.pdf", truncated);
    let index = tempfile::tempdir().unwrap();
    let run = echoes_env(c.path(), index.path(), &["docs"], &[("ECHOES_PDFTOTEXT", "/nonexistent/pdftotext")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let told = naming(&run.stderr, "cut.pdf");
    assert_eq!(
        told,
        ["echoes: skipped cut.pdf: a PDF that cannot be read: it cannot be parsed (failed parsing cross reference table: invalid start value); to read it with poppler's pdftotext as a fallback, install poppler-utils"],
        "{}",
        run.stderr
    );
    assert!(run.stdout.lines().all(|l| !l.contains("cut")), "{}", run.stdout);
}

#[test]
#[ignore = "needs poppler's pdftotext (.ci/run installs it)"]
fn a_pdf_neither_reader_can_parse_is_skipped_with_both_reasons() {
    // "trailer" misspelt: lopdf finds no trailer, and poppler no trailer dictionary (nor where
    // the document's catalogue is).
    let c = damaged("broken.pdf", |pdf| {
        let at = last(pdf, b"trailer");
        [&pdf[..at], b"trailex", &pdf[at + 7..]].concat()
    });
    let index = tempfile::tempdir().unwrap();
    let run = echoes_env(c.path(), index.path(), &["docs"], &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let told = naming(&run.stderr, "broken.pdf");
    assert_eq!(
        told,
        ["echoes: skipped broken.pdf: a PDF that cannot be read: it cannot be parsed (couldn't parse input: invalid file trailer), and pdftotext could not read it either"],
        "{}",
        run.stderr
    );
}

/// A corpus holding pdf.js's test file `name` (tests/fixtures/pdf/pdfjs), with the bundled
/// recommendations.
fn pdfjs(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf/pdfjs").join(name);
    fs::copy(from, dir.path().join(name)).unwrap();
    fs::copy(bundled_corpus().join("recommendations.toml"), dir.path().join("recommendations.toml")).unwrap();
    dir
}

#[test]
#[ignore = "needs poppler's pdftotext (.ci/run installs it)"]
fn a_page_whose_text_the_pdf_library_cannot_find_is_read_by_pdftotext_not_taken_for_a_scan() {
    let c = pdfjs("issue13242.pdf");
    let index = tempfile::tempdir().unwrap();
    // OCR is made unavailable: were the page taken for a scan, the file would be skipped.
    let no_ocr = [("ECHOES_TESSERACT", "/nonexistent/tesseract")];
    let run = echoes_env(c.path(), index.path(), &["docs"], &no_ocr);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let told = naming(&run.stderr, "issue13242");
    assert_eq!(
        told,
        ["echoes: warning: issue13242.pdf: page(s) 1 read by pdftotext (fallback): the PDF reader found no text there (content it cannot interpret); tables by position only"],
        "{}",
        run.stderr
    );
    let docs = json(c.path(), index.path(), &["docs"]);
    assert_eq!(docs[0]["format"], "pdf (text layer; 1 page read by pdftotext (fallback))", "{docs:#}");
    let paras = json(c.path(), index.path(), &["show", "issue13242"]);
    let text: Vec<&str> = paras.as_array().unwrap().iter().map(|p| p["text"].as_str().unwrap()).collect();
    assert!(text[0].starts_with("Lorem ipsum dolor sit amet, consetetur sadipscing elitr"), "{text:#?}");
    assert!(text.iter().any(|t| t.contains("Stet clita kasd gubergren")), "{text:#?}");
}

#[test]
fn without_pdftotext_or_ocr_a_page_without_text_found_is_still_said_to_need_ocr() {
    let c = pdfjs("issue13242.pdf");
    let index = tempfile::tempdir().unwrap();
    let missing = [("ECHOES_TESSERACT", "/nonexistent/tesseract"), ("ECHOES_PDFTOTEXT", "/nonexistent/pdftotext")];
    let run = echoes_env(c.path(), index.path(), &["docs"], &missing);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let told = naming(&run.stderr, "issue13242");
    assert_eq!(
        told,
        ["echoes: skipped issue13242.pdf: a PDF of scanned pages with no text layer; to read them by OCR, install tesseract and pdftoppm (Debian: apt-get install tesseract-ocr poppler-utils)"],
        "{}",
        run.stderr
    );
}

#[test]
fn text_whose_characters_are_a_fonts_codes_is_never_indexed_and_is_said_page_by_page() {
    // Its body fonts give control characters for letters, to pdftotext too: neither reading is
    // taken, and without OCR those pages are left unread, said naming the file, pages and font.
    let c = pdfjs("TAMReview.pdf");
    let index = tempfile::tempdir().unwrap();
    let no_ocr = [("ECHOES_TESSERACT", "/nonexistent/tesseract")];
    let run = echoes_env(c.path(), index.path(), &["docs"], &no_ocr);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let told = naming(&run.stderr, "TAMReview");
    let pages: Vec<String> = (2..=22).map(|n: u32| n.to_string()).collect();
    assert_eq!(
        told,
        [format!(
            "echoes: warning: TAMReview.pdf: page(s) {}: text in a font without a Unicode map (Times-Roman), whose characters cannot be told, left unread; to read it by OCR, install tesseract and pdftoppm (Debian: apt-get install tesseract-ocr poppler-utils)",
            pages.join(", ")
        )],
        "{}",
        run.stderr
    );
    let docs = json(c.path(), index.path(), &["docs"]);
    let format = docs[0]["format"].as_str().unwrap();
    assert!(format.contains("text in a font without a Unicode map unread on 21 pages"), "{docs:#}");
    // The first page's own text stands; no paragraph holds a control character.
    let paras = json(c.path(), index.path(), &["show", "TAMReview"]);
    let text: Vec<&str> = paras.as_array().unwrap().iter().map(|p| p["text"].as_str().unwrap()).collect();
    assert!(text.iter().any(|t| t.starts_with("Overview of the Technology Acceptance Model")), "{text:#?}");
    assert!(text.iter().all(|t| !t.chars().any(|c| c.is_control())), "{text:#?}");
}

#[test]
#[ignore = "needs poppler's pdftotext (.ci/run installs it)"]
fn a_page_whose_words_come_out_a_letter_at_a_time_is_read_by_pdftotext() {
    let c = pdfjs("issue14415.pdf");
    let index = tempfile::tempdir().unwrap();
    let run = echoes_env(c.path(), index.path(), &["docs"], &[]);
    let told = naming(&run.stderr, "issue14415");
    assert_eq!(
        told,
        ["echoes: warning: issue14415.pdf: page(s) 1 read by pdftotext (fallback): the PDF reader gave its words a letter at a time (glyph widths wrong); tables by position only"],
        "{}",
        run.stderr
    );
    let docs = json(c.path(), index.path(), &["docs"]);
    assert_eq!(docs[0]["format"], "pdf (text layer; 1 page read by pdftotext (fallback))", "{docs:#}");
    let paras = json(c.path(), index.path(), &["show", "issue14415"]);
    let text: Vec<&str> = paras.as_array().unwrap().iter().map(|p| p["text"].as_str().unwrap()).collect();
    assert!(text.iter().any(|t| t.starts_with("This agreement hereby states that both")), "{text:#?}");
}

#[test]
fn signs_a_symbol_font_maps_to_private_use_code_points_are_read_with_their_words() {
    let c = pdfjs("issue16263.pdf");
    let index = tempfile::tempdir().unwrap();
    let no_ocr = [("ECHOES_TESSERACT", "/nonexistent/tesseract")];
    let run = echoes_env(c.path(), index.path(), &["docs"], &no_ocr);
    assert!(!run.stderr.contains("issue16263"), "{}", run.stderr);
    let docs = json(c.path(), index.path(), &["docs"]);
    assert_eq!(docs[0]["format"], "pdf (text layer)", "{docs:#}");
    let paras = json(c.path(), index.path(), &["show", "issue16263"]);
    let first = paras[0]["text"].as_str().unwrap();
    let words: Vec<&str> = first.split_whitespace().filter(|w| w.chars().all(|c| c.is_ascii_alphabetic())).collect();
    assert_eq!(words[..4], ["OA", "OB", "OC", "u"], "{first:?}");
}

#[test]
fn a_letter_again_in_a_word_of_narrow_widths_is_two_letters_not_one_overprinted() {
    let c = pdfjs("issue918.pdf");
    let index = tempfile::tempdir().unwrap();
    let paras = json(c.path(), index.path(), &["show", "issue918"]);
    let text: String =
        paras.as_array().unwrap().iter().map(|p| p["text"].as_str().unwrap()).collect::<Vec<_>>().join(" ");
    for word in ["greengrocer", "speech", "petty", "essence of ideology", "beliefs", "facade"] {
        assert!(text.contains(word), "{word}: {text}");
    }
    assert!(
        !text.contains("grengrocer")
            && !text.contains("spech")
            && !text.contains(" pety ")
            && !text.contains("ideolgy"),
        "{text}"
    );
}

/// PDFBox's `sample_fonts_solidconvertor.pdf` (`tests/fixtures/pdf/pdfbox`): a line of Czech in
/// each of nine fonts. Its last two are drawn in composite fonts whose `ToUnicode` is the name
/// `/Identity-H`, not a map: each code is its character.
fn sample_fonts() -> Vec<u8> {
    fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf/pdfbox/sample_fonts_solidconvertor.pdf"))
        .unwrap()
}

/// A corpus of one PDF, `bytes` named `name`.
fn corpus_of(name: &str, bytes: &[u8]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(bundled_corpus().join("recommendations.toml"), dir.path().join("recommendations.toml")).unwrap();
    fs::write(dir.path().join(name), bytes).unwrap();
    dir
}

#[test]
fn a_unicode_map_named_identity_reads_each_code_as_its_character() {
    // Its two lines in those fonts came out as nothing, without a word said.
    let c = corpus_of("fonts.pdf", &sample_fonts());
    let index = tempfile::tempdir().unwrap();
    let missing = [("ECHOES_TESSERACT", "/nonexistent/tesseract"), ("ECHOES_PDFTOTEXT", "/nonexistent/pdftotext")];
    let run = echoes_env(c.path(), index.path(), &["show", "fonts", "--format", "json"], &missing);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(naming(&run.stderr, "fonts.pdf").is_empty(), "{}", run.stderr);
    let paras: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let texts: Vec<&str> = paras.as_array().unwrap().iter().map(|p| p["text"].as_str().unwrap()).collect();
    assert_eq!(texts.len(), 9, "{texts:#?}");
    // Spaces set as moves on a line whose other spaces are characters part words too.
    assert_eq!(texts[1], "Times: Toto je pokusný text s češtinou – ěščřžýáíé", "{texts:#?}");
    assert!(texts[7].starts_with("Verdana: Toto je pokusný text s češtinou"), "{texts:#?}");
    assert!(texts[8].starts_with("Sans serif: Toto je pokusný text s češtinou"), "{texts:#?}");
}

/// The same PDF with an empty map (a stream that maps no code) for its composite fonts: their
/// characters come out as nothing.
fn with_empty_maps(pdf: &[u8]) -> Vec<u8> {
    let mut doc = lopdf::Document::load_mem(pdf).unwrap();
    let empty = b"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CMapName /Empty def\n\
        1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\nendcmap\nend\nend\n";
    let cmap = doc.add_object(lopdf::Stream::new(lopdf::Dictionary::new(), empty.to_vec()));
    for object in doc.objects.values_mut() {
        if let Ok(dict) = object.as_dict_mut() {
            if dict.get(b"Subtype").and_then(|s| s.as_name()).is_ok_and(|s| s == b"Type0") {
                dict.set("ToUnicode", cmap);
            }
        }
    }
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

#[test]
fn characters_drawn_as_nothing_are_said_lost_and_the_rest_of_the_page_stands() {
    let c = corpus_of("lost.pdf", &with_empty_maps(&sample_fonts()));
    let index = tempfile::tempdir().unwrap();
    let missing = [("ECHOES_TESSERACT", "/nonexistent/tesseract"), ("ECHOES_PDFTOTEXT", "/nonexistent/pdftotext")];
    let run = echoes_env(c.path(), index.path(), &["show", "lost", "--format", "json"], &missing);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let told = naming(&run.stderr, "lost.pdf");
    assert_eq!(told.len(), 1, "{}", run.stderr);
    assert!(
        told[0].starts_with("echoes: warning: lost.pdf: page(s) 1: text in a font without a Unicode map (")
            && told[0].contains("left unread"),
        "{}",
        run.stderr
    );
    let paras: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let texts: Vec<&str> = paras.as_array().unwrap().iter().map(|p| p["text"].as_str().unwrap()).collect();
    assert_eq!(texts.len(), 7, "{texts:#?}");
    assert!(texts[0].starts_with("Courier: Toto je pokusný"), "{texts:#?}");
}

#[test]
#[ignore = "needs poppler's pdftotext (.ci/run installs it)"]
fn characters_drawn_as_nothing_are_read_by_pdftotext() {
    let c = corpus_of("lost.pdf", &with_empty_maps(&sample_fonts()));
    let index = tempfile::tempdir().unwrap();
    let no_ocr = [("ECHOES_TESSERACT", "/nonexistent/tesseract")];
    let run = echoes_env(c.path(), index.path(), &["show", "lost", "--format", "json"], &no_ocr);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        naming(&run.stderr, "lost.pdf"),
        ["echoes: warning: lost.pdf: page(s) 1 read by pdftotext (fallback): the PDF reader gave no characters for some of its text (a font it cannot map); tables by position only"],
        "{}",
        run.stderr
    );
    let paras: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let texts: Vec<&str> = paras.as_array().unwrap().iter().map(|p| p["text"].as_str().unwrap()).collect();
    assert!(texts.iter().any(|t| t.starts_with("Verdana: Toto je pokusný text s češtinou")), "{texts:#?}");
    assert!(texts.iter().any(|t| t.starts_with("Sans serif: Toto je pokusný text s češtinou")), "{texts:#?}");
}
