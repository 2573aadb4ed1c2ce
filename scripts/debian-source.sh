#!/usr/bin/env bash
# Unpacks the source of a Debian package (its upstream tarball with Debian's patches applied, as
# `dpkg-source -x` does) into .deps/src/ and prints the folder. Libraries that Debian ships only as
# a shared object (simdjson) or not at all for Windows (SQLite, libcrypto for MinGW) are built from
# these sources, so every line of code Ardent links comes from Debian and nothing is downloaded
# from elsewhere. apt checks what it fetches against the signed archive index, so dpkg-source
# need not check the .dsc signature again (--no-check).
# Usage: scripts/debian-source.sh PACKAGE   (needs deb-src entries; adds them, as root, if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
pkg=${1:?usage: scripts/debian-source.sh PACKAGE}
root=${ARDENT_DEPS:-$PWD/.deps}/src

sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"

# deb-src entries mirroring the machine's own deb entries (deb822 files and the one-line format).
add_source_entries() {
  local list=/etc/apt/sources.list.d/ardent-deb-src.sources
  echo "debian-source: adding deb-src entries ($list)" >&2
  {
    for f in /etc/apt/sources.list.d/*.sources; do
      [ -f "$f" ] && [ "$f" != "$list" ] && sed -n 's/^Types:.*\bdeb\b.*/Types: deb-src/;p' "$f" && echo
    done
    if [ -f /etc/apt/sources.list ]; then
      grep -E '^deb ' /etc/apt/sources.list | while read -r _ uri suite comps; do
        printf 'Types: deb-src\nURIs: %s\nSuites: %s\nComponents: %s\n\n' "$uri" "$suite" "$comps"
      done
    fi
  } | $sudo tee "$list" >/dev/null
  $sudo apt-get update -qq
}

source_version() { { apt-cache showsrc "$pkg" 2>/dev/null || true; } | sed -n 's/^Version: //p' | sort -V | tail -1; }
version=$(source_version)
if [ -z "$version" ]; then
  add_source_entries
  version=$(source_version)
fi
[ -n "$version" ] || { echo "debian-source: no source package $pkg" >&2; exit 1; }

dest="$root/${pkg}_${version}"
if [ ! -f "$dest/.unpacked" ]; then
  mkdir -p "$root/download"
  (cd "$root/download" && apt-get source --download-only -qq "$pkg=$version" >&2) 2>&1 \
    | grep -v "couldn't be accessed by user '_apt'" >&2 || true
  dsc=$(ls "$root/download/${pkg}_${version#*:}.dsc")
  rm -rf "$dest"
  dpkg-source --no-check -x "$dsc" "$dest" >&2
  touch "$dest/.unpacked"
fi
echo "$dest"
