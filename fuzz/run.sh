#!/usr/bin/env bash
# Runs every cargo-fuzz target for SECONDS (default 600) each, two at a time, seeded with the
# project's examples and fixtures, and appends what it did to fuzz/runs.log.
# Needs the nightly toolchain and `cargo install cargo-fuzz`. Usage: bash fuzz/run.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-600}
root=..
for t in parse check plan emit lsp; do
  mkdir -p "corpus/$t"
  cp $root/examples/*.yaml $root/tests/fixtures/rules/* $root/tests/fixtures/real-world/*.json \
     $root/tests/fixtures/taskdefs/*.json "corpus/$t/" 2>/dev/null || true
done
mkdir -p corpus/share
for f in $root/examples/*.yaml; do
  python3 - "$f" > "corpus/share/$(basename "$f").link" <<'PY'
import base64, sys, zlib
c = zlib.compressobj(9, zlib.DEFLATED, -15)
data = c.compress(open(sys.argv[1], "rb").read()) + c.flush()
sys.stdout.write("s1." + base64.urlsafe_b64encode(data).decode().rstrip("="))
PY
done
cargo +nightly fuzz build -O
run() {
  local t=$1
  local log="logs/$t.log"
  mkdir -p logs
  cargo +nightly fuzz run -O "$t" "corpus/$t" -- -max_total_time="$seconds" -rss_limit_mb=4096 \
    -max_len=65536 -timeout=10 > "$log" 2>&1 || echo "$t: FOUND a failure, see $log and artifacts/$t" >> runs.log
  local line
  line=$(grep -E "^#[0-9]+.*(DONE|pulse)" "$log" | tail -1 || true)
  echo "$(date -u +%Y-%m-%dT%H:%MZ) $t ${seconds}s: ${line}" >> runs.log
}
run parse & run check & wait
run plan & run emit & wait
run share & run lsp & wait
