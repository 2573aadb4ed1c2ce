// Engine speed: evaluate a case with a reused result, JSON in and out, compile
// rules/hip, and compile generated rule sets of growing size (time and memory should grow
// linearly).
//
// The rules/hip case is the richest vignette among the rule set's own tests; when rules/hip
// does not compile, those benchmarks report an error and the generated rule set (40 rules,
// about 110 findings, the size of rules/hip) still runs.
#include <benchmark/benchmark.h>

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdlib>
#include <map>
#include <string>

#include "compile/ruleset_access.hpp"
#include "ardent/ardent.hpp"
#include "ardent/fhir.hpp"
#include "generated_ruleset.hpp"
#include "memory_meter.hpp"
#include "compile/program.hpp"
#include "eval/phrases.hpp"
#include "eval/result_writer.hpp"

namespace {

using namespace ardent;

// ARDENT_BENCH_RULES may name another rule-set directory to measure in its place.
const std::string kHipDir = [] {
  const char* dir = std::getenv("ARDENT_BENCH_RULES");
  return dir && *dir ? std::string(dir) : std::string(ARDENT_SOURCE_DIR) + "/rules/hip";
}();

RulesetPtr hip() {
  static RulesetPtr rs = [] {
    CompileOutput out = compile_path(kHipDir);
    return out.ruleset;
  }();
  return rs;
}

// A generated rule set is one file: at 10,000 rules about 3 MB, past the default limit of a
// rule file (the limits guard against runaway input, not against this benchmark).
Limits generated_limits() {
  Limits limits;
  limits.max_file_bytes = limits.max_ruleset_bytes;
  return limits;
}

CompileOutput compile_generated(const std::string& text) { return compile_source(text, "generated.ard", generated_limits()); }

RulesetPtr generated40() {
  static RulesetPtr rs = compile_generated(bench::generated_ruleset(40)).ruleset;
  return rs;
}

// The case of the rule set's test with the most `given` values.
Case richest_test_case(const RulesetPtr& rs) {
  Case c(rs);
  const auto& tests = internal::program_of(*rs).model.tests;
  const check::Test* best = nullptr;
  for (const auto& t : tests)
    if (!best || t.given.size() > best->given.size()) best = &t;
  if (!best) return c;
  for (const auto& g : best->given) {
    switch (g.kind) {
      case check::GivenValue::Kind::Bool: c.set_bool(g.slot, g.boolean); break;
      case check::GivenValue::Kind::Enum: c.set_enum(g.slot, g.enum_value); break;
      case check::GivenValue::Kind::Number: c.set_number(g.slot, g.number); break;
      case check::GivenValue::Kind::Unknown: c.set_unknown(g.slot); break;
    }
  }
  return c;
}

// About two thirds of the findings given, a few unknown, the rest not asked.
Case synthetic_case(const RulesetPtr& rs) {
  Case c(rs);
  const auto findings = rs->findings();
  for (std::uint32_t i = 0; i < findings.size(); ++i) {
    const auto& f = findings[i];
    if (i % 3 == 2) continue;
    if (i % 11 == 0) {
      c.set_unknown(i);
      continue;
    }
    switch (f.type) {
      case FindingType::boolean: c.set_bool(i, i % 2 == 0); break;
      case FindingType::enumeration: c.set_enum(i, static_cast<std::uint32_t>(i % f.values.size())); break;
      case FindingType::number: c.set_number(i, std::isnan(f.min) ? 5 : std::floor((f.min + f.max) / 2)); break;
      case FindingType::duration: c.set_duration(i, 8, DurationUnit::weeks); break;
    }
  }
  return c;
}

// The case as the JSON object an EHR would send.
std::string case_json(const Case& c) {
  nlohmann::json j = nlohmann::json::object();
  const auto findings = c.ruleset().findings();
  for (std::uint32_t i = 0; i < findings.size(); ++i) {
    const auto& f = findings[i];
    switch (c.state(i)) {
      case FindingState::not_asked: break;
      case FindingState::unknown: j[f.name] = nullptr; break;
      case FindingState::given:
        switch (f.type) {
          case FindingType::boolean: j[f.name] = c.number(i) != 0; break;
          case FindingType::enumeration: j[f.name] = f.values[static_cast<std::size_t>(c.number(i))]; break;
          case FindingType::number: j[f.name] = c.number(i); break;
          case FindingType::duration: j[f.name] = format_duration(c.number(i)); break;
        }
    }
  }
  return j.dump();
}

// Triage, red flags, conditions and advice; with `questions`, also the undecided rules and
// the ranked next questions (which a Result works out on first request).
void evaluate_reused(benchmark::State& state, const RulesetPtr& rs, const Case& c, bool questions = false) {
  Result r;
  evaluate(c, r);
  for (auto _ : state) {
    // Each evaluation as of a new patient: a result that still holds the same case would only
    // look for what changed (the interview's step, measured by BM_InterviewStepHip).
    internal::ResultWriter::forget_evaluation(r);
    evaluate(c, r);
    benchmark::DoNotOptimize(r.triage());
    if (questions) benchmark::DoNotOptimize(r.ask_next().data());
  }
  state.counters["rules"] = static_cast<double>(rs->rules().size());
  state.counters["findings"] = static_cast<double>(rs->findings().size());
  state.counters["ask_next"] = static_cast<double>(r.ask_next().size());
}

// Evaluation with every node computed (the full pass), the cost an evaluation had before it
// followed the case, for comparison.
void evaluate_full_pass(benchmark::State& state, const RulesetPtr& rs, const Case& c) {
  const Program& p = internal::program_of(*rs);
  Result r;
  evaluate(c, r);
  for (auto _ : state) {
    internal::ResultWriter::prepare(r, c, p);
    internal::ResultWriter::compute_nodes(r, c, p, internal::NodePass::full);
    benchmark::DoNotOptimize(r.triage());
  }
}

void BM_EvaluateHip(benchmark::State& state) {
  auto rs = hip();
  if (!rs) return state.SkipWithError("rules/hip does not compile");
  evaluate_reused(state, rs, richest_test_case(rs));
}
BENCHMARK(BM_EvaluateHip);

void BM_EvaluateHipFullPass(benchmark::State& state) {
  auto rs = hip();
  if (!rs) return state.SkipWithError("rules/hip does not compile");
  evaluate_full_pass(state, rs, richest_test_case(rs));
}
BENCHMARK(BM_EvaluateHipFullPass);

void BM_EvaluateHipWithAskNext(benchmark::State& state) {
  auto rs = hip();
  if (!rs) return state.SkipWithError("rules/hip does not compile");
  evaluate_reused(state, rs, richest_test_case(rs), true);
}
BENCHMARK(BM_EvaluateHipWithAskNext);

void BM_EvaluateHipEmptyCaseWithAskNext(benchmark::State& state) {
  auto rs = hip();
  if (!rs) return state.SkipWithError("rules/hip does not compile");
  evaluate_reused(state, rs, Case(rs), true);  // every rule undecided: the most ask-next work
}
BENCHMARK(BM_EvaluateHipEmptyCaseWithAskNext);

// One interview step as a front end runs it: record an answer to the top question, evaluate,
// read the top five questions. Answers are "no", the first value of a choice, or unknown for a
// number; a complete interview starts again from the presenting complaint.
void BM_InterviewStepHip(benchmark::State& state) {
  auto rs = hip();
  if (!rs) return state.SkipWithError("rules/hip does not compile");
  Case start(rs);
  start.set_json(R"({"age": 34, "sex": "female", "pain_central_buttock": true})");
  Case c = start;
  Result r;
  evaluate(c, r);
  std::int64_t steps = 0, interviews = 0;
  for (auto _ : state) {
    if (r.complete()) {
      c = start;
      ++interviews;
    } else {
      const std::uint32_t slot = r.ask_next()[0].finding;
      switch (rs->findings()[slot].type) {
        case FindingType::boolean: c.set_bool(slot, false); break;
        case FindingType::enumeration: c.set_enum(slot, 0); break;
        default: c.set_unknown(slot); break;
      }
    }
    evaluate(c, r);
    const auto next = r.ask_next();
    for (std::size_t i = 0; i < next.size() && i < 5; ++i) benchmark::DoNotOptimize(next[i].finding);
    ++steps;
  }
  state.SetItemsProcessed(steps);
  state.counters["steps_per_interview"] = interviews ? static_cast<double>(steps) / static_cast<double>(interviews) : 0.0;
}
BENCHMARK(BM_InterviewStepHip);

void BM_EvaluateGenerated40(benchmark::State& state) {
  auto rs = generated40();
  if (!rs) return state.SkipWithError("generated rule set does not compile");
  evaluate_reused(state, rs, synthetic_case(rs));
}
BENCHMARK(BM_EvaluateGenerated40);

// Cost that follows the case: 30 findings given (every 7th boolean, alternately yes and no,
// and age), the rest not asked, on generated rule sets of growing size.
void BM_EvaluateGenerated30Given(benchmark::State& state) {
  auto rs = compile_generated(bench::generated_ruleset(static_cast<int>(state.range(0)))).ruleset;
  if (!rs) return state.SkipWithError("generated rule set does not compile");
  Case c(rs);
  c.set_number(rs->finding_slot("age"), 54);
  for (int i = 0, given = 1; given < 30; i += 7, ++given) c.set_bool(rs->finding_slot("f" + std::to_string(i)), i % 2 == 0);
  evaluate_reused(state, rs, c);
}
BENCHMARK(BM_EvaluateGenerated30Given)->Arg(100)->Arg(1000)->Arg(10000);

void BM_EvaluateGenerated30GivenFullPass(benchmark::State& state) {
  auto rs = compile_generated(bench::generated_ruleset(static_cast<int>(state.range(0)))).ruleset;
  if (!rs) return state.SkipWithError("generated rule set does not compile");
  Case c(rs);
  c.set_number(rs->finding_slot("age"), 54);
  for (int i = 0, given = 1; given < 30; i += 7, ++given) c.set_bool(rs->finding_slot("f" + std::to_string(i)), i % 2 == 0);
  evaluate_full_pass(state, rs, c);
}
BENCHMARK(BM_EvaluateGenerated30GivenFullPass)->Arg(100)->Arg(1000)->Arg(10000);

void json_round_trip(benchmark::State& state, const RulesetPtr& rs, const Case& source) {
  const std::string in = case_json(source);
  Case c(rs);
  Result r;
  std::size_t bytes = 0;
  for (auto _ : state) {
    c.clear();
    c.set_json(in);
    evaluate(c, r);
    std::string out = format_json(c, r);
    bytes = out.size();
    benchmark::DoNotOptimize(out.data());
  }
  state.counters["json_in_bytes"] = static_cast<double>(in.size());
  state.counters["json_out_bytes"] = static_cast<double>(bytes);
}

void BM_JsonInOutHip(benchmark::State& state) {
  auto rs = hip();
  if (!rs) return state.SkipWithError("rules/hip does not compile");
  json_round_trip(state, rs, richest_test_case(rs));
}
BENCHMARK(BM_JsonInOutHip);

void BM_JsonInOutGenerated40(benchmark::State& state) {
  auto rs = generated40();
  if (!rs) return state.SkipWithError("generated rule set does not compile");
  json_round_trip(state, rs, synthetic_case(rs));
}
BENCHMARK(BM_JsonInOutGenerated40);

// JSON in alone: parsing the case and validating every value into a cleared Case.
void BM_JsonInHip(benchmark::State& state) {
  auto rs = hip();
  if (!rs) return state.SkipWithError("rules/hip does not compile");
  const std::string in = case_json(richest_test_case(rs));
  Case c(rs);
  for (auto _ : state) {
    c.clear();
    c.set_json(in);
    benchmark::DoNotOptimize(c.state(0));
  }
  state.counters["json_in_bytes"] = static_cast<double>(in.size());
}
BENCHMARK(BM_JsonInHip);

// The same case as a FHIR QuestionnaireResponse (what an EHR's prefetch carries): one item per
// finding given, by linkId; numbers as valueDecimal, durations as a quantity in days.
std::string questionnaire_response(const Case& c) {
  nlohmann::json items = nlohmann::json::array();
  const auto findings = c.ruleset().findings();
  for (std::uint32_t slot = 0; slot < findings.size(); ++slot) {
    if (c.state(slot) != FindingState::given) continue;
    const FindingInfo& f = findings[slot];
    nlohmann::json answer;
    switch (f.type) {
      case FindingType::boolean: answer["valueBoolean"] = c.number(slot) != 0; break;
      case FindingType::enumeration: answer["valueCoding"] = {{"code", f.values[static_cast<std::size_t>(c.number(slot))]}}; break;
      case FindingType::number: answer["valueDecimal"] = c.number(slot); break;
      case FindingType::duration:
        answer["valueQuantity"] = {{"value", c.number(slot)}, {"system", "http://unitsofmeasure.org"}, {"code", "d"}};
        break;
    }
    items.push_back({{"linkId", f.name}, {"answer", {answer}}});
  }
  return nlohmann::json{{"resourceType", "QuestionnaireResponse"}, {"status", "completed"},
                        {"authored", "2026-12-01T10:00:00Z"}, {"item", items}}.dump();
}

// FHIR in, beside BM_JsonInHip: the same findings from a QuestionnaireResponse into a cleared Case.
void BM_FhirInHip(benchmark::State& state) {
  auto rs = hip();
  if (!rs) return state.SkipWithError("rules/hip does not compile");
  // A QuestionnaireResponse carries answers only: the case's unknown findings stay out of it.
  Case given = richest_test_case(rs);
  for (std::uint32_t slot = 0; slot < rs->findings().size(); ++slot)
    if (given.state(slot) == FindingState::unknown) given.unset(slot);
  const std::string in = questionnaire_response(given);
  Case c(rs);
  fhir::set_case(c, in);
  if (case_json(c) != case_json(given)) return state.SkipWithError("the QuestionnaireResponse gives another case");
  state.counters["findings"] = static_cast<double>(nlohmann::json::parse(in)["item"].size());
  for (auto _ : state) {
    c.clear();
    fhir::set_case(c, in);
    benchmark::DoNotOptimize(c.state(0));
  }
  state.counters["fhir_in_bytes"] = static_cast<double>(in.size());
}
BENCHMARK(BM_FhirInHip);

// JSON out alone, of one evaluated result: range(0) is the indent (-1 compact), range(1) max_ask.
void BM_JsonOutHip(benchmark::State& state) {
  auto rs = hip();
  if (!rs) return state.SkipWithError("rules/hip does not compile");
  const Case c = richest_test_case(rs);
  Result r;
  evaluate(c, r);
  const int indent = static_cast<int>(state.range(0));
  const auto max_ask = static_cast<std::size_t>(state.range(1));
  std::size_t bytes = 0;
  for (auto _ : state) {
    std::string out = format_json(c, r, indent, max_ask);
    bytes = out.size();
    benchmark::DoNotOptimize(out.data());
  }
  state.counters["json_out_bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_JsonOutHip)->Args({-1, 0})->Args({2, 0})->Args({-1, 3})->Args({2, 3});

void BM_CompileHip(benchmark::State& state) {
  if (!hip()) return state.SkipWithError("rules/hip does not compile");
  for (auto _ : state) {
    CompileOutput out = compile_path(kHipDir);
    benchmark::DoNotOptimize(out.ruleset.get());
  }
  state.SetLabel("rules/hip from disk");
}
BENCHMARK(BM_CompileHip)->Unit(benchmark::kMillisecond);

void BM_CompileGenerated(benchmark::State& state) {
  const std::string text = bench::generated_ruleset(static_cast<int>(state.range(0)));
  {
    CompileOutput out = compile_generated(text);
    if (!out.ok()) return state.SkipWithError(format(out.diagnostics).c_str());
  }
  for (auto _ : state) {
    CompileOutput out = compile_generated(text);
    benchmark::DoNotOptimize(out.ruleset.get());
  }
  // Memory, outside the timed loop: the peak heap while compiling and what the rule set keeps.
  const std::int64_t before = bench::heap_in_use();
  bench::reset_heap_peak();
  CompileOutput kept = compile_generated(text);
  const double peak_mb = static_cast<double>(bench::heap_peak() - before) / (1024.0 * 1024.0);
  const double kept_mb = static_cast<double>(bench::heap_in_use() - before) / (1024.0 * 1024.0);
  state.SetComplexityN(state.range(0));
  state.counters["source_kb"] = static_cast<double>(text.size()) / 1024.0;
  state.counters["compile_peak_mb"] = peak_mb;
  state.counters["ruleset_mb"] = kept_mb;
  state.counters["ruleset_bytes_per_rule"] = kept_mb * 1024.0 * 1024.0 / static_cast<double>(state.range(0));
}
BENCHMARK(BM_CompileGenerated)
    ->Arg(100)
    ->Arg(1000)
    ->Arg(10000)
    ->Unit(benchmark::kMillisecond)
    ->Complexity(benchmark::oN);

}  // namespace
