import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

import ardent
from ardent import _native

from .support import MINI_HIP


class CheckTest(unittest.TestCase):
    def test_non_negative_codes_pass_through(self):
        self.assertEqual(ardent.check(0), 0)
        self.assertEqual(ardent.check(3), 3)

    def test_every_status_code_has_its_exception(self):
        expected = {
            -1: ardent.CompileError, -2: ardent.TypeMismatchError, -3: ardent.NotFoundError,
            -4: ardent.InvalidArgumentError, -5: ardent.OutOfRangeError, -6: ardent.FileError,
            -7: ardent.StorageError, -8: ardent.OutOfMemoryError, -9: ardent.InternalError,
        }
        for code, cls in expected.items():
            with self.subTest(code=code):
                _native.lib.ardent_error_clear()
                with self.assertRaises(cls) as caught:
                    ardent.check(code)
                self.assertEqual(caught.exception.code, code)
                self.assertIsInstance(caught.exception, ardent.Error)
                # With no detail recorded for this code, the library's description is used.
                self.assertEqual(caught.exception.message, _native.text(_native.lib.ardent_errstr(code)))
        with self.assertRaises(ardent.Error):
            ardent.check(-99)

    def test_builtin_families(self):
        self.assertTrue(issubclass(ardent.NotFoundError, LookupError))
        self.assertTrue(issubclass(ardent.TypeMismatchError, TypeError))
        self.assertTrue(issubclass(ardent.OutOfRangeError, ValueError))
        self.assertTrue(issubclass(ardent.InvalidArgumentError, ValueError))
        self.assertTrue(issubclass(ardent.OutOfMemoryError, MemoryError))

    def test_the_last_error_of_this_thread_fills_the_exception(self):
        rs = ardent.compile(MINI_HIP)
        with self.assertRaises(ardent.OutOfRangeError) as caught:
            rs.evaluate({"age": 300})
        e = caught.exception
        self.assertIn("age", e.message)
        self.assertEqual(e.finding, "age")


class LibraryTest(unittest.TestCase):
    def test_versions_are_reported(self):
        self.assertRegex(ardent.library_version, r"^\d+\.\d+\.\d+$")
        self.assertIn(_native.lib.ardent_abi_version(), _native.SUPPORTED_ABI_VERSIONS)
        self.assertTrue(Path(ardent.library_path).name.startswith("libardent") or "ardent" in ardent.library_path)

    def test_the_package_has_the_version_of_its_library(self):
        # Installed, the version its wheel records (setup.py reads ardent.h); in place, the library's.
        self.assertEqual(ardent.__version__, ardent.library_version)



def import_copy(bundle, library):
    """Imports a copy of this ardent package (without the library it may carry) in a new
    interpreter with $ARDENT_LIBRARY set to `library`; with `bundle`, that file is copied into
    the package as libardent.so.1 first. Returns the finished process, which printed the path
    of the library it loaded."""
    with tempfile.TemporaryDirectory() as root:
        package = Path(root) / "ardent"
        shutil.copytree(Path(ardent.__file__).parent, package,
                        ignore=shutil.ignore_patterns("libardent*", "ardent.dll", "__pycache__"))
        if bundle:
            shutil.copyfile(bundle, package / "libardent.so.1")
        env = {"ARDENT_LIBRARY": library, "PATH": "/usr/bin:/bin", "PYTHONDONTWRITEBYTECODE": "1"}
        return subprocess.run([sys.executable, "-c", "import ardent; print(ardent.library_path)"],
                              cwd=root, env=env, capture_output=True, text=True)


class LookupTest(unittest.TestCase):
    """The library is looked up beside the package, then in $ARDENT_LIBRARY, then on the system."""

    def test_the_copy_beside_the_package_comes_first(self):
        with tempfile.TemporaryDirectory() as here:
            bundled = Path(here) / "libardent.so.1"
            bundled.touch()
            self.assertEqual(_native.candidates(Path(here), "/elsewhere/libardent.so.1"),
                             [str(bundled), "/elsewhere/libardent.so.1"])
            self.assertEqual(_native.candidates(Path(here), None)[:2], [str(bundled), "libardent.so.1"])

    def test_an_explicit_library_is_not_replaced_by_the_systems(self):
        with tempfile.TemporaryDirectory() as empty:
            self.assertEqual(_native.candidates(Path(empty), "/elsewhere/libardent.so.1"),
                             ["/elsewhere/libardent.so.1"])
            self.assertEqual(_native.candidates(Path(empty), None)[0], "libardent.so.1")

    def test_a_bundled_library_is_loaded_whatever_ardent_library_says(self):
        run = import_copy(ardent.library_path, "/nonexistent/libardent.so.1")
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertEqual(Path(run.stdout.strip()).name, "libardent.so.1")
        self.assertEqual(Path(run.stdout.strip()).parent.name, "ardent")

    def test_a_wrong_library_path_fails_at_import_with_a_clear_message(self):
        run = import_copy(None, "/nonexistent/libardent.so.1")
        self.assertNotEqual(run.returncode, 0)
        self.assertIn("ImportError", run.stderr)
        self.assertIn("ARDENT_LIBRARY", run.stderr)


if __name__ == "__main__":
    unittest.main()
