//! Naming a document as a user has it at hand: its file name, its path, a unique prefix of its id;
//! a name that fits several says which, and a near miss is answered with the near names.

use crate::common::*;

fn collection() -> tempfile::TempDir {
    let corpus = corpus_with(&["recommendations.toml", "hampshire-2021-12.txt"]);
    std::fs::create_dir(corpus.path().join("news")).unwrap();
    std::fs::write(
        corpus.path().join("news/news-guardian-police-immigration-safe-to-share.txt"),
        "LONDON (Staff) - Police forces in England and Wales shared the details of victims with the Home Office, a report found.\n\n\
         The report made eight recommendations.\n",
    )
    .unwrap();
    std::fs::write(
        corpus.path().join("news/news-bbc-victims-data.txt"),
        "Victims of domestic abuse fear that reporting a crime will lead to their removal, campaigners said.\n",
    )
    .unwrap();
    corpus
}

#[test]
fn show_takes_the_file_name_the_path_or_a_unique_prefix() {
    let corpus = collection();
    let index = tempfile::tempdir().unwrap();
    let id = "news/news-guardian-police-immigration-safe-to-share";
    let by_id = echoes(corpus.path(), index.path(), &["show", id]);
    assert_eq!(by_id.code, 0, "{}", by_id.stderr);
    assert!(by_id.stdout.contains("shared the details of victims"), "{}", by_id.stdout);
    for name in [
        "news-guardian-police-immigration-safe-to-share.txt",
        "news-guardian-police-immigration-safe-to-share",
        "news/news-guardian-police-immigration-safe-to-share.txt",
        "news-guardian",
    ] {
        let run = echoes(corpus.path(), index.path(), &["show", name]);
        assert_eq!(run.code, 0, "{name}: {}", run.stderr);
        assert_eq!(run.stdout, by_id.stdout, "{name}");
    }
    // A paragraph of it, by prefix and number.
    let para = echoes(corpus.path(), index.path(), &["show", "news-guardian:1", "--format", "json"]);
    assert_eq!(para.code, 0, "{}", para.stderr);
    assert_eq!(para.json()[0]["id"], format!("{id}:1"));
    // So do similar and attribute.
    let similar = echoes(corpus.path(), index.path(), &["similar", "news-guardian:0", "-F", "json"]);
    assert!(similar.code < 2, "{}", similar.stderr);
    let attribute =
        echoes(corpus.path(), index.path(), &["attribute", "news-guardian-police-immigration-safe-to-share.txt"]);
    assert!(attribute.code < 2, "{}", attribute.stderr);
    // --doc filters read names the same way.
    let filtered =
        echoes(corpus.path(), index.path(), &["search", "victims", "--role", "all", "--doc", "news-bbc", "-F", "json"]);
    assert_eq!(filtered.code, 0, "{}", filtered.stderr);
    assert!(field(&filtered.json(), "doc").iter().all(|d| *d == "news/news-bbc-victims-data"));
}

#[test]
fn a_name_of_several_documents_or_of_none_says_which_are_near() {
    let corpus = collection();
    let index = tempfile::tempdir().unwrap();
    let several = echoes(corpus.path(), index.path(), &["show", "news"]);
    assert_eq!(several.code, 2);
    assert!(
        several.stderr.contains(
            "'news' names 2 documents: news/news-bbc-victims-data, news/news-guardian-police-immigration-safe-to-share; give more of the name"
        ),
        "{}",
        several.stderr
    );
    let typo = echoes(corpus.path(), index.path(), &["show", "news-gaurdian"]);
    assert_eq!(typo.code, 2);
    let last = typo.stderr.lines().last().unwrap();
    assert_eq!(
        last,
        "echoes: no document 'news-gaurdian' in the index; did you mean news/news-guardian-police-immigration-safe-to-share?"
    );
    let far = echoes(corpus.path(), index.path(), &["show", "zzzz"]);
    assert!(
        far.stderr.contains("no document 'zzzz' in the index; documents: hampshire-2021-12, news/"),
        "{}",
        far.stderr
    );
}
