#!/usr/bin/env bash
# ./test.sh   install what is missing, start Azurite in memory, run every test, stop Azurite.
# Ends with a line "N passed, N failed"; exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/lib.sh

ensure_tools
missing=()
command -v pdftotext >/dev/null || missing+=(poppler-utils)
command -v qpdf >/dev/null || missing+=(qpdf)
command -v mutool >/dev/null || missing+=(mupdf-tools)
[ -x /usr/bin/chromium ] || missing+=(chromium)                        # the web app's browser tests (Playwright)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)     # Chinese glyphs in the browser's screenshots
if [ ${#missing[@]} -gt 0 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  say "Installing ${missing[*]} (PDF tools; chromium and CJK fonts for the browser tests)"
  (apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null) || echo "${missing[*]} could not be installed; the tests that need them will fail" >&2
fi

trap stop_azurite EXIT INT TERM
say "Starting Azurite (in memory)"
start_azurite "${TEST_AZURITE_PORT:-10100}"
export VILLAGEREPORTS_TEST_STORAGE="$AZURITE_CONNECTION"

say "Building"
dotnet build tests/VillageReports.Tests.csproj -c Release --nologo -v quiet

say "Running the tests"
results=$(mktemp -d)
set +e
dotnet test tests/VillageReports.Tests.csproj -c Release --no-build --nologo --logger "trx;LogFileName=tests.trx" --results-directory "$results" "$@"
code=$?
set -e

trx="$results/tests.trx"
if [ -f "$trx" ]; then
  passed=$(grep -o 'passed="[0-9]*"' "$trx" | head -1 | grep -o '[0-9]*')
  failed=$(grep -o 'failed="[0-9]*"' "$trx" | head -1 | grep -o '[0-9]*')
  echo "${passed:-0} passed, ${failed:-0} failed"
else
  echo "0 passed, 1 failed"
  [ "$code" -ne 0 ] || code=1
fi
exit "$code"
