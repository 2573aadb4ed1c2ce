#include "harness.hpp"

#include <algorithm>
#include <filesystem>

namespace ardent::fuzz {

namespace {

void read_items(const ardent_result* r, std::size_t rules) {
  const std::size_t flags = ardent_result_redflag_count(r);
  for (std::size_t i = 0; i <= flags; ++i) {
    ardent_redflag f = ARDENT_REDFLAG_INIT;
    if (ARDENT_FUZZ_CALL(ardent_result_get_redflag(&f, r, i)) != ARDENT_OK) continue;
    expect_utf8("red flag id", f.id);
    if (ARDENT_FUZZ_CALL(ardent_result_rule_state(r, f.rule)) != ARDENT_RULE_FIRED) bug("a red flag listed but not fired");
  }
  const std::size_t conditions = ardent_result_condition_count(r);
  for (std::size_t i = 0; i <= conditions; ++i) {
    ardent_conclusion c = ARDENT_CONCLUSION_INIT;
    if (ARDENT_FUZZ_CALL(ardent_result_get_condition(&c, r, i)) == ARDENT_OK) expect_utf8("condition label", c.label);
  }
  const std::size_t advice = ardent_result_advice_count(r);
  for (std::size_t i = 0; i <= advice; ++i) {
    const char* text = nullptr;
    if (ARDENT_FUZZ_CALL(ardent_result_get_advice(&text, r, i)) == ARDENT_OK) expect_utf8("advice", text);
  }
  const std::size_t undecided = ardent_result_undecided_count(r);
  for (std::size_t i = 0; i <= undecided; ++i) {
    ardent_undecided u = ARDENT_UNDECIDED_INIT;
    if (ARDENT_FUZZ_CALL(ardent_result_get_undecided(&u, r, i)) != ARDENT_OK) continue;
    if (u.rule >= rules) bug("an undecided rule index out of range");
    ardent_undecided old = ARDENT_UNDECIDED_INIT;
    old.version = 1;
    ARDENT_FUZZ_CALL(ardent_result_get_undecided(&old, r, i));
  }
  const std::size_t asks = ardent_result_ask_count(r);
  for (std::size_t i = 0; i <= asks; ++i) {
    ardent_ask a = ARDENT_ASK_INIT;
    if (ARDENT_FUZZ_CALL(ardent_result_get_ask(&a, r, i)) == ARDENT_OK) expect_utf8("ask question", a.question);
  }
  const std::size_t warnings = ardent_result_warning_count(r);
  for (std::size_t i = 0; i <= warnings; ++i) {
    ardent_eval_warning w = ARDENT_EVAL_WARNING_INIT;
    ARDENT_FUZZ_CALL(ardent_result_get_warning(&w, r, i));
  }
}

void read_explanations(const ardent_result* r, std::size_t rules) {
  for (std::uint32_t rule = 0; rule <= rules; ++rule) {
    ardent_explanation e = ARDENT_EXPLANATION_INIT;
    if (ARDENT_FUZZ_CALL(ardent_result_explain(&e, r, rule)) != ARDENT_OK) continue;
    expect_utf8("explanation", e.text);
    for (std::size_t i = 0; i < e.fact_count; ++i) expect_utf8("fact", e.facts[i].text);
    if (e.state != ARDENT_FUZZ_CALL(ardent_result_rule_state(r, rule))) bug("an explanation of another state");
  }
}

void read_interview(const ardent_result* r) {
  ardent_interview iv = ARDENT_INTERVIEW_INIT;
  if (ARDENT_FUZZ_CALL(ardent_result_interview(&iv, r)) != ARDENT_OK) return;
  if (iv.provisional == iv.complete) bug("an interview both complete and provisional, or neither");
  if ((ardent_result_ask_count(r) == 0) != (iv.complete == 1)) bug("the ask-next list and the interview disagree");
  // Whether self-care may stand before the interview ends is the rule set's choice (its own gate,
  // docs/interview.md); the engine never withholds it, and says so.
  if (iv.self_care_withheld != 0) bug("self_care_withheld set, which the engine no longer does");
  if (iv.screen_asked + iv.screen_pending_count != iv.screen_count) bug("the screen's counts do not add up");
}

void read_renderings(const ardent_result* r) {
  for (unsigned flags : {0u, ARDENT_RENDER_PRETTY}) {
    char* text = nullptr;
    if (ARDENT_FUZZ_CALL(ardent_result_json(&text, r, flags)) == ARDENT_OK) expect_json("ardent_result_json", text);
    ardent_string_free(text);
    text = nullptr;
    if (ARDENT_FUZZ_CALL(ardent_result_cds_cards(&text, r, flags)) == ARDENT_OK)
      expect_json("ardent_result_cds_cards", text);
    ardent_string_free(text);
  }
  for (unsigned flags : {0u, ARDENT_RENDER_UNDECIDED, 0x80u}) {
    char* text = nullptr;
    if (ARDENT_FUZZ_CALL(ardent_result_text(&text, r, flags)) == ARDENT_OK) expect_utf8("ardent_result_text", text);
    ardent_string_free(text);
  }
}

}  // namespace

void read_whole_result(const ardent_result* r, const ardent_case* kase) {
  const ardent_ruleset* rs = ardent_result_ruleset(r);
  if (rs == nullptr) return;
  if (kase != nullptr && ardent_case_ruleset(kase) != rs) bug("a result of another rule set than its case");
  ardent_ruleset_info info = ARDENT_RULESET_INFO_INIT;
  ARDENT_FUZZ_CALL(ardent_ruleset_get_info(&info, rs));
  const int triage = ARDENT_FUZZ_CALL(ardent_result_triage(r));
  if (ardent_triage_str(triage) == nullptr) bug("a triage outside the enumeration");
  ARDENT_FUZZ_CALL(ardent_result_triage_is_default(r));
  for (std::uint32_t rule = 0; rule <= info.rule_count; ++rule) ARDENT_FUZZ_CALL(ardent_result_rule_state(r, rule));
  read_items(r, info.rule_count);
  read_explanations(r, info.rule_count);
  read_interview(r);
  read_renderings(r);
}

namespace {

// Freed at exit, so that LeakSanitizer reports only what an input leaks.
struct Rulesets {
  std::vector<ardent_ruleset*> list;
  ~Rulesets() {
    for (ardent_ruleset* rs : list) ardent_ruleset_free(rs);
  }
};

}  // namespace

const std::vector<ardent_ruleset*>& repository_rulesets() {
  static const Rulesets all{[] {
    const std::filesystem::path root = ARDENT_SOURCE_DIR;
    std::vector<std::filesystem::path> paths = {root / "rules/hip", root / "capi/tests/data/small.ard",
                                                root / "tests/doors/doors.ard"};
    std::vector<std::filesystem::path> conformance;
    for (const auto& entry : std::filesystem::directory_iterator(root / "tests/conformance/rules"))
      conformance.push_back(entry.path());
    std::sort(conformance.begin(), conformance.end());
    paths.insert(paths.end(), conformance.begin(), conformance.end());
    std::vector<ardent_ruleset*> compiled;
    for (const auto& path : paths) {
      ardent_ruleset* rs = nullptr;
      if (ardent_ruleset_compile_path(&rs, nullptr, path.c_str(), nullptr) != ARDENT_OK)
        bug("a rule set of the repository does not compile: " + path.string(), ardent_last_error()->message);
      compiled.push_back(rs);
    }
    return compiled;
  }()};
  return all.list;
}

void evaluate_and_read(const ardent_ruleset* rs, const ardent_case* kase) {
  ardent_result* result = nullptr;
  if (ARDENT_FUZZ_CALL(ardent_evaluate(&result, rs, kase, nullptr)) != ARDENT_OK) return;
  read_whole_result(result, kase);
  // The same result again with a short ask-next list: the JSON writes only the items asked for.
  ardent_evaluate_options opts = ARDENT_EVALUATE_OPTIONS_INIT;
  opts.max_ask = 1;
  if (ARDENT_FUZZ_CALL(ardent_evaluate_into(result, rs, kase, &opts)) == ARDENT_OK) {
    char* json = nullptr;
    if (ARDENT_FUZZ_CALL(ardent_result_json(&json, result, 0)) == ARDENT_OK) expect_json("ardent_result_json", json);
    ardent_string_free(json);
  }
  ardent_result_free(result);
}

}  // namespace ardent::fuzz
