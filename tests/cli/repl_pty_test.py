#!/usr/bin/env python3
"""`ardent repl` on a real (pseudo-)terminal: libedit line editing, Tab completion of finding
names and values, Ctrl-C, the history file, colours, and an interview run to its end.

Usage: repl_pty_test.py PATH/TO/ardent
Runs from the source tree (the rule set is tests/cli/rules/mini_hip); exits non-zero on the
first failed check, printing what the terminal showed.
"""
import os
import pty
import re
import select
import shutil
import signal
import sys
import tempfile
import time
import unittest

SOURCE = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
RULES = "tests/cli/rules/mini_hip"
ARDENT = None  # set from the command line
PROMPT = "ardent> "
SGR = re.compile(r"\x1b\[[0-9;]*m")  # colour escapes (libedit's cursor moves are not these)


class Terminal:
    """One `ardent repl` process on a pseudo-terminal."""

    def __init__(self, home, colour=False, extra_args=()):
        env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "EDITRC", "INPUTRC")}
        env.update(HOME=home, TERM="xterm", LC_ALL="C.UTF-8")
        if not colour:
            env["NO_COLOR"] = "1"
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: becomes ardent on the terminal's slave side
            try:
                os.chdir(SOURCE)
                os.execve(ARDENT, [ARDENT, "repl", *extra_args, RULES], env)
            finally:
                os._exit(127)
        self.seen = ""   # everything the terminal showed
        self.mark = 0    # where the next expect() starts looking

    def send(self, text):
        os.write(self.fd, text.encode())

    def _read(self, timeout):
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return False
        try:
            data = os.read(self.fd, 4096)
        except OSError:  # the child closed the terminal
            return None
        if not data:
            return None
        self.seen += data.decode("utf-8", errors="replace")
        return True

    def expect(self, text, timeout=20):
        """Waits until `text` appears after the previous match; returns what came before it."""
        deadline = time.time() + timeout
        while True:
            at = self.seen.find(text, self.mark)
            if at >= 0:
                before = self.seen[self.mark:at]
                self.mark = at + len(text)
                return before
            left = deadline - time.time()
            if left <= 0 or self._read(min(left, 0.2)) is None and self.seen.find(text, self.mark) < 0:
                raise AssertionError(f"the terminal never showed {text!r}; it showed:\n{self.seen[self.mark:]!r}")

    def settle(self, quiet=0.3):
        """Reads until the terminal has been quiet for `quiet` seconds."""
        while self._read(quiet):
            pass

    def wait(self, timeout=20):
        deadline = time.time() + timeout
        while time.time() < deadline:
            self._read(0.1)
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                return os.waitstatus_to_exitcode(status)
        os.kill(self.pid, signal.SIGKILL)
        raise AssertionError(f"ardent repl did not leave; the terminal showed:\n{self.seen!r}")

    def close(self):
        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        os.close(self.fd)


