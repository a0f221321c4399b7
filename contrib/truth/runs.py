#!/usr/bin/env python3
"""List every run of identical words that two bodies' documents share.

Independent of echoes: standard library only. For each pair of documents of a collection whose
bodies (the manifest's `force`) differ, it finds every maximal run of at least --min-words (12)
identical consecutive words, after normalising the words, and prints the run with the two
documents, their bodies and the run's words. `--json FILE` writes them as JSON too.

Reading:
  * HTML (.html, .htm): the text of the page, without tags; <script> and <style> are dropped.
  * CSV (.csv) and tab-separated (.tsv) files: the cells, row by row; a cell holding HTML is
    read as HTML.
  * anything else: plain UTF-8 text as it is.

Normalising: Unicode NFKC, casefold, curly quotes and dashes folded to plain ones, apostrophes
removed inside words ("victim's" -> "victims"), every other character that is not a letter or a
digit splits words ("super-complaint" -> "super complaint").

A run is maximal: the words before and after it differ in the two documents (or a document ends).
The same words shared twice by the same two documents (a document repeating itself) are listed
once, with the number of times they occur.

Usage:
  python3 contrib/truth/runs.py [--corpus DIR] [--min-words N] [--json FILE] [--quiet]
"""

import argparse
import csv
import hashlib
import html.parser
import io
import json
import os
import re
import sys
import tomllib
import unicodedata
from collections import defaultdict

DEFAULT_CORPUS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                              "tests", "fixtures", "realcoll", "corpus")


class _Text(html.parser.HTMLParser):
    BLOCK = {"p", "div", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "br",
             "section", "article", "header", "footer", "nav", "blockquote", "table", "ul",
             "ol", "main", "aside", "details", "summary", "form", "label", "button"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def html_text(s):
    p = _Text()
    p.feed(s)
    p.close()
    return "".join(p.parts)


def read_text(path):
    with open(path, encoding="utf-8", errors="replace", newline="") as f:
        raw = f.read()
    ext = os.path.splitext(path)[1].lower()
    if ext in (".html", ".htm"):
        return html_text(raw)
    if ext in (".csv", ".tsv"):
        delim = "\t" if ext == ".tsv" else ","
        out = []
        for row in csv.reader(io.StringIO(raw), delimiter=delim):
            for cell in row:
                out.append(html_text(cell) if "<" in cell and ">" in cell else cell)
            out.append("\n")
        return "\n".join(out)
    return raw


FOLD = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": "-", "\u00a0": " ",
})
WORD = re.compile(r"[^\W_]+")


def words(text):
    t = unicodedata.normalize("NFKC", text).translate(FOLD).casefold()
    t = re.sub(r"(?<=\w)'(?=\w)|(?<=\w)'", "", t)   # victim's -> victims, victims' -> victims
    return WORD.findall(t)


def load(corpus):
    with open(os.path.join(corpus, "manifest.toml"), "rb") as f:
        manifest = tomllib.load(f)
    docs = []
    for d in manifest.get("document", []):
        path = d["path"]
        docs.append({
            "path": path,
            "force": d.get("force", ""),
            "kind": d.get("kind", "response"),
            "report": d.get("report", ""),
            "words": words(read_text(os.path.join(corpus, path))),
        })
    return docs


def shared_runs(a, b, n):
    """Maximal runs of >= n equal words between word lists a and b: (i, j, length)."""
    grams = defaultdict(list)
    for j in range(len(b) - n + 1):
        grams[tuple(b[j:j + n])].append(j)
    runs = []
    for i in range(len(a) - n + 1):
        for j in grams.get(tuple(a[i:i + n]), ()):
            if i > 0 and j > 0 and a[i - 1] == b[j - 1]:
                continue   # not the start of the run
            k = n
            while i + k < len(a) and j + k < len(b) and a[i + k] == b[j + k]:
                k += 1
            runs.append((i, j, k))
    return runs


def run_key(path_a, path_b, text):
    return hashlib.sha1(f"{path_a}|{path_b}|{text}".encode()).hexdigest()[:12]


def all_runs(docs, n):
    out = []
    for x in range(len(docs)):
        for y in range(x + 1, len(docs)):
            a, b = docs[x], docs[y]
            if a["force"] == b["force"]:
                continue
            if (a["path"] > b["path"]):
                a, b = b, a
            seen = {}
            for i, j, k in shared_runs(a["words"], b["words"], n):
                text = " ".join(a["words"][i:i + k])
                if text in seen:
                    seen[text]["occurrences"] += 1
                    continue
                r = {
                    "key": run_key(a["path"], b["path"], text),
                    "a": a["path"], "a_force": a["force"], "a_kind": a["kind"], "a_start": i,
                    "b": b["path"], "b_force": b["force"], "b_kind": b["kind"], "b_start": j,
                    "words": k, "occurrences": 1, "text": text,
                }
                seen[text] = r
                out.append(r)
    out.sort(key=lambda r: (r["a"], r["b"], r["a_start"]))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default=DEFAULT_CORPUS, help="collection folder with manifest.toml")
    ap.add_argument("--min-words", type=int, default=12, help="shortest run listed (12)")
    ap.add_argument("--json", metavar="FILE", help="also write the runs as JSON to FILE ('-' for stdout)")
    ap.add_argument("--quiet", action="store_true", help="print only the summary")
    args = ap.parse_args()

    docs = load(args.corpus)
    runs = all_runs(docs, args.min_words)
    if args.json:
        data = {"corpus": os.path.abspath(args.corpus), "min_words": args.min_words,
                "documents": len(docs), "runs": runs}
        if args.json == "-":
            json.dump(data, sys.stdout, indent=1, ensure_ascii=False)
            print()
            return
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(data, f, indent=1, ensure_ascii=False)
    if not args.quiet:
        for r in runs:
            extra = f", x{r['occurrences']}" if r["occurrences"] > 1 else ""
            print(f"[{r['key']}] {r['words']} words{extra}")
            print(f"  A: {r['a']}  ({r['a_force']}{', reference' if r['a_kind'] == 'reference' else ''})")
            print(f"  B: {r['b']}  ({r['b_force']}{', reference' if r['b_kind'] == 'reference' else ''})")
            print(f"  {r['text']}")
            print()
    pairs = {tuple(sorted((r["a_force"], r["b_force"]))) for r in runs}
    print(f"{len(docs)} documents, {len(runs)} runs of >= {args.min_words} words, "
          f"between {len(pairs)} pairs of bodies", file=sys.stderr)


if __name__ == "__main__":
    main()
