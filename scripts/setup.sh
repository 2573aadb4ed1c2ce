#!/usr/bin/env bash
# Installs what Ardent needs to build and test, only when something is missing.
# Debian packages come from apt-get (run as root, or with sudo when available).
# Usage: scripts/setup.sh [--fuzz] [--windows] [--packages]   (--fuzz: also clang and its
# libFuzzer runtime; --windows: also MinGW-w64, GoogleTest's sources, Wine and zip, for ardent.dll:
# docs/windows.md; --packages: also what scripts/package.sh and tests/package/ use)
set -euo pipefail

packages=(
  g++ cmake ninja-build ccache pkg-config dpkg-dev
  libboost-dev libfmt-dev tcl sqlite3
  libgtest-dev libgmock-dev libbenchmark-dev
  nlohmann-json3-dev libcli11-dev libedit-dev libssl-dev openssl libcpp-httplib-dev libjwt-dev
  abigail-tools valgrind
  python3 python3-setuptools python3-pandas
)
for group in "$@"; do
  case "$group" in
    --fuzz) packages+=(clang libclang-rt-14-dev) ;;
    --windows) packages+=(g++-mingw-w64-x86-64-posix googletest wine64 zip) ;;
    # The wheel is built by python3's setuptools and wheel (python3-wheel-whl: for a python3 not
    # Debian's), installed with pip into a fresh venv; lintian checks the .deb packages.
    --packages) packages+=(python3-wheel python3-wheel-whl python3-pip python3-venv lintian) ;;
    *) echo "setup: unknown option $group (--fuzz, --windows, --packages)" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

# Node.js may come from another repository that bundles npm; only ask Debian when absent.
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "setup: all Debian packages present"
fi
