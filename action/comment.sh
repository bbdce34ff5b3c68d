#!/usr/bin/env bash
# The script of akplan's GitHub Action: compares every spec of the pull request with its base
# commit (`akplan diff --git`) and posts the result as one comment, updated on every push.
#
# Environment: AKPLAN_BASE (the base commit, required), AKPLAN_PATHS (space-separated, default
# "."), GITHUB_TOKEN, GITHUB_REPOSITORY, AKPLAN_PR (the pull request number), GITHUB_API_URL
# (default https://api.github.com), AKPLAN (the binary, default `akplan`), AKPLAN_DRY_RUN=1
# (print the comment's body instead of posting it).
set -euo pipefail

akplan="${AKPLAN:-akplan}"
marker='<!-- akplan-diff -->'

if [ -z "${AKPLAN_BASE:-}" ]; then
  echo "akplan action: AKPLAN_BASE is empty: set it to the pull request's base commit" >&2
  exit 2
fi
if [ "${AKPLAN_DRY_RUN:-}" != 1 ]; then
  for var in GITHUB_TOKEN GITHUB_REPOSITORY AKPLAN_PR; do
    if [ -z "${!var:-}" ]; then
      echo "akplan action: $var is empty: nothing posted (the workflow needs permissions: pull-requests: write, and a pull_request event)" >&2
      exit 1
    fi
  done
fi

read -r -a paths <<< "${AKPLAN_PATHS:-.}"
diff="$("$akplan" diff --git "$AKPLAN_BASE" --format markdown -- "${paths[@]}")"
body="$marker"$'\n'"$diff"

if [ "${AKPLAN_DRY_RUN:-}" = 1 ]; then
  printf '%s\n' "$body"
  exit 0
fi

api="${GITHUB_API_URL:-https://api.github.com}"
auth=(-H "Authorization: Bearer $GITHUB_TOKEN" -H "Accept: application/vnd.github+json" -H "X-GitHub-Api-Version: 2022-11-28")
payload="$(BODY="$body" python3 -c 'import json, os; print(json.dumps({"body": os.environ["BODY"]}))')"

# The comment this action posted before, if any: the first one carrying the marker.
existing="$(curl -fsS "${auth[@]}" "$api/repos/$GITHUB_REPOSITORY/issues/$AKPLAN_PR/comments?per_page=100" \
  | MARKER="$marker" python3 -c 'import json, os, sys
for c in json.load(sys.stdin):
    if os.environ["MARKER"] in (c.get("body") or ""):
        print(c["id"]); break')"

if [ -n "$existing" ]; then
  curl -fsS -X PATCH "${auth[@]}" -d "$payload" "$api/repos/$GITHUB_REPOSITORY/issues/comments/$existing" > /dev/null
  echo "akplan action: updated comment $existing"
else
  curl -fsS -X POST "${auth[@]}" -d "$payload" "$api/repos/$GITHUB_REPOSITORY/issues/$AKPLAN_PR/comments" > /dev/null
  echo "akplan action: posted a comment"
fi
