// The C ABI's costs against the C++ API's: one case through the typed setters by
// index, JSON in and out, and batches on one and two threads. rules/hip and its classic
// overload vignette when the rule set compiles, else the C ABI tests' small rule set.
//
//   build/capi/ardent_capi_bench --benchmark_filter=Cpp|C_
#include <benchmark/benchmark.h>

#include <malloc.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ardent.h"
#include "ardent/ardent.hpp"

namespace {

// One finding to set: the same values go through both APIs.
struct SetOp {
  std::uint32_t slot = 0;
  ardent::FindingType type = ardent::FindingType::boolean;
  double number = 0;          // bool 0/1, number, duration in days
  std::uint32_t value = 0;    // enum value index
  bool unknown = false;
};

struct Fixture {
  std::string rules_path;
  std::string case_json;
  ardent::RulesetPtr cpp;
  ardent_ruleset* c = nullptr;
  std::vector<SetOp> ops;
  // A second patient, different from the first in most findings. The benchmarks of one case
  // alternate between the two: a result that still holds the very case it is asked to evaluate
  // again only looks for what changed (the interview's step), which is not what they measure.
  std::string other_json;
  std::vector<SetOp> other_ops;
  const std::string& json_of(std::size_t i) const { return i & 1 ? other_json : case_json; }
  const std::vector<SetOp>& ops_of(std::size_t i) const { return i & 1 ? other_ops : ops; }

  Fixture() {
    std::string root = ARDENT_SOURCE_DIR;
    if (ardent::compile_path(root + "/rules/hip").ok()) {
      rules_path = root + "/rules/hip";
      case_json = read(root + "/examples/cases/classic_overload.json");
      other_json = read(root + "/examples/cases/referred_back_pain.json");
    } else {
      rules_path = root + "/capi/tests/data/small.ard";
      case_json = R"({"pain_central_buttock": true, "pain_peak": "day_after_activity", "pain_side_lying": true,
                      "fever": false, "saddle_anaesthesia": false, "pain_score": 6, "age": 34,
                      "symptom_duration": 21})";
      other_json = R"({"pain_central_buttock": false, "fever": true, "age": 61})";
      std::fprintf(stderr, "rules/hip does not compile: benchmarking %s\n", rules_path.c_str());
    }
    cpp = ardent::compile_path(rules_path).ruleset;
    if (ardent_ruleset_compile_path(&c, nullptr, rules_path.c_str(), nullptr) != ARDENT_OK) std::abort();
    ops = resolve(case_json);
    other_ops = resolve(other_json);
  }

  // Resolves a vignette to slots once, as an EHR resolves its form fields once.
  std::vector<SetOp> resolve(const std::string& json) const {
    std::vector<SetOp> out;
    ardent::Case probe(cpp);
    probe.set_json(json);
    for (std::uint32_t slot = 0; slot < cpp->findings().size(); ++slot) {
      if (probe.state(slot) == ardent::FindingState::not_asked) continue;
      SetOp op;
      op.slot = slot;
      op.type = cpp->findings()[slot].type;
      op.unknown = probe.state(slot) == ardent::FindingState::unknown;
      op.number = probe.number(slot);
      op.value = static_cast<std::uint32_t>(probe.number(slot));
      out.push_back(op);
    }
    return out;
  }
  ~Fixture() { ardent_ruleset_free(c); }

  static std::string read(const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
};

Fixture& fixture() {
  static Fixture f;
  return f;
}

void set_cpp(ardent::Case& c, const std::vector<SetOp>& ops) {
  for (const SetOp& op : ops) {
    if (op.unknown) {
      c.set_unknown(op.slot);
      continue;
    }
    switch (op.type) {
      case ardent::FindingType::boolean: c.set_bool(op.slot, op.number != 0); break;
      case ardent::FindingType::enumeration: c.set_enum(op.slot, op.value); break;
      case ardent::FindingType::number: c.set_number(op.slot, op.number); break;
      case ardent::FindingType::duration: c.set_duration(op.slot, op.number, ardent::DurationUnit::days); break;
    }
  }
}

