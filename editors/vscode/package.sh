#!/usr/bin/env bash
# Packages the extension into akplan-<version>.vsix with @vscode/vsce (pinned in package.json).
# The spec's JSON Schema is copied in from schema/ so the .vsix needs nothing else.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p schemas
cp ../../schema/akplan.schema.json schemas/
[ -d node_modules ] || npm ci --no-audit --no-fund --silent
npx vsce package --allow-missing-repository --skip-license -o "akplan-$(node -p 'require("./package.json").version').vsix"
