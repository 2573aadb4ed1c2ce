#!/usr/bin/env bash
# Makes SQLite's one-file amalgamation (sqlite3.c, sqlite3.h) from Debian's source package and
# prints its folder. Debian's libsqlite3.a is not position-independent and there is no SQLite for
# MinGW, so libardent.so and ardent.dll compile SQLite from this file. Needs tclsh (package tcl).
# Usage: scripts/sqlite-amalgamation.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source=$(scripts/debian-source.sh sqlite3)
dest=${ARDENT_DEPS:-$PWD/.deps}/${source##*/}-amalgamation
if [ ! -f "$dest/sqlite3.c" ]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  # Making sqlite3.c runs host programs: always the host's compiler, even when CMake is
  # configuring a cross build (which hands its compiler down in CC).
  (cd "$work" && CC=cc CFLAGS= "$source/configure" >configure.log 2>&1 && make sqlite3.c >make.log 2>&1) \
    || { echo "sqlite-amalgamation: failed; logs in $work" >&2; trap - EXIT; exit 1; }
  mkdir -p "$dest"
  cp "$work/sqlite3.c" "$work/sqlite3.h" "$work/sqlite3ext.h" "$dest/"
fi
echo "$dest"
