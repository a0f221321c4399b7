#!/usr/bin/env python3
"""Two 100-page PDFs for timing how echoes reads a long PDF (BENCHMARKS.md), written to OUT:

- tables-100/tables-100.pdf: the suite's 5-page procurement table 20 times over (poppler's
  `pdfunite`), a ruled table with rotated text on every page;
- prose-100/prose-100.pdf: a response letter of 100 pages of prose, numbered headings and
  paragraphs, set in Helvetica by PyMuPDF (`pip install pymupdf`).

Each PDF stands in a folder of its own with the bundled recommendations, a corpus to time:
    farm-bench -- target/release/echoes --corpus OUT/prose-100 --index /tmp/i docs
(`docs` on a fresh index reads, lays out and indexes the file; remove the index between runs,
or give `--index` a new folder, as `farm-bench` runs do with `sh -c`).

Usage: contrib/pdf-suite/long.py OUT
"""
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..")
TABLE = os.path.join(ROOT, "tests", "fixtures", "pdf", "real", "Publication_of_award_of_Bids_for_Transport_Sector__August_2016.pdf")

WORDS = (
    "the force has reviewed its procedures for sharing information with partner agencies and will report "
    "progress to the board each quarter where the lead officer sets out what has been done what remains and "
    "when it will be finished victims are supported by trained staff in every district"
).split()


def corpus(out, name):
    folder = os.path.join(out, name)
    os.makedirs(folder, exist_ok=True)
    shutil.copy(os.path.join(ROOT, "corpus", "recommendations.toml"), folder)
    return os.path.join(folder, name + ".pdf")


def prose(path):
    import pymupdf

    doc = pymupdf.open()
    n = 0
    for page_no in range(100):
        page = doc.new_page(width=595, height=842)
        y = 72
        page.insert_text((72, y), f"Kent Police response, page {page_no + 1}", fontsize=9)
        y += 30
        for heading in range(3):
            page.insert_text((72, y), f"Recommendation {page_no * 3 + heading + 1}", fontsize=13)
            y += 22
            for _ in range(2):
                # A paragraph of six lines, each its own words, so that no two pages are alike.
                for line in range(6):
                    n += 1
                    words = [WORDS[(n * 7 + k * 3) % len(WORDS)] for k in range(14)]
                    page.insert_text((72, y), " ".join(words), fontsize=10)
                    y += 13
                y += 9
        page.insert_text((290, 800), str(page_no + 1), fontsize=9)
    doc.save(path)


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    subprocess.run(["pdfunite"] + [TABLE] * 20 + [corpus(out, "tables-100")], check=True)
    prose(corpus(out, "prose-100"))


if __name__ == "__main__":
    main()
