#!/usr/bin/env python3
"""Score echoes' `reuse` against the truth of a collection: pair precision and recall.

Runs `ECHOES --corpus CORPUS --index TMPDIR reuse --format json` (a fresh index in a temporary
directory), takes every finding whose two sides belong to different bodies (the `force` of
each side; findings within one body are not pairs), and compares the unordered body pairs with
the `[[pair]]` list of truth.toml. It prints precision, recall, every false pair with the text
echoes showed for it (and what the truth's runs between those two bodies are), and every missed
pair with the truth's copy runs (or note) for it.

Usage:
  python3 contrib/truth/score.py [--echoes target/release/echoes] [--corpus DIR] [--truth FILE]
                                 [--json FILE] [-- extra reuse options, e.g. --min-words 10]
Standard library only. Exit code 0 when both precision and recall reach --target (0.9), else 1;
2 when echoes fails.
"""

import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile
import textwrap
import tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
DEFAULT_CORPUS = os.path.join(ROOT, "tests", "fixtures", "realcoll", "corpus")
DEFAULT_TRUTH = os.path.join(ROOT, "tests", "fixtures", "realcoll", "truth.toml")


def pair(a, b):
    return tuple(sorted((a, b)))


def findings_of(data):
    """The findings of echoes' JSON, whatever its top-level shape."""
    if isinstance(data, dict):
        for k in ("findings", "pairs", "runs", "passages", "results"):
            if isinstance(data.get(k), list):
                return data[k]
        return []
    return data if isinstance(data, list) else []


def side_force(side):
    if isinstance(side, dict):
        return side.get("force") or "(unattributed)"
    return "(unattributed)"


def shown_text(f):
    spans = f.get("spans") or []
    texts = [s.get("shared", "") for s in spans if isinstance(s, dict) and s.get("shared")]
    if texts:
        return " … ".join(texts)
    return (f.get("a") or {}).get("text", "")


def run_echoes(echoes, corpus, extra):
    with tempfile.TemporaryDirectory(prefix="echoes-score-") as tmp:
        idx = os.path.join(tmp, "index")
        cmd = [echoes, "--corpus", corpus, "--index", idx, "--color", "never", "reuse",
               "--format", "json"] + extra
        p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode not in (0, 1):
        sys.stderr.write(p.stderr)
        sys.exit(f"score.py: {' '.join(cmd)} failed with exit code {p.returncode}")
    try:
        data = json.loads(p.stdout) if p.stdout.strip() else []
    except json.JSONDecodeError as e:
        sys.exit(f"score.py: echoes printed no JSON ({e})")
    return cmd, data, p.stderr


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--echoes", default="target/release/echoes", help="the echoes binary")
    ap.add_argument("--corpus", default=DEFAULT_CORPUS)
    ap.add_argument("--truth", default=DEFAULT_TRUTH)
    ap.add_argument("--target", type=float, default=0.9)
    ap.add_argument("--json", metavar="FILE", help="write the scores and pair lists as JSON")
    ap.add_argument("--width", type=int, default=300, help="characters of text shown per finding")
    ap.add_argument("extra", nargs="*", help="extra options for `reuse` (after --)")
    args = ap.parse_args()

    with open(args.truth, "rb") as f:
        truth = tomllib.load(f)
    true_pairs = {pair(p["a"], p["b"]): p for p in truth.get("pair", [])}
    truth_runs = collections.defaultdict(list)
    for r in truth.get("run", []):
        truth_runs[pair(r["a_force"], r["b_force"])].append(r)

    cmd, data, err = run_echoes(args.echoes, args.corpus, args.extra)
    findings = findings_of(data)
    reported = collections.defaultdict(list)
    within = 0
    for f in findings:
        fa, fb = side_force(f.get("a")), side_force(f.get("b"))
        if fa == fb:
            within += 1
            continue
        reported[pair(fa, fb)].append(f)

    tp = sorted(set(reported) & set(true_pairs))
    fp = sorted(set(reported) - set(true_pairs))
    fn = sorted(set(true_pairs) - set(reported))
    precision = len(tp) / len(reported) if reported else 1.0
    recall = len(tp) / len(true_pairs) if true_pairs else 1.0

    print(f"$ {' '.join(cmd[:1] + ['--corpus', os.path.relpath(args.corpus)] + cmd[5:])}")
    notes = [l for l in err.splitlines() if l.strip()]
    if notes:
        print("echoes said:")
        for l in notes:
            print(f"  {l}")
    print(f"\n{len(findings)} findings, {within} within one body; "
          f"{len(reported)} body pairs reported, {len(true_pairs)} true pairs")
    print(f"pair precision {precision:.3f} ({len(tp)}/{len(reported)})")
    print(f"pair recall    {recall:.3f} ({len(tp)}/{len(true_pairs)})")

    w = lambda s: textwrap.shorten(" ".join(s.split()), args.width, placeholder=" …")
    if fp:
        print(f"\nFALSE PAIRS ({len(fp)}): echoes reports them, the truth has no copy between them")
        for p in fp:
            fs = reported[p]
            print(f"\n- {p[0]}  <>  {p[1]}   ({len(fs)} finding{'s' if len(fs) > 1 else ''})")
            for f in fs[:3]:
                a, b = f.get("a") or {}, f.get("b") or {}
                print(f"    {a.get('path', '?')} <> {b.get('path', '?')}  kind={f.get('kind')} "
                      f"score={f.get('score')} words={f.get('shared_words')} longest={f.get('longest_run')}")
                print(f"    shown: {w(shown_text(f))}")
            runs = truth_runs.get(p, [])
            if runs:
                cls = collections.Counter(f"{r['class']}: {r['reason']}" for r in runs)
                print("    truth's runs between them: " + "; ".join(f"{k} (x{v})" for k, v in cls.most_common()))
            else:
                print("    truth's runs between them: none of 12 or more words")
    if fn:
        print(f"\nMISSED PAIRS ({len(fn)}): true pairs echoes does not report")
        for p in fn:
            tpair = true_pairs[p]
            print(f"\n- {p[0]}  <>  {p[1]}   [{tpair.get('kind', '')}]")
            print(f"    truth: {tpair.get('note', '')}")
            for r in [r for r in truth_runs.get(p, []) if r["class"] == "copy"][:3]:
                print(f"    copy run {r['a']} <> {r['b']} ({r['words']} words): {w(r['text'])}")
    if tp:
        print(f"\nTRUE PAIRS FOUND ({len(tp)}): " + "; ".join(f"{a} <> {b}" for a, b in tp))

    if args.json:
        out = {"precision": precision, "recall": recall, "reported": len(reported),
               "true": len(true_pairs), "true_positives": [list(p) for p in tp],
               "false_pairs": [{"pair": list(p), "findings": [
                   {"a": (f.get("a") or {}).get("path"), "b": (f.get("b") or {}).get("path"),
                    "kind": f.get("kind"), "score": f.get("score"), "text": shown_text(f)}
                   for f in reported[p]]} for p in fp],
               "missed_pairs": [{"pair": list(p), "note": true_pairs[p].get("note")} for p in fn]}
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(out, f, indent=1, ensure_ascii=False)
    sys.exit(0 if precision >= args.target and recall >= args.target else 1)


if __name__ == "__main__":
    main()
