#!/usr/bin/env bash
# Packaging step: the Python wheel of bindings/python with libardent.so.1 inside the package,
# tagged py3-none-<platform> (ctypes: any Python 3, one platform; no manylinux claim; setup.py
# sets the tag). Built offline from a copy of the binding by the setuptools and wheel of the
# python3 on PATH (--no-build-isolation: nothing is fetched). Debian's python3 has them from
# python3-setuptools and python3-wheel; a python3 built elsewhere that has setuptools but not
# wheel imports Debian's wheel from its wheel file (python3-wheel-whl: pure Python, importable
# as a zip). Debian's setuptools wheel file is no help there: it needs Debian's distutils.
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/package/stage.sh

library=$(stage_library)
version=$(stage_version)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r bindings/python/pyproject.toml bindings/python/setup.py bindings/python/README.md \
  bindings/python/ardent "$work/"
find "$work" -name __pycache__ -prune -exec rm -rf {} +
rm -f "$work"/ardent/libardent* "$work"/ardent/ardent.dll
cp "$library" "$work/ardent/libardent.so.1"   # under its SONAME: the name _native.py loads
cp "$ARDENT_STAGE/include/ardent.h" "$work/"   # setup.py reads the version from it

if ! python3 -c 'import setuptools' 2>/dev/null; then
  echo "30-wheel.sh: $(command -v python3) has no setuptools (Debian: python3-setuptools)" >&2
  exit 1
fi
if ! python3 -c 'import wheel' 2>/dev/null; then
  debian_wheel=$(ls /usr/share/python-wheels/wheel-*.whl 2>/dev/null | tail -1)
  if [ -z "$debian_wheel" ]; then
    echo "30-wheel.sh: $(command -v python3) has no wheel (Debian: python3-wheel, python3-wheel-whl)" >&2
    exit 1
  fi
  export PYTHONPATH=$debian_wheel${PYTHONPATH:+:$PYTHONPATH}
fi
python3 -m pip wheel --quiet --no-deps --no-index --no-build-isolation --no-cache-dir \
  -w "$work/dist" "$work"

wheel=$(ls "$work"/dist/*.whl)
case "${wheel##*/}" in
  "ardent-$version-py3-none-linux_x86_64.whl") ;;
  *) echo "30-wheel.sh: expected ardent-$version-py3-none-linux_x86_64.whl, built ${wheel##*/}" >&2
     exit 1 ;;
esac
cp "$wheel" "$ARDENT_DIST/"
echo "30-wheel.sh: ${wheel##*/} ($(du -k "$wheel" | cut -f1) KiB)"
