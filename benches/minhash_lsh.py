"""MinHashLSH baseline for the scale benchmark.

Reads paragraphs exported by `echoes export` (NDJSON), keeps the responses, shingles each into word
5-grams (lower-cased words, as echoes compares them), and reports every pair of paragraphs from
different bodies whose estimated Jaccard similarity reaches the threshold. With MIN_WORDS, paragraphs
of fewer words are left out (echoes never reports a shared run shorter than its --min-words, so
one-line stock phrases cannot make a finding; this gives MinHash the same rule).

    python minhash_lsh.py paragraphs.ndjson THRESHOLD [MIN_WORDS] > pairs.json
"""

import json
import re
import sys

from datasketch import MinHash, MinHashLSH

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
NUM_PERM = 128
K = 5


def shingles(text):
    words = [w.lower().replace("’", "'") for w in WORD.findall(text)]
    return {" ".join(words[i : i + K]).encode() for i in range(max(0, len(words) - K + 1))}


def main():
    path, threshold = sys.argv[1], float(sys.argv[2])
    min_words = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    paragraphs = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            p = json.loads(line)
            if p["role"] == "response" and len(WORD.findall(p["text"])) >= min_words:
                paragraphs.append(p)
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    hashes = []
    for i, p in enumerate(paragraphs):
        m = MinHash(num_perm=NUM_PERM)
        s = shingles(p["text"])
        if not s:
            hashes.append(None)
            continue
        m.update_batch(list(s))
        hashes.append(m)
        lsh.insert(i, m)
    body = lambda p: p["force"] or p["doc"]
    pairs = []
    for i, m in enumerate(hashes):
        if m is None:
            continue
        for j in lsh.query(m):
            if j <= i or body(paragraphs[i]) == body(paragraphs[j]):
                continue
            if m.jaccard(hashes[j]) >= threshold:
                a, b = paragraphs[i], paragraphs[j]
                pairs.append({"a": {"doc": a["doc"], "line": a["line"]}, "b": {"doc": b["doc"], "line": b["line"]}, "kind": ""})
    json.dump(pairs, sys.stdout)


if __name__ == "__main__":
    main()
