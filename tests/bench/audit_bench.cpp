// Audit log speed: rows per second through the background writer until they are committed, at
// each durability level (normal is the default), and what an audited evaluation of rules/hip
// costs the calling thread.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cmath>
#include <ctime>
#include <filesystem>
#include <string>

#include "ardent/ardent.hpp"
#include "ardent/store.hpp"

namespace {

using namespace ardent;

// A fresh database file per benchmark run, removed afterwards (with its WAL files).
class TempDb {
 public:
  explicit TempDb(const char* name)
      : path_(std::filesystem::temp_directory_path() /
              (std::string("ardent-bench-") + name + "-" + std::to_string(getpid()) + ".db")) {
    remove();
  }
  ~TempDb() { remove(); }
  const std::filesystem::path& path() const { return path_; }

 private:
  void remove() {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_.string() + suffix, ec);
  }
  std::filesystem::path path_;
};

// A row of the size an evaluation of rules/hip produces: about 20 findings, a red flag, two
// conditions, host context with tags.
store::AuditEntry typical_entry(std::uint64_t i) {
  store::AuditEntry e;
  e.context = {"enc-" + std::to_string(i), "clinician-42", {{"site", "north"}, {"app", "ed-triage"}}};
  e.ruleset_name = "posterior_hip";
  e.ruleset_version = "1.0.0";
  e.ruleset_hash = std::string(64, 'a');
  e.findings =
      R"({"age":34,"bladder_bowel_change":false,"fever":false,"hop_test_pain":true,"night_pain_non_mechanical":false,)"
      R"("pain_central_buttock":true,"pain_peak":"day_after_activity","pain_score":6,"pain_side_lying_either_side":true,)"
      R"("recent_training_increase":true,"saddle_anaesthesia":false,"sharp_pain_initial_loading":null,)"
      R"("symptom_duration":21,"weight_loss":false,"sitting_pain":true,"leg_numbness":false,"trauma":false,)"
      R"("history_of_cancer":false,"groin_pain":false,"morning_stiffness_minutes":10})";
  e.triage = "urgent";
  e.red_flags = {"bone_stress_injury"};
  e.conditions = {{"deep_rotator_overload", "suggested"}, {"proximal_hamstring_tendinopathy", "considered"}};
  e.latency = std::chrono::nanoseconds(850);
  return e;
}

double process_cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

// Rows per second from record() until flush() says they are committed. Each iteration records
// 1,000 rows and flushes once, so the figure includes the commits' cost.
void BM_AuditDurableRows(benchmark::State& state) {
  TempDb db("rows");
  store::AuditOptions options;
  options.synchronous = static_cast<store::Synchronous>(state.range(0));
  store::Audit audit(db.path(), options);
  const store::AuditEntry entry = typical_entry(1);
  const double cpu_start = process_cpu_seconds();
  for (auto _ : state) {
    for (int i = 0; i < 1000; ++i) audit.record(entry);
    audit.flush();
  }
  // CPU of both threads per row: unlike wall time, it does not depend on the machine's load.
  state.counters["cpu_us_per_row"] = (process_cpu_seconds() - cpu_start) * 1e6 / (state.iterations() * 1000.0);
  state.SetItemsProcessed(state.iterations() * 1000);
  state.SetLabel(std::string(state.range(0) == 0 ? "synchronous=off" : state.range(0) == 1 ? "synchronous=normal (default)" : "synchronous=full"));
}
BENCHMARK(BM_AuditDurableRows)->Arg(1)->Arg(0)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

// What record() costs the caller while the writer keeps up (the queue never fills).
void BM_AuditRecordCall(benchmark::State& state) {
  TempDb db("call");
  store::Audit audit(db.path());
  const store::AuditEntry entry = typical_entry(1);
  std::uint64_t n = 0;
  for (auto _ : state) {
    audit.record(entry);
    if (++n % 4096 == 0) {
      state.PauseTiming();
      audit.flush();
      state.ResumeTiming();
    }
  }
  audit.flush();  // outside the timed loop
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_AuditRecordCall);

// An audited evaluation of rules/hip: evaluate, turn the case and outcome into a row, queue it.
void BM_EvaluateAuditedHip(benchmark::State& state) {
  CompileOutput out = compile_path(std::string(ARDENT_SOURCE_DIR) + "/rules/hip");
  if (!out.ok()) {
    state.SkipWithError("rules/hip does not compile");
    return;
  }
  // Every other finding given (bools yes, numbers at the middle of their range, first enum
  // value), every seventh unknown.
  Case c(out.ruleset);
  const auto findings = out.ruleset->findings();
  for (std::uint32_t slot = 0; slot < findings.size(); ++slot) {
    const auto& f = findings[slot];
    if (slot % 7 == 3) {
      c.set_unknown(slot);
      continue;
    }
    if (slot % 2) continue;
    switch (f.type) {
      case FindingType::boolean: c.set_bool(slot, slot % 4 == 0); break;
      case FindingType::enumeration: c.set_enum(slot, 0u); break;
      case FindingType::number: {
        const double mid = std::isnan(f.min) || std::isnan(f.max) ? 1.0 : (f.min + f.max) / 2;
        c.set_number(slot, f.integer ? std::floor(mid) : mid);
        break;
      }
      case FindingType::duration: c.set_duration(slot, 3, DurationUnit::weeks); break;
    }
  }
  TempDb db("hip");
  store::Audit audit(db.path());
  Result result;
  const store::AuditContext context{"enc-1", "clinician-42", {{"site", "north"}}};
  std::uint64_t n = 0;
  for (auto _ : state) {
    store::evaluate_audited(c, result, audit, context);
    if (++n % 4096 == 0) {
      state.PauseTiming();
      audit.flush();
      state.ResumeTiming();
    }
  }
  audit.flush();  // outside the timed loop
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EvaluateAuditedHip);

}  // namespace
