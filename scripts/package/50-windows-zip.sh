#!/usr/bin/env bash
# The Windows zip (DESIGN.md section 12): ardent.dll (stripped), its import library and .def,
# ardent.h, the C example and a short README, as ardent-VERSION-windows-x86_64.zip. Only with
# scripts/package.sh --windows (ARDENT_WINDOWS=1); cross-builds build-win when needed.
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${ARDENT_DIST:?run by scripts/package.sh}"

if [ "${ARDENT_WINDOWS:-0}" != 1 ]; then
  echo "50-windows-zip: skipped (scripts/package.sh --windows makes the Windows zip)"
  exit 0
fi

version=$(sed -n 's/^#define ARDENT_VERSION "\(.*\)"$/\1/p' capi/include/ardent.h)
[ -n "$version" ] || { echo "50-windows-zip: no ARDENT_VERSION in capi/include/ardent.h" >&2; exit 1; }
scripts/build.sh --windows ardent_shared >/dev/null

name=ardent-$version-windows-x86_64
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root=$work/$name
mkdir -p "$root/bin" "$root/lib" "$root/include" "$root/examples/c"
x86_64-w64-mingw32-strip --strip-debug -o "$root/bin/ardent.dll" build-win/capi/ardent.dll
cp build-win/capi/libardent.dll.a build-win/capi/ardent.def "$root/lib/"
cp capi/include/ardent.h "$root/include/"
cp examples/c/triage.c "$root/examples/c/"
cat > "$root/README.txt" <<TEXT
Ardent $version for Windows x86-64: the C ABI of the Ardent clinical rules engine.

bin/ardent.dll          the library; needs only Windows' own DLLs (its C++ runtime is inside)
lib/libardent.dll.a     import library for MinGW-w64 (gcc, clang)
lib/ardent.def          its exports; MSVC users make an import library with:
                          lib /def:lib\\ardent.def /machine:x64 /out:lib\\ardent.lib
include/ardent.h        the API (C99 and C++)
examples/c/triage.c     a small embedder; build it with MinGW-w64:
                          x86_64-w64-mingw32-gcc -Iinclude examples/c/triage.c lib/libardent.dll.a -o triage.exe
                        and run it beside bin/ardent.dll with a rule set folder: triage.exe rules\\hip

Signatures (Ed25519) are not available in this build; everything else of ardent.h is.
Not a medical device: the shipped rules are a research draft, not clinically validated.
TEXT
rm -f "$ARDENT_DIST/$name.zip"
(cd "$work" && zip -qr -X "$ARDENT_DIST/$name.zip" "$name")
echo "50-windows-zip: wrote $name.zip ($(stat -c %s "$ARDENT_DIST/$name.zip") bytes)"
