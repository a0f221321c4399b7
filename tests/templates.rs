//! A passage many bodies paste is a finding however many carry it; stock wording is earned by where
//! its words come from (a public formula with its source, or answers to another report), and says
//! why. The corpora are written here; expected counts come from the texts, never from echoes.

use std::fs;
use std::path::Path;

use serde_json::Value;

use crate::common::echoes;

/// A template pasted verbatim: 31 words, none of them quotation of the report or a name.
const TEMPLATE: &str = "Every frontline officer will complete the refreshed training package before the end of March, \
                        and supervisors will check a sample of their cases each quarter to confirm that the new approach is followed.";

/// The number of words of a text, by whitespace (independent of how echoes finds words).
fn words(text: &str) -> u64 {
    text.split_whitespace().count() as u64
}

/// One distinct sentence per body: no two share five words in a row.
fn own_sentence(n: usize) -> String {
    const NOUNS: [&str; 12] = [
        "harbour",
        "orchard",
        "quarry",
        "meadow",
        "viaduct",
        "lighthouse",
        "granary",
        "foundry",
        "marsh",
        "abbey",
        "canal",
        "moorland",
    ];
    const VERBS: [&str; 12] = [
        "patrols", "surveys", "guards", "maps", "inspects", "watches", "restores", "tends", "charts", "visits",
        "clears", "lights",
    ];
    format!(
        "Our {} team {} the {} near the {} on alternate {} evenings.",
        NOUNS[n % 12],
        VERBS[(n * 5 + 1) % 12],
        NOUNS[(n + 3) % 12],
        NOUNS[(n * 7 + 5) % 12],
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][n % 7]
    )
}

/// Writes a corpus of `bodies` bodies, each one document answering recommendation 1 with its own
/// sentence, the first `carriers` also with [`TEMPLATE`] as a paragraph of its own.
fn template_corpus(dir: &Path, bodies: usize, carriers: usize) {
    let mut manifest = String::new();
    for n in 0..bodies {
        let mut text = format!("Response of body {n}\n\nRecommendation 1\n\n{}\n", own_sentence(n));
        if n < carriers {
            text.push_str(&format!("\n{TEMPLATE}\n"));
        }
        fs::write(dir.join(format!("body{n}.txt")), text).unwrap();
        manifest.push_str(&format!("[[document]]\npath = \"body{n}.txt\"\nforce = \"Body Number {n}\"\n\n"));
    }
    fs::write(dir.join("manifest.toml"), manifest).unwrap();
}

fn pairs(corpus: &Path) -> Vec<Value> {
    let index = tempfile::tempdir().unwrap();
    let run = echoes(corpus, index.path(), &["reuse", "--pairs", "--format", "json"]);
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    if run.stdout.trim().is_empty() {
        return Vec::new();
    }
    run.json().as_array().unwrap().clone()
}

fn check_template_found_in_full(bodies: usize, carriers: usize) {
    let corpus = tempfile::tempdir().unwrap();
    template_corpus(corpus.path(), bodies, carriers);
    let found = pairs(corpus.path());
    assert_eq!(found.len(), carriers * (carriers - 1) / 2, "every pair of carriers: {found:#?}");
    for f in &found {
        assert_eq!(f["shared_words"].as_u64(), Some(words(TEMPLATE)), "{f:#}");
        assert_eq!(f["kind"], "verbatim", "{f:#}");
        assert_eq!(f["stock"], false, "{f:#}");
        let force = |side: &str| f[side]["force"].as_str().unwrap().trim_start_matches("Body Number ").parse::<usize>();
        assert!(force("a").unwrap() < carriers && force("b").unwrap() < carriers, "{f:#}");
    }
}

#[test]
fn a_passage_three_of_five_bodies_paste_is_found_in_full() {
    check_template_found_in_full(5, 3);
}

#[test]
fn a_passage_nine_of_ten_bodies_paste_is_found_in_full() {
    check_template_found_in_full(10, 9);
}

