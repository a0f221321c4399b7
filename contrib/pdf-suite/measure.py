#!/usr/bin/env python3
"""Word recall and table rows intact on the real-PDF suite (tests/fixtures/pdf/real).

Each PDF there with a NAME.csv beside it (cells, as the suite it comes from expects them) or a
NAME.txt (its text) is read by echoes (`show NAME --format json` on a corpus of that one file,
as a user would), by `pdftotext -layout` (poppler), by pdfplumber (`extract_text()`, its lines)
and by PyMuPDF (`get_text("words")`, laid out in lines as below). The two Python libraries are
optional: a reader whose module is not installed is left out. For each reader:

- word recall: the expected words (cells' or text's, lower case, outer punctuation stripped)
  found in what the reader gives, counted with repeats;
- rows intact: expected rows of two or more cells whose words stand together and in order in
  one unit of the reader's output: a line of `pdftotext -layout` or pdfplumber; for PyMuPDF,
  which gives words in blocks, a line made of the words of a page whose boxes share most of
  their height (left to right); for echoes a table row (the paragraphs of its cells, which
  share a line of the laid-out text) or a paragraph;
- time: wall time to read the file. echoes and pdftotext are whole commands as a user types
  them (echoes builds its index too); the libraries are timed in this process, from opening the
  file to its last page, without the interpreter's start or the module's import.

Usage: contrib/pdf-suite/measure.py [--echoes target/release/echoes] [--suite DIR] [--only NAME] [--verbose]
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
    with open(base + ".txt", encoding="utf-8-sig") as f:
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


def pdfplumber_units(pdf):
    import pdfplumber

    units = []
    with pdfplumber.open(pdf) as doc:
        for page in doc.pages:
            units.extend(words(l) for l in (page.extract_text() or "").splitlines())
    return units


def lines_of_boxes(boxes):
    """Words with boxes (x0, y0, x1, y1, text) laid out in lines: a word joins the line whose
    height it shares for most of its own, words of a line left to right."""
    lines = []
    for x0, y0, x1, y1, text in sorted(boxes, key=lambda b: ((b[1] + b[3]) / 2, b[0])):
        h = max(y1 - y0, 1e-6)
        for line in lines:
            overlap = min(y1, line[1]) - max(y0, line[0])
            if overlap > 0.5 * min(h, line[1] - line[0]):
                line[2].append((x0, text))
                break
        else:
            lines.append([y0, y1, [(x0, text)]])
    return [" ".join(t for _, t in sorted(l[2])) for l in lines]


def pymupdf_units(pdf):
    import pymupdf

    units = []
    with pymupdf.open(pdf) as doc:
        for page in doc:
            boxes = [(w[0], w[1], w[2], w[3], w[4]) for w in page.get_text("words")]
            units.extend(words(l) for l in lines_of_boxes(boxes))
    return units


def available(module):
    try:
        __import__(module)
        return True
    except ImportError:
        sys.stderr.write(f"{module} is not installed: left out\n")
        return False


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
    ap.add_argument("--suite", default=None, help="a folder of PDFs, each with NAME.csv or NAME.txt")
    ap.add_argument("--only")
    ap.add_argument("--verbose", action="store_true", help="list the words and rows echoes misses")
    args = ap.parse_args()
    global SUITE
    SUITE = args.suite or SUITE
    names = sorted(
        os.path.splitext(f)[0]
        for f in os.listdir(SUITE)
        if f.endswith(".pdf") and any(os.path.exists(os.path.join(SUITE, os.path.splitext(f)[0] + e)) for e in (".csv", ".txt"))
    )
    if args.only:
        names = [n for n in names if args.only in n]
    readers = [("echoes", lambda p: echoes_units(args.echoes, p)), ("pdftotext", pdftotext_units)]
    if available("pdfplumber"):
        readers.append(("pdfplumber", pdfplumber_units))
    if available("pymupdf"):
        readers.append(("PyMuPDF", pymupdf_units))
    totals = collections.defaultdict(lambda: [0, 0, 0, 0, 0.0])
    print("| file | words | rows | " + " | ".join(f"{r} recall | {r} rows" for r, _ in readers) + " |")
    print("|---|---|---|" + "---|---|" * len(readers))
    for name in names:
        pdf = os.path.join(SUITE, name + ".pdf")
        want_words, want_rows = expected(name)
        cells = []
        for reader, units_of in readers:
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
    print("\n| reader | word recall | rows intact | time |\n|---|---|---|---|")
    for reader, (found, total, intact, rows, took) in totals.items():
        print(
            f"| {reader} | {100 * found / max(1, total):.1f} % ({found} of {total}) | "
            f"{100 * intact / max(1, rows):.1f} % ({intact} of {rows}) | {took:.2f} s |"
        )


if __name__ == "__main__":
    main()