int set_c(ardent_case* c, const std::vector<SetOp>& ops) {
  int rc = ARDENT_OK;
  for (const SetOp& op : ops) {
    if (op.unknown) {
      rc |= ardent_case_set_unknown_at(c, op.slot);
      continue;
    }
    switch (op.type) {
      case ardent::FindingType::boolean: rc |= ardent_case_set_bool_at(c, op.slot, op.number != 0); break;
      case ardent::FindingType::enumeration: rc |= ardent_case_set_enum_index_at(c, op.slot, op.value); break;
      case ardent::FindingType::number: rc |= ardent_case_set_number_at(c, op.slot, op.number); break;
      case ardent::FindingType::duration: rc |= ardent_case_set_duration_at(c, op.slot, op.number, ARDENT_DAYS); break;
    }
  }
  return rc;
}

// --- one case: clear, set the vignette's findings, evaluate into a reused result -----------

void BM_Cpp_SetByIndex_Evaluate(benchmark::State& state) {
  Fixture& f = fixture();
  ardent::Case c(f.cpp);
  ardent::Result r;
  std::size_t i = 0;
  for (auto _ : state) {
    c.clear();
    set_cpp(c, f.ops_of(i++));
    ardent::evaluate(c, r);
    benchmark::DoNotOptimize(r.triage());
  }
  state.counters["findings_set"] = (f.ops.size() + f.other_ops.size()) / 2.0;  // on average
}
BENCHMARK(BM_Cpp_SetByIndex_Evaluate);

void BM_C_SetByIndex_Evaluate(benchmark::State& state) {
  Fixture& f = fixture();
  ardent_case* c = nullptr;
  ardent_result* r = nullptr;
  ardent_case_new(&c, f.c);
  ardent_result_new(&r);
  std::size_t i = 0;
  for (auto _ : state) {
    ardent_case_clear(c);
    int rc = set_c(c, f.ops_of(i++));
    rc |= ardent_evaluate_into(r, f.c, c, nullptr);
    benchmark::DoNotOptimize(rc);
    benchmark::DoNotOptimize(ardent_result_triage(r));
  }
  if (ardent_result_triage(r) < 0) state.SkipWithError("evaluation failed");
  state.counters["findings_set"] = (f.ops.size() + f.other_ops.size()) / 2.0;  // on average
  ardent_result_free(r);
  ardent_case_free(c);
}
BENCHMARK(BM_C_SetByIndex_Evaluate);

// The same with every bool and every number of the vignette set in one call each
// (ardent_case_set_bools / _numbers); the other findings one by one.
void BM_C_SetMany_Evaluate(benchmark::State& state) {
  Fixture& f = fixture();
  struct Split {
    std::vector<SetOp> others;
    std::vector<std::uint32_t> bool_slots, number_slots;
    std::vector<int> bools;
    std::vector<double> numbers;
  } split[2];
  for (std::size_t k = 0; k < 2; ++k)
    for (const SetOp& op : f.ops_of(k)) {
      Split& p = split[k];
      if (!op.unknown && op.type == ardent::FindingType::boolean) {
        p.bool_slots.push_back(op.slot);
        p.bools.push_back(op.number != 0);
      } else if (!op.unknown && op.type == ardent::FindingType::number) {
        p.number_slots.push_back(op.slot);
        p.numbers.push_back(op.number);
      } else {
        p.others.push_back(op);
      }
    }
  ardent_case* c = nullptr;
  ardent_result* r = nullptr;
  ardent_case_new(&c, f.c);
  ardent_result_new(&r);
  std::size_t i = 0;
  for (auto _ : state) {
    const Split& p = split[i++ & 1];
    ardent_case_clear(c);
    int rc = ardent_case_set_bools(c, p.bool_slots.data(), p.bools.data(), p.bools.size());
    rc |= ardent_case_set_numbers(c, p.number_slots.data(), p.numbers.data(), p.numbers.size());
    rc |= set_c(c, p.others);
    rc |= ardent_evaluate_into(r, f.c, c, nullptr);
    benchmark::DoNotOptimize(rc);
    benchmark::DoNotOptimize(ardent_result_triage(r));
  }
  if (ardent_result_triage(r) < 0) state.SkipWithError("evaluation failed");
  state.counters["findings_set"] = (f.ops.size() + f.other_ops.size()) / 2.0;  // on average
  state.counters["in_one_call"] =  // on average
      (split[0].bools.size() + split[0].numbers.size() + split[1].bools.size() + split[1].numbers.size()) / 2.0;
  ardent_result_free(r);
  ardent_case_free(c);
}
BENCHMARK(BM_C_SetMany_Evaluate);

