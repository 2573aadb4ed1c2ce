#!/usr/bin/env bash
# scripts/test.sh --windows: cross-builds ardent.dll, checks its export and import tables, then
# runs the C ABI test suite and the C example under Wine (docs/windows.md). Wine gets its own
# prefix inside build-win, so nothing of the user's Wine set-up is used or changed.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS

scripts/setup.sh --windows
scripts/build.sh --windows ardent_shared test_capi ardent_example_c audit_writer
# The Linux command line verifies an audit log that ardent.dll writes (below); a no-op after
# scripts/test.sh, which builds it.
scripts/build.sh ardent
dir=build-win

# Debian installs the 64-bit loader outside PATH.
wine=$(command -v wine64 || true)
[ -n "$wine" ] || wine=/usr/lib/wine/wine64
[ -x "$wine" ] || { echo "test-windows: wine64 not found (scripts/setup.sh --windows)" >&2; exit 1; }
export WINEPREFIX=$PWD/$dir/wineprefix WINEDEBUG=-all WINEARCH=win64
# No Mono or Gecko: console programs need neither, and fetching them would need the network.
export WINEDLLOVERRIDES="mscoree,mshtml="
# The tests load ardent.dll from beside them: the executables' folder comes first in the search.
dll=$dir/capi/ardent.dll

echo "test-windows: export and import tables"
tests/windows/exports_check.sh "$dll" capi/ardent.map capi/include/ardent.h
tests/windows/imports_check.sh "$dll"
tests/windows/imports_check.sh "$dir/capi/test_capi.exe" ardent.dll
tests/windows/imports_check.sh "$dir/capi/triage.exe" ardent.dll

if [ ! -d "$WINEPREFIX" ]; then
  echo "test-windows: making the Wine prefix $WINEPREFIX"
  "$wine" wineboot --init >/dev/null 2>&1 || true
  command -v wineserver >/dev/null && wineserver -w || /usr/lib/wine/wineserver -w || true
fi

# Tests that cannot run on Windows, each with why: tests/windows/excluded_tests.txt.
excluded=$(sed -e 's/#.*//' tests/windows/excluded_tests.txt | awk 'NF {print $1}' | paste -sd: -)
echo "test-windows: test_capi.exe under Wine (leaving out $(echo "$excluded" | tr ':' '\n' | wc -l) tests: tests/windows/excluded_tests.txt)"
"$wine" "$dir/capi/test_capi.exe" --gtest_filter="-$excluded" --gtest_brief=1

echo "test-windows: triage.exe on rules/hip under Wine"
out=$("$wine" "$dir/capi/triage.exe" | tr -d '\r')
echo "$out" | grep -E '^Triage: [a-z_]+' || { echo "$out"; echo "test-windows: triage.exe printed no triage" >&2; exit 1; }
out=$("$wine" "$dir/capi/triage.exe" capi/tests/data/small.ard pain_central_buttock=yes \
  pain_peak=day_after_activity pain_side_lying=yes "symptom_duration=7 weeks" pain_score=6 night_pain=unknown | tr -d '\r')
echo "$out" | tr '\n' ' ' | grep -qE 'Triage: urgent.*classic_overload.*Ask next' \
  || { echo "$out"; echo "test-windows: triage.exe on small.ard did not triage as on Linux" >&2; exit 1; }

# SHA-256 through CNG and SQLite's Win32 VFS against Linux's OpenSSL and unix VFS: a log that
# ardent.dll writes under Wine must verify, row by row, with the Linux command line.
echo "test-windows: an audit log written by ardent.dll, verified on Linux"
auditdir=$(mktemp -d)
"$wine" "$dir/capi/audit_writer.exe" capi/tests/data/small.ard "$auditdir/audit.db" \
  '{"pain_central_buttock": true, "pain_peak": "day_after_activity", "pain_score": 6}' 25 | tr -d '\r'
build/ardent audit verify --db "$auditdir/audit.db"
rm -rf "$auditdir"

echo "test-windows: the Windows zip, unpacked and used as a vendor would"
zipdir=$(mktemp -d)
trap 'rm -rf "$zipdir"' EXIT
ARDENT_DIST=$zipdir ARDENT_WINDOWS=1 scripts/package/50-windows-zip.sh
tests/package/windows_zip_check.sh "$zipdir"

echo "test-windows: passed in $((SECONDS - start)) s ($dir)"
