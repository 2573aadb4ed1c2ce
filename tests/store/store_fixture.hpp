// Shared helpers for the store tests: a scratch directory and small rule sets written to it.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <sqlite3.h>

#include "ardent/store.hpp"
#include "support/scratch_dir.hpp"

namespace ardent::store::testing {

using ScratchDir = ::ardent::test::ScratchDir;

inline void write_file(const std::filesystem::path& p, const std::string& text) {
  std::filesystem::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

// A two-file rule set. `fever_triage` lets a test change the content; `expected_fever_triage`
// is what its test block expects, so that a mismatch makes the rule set's own test fail.
inline std::string header_file(const std::string& version) {
  return "ruleset mini version \"" + version + "\"\n"
         "  title \"A small rule set for the store tests\"\n"
         "  default triage routine\n";
}

inline std::string rules_file(const std::string& fever_triage = "urgent",
                              const std::string& expected_fever_triage = "urgent") {
  return "finding fever: bool\n"
         "  label \"Fever\"\n"
         "  ask \"Do you have a fever?\"\n"
         "finding saddle_anaesthesia: bool\n"
         "  label \"Saddle numbness\"\n"
         "condition flu\n"
         "  label \"Influenza\"\n"
         "\n"
         "rule feverish:\n"
         "  when fever\n"
         "  then suggest flu, triage " + fever_triage + "\n"
         "\n"
         "redflag cauda_equina\n"
         "  label \"Possible cauda equina syndrome\"\n"
         "  when saddle_anaesthesia\n"
         "  then triage emergency, advise \"Same-day emergency assessment.\"\n"
         "\n"
         "test \"fever suggests flu\":\n"
         "  given fever = yes, saddle_anaesthesia = no\n"
         "  expect suggest flu, triage " + expected_fever_triage + ", no redflag\n"
         "\n"
         "test \"saddle numbness is an emergency\":\n"
         "  given saddle_anaesthesia = yes\n"
         "  expect redflag cauda_equina, triage emergency\n";
}

// Writes the rule set into dir/name and returns its root.
inline std::filesystem::path write_ruleset(const ScratchDir& dir, const std::string& name, const std::string& version,
                                           const std::string& fever_triage = "urgent",
                                           const std::string& expected_fever_triage = "urgent") {
  const auto root = dir / name;
  std::filesystem::remove_all(root);
  write_file(root / "header.ard", header_file(version));
  write_file(root / "rules" / "fever.ard", rules_file(fever_triage, expected_fever_triage));
  return root;
}

// Runs `sql` on the file as an attacker with write access would: every trigger dropped first
// and put back, exactly as it was, afterwards. Returns SQLite's error message, or "".
inline std::string tamper_with(const std::filesystem::path& file, const std::string& sql) {
  sqlite3* db = nullptr;
  if (sqlite3_open(file.c_str(), &db) != SQLITE_OK) return "cannot open";
  std::vector<std::pair<std::string, std::string>> triggers;
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'", -1, &st, nullptr);
  while (sqlite3_step(st) == SQLITE_ROW)
    triggers.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)),
                          reinterpret_cast<const char*>(sqlite3_column_text(st, 1)));
  sqlite3_finalize(st);
  std::string script;
  for (const auto& t : triggers) script += "DROP TRIGGER " + t.first + ";";
  script += sql + ";";
  for (const auto& t : triggers) script += t.second + ";";
  char* err = nullptr;
  std::string error;
  if (sqlite3_exec(db, script.c_str(), nullptr, nullptr, &err) != SQLITE_OK) error = err ? err : "failed";
  sqlite3_free(err);
  sqlite3_close(db);
  return error;
}

// A fresh Ed25519 key pair, as `openssl genpkey -algorithm ed25519` and `openssl pkey -pubout`
// write it: dir/NAME.pem (private) and dir/NAME.pub.pem (public).
struct KeyPair {
  std::filesystem::path private_pem, public_pem;
};
inline KeyPair make_key_pair(const ScratchDir& dir, const std::string& name) {
  KeyPair k{dir / (name + ".pem"), dir / (name + ".pub.pem")};
  EVP_PKEY* key = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
  if (!key) throw std::runtime_error("Ed25519 key generation failed");
  FILE* f = std::fopen(k.private_pem.c_str(), "w");
  const bool private_ok = f && PEM_write_PrivateKey(f, key, nullptr, nullptr, 0, nullptr, nullptr) == 1;
  if (f) std::fclose(f);
  f = std::fopen(k.public_pem.c_str(), "w");
  const bool public_ok = f && PEM_write_PUBKEY(f, key) == 1;
  if (f) std::fclose(f);
  EVP_PKEY_free(key);
  if (!private_ok || !public_ok) throw std::runtime_error("writing a PEM key failed");
  return k;
}

inline std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Changes one character of a base64 signature, keeping it valid base64 of the same length.
inline std::string altered_signature(std::string signature) {
  signature[10] = signature[10] == 'A' ? 'B' : 'A';
  return signature;
}

// Runs SQL on the file behind Ardent's back, as an attacker or a damaged disk would.
inline void exec(const std::filesystem::path& file, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
  char* err = nullptr;
  EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "") << "\n" << sql;
  sqlite3_free(err);
  sqlite3_close(db);
}

// Runs f, expects a StoreError of `kind` whose message contains `words`.
inline void expect_error(StoreError::Kind kind, const std::string& words, const std::function<void()>& f) {
  try {
    f();
    ADD_FAILURE() << "no error; expected one saying '" << words << "'";
  } catch (const StoreError& e) {
    EXPECT_EQ(e.kind(), kind) << e.what();
    EXPECT_NE(std::string(e.what()).find(words), std::string::npos) << e.what();
  }
}

}  // namespace ardent::store::testing