// Evaluation alone, the findings already set.
void BM_Cpp_Evaluate(benchmark::State& state) {
  Fixture& f = fixture();
  ardent::Case cases[2] = {ardent::Case(f.cpp), ardent::Case(f.cpp)};
  set_cpp(cases[0], f.ops_of(0));
  set_cpp(cases[1], f.ops_of(1));
  ardent::Result r;
  std::size_t i = 0;
  for (auto _ : state) {
    ardent::evaluate(cases[i++ & 1], r);
    benchmark::DoNotOptimize(r.triage());
  }
}
BENCHMARK(BM_Cpp_Evaluate);

void BM_C_Evaluate(benchmark::State& state) {
  Fixture& f = fixture();
  ardent_case* cases[2] = {nullptr, nullptr};
  ardent_result* r = nullptr;
  for (std::size_t k = 0; k < 2; ++k) {
    ardent_case_new(&cases[k], f.c);
    set_c(cases[k], f.ops_of(k));
  }
  ardent_result_new(&r);
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(ardent_evaluate_into(r, f.c, cases[i++ & 1], nullptr));
  }
  ardent_result_free(r);
  for (ardent_case* c : cases) ardent_case_free(c);
}
BENCHMARK(BM_C_Evaluate);

// --- JSON in, JSON out -----------------------------------------------------------------------

void BM_Cpp_SetJson_ResultJson(benchmark::State& state) {
  Fixture& f = fixture();
  ardent::Case c(f.cpp);
  ardent::Result r;
  std::size_t i = 0;
  for (auto _ : state) {
    c.clear();
    c.set_json(f.json_of(i++));
    ardent::evaluate(c, r);
    std::string json = ardent::format_json(c, r);
    benchmark::DoNotOptimize(json.data());
  }
}
BENCHMARK(BM_Cpp_SetJson_ResultJson);

// Renders the result as JSON once; false (and the benchmark skipped) on any failure so far.
bool render_json(benchmark::State& state, const ardent_result* r, int rc, std::size_t& bytes) {
  char* json = nullptr;
  rc |= ardent_result_json(&json, r, 0);
  if (rc != ARDENT_OK) {
    state.SkipWithError(ardent_last_error()->message);
    return false;
  }
  bytes = std::strlen(json);
  ardent_string_free(json);
  return true;
}

void BM_C_SetJson_ResultJson(benchmark::State& state) {
  Fixture& f = fixture();
  ardent_case* c = nullptr;
  ardent_result* r = nullptr;
  ardent_case_new(&c, f.c);
  ardent_result_new(&r);
  std::size_t bytes = 0, i = 0;
  for (auto _ : state) {
    const std::string& json = f.json_of(i++);
    ardent_case_clear(c);
    int rc = ardent_case_set_json(c, json.data(), json.size());
    rc |= ardent_evaluate_into(r, f.c, c, nullptr);
    if (!render_json(state, r, rc, bytes)) break;
  }
  state.counters["json_bytes"] = static_cast<double>(bytes);
  ardent_result_free(r);
  ardent_case_free(c);
}
BENCHMARK(BM_C_SetJson_ResultJson);

