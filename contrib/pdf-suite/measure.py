#!/usr/bin/env python3
"""Word recall and table rows intact on the real-PDF suite (tests/fixtures/pdf/real).

Each PDF there with a NAME.csv beside it (cells, as the suite it comes from expects them) or a
NAME.txt (its text) is read by echoes (`show NAME --format json` on a corpus of that one file,
as a user would) and by `pdftotext -layout`. For each reader:

- word recall: the expected words (cells' or text's, lower case, outer punctuation stripped)
  found in what the reader gives, counted with repeats;
- rows intact: expected rows of two or more cells whose words stand together and in order in
  one unit of the reader's output: a line of `pdftotext -layout`; for echoes a table row (the
  paragraphs of its cells, which share a line of the laid-out text) or a paragraph.

Usage: contrib/pdf-suite/measure.py [--echoes target/release/echoes] [--only NAME] [--verbose]
"""
import argparse
import collections
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
SUITE = os.path.join(HERE, "..", "..", "tests", "fixtures", "pdf", "real")
STRIP = "\"'“”‘’.,;:()[]{}$*!?"


def words(text):
    text = unicodedata.normalize("NFKC", text).lower()
    out = []
    for w in text.split():
        if w == "|":
            # What separates the cells of a row echoes writes as one paragraph.
            continue
        w = w.strip(STRIP)
        if w:
            out.append(w)
    return out


def expected(name):
    """Expected words and rows (each a list of words) of a suite file."""
    base = os.path.join(SUITE, name)
    if os.path.exists(base + ".csv"):
        with open(base + ".csv", newline="", encoding="utf-8") as f:
            rows = [r for r in csv.reader(f)]
        all_words = [w for r in rows for c in r for w in words(c)]
        table_rows = [[w for c in r for w in words(c)] for r in rows if sum(1 for c in r if c.strip()) >= 2]
        return all_words, table_rows
    with open(base + ".txt", encoding="utf-8") as f:
        text = f.read()
    return words(text), []


def contains_run(hay, needle):
    n = len(needle)
    if n == 0:
        return True
    first = needle[0]
    for i in range(len(hay) - n + 1):
        if hay[i] == first and hay[i : i + n] == needle:
            return True
    return False


def score(units, want_words, want_rows):
    got = collections.Counter(w for u in units for w in u)
    want = collections.Counter(want_words)
    found = sum(min(n, got[w]) for w, n in want.items())
    intact = sum(1 for r in want_rows if any(contains_run(u, r) for u in units))
    return found, intact


def pdftotext_units(pdf):
    out = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True).stdout
    return [words(l) for l in out.splitlines()]


def echoes_units(binary, pdf):
    name = os.path.splitext(os.path.basename(pdf))[0]
    with tempfile.TemporaryDirectory() as corpus, tempfile.TemporaryDirectory() as index:
        shutil.copy(pdf, corpus)
        shutil.copy(os.path.join(HERE, "..", "..", "corpus", "recommendations.toml"), corpus)
        run = subprocess.run(
            [binary, "--corpus", corpus, "--index", index, "show", name, "--format", "json"],
            capture_output=True,
            text=True,
        )
        if run.returncode != 0:
            sys.stderr.write(f"{name}: echoes exit {run.returncode}: {run.stderr.strip()}\n")
            return []
        paras = json.loads(run.stdout)
    units = []
    row_key = None
    for p in paras:
        # The paragraphs of one table row stand on one line of the laid-out text.
        key = p.get("line")
        if key is not None and key == row_key:
            units[-1].extend(words(p["text"]))
        else:
            units.append(words(p["text"]))
        row_key = key
    return units


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--echoes", default=os.path.join(HERE, "..", "..", "target", "release", "echoes"))
    ap.add_argument("--only")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    names = sorted(
        os.path.splitext(f)[0]
        for f in os.listdir(SUITE)
        if f.endswith(".pdf") and any(os.path.exists(os.path.join(SUITE, os.path.splitext(f)[0] + e)) for e in (".csv", ".txt"))
    )
    if args.only:
        names = [n for n in names if args.only in n]
    totals = collections.defaultdict(lambda: [0, 0, 0, 0, 0.0])
    print(f"| file | words | rows | echoes recall | echoes rows | pdftotext recall | pdftotext rows |")
    print("|---|---|---|---|---|---|---|")
    for name in names:
        pdf = os.path.join(SUITE, name + ".pdf")
        want_words, want_rows = expected(name)
        cells = []
        for reader, units_of in (("echoes", lambda p: echoes_units(args.echoes, p)), ("pdftotext", pdftotext_units)):
            start = time.monotonic()
            units = units_of(pdf)
            took = time.monotonic() - start
            found, intact = score(units, want_words, want_rows)
            t = totals[reader]
            t[0] += found
            t[1] += len(want_words)
            t[2] += intact
            t[3] += len(want_rows)
            t[4] += took
            cells.append(f"{100 * found / max(1, len(want_words)):.1f} %")
            cells.append(f"{intact}/{len(want_rows)}" if want_rows else "-")
            if args.verbose and reader == "echoes":
                missing = collections.Counter(want_words) - collections.Counter(w for u in units for w in u)
                print(f"  {name}: missing {sorted(missing.elements())[:40]}", file=sys.stderr)
                for r in want_rows:
                    if not any(contains_run(u, r) for u in units):
                        print(f"  {name}: row broken: {' '.join(r)}", file=sys.stderr)
        print(f"| {name} | {len(want_words)} | {len(want_rows)} | " + " | ".join(cells) + " |")
    for reader, (found, total, intact, rows, took) in totals.items():
        print(
            f"\n{reader}: word recall {100 * found / max(1, total):.1f} % ({found} of {total}), "
            f"rows intact {100 * intact / max(1, rows):.1f} % ({intact} of {rows}), {took:.2f} s in all"
        )


if __name__ == "__main__":
    main()
