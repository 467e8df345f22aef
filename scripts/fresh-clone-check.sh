#!/usr/bin/env bash
# Proves the README's set-up on a fresh machine: clones this repository's committed HEAD into an
# empty folder (nothing beside it, so no ../shared), hides any system Chromium and unzip where it
# can (root with unshare), then runs `npm install` and `npm test` there on the machine's own Node.
# Usage: bash scripts/fresh-clone-check.sh   (from anywhere in the repository; takes a few minutes)
set -u -o pipefail
repo="$(git -C "$(dirname "$0")" rev-parse --show-toplevel)" || exit 2
work="$(mktemp -d /tmp/fresh-clone.XXXX)"
git clone -q "$repo" "$work/clone" || { echo "clone failed"; exit 1; }
cd "$work/clone" || exit 1
echo "fresh clone of $(git rev-parse --short HEAD) in $work/clone; beside it: $(ls -A "$work" | tr '\n' ' ')"

steps='
  for binary in /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/unzip; do
    if [ -e "$binary" ] && [ -n "${HIDE:-}" ]; then mount --bind /dev/null "$binary" && echo "hidden: $binary"; fi
  done
  unset CHROMIUM_PATH
  echo "machine Node: $(node --version)"
  npm install --no-audit --no-fund > ../install.log 2>&1 || { tail -20 ../install.log; echo "npm install failed"; exit 1; }
  if grep -q EBADENGINE ../install.log; then echo "npm install printed an engine warning:"; grep -A3 EBADENGINE ../install.log; exit 1; fi
  echo "npm install: done, no engine warning"
  started=$(date +%s)
  CI=true npm test > ../test.log 2>&1; status=$?
  grep -E "^(Test Suites|Tests):" ../test.log | tail -2
  tail -1 ../test.log
  echo "npm test: exit $status in $(( $(date +%s) - started )) s (log: ../test.log)"
  exit $status
'
if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null; then
  HIDE=1 unshare -m --propagation private bash -c "$steps"
else
  echo "not root: system Chromium and unzip stay visible"
  bash -c "$steps"
fi
status=$?
echo "logs: $work/install.log, $work/test.log"
exit $status
