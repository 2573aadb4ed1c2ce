#!/usr/bin/env bash
# Cuts four .deb packages from the installed tree $ARDENT_STAGE into $ARDENT_DIST:
#   libardent<ABI>        the library: libardent.so.<ABI>.MINOR.PATCH and its SONAME link; Depends
#                         computed by dpkg-shlibdeps (libc6 only)
#   libardent<ABI>-dbgsym its debug file, at /usr/lib/debug/.build-id/ where gdb looks (Debian's
#                         own layout for detached symbols)
#   libardent-dev         ardent.h, the libardent.so link, ardent.pc and the CMake package
#   ardent                the command line; Depends computed by dpkg-shlibdeps
# Files go under /usr/lib, not the multiarch directory, so that the relocatable ardent.pc and
# CMake package keep their layout relative to the prefix (and so no Multi-Arch: same). Checked
# with lintian when present (scripts/setup.sh --packages), warnings included; each
# deb/PACKAGE.lintian-overrides says why an override is there.
set -euo pipefail
: "${ARDENT_STAGE:?run from scripts/package.sh}" "${ARDENT_DIST:?run from scripts/package.sh}"
here=$(cd "$(dirname "$0")" && pwd)

# The versions come from the installed header, their one home.
header=$ARDENT_STAGE/include/ardent.h
version=$(sed -n 's/^#define ARDENT_VERSION "\(.*\)"$/\1/p' "$header")
abi=$(sed -n 's/^#define ARDENT_ABI_VERSION \([0-9]*\).*$/\1/p' "$header")
[ -n "$version" ] && [ -n "$abi" ] || { echo "10-deb: no ARDENT_VERSION / ARDENT_ABI_VERSION in $header" >&2; exit 1; }
revision=1
debversion=$version-$revision
arch=$(dpkg --print-architecture)
maintainer="Ardent maintainers <maintainers@ardent.example.org>"
libpkg=libardent$abi

stage_lib=$(dirname "$(dirname "$(find "$ARDENT_STAGE" -name ardent.pc | head -n 1)")")
real=$(basename "$(readlink -f "$stage_lib/libardent.so.$abi")")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# new_package NAME: an empty root with its doc folder (copyright, changelog) and DEBIAN/.
new_package() {
  local root=$work/$1
  mkdir -p "$root/DEBIAN" "$root/usr/share/doc/$1"
  cp "$here/deb/copyright" "$root/usr/share/doc/$1/copyright"
  printf '%s (%s) unstable; urgency=medium\n\n  * Release %s.\n\n -- %s  %s\n' \
    "$1" "$debversion" "$version" "$maintainer" "$(date -R -u -d @"${SOURCE_DATE_EPOCH:-$(date +%s)}")" \
    | gzip -9n > "$root/usr/share/doc/$1/changelog.Debian.gz"
  if [ -f "$here/deb/$1.lintian-overrides" ]; then
    mkdir -p "$root/usr/share/lintian/overrides"
    cp "$here/deb/$1.lintian-overrides" "$root/usr/share/lintian/overrides/$1"
  fi
}