#[test]
fn hundreds_of_repeats_inside_one_body_do_not_hide_its_copy_with_another() {
    let corpus = tempfile::tempdir().unwrap();
    let c = corpus.path();
    // A 55-word paragraph of Kent's, copied once by a document of no known body; then 205 more
    // documents of Kent's repeating it.
    let copied = format!(
        "{TEMPLATE} {}",
        "The force will publish what the audit finds on its website, together with the actions \
                                            it takes, so that victims and their advocates can see what has changed."
    );
    let mut manifest = String::new();
    fs::write(c.join("kent.txt"), format!("Kent response\n\nRecommendation 1\n\n{copied}\n")).unwrap();
    manifest.push_str("[[document]]\npath = \"kent.txt\"\nforce = \"Kent Police\"\n\n");
    fs::write(c.join("anon.txt"), format!("A response\n\nRecommendation 1\n\n{copied}\n")).unwrap();
    for n in 0..205 {
        fs::write(c.join(format!("kent-{n:03}.txt")), format!("Kent update {n}\n\nRecommendation 1\n\n{copied}\n"))
            .unwrap();
        manifest.push_str(&format!("[[document]]\npath = \"kent-{n:03}.txt\"\nforce = \"Kent Police\"\n\n"));
    }
    fs::write(c.join("manifest.toml"), manifest).unwrap();
    let found = pairs(c);
    // Every one of Kent's 206 paragraphs carrying it is a copy of the unattributed one, in full.
    assert_eq!(found.len(), 206, "{}", found.len());
    for f in &found {
        let docs = [f["a"]["doc"].as_str().unwrap(), f["b"]["doc"].as_str().unwrap()];
        assert!(docs.contains(&"anon"), "{docs:?}");
        assert_eq!(f["shared_words"].as_u64(), Some(words(&copied)), "{f:#}");
    }
}

/// The statutory definition of a super-complaint, as responses restate it (43 words).
const DEFINITION: &str = "A super-complaint is a complaint that a feature, or combination of features, of policing in \
                          England and Wales by one or more than one police force is, or appears to be, significantly \
                          harming the interests of the public (section 29A, Police Reform Act 2002).";

#[test]
fn a_copied_paragraph_mixing_the_statutory_definition_and_own_words_counts_only_its_own_words() {
    let corpus = tempfile::tempdir().unwrap();
    let c = corpus.path();
    let own = "Our review board met in June and agreed that every referral will now be answered by a named \
               officer within ten working days.";
    let paragraph = format!("{DEFINITION} {own}");
    let mut manifest = String::new();
    for (file, force) in [("essex", "Essex Police"), ("kent", "Kent Police"), ("surrey", "Surrey Police")] {
        let body = if file == "surrey" { own_sentence(1) } else { paragraph.clone() };
        fs::write(c.join(format!("{file}.txt")), format!("{force} response\n\nRecommendation 1\n\n{body}\n")).unwrap();
        manifest.push_str(&format!("[[document]]\npath = \"{file}.txt\"\nforce = \"{force}\"\n\n"));
    }
    fs::write(c.join("manifest.toml"), manifest).unwrap();
    let found = pairs(c);
    assert_eq!(found.len(), 1, "{found:#?}");
    let f = &found[0];
    // "super-complaint" is two words, and "Police Reform Act" compares as one name.
    let definition_tokens = words(DEFINITION) + 1 - 2;
    assert_eq!(f["stock"], false, "{f:#}");
    assert_eq!(f["stock_words"].as_u64(), Some(definition_tokens), "{f:#}");
    assert_eq!(f["shared_words"].as_u64(), Some(definition_tokens + words(own)), "{f:#}");
    assert_eq!(
        f["stock_reasons"],
        serde_json::json!(["statutory definition of a super-complaint (Police Reform Act 2002, section 29A)"]),
        "{f:#}"
    );
}

