#!/usr/bin/env python3
"""Writes a corpus of two bodies, each with one paragraph of N words, the second a lightly edited
copy of the first (one word in 25 replaced, one in 60 dropped, one in 80 doubled), for timing
`echoes reuse` on long paragraphs. Usage: make.py WORDS OUT_DIR"""
import random
import sys
from pathlib import Path

words, out = int(sys.argv[1]), Path(sys.argv[2])
rng = random.Random(words)
letters = "abcdefghijklmnopqrstuvwxyz"
vocab = ["".join(rng.choice(letters) for _ in range(rng.randint(3, 9))) for _ in range(3000)]
first = [rng.choice(vocab) for _ in range(words)]
second = []
for i, w in enumerate(first):
    if i % 60 == 59:
        continue
    second.append(rng.choice(vocab) if i % 25 == 24 else w)
    if i % 80 == 79:
        second.append(w)
out.mkdir(parents=True, exist_ok=True)
(out / "first.txt").write_text(" ".join(first) + ".\n")
(out / "second.txt").write_text(" ".join(second) + ".\n")
(out / "manifest.toml").write_text(
    '[[document]]\npath = "first.txt"\nforce = "Body One"\n\n[[document]]\npath = "second.txt"\nforce = "Body Two"\n'
)
