//! Real PDFs nobody here made (`tests/fixtures/pdf/real`, from tabula-java's, pdfplumber's and camelot's
//! test suites, with the cells those suites expect): each failure they showed, read as a user
//! reads them, with `show` and `docs`.

use std::fs;
use std::path::{Path, PathBuf};

use crate::common::bundled_corpus;
use crate::pdf::json;
use serde_json::Value;

fn real() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf/real")
}

/// A corpus of one real PDF, with the bundled recommendations, and its index.
fn corpus(file: &str) -> (tempfile::TempDir, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(bundled_corpus().join("recommendations.toml"), dir.path().join("recommendations.toml")).unwrap();
    fs::copy(real().join(file), dir.path().join(file)).unwrap();
    (dir, tempfile::tempdir().unwrap())
}

/// The document's rows, each its cells in order: a row of a table that answers no
/// recommendation is one paragraph, its cells separated by " | "; the cells of one that does
/// are paragraphs standing on one line of the laid-out text.
fn rows(paras: &Value) -> Vec<Vec<String>> {
    let mut out: Vec<(u64, Vec<String>)> = Vec::new();
    for p in paras.as_array().unwrap() {
        let line = p["line"].as_u64().unwrap();
        let cells = p["text"].as_str().unwrap().split(" | ").map(str::to_string);
        match out.last_mut() {
            Some((l, row)) if *l == line => row.extend(cells),
            _ => out.push((line, cells.collect())),
        }
    }
    out.into_iter().map(|(_, cells)| cells).collect()
}

/// The document's words, in order.
fn words(paras: &Value) -> Vec<String> {
    let texts = paras.as_array().unwrap().iter().map(|p| p["text"].as_str().unwrap());
    texts.flat_map(|t| t.split_whitespace().map(str::to_string).collect::<Vec<_>>()).collect()
}

#[test]
fn a_table_set_sideways_reads_row_by_row_not_letter_by_letter() {
    // schools.pdf: a ruled table of contributions, set up the page (its text runs upwards).
    let (c, index) = corpus("schools.pdf");
    let paras = json(c.path(), index.path(), &["show", "schools"]);
    let rows = rows(&paras);
    let want = ["Lidstad", "Dick & Peg", "62 Mississippi River Blvd N", "Saint Paul", "MN", "55104", "retired"];
    assert!(rows.iter().any(|r| r.len() >= want.len() && want.iter().all(|w| r.contains(&w.to_string()))), "{rows:#?}");
    // Read letter by letter, "Occupation" came out as `n o i t a p u c c O`: a word of one
    // letter in most words.
    let words = words(&paras);
    assert!(words.iter().any(|w| w == "Occupation") && words.iter().any(|w| w == "Employer"), "{words:?}");
    let single_letters = words.iter().filter(|w| w.chars().count() == 1 && w.chars().all(char::is_alphabetic)).count();
    assert!(single_letters * 20 < words.len(), "{single_letters} of {} words of one letter", words.len());
    let docs = json(c.path(), index.path(), &["docs"]);
    assert_eq!(docs[0]["format"], "pdf (ruled table; rotated text on 5 pages)", "{docs:#}");
}

#[test]
fn numbers_stay_whole_in_their_grid_cells() {
    // Its fonts give digits their widths as `first last width` ranges; read as missing, each
    // digit took a whole font size, and `902,418.00` ran into the next cell as `902,418.0 | 0 US$`.
    let (c, index) = corpus("Publication_of_award_of_Bids_for_Transport_Sector__August_2016.pdf");
    let paras =
        json(c.path(), index.path(), &["show", "Publication_of_award_of_Bids_for_Transport_Sector__August_2016"]);
    let rows = rows(&paras);
    let row = rows.iter().find(|r| r.first().is_some_and(|c| c == "1")).unwrap_or_else(|| panic!("{rows:#?}"));
    let want = [
        "Japan Motors Trading Company Limited",
        "Box AN 5216, Accra‐North",
        "902,418.00",
        "US$",
        "13‐Sep‐11",
        "12‐Dec‐11",
        "Completed",
    ];
    assert!(want.iter().all(|w| row.contains(&w.to_string())), "{row:?}");
}

