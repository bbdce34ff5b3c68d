#!/usr/bin/env bash
# Size, latency and first-render figures of the web page (issue 5), measured in headless Chromium.
# Needs `bash .ci/setup` once. Prints figures; asserts nothing (shared machines are noisy).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --release -p akplan-tests --test web -- --ignored --nocapture bench_page 2>&1 | grep -v "^test \|^running\|^$"