// The same, with the JSON written straight into a buffer the caller keeps (no allocation, no copy).
void BM_C_SetJson_ResultJsonInto(benchmark::State& state) {
  Fixture& f = fixture();
  ardent_case* c = nullptr;
  ardent_result* r = nullptr;
  ardent_case_new(&c, f.c);
  ardent_result_new(&r);
  std::vector<char> buffer(1 << 20);
  std::size_t bytes = 0, i = 0;
  for (auto _ : state) {
    const std::string& json = f.json_of(i++);
    ardent_case_clear(c);
    int rc = ardent_case_set_json(c, json.data(), json.size());
    rc |= ardent_evaluate_into(r, f.c, c, nullptr);
    rc |= ardent_result_json_into(buffer.data(), buffer.size(), &bytes, r, nullptr);
    if (rc != ARDENT_OK) {
      state.SkipWithError(ardent_last_error()->message);
      break;
    }
  }
  state.counters["json_bytes"] = static_cast<double>(bytes);
  ardent_result_free(r);
  ardent_case_free(c);
}
BENCHMARK(BM_C_SetJson_ResultJsonInto);

// An interview's first step (the presenting complaint only, so many questions): the JSON
// result with every ask-next item, and with max_ask = 3.
void BM_C_ResultJsonFirstStep(benchmark::State& state) {
  Fixture& f = fixture();
  ardent_case* c = nullptr;
  ardent_result* r = nullptr;
  ardent_case_new(&c, f.c);
  ardent_result_new(&r);
  const char* complaint = R"({"age": 34, "sex": "female", "pain_central_buttock": true})";
  ardent_evaluate_options opts = ARDENT_EVALUATE_OPTIONS_INIT;
  opts.max_ask = static_cast<std::size_t>(state.range(0));
  int rc = ardent_case_set_json(c, complaint, std::strlen(complaint));
  rc |= ardent_evaluate_into(r, f.c, c, &opts);
  std::size_t bytes = 0;
  for (auto _ : state)
    if (!render_json(state, r, rc, bytes)) break;
  state.counters["json_bytes"] = static_cast<double>(bytes);
  ardent_result_free(r);
  ardent_case_free(c);
}
BENCHMARK(BM_C_ResultJsonFirstStep)->Arg(0)->Arg(3);

void BM_C_ResultCdsCards(benchmark::State& state) {
  Fixture& f = fixture();
  ardent_case* c = nullptr;
  ardent_result* r = nullptr;
  ardent_case_new(&c, f.c);
  set_c(c, f.ops);
  ardent_evaluate(&r, f.c, c, nullptr);
  for (auto _ : state) {
    char* cards = nullptr;
    benchmark::DoNotOptimize(ardent_result_cds_cards(&cards, r, 0));
    ardent_string_free(cards);
  }
  ardent_result_free(r);
  ardent_case_free(c);
}
BENCHMARK(BM_C_ResultCdsCards);

// --- batches ----------------------------------------------------------------------------------

constexpr std::size_t kBatchCases = 4096;

// The batch benchmarks' cases: the two vignettes in turn, with one finding made unknown each
// time, so that outcomes differ; one more than a batch, so that a batch may start at the second
// and each reused result meet another patient than the one it holds.
std::vector<ardent_case*> batch_cases(Fixture& f) {
  std::vector<ardent_case*> cases(kBatchCases + 1, nullptr);
  for (std::size_t i = 0; i < cases.size(); ++i) {
    ardent_case_new(&cases[i], f.c);
    set_c(cases[i], f.ops_of(i));
    ardent_case_set_unknown_at(cases[i], static_cast<std::uint32_t>(i % f.cpp->findings().size()));
  }
  return cases;
}

