#!/usr/bin/env bash
# The installed tree $ARDENT_STAGE as ardent-VERSION-linux-ARCH.tar.gz in $ARDENT_DIST: unpack it
# anywhere; ardent.pc and the CMake package find their prefix relative to themselves.
set -euo pipefail
: "${ARDENT_STAGE:?run from scripts/package.sh}" "${ARDENT_DIST:?run from scripts/package.sh}"

version=$(sed -n 's/^#define ARDENT_VERSION "\(.*\)"$/\1/p' "$ARDENT_STAGE/include/ardent.h")
[ -n "$version" ] || { echo "20-tarball: no ARDENT_VERSION in the installed ardent.h" >&2; exit 1; }
name=ardent-$version-linux-$(uname -m)

# Owned by root, sorted and dated from SOURCE_DATE_EPOCH when set: the same tree gives the same
# archive.
mtime=@${SOURCE_DATE_EPOCH:-$(date +%s)}
tar -C "$ARDENT_STAGE" --transform "s|^\.|$name|" --sort=name --owner=0 --group=0 --numeric-owner \
  --mtime="$mtime" -cf - . | gzip -9n > "$ARDENT_DIST/$name.tar.gz"
echo "20-tarball: $name.tar.gz"
