#!/usr/bin/env bash
# Load test of `echoes serve` on loopback: a bounded run of wrk (2 threads, 32 connections, 10 s
# per endpoint) from a second process, against the release build and the bundled corpus.
#
#   contrib/loadtest.sh            (needs wrk: apt-get install wrk)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
index=$(mktemp -d)
out=$(mktemp)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$index" "$out"' EXIT
target/release/echoes --index "$index" serve --port 0 >"$out" 2>/dev/null &
server=$!
for _ in $(seq 100); do grep -q serving "$out" && break; sleep 0.1; done
base=$(grep -o 'http://[0-9.:]*' "$out")
for path in \
    '/api/search?q=immigration' \
    '/api/search?q=%22consistent%20national%20position%22&rec=1' \
    '/?q=victims%20OR%20police' \
    '/api/similar/gloucestershire-2021-12:28' \
    '/reuse' \
    '/api/search?q=immigration%20AND%20('; do
    echo "== $path"
    wrk -t2 -c32 -d10s --latency "$base$path" | grep -E 'Requests/sec|Non-2xx|Socket errors|requests in|99%|50%'
done