# finish_package NAME CONTROL-FIELDS...: control file, md5sums, normalised modes, built .deb.
finish_package() {
  local name=$1 root=$work/$1
  shift
  find "$root" -type d -exec chmod 0755 {} +
  find "$root" -type f ! -path '*/DEBIAN/*' -exec chmod 0644 {} +
  [ -d "$root/usr/bin" ] && chmod 0755 "$root"/usr/bin/*
  local size
  size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
  {
    printf 'Package: %s\nVersion: %s\nArchitecture: %s\nMaintainer: %s\nInstalled-Size: %s\n' \
      "$name" "$debversion" "$arch" "$maintainer" "$size"
    printf '%s\n' "$@"
  } > "$root/DEBIAN/control"
  (cd "$root" && find usr -type f -exec md5sum {} + | sort -k2 > DEBIAN/md5sums)
  dpkg-deb --build --root-owner-group -Zxz "$root" "$ARDENT_DIST/${name}_${debversion}_${arch}.deb" >/dev/null
  echo "10-deb: ${name}_${debversion}_${arch}.deb"
}

# depends_of FILE: the Depends of an ELF file, from dpkg-shlibdeps (its NEEDED entries and the
# shlibs of the installed packages; it wants a debian/control beside it).
mkdir -p "$work/shlibdeps/debian"
printf 'Source: ardent\n\nPackage: ardent\nArchitecture: any\n' > "$work/shlibdeps/debian/control"
depends_of() {
  local d
  d=$(cd "$work/shlibdeps" && dpkg-shlibdeps -O "$1" 2>/dev/null | sed -n 's/^shlibs:Depends=//p')
  [ -n "$d" ] || { echo "10-deb: dpkg-shlibdeps found no dependencies for $1" >&2; return 1; }
  echo "$d"
}

# --- the library --------------------------------------------------------------------------
new_package "$libpkg"
mkdir -p "$work/$libpkg/usr/lib"
cp "$stage_lib/$real" "$work/$libpkg/usr/lib/"
ln -s "$real" "$work/$libpkg/usr/lib/libardent.so.$abi"
echo "libardent $abi $libpkg (>= $version)" > "$work/$libpkg/DEBIAN/shlibs"
echo "activate-noawait ldconfig" > "$work/$libpkg/DEBIAN/triggers"
depends=$(depends_of "$work/$libpkg/usr/lib/$real")
finish_package "$libpkg" "Section: libs" "Priority: optional" "Depends: $depends" \
  "Description: clinical rules engine Ardent - shared library" \
  " The C ABI of Ardent (ardent.h): compile rule sets, evaluate cases, keep" \
  " a registry and an audit log. Self-contained: needs only libc and libm."

# --- its debug symbols, by build id -------------------------------------------------------
build_id=$(readelf -n "$stage_lib/$real" | sed -n 's/.*Build ID: \([0-9a-f]*\).*/\1/p')
[ -n "$build_id" ] || { echo "10-deb: $real has no build id" >&2; exit 1; }
dbg=$libpkg-dbgsym
new_package "$dbg"
mkdir -p "$work/$dbg/usr/lib/debug/.build-id/${build_id:0:2}"
cp "$stage_lib/$real.debug" "$work/$dbg/usr/lib/debug/.build-id/${build_id:0:2}/${build_id:2}.debug"
finish_package "$dbg" "Section: debug" "Priority: optional" \
  "Depends: $libpkg (= $debversion)" "Build-Ids: $build_id" \
  "Description: debug symbols for $libpkg"

# --- the development files ----------------------------------------------------------------
dev=libardent-dev
new_package "$dev"
mkdir -p "$work/$dev/usr/include" "$work/$dev/usr/lib"
cp "$header" "$work/$dev/usr/include/"
cp -a "$stage_lib/libardent.so" "$stage_lib/pkgconfig" "$stage_lib/cmake" "$work/$dev/usr/lib/"
finish_package "$dev" "Section: libdevel" "Priority: optional" \
  "Depends: $libpkg (= $debversion)" \
  "Description: clinical rules engine Ardent - development files" \
  " The header ardent.h, the libardent.so link, the pkg-config file (ardent)" \
  " and the CMake package (find_package(Ardent)) for programs embedding Ardent."

# --- the command line ---------------------------------------------------------------------
cli=ardent
new_package "$cli"
mkdir -p "$work/$cli/usr/bin"
cp "$ARDENT_STAGE/bin/ardent" "$work/$cli/usr/bin/"
depends=$(depends_of "$work/$cli/usr/bin/ardent")
finish_package "$cli" "Section: science" "Priority: optional" "Depends: $depends" \
  "Description: clinical rules engine Ardent - command line" \
  " Checks, tests, formats and evaluates Ardent rule sets, keeps registries" \
  " and audit logs, and serves CDS Hooks (ardent serve)."

# --- lintian, where installed (offline: it reads only the packages) ------------------------
if command -v lintian >/dev/null 2>&1; then
  lintian --fail-on error,warning \
    "$ARDENT_DIST"/*_"$debversion"_"$arch".deb
  echo "10-deb: lintian found nothing to fix"
else
  echo "10-deb: lintian not installed (scripts/setup.sh --packages), not checked"
fi
