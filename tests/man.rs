//! `echoes man` and `echoes completions`: a roff page and completion scripts, from the argument
//! definitions.

use crate::common;

use std::process::Command;

fn run(args: &[&str]) -> common::Run {
    let dir = tempfile::tempdir().unwrap();
    common::echoes(&dir.path().join("corpus"), &dir.path().join("index"), args)
}

#[test]
fn the_man_page_is_roff_and_names_the_subcommands() {
    let man = run(&["man"]);
    assert_eq!(man.code, 0, "{}", man.stderr);
    assert!(man.stdout.starts_with('.'), "{}", &man.stdout[..200.min(man.stdout.len())]);
    assert!(man.stdout.lines().take(5).any(|l| l.starts_with(".TH echoes 1")), "{}", man.stdout);
    assert!(man.stdout.contains(".SH SUBCOMMANDS"), "{}", man.stdout);
    for sub in ["search", "reuse", "init", "completions", "man"] {
        assert!(man.stdout.contains(&format!("echoes\\-{sub}(1)")), "{sub}: {}", man.stdout);
    }
}

#[test]
fn bash_accepts_the_bash_completions_and_the_others_are_written() {
    let bash = run(&["completions", "bash"]);
    assert_eq!(bash.code, 0, "{}", bash.stderr);
    assert!(bash.stdout.contains("complete -F") && bash.stdout.contains("reuse"), "{}", bash.stdout);
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("echoes.bash");
    std::fs::write(&script, &bash.stdout).unwrap();
    let check = Command::new("bash").arg("-n").arg(&script).output().expect("bash runs");
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stderr));
    for shell in ["zsh", "fish", "powershell", "elvish"] {
        let out = run(&["completions", shell]);
        assert_eq!(out.code, 0, "{shell}: {}", out.stderr);
        assert!(out.stdout.contains("echoes") && out.stdout.contains("search"), "{shell}: {}", out.stdout);
    }
    let bad = run(&["completions", "tcsh"]);
    assert_eq!(bad.code, 2);
}

#[test]
fn every_page_the_man_page_refers_to_is_written_by_echoes_man() {
    let man = run(&["man"]).stdout;
    let referred: std::collections::BTreeSet<&str> =
        man.split("echoes\\-").skip(1).filter_map(|rest| rest.split_once("(1)").map(|(name, _)| name)).collect();
    assert!(referred.contains("search") && referred.len() > 10, "{referred:?}");
    for name in referred {
        let page = run(&["man", name]);
        assert_eq!(page.code, 0, "{name}: {}", page.stderr);
        assert!(page.stdout.lines().any(|l| l.starts_with(&format!(".TH echoes-{name} 1"))), "{name}: {}", page.stdout);
        assert!(page.stdout.contains(".SH NAME"), "{name}");
    }
    // A command's page gives its own options and the global ones.
    let search = run(&["man", "search"]).stdout;
    assert!(search.contains("\\-\\-queries") && search.contains("\\-\\-corpus"), "{search}");
    let unknown = run(&["man", "nope"]);
    assert_eq!(unknown.code, 2);
    assert!(unknown.stderr.contains("no command 'nope' has a man page (commands: index, search"), "{}", unknown.stderr);
}

#[test]
fn completions_offer_the_documents_bodies_and_reports_of_the_index() {
    let corpus = common::corpus_with(&["recommendations.toml", "hampshire-2021-12.txt", "wiltshire-2021-02.txt"]);
    let index = tempfile::tempdir().unwrap();
    // No index yet: nothing to offer, and none is built for a completion.
    let none = common::echoes(corpus.path(), index.path(), &["completions", "--list", "docs"]);
    assert_eq!((none.code, none.stdout.as_str()), (0, ""), "{}", none.stderr);
    assert!(!index.path().join("current").exists());
    assert_eq!(common::echoes(corpus.path(), index.path(), &["index"]).code, 0);
    let bodies = common::echoes(corpus.path(), index.path(), &["completions", "--list", "bodies"]);
    assert_eq!(bodies.stdout, "Hampshire Constabulary\nWiltshire Police\n");

    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("echoes.bash");
    std::fs::write(&script, run(&["completions", "bash"]).stdout).unwrap();
    let bin = std::path::Path::new(env!("CARGO_BIN_EXE_echoes")).parent().unwrap();
    let (c, i) = (corpus.path().display().to_string(), index.path().display().to_string());
    // Each line completed as bash would: the words, the last one being typed.
    let complete = |words: &str| {
        let program = format!(
            "source '{}'; COMP_WORDS=(echoes --corpus '{c}' --index '{i}' {words}); COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1)); \
             _echoes_names echoes \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            script.display()
        );
        let out = Command::new("bash")
            .arg("-c")
            .arg(program)
            .env("PATH", format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default()))
            .output()
            .expect("bash runs");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).lines().map(str::to_string).collect::<Vec<_>>()
    };
    assert_eq!(complete("show hamp"), ["hampshire-2021-12"]);
    assert_eq!(complete("provenance ''"), ["hampshire-2021-12", "wiltshire-2021-02"]);
    assert_eq!(complete("search victims --doc wil"), ["wiltshire-2021-02"]);
    assert_eq!(complete("search victims --force W"), ["Wiltshire Police"]);
    assert_eq!(complete("coverage --report ''"), ["safe-to-share-2020"]);
    // Elsewhere the generated completion answers: subcommands, options.
    assert_eq!(complete("sea"), ["search"]);
    assert!(complete("search --exa").contains(&"--exact".to_string()));
    // Fish gets the same names.
    let fish = run(&["completions", "fish"]).stdout;
    assert!(fish.contains("-l doc -x -a \"(echoes completions --list docs 2>/dev/null)\""), "{fish}");
}

