// Audit log speed: rows per second through the background writer until they are committed, at
// each durability level (normal is the default), and what an audited evaluation of rules/hip
// costs the calling thread.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cmath>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
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

const char* synchronous_label(std::int64_t level) {
  return level == 0 ? "synchronous=off" : level == 1 ? "synchronous=normal (default)" : "synchronous=full";
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
  state.SetLabel(synchronous_label(state.range(0)));
}
BENCHMARK(BM_AuditDurableRows)->Arg(1)->Arg(0)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

// Times `record` per iteration while the writer keeps up: every 4,096 records the queue is
// flushed outside the timed part, so it never fills and the figure is the caller's cost alone.
template <class Record>
void time_with_untimed_flushes(benchmark::State& state, store::Audit& audit, Record&& record) {
  std::uint64_t n = 0;
  for (auto _ : state) {
    record();
    if (++n % 4096 == 0) {
      state.PauseTiming();
      audit.flush();
      state.ResumeTiming();
    }
  }
  audit.flush();
  state.SetItemsProcessed(state.iterations());
}

// What record() costs the caller while the writer keeps up (the queue never fills).
void BM_AuditRecordCall(benchmark::State& state) {
  TempDb db("call");
  store::Audit audit(db.path());
  const store::AuditEntry entry = typical_entry(1);
  time_with_untimed_flushes(state, audit, [&] { audit.record(entry); });
}
BENCHMARK(BM_AuditRecordCall);

// A case of rules/hip with every other finding given (bools alternately yes and no, numbers
// at the middle of their range, the first enum value) and every seventh unknown.
Case half_filled_hip_case(const RulesetPtr& rs) {
  Case c(rs);
  const auto findings = rs->findings();
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
  return c;
}

RulesetPtr hip_ruleset() {
  CompileOutput out = compile_path(std::string(ARDENT_SOURCE_DIR) + "/rules/hip");
  return out.ok() ? out.ruleset : nullptr;
}

std::string intake_json() {
  std::ifstream in(std::string(ARDENT_SOURCE_DIR) + "/examples/cases/classic_overload.json");
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// The baseline the audited figures are compared with: the same case, evaluated unaudited.
void BM_EvaluateHipUnaudited(benchmark::State& state) {
  const RulesetPtr rs = hip_ruleset();
  if (!rs) return state.SkipWithError("rules/hip does not compile");
  const Case c = half_filled_hip_case(rs);
  Result result;
  for (auto _ : state) {
    evaluate(c, result);
    benchmark::DoNotOptimize(result.triage());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EvaluateHipUnaudited);

// What an audited evaluation costs the calling thread: evaluate, capture the case and outcome,
// queue them. The writer commits in the background (flushed outside the timed loop), so this
// is the rate a caller sees for bursts of up to AuditOptions::max_pending evaluations.
void BM_EvaluateAuditedHip(benchmark::State& state) {
  const RulesetPtr rs = hip_ruleset();
  if (!rs) return state.SkipWithError("rules/hip does not compile");
  const Case c = half_filled_hip_case(rs);
  TempDb db("hip");
  store::Audit audit(db.path());
  Result result;
  const store::AuditContext context{"enc-1", "clinician-42", {{"site", "north"}}};
  time_with_untimed_flushes(state, audit, [&] { store::evaluate_audited(c, result, audit, context); });
}
BENCHMARK(BM_EvaluateAuditedHip);

// Sustained audited throughput: each iteration evaluates 10,000 cases and returns only when
// all their rows are committed, so the writer's cost is included. Arguments: the durability
// level, and 0 for a half-filled case (55 findings) or 1 for examples/cases/classic_overload.json
// (a clinic's intake form, 29 findings).
void BM_EvaluateAuditedHipCommitted(benchmark::State& state) {
  const RulesetPtr rs = hip_ruleset();
  if (!rs) return state.SkipWithError("rules/hip does not compile");
  Case c = half_filled_hip_case(rs);
  if (state.range(1) == 1) {
    c.clear();
    c.set_json(intake_json());
  }
  TempDb db("hip-committed");
  store::AuditOptions options;
  options.synchronous = static_cast<store::Synchronous>(state.range(0));
  store::Audit audit(db.path(), options);
  Result result;
  const store::AuditContext context{"enc-1", "clinician-42", {{"site", "north"}}};
  constexpr int kPerIteration = 10000;
  const double cpu_start = process_cpu_seconds();
  for (auto _ : state) {
    for (int i = 0; i < kPerIteration; ++i) store::evaluate_audited(c, result, audit, context);
    audit.flush();
  }
  state.counters["cpu_us_per_case"] =
      (process_cpu_seconds() - cpu_start) * 1e6 / (static_cast<double>(state.iterations()) * kPerIteration);
  state.counters["findings_json_bytes"] = static_cast<double>(store::findings_json(c).size());
  state.SetItemsProcessed(state.iterations() * kPerIteration);
  state.SetLabel(std::string(synchronous_label(state.range(0))) + (state.range(1) ? ", intake case" : ", half-filled case"));
}
BENCHMARK(BM_EvaluateAuditedHipCommitted)
    ->Args({1, 0})
    ->Args({1, 1})
    ->Args({0, 1})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// What an EHR integration does per patient: findings in as JSON, the result out as JSON; once
// without the audit log and once with every row committed (synchronous=normal), per 10,000.
void BM_JsonInOutHipIntake(benchmark::State& state) {
  const RulesetPtr rs = hip_ruleset();
  if (!rs) return state.SkipWithError("rules/hip does not compile");
  const std::string in = intake_json();
  const bool audited = state.range(0) == 1;
  TempDb db("json");
  std::optional<store::Audit> audit;
  if (audited) audit.emplace(db.path());
  const store::AuditContext context{"enc-1", "clinician-42", {{"site", "north"}}};
  Case c(rs);
  Result result;
  constexpr int kPerIteration = 10000;
  for (auto _ : state) {
    for (int i = 0; i < kPerIteration; ++i) {
      c.clear();
      c.set_json(in);
      if (audited) store::evaluate_audited(c, result, *audit, context);
      else evaluate(c, result);
      std::string out = format_json(c, result);
      benchmark::DoNotOptimize(out.data());
    }
    if (audited) audit->flush();
  }
  state.SetItemsProcessed(state.iterations() * kPerIteration);
  state.SetLabel(audited ? "audited, committed" : "unaudited");
}
BENCHMARK(BM_JsonInOutHipIntake)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
