#!/usr/bin/env bash
# Reuse quality per document shape: for each shape (and all six mixed), a synthetic corpus with
# planted copies, `echoes reuse` (between bodies) and `reuse --within` scored against the ground
# truth, and the same with `--role response` (the comparison of responses only, as echoes did
# before own words were compared whatever the shape). Then the same for corpora answering three
# reports (`echoes-synth --reports 3`), with the recall of copies planted across reports. Prints
# a Markdown table.
#
#   benches/shapes.sh [PARAGRAPHS] [SEED]      (default 20000 paragraphs per corpus, seed 1)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-20000}
seed=${2:-1}
cargo build --release --quiet --bins
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "| shape | reports | verbatim F1 | edited F1 | name swapped F1 | partial recall | family F1 | same force F1 | quotation findings | across reports: recall | responses only: verbatim / edited / partial recall |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
all=headed,letter,statement,table,glued,inline
for run in headed:1 letter:1 statement:1 table:1 glued:1 inline:1 $all:1 headed:3 $all:3; do
    shapes=${run%:*}
    reports=${run#*:}
    d="$work/$shapes-$reports"
    target/release/echoes-synth --paragraphs "$n" --seed "$seed" --shapes "$shapes" --reports "$reports" --out "$d" >/dev/null
    for role in response,preamble response; do
        target/release/echoes --corpus "$d/corpus" --index "$d/index" reuse --role "$role" --format json >"$d/between-$role.json" 2>/dev/null || true
        target/release/echoes --corpus "$d/corpus" --index "$d/index" reuse --within --role "$role" --format json >"$d/within-$role.json" 2>/dev/null || true
        target/release/echoes-synth score --truth "$d/truth.jsonl" --findings "$d/between-$role.json" >"$d/score-between-$role.json"
        target/release/echoes-synth score --truth "$d/truth.jsonl" --findings "$d/within-$role.json" --within >"$d/score-within-$role.json"
    done
    python3 - "$d" "$shapes" "$reports" <<'PY'
import glob, json, sys
d, shapes, reports = sys.argv[1], sys.argv[2], sys.argv[3]
def scores(which, role):
    return {s["plant"]: s for s in json.load(open(f"{d}/score-{which}-{role}.json"))}
own, own_w = scores("between", "response,preamble"), scores("within", "response,preamble")
old = scores("between", "response")
# Quotation findings: a shared passage mostly made of the report's words.
import re
words = lambda t: " ".join(re.findall(r"[a-z0-9]+", t.lower().replace("’", "'")))
# Every report of the corpus: quoting any of them is quotation.
recs = " | ".join(words(open(p).read()) for p in [f"{d}/corpus/recommendations.toml"] + glob.glob(f"{d}/corpus/reports/*.toml"))
def quoted(f):
    return any(len(s["shared"].split()) >= 8 and words(s["shared"]) in recs for s in f["spans"])
found = json.load(open(f"{d}/between-response,preamble.json"))
q = sum(1 for f in found if quoted(f))
# Copies planted across reports (between bodies and within one), and how many were found.
key = lambda a, b: tuple(sorted([(a["doc"], a["line"]), (b["doc"], b["line"])]))
got = {key(f["a"], f["b"]) for f in found} | {key(f["a"], f["b"]) for f in json.load(open(f"{d}/within-response,preamble.json"))}
across = [t for t in map(json.loads, open(f"{d}/truth.jsonl")) if t.get("across_reports")]
across_recall = f"{sum(key(t['a'], t['b']) in got for t in across) / len(across):.3f} of {len(across)}" if across else "-"
name = "all six, mixed" if "," in shapes else shapes
print(f"| {name} | {reports} | {own['verbatim']['f1']:.3f} | {own['edited']['f1']:.3f} | {own['name_swapped']['f1']:.3f} | "
      f"{own['partial']['recall']:.3f} | {own['family']['f1']:.3f} | {own_w['same_force']['f1']:.3f} | {q} | {across_recall} | "
      f"{old['verbatim']['recall']:.2f} / {old['edited']['recall']:.2f} / {old['partial']['recall']:.2f} |")
PY
done