/// Two reports, each with one recommendation, in `reports/`.
fn two_reports(dir: &Path) {
    fs::create_dir(dir.join("reports")).unwrap();
    for (id, title, rec) in [
        (
            "alpha-2021",
            "Alpha: a report on lighting",
            "Forces should review how street lighting affects the safety of lone walkers at night.",
        ),
        (
            "beta-2023",
            "Beta: a report on harbours",
            "Forces should agree with harbour authorities how incidents at sea are first reported.",
        ),
    ] {
        fs::write(
            dir.join("reports").join(format!("{id}.toml")),
            format!("report = \"{id}\"\ntitle = \"{title}\"\n\n[[recommendation]]\nnumber = 1\naddressee = \"To chief constables\"\ntext = \"{rec}\"\n"),
        )
        .unwrap();
    }
}

#[test]
fn wording_several_bodies_carry_in_answers_to_each_of_two_reports_is_stock_and_says_so() {
    let corpus = tempfile::tempdir().unwrap();
    let c = corpus.path();
    two_reports(c);
    let formula = "Every force in the region shares one contact centre, which logs each call against a single \
                   incident number and passes it to the duty inspector within the hour.";
    let docs = [
        ("essex", "Essex Police", "alpha-2021", formula.to_string()),
        ("kent", "Kent Police", "alpha-2021", formula.to_string()),
        ("surrey", "Surrey Police", "beta-2023", formula.to_string()),
        ("dorset", "Dorset Police", "beta-2023", formula.to_string()),
        ("sussex", "Sussex Police", "alpha-2021", own_sentence(2)),
    ];
    let mut manifest = String::new();
    for (file, force, report, text) in &docs {
        fs::write(c.join(format!("{file}.txt")), format!("{force} response\n\nRecommendation 1\n\n{text}\n")).unwrap();
        manifest
            .push_str(&format!("[[document]]\npath = \"{file}.txt\"\nforce = \"{force}\"\nreport = \"{report}\"\n\n"));
    }
    fs::write(c.join("manifest.toml"), manifest).unwrap();
    let index = tempfile::tempdir().unwrap();
    let run = echoes(c, index.path(), &["reuse"]);
    let stock = run
        .stdout
        .split("Stock wording")
        .nth(1)
        .unwrap_or_else(|| panic!("a stock section: {} {}", run.stdout, run.stderr));
    assert!(stock.contains("4 bodies: Dorset Police; Essex Police; Kent Police; Surrey Police"), "{stock}");
    assert!(stock.contains("stock because: stands in answers to several reports (alpha-2021, beta-2023)"), "{stock}");
    // With one of the other report's answers gone, it is one body's paste into that report, not a
    // formula of the field: every pair of the three is a finding.
    fs::remove_file(c.join("surrey.txt")).unwrap();
    fs::write(
        c.join("manifest.toml"),
        fs::read_to_string(c.join("manifest.toml")).unwrap().replace("path = \"surrey.txt\"", "path = \"gone.txt\""),
    )
    .unwrap();
    let found = pairs(c);
    assert_eq!(found.len(), 3, "{found:#?}");
    assert!(found.iter().all(|f| f["shared_words"].as_u64() == Some(words(formula))), "{found:#?}");
}

