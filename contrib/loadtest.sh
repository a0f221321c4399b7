#!/usr/bin/env bash
# Load test of `echoes serve` on loopback: bounded runs of wrk (2 threads, 32 connections, 10 s per
# endpoint) from a second process, against the release build and the bundled corpus; then a
# hostile mix (deep queries, pathological phrases, foreign Host headers, random pasted texts, idle
# connections) beside normal searches, with
# the server's memory before and after. Every loop is bounded in time and ends by itself.
#
#   contrib/loadtest.sh            (needs wrk and python3: apt-get install wrk)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
index=$(mktemp -d)
out=$(mktemp)
lua=$(mktemp --suffix .lua)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$index" "$out" "$lua"' EXIT
target/release/echoes --index "$index/index" serve --port 0 >"$out" 2>&1 &
server=$!
for _ in $(seq 100); do grep -q serving "$out" && break; sleep 0.1; done
base=$(grep -o 'http://[0-9.:]*' "$out")
rss() { awk '/VmRSS/ {print $2 " kB"}' "/proc/$server/status"; }
summary() { grep -E 'Requests/sec|Non-2xx|Socket errors|requests in|99%|50%'; }
for path in \
    '/api/search?q=immigration' \
    '/api/search?q=%22consistent%20national%20position%22&rec=1' \
    '/?q=victims%20OR%20police' \
    '/api/similar/gloucestershire-2021-12:28' \
    '/reuse' \
    '/api/search?q=immigration%20AND%20('; do
    echo "== $path"
    wrk -t2 -c32 -d10s --latency "$base$path" | summary
done

# Pasted texts of new words on every request.
cat >"$lua" <<'LUA'
request = function()
  local words = {}
  for i = 1, 40 do words[i] = string.format("w%x", math.random(0, 2^30)) end
  return wrk.format("GET", "/api/similar?text=" .. table.concat(words, "%20"))
end
LUA
deep="/api/search?q=$(printf '(%.0s' $(seq 2100))a"
# The pathological phrases: refused before parsing (a slop of 100,000, 200 words), and the
# costliest one taken (32 words at slop 100), matched in time and memory linear in a paragraph.
the() { printf 'the%%20%.0s' $(seq "$1") | sed 's/%20$//'; }
refused="/api/search?q=%22$(the 200)%22~100000"
costly="/api/search?q=%22$(the 32)%22~100&role=all"
# One round of the hostile mix, 12 s; run twice, so that memory that stays where the first round
# left it shows as flat.
hostile_round() {
    wrk -t1 -c8 -d12s -s "$lua" "$base" >/dev/null &
    pasted=$!
    wrk -t1 -c8 -d12s "$base$deep" >/dev/null &
    nested=$!
    wrk -t1 -c4 -d12s "$base$refused" >/dev/null &
    phrases=$!
    wrk -t1 -c2 -d12s --timeout 15s "$base$costly" >/dev/null &
    costly_phrases=$!
    # Foreign Host headers, as pages re-bound by DNS send them: each answered 421.
    wrk -t1 -c4 -d12s -H "Host: attacker.example:${base##*:}" "$base/api/docs" >/dev/null &
    foreign=$!
    # 300 idle connections, reopened as the server closes them, for 12 seconds.
    python3 - "$base" <<'PY' &
import socket, sys, time
host, port = sys.argv[1].removeprefix("http://").split(":")
end, idle = time.time() + 12, []
while time.time() < end:
    idle = [s for s in idle if s.fileno() != -1]
    while len(idle) < 300:
        try:
            idle.append(socket.create_connection((host, int(port)), timeout=1))
        except OSError:
            break
    time.sleep(0.5)
PY
    idlers=$!
    sleep 1
    echo "== round $1: /api/search?q=immigration during the hostile mix"
    wrk -t1 -c16 -d10s --latency "$base/api/search?q=immigration" | summary
    wait "$pasted" "$nested" "$phrases" "$costly_phrases" "$foreign" "$idlers" || true
}
echo "== hostile mix: memory before $(rss)"
for round in 1 2; do
    hostile_round "$round"
    echo "== hostile mix: memory after round $round $(rss); server alive: $(kill -0 "$server" && echo yes)"
done
