#!/bin/sh
# Fails when libardent's ABI changed incompatibly against the checked-in baseline: a function
# removed, a parameter or return type changed, a struct's layout changed. Added functions pass.
#   abi_check.sh <built libardent.so.N> <baseline .abi>
# Exit 77 (skipped) where the baseline cannot apply: another architecture, or a library built
# without debug information (then only the exported function names are compared).
set -eu
lib=$1
baseline=$2
[ -f "$baseline" ] || { echo "abi_check: no baseline $baseline (see capi/README.md)"; exit 1; }
arch=$(sed -n "s/.*architecture='\([^']*\)'.*/\1/p" "$baseline" | head -n 1)
case "$(uname -m)" in
  x86_64) here_arch=elf-amd-x86_64 ;;
  *) here_arch=other ;;
esac
if [ "$arch" != "$here_arch" ]; then
  echo "abi_check: baseline is for $arch, this machine is $(uname -m): skipped"
  exit 77
fi

if ! readelf -S "$lib" | grep -q '\.debug_info'; then
  missing=$(sed -n "s/.*<elf-symbol name='\([^']*\)'.*/\1/p" "$baseline" | while read -r name; do
    nm -D --defined-only "$lib" | awk '{print $3}' | sed 's/@.*//' | grep -qx "$name" || echo "$name"
  done)
  if [ -n "$missing" ]; then
    echo "abi_check: functions of the baseline no longer exported:"; echo "$missing"; exit 1
  fi
  echo "abi_check: no debug information in $lib: only the exported names were compared"
  exit 77
fi

set +e
report=$(abidiff --no-added-syms --no-show-locs "$baseline" "$lib" 2>&1)
status=$?
set -e
if [ "$status" -ne 0 ]; then
  echo "$report"
  echo
  echo "abi_check: libardent's ABI differs from $baseline (abidiff status $status)."
  echo "An incompatible change needs a new function (name_v2) instead; see capi/README.md."
  exit 1
fi
echo "abi_check: ABI compatible with $(basename "$baseline")"
