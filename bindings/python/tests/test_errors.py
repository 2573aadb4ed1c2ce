import subprocess
import sys
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

    def test_a_wrong_library_path_fails_at_import_with_a_clear_message(self):
        env = {"ARDENT_LIBRARY": "/nonexistent/libardent.so.1", "PATH": "/usr/bin:/bin"}
        root = str(Path(__file__).resolve().parents[1])
        run = subprocess.run([sys.executable, "-c", "import ardent"], cwd=root, env=env,
                             capture_output=True, text=True)
        self.assertNotEqual(run.returncode, 0)
        self.assertIn("ImportError", run.stderr)
        self.assertIn("ARDENT_LIBRARY", run.stderr)


if __name__ == "__main__":
    unittest.main()