/// Whether a program is on PATH.
/// Whether a shell is here to run a script in. `.ci/run` installs them and sets
/// `ECHOES_TEST_SHELLS`, so that there a missing shell fails the test instead of skipping a part.
fn have(program: &str) -> bool {
    std::env::var_os("ECHOES_TEST_SHELLS").is_some()
        || Command::new(program).arg("-c").arg("exit 0").output().is_ok_and(|o| o.status.success())
}

#[test]
fn zsh_elvish_and_powershell_offer_the_names_of_the_index_too() {
    let corpus = common::corpus_with(&["recommendations.toml", "hampshire-2021-12.txt", "wiltshire-2021-02.txt"]);
    let index = tempfile::tempdir().unwrap();
    assert_eq!(common::echoes(corpus.path(), index.path(), &["index"]).code, 0);
    let (c, i) = (corpus.path().display().to_string(), index.path().display().to_string());
    let bin = std::path::Path::new(env!("CARGO_BIN_EXE_echoes")).parent().unwrap();
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    let dir = tempfile::tempdir().unwrap();

    // Zsh: the generated specs call the name functions for a document, a body and a report.
    let zsh = run(&["completions", "zsh"]).stdout;
    for spec in [
        "Repeatable]:DOC:_echoes_docs'",
        "Repeatable]:NAME:_echoes_bodies'",
        "Repeatable]:ID:_echoes_reports'",
        "or a paragraph `DOC\\:N`:_echoes_docs'",
        "every document when none is given:_echoes_docs'",
    ] {
        assert!(zsh.contains(spec), "{spec}");
    }
    assert!(zsh.trim_end().ends_with("fi"), "the registration stays last");
    if have("zsh") {
        let script = dir.path().join("_echoes");
        std::fs::write(&script, &zsh).unwrap();
        // compadd as a function printing what it is given: the names offered after `--`.
        let complete = |function: &str, line: &str| {
            let program = format!(
                "compdef() {{}}; compadd() {{ print -l -- \"$@\" }}; source '{}'; \
                 LBUFFER=\"echoes --corpus '{c}' --index {i} {line}\"; {function} -J names",
                script.display()
            );
            let out = Command::new("zsh").arg("-c").arg(program).env("PATH", &path).output().expect("zsh runs");
            assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
            let text = String::from_utf8_lossy(&out.stdout).into_owned();
            text.split_once("--\n").map(|(_, names)| names.lines().map(str::to_string).collect::<Vec<_>>()).unwrap()
        };
        assert_eq!(complete("_echoes_docs", "show "), ["hampshire-2021-12", "wiltshire-2021-02"]);
        assert_eq!(complete("_echoes_bodies", "search x --force "), ["Hampshire Constabulary", "Wiltshire Police"]);
        assert_eq!(complete("_echoes_reports", "coverage --report "), ["safe-to-share-2020"]);
    }

    // Elvish: the completer gives the names where they are asked for.
    let elvish = run(&["completions", "elvish"]).stdout;
    assert!(elvish.contains("echoes $@where completions --list $list"), "{elvish}");
    if have("elvish") {
        // The line editor's module exists only in an interactive shell: the completer is called as a function.
        let script = elvish.replace("set edit:completion:arg-completer[echoes] = ", "var complete = ");
        let calls = format!(
            "{script}\n$complete echoes --corpus '{c}' --index '{i}' show '' | to-lines\n\
             $complete echoes --corpus '{c}' --index '{i}' search x --force '' | to-lines\n\
             $complete echoes --corpus '{c}' --index '{i}' attribute --report '' | to-lines\n"
        );
        let file = dir.path().join("echoes.elv");
        std::fs::write(&file, calls).unwrap();
        let out = Command::new("elvish").arg(&file).env("PATH", &path).output().expect("elvish runs");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let printed: Vec<String> = String::from_utf8_lossy(&out.stdout).lines().map(str::to_string).collect();
        assert_eq!(
            printed,
            [
                "hampshire-2021-12",
                "wiltshire-2021-02",
                "Hampshire Constabulary",
                "Wiltshire Police",
                "safe-to-share-2020"
            ]
        );
    }

    // PowerShell: the names before the generated completion, from the same list.
    let ps = run(&["completions", "powershell"]).stdout;
    let names = ps.find("completions --list $list").unwrap();
    assert!(names < ps.find("$completions = @(switch ($command)").unwrap(), "{ps}");
    for asked in
        ["$prev -eq '--doc'", "$prev -eq '--force'", "$prev -eq '--report'", "@('show', 'provenance', 'attribute')"]
    {
        assert!(ps.contains(asked), "{asked}");
    }
}
