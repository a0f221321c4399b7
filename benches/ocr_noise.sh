#!/usr/bin/env bash
# Reuse recall on copies that OCR misread: synthetic corpora (`echoes-synth --ocr-noise PCT`)
# whose planted copies have 0, 1, 3 and 5 % of their characters substituted as OCR substitutes
# them, `echoes reuse` at the default shortest run (8 words) and at `--min-words 5`, scored
# against the ground truth. Prints a Markdown table: recall per kind of copy, and the lowest
# precision over the kinds.
#
#   benches/ocr_noise.sh [PARAGRAPHS] [SEED]     (default 10000 paragraphs, seed 1)
#   BIN=target/debug benches/ocr_noise.sh        (binaries already built elsewhere)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
seed=${2:-1}
bin=${BIN:-target/release}
if [ -z "${BIN:-}" ]; then cargo build --release --quiet --bins; fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "| characters substituted | --min-words | verbatim | edited | name swapped | partial | family | precision (lowest) |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
for noise in 0 1 3 5; do
    d="$work/$noise"
    "$bin/echoes-synth" --paragraphs "$n" --seed "$seed" --ocr-noise "$noise" --out "$d" >/dev/null
    for min in 8 5; do
        "$bin/echoes" --corpus "$d/corpus" --index "$d/index" reuse --min-words "$min" --format json >"$d/found-$min.json" 2>/dev/null || true
        "$bin/echoes-synth" score --truth "$d/truth.jsonl" --findings "$d/found-$min.json" >"$d/score-$min.json"
        python3 - "$d/score-$min.json" "$noise" "$min" <<'PY'
import json, sys
s = {k["plant"]: k for k in json.load(open(sys.argv[1]))}
r = lambda p: f"{s[p]['recall']:.3f}"
precision = min(k["precision"] for k in s.values())
print(f"| {sys.argv[2]} % | {sys.argv[3]} | {r('verbatim')} | {r('edited')} | {r('name_swapped')} | {r('partial')} | {r('family')} | {precision:.3f} |")
PY
    done
done