void BM_C_Batch(benchmark::State& state) {
  Fixture& f = fixture();
  constexpr std::size_t kCases = kBatchCases;
  std::vector<ardent_case*> cases = batch_cases(f);
  std::vector<ardent_result*> results(kCases, nullptr);
  auto threads = static_cast<unsigned>(state.range(0));
  std::size_t i = 0;
  for (auto _ : state) {
    int rc = ardent_evaluate_batch(results.data(), f.c, cases.data() + (i++ & 1), kCases, threads, nullptr);
    if (rc != ARDENT_OK) {
      state.SkipWithError(ardent_last_error()->message);
      break;
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * kCases));
  for (auto* r : results) ardent_result_free(r);
  for (auto* c : cases) ardent_case_free(c);
}
BENCHMARK(BM_C_Batch)->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMicrosecond);

// The same 4096 cases bit-sliced: only the triage and the fired rules, 64 cases a word.
void BM_C_Sliced(benchmark::State& state) {
  Fixture& f = fixture();
  constexpr std::size_t kCases = kBatchCases;
  std::vector<ardent_case*> cases = batch_cases(f);
  std::vector<int> triage(kCases);
  std::vector<std::uint64_t> fired(kCases * ((f.cpp->rules().size() + 63) / 64));
  auto threads = static_cast<unsigned>(state.range(0));
  for (auto _ : state) {
    if (ardent_evaluate_sliced(triage.data(), fired.data(), f.c, cases.data(), kCases, threads) != ARDENT_OK) {
      state.SkipWithError(ardent_last_error()->message);
      break;
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * kCases));
  for (auto* c : cases) ardent_case_free(c);
}
BENCHMARK(BM_C_Sliced)->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMicrosecond);

// The same cases as a table: a column of values and states per finding, and its yes/no columns
// also as bit sets (yes, given).
struct BatchTable {
  std::vector<std::vector<double>> values;
  std::vector<std::vector<std::uint8_t>> states;
  std::vector<std::vector<std::uint64_t>> yes, given;
  std::vector<ardent_column> columns;          // every finding
  std::vector<ardent_column> other_columns;    // the findings that are not yes/no
  std::vector<ardent_bit_column> bit_columns;  // the yes/no findings
};

BatchTable batch_table(Fixture& f) {
  const std::size_t nf = f.cpp->findings().size(), words = (kBatchCases + 63) / 64;
  BatchTable t;
  t.values.assign(nf, std::vector<double>(kBatchCases, 0.0));
  t.states.assign(nf, std::vector<std::uint8_t>(kBatchCases, ARDENT_STATE_NOT_ASKED));
  t.yes.assign(nf, std::vector<std::uint64_t>(words, 0));
  t.given.assign(nf, std::vector<std::uint64_t>(words, 0));
  for (std::size_t i = 0; i < kBatchCases; ++i) {  // as batch_cases(): a vignette, one finding made unknown
    for (const SetOp& op : f.ops_of(i)) {
      t.states[op.slot][i] = op.unknown ? ARDENT_STATE_UNKNOWN : ARDENT_STATE_GIVEN;
      t.values[op.slot][i] = op.type == ardent::FindingType::enumeration ? op.value : op.number;
    }
    t.states[i % nf][i] = ARDENT_STATE_UNKNOWN;
  }
  for (std::uint32_t slot = 0; slot < nf; ++slot) {
    const ardent_column column{slot, t.values[slot].data(), t.states[slot].data()};
    t.columns.push_back(column);
    if (f.cpp->findings()[slot].type != ardent::FindingType::boolean) {
      t.other_columns.push_back(column);
      continue;
    }
    for (std::size_t i = 0; i < kBatchCases; ++i) {
      const bool answered = t.states[slot][i] == ARDENT_STATE_GIVEN;
      t.given[slot][i / 64] |= std::uint64_t{answered} << (i % 64);
      t.yes[slot][i / 64] |= std::uint64_t{answered && t.values[slot][i] != 0} << (i % 64);
    }
    t.bit_columns.push_back({slot, t.yes[slot].data(), t.given[slot].data()});
  }
  return t;
}