#[test]
fn a_corpus_s_own_stock_file_makes_its_formulas_stock_with_their_source_and_a_bad_one_is_refused() {
    let corpus = tempfile::tempdir().unwrap();
    let c = corpus.path();
    template_corpus(c, 4, 3);
    assert_eq!(pairs(c).len(), 3);
    fs::write(
        c.join("stock.toml"),
        format!("[[formula]]\nname = \"regional training pledge\"\nsource = \"Regional Policing Board, 2024\"\ntext = \"{TEMPLATE}\"\n"),
    )
    .unwrap();
    let index = tempfile::tempdir().unwrap();
    let run = echoes(c, index.path(), &["reuse"]);
    assert_eq!(run.code, 1, "no finding: {}", run.stdout);
    assert!(
        run.stdout.contains("stock because: regional training pledge (Regional Policing Board, 2024)"),
        "{}",
        run.stdout
    );
    // The file is no document of the corpus.
    assert!(!echoes(c, index.path(), &["docs"]).stdout.contains("stock"));
    fs::write(c.join("stock.toml"), "[[formula]]\nname = \"pledge\"\ntext = \"the words of a pledge made here\"\n")
        .unwrap();
    let run = echoes(c, index.path(), &["reuse"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("stock.toml"), "{}", run.stderr);
}

/// The chief inspector's words, as news pages quote them (26 words).
const SPOKEN: &str =
    "I am satisfied with some aspects of the performance of the force and with the progress it has made \
                      since our last inspection, but more remains to be done.";

fn two_pages(dir: &Path, texts: [&str; 2]) {
    let mut manifest = String::new();
    for (n, text) in texts.iter().enumerate() {
        fs::write(dir.join(format!("page{n}.txt")), format!("News page {n}\n\nRecommendation 1\n\n{text}\n")).unwrap();
        manifest.push_str(&format!("[[document]]\npath = \"page{n}.txt\"\nforce = \"Site Number {n}\"\n\n"));
    }
    fs::write(dir.join("manifest.toml"), manifest).unwrap();
}

#[test]
fn two_pages_quoting_the_same_speaker_have_not_copied_each_other() {
    // Attributed by "said" after the quotation, and by a colon before it.
    let corpus = tempfile::tempdir().unwrap();
    two_pages(
        corpus.path(),
        [
            &format!("“{SPOKEN}” the chief inspector said on Tuesday. {}", own_sentence(1)),
            &format!("Speaking in Worcester, the chief inspector was clear: “{SPOKEN}” {}", own_sentence(2)),
        ],
    );
    assert!(pairs(corpus.path()).is_empty());
    // The same words in quotation marks no one is said to speak are the pages' own, and a copy.
    let corpus = tempfile::tempdir().unwrap();
    two_pages(
        corpus.path(),
        [
            &format!("Our summary reads “{SPOKEN}” {}", own_sentence(1)),
            &format!("The summary reads “{SPOKEN}” {}", own_sentence(2)),
        ],
    );
    let found = pairs(corpus.path());
    assert_eq!(found.len(), 1, "{found:#?}");
    // "summary reads", the quotation, and the first word of the next sentence ("Our").
    assert_eq!(found[0]["shared_words"].as_u64(), Some(2 + words(SPOKEN) + 1), "{:#}", found[0]);
}

#[test]
fn a_copy_quoting_a_speaker_is_a_copy_of_its_own_words_only() {
    let corpus = tempfile::tempdir().unwrap();
    let own = "The force has since appointed a lead for every recommendation and publishes its progress on its \
               website each quarter.";
    let text = format!("The chief inspector said: “{SPOKEN}” {own}");
    two_pages(corpus.path(), [&text, &text]);
    let found = pairs(corpus.path());
    assert_eq!(found.len(), 1, "{found:#?}");
    let f = &found[0];
    // "The chief inspector said" and the own sentence: the speech between is quotation.
    assert_eq!(f["shared_words"].as_u64(), Some(words(own) + 4), "{f:#}");
    let spans = f["spans"].as_array().unwrap();
    assert!(!spans.iter().any(|s| s["shared"].as_str().unwrap().contains("satisfied")), "{f:#}");
}

#[test]
fn docs_scoring_lists_every_rule_with_its_constant() {
    let page = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/scoring.md")).unwrap();
    let rules = echoes::reuse::stored::rules();
    let rows: Vec<String> =
        rules.iter().map(|r| format!("| {} | {} | {} | {} |", r.name, r.constant, r.layer, r.why)).collect();
    let missing: Vec<&String> = rows.iter().filter(|row| !page.contains(row.as_str())).collect();
    assert!(missing.is_empty(), "docs/scoring.md lacks these rows of its rules table:\n{}", rows.join("\n"));
    let version = echoes::reuse::stored::compared_by();
    assert!(page.contains(&format!("`{version}`")), "the version of the rules, {version}");
}
