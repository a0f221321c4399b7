//! Naming bodies and documents in filters: a force by any part of its name or a short form the
//! gazetteer knows (SYP), `unattributed` for the documents of no known force, and documents by id.

use crate::error::Error;
use crate::index::Opened;
use crate::model::Document;
use crate::normalize::normalize;

/// The bodies a `--force` filter names: forces of the index, and whether the documents of no
/// known force are named too (as `unattributed`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Bodies {
    pub forces: Vec<String>,
    pub unattributed: bool,
}

impl Bodies {
    /// Whether a paragraph or document of this force passes (everything passes an empty filter).
    pub fn admits(&self, force: Option<&str>) -> bool {
        self.is_empty()
            || match force {
                Some(f) => self.forces.iter().any(|k| k == f),
                None => self.unattributed,
            }
    }

    pub fn is_empty(&self) -> bool {
        self.forces.is_empty() && !self.unattributed
    }
}

/// Whether a name a user gave stands for the documents of no known force.
pub fn names_unattributed(name: &str) -> bool {
    let n = name.trim().trim_matches(['(', ')']).to_lowercase();
    n == "unattributed" || n == "none"
}

/// Resolves `--force` names: `unattributed`, a force's name in any case or any part of it, or a
/// short form of the gazetteer (SYP, GMP, MOPAC, in any case).
pub fn resolve_bodies(known: &[String], names: &[String]) -> Result<Bodies, Error> {
    let mut out = Bodies::default();
    for name in names {
        if names_unattributed(name) {
            out.unattributed = true;
            continue;
        }
        let wanted = normalize(name).to_lowercase();
        let exact: Vec<&String> = known.iter().filter(|k| k.to_lowercase() == wanted).collect();
        let mut found: Vec<&String> = if exact.is_empty() {
            known.iter().filter(|k| k.to_lowercase().contains(&wanted)).collect()
        } else {
            exact
        };
        if found.is_empty() {
            let short =
                crate::forces::canonical(name.trim()).or_else(|| crate::forces::canonical(&name.trim().to_uppercase()));
            found.extend(known.iter().filter(|k| short.is_some_and(|s| s == k.as_str())));
        }
        if found.is_empty() {
            let mut listed = known.join(", ");
            listed.push_str(", or unattributed");
            return Err(Error::UnknownForce { name: name.clone(), known: listed });
        }
        out.forces.extend(found.into_iter().cloned());
    }
    out.forces.sort();
    out.forces.dedup();
    Ok(out)
}

/// The ids of the documents of no known force (a reference is no body's, not an unattributed one).
pub fn unattributed_docs(documents: &[Document]) -> Vec<String> {
    documents.iter().filter(|d| d.force.is_none() && !d.reference).map(|d| d.doc.clone()).collect()
}

/// Checks document ids a user gave against the index; an unknown one is refused with the list.
pub fn check_docs(opened: &Opened, docs: &[String]) -> Result<Vec<String>, Error> {
    if docs.is_empty() {
        return Ok(Vec::new());
    }
    super::docname::resolve_all(opened.documents()?, docs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_forms_and_unattributed_name_bodies() {
        let known = vec!["South Yorkshire Police".to_string(), "Wiltshire Police".to_string()];
        let got = resolve_bodies(&known, &["SYP".into()]).unwrap();
        assert_eq!(got.forces, ["South Yorkshire Police"]);
        assert_eq!(resolve_bodies(&known, &["syp".into()]).unwrap().forces, ["South Yorkshire Police"]);
        let un = resolve_bodies(&known, &["unattributed".into(), "wilt".into()]).unwrap();
        assert!(un.unattributed && un.admits(None) && un.admits(Some("Wiltshire Police")));
        assert!(!un.admits(Some("South Yorkshire Police")));
        let err = resolve_bodies(&known, &["GMP".into()]).unwrap_err().to_string();
        assert!(err.contains("unattributed"), "{err}");
    }
}
