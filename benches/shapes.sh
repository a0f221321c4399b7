#!/usr/bin/env bash
# Reuse quality per document shape: for each shape (and all five mixed), a synthetic corpus with
# planted copies, `echoes reuse` (between bodies) and `reuse --within` scored against the ground
# truth, and the same with `--role response` (the comparison of responses only, as echoes did
# before own words were compared whatever the shape). Prints a Markdown table.
#
#   benches/shapes.sh [PARAGRAPHS] [SEED]      (default 20000 paragraphs per corpus, seed 1)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-20000}
seed=${2:-1}
cargo build --release --quiet --bins
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "| shape | verbatim F1 | edited F1 | name swapped F1 | partial recall | family F1 | same force F1 | quotation findings | responses only: verbatim / edited / partial recall |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---|"
for shapes in headed letter statement table glued headed,letter,statement,table,glued; do
    d="$work/$shapes"
    target/release/echoes-synth --paragraphs "$n" --seed "$seed" --shapes "$shapes" --out "$d" >/dev/null
    for role in response,preamble response; do
        target/release/echoes --corpus "$d/corpus" --index "$d/index" reuse --role "$role" --format json >"$d/between-$role.json" 2>/dev/null || true
        target/release/echoes --corpus "$d/corpus" --index "$d/index" reuse --within --role "$role" --format json >"$d/within-$role.json" 2>/dev/null || true
        target/release/echoes-synth score --truth "$d/truth.jsonl" --findings "$d/between-$role.json" >"$d/score-between-$role.json"
        target/release/echoes-synth score --truth "$d/truth.jsonl" --findings "$d/within-$role.json" --within >"$d/score-within-$role.json"
    done
    python3 - "$d" "$shapes" <<'PY'
import json, sys
d, shapes = sys.argv[1], sys.argv[2]
def scores(which, role):
    return {s["plant"]: s for s in json.load(open(f"{d}/score-{which}-{role}.json"))}
own, own_w = scores("between", "response,preamble"), scores("within", "response,preamble")
old = scores("between", "response")
# Quotation findings: a shared passage mostly made of the report's words.
import re
words = lambda t: " ".join(re.findall(r"[a-z0-9]+", t.lower().replace("’", "'")))
recs = words(open("corpus/recommendations.toml").read())
def quoted(f):
    return any(len(s["shared"].split()) >= 8 and words(s["shared"]) in recs for s in f["spans"])
found = json.load(open(f"{d}/between-response,preamble.json"))
q = sum(1 for f in found if quoted(f))
name = "all five, mixed" if "," in shapes else shapes
print(f"| {name} | {own['verbatim']['f1']:.3f} | {own['edited']['f1']:.3f} | {own['name_swapped']['f1']:.3f} | "
      f"{own['partial']['recall']:.3f} | {own['family']['f1']:.3f} | {own_w['same_force']['f1']:.3f} | {q} | "
      f"{old['verbatim']['recall']:.2f} / {old['edited']['recall']:.2f} / {old['partial']['recall']:.2f} |")
PY
done