#[test]
fn a_notice_in_three_columns_is_prose_that_answers_no_recommendation() {
    // The Federal Register notice sets its prose in three columns; read as a table, its lines
    // lost their ends to other "cells" and it got 268 recommendation paragraphs.
    let (c, index) = corpus("federal-register-2020-17221.pdf");
    let docs = json(c.path(), index.path(), &["docs"]);
    assert_eq!(docs[0]["format"], "pdf (ruled table; prose in columns on 10 pages)", "{docs:#}");
    let paras = json(c.path(), index.path(), &["show", "federal-register-2020-17221"]);
    let roles: Vec<&str> = paras.as_array().unwrap().iter().map(|p| p["role"].as_str().unwrap()).collect();
    assert!(!roles.iter().any(|r| *r == "recommendation" || *r == "response"), "{roles:?}");
    // A sentence that runs down a column is one paragraph, whole.
    let text: Vec<&str> = paras.as_array().unwrap().iter().map(|p| p["text"].as_str().unwrap()).collect();
    assert!(
        text.iter().any(|t| t
            .contains("This section of the FEDERAL REGISTER contains notices to the public of the proposed issuance")),
        "{text:#?}"
    );
}

#[test]
fn a_font_without_a_unicode_map_is_read_from_the_font_it_embeds() {
    // The Chromium table with its fonts' ToUnicode maps taken out: pdf-extract then reads every
    // character as nothing, and the pages were sent to OCR.
    let mut doc =
        lopdf::Document::load(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf/table-chromium.pdf"))
            .unwrap();
    let mut stripped = 0;
    for o in doc.objects.values_mut() {
        if let Ok(d) = o.as_dict_mut() {
            stripped += usize::from(d.remove(b"ToUnicode").is_some());
        }
    }
    assert_eq!(stripped, 2);
    let dir = tempfile::tempdir().unwrap();
    fs::copy(bundled_corpus().join("recommendations.toml"), dir.path().join("recommendations.toml")).unwrap();
    doc.save(dir.path().join("kent.pdf")).unwrap();
    let index = tempfile::tempdir().unwrap();
    let no_ocr = [("ECHOES_TESSERACT", "/nonexistent/tesseract")];
    let run = crate::common::echoes_env(dir.path(), index.path(), &["docs", "--format", "json"], &no_ocr);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let docs = run.json();
    assert_eq!(docs[0]["format"], "pdf (ruled table; 2 fonts without a Unicode map decoded from the font itself)");
    assert_eq!(docs[0]["recommendations"], serde_json::json!([1, 4, 5, 8]), "{docs:#}");
    let run = crate::common::echoes_env(dir.path(), index.path(), &["show", "kent", "--format", "json"], &no_ocr);
    let text: Vec<String> =
        run.json().as_array().unwrap().iter().map(|p| p["text"].as_str().unwrap().to_string()).collect();
    assert!(
        text.iter().any(|t| t.starts_with("Kent Police issued a force order")
            && t.ends_with("in each partner agency for ownership.")),
        "{text:#?}"
    );
}

#[test]
fn a_figures_table_is_a_paragraph_per_row_with_its_cells_in_order() {
    // NICS checks by state: no column names a recommendation or a response, so no cell is one;
    // each state's row is one paragraph.
    let (c, index) = corpus("nics-background-checks-2015-11-rotated.pdf");
    let paras = json(c.path(), index.path(), &["show", "nics-background-checks-2015-11-rotated"]);
    let all = paras.as_array().unwrap();
    let alabama: Vec<&str> =
        all.iter().map(|p| p["text"].as_str().unwrap()).filter(|t| t.starts_with("Alabama")).collect();
    assert_eq!(
        alabama,
        ["Alabama | 18,870 | 23,022 | 22,650 | 859 | 1,178 | 0 | 14 | 15 | 0 | 2,179 | 2,307 | 11 | 0 | 0 | 0 | 13 | 14 | 0 | 3 | 2 | 0 | 71,137"]
    );
    assert!(all.iter().all(|p| p["role"] != "recommendation" && p["role"] != "response"));
    assert!(all.len() < 120, "{} paragraphs", all.len());
}

#[test]
fn hebrew_reads_in_its_order_and_a_body_without_inner_rules_keeps_its_columns() {
    // Israel's statistical table: a ruled header over a body drawn without its inner rules, and
    // row labels in Hebrew. Read before as one cell of every figure, its labels letter by letter
    // backwards ("לכה ךס" for "סך הכל", total).
    let (c, index) = corpus("indictb1h_14.pdf");
    let paras = json(c.path(), index.path(), &["show", "indictb1h_14"]);
    let rows = rows(&paras);
    let want = ["0.7", "1.3", "1.1", "2.3", "3.8", "0.1", "סך הכל - לנפש"];
    assert!(rows.iter().any(|r| r == &want), "{rows:#?}");
}

#[test]
fn a_font_whose_characters_cannot_be_told_is_never_indexed_as_words() {
    // LibreOffice's table with its TrueType fonts' ToUnicode maps and encodings taken out and
    // marked symbolic: its codes are the producer's own (1, 2, 3 … for the glyphs as used), and
    // its fonts carry no cmap to tell them by. Read as Windows-1252 it gave `!"#` for words.
    let mut doc =
        lopdf::Document::load(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf/table-libreoffice.pdf"))
            .unwrap();
    for o in doc.objects.values_mut() {
        let Ok(d) = o.as_dict_mut() else { continue };
        if d.get(b"Subtype").ok().and_then(|s| s.as_name().ok()) == Some(b"TrueType") {
            d.remove(b"ToUnicode");
            d.remove(b"Encoding");
        }
        if d.get(b"Type").ok().and_then(|s| s.as_name().ok()) == Some(b"FontDescriptor") {
            d.set("Flags", lopdf::Object::Integer(4));
        }
    }
    let dir = tempfile::tempdir().unwrap();
    fs::copy(bundled_corpus().join("recommendations.toml"), dir.path().join("recommendations.toml")).unwrap();
    doc.save(dir.path().join("cipher.pdf")).unwrap();
    let index = tempfile::tempdir().unwrap();
    let no_ocr = [("ECHOES_TESSERACT", "/nonexistent/tesseract")];
    let run = crate::common::echoes_env(dir.path(), index.path(), &["docs"], &no_ocr);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let skip: Vec<&str> = run.stderr.lines().filter(|l| l.contains("cipher.pdf")).collect();
    assert_eq!(
        skip,
        ["echoes: skipped cipher.pdf: a PDF that cannot be read: its text is drawn in a font without a Unicode map (BAAAAA+DejaVuSans-Bold), whose characters cannot be told; to read it by OCR, install tesseract and pdftoppm (Debian: apt-get install tesseract-ocr poppler-utils)"],
        "{}",
        run.stderr
    );
    assert!(run.stdout.lines().all(|l| !l.contains("cipher")), "{}", run.stdout);
}

#[test]
fn a_transcript_with_numbered_lines_keeps_every_word_a_line_per_paragraph() {
    // The Supreme Court transcript numbers its lines down the margin: read as a table of two
    // columns it was one row, and a third of its words were lost.
    let (c, index) = corpus("scotus-transcript-p1.pdf");
    let docs = json(c.path(), index.path(), &["docs"]);
    assert_eq!(docs[0]["format"], "pdf (table by position)", "{docs:#}");
    let paras = json(c.path(), index.path(), &["show", "scotus-transcript-p1"]);
    let text: Vec<&str> = paras.as_array().unwrap().iter().map(|p| p["text"].as_str().unwrap()).collect();
    for line in
        ["13 argument before the Supreme Court of the United States", "1 | IN THE SUPREME COURT OF THE UNITED STATES"]
    {
        assert!(text.contains(&line), "{text:#?}");
    }
}

#[test]
fn a_transcript_keeps_the_numbers_of_its_empty_lines_and_drops_its_page_number() {
    // Lines 11 and 20 to 25 of the transcript's margin stand alone: taken for page numbers,
    // they were dropped wherever they stood. Only the page's own number, at its foot, goes.
    let (c, index) = corpus("scotus-transcript-p1.pdf");
    let paras = json(c.path(), index.path(), &["show", "scotus-transcript-p1"]);
    let text: Vec<&str> = paras.as_array().unwrap().iter().map(|p| p["text"].as_str().unwrap()).collect();
    let alone: Vec<&str> = text.iter().copied().filter(|t| t.chars().all(|c| c.is_ascii_digit())).collect();
    assert_eq!(alone, ["11", "20", "21", "22", "23", "24", "25"], "{text:#?}");
    assert_eq!(text.last(), Some(&"Alderson Reporting Company"), "{text:#?}");
}

#[test]
fn text_drawn_in_a_scaled_form_stands_in_its_cells() {
    // twotables.pdf draws its page as a form, scaled by 0.95 and moved: read without the form's
    // placement, its characters stood off the table's rules, and each label lost its first
    // character to a line of its own (`当` | `期首残高`), each last column its last digits.
    let (c, index) = corpus("twotables.pdf");
    let paras = json(c.path(), index.path(), &["show", "twotables"]);
    let rows = rows(&paras);
    for want in [
        &["当期首残高", "5,664", "749", "12,017", "△747", "17,683"][..],
        &["当期首残高", "△669", "61", "△109", "―", "△717", "246", "17,212"],
        &["当期末残高", "△113", "142", "△104", "―", "△75", "245", "18,683"],
    ] {
        assert!(rows.iter().any(|r| r == want), "{want:?} in {rows:#?}");
    }
    assert!(rows.iter().all(|r| r != &["当"]), "{rows:#?}");
}

#[test]
fn a_table_header_repeated_on_every_page_is_kept_once() {
    // The procurement table repeats its header at the top of each of its five pages: taken for a
    // running header, it was dropped from every page, the first too.
    let (c, index) = corpus("Publication_of_award_of_Bids_for_Transport_Sector__August_2016.pdf");
    let paras =
        json(c.path(), index.path(), &["show", "Publication_of_award_of_Bids_for_Transport_Sector__August_2016"]);
    let rows = rows(&paras);
    let header = ["Serial", "Contract Description", "Contract No.", "Method of", "Contractor/Suppliers", "Address"];
    let headers: Vec<&Vec<String>> = rows.iter().filter(|r| r.starts_with(&header.map(String::from))).collect();
    assert_eq!(headers.len(), 1, "{rows:#?}");
    assert_eq!(headers[0][6..], ["Contract", "Contract", "Date", "Estimated", "Remarks"], "{rows:#?}");
    // It stands before the first row.
    let at = |first: &str| rows.iter().position(|r| r.first().is_some_and(|c| c == first));
    assert!(at("Serial") < at("1"), "{rows:#?}");
}

#[test]
fn a_compact_font_s_own_encoding_gives_way_to_the_one_the_pdf_names() {
    // camelot's twotables_2: Helvetica subsets embedded as compact (CFF) fonts, no Unicode map,
    // an `Encoding` with `Differences` in the PDF. The font program's built-in encoding numbers
    // its glyphs its own way; read by it, `Kerala | 2400 | 7.2` came out `Yerala | DE.. | <CD`.
    let (c, index) = corpus("twotables_2.pdf");
    let paras = json(c.path(), index.path(), &["show", "twotables_2"]);
    let rows = rows(&paras);
    let kerala: Vec<&Vec<String>> = rows.iter().filter(|r| r.first().is_some_and(|c| c == "Kerala")).collect();
    assert_eq!(kerala.len(), 2, "{rows:#?}");
    assert_eq!(kerala[0], &["Kerala", "2400", "7.2", "0.5", "25.3", "20.1", "41.5", "5.5"]);
    assert_eq!(kerala[1], &["Kerala", "2400", "8.8", "0.3", "20.1", "17.0", "45.6", "8.2"]);
    let words = words(&paras);
    assert!(words.iter().any(|w| w == "Literacy") && !words.iter().any(|w| w == "Yerala"), "{words:?}");
}

#[test]
fn a_statistical_table_ruled_only_around_its_columns_keeps_a_row_per_label() {
    // camelot's 12s0324 (US Statistical Abstract): rules part the column groups only, labels
    // are led by dots to their figures, some of six words, some wrapped with their figures
    // beside the last line. Each grid row held the whole table: one paragraph of every label.
    let (c, index) = corpus("12s0324.pdf");
    let paras = json(c.path(), index.path(), &["show", "12s0324"]);
    let rows = rows(&paras);
    let find = |label: &str| {
        rows.iter()
            .find(|r| r.first().is_some_and(|c| c.starts_with(label)))
            .unwrap_or_else(|| panic!("{label}: {rows:#?}"))
            .clone()
    };
    assert_eq!(find("Forcible rape")[1..], ["17.5 2.6 14.9", "17.2 2.5 14.7", "– – –"]);
    assert!(find("Murder and nonnegligent manslaughter")[1].starts_with("10.0 0.9 9.1"), "{rows:#?}");
    // The second table's rows, whose first column has labels of six words.
    let rows_325: Vec<&Vec<String>> = rows.iter().filter(|r| r.get(1).is_some_and(|c| c == "16,362")).collect();
    assert_eq!(rows_325.len(), 1, "{rows:#?}");
    assert!(rows_325[0][0].starts_with("Forcible rape"), "{rows_325:?}");
}

#[test]
fn a_figures_table_whose_cells_span_rows_keeps_a_row_per_grid_row() {
    // camelot's row_span: Medi-Cal enrolment by plan type, county and plan, the type and county
    // cells ruled around the plans they span. Grid rows joined by a spanning cell made one row
    // of every county and plan of a type (2 of 39 rows kept); a table of figures reads a row per
    // grid row, the spanning cell's text in its first.
    let (c, index) = corpus("row_span.pdf");
    let paras = json(c.path(), index.path(), &["show", "row_span"]);
    let rows = rows(&paras);
    let has = |want: &[&str]| rows.iter().any(|r| r == want);
    assert!(has(&["GMC", "Sacramento", "Anthem Blue Cross", "164,380"]), "{rows:#?}");
    assert!(has(&["Health Net", "126,547"]), "{rows:#?}");
    assert!(has(&["San Diego", "Care 1st Health Plan", "71,831"]), "{rows:#?}");
    assert!(has(&["Total GMC Enrollment", "1,091,255"]), "{rows:#?}");
}

#[test]
fn a_small_table_inside_a_column_of_prose_keeps_its_rows() {
    // camelot's us-007 (an IRS notice in two columns): a table of payroll periods and amounts
    // stands in the second column. Read as a third column of prose, its labels came out in one
    // paragraph and its amounts in another (0 of 9 rows).
    let (c, index) = corpus("us-007.pdf");
    let paras = json(c.path(), index.path(), &["show", "us-007"]);
    let text: Vec<&str> = paras.as_array().unwrap().iter().map(|p| p["text"].as_str().unwrap()).collect();
    for row in ["Weekly $ 71.15", "Biweekly 142.31", "Quarterly 925.00", "Semiannually 1,850.00"] {
        assert!(text.iter().any(|t| t.contains(row)), "{row}: {text:#?}");
    }
    // The prose around it stays whole.
    assert!(text.iter().any(|t| t.contains("are net wages after the deduction")), "{text:#?}");
}

#[test]
fn a_header_spanning_columns_keeps_its_words_whole() {
    // camelot's rotated: a sideways table whose header cells span several columns, the rules
    // between those columns stopping below them. Each character went to the column its middle
    // stood in: `Nutritiona | l Assessm | ent`.
    let (c, index) = corpus("rotated.pdf");
    let paras = json(c.path(), index.path(), &["show", "rotated"]);
    let words = words(&paras);
    for w in ["Nutritional", "Assessment", "individuals", "Pressure", "Blood"] {
        assert!(words.iter().any(|x| x.trim_matches(|c: char| !c.is_alphanumeric()) == w), "{w}: {words:?}");
    }
    let rows = rows(&paras);
    assert!(
        rows.iter().any(|r| r == &["Kerala", "5738", "6633", "8864", "8297", "245", "2161", "3195", "1645", "2391"]),
        "{rows:#?}"
    );
}

#[test]
fn a_period_mapped_to_a_space_and_a_period_keeps_its_number_whole() {
    // camelot's 12s0324: the bold font's Unicode map gives its period as " ." (a space, then the
    // period), so each bold figure read `11,062 .6`, two words. One glyph is one mark.
    let (c, index) = corpus("12s0324.pdf");
    let paras = json(c.path(), index.path(), &["show", "12s0324"]);
    let words = words(&paras);
    for w in ["11,062.6", "1,540.0", "467.9"] {
        assert!(words.iter().any(|x| x == w), "{w}: {words:?}");
    }
    assert!(!words.iter().any(|x| x == ".6"), "{words:?}");
}

#[test]
fn text_overprinted_to_look_bold_is_read_once() {
    // camelot's birdisland (a seed company's harvest report): its bold lines are drawn twice, the
    // second a hair to the side. Every letter came out twice: `KKrruuggeerr`, `REPLICCATIONS`.
    let (c, index) = corpus("birdisland.pdf");
    let paras = json(c.path(), index.path(), &["show", "birdisland"]);
    let words = words(&paras);
    for w in ["Kruger", "K2-1901", "REPLICATIONS", "Company/Brand"] {
        assert!(words.iter().any(|x| x == w), "{w}: {words:?}");
    }
    assert!(!words.iter().any(|x| x == "KKrruuggeerr" || x == "REPLICCATIONS"), "{words:?}");
}

#[test]
fn a_raised_footnote_number_stays_on_the_line_of_the_word_it_ends() {
    // camelot's district_health and missing_values: footnote numbers set small and raised after
    // a row's label (`breastfed⁹`). Grouped by height they made a line of their own, so the row
    // lost its number, or a number stood at the start of the next row.
    let (c, index) = corpus("district_health.pdf");
    let got = rows(&json(c.path(), index.path(), &["show", "district_health"]));
    let row = |label: &str| got.iter().find(|r| r[0].starts_with(label)).unwrap_or_else(|| panic!("{label}: {got:#?}"));
    let breastfed = row("Children age 0-5 months exclusively breastfed9 ");
    assert_eq!(breastfed[1..], ["76.9", "80.0", "NA", "NA"], "{breastfed:?}");
    let ari = row("Women aware about danger signs of ARI10 ");
    assert_eq!(ari[1..], ["55.9", "59.7", "32.8", "34.7"], "{ari:?}");
    assert!(!got.iter().any(|r| ["9", "10", "11", "12", "13"].contains(&r[0].as_str())), "{got:#?}");

    let (c, index) = corpus("missing_values.pdf");
    let got = rows(&json(c.path(), index.path(), &["show", "missing_values"]));
    let row = got.iter().find(|r| r[0].starts_with("Children (10-19 Years15) having anaemia - Male ")).expect("row");
    assert_eq!(row[1..], ["37.9", "51.2"], "{got:#?}");
}

/// The rows echoes reads of camelot's birdisland (a seed trial's table).
fn birdisland_rows() -> Vec<Vec<String>> {
    let (c, index) = corpus("birdisland.pdf");
    rows(&json(c.path(), index.path(), &["show", "birdisland"]))
}

/// The row whose first cell is `label`.
fn row_labelled<'a>(rows: &'a [Vec<String>], label: &str) -> &'a Vec<String> {
    rows.iter().find(|r| r[0] == label).unwrap_or_else(|| panic!("{label}: {rows:#?}"))
}

