#!/usr/bin/env python3
"""Rewrites the output shown under each `$ echoes ...` example of README.md (and docs/*.md) with
what the built binary prints on the bundled corpus, as tests/docs.rs runs it (100 columns, a
fresh index). Examples that show some lines only (`...`) are left for a person to edit."""
import os, shlex, subprocess, sys, tempfile, pathlib

root = pathlib.Path(__file__).resolve().parent.parent
binary = root / "target" / "debug" / "echoes"
skip = ("add ", "serve", "report", "export", "index")

def run(cmd, index):
    args = [str(binary), "--corpus", str(root / "corpus"), "--index", index] + shlex.split(cmd)
    env = {k: v for k, v in os.environ.items() if k not in ("ECHOES_CORPUS", "ECHOES_INDEX", "NO_COLOR")}
    env["COLUMNS"] = "100"
    out = subprocess.run(args, capture_output=True, text=True, env=env).stdout
    return [l.rstrip() for l in out.splitlines()]

def rewrite(path, index):
    lines = path.read_text().split("\n")
    out, i, in_block = [], 0, False
    while i < len(lines):
        line = lines[i]
        if line.startswith("```"):
            in_block = not in_block
            out.append(line); i += 1; continue
        if in_block and line.startswith("$ echoes ") and not line[9:].startswith(skip):
            j = i + 1
            while j < len(lines) and not lines[j].startswith("```") and not lines[j].startswith("$ echoes "):
                j += 1
            shown = lines[i + 1:j]
            out.append(line)
            if any(l.strip() == "..." for l in shown):
                out.extend(shown)
            else:
                out.extend(run(line[9:], index))
            i = j; continue
        out.append(line); i += 1
    path.write_text("\n".join(out))

with tempfile.TemporaryDirectory() as index:
    for p in [root / "README.md", *sorted((root / "docs").glob("*.md"))] + [pathlib.Path(a) for a in sys.argv[1:]]:
        rewrite(p, index)
