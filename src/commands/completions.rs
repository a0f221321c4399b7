//! `echoes completions SHELL`: a shell completion script, written from the argument definitions;
//! for bash and fish, with completion of document ids, body names and reports from the index
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
        _ => out.write_all(text.as_bytes())?,
    }
    Ok(EXIT_OK)
}
