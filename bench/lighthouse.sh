#!/usr/bin/env bash
# The page's first load as Lighthouse 12.8.2 scores it (mobile: simulated slow 4G and a 4× slower
# CPU; and desktop), served gzipped by `cargo xtask serve`, plus bench/page.cjs (long tasks at
# boot, axe-core by viewport). Needs `bash .ci/setup` once; installs Lighthouse (npm) into
# target/lh-node. Prints figures; asserts nothing (docs/web.md records a run).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x target/lh-node/node_modules/.bin/lighthouse ]; then
  mkdir -p target/lh-node
  echo '{"name":"akplan-lighthouse","private":true}' > target/lh-node/package.json
  (cd target/lh-node && npm install --no-audit --no-fund --silent lighthouse@12.8.2)
fi
cargo xtask web >/dev/null
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cargo xtask serve --port "$port" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done
url="http://127.0.0.1:$port/"

flags="--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run"
report() {
  python3 - "$1" "$2" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
a = r["audits"]
tasks = [round(t["duration"]) for t in a["long-tasks"].get("details", {}).get("items", [])]
scores = " ".join(f"{k} {round(v['score'] * 100)}" for k, v in r["categories"].items())
print(f"{sys.argv[2]}: {scores}; FCP {a['first-contentful-paint']['displayValue']}, "
      f"LCP {a['largest-contentful-paint']['displayValue']}, TBT {a['total-blocking-time']['displayValue']}, "
      f"CLS {a['cumulative-layout-shift']['displayValue']}, SI {a['speed-index']['displayValue']}, "
      f"transfer {a['total-byte-weight']['displayValue']}, long tasks (simulated ms) {tasks}")
PY
}
lh=target/lh-node/node_modules/.bin/lighthouse
for run in 1 2 3; do
  CHROME_PATH=/usr/bin/chromium "$lh" "$url" --quiet --output=json --output-path=target/lh-mobile.json \
    --only-categories=performance,accessibility,best-practices --chrome-flags="$flags"
  report target/lh-mobile.json "mobile run $run"
done
CHROME_PATH=/usr/bin/chromium "$lh" "$url" --quiet --preset=desktop --output=json --output-path=target/lh-desktop.json \
  --only-categories=performance,accessibility,best-practices --chrome-flags="$flags"
report target/lh-desktop.json "desktop"
node bench/page.cjs "$url"
