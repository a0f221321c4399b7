//! `echoes completions SHELL`: a shell completion script, written from the argument definitions,
//! with completion of document ids, body names and reports from the index in every shell
//! (`echoes completions --list docs|bodies|reports`, which prints them).

use std::io::Write;

use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::{Cli, CompletionsArgs, NameList};
use crate::commands::context::Context;
use crate::error::EXIT_OK;

/// Bash: document ids, body names and reports from the index where they are asked for, the
/// generated completion elsewhere. `--corpus` and `--index` on the line being completed are passed on.
const BASH_NAMES: &str = r#"
_echoes_names() {
    local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"
    local sub="" list="" where=() i
    for ((i = 1; i < COMP_CWORD; i++)); do
        case "${COMP_WORDS[i]}" in
            --corpus|--index) where+=("${COMP_WORDS[i]}" "${COMP_WORDS[i+1]}"); ((i++)) ;;
            -*) ;;
            *) [[ -z "$sub" ]] && sub="${COMP_WORDS[i]}" ;;
        esac
    done
    case "$prev" in
        --doc|-d) list=docs ;;
        --force|-f) [[ "$sub" != add ]] && list=bodies ;;
        --report) [[ "$sub" != add ]] && list=reports ;;
        *) case "$sub" in
               show|provenance|attribute) [[ "$cur" != -* && "$prev" == "$sub" ]] && list=docs ;;
           esac ;;
    esac
    if [[ -n "$list" ]]; then
        local IFS=$'\n'
        COMPREPLY=($(compgen -W "$(echoes "${where[@]}" completions --list "$list" 2>/dev/null)" -- "$cur"))
        return 0
    fi
    _echoes "$@"
}
if [[ "${BASH_VERSINFO[0]}" -eq 4 && "${BASH_VERSINFO[1]}" -ge 4 || "${BASH_VERSINFO[0]}" -gt 4 ]]; then
    complete -F _echoes_names -o nosort -o bashdefault -o default echoes
else
    complete -F _echoes_names -o bashdefault -o default echoes
fi
"#;

/// Fish: the same names, added to the generated completions.
const FISH_NAMES: &str = r#"
complete -c echoes -n "__fish_seen_subcommand_from show provenance attribute" -f -a "(echoes completions --list docs 2>/dev/null)"
complete -c echoes -s d -l doc -x -a "(echoes completions --list docs 2>/dev/null)"
complete -c echoes -n "not __fish_seen_subcommand_from add" -s f -l force -x -a "(echoes completions --list bodies 2>/dev/null)"
complete -c echoes -n "not __fish_seen_subcommand_from add" -l report -x -a "(echoes completions --list reports 2>/dev/null)"
"#;

