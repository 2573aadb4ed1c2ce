#!/bin/sh
# A Windows program or DLL imports only Windows' own DLLs: libstdc++, libgcc and winpthread are
# linked inside (-static), so ardent.dll needs nothing shipped beside it.
#   imports_check.sh <file.dll|file.exe> [allowed extra DLL...]   (e.g. ardent.dll for the tests)
set -eu
file=$1
shift
# The system DLLs a MinGW-w64 build may use (the C runtime msvcrt, the kernel, CNG, ...).
system="kernel32.dll msvcrt.dll bcrypt.dll advapi32.dll user32.dll ws2_32.dll shell32.dll ole32.dll ntdll.dll"
allowed=" $system $(echo "$*" | tr 'A-Z' 'a-z') "
imports=$(x86_64-w64-mingw32-objdump -p "$file" | sed -n 's/^[[:space:]]*DLL Name: //p' | tr 'A-Z' 'a-z' | sort -u)
[ -n "$imports" ] || { echo "imports_check: no import table found in $file"; exit 1; }
status=0
for dll in $imports; do
  case "$allowed" in
    *" $dll "*) ;;
    *) echo "imports_check: $(basename "$file") imports $dll, which is not a Windows system DLL"; status=1 ;;
  esac
done
[ "$status" -eq 0 ] && echo "imports_check: $(basename "$file") imports only" $imports
exit $status
