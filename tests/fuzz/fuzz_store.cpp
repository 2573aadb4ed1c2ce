// A damaged or forged SQLite file given to the store's readers, as an attacker with write access
// to the file would: the registry (listing, sources, compiling and loading every stored
// version, through the C++ API and the C ABI), the audit log's queries and `verify`, and an
// audit log opened for appending that records one evaluation. Every failure must be a
// StoreError of a kind other than Internal, or the C ABI's ARDENT_ESTORAGE family.
#include <unistd.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <fstream>
#include <string>

#include "ardent/store.hpp"
#include "harness.hpp"

using namespace ardent::fuzz;
namespace store = ardent::store;
namespace fs = std::filesystem;

namespace {

// A folder of this process for the input's file, removed when fuzzing ends.
struct ScratchDir {
  fs::path path = fs::temp_directory_path() / ("ardent-fuzz-store-" + std::to_string(getpid()));
  ScratchDir() { fs::create_directories(path); }
  ~ScratchDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

const fs::path& scratch_file() {
  static const ScratchDir dir;
  static const fs::path file = dir.path / "input.db";
  return file;
}

void remove_scratch() {
  const fs::path& file = scratch_file();
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(file.string() + suffix);
}

// Runs `read`; a StoreError (other than Internal) is the expected answer to a damaged file.
template <class Read>
void expect_store_errors_only(const char* what, Read&& read) {
  try {
    read();
  } catch (const store::StoreError& e) {
    if (e.kind() == store::StoreError::Kind::Internal) bug(std::string(what) + ": internal store error", e.what());
  } catch (const std::bad_alloc&) {
  } catch (const std::exception& e) {
    bug(std::string(what) + ": an exception other than StoreError", e.what());
  }
}

bool is_store_status(int status) {
  return status == ARDENT_OK || status == ARDENT_ESTORAGE || status == ARDENT_ENOTFOUND ||
         status == ARDENT_EINVALID || status == ARDENT_ESYNTAX || status == ARDENT_ENOMEM;
}

void read_registry_with_cpp(const fs::path& file) {
  store::OpenOptions options;
  options.create = false;
  // No waiting on a lock: a damaged file that leaves one held would otherwise cost the busy
  // timeout (5 s) on every read below and could run past the fuzzer's time limit; a busy
  // database is a StoreError like any other.
  options.busy_timeout = std::chrono::milliseconds(0);
  store::Registry registry(file, options);
  for (const store::RulesetVersion& v : registry.list()) {
    const std::string spec = v.name + "@" + v.version;
    expect_store_errors_only("Registry::find", [&] { registry.find(spec); });
    expect_store_errors_only("Registry::sources", [&] { registry.sources(spec); });
    expect_store_errors_only("Registry::load", [&] { registry.load(spec); });
    expect_store_errors_only("Registry::load approved", [&] { registry.load(v.name + "@approved"); });
  }
}

void read_registry_with_c(const fs::path& file) {
  ardent_registry* registry = nullptr;
  if (!is_store_status(ARDENT_FUZZ_CALL(ardent_registry_open(&registry, file.c_str())))) bug("ardent_registry_open");
  if (registry == nullptr) return;
  for (const char* spec : {"mini_hip@approved", "mini_hip@0.3.0", "small_hip@1.2.3"}) {
    ardent_ruleset* rs = nullptr;
    ardent_diagnostics* diagnostics = nullptr;
    const int status = ARDENT_FUZZ_CALL(ardent_ruleset_from_registry(&rs, &diagnostics, registry, spec));
    if (!is_store_status(status)) bug("ardent_ruleset_from_registry: an unexpected status", ardent_last_error()->message);
    ardent_diagnostics_free(diagnostics);
    ardent_ruleset_free(rs);
  }
  ardent_registry_free(registry);
}

void read_audit(const fs::path& file) {
  std::string encounter;
  expect_store_errors_only("query_audit", [&] {
    for (const store::AuditRow& row : store::query_audit(file)) {
      if (encounter.empty()) encounter = row.context.encounter_id;
      store::audit_row_hash(row);
    }
  });
  expect_store_errors_only("query_audit filtered", [&] {
    store::AuditQuery q;
    q.encounter_id = encounter;
    q.since = "2020-01-01";
    q.red_flag = "cauda_equina";
    q.limit = 3;
    store::query_audit(file, q);
  });
  expect_store_errors_only("verify_audit", [&] { store::verify_audit(file); });
}

// Appending to the damaged log: opening migrates it, the writer thread extends the chain.
void append_audit(const fs::path& file) {
  ardent_audit_options opts = ARDENT_AUDIT_OPTIONS_INIT;
  opts.synchronous = ARDENT_SYNC_OFF;
  opts.busy_timeout_ms = 0;
  ardent_audit* audit = nullptr;
  if (!is_store_status(ARDENT_FUZZ_CALL(ardent_audit_open(&audit, file.c_str(), &opts)))) bug("ardent_audit_open");
  if (audit == nullptr) return;
  const ardent_ruleset* rs = repository_rulesets().front();
  ardent_case* kase = nullptr;
  ARDENT_FUZZ_CALL(ardent_case_new(&kase, rs));
  ardent_result* result = nullptr;
  ARDENT_FUZZ_CALL(ardent_result_new(&result));
  const int recorded = ARDENT_FUZZ_CALL(ardent_evaluate_audited_into(result, rs, kase, nullptr, audit));
  if (!is_store_status(recorded)) bug("ardent_evaluate_audited_into: an unexpected status", ardent_last_error()->message);
  if (!is_store_status(ARDENT_FUZZ_CALL(ardent_audit_flush(audit)))) bug("ardent_audit_flush");
  ardent_audit_free(audit);
  ardent_result_free(result);
  ardent_case_free(kase);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  repository_rulesets();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const fs::path& file = scratch_file();
  remove_scratch();
  {
    std::ofstream out(file, std::ios::binary);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  expect_store_errors_only("Registry", [&] { read_registry_with_cpp(file); });
  read_registry_with_c(file);
  read_audit(file);
  append_audit(file);
  remove_scratch();
  ardent_error_clear();
  return 0;
}
