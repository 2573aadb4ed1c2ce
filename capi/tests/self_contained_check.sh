#!/bin/sh
# libardent.so is self-contained (DESIGN.md section 12): it needs only libc and libm (plus the
# loader and the vdso), and no symbol version of the C++ runtime or of libgcc, so that it loads on
# any glibc system at least as new as the GLIBC_ version it prints.
#   self_contained_check.sh <libardent.so>
set -eu
lib=$1
fail() { echo "self_contained_check: $*" >&2; exit 1; }
[ -f "$lib" ] || fail "no library at $lib"

# ldd resolves the whole tree; anything but these four is a dependency an embedder would need.
others=$(ldd "$lib" | awk '{print $1}' | grep -Ev '^(linux-vdso\.so\.1|libc\.so\.6|libm\.so\.6|/lib64/ld-linux-x86-64\.so\.2)$' || true)
[ -z "$others" ] || fail "needs more than libc and libm: $(echo $others)"
needed=$(objdump -p "$lib" | awk '/NEEDED/ {print $2}' | tr '\n' ' ')

versions=$(objdump -T "$lib" | grep -o '(\?[A-Z_]*_[0-9][0-9.]*)\?' | tr -d '()' | sort -u)
bad=$(echo "$versions" | grep -E '^(GLIBCXX|CXXABI|GCC)_' || true)
[ -z "$bad" ] || fail "needs versions of the C++ runtime: $(echo $bad)"
glibc=$(echo "$versions" | grep '^GLIBC_[0-9]' | sed 's/^GLIBC_//' | sort -V | tail -n 1)
echo "self_contained_check: NEEDED $needed; highest version GLIBC_$glibc"
