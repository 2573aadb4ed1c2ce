# Sourced by the packaging steps that carry the library inside another package (the wheel, the
# npm tarball): what they need from the installed tree $ARDENT_STAGE, whatever the library's
# file is named behind its SONAME link.
: "${ARDENT_STAGE:?run this step through scripts/package.sh}"
: "${ARDENT_DIST:?run this step through scripts/package.sh}"

# The library file that the SONAME link libardent.so.1 points to (links followed).
stage_library() {
  local links
  links=$(find "$ARDENT_STAGE/lib" -maxdepth 2 -name libardent.so.1)
  if [ "$(printf '%s\n' "$links" | grep -c .)" != 1 ]; then
    echo "${0##*/}: expected one libardent.so.1 under $ARDENT_STAGE/lib, found: ${links:-none}" >&2
    return 1
  fi
  readlink -f "$links"
}

# The library's version, from the installed ardent.h.
stage_version() {
  local version
  version=$(sed -n 's/^#define ARDENT_VERSION "\(.*\)"$/\1/p' "$ARDENT_STAGE/include/ardent.h")
  [ -n "$version" ] || { echo "${0##*/}: no ARDENT_VERSION in $ARDENT_STAGE/include/ardent.h" >&2; return 1; }
  echo "$version"
}
