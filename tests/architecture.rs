//! The rules of ARCHITECTURE.md, checked on the source: no import cycle among the files of `src/`,
//! clap only in the front end, no file over 500 lines.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Longest a file under `src/` may be.
const MAX_LINES: usize = 500;

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// A file's module path: `src/reuse/units.rs` is `reuse::units`, `src/reuse/mod.rs` is `reuse`.
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// The code of a file without its unit tests (which may import anything they test with).
fn code_of(text: &str) -> &str {
    match text.find("#[cfg(test)]\nmod tests") {
        Some(at) => &text[..at],
        None => text,
    }
}

/// Module paths a file's code names: `crate::a::b::Item`, `super::x`, and the items of grouped
/// imports (`use crate::a::{b, c::D}`), each as written, made absolute.
fn named_paths(module: &[String], code: &str) -> Vec<Vec<String>> {
    // The module `super` names (a `mod.rs` is its folder's module: its parent is one up).
    let parent: Vec<String> = module[..module.len().saturating_sub(1)].to_vec();
    let mut out = Vec::new();
    let bytes = code.as_bytes();
    for start in ["crate::", "super::"] {
        let mut from = 0;
        while let Some(at) = code[from..].find(start) {
            let begin = from + at;
            from = begin + start.len();
            if begin > 0 && (bytes[begin - 1].is_ascii_alphanumeric() || bytes[begin - 1] == b'_') {
                continue;
            }
            let base: Vec<String> = if start == "crate::" { Vec::new() } else { parent.clone() };
            let rest = &code[from..];
            let end = rest.find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':')).unwrap_or(rest.len());
            let mut path = base.clone();
            path.extend(rest[..end].split("::").filter(|s| !s.is_empty()).map(str::to_string));
            // A grouped import: each member is a path too.
            if rest[end..].starts_with('{') {
                let close = rest[end..].find('}').map_or(rest.len(), |c| end + c);
                for member in rest[end + 1..close].split(',') {
                    let member = member.trim();
                    if member.is_empty() || member == "self" {
                        continue;
                    }
                    let mut m = path.clone();
                    m.extend(member.split("::").map(|s| s.trim().to_string()).filter(|s| !s.is_empty()));
                    out.push(m);
                }
            }
            out.push(path);
        }
    }
    out
}

#[test]
fn no_import_cycle_among_the_files_of_src() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let modules: BTreeMap<Vec<String>, PathBuf> = files
        .iter()
        .filter(|f| !f.starts_with(src.join("bin")) && !f.ends_with("main.rs") && !f.ends_with("lib.rs"))
        .map(|f| (module_of(&src, f), f.clone()))
        .collect();
    // The file each path names: the longest module that is a prefix of it.
    let file_of = |path: &[String]| {
        (1..=path.len()).rev().find_map(|n| modules.get(&path[..n]).map(|f| (path[..n].to_vec(), f.clone())))
    };
    let mut edges: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    for (module, file) in &modules {
        let text = fs::read_to_string(file).unwrap();
        let is_mod_file = file.ends_with("mod.rs");
        for path in named_paths(module, code_of(&text)) {
            if let Some((target, _)) = file_of(&path) {
                if &target != module {
                    edges.entry(module.clone()).or_default().insert(target);
                }
            }
        }
        // A folder's module file naming its children (`units::Unit`) imports them too.
        if is_mod_file {
            for (other, _) in modules.range(module.clone()..) {
                if other.len() == module.len() + 1 && other.starts_with(module) {
                    let child = other.last().unwrap();
                    let code = code_of(&text);
                    let named = code.match_indices(&format!("{child}::")).any(|(i, _)| {
                        i == 0 || !code.as_bytes()[i - 1].is_ascii_alphanumeric() && code.as_bytes()[i - 1] != b':'
                    });
                    if named {
                        edges.entry(module.clone()).or_default().insert(other.clone());
                    }
                }
            }
        }
    }
    // Depth-first search for a cycle; the first found is reported as a path.
    fn visit(
        node: &Vec<String>,
        edges: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
        state: &mut BTreeMap<Vec<String>, u8>,
        stack: &mut Vec<Vec<String>>,
    ) -> Option<Vec<Vec<String>>> {
        state.insert(node.clone(), 1);
        stack.push(node.clone());
        for next in edges.get(node).into_iter().flatten() {
            match state.get(next) {
                Some(1) => {
                    let at = stack.iter().position(|n| n == next).unwrap();
                    let mut cycle = stack[at..].to_vec();
                    cycle.push(next.clone());
                    return Some(cycle);
                }
                Some(_) => {}
                None => {
                    if let Some(c) = visit(next, edges, state, stack) {
                        return Some(c);
                    }
                }
            }
        }
        stack.pop();
        state.insert(node.clone(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for module in modules.keys() {
        if !state.contains_key(module) {
            if let Some(cycle) = visit(module, &edges, &mut state, &mut Vec::new()) {
                let names: Vec<String> = cycle.iter().map(|m| m.join("::")).collect();
                panic!("import cycle: {}", names.join(" -> "));
            }
        }
    }
    // The check itself sees imports: the pipeline's first steps are known edges.
    let has = |a: &str, b: &str| {
        let split = |s: &str| s.split("::").map(str::to_string).collect::<Vec<_>>();
        edges.get(&split(a)).is_some_and(|e| e.contains(&split(b)))
    };
    assert!(has("corpus", "readers"), "{edges:?}");
    assert!(has("segment", "references"));
    assert!(has("ingest", "segment"));
}

#[test]
fn clap_is_used_only_by_the_front_end() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let front = [src.join("cli"), src.join("main.rs"), src.join("bin")];
    let mut users: Vec<String> = files
        .iter()
        .filter(|f| !front.iter().any(|p| f.starts_with(p)) && !f.starts_with(src.join("commands")))
        .filter(|f| fs::read_to_string(f).unwrap().contains("clap::"))
        .map(|f| f.display().to_string())
        .collect();
    users.sort();
    assert!(users.is_empty(), "clap used outside the front end: {users:?}");
}

#[test]
fn no_file_under_src_is_over_500_lines() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let long: Vec<String> = files
        .iter()
        .map(|f| (f, fs::read_to_string(f).unwrap().lines().count()))
        .filter(|(_, n)| *n > MAX_LINES)
        .map(|(f, n)| format!("{} ({n} lines)", f.display()))
        .collect();
    assert!(long.is_empty(), "split these along their concerns: {long:?}");
}
