// The audit row text made on the writer thread: byte for byte what nlohmann::json would write,
// and slots reused between records carry nothing over.
#include <cmath>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "eval/case_access.hpp"
#include "ardent/store.hpp"
#include "store/evaluation_row.hpp"
#include "store_fixture.hpp"

namespace ardent::store {
namespace {

using testing::ScratchDir;

constexpr const char* kKinds = R"(
ruleset kinds version "1.0.0"
finding zeta: bool
finding alpha: number 0..1000 unit "mg"
finding mode: one of {calm, fast_lane, slow}
finding onset: duration
finding beta: bool
condition c1
condition c2
redflag rf_hot
  when beta
  then triage emergency
rule r1:
  when alpha > 10
  then suggest c1
rule r2:
  when zeta
  then exclude c2
)";

// The reference: the same object built with nlohmann::json (its keys sorted, its numbers).
std::string reference_findings(const Case& c) {
  nlohmann::json out = nlohmann::json::object();
  const auto findings = c.ruleset().findings();
  for (std::uint32_t slot = 0; slot < findings.size(); ++slot) {
    const auto state = static_cast<FindingState>(internal::CaseAccess::states(c)[slot]);
    if (state == FindingState::not_asked) continue;
    const double v = internal::CaseAccess::values(c)[slot];
    auto& field = out[findings[slot].name];
    if (state == FindingState::unknown) field = nullptr;
    else if (findings[slot].type == FindingType::boolean) field = v != 0;
    else if (findings[slot].type == FindingType::enumeration) field = findings[slot].values[static_cast<std::size_t>(v)];
    else field = v;
  }
  return out.dump();
}

TEST(EvaluationRow, NumbersAreWrittenAsNlohmannWritesThem) {
  for (double v : {0.0, -0.0, 1.0, 34.0, -3.0, 0.5, 0.1, 123456.789, 1e21, 1e-7, 2.5e-300, 9007199254740993.0,
                   1.0 / 3.0, -1e100, 1e15, 1e16, 123456789012345.0, 999999999999999.9, 0.0001234,
                   0.00001234, 4503599627370496.5}) {
    std::string ours;
    append_json_number(ours, v);
    EXPECT_EQ(ours, nlohmann::json(v).dump()) << v;
  }
}

TEST(EvaluationRow, FindingsTextEqualsTheReferenceForEveryKindOfFinding) {
  CompileOutput compiled = compile_source(kKinds, "kinds.ard");
  ASSERT_TRUE(compiled.ok()) << format(compiled.diagnostics);
  const RowVocabulary vocabulary(compiled.ruleset);
  for (const char* json : {R"({})", R"({"zeta": true, "alpha": 12.5, "mode": "fast_lane", "onset": 21, "beta": null})",
                           R"({"alpha": 0, "mode": "slow", "beta": false})", R"({"onset": null, "zeta": false})"}) {
    Case c(compiled.ruleset);
    c.set_json(json);
    std::string ours;
    vocabulary.findings_json(ours, EvaluationSnapshot(c, Result{}).findings);
    EXPECT_EQ(ours, reference_findings(c)) << json;
    EXPECT_EQ(findings_json(c), ours);
  }
}

TEST(EvaluationRow, ReusedQueueSlotsCarryNothingOver) {
  ScratchDir dir;
  CompileOutput compiled = compile_source(kKinds, "kinds.ard");
  ASSERT_TRUE(compiled.ok());
  const auto file = dir / "audit.db";
  Case full(compiled.ruleset), sparse(compiled.ruleset);
  full.set_json(R"({"zeta": true, "alpha": 12.5, "mode": "calm", "onset": 3, "beta": true})");
  sparse.set_json(R"({"alpha": 2})");
  Result result;
  // The writer swaps two queues, so with a flush after each record the slots alternate: this
  // order puts a sparse record into a slot that held a full one, and the other way round.
  const std::string order = "FSSFFSSF";
  {
    Audit audit(file);
    for (char kind : order) {
      if (kind == 'F') evaluate_audited(full, result, audit, {"enc-full", "u1", {{"site", "north"}, {"ward", "7"}}});
      else evaluate_audited(sparse, result, audit, {"enc-sparse", "u2", {}});
      audit.flush();
    }
  }
  const auto rows = query_audit(file);
  ASSERT_EQ(rows.size(), order.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const bool is_full = order[i] == 'F';
    SCOPED_TRACE(i);
    EXPECT_EQ(rows[i].context.encounter_id, is_full ? "enc-full" : "enc-sparse");
    EXPECT_EQ(rows[i].context.tags.size(), is_full ? 2u : 0u);
    EXPECT_EQ(rows[i].findings, reference_findings(is_full ? full : sparse));
    EXPECT_EQ(rows[i].red_flags, is_full ? std::vector<std::string>{"rf_hot"} : std::vector<std::string>{});
    EXPECT_EQ(rows[i].triage, is_full ? "emergency" : "routine");
  }
  EXPECT_TRUE(verify_audit(file).ok());
}

}  // namespace
}  // namespace ardent::store
