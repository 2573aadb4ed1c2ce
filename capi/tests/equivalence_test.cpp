// The C ABI says exactly what the C++ API says: the same random cases are built through both,
// evaluated, and every part of the results compared, renderings included.
#include <cmath>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ardent/ardent.hpp"
#include "fixture.hpp"

using namespace capi_test;

namespace {

struct Pair {
  Ruleset c_rules;
  ardent::RulesetPtr cpp_rules;
};

Pair load(const std::string& path) {
  Pair p;
  p.c_rules = compile(path);
  auto out = ardent::compile_path(path);
  EXPECT_TRUE(out.ok()) << ardent::format(out.diagnostics);
  p.cpp_rules = out.ruleset;
  return p;
}

// Sets the same random findings in both cases.
void fill_both(ardent_case* c, ardent::Case& cpp, const ardent::Ruleset& rs, uint64_t seed) {
  std::mt19937_64 rng(seed * 0x2545F4914F6CDD1Dull + 7);
  ASSERT_EQ(ardent_case_clear(c), ARDENT_OK);
  cpp.clear();
  auto findings = rs.findings();
  for (uint32_t i = 0; i < findings.size(); ++i) {
    const auto& f = findings[i];
    unsigned roll = static_cast<unsigned>(rng() % 10);
    if (roll < 3) continue;
    if (roll == 3) {
      ASSERT_EQ(ardent_case_set_unknown_at(c, i), ARDENT_OK);
      cpp.set_unknown(i);
      continue;
    }
    switch (f.type) {
      case ardent::FindingType::boolean: {
        bool v = rng() % 2 != 0;
        ASSERT_EQ(ardent_case_set_bool_at(c, i, v ? 1 : 0), ARDENT_OK);
        cpp.set_bool(i, v);
        break;
      }
      case ardent::FindingType::enumeration: {
        auto v = static_cast<uint32_t>(rng() % f.values.size());
        if (rng() % 2) {
          ASSERT_EQ(ardent_case_set_enum_index_at(c, i, v), ARDENT_OK);
        } else {
          ASSERT_EQ(ardent_case_set_enum(c, f.name.c_str(), f.values[v].c_str()), ARDENT_OK);
        }
        cpp.set_enum(i, v);
        break;
      }
      case ardent::FindingType::number: {
        double lo = std::isnan(f.min) ? -50 : f.min;
        double hi = std::isnan(f.max) ? lo + 200 : f.max;
        double v = lo + static_cast<double>(rng() % 1000001) / 1000000.0 * (hi - lo);
        if (f.integer) v = std::floor(v);
        ASSERT_EQ(ardent_case_set_number_at(c, i, v), ARDENT_OK) << ardent_last_error()->message;
        cpp.set_number(i, v);
        break;
      }
      case ardent::FindingType::duration: {
        double amount = static_cast<double>(rng() % 120);
        auto unit = static_cast<int>(rng() % 6);
        ASSERT_EQ(ardent_case_set_duration_at(c, i, amount, unit), ARDENT_OK);
        cpp.set_duration(i, amount, static_cast<ardent::DurationUnit>(unit));
        break;
      }
    }
  }
}

std::string take(char* s) {
  String owner(s);
  return s == nullptr ? std::string() : std::string(s);
}

// A card's uuid is drawn afresh for every rendering, so only the rest of the cards can match.
std::string without_uuids(const std::string& cards) {
  auto response = nlohmann::ordered_json::parse(cards);
  for (auto& card : response.at("cards")) card.erase("uuid");
  return response.dump();
}

void compare(ardent_result* r, const ardent::Case& cpp_case, const ardent::Result& cpp, bool deep) {
  const ardent::Ruleset& rs = cpp_case.ruleset();
  ASSERT_EQ(ardent_result_triage(r), static_cast<int>(cpp.triage()));
  ASSERT_EQ(ardent_result_triage_is_default(r), cpp.triage_is_default() ? 1 : 0);

  ASSERT_EQ(ardent_result_redflag_count(r), cpp.red_flags().size());
  for (size_t i = 0; i < cpp.red_flags().size(); ++i) {
    ardent_redflag rf = ARDENT_REDFLAG_INIT;
    ASSERT_EQ(ardent_result_get_redflag(&rf, r, i), ARDENT_OK);
    ASSERT_EQ(rf.rule, cpp.red_flags()[i]);
    ASSERT_EQ(std::string(rf.id), rs.rules()[rf.rule].name);
  }
  ASSERT_EQ(ardent_result_condition_count(r), cpp.conditions().size());
  for (size_t i = 0; i < cpp.conditions().size(); ++i) {
    ardent_conclusion k = ARDENT_CONCLUSION_INIT;
    ASSERT_EQ(ardent_result_get_condition(&k, r, i), ARDENT_OK);
    const auto& o = cpp.conditions()[i];
    ASSERT_EQ(k.condition, o.condition);
    ASSERT_EQ(k.status, static_cast<int>(o.status));
    ASSERT_EQ(k.strength, static_cast<int>(o.strength));
    ASSERT_EQ(k.priority, o.priority);
  }
  ASSERT_EQ(ardent_result_advice_count(r), cpp.advice().size());
  for (size_t i = 0; i < cpp.advice().size(); ++i) {
    const char* text = nullptr;
    ASSERT_EQ(ardent_result_get_advice(&text, r, i), ARDENT_OK);
    ASSERT_EQ(std::string(text), rs.advice_text(cpp.advice()[i]));
  }
  ASSERT_EQ(ardent_result_undecided_count(r), cpp.undecided().size());
  for (size_t i = 0; i < cpp.undecided().size(); ++i) {
    ardent_undecided u = ARDENT_UNDECIDED_INIT;
    ASSERT_EQ(ardent_result_get_undecided(&u, r, i), ARDENT_OK);
    ASSERT_EQ(u.rule, cpp.undecided()[i].rule);
    auto missing = cpp.missing(cpp.undecided()[i]);
    ASSERT_EQ(std::vector<uint32_t>(u.missing, u.missing + u.missing_count),
              std::vector<uint32_t>(missing.begin(), missing.end()));
  }
  ASSERT_EQ(ardent_result_ask_count(r), cpp.ask_next().size());
  for (size_t i = 0; i < cpp.ask_next().size(); ++i) {
    ardent_ask a = ARDENT_ASK_INIT;
    ASSERT_EQ(ardent_result_get_ask(&a, r, i), ARDENT_OK);
    const auto& item = cpp.ask_next()[i];
    ASSERT_EQ(a.finding, item.finding);
    ASSERT_EQ(a.reason, static_cast<int>(item.reason));
    auto rules = cpp.could_decide(item);
    ASSERT_EQ(std::vector<uint32_t>(a.rules, a.rules + a.rule_count), std::vector<uint32_t>(rules.begin(), rules.end()));
  }
  ASSERT_EQ(ardent_result_warning_count(r), cpp.warnings().size());
  std::vector<int> states(rs.rules().size());
  ASSERT_EQ(ardent_result_rule_states(states.data(), r, states.size()), ARDENT_OK);
  std::vector<uint64_t> fired((states.size() + 63) / 64);
  ASSERT_EQ(ardent_result_fired_mask(fired.data(), r, fired.size()), ARDENT_OK);
  for (uint32_t rule = 0; rule < rs.rules().size(); ++rule) {
    ASSERT_EQ(ardent_result_rule_state(r, rule), static_cast<int>(cpp.rule_state(rule)));
    ASSERT_EQ(states[rule], static_cast<int>(cpp.rule_state(rule)));
    ASSERT_EQ((fired[rule / 64] >> (rule % 64)) & 1u, cpp.rule_state(rule) == ardent::RuleState::fired ? 1u : 0u);
  }
  if (!deep) return;

  for (uint32_t rule = 0; rule < rs.rules().size(); ++rule) {
    ardent::Explanation e = ardent::explain(cpp_case, cpp, rule);
    ardent_explanation x = ARDENT_EXPLANATION_INIT;
    ASSERT_EQ(ardent_result_explain(&x, r, rule), ARDENT_OK);
    ASSERT_EQ(x.state, static_cast<int>(e.state));
    ASSERT_EQ(std::string(x.text), e.reasons());
    ASSERT_EQ(x.fact_count, e.facts.size());
    for (size_t i = 0; i < e.facts.size(); ++i) ASSERT_EQ(std::string(x.facts[i].text), e.facts[i].text);
    ASSERT_EQ(x.missing_count, e.missing.size());
    ASSERT_EQ(x.unknown_count, e.unknown.size());
    ASSERT_EQ(x.line, e.location.line);
  }
  char* json = nullptr;
  ASSERT_EQ(ardent_result_json(&json, r, 0), ARDENT_OK);
  ASSERT_EQ(take(json), ardent::format_json(cpp_case, cpp));
  ASSERT_EQ(ardent_result_json(&json, r, ARDENT_RENDER_PRETTY), ARDENT_OK);
  ASSERT_EQ(take(json), ardent::format_json(cpp_case, cpp, 2));
  ASSERT_EQ(ardent_result_cds_cards(&json, r, 0), ARDENT_OK);
  ASSERT_EQ(without_uuids(take(json)), without_uuids(ardent::format_cds_cards(cpp_case, cpp)));
  ASSERT_EQ(ardent_result_text(&json, r, 0), ARDENT_OK);
  ASSERT_EQ(take(json), ardent::format_text(cpp_case, cpp));
}

std::string case_json(const ardent_case* c) {
  char* text = nullptr;
  EXPECT_EQ(ardent_case_json(&text, c), ARDENT_OK);
  return take(text);
}

// The same findings as `cpp`, with every bool and every number set in one call each (the rest
// one by one): the case must come out the same as set one finding at a time.
void fill_in_bulk(ardent_case* c, const ardent::Case& cpp) {
  ASSERT_EQ(ardent_case_clear(c), ARDENT_OK);
  std::vector<uint32_t> bool_slots, number_slots;
  std::vector<int> bools;
  std::vector<double> numbers;
  auto findings = cpp.ruleset().findings();
  for (uint32_t i = 0; i < findings.size(); ++i) {
    if (cpp.state(i) == ardent::FindingState::unknown) {
      ASSERT_EQ(ardent_case_set_unknown_at(c, i), ARDENT_OK);
    }
    if (cpp.state(i) != ardent::FindingState::given) continue;
    const double v = cpp.number(i);
    switch (findings[i].type) {
      case ardent::FindingType::boolean:
        bool_slots.push_back(i);
        bools.push_back(v != 0 ? 3 : 0);  // any nonzero value is yes
        break;
      case ardent::FindingType::number:
        number_slots.push_back(i);
        numbers.push_back(v);
        break;
      case ardent::FindingType::enumeration:
        ASSERT_EQ(ardent_case_set_enum_index_at(c, i, static_cast<uint32_t>(v)), ARDENT_OK);
        break;
      case ardent::FindingType::duration: ASSERT_EQ(ardent_case_set_duration_at(c, i, v, ARDENT_DAYS), ARDENT_OK); break;
    }
  }
  ASSERT_EQ(ardent_case_set_bools(c, bool_slots.data(), bools.data(), bools.size()), ARDENT_OK);
  ASSERT_EQ(ardent_case_set_numbers(c, number_slots.data(), numbers.data(), numbers.size()), ARDENT_OK);
}

void run(const std::string& path, uint64_t cases) {
  Pair p = load(path);
  ASSERT_TRUE(p.c_rules);
  ASSERT_TRUE(p.cpp_rules);
  Case c = new_case(p.c_rules.get());
  ardent::Case cpp_case(p.cpp_rules);
  ardent::Result cpp_result;
  ardent_result* raw = nullptr;
  ASSERT_EQ(ardent_result_new(&raw), ARDENT_OK);
  Result r(raw);
  Case bulk = new_case(p.c_rules.get());
  ASSERT_EQ(ardent_result_new(&raw), ARDENT_OK);
  Result lazy(raw);
  for (uint64_t i = 0; i < cases; ++i) {
    fill_both(c.get(), cpp_case, *p.cpp_rules, i);
    ASSERT_EQ(ardent_evaluate_into(r.get(), p.c_rules.get(), c.get(), nullptr), ARDENT_OK);
    ardent::evaluate(cpp_case, cpp_result);
    SCOPED_TRACE("case " + std::to_string(i));
    compare(r.get(), cpp_case, cpp_result, i % 10 == 0);
    if (::testing::Test::HasFatalFailure()) return;
    fill_in_bulk(bulk.get(), cpp_case);
    ASSERT_EQ(case_json(bulk.get()), case_json(c.get()));
    // Rendered before anything else is read, the result works out everything on the way and
    // must give the same bytes as the result read piece by piece above.
    if (i % 10 == 1) {
      ASSERT_EQ(ardent_evaluate_into(lazy.get(), p.c_rules.get(), bulk.get(), nullptr), ARDENT_OK);
      char* eager_json = nullptr;
      char* lazy_json = nullptr;
      ASSERT_EQ(ardent_result_json(&lazy_json, lazy.get(), 0), ARDENT_OK);
      ASSERT_EQ(ardent_result_json(&eager_json, r.get(), 0), ARDENT_OK);
      ASSERT_EQ(take(lazy_json), take(eager_json));
    }
  }
}

}  // namespace

TEST(Equivalence, SmallRuleSet) { run(small_rules(), 3000); }

TEST(Equivalence, HipRuleSet) {
  std::string hip = std::string(ARDENT_SOURCE_DIR) + "/rules/hip";
  auto out = ardent::compile_path(hip);
  if (!out.ok()) GTEST_SKIP() << "rules/hip does not compile yet";
  run(hip, 3000);
}

TEST(Equivalence, JsonInEqualsJsonIn) {
  Pair p = load(small_rules());
  ASSERT_TRUE(p.c_rules);
  const char* json = R"({"fever": true, "pain_peak": "constant", "symptom_duration": "6 weeks", "night_pain": null})";
  Case c = new_case(p.c_rules.get());
  ASSERT_EQ(ardent_case_set_json(c.get(), json, ARDENT_NUL_TERMINATED), ARDENT_OK);
  ardent::Case cpp_case(p.cpp_rules);
  cpp_case.set_json(json);
  Result r = evaluate(p.c_rules.get(), c.get());
  ardent::Result cpp = ardent::evaluate(cpp_case);
  compare(r.get(), cpp_case, cpp, true);
}