/// Zsh: functions that offer the names, called where the generated script offers nothing
/// (`_default`) for a document, a body or a report. `--corpus` and `--index` on the line are passed on.
const ZSH_NAMES: &str = r#"
_echoes_list() {
    local -a line where names
    local i kind=$1
    shift
    line=(${(z)LBUFFER})
    for ((i = 2; i < ${#line}; i++)); do
        case ${line[i]} in
            --corpus|--index) where+=(${line[i]} ${(Q)line[i+1]}); ((i++)) ;;
            --corpus=*|--index=*) where+=(${(Q)line[i]}) ;;
        esac
    done
    names=(${(f)"$(echoes ${where[@]} completions --list $kind 2>/dev/null)"})
    compadd "$@" -- ${names[@]}
}
_echoes_docs() { _echoes_list docs "$@" }
_echoes_bodies() { _echoes_list bodies "$@" }
_echoes_reports() { _echoes_list reports "$@" }

"#;

/// PowerShell: the names first, where they are asked for; the generated completion elsewhere.
const POWERSHELL_NAMES: &str = r#"
    $before = @($commandAst.CommandElements | Where-Object { $_.Extent.EndOffset -lt $cursorPosition } | ForEach-Object { $_.Extent.Text })
    $where = @()
    $sub = ''
    for ($i = 1; $i -lt $before.Count; $i++) {
        $w = $before[$i]
        if ($w -eq '--corpus' -or $w -eq '--index') {
            if ($i + 1 -lt $before.Count) { $where += $w, $before[$i + 1] }
            $i++
        } elseif (-not $w.StartsWith('-') -and $sub -eq '') {
            $sub = $w
        }
    }
    $prev = if ($before.Count -gt 0) { $before[-1] } else { '' }
    $list = ''
    if ($prev -eq '--doc' -or $prev -eq '-d') { $list = 'docs' }
    elseif (($prev -eq '--force' -or $prev -eq '-f') -and $sub -ne 'add') { $list = 'bodies' }
    elseif ($prev -eq '--report' -and $sub -ne 'add') { $list = 'reports' }
    elseif (@('show', 'provenance', 'attribute') -contains $sub -and $prev -eq $sub -and -not $wordToComplete.StartsWith('-')) { $list = 'docs' }
    if ($list -ne '') {
        @(& echoes @where completions --list $list 2>$null) |
            Where-Object { $_ -like "$wordToComplete*" } |
            ForEach-Object {
                $text = if ($_ -match '\s') { "'" + ($_ -replace "'", "''") + "'" } else { $_ }
                [CompletionResult]::new($text, $_, [CompletionResultType]::ParameterValue, $_)
            }
        return
    }
"#;

/// Elvish: the names where they are asked for, the generated completion elsewhere.
const ELVISH_NAMES: &str = r#"
    var where = []
    var sub = ''
    var i = (num 1)
    while (< $i (- (count $words) 1)) {
        var w = $words[$i]
        if (or (eq $w --corpus) (eq $w --index)) {
            if (< (+ $i 1) (- (count $words) 1)) {
                set where = [$@where $w $words[(+ $i 1)]]
            }
            set i = (+ $i 1)
        } elif (and (not (str:has-prefix $w -)) (eq $sub '')) {
            set sub = $w
        }
        set i = (+ $i 1)
    }
    var prev = $words[-2]
    var list = ''
    if (or (eq $prev --doc) (eq $prev -d)) {
        set list = docs
    } elif (and (or (eq $prev --force) (eq $prev -f)) (not-eq $sub add)) {
        set list = bodies
    } elif (and (eq $prev --report) (not-eq $sub add)) {
        set list = reports
    } elif (and (has-value [show provenance attribute] $sub) (eq $prev $sub) (not (str:has-prefix $words[-1] -))) {
        set list = docs
    }
"#;

/// Where the generated zsh script offers nothing for a document, a body or a report, the
/// function that offers the names.
fn zsh_line(line: &str) -> String {
    let doc = line.contains("]:DOC:")
        || ["':id -- A document", "'::doc -- ", "':doc -- "].iter().any(|p| line.starts_with(p));
    let with = if doc {
        "_echoes_docs"
    } else if line.contains("]:NAME:") && line.contains("body") {
        "_echoes_bodies"
    } else if line.contains("--report=[") {
        "_echoes_reports"
    } else {
        return line.to_string();
    };
    line.replace(":_default'", &format!(":{with}'"))
}

pub fn run(ctx: &Context, args: &CompletionsArgs, out: &mut dyn Write) -> anyhow::Result<u8> {
    if let Some(list) = args.list {
        // From the index as it is: a completion never builds, and says nothing when there is none.
        let Ok(opened) = crate::index::open(&ctx.index) else { return Ok(EXIT_OK) };
        let names: Vec<String> = match list {
            NameList::Docs => opened.documents()?.iter().map(|d| d.doc.clone()).collect(),
            NameList::Bodies => opened.forces()?,
            NameList::Reports => opened.meta.reports.iter().map(|r| r.id().to_string()).collect(),
        };
        crate::render::lines(out, &names)?;
        return Ok(EXIT_OK);
    }
    let Some(shell) = args.shell else { return Ok(EXIT_OK) };
    let mut command = Cli::command();
    let name = command.get_name().to_string();
    // Written whole, then copied out: a reader that goes away is an ordinary broken pipe.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, name, &mut script);
    let text = String::from_utf8_lossy(&script);
    match shell {
        Shell::Bash => {
            // The generated registration is replaced by the one that completes names first.
            let start = text.rfind("if [[ \"${BASH_VERSINFO[0]}\"").unwrap_or(text.len());
            out.write_all(text[..start].as_bytes())?;
            out.write_all(BASH_NAMES.as_bytes())?;
        }
        Shell::Fish => {
            out.write_all(text.as_bytes())?;
            out.write_all(FISH_NAMES.as_bytes())?;
        }
        Shell::Zsh => {
            let start = text.rfind("if [ \"$funcstack[1]\" = \"_echoes\" ]").unwrap_or(text.len());
            let lines: Vec<String> = text[..start].lines().map(zsh_line).collect();
            writeln!(out, "{}", lines.join("\n"))?;
            out.write_all(ZSH_NAMES.as_bytes())?;
            out.write_all(text[start..].as_bytes())?;
        }
        Shell::PowerShell => {
            // The names are looked at first, at the top of the completer.
            let param = "param($wordToComplete, $commandAst, $cursorPosition)\n";
            let at = text.find(param).map_or(0, |i| i + param.len());
            out.write_all(text[..at].as_bytes())?;
            out.write_all(POWERSHELL_NAMES.as_bytes())?;
            out.write_all(text[at..].as_bytes())?;
        }
        Shell::Elvish => {
            // The generated lookup runs only when no names are asked for.
            let last = "    $completions[$command]\n";
            let at = text.rfind(last).unwrap_or(text.len());
            let top = "set edit:completion:arg-completer[echoes] = {|@words|\n";
            let start = text.find(top).map_or(0, |i| i + top.len());
            out.write_all(text[..start].as_bytes())?;
            out.write_all(ELVISH_NAMES.as_bytes())?;
            out.write_all(text[start..at].as_bytes())?;
            out.write_all(
                b"    if (eq $list '') {\n        $completions[$command]\n    } else {\n        \
                  try { echoes $@where completions --list $list 2>/dev/null | from-lines } catch { }\n    }\n",
            )?;
            out.write_all(text[at..].get(last.len()..).unwrap_or("").as_bytes())?;
        }
        _ => out.write_all(text.as_bytes())?,
    }
    Ok(EXIT_OK)
}
