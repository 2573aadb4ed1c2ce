// Random cases through the C ABI's typed setters, and a result's full content as one string,
// for the suites that compare evaluations (threads, batches, the C++ API).
#pragma once

#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "ardent.h"

namespace capi_test {

// What the generator needs to know of each finding.
struct FindingShape {
  int type = ARDENT_FINDING_BOOL;
  uint32_t values = 0;
  double min = 0, max = 100;
  bool integer = false;
};

inline std::vector<FindingShape> shapes_of(const ardent_ruleset* rs) {
  ardent_ruleset_info info = ARDENT_RULESET_INFO_INIT;
  EXPECT_EQ(ardent_ruleset_get_info(&info, rs), ARDENT_OK);
  std::vector<FindingShape> shapes;
  for (uint32_t i = 0; i < info.finding_count; ++i) {
    ardent_finding_info f = ARDENT_FINDING_INFO_INIT;
    EXPECT_EQ(ardent_finding_get(&f, rs, i), ARDENT_OK);
    FindingShape s;
    s.type = f.type;
    s.values = static_cast<uint32_t>(f.value_count);
    if (f.type == ARDENT_FINDING_NUMBER) {
      s.min = std::isnan(f.min) ? -50 : f.min;
      s.max = std::isnan(f.max) ? s.min + 200 : f.max;
      s.integer = f.integer != 0;
    }
    shapes.push_back(s);
  }
  return shapes;
}

// Fills `c` (cleared first) with the case numbered `seed`: the same seed always gives the same
// case. About a third of the findings stay not asked and one in ten is unknown.
inline void fill_random(ardent_case* c, const std::vector<FindingShape>& shapes, uint64_t seed) {
  std::mt19937_64 rng(seed * 0x9E3779B97F4A7C15ull + 1);
  ASSERT_EQ(ardent_case_clear(c), ARDENT_OK);
  for (uint32_t i = 0; i < shapes.size(); ++i) {
    const FindingShape& s = shapes[i];
    unsigned roll = static_cast<unsigned>(rng() % 10);
    if (roll < 3) continue;
    if (roll == 3) {
      ASSERT_EQ(ardent_case_set_unknown_at(c, i), ARDENT_OK);
      continue;
    }
    int rc = ARDENT_OK;
    switch (s.type) {
      case ARDENT_FINDING_BOOL: rc = ardent_case_set_bool_at(c, i, static_cast<int>(rng() % 2)); break;
      case ARDENT_FINDING_ENUM:
        rc = ardent_case_set_enum_index_at(c, i, static_cast<uint32_t>(rng() % s.values));
        break;
      case ARDENT_FINDING_NUMBER: {
        double u = static_cast<double>(rng() % 1000001) / 1000000.0;
        double v = s.min + u * (s.max - s.min);
        if (s.integer) v = std::floor(v);
        if (v > s.max) v = s.max;
        rc = ardent_case_set_number_at(c, i, v);
        break;
      }
      case ARDENT_FINDING_DURATION:
        rc = ardent_case_set_duration_at(c, i, static_cast<double>(rng() % 120),
                                         static_cast<int>(rng() % 6));
        break;
    }
    ASSERT_EQ(rc, ARDENT_OK) << ardent_last_error()->message;
  }
}

// Everything a result says, in a canonical text form.
inline std::string signature(const ardent_result* r) {
  std::string s = "t" + std::to_string(ardent_result_triage(r)) + (ardent_result_triage_is_default(r) ? "d" : "") + " r";
  for (size_t i = 0; i < ardent_result_redflag_count(r); ++i) {
    ardent_redflag rf = ARDENT_REDFLAG_INIT;
    ardent_result_get_redflag(&rf, r, i);
    s += std::to_string(rf.rule) + ",";
  }
  s += " c";
  for (size_t i = 0; i < ardent_result_condition_count(r); ++i) {
    ardent_conclusion k = ARDENT_CONCLUSION_INIT;
    ardent_result_get_condition(&k, r, i);
    s += std::to_string(k.condition) + ":" + std::to_string(k.status) + ":" + std::to_string(k.strength) + ":" +
         std::to_string(k.priority) + ",";
  }
  s += " a";
  for (size_t i = 0; i < ardent_result_advice_count(r); ++i) {
    const char* text = nullptr;
    ardent_result_get_advice(&text, r, i);
    s += std::string(text) + "|";
  }
  s += " u";
  for (size_t i = 0; i < ardent_result_undecided_count(r); ++i) {
    ardent_undecided u = ARDENT_UNDECIDED_INIT;
    ardent_result_get_undecided(&u, r, i);
    s += std::to_string(u.rule) + "(";
    for (size_t j = 0; j < u.missing_count; ++j) s += std::to_string(u.missing[j]) + ",";
    s += ")";
  }
  s += " q";
  for (size_t i = 0; i < ardent_result_ask_count(r); ++i) {
    ardent_ask a = ARDENT_ASK_INIT;
    ardent_result_get_ask(&a, r, i);
    s += std::to_string(a.finding) + "/" + std::to_string(a.reason) + "(";
    for (size_t j = 0; j < a.rule_count; ++j) s += std::to_string(a.rules[j]) + ",";
    s += ")";
  }
  s += " w" + std::to_string(ardent_result_warning_count(r)) + " s";
  const ardent_ruleset* rs = ardent_result_ruleset(r);
  ardent_ruleset_info info = ARDENT_RULESET_INFO_INIT;
  ardent_ruleset_get_info(&info, rs);
  for (uint32_t rule = 0; rule < info.rule_count; ++rule) s += std::to_string(ardent_result_rule_state(r, rule));
  return s;
}

}  // namespace capi_test
