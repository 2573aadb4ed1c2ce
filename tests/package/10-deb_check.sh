#!/usr/bin/env bash
# The .deb packages of dist/ as a user gets them: unpacked with dpkg-deb -x into a scratch root,
# the C example built against it with pkg-config alone and run on rules/hip, the library
# self-contained, its debug symbols where gdb looks, and the command line checking rules/hip.
#   tests/package/10-deb_check.sh DIST
set -euo pipefail
dist=$(cd "${1:?usage: 10-deb_check.sh DIST}" && pwd)
cd "$(dirname "$0")/../.."
fail() { echo "10-deb_check: $*" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
root=$tmp/root

abi=$(sed -n "s/^#define ARDENT_ABI_VERSION \([0-9]*\).*$/\1/p" capi/include/ardent.h)
for pkg in "libardent$abi" "libardent$abi-dbgsym" libardent-dev ardent; do
  deb=$(find "$dist" -maxdepth 1 -name "${pkg}_*.deb" | head -n 1)
  [ -n "$deb" ] || fail "no ${pkg}_*.deb in $dist"
  dpkg-deb -x "$deb" "$root"
  echo "10-deb_check: $(basename "$deb") $(stat -c %s "$deb") bytes"
done
lib=$root/usr/lib
[ "$(readlink "$lib/libardent.so")" = "libardent.so.$abi" ] || fail "libardent.so does not link to libardent.so.$abi"
real=$(readlink "$lib/libardent.so.$abi")
[ -f "$lib/$real" ] || fail "libardent.so.$abi links to $real, which is missing"
capi/tests/self_contained_check.sh "$lib/$real"

# The debug file sits at the build id of the library.
id=$(readelf -n "$lib/$real" | sed -n 's/.*Build ID: \([0-9a-f]*\).*/\1/p')
[ -f "$root/usr/lib/debug/.build-id/${id:0:2}/${id:2}.debug" ] || fail "no debug file for build id $id"

# The C example with pkg-config only, from the scratch root (ardent.pc is relocatable).
export PKG_CONFIG_PATH=$lib/pkgconfig
# shellcheck disable=SC2046
${CC:-cc} -std=c99 -Wall -Wextra -Werror $(pkg-config --cflags ardent) examples/c/triage.c \
  $(pkg-config --libs ardent) -o "$tmp/triage"
out=$(LD_LIBRARY_PATH=$lib "$tmp/triage" rules/hip) || fail "triage failed on rules/hip"
echo "$out" | grep -q '^Triage: [a-z_]*' || fail "triage printed no triage: $out"
echo "10-deb_check: examples/c/triage.c built with pkg-config, $(echo "$out" | grep '^Triage:')"

# The command line, with the dependencies dpkg-shlibdeps wrote into its control file.
depends=$(dpkg-deb -f "$(find "$dist" -maxdepth 1 -name 'ardent_*.deb' | head -n 1)" Depends)
for d in libc6 libstdc++6 libedit2 libjwt; do
  echo "$depends" | grep -q "$d" || fail "ardent's Depends lacks $d: $depends"
done
"$root/usr/bin/ardent" check rules/hip >/dev/null || fail "the packaged ardent check rules/hip failed"
echo "10-deb_check: the packaged ardent checks rules/hip; Depends: $depends"
