#!/usr/bin/env python3
"""Every PDF of a folder read by echoes, one corpus each, its words held against `pdftotext`'s.

For a corpus of PDFs with no expected text (pdf.js's test corpus, a folder of downloads): does
echoes read each file (exit status, time), and how do its words compare with poppler's? Per file:
the words echoes indexed (`show DOC --format json`), the words `pdftotext` gives, and the share of
pdftotext's words echoes has (recall) and of echoes' words pdftotext has (precision), counted
with repeats, lower case, outer punctuation stripped. Neither reader is the truth: a file where
they disagree is one to look at. Each run gets 60 s and 6 GB of address space.

To leave OCR out (a scan then counts as no words), run it with a PATH without `tesseract`, or
with ECHOES_TESSERACT=/nonexistent.

Usage: contrib/pdf-suite/sweep.py ECHOES FOLDER OUT.json   (a line per file on standard output)
"""
import collections
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata

STRIP = "\"'“”‘’.,;:()[]{}$*!?"


def words(text):
    text = unicodedata.normalize("NFKC", text).lower()
    return [w.strip(STRIP) for w in text.split() if w.strip(STRIP) and w != "|"]


def echoes_words(binary, pdf):
    """Exit status, seconds, and the words echoes indexed of `pdf` (None when it indexed nothing)."""
    with tempfile.TemporaryDirectory() as corpus, tempfile.TemporaryDirectory() as index:
        shutil.copy(pdf, corpus)
        base = ["prlimit", "--as=6000000000", "timeout", "60", binary, "--corpus", corpus, "--index", index]
        start = time.monotonic()
        run = subprocess.run(base + ["docs", "--format", "json"], capture_output=True, text=True)
        took = time.monotonic() - start
        if run.returncode != 0:
            return run.returncode, took, None
        docs = json.loads(run.stdout)
        if not docs:
            return 0, took, None
        shown = subprocess.run(base + ["show", docs[0]["doc"], "--format", "json"], capture_output=True, text=True)
        if shown.returncode != 0:
            return shown.returncode, took, None
        return 0, took, words(" ".join(p["text"] for p in json.loads(shown.stdout)))


def main():
    binary, folder, out = sys.argv[1:4]
    rows = []
    for name in sorted(f for f in os.listdir(folder) if f.lower().endswith(".pdf")):
        pdf = os.path.join(folder, name)
        code, took, mine = echoes_words(binary, pdf)
        poppler = subprocess.run(["timeout", "60", "pdftotext", pdf, "-"], capture_output=True, text=True, errors="replace")
        theirs = collections.Counter(words(poppler.stdout))
        ours = collections.Counter(mine or [])
        both = sum((ours & theirs).values())
        row = {
            "file": name,
            "exit": code,
            "seconds": round(took, 3),
            "echoes_words": sum(ours.values()),
            "pdftotext_words": sum(theirs.values()),
            "recall": both / max(1, sum(theirs.values())),
            "precision": both / max(1, sum(ours.values())),
        }
        rows.append(row)
        print(f"{name}: exit={code} t={took:.2f} echoes={row['echoes_words']} pdftotext={row['pdftotext_words']} "
              f"R={row['recall']:.2f} P={row['precision']:.2f}", flush=True)
    with open(out, "w") as f:
        json.dump(rows, f, indent=1)


if __name__ == "__main__":
    main()