class ReplOnATerminal(unittest.TestCase):
    def setUp(self):
        self.home = tempfile.mkdtemp(prefix="ardent-pty-")
        self.terms = []

    def tearDown(self):
        for t in self.terms:
            t.close()
        shutil.rmtree(self.home, ignore_errors=True)

    def start(self, **kw):
        t = Terminal(self.home, **kw)
        self.terms.append(t)
        t.expect("(default) | no red flag | no condition")  # "routine" may be in colour
        t.expect(PROMPT)
        return t

    def test_completion_editing_and_history(self):
        t = self.start()
        # A unique prefix completes the finding name; after it, Tab completes its values.
        t.send("set pain_centr\t")
        t.expect("al_buttock ")
        t.send("y\t")
        t.expect("es ")
        t.send("\r")
        t.expect("no change")
        t.expect(PROMPT)
        # The assignment form completes the same way, and a choice finding completes its values.
        t.send("pain_pe\t")
        t.expect("ak ")
        t.send("= day\t")
        t.expect("_after_activity ")
        t.send("\r")
        t.expect(PROMPT)
        t.send("side_lying_pain = y\r")
        t.expect("+ suggest deep_rotator_overload (likely)")
        t.expect(PROMPT)
        # Several candidates: the second Tab lists them under the line.
        t.send("show pain_\t")
        t.settle()
        self.assertIn("pain_central_buttock", t.seen[t.mark:])
        self.assertIn("pain_score", t.seen[t.mark:])
        # Ctrl-C abandons the line (nothing runs) and gives a fresh prompt.
        t.send("\x03")
        t.expect("^C")
        t.expect(PROMPT)
        t.send("why\r")
        t.expect("triage self_care is set by:")
        t.expect(PROMPT)
        # A SIGINT from outside (as while a command runs) does not end the session either.
        os.kill(t.pid, signal.SIGINT)
        t.settle()
        t.send("facts\r")
        t.expect("pain_central_buttock = yes")
        t.expect("pain_peak            = day_after_activity")
        t.expect(PROMPT)
        self.assertNotIn("unknown command", t.seen)
        self.assertIsNone(SGR.search(t.seen), "NO_COLOR is set: no colour escapes")
        # Ctrl-D on an empty line leaves.
        t.send("\x04")
        self.assertEqual(0, t.wait())

        history = open(os.path.join(self.home, ".ardent_history"), encoding="utf-8").read()
        self.assertIn("facts", history)
        self.assertNotIn("show pain_", history, "an abandoned line is not kept")

        # The next session recalls the last command with the Up arrow.
        t2 = self.start()
        t2.send("\x1b[A")
        t2.expect("facts")
        t2.send("\r")
        t2.expect("no findings set")
        t2.expect(PROMPT)
        t2.send("quit\r")
        self.assertEqual(0, t2.wait())

    def test_interview_to_the_end(self):
        t = self.start()
        # A fever and central buttock pain start rules whose questions are worth asking.
        t.send("fever = yes, pain_central_buttock = yes\r")
        t.expect(PROMPT)
        # Ctrl-C at a question stops the interview, not the session.
        t.send("interview\r")
        t.expect("provisional triage: routine")
        t.expect("answer> ")
        t.send("\x03")
        t.expect("interview stopped (0 answered, 0 skipped); the triage (routine) stays provisional")
        t.expect(PROMPT)
        t.send("interview\r")
        t.expect("(pain_score: a whole number 0..10; could reveal a red flag)")
        t.expect("answer> ")
        t.send("3\r")
        t.expect("(side_lying_pain: y/n/?; could change the leading condition)")
        t.expect("answer> ")
        t.send("y\r")
        t.expect("(pain_peak: 1 during_activity, 2 hours_after_activity, 3 day_after_activity, 4 constant, ?; "
                 "could lower the triage)")
        t.expect("answer> ")
        t.send("con\t")
        t.expect("stant ")
        t.send("\r")
        t.expect("(recent_training_increase: y/n/?; could reveal a red flag)")
        t.expect("answer> ")
        t.send("y\t\r")  # Tab completes the answer too
        t.expect("(hop_test_pain: y/n/?; could reveal a red flag)")
        t.expect("answer> ")
        t.send("y\r")
        t.expect("triage routine -> urgent (redflag bone_stress_suspected)")
        t.expect("interview complete: nothing not yet asked could change the triage, the red flags or the "
                 "leading condition (5 answered, 0 skipped)")
        report = t.expect(PROMPT)
        self.assertIn("Triage: URGENT", report)
        self.assertIn("Interview: complete", report)
        self.assertIn("Suspected femoral neck stress fracture", report)
        t.send("quit\r")
        self.assertEqual(0, t.wait())

    def test_file_name_completion(self):
        t = self.start()
        t.send("load tests/cli/repl_gol\t")
        t.expect("den/")
        t.send("cases/ov\t")
        t.expect("erload.json ")
        t.send("\r")
        t.expect("loaded 6 findings from tests/cli/repl_golden/cases/overload.json")
        t.expect("+ suggest deep_rotator_overload (likely)")
        t.expect(PROMPT)
        t.send("quit\r")
        self.assertEqual(0, t.wait())

    def test_colour_on_a_terminal(self):
        t = self.start(colour=True)
        t.send("saddle_anaesthesia = yes\r")
        t.expect("cauda_equina")
        t.expect(PROMPT)
        self.assertIsNotNone(SGR.search(t.seen), "a terminal without NO_COLOR gets colours")
        t.send("\x04")
        self.assertEqual(0, t.wait())


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    ARDENT = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