#[test]
fn a_long_line_of_names_and_codes_is_no_prose_and_its_rows_stay_apart() {
    // camelot's birdisland: a seed trial's table ruled around groups of three varieties, with no
    // rule between the brand, product and trait columns. Each line of its first column
    // (`Kruger K2-1901 RR2Y 1.9 R Ac,PV`) was long enough to be taken for wrapped prose, so three
    // varieties and their figures ran together as one row.
    let got = birdisland_rows();
    let row = |label: &str| row_labelled(&got, label);
    assert_eq!(row("Kruger K2-1901 RR2Y 1.9 R Ac,PV")[1..], ["56.4", "7.6 0 126.3 $846"]);
    assert_eq!(row("Hefty H17Y12 RR2Y 1.7 MR I")[1..], ["53.7", "7.7 0 124.4 $806"]);
    assert!(row("Stine 19RA02 § RR2Y 1.9 R CMB").iter().any(|c| c.contains("$830")), "{got:#?}");
}

#[test]
fn a_column_shaded_in_overlapping_pieces_keeps_each_figure_in_its_row() {
    // camelot's birdisland: the yield column of each group of three varieties is shaded grey in
    // pieces a row high that overlap by a point and a half, none of them where the rows part.
    // Their edges made rules the text did not follow: the second and third yields of each group
    // came out as rows of their own after it (`55.3`, `54.5`). Shading of one paint shows no seam
    // where its pieces overlap: the group's yields stand in their rows.
    let got = birdisland_rows();
    let row = |label: &str| row_labelled(&got, label);
    assert_eq!(row("Kruger K2-1901 RR2Y 1.9 R Ac,PV")[1..], ["56.4", "7.6 0 126.3 $846"]);
    assert_eq!(row("Stine 19RA02 § RR2Y 1.9 R CMB")[1..], ["55.3", "7.6 0 120.0 $830"]);
    assert_eq!(row("Wensman W 3190NR2 RR2Y 1.9 R Ac")[1..], ["54.5", "7.6 0 119.5 $818"]);
    assert!(!got.iter().any(|r| r.len() == 1 && r[0].parse::<f64>().is_ok()), "a figure alone: {got:#?}");
}

#[test]
fn a_box_ruled_in_a_cards_corner_does_not_split_its_lines_into_columns() {
    // camelot's electoral_roll: voters' cards, three a row, each with its serial number in a
    // small box ruled in its top left corner. The box's right side was taken for a column edge
    // of the whole card, though the card's lines run across it: "John" and "Doe" were read apart,
    // the surname and the sex gathered with the card's number (`NEL0000001 Doe 0 Sex : Male`).
    let (c, index) = corpus("electoral_roll.pdf");
    let got = rows(&json(c.path(), index.path(), &["show", "electoral_roll"]));
    assert!(got.iter().any(|r| r == &["1", "NEL0000001", "2", "NEL0000002", "3", "NEL0000003"]), "{got:#?}");
    assert!(got.iter().any(|r| r == &["Name : John Doe", "Name : John Doe", "Name : John Doe"]), "{got:#?}");
    assert!(
        got.iter().any(|r| r == &["Age : 55 Sex : Male", "Age : 63 Sex : Male", "Age : 33 Sex : Male"]),
        "{got:#?}"
    );
    assert!(!got.iter().flatten().any(|cell| cell.contains("NEL0000001 Doe")), "{got:#?}");
}
