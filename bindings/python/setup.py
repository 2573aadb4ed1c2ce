"""Tags the wheel for its platform when the package carries the Ardent library.

The package is pure Python (ctypes), so a wheel of it alone is `py3-none-any`. A wheel with
libardent.so.1 inside (scripts/package/30-wheel.sh copies it into ardent/) holds native code
for one platform: it is tagged `py3-none-<platform>` (e.g. `py3-none-linux_x86_64`), which
any Python 3 on that platform installs and no other does. The version is the library's, read
from ardent.h. Everything else is in pyproject.toml.
"""

import re
from pathlib import Path

from setuptools import Distribution, setup

try:
    from setuptools.command.bdist_wheel import bdist_wheel  # setuptools 70.1 and later
except ImportError:
    try:
        from wheel.bdist_wheel import bdist_wheel
    except ImportError:
        # Only while setuptools asks what the build needs: it then names `wheel`, and the
        # build itself runs with it installed.
        bdist_wheel = None

HERE = Path(__file__).resolve().parent

# ardent.h of the source tree, or the copy scripts/package/30-wheel.sh puts beside this file.
HEADERS = (HERE.parents[1] / "capi" / "include" / "ardent.h", HERE / "ardent.h")


def library_version():
    for header in HEADERS:
        if header.is_file():
            found = re.search(r'^#define ARDENT_VERSION "([^"]+)"$', header.read_text(), re.M)
            if found:
                return found.group(1)
    raise SystemExit(f"setup.py: no ARDENT_VERSION in {' or '.join(map(str, HEADERS))}")

LIBRARIES = ("libardent.so*", "libardent.dylib", "ardent.dll")
carries_library = any(any((HERE / "ardent").glob(pattern)) for pattern in LIBRARIES)

options = {}
if bdist_wheel is not None and carries_library:

    class PlatformDistribution(Distribution):
        def has_ext_modules(self):
            # The library is native code: install the package as platform-specific (platlib).
            return True

    class PlatformWheel(bdist_wheel):
        def get_tag(self):
            platform = super().get_tag()[2]
            return "py3", "none", platform  # ctypes: any Python 3, no compiled extension

    options = {"distclass": PlatformDistribution, "cmdclass": {"bdist_wheel": PlatformWheel}}

setup(version=library_version(), **options)