void BM_C_SlicedColumns(benchmark::State& state) {
  Fixture& f = fixture();
  const BatchTable t = batch_table(f);
  std::vector<int> triage(kBatchCases);
  std::vector<std::uint64_t> fired(kBatchCases * ((f.cpp->rules().size() + 63) / 64));
  const bool bits = state.range(1) != 0;
  auto threads = static_cast<unsigned>(state.range(0));
  for (auto _ : state) {
    const int rc = bits ? ardent_evaluate_sliced_bits(triage.data(), fired.data(), f.c, t.bit_columns.data(),
                                                      t.bit_columns.size(), t.other_columns.data(),
                                                      t.other_columns.size(), kBatchCases, threads)
                        : ardent_evaluate_sliced_columns(triage.data(), fired.data(), f.c, t.columns.data(),
                                                         t.columns.size(), kBatchCases, threads);
    if (rc != ARDENT_OK) {
      state.SkipWithError(ardent_last_error()->message);
      break;
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * kBatchCases));
}
BENCHMARK(BM_C_SlicedColumns)->ArgsProduct({{1, 2}, {0, 1}})->ArgNames({"threads", "bits"})->UseRealTime()->Unit(benchmark::kMicrosecond);

// A stream of `range(1)` cases on `range(0)` threads through the default window: the vignette
// with one finding changed each time. `heap_peak_mb` is the most heap in use while it runs
// (sampled every 1,024 results), less what was in use before: the window's memory, which the
// number of cases must not change.
struct StreamBench {
  Fixture* f;
  std::uint64_t count;
  std::size_t base;
  std::size_t peak = 0;
  std::uint64_t emergencies = 0;
};

int stream_source(void* ctx, ardent_case* kase, std::uint64_t index) {
  auto* s = static_cast<StreamBench*>(ctx);
  if (index == s->count) return 0;
  set_c(kase, s->f->ops);
  return ardent_case_set_unknown_at(kase, static_cast<std::uint32_t>(index % s->f->cpp->findings().size())) == ARDENT_OK
             ? 1
             : -1;
}

int stream_sink(void* ctx, const ardent_result* result, std::uint64_t index) {
  auto* s = static_cast<StreamBench*>(ctx);
  s->emergencies += ardent_result_triage(result) == ARDENT_TRIAGE_EMERGENCY;
  if (index % 1024 == 0) s->peak = std::max(s->peak, mallinfo2().uordblks);
  return 0;
}

void BM_C_Stream(benchmark::State& state) {
  Fixture& f = fixture();
  ardent_stream_options opts = ARDENT_STREAM_OPTIONS_INIT;
  opts.threads = static_cast<unsigned>(state.range(0));
  const auto count = static_cast<std::uint64_t>(state.range(1));
  double peak_mb = 0;
  for (auto _ : state) {
    StreamBench s{&f, count, mallinfo2().uordblks};
    if (ardent_evaluate_stream(f.c, stream_source, stream_sink, &s, &opts) != ARDENT_OK) {
      state.SkipWithError(ardent_last_error()->message);
      break;
    }
    benchmark::DoNotOptimize(s.emergencies);
    peak_mb = std::max(peak_mb, static_cast<double>(s.peak > s.base ? s.peak - s.base : 0) / (1024.0 * 1024.0));
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * count));
  state.counters["heap_peak_mb"] = peak_mb;
}
BENCHMARK(BM_C_Stream)->Args({1, 4096})->Args({2, 4096})->UseRealTime()->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_C_Stream)->Args({2, 1 << 20})->Iterations(1)->UseRealTime()->Unit(benchmark::kMillisecond);

}  // namespace
