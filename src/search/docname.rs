//! Naming a document: by its id, its file name or path in the corpus, or a unique prefix of
//! either; a name that fits none is answered with the nearest names the index holds.

use crate::error::Error;
use crate::model::Document;

/// Most near names a failed look-up suggests.
const SUGGESTED: usize = 5;
/// Most documents a failed look-up with no near name lists in full (else it points to `docs`).
const LISTED_ALL: usize = 12;
/// Least Jaro-Winkler similarity at which a document's id is suggested for a name.
const NEAR: f64 = 0.8;

/// The id of the document `name` names: its id, its path in the corpus or file name (with or
/// without the extension), or a prefix of its id or file name that fits it alone; in any case.
pub fn resolve(documents: &[Document], name: &str) -> Result<String, Error> {
    let wanted = name.trim().trim_start_matches("./").to_lowercase();
    if let Some(d) = documents.iter().find(|d| d.doc == name) {
        return Ok(d.doc.clone());
    }
    let file = |d: &Document| d.path.rsplit('/').next().unwrap_or(&d.path).to_lowercase();
    let stem = |d: &Document| {
        let f = file(d);
        f.rsplit_once('.').map_or(f.clone(), |(s, _)| s.to_string())
    };
    let whole: Vec<&Document> = documents
        .iter()
        .filter(|d| {
            d.doc.to_lowercase() == wanted
                || d.path.to_lowercase() == wanted
                || wanted.ends_with(&format!("/{}", d.path.to_lowercase()))
                || file(d) == wanted
                || stem(d) == wanted
        })
        .collect();
    if let [one] = whole[..] {
        return Ok(one.doc.clone());
    }
    if whole.len() > 1 {
        return Err(ambiguous(name, &whole));
    }
    let prefixed: Vec<&Document> = documents
        .iter()
        .filter(|d| d.doc.to_lowercase().starts_with(&wanted) || file(d).starts_with(&wanted))
        .collect();
    match prefixed[..] {
        [one] => Ok(one.doc.clone()),
        [] => Err(Error::UnknownDoc { doc: name.to_string(), near: near_names(documents, &wanted) }),
        _ => Err(ambiguous(name, &prefixed)),
    }
}

/// Each name resolved, in the order given, each once.
pub fn resolve_all(documents: &[Document], names: &[String]) -> Result<Vec<String>, Error> {
    let mut out = Vec::new();
    for name in names {
        let doc = resolve(documents, name)?;
        if !out.contains(&doc) {
            out.push(doc);
        }
    }
    out.sort();
    Ok(out)
}

fn ambiguous(name: &str, found: &[&Document]) -> Error {
    let mut ids: Vec<&str> = found.iter().map(|d| d.doc.as_str()).collect();
    ids.sort_unstable();
    Error::AmbiguousDoc { doc: name.to_string(), count: ids.len(), ids: listed(&ids) }
}

/// Up to [`SUGGESTED`] ids, and how many more there are.
fn listed(ids: &[&str]) -> String {
    let mut s = ids.iter().take(SUGGESTED).copied().collect::<Vec<_>>().join(", ");
    if ids.len() > SUGGESTED {
        s.push_str(&format!(" and {} more", ids.len() - SUGGESTED));
    }
    s
}

/// What to say after "no document 'x' in the index": the nearest ids (those holding the name,
/// then the most alike by spelling), or where to see them all.
fn near_names(documents: &[Document], wanted: &str) -> String {
    let mut scored: Vec<(f64, &str)> = documents
        .iter()
        .filter_map(|d| {
            let id = d.doc.to_lowercase();
            let score = if !wanted.is_empty() && (id.contains(wanted) || wanted.contains(&id)) {
                2.0
            } else {
                strsim::jaro_winkler(&id, wanted).max(strsim::jaro_winkler(&id[..id.len().min(wanted.len())], wanted))
            };
            (score >= NEAR).then_some((score, d.doc.as_str()))
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    let ids: Vec<&str> = scored.iter().map(|(_, id)| *id).collect();
    if ids.is_empty() && documents.len() <= LISTED_ALL {
        let all: Vec<&str> = documents.iter().map(|d| d.doc.as_str()).collect();
        format!("documents: {}", all.join(", "))
    } else if ids.is_empty() {
        "see `echoes docs` for the documents".to_string()
    } else {
        format!("did you mean {}?", listed(&ids))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: &str, path: &str) -> Document {
        Document {
            doc: id.into(),
            path: path.into(),
            force: None,
            force_source: None,
            date: None,
            source: None,
            report: None,
            format: "text".into(),
            reference: false,
            recommendations: Vec::new(),
            answers: Vec::new(),
            mentions: Vec::new(),
            paragraphs: Default::default(),
        }
    }

    fn docs() -> Vec<Document> {
        vec![
            doc("news-guardian-safe-to-share", "news/news-guardian-safe-to-share.txt"),
            doc("news-bbc-2020", "news/news-bbc-2020.html"),
            doc("kent-police-2021", "Kent-Police-2021.pdf"),
        ]
    }

    #[test]
    fn ids_paths_file_names_and_unique_prefixes_name_a_document() {
        let d = docs();
        let g = "news-guardian-safe-to-share";
        for name in
            [g, "news/news-guardian-safe-to-share.txt", "news-guardian-safe-to-share.txt", "news-guardian", "NEWS-G"]
        {
            assert_eq!(resolve(&d, name).unwrap(), g, "{name}");
        }
        assert_eq!(resolve(&d, "corpus/Kent-Police-2021.pdf").unwrap(), "kent-police-2021");
        assert_eq!(resolve(&d, "Kent-Police-2021.pdf").unwrap(), "kent-police-2021");
    }

    #[test]
    fn a_prefix_of_several_names_them_and_a_near_miss_is_suggested() {
        let d = docs();
        let e = resolve(&d, "news").unwrap_err().to_string();
        assert_eq!(e, "'news' names 2 documents: news-bbc-2020, news-guardian-safe-to-share; give more of the name");
        let e = resolve(&d, "news-gaurdian").unwrap_err().to_string();
        assert!(e.ends_with("did you mean news-guardian-safe-to-share?"), "{e}");
        let e = resolve(&d, "zzz").unwrap_err().to_string();
        assert!(e.ends_with("documents: news-guardian-safe-to-share, news-bbc-2020, kent-police-2021"), "{e}");
        let many: Vec<Document> = (0..20).map(|i| doc(&format!("body-{i}"), &format!("body-{i}.txt"))).collect();
        let e = resolve(&many, "zzz").unwrap_err().to_string();
        assert!(e.ends_with("see `echoes docs` for the documents"), "{e}");
    }
}
