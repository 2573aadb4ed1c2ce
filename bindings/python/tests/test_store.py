"""The registry and the audit log through the binding. Publishing needs the `ardent` command
line: $ARDENT_CLI (CTest sets it); without it these tests are skipped."""

import json
import os
import shutil
import subprocess
import tempfile
import threading
import unittest
from pathlib import Path

import ardent

from .support import CLOSED, MINI_HIP, OVERLOAD, close_while_working

CLI = os.environ.get("ARDENT_CLI")
CLOSE_ROUNDS = 40


@unittest.skipUnless(CLI, "set ARDENT_CLI to the ardent executable to run the store tests")
class StoreTest(unittest.TestCase):
    def setUp(self):
        self.dir = Path(tempfile.mkdtemp(prefix="ardent-py-store-"))
        self.addCleanup(shutil.rmtree, self.dir, ignore_errors=True)

    def ardent_cli(self, *args):
        return subprocess.run([CLI, *map(str, args)], capture_output=True, text=True)

    def publish(self, status="approved"):
        db = self.dir / "registry.db"
        done = self.ardent_cli("publish", MINI_HIP, "--db", db, "--status", status, "--author", "py")
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
        return db

    def test_load_by_version_by_approved_and_through_compile(self):
        db = self.publish()
        compiled = ardent.compile(MINI_HIP)
        with ardent.Registry(db) as registry:
            by_version = registry.load("mini_hip@0.3.0")
            approved = registry.load("mini_hip@approved")
        spec = ardent.compile(f"db:{db}:mini_hip@approved")
        for rules in (by_version, approved, spec):
            with self.subTest(rules=rules):
                self.assertEqual((rules.name, rules.version, rules.hash), ("mini_hip", "0.3.0", compiled.hash))
                self.assertEqual(rules.evaluate(OVERLOAD).to_json(), compiled.evaluate(OVERLOAD).to_json())

    def test_registry_errors(self):
        db = self.publish(status="draft")
        with ardent.Registry(db) as registry:
            with self.assertRaises(ardent.NotFoundError):
                registry.load("mini_hip@approved")  # only a draft is stored
            with self.assertRaises(ardent.NotFoundError):
                registry.load("mini_hip@9.9.9")
            with self.assertRaises(ardent.InvalidArgumentError):
                registry.load("no version")
            registry.close()
            with self.assertRaises(ardent.InvalidArgumentError):
                registry.load("mini_hip@0.3.0")
        with self.assertRaises(ardent.StorageError):
            ardent.Registry(self.dir / "missing.db")
        with self.assertRaises(ardent.StorageError):
            ardent.compile(f"db:{self.dir / 'missing.db'}:mini_hip@approved")
        with self.assertRaises(ardent.InvalidArgumentError):
            ardent.compile("db:nothing-after-the-prefix")

    def test_closing_a_registry_while_threads_load_from_it(self):
        db = self.publish()
        expected = ardent.compile(MINI_HIP).hash
        for round_ in range(CLOSE_ROUNDS):
            with self.subTest(round=round_):
                registry = ardent.Registry(db)
                outcomes = close_while_working(registry.close,
                                               lambda: registry.load("mini_hip@approved").hash)
                self.assertEqual(set(outcomes), {expected, CLOSED})

    def test_audited_evaluations_are_recorded_with_their_context(self):
        rules = ardent.compile(MINI_HIP)
        db = self.dir / "audit.db"
        with ardent.AuditLog(db) as log:
            plain = rules.evaluate(OVERLOAD)
            audited = rules.evaluate(OVERLOAD, audit=log,
                                     context=ardent.AuditContext("enc-1", "dr-a", {"site": "north", "app": "py"}))
            self.assertEqual(audited.to_json(), plain.to_json())
            rules.evaluate({"saddle_numbness": True}, audit=log, context=ardent.AuditContext(encounter_id="enc-2"))
            rules.evaluate({"fever": None}, audit=log)  # no context: empty ids
            log.flush()
        rows = [json.loads(line) for line in self.ardent_cli("audit", "query", "--db", db, "--json").stdout.splitlines()]
        self.assertEqual([r["encounter_id"] for r in rows], ["enc-1", "enc-2", ""])
        self.assertEqual(rows[0]["user_id"], "dr-a")
        self.assertEqual(rows[0]["tags"], {"site": "north", "app": "py"})
        self.assertEqual(rows[0]["findings"], OVERLOAD)
        self.assertEqual(rows[0]["triage"], plain.triage.name.lower())
        self.assertEqual(rows[1]["triage"], "emergency")
        self.assertEqual(rows[2]["findings"], {"fever": None})
        self.assertEqual(self.ardent_cli("audit", "verify", "--db", db).returncode, 0)

    def test_audit_from_threads_loses_nothing(self):
        rules = ardent.compile(MINI_HIP)
        db = self.dir / "audit.db"
        with ardent.AuditLog(db, batch_size=16, flush_interval_ms=5) as log:
            def work(t):
                for i in range(50):
                    rules.evaluate(OVERLOAD, audit=log, context=ardent.AuditContext(f"t{t}-{i}"))
            threads = [threading.Thread(target=work, args=(t,)) for t in range(4)]
            for th in threads:
                th.start()
            for th in threads:
                th.join()
        rows = self.ardent_cli("audit", "query", "--db", db, "--json").stdout.splitlines()
        self.assertEqual(len(rows), 200)

    def test_closing_an_audit_log_while_threads_record_to_it(self):
        rules = ardent.compile(MINI_HIP)
        expected = rules.evaluate(OVERLOAD).triage
        db = self.dir / "audit.db"
        recorded = 0
        for round_ in range(CLOSE_ROUNDS // 4):
            with self.subTest(round=round_):
                log = ardent.AuditLog(db, batch_size=8, flush_interval_ms=1)
                context = ardent.AuditContext(f"round-{round_}")
                outcomes = close_while_working(
                    log.close, lambda: rules.evaluate(OVERLOAD, audit=log, context=context).triage)
                self.assertEqual(set(outcomes), {expected, CLOSED})
                recorded += outcomes.count(expected)
        # Evaluations that were running when close() was called are recorded too.
        rows = self.ardent_cli("audit", "query", "--db", db, "--json").stdout.splitlines()
        self.assertEqual(len(rows), recorded)
        self.assertEqual(self.ardent_cli("audit", "verify", "--db", db).returncode, 0)

    def test_audit_errors(self):
        rules = ardent.compile(MINI_HIP)
        with self.assertRaises(ardent.StorageError):
            ardent.AuditLog(self.dir / "missing" / "audit.db")
        with self.assertRaises(ardent.InvalidArgumentError):
            ardent.AuditLog(self.dir / "audit.db", synchronous="sometimes")
        log = ardent.AuditLog(self.dir / "audit.db", synchronous="full")
        with self.assertRaises(ardent.InvalidArgumentError):
            rules.evaluate(OVERLOAD, audit=log, max_ask=3)
        with self.assertRaises(TypeError):
            rules.evaluate(OVERLOAD, audit=log, context=ardent.AuditContext(tags={"site": 7}))
        with self.assertRaises(TypeError):
            rules.evaluate(OVERLOAD, audit=log, context={"encounter_id": "e"})
        log.close()
        log.close()  # twice is fine
        with self.assertRaises(ardent.InvalidArgumentError):
            rules.evaluate(OVERLOAD, audit=log)
        # Nothing was recorded by the refused calls.
        rows = self.ardent_cli("audit", "query", "--db", self.dir / "audit.db", "--json").stdout.splitlines()
        self.assertEqual(rows, [])


    # ---- signatures ---------------------------------------------------------------------

    def key_pair(self, name):
        """An Ed25519 key pair made as docs/store.md says: NAME.pem and NAME.pub.pem."""
        key, pub = self.dir / f"{name}.pem", self.dir / f"{name}.pub.pem"
        subprocess.run(["openssl", "genpkey", "-algorithm", "ed25519", "-out", key], check=True)
        subprocess.run(["openssl", "pkey", "-in", key, "-pubout", "-out", pub], check=True)
        return key, pub

    def publish_signed(self, key):
        db = self.dir / "registry.db"
        done = self.ardent_cli("publish", MINI_HIP, "--db", db, "--status", "approved", "--key", key)
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
        return db

    def test_a_signed_approval_loads_with_its_trusted_key(self):
        key, pub = self.key_pair("lead")
        _, other = self.key_pair("other")
        db = self.publish_signed(key)
        with ardent.Registry(db, trust=[pub]) as registry:
            self.assertTrue(registry.verifies_approvals)
            self.assertEqual(registry.load("mini_hip@approved").version, "0.3.0")
        with ardent.Registry(db, trust=[str(other), pub]) as registry:
            self.assertEqual(registry.load("mini_hip@0.3.0").version, "0.3.0")
        self.assertEqual(ardent.compile(f"db:{db}:mini_hip@approved", trust=[pub]).version, "0.3.0")
        with ardent.Registry(db) as registry:  # no keys: not verified, and it says so
            self.assertFalse(registry.verifies_approvals)
            registry.load("mini_hip@approved")

    def test_versions_without_a_trusted_signed_approval_are_refused(self):
        key, pub = self.key_pair("lead")
        _, other = self.key_pair("other")
        db = self.publish_signed(key)
        with ardent.Registry(db, trust=[other]) as registry:
            with self.assertRaisesRegex(ardent.StorageError, "mini_hip@0.3.0 is refused: its approval is signed with key"):
                registry.load("mini_hip@approved")
        with self.assertRaisesRegex(ardent.StorageError, "is refused"):
            ardent.compile(f"db:{db}:mini_hip@approved", trust=[other])
        db2 = self.dir / "unsigned.db"
        done = self.ardent_cli("publish", MINI_HIP, "--db", db2, "--status", "approved")
        self.assertEqual(done.returncode, 0, done.stderr)
        with ardent.Registry(db2, trust=[pub]) as registry:
            with self.assertRaisesRegex(ardent.StorageError, "is not signed"):
                registry.load("mini_hip@approved")

    def test_trusted_keys_that_cannot_be_used(self):
        key, pub = self.key_pair("lead")
        db = self.publish_signed(key)
        with self.assertRaisesRegex(ardent.InvalidArgumentError, "holds a private key"):
            ardent.Registry(db, trust=[key])
        with self.assertRaises(ardent.StorageError):
            ardent.Registry(db, trust=[self.dir / "none.pub.pem"])
        with self.assertRaises(TypeError):
            ardent.Registry(db, trust=str(pub))
        with self.assertRaises(ardent.InvalidArgumentError):
            ardent.compile(MINI_HIP, trust=[pub])

    def test_checkpoints_sign_the_head_of_the_log(self):
        key, pub = self.key_pair("host")
        rules = ardent.compile(MINI_HIP)
        db = self.dir / "audit.db"
        with ardent.AuditLog(db) as log:
            self.assertEqual(log.checkpoint(key), 0)
            rules.evaluate(OVERLOAD, audit=log)
            rules.evaluate(OVERLOAD, audit=log)
            self.assertEqual(log.checkpoint(key), 2)  # the queued rows are committed first
            with self.assertRaisesRegex(ardent.InvalidArgumentError, "no Ed25519 private key"):
                log.checkpoint(pub)
        done = self.ardent_cli("audit", "verify", "--db", db, "--trust", pub)
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertIn("2 checkpoints, signatures verified", done.stdout)
        with self.assertRaises(ardent.InvalidArgumentError):
            log.checkpoint(key)  # closed


    def test_a_sealed_log_covers_every_row(self):
        key, pub = self.key_pair("host")
        rules = ardent.compile(MINI_HIP)
        db = self.dir / "sealed.db"
        with ardent.AuditLog(db, seal_key=key) as log:
            rules.evaluate(OVERLOAD, audit=log)
            rules.evaluate(OVERLOAD, audit=log)
        verify = ("audit", "verify", "--sealed", "--db", db, "--trust", pub)
        done = self.ardent_cli(*verify)
        self.assertEqual(done.returncode, 0, done.stderr)
        with ardent.AuditLog(db) as log:  # a writer without the seal
            rules.evaluate(OVERLOAD, audit=log)
        done = self.ardent_cli(*verify)
        self.assertEqual(done.returncode, 1, done.stdout)
        self.assertIn("row 3 comes after the latest checkpoint", done.stderr)
        with self.assertRaisesRegex(ardent.InvalidArgumentError, "no Ed25519 private key"):
            ardent.AuditLog(db, seal_key=pub)


if __name__ == "__main__":
    unittest.main()
