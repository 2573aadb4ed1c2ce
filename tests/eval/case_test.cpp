// Case: typed setters refuse what the rule set does not declare or allow; set_json and
// set_text are all-or-nothing.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "ardent/case.hpp"
#include "eval/case_access.hpp"
#include "support/model_builder.hpp"

namespace ardent::test {
namespace {

struct Fixture {
  ModelBuilder b;
  std::uint32_t flag, peak, age, score, duration;
  RulesetPtr rs;
  Fixture() {
    flag = b.boolean("fever");
    peak = b.enumeration("peak", {"early", "late"});
    age = b.number("age", 0, 120, true, "years");
    score = b.number("pain_score", 0, 10);
    duration = b.duration("symptom_duration");
    // An unbounded number: NaN bounds.
    b.number("weight", kNaN(), kNaN());
    rs = b.ruleset();
  }
  static double kNaN() { return check::kNoBound; }
};

using Kind = InputError::Kind;

struct Refusal {
  const char* what;
  std::function<void(Case&)> set;
  Kind kind;
};

TEST(Case, RefusesBadValues) {
  Fixture fx;
  const Refusal rows[] = {
      {"unknown name", [](Case& c) { c.set_bool("fevr", true); }, Kind::UnknownFinding},
      {"unknown name (unset)", [](Case& c) { c.unset("nope"); }, Kind::UnknownFinding},
      {"bad slot", [](Case& c) { c.set_bool(std::uint32_t{99}, true); }, Kind::OutOfRange},
      {"bool on a number", [](Case& c) { c.set_bool("age", true); }, Kind::WrongType},
      {"number on a bool", [](Case& c) { c.set_number("fever", 1); }, Kind::WrongType},
      {"number on an enum", [](Case& c) { c.set_number("peak", 1); }, Kind::WrongType},
      {"enum on a bool", [](Case& c) { c.set_enum("fever", "early"); }, Kind::WrongType},
      {"duration on a number", [](Case& c) { c.set_duration("age", 3, DurationUnit::days); }, Kind::WrongType},
      {"value outside the domain", [](Case& c) { c.set_enum("peak", "never"); }, Kind::OutOfDomain},
      {"index outside the domain", [](Case& c) { c.set_enum(std::uint32_t{1}, std::uint32_t{2}); }, Kind::OutOfDomain},
      {"below the range", [](Case& c) { c.set_number("age", -1); }, Kind::OutOfRange},
      {"above the range", [](Case& c) { c.set_number("pain_score", 10.5); }, Kind::OutOfRange},
      {"not whole for an integer", [](Case& c) { c.set_number("age", 40.5); }, Kind::OutOfRange},
      {"not a number", [](Case& c) { c.set_number("pain_score", std::nan("")); }, Kind::OutOfRange},
      {"infinite", [](Case& c) { c.set_number("weight", INFINITY); }, Kind::OutOfRange},
      {"negative duration", [](Case& c) { c.set_duration("symptom_duration", -2, DurationUnit::weeks); }, Kind::OutOfRange},
      {"negative days", [](Case& c) { c.set_number("symptom_duration", -1); }, Kind::OutOfRange},
  };
  for (const auto& row : rows) {
    Case c(fx.rs);
    try {
      row.set(c);
      ADD_FAILURE() << row.what << ": accepted";
    } catch (const InputError& e) {
      EXPECT_EQ(e.kind(), row.kind) << row.what << ": " << e.what();
      EXPECT_FALSE(std::string(e.what()).empty());
    }
    for (std::uint32_t i = 0; i < fx.rs->findings().size(); ++i)
      EXPECT_EQ(c.state(i), FindingState::not_asked) << row.what << ": the case changed";
  }
}

TEST(Case, AcceptsGoodValues) {
  Fixture fx;
  Case c(fx.rs);
  c.set_bool("fever", true);
  c.set_enum("peak", "late");
  c.set_number("age", 120);
  c.set_number("pain_score", 7.5);
  c.set_number("weight", 1e6);  // unbounded
  c.set_duration("symptom_duration", 6, DurationUnit::weeks);
  EXPECT_EQ(c.state(fx.flag), FindingState::given);
  EXPECT_EQ(c.number(fx.flag), 1);
  EXPECT_EQ(c.number(fx.peak), 1);
  EXPECT_EQ(c.number(fx.age), 120);
  EXPECT_EQ(c.number(fx.duration), 42);
  c.set_duration("symptom_duration", 90, DurationUnit::minutes);
  EXPECT_DOUBLE_EQ(c.number(fx.duration), 90.0 / 1440);
  c.set_number("symptom_duration", 3);  // a number for a duration is in days
  EXPECT_EQ(c.number(fx.duration), 3);
  c.set_unknown("fever");
  EXPECT_EQ(c.state(fx.flag), FindingState::unknown);
  c.unset("fever");
  EXPECT_EQ(c.state(fx.flag), FindingState::not_asked);
  c.clear();
  for (std::uint32_t i = 0; i < fx.rs->findings().size(); ++i) EXPECT_EQ(c.state(i), FindingState::not_asked);
}

TEST(Case, NeedsARuleSet) { EXPECT_THROW(Case(nullptr), std::invalid_argument); }

TEST(CaseJson, SetsEveryKindOfValue) {
  Fixture fx;
  Case c(fx.rs);
  c.set_json(R"({"fever": true, "peak": "early", "age": 54, "pain_score": 3.5,
                 "symptom_duration": "6 weeks", "weight": null})");
  EXPECT_EQ(c.number(fx.flag), 1);
  EXPECT_EQ(c.number(fx.peak), 0);
  EXPECT_EQ(c.number(fx.age), 54);
  EXPECT_EQ(c.number(fx.score), 3.5);
  EXPECT_EQ(c.number(fx.duration), 42);
  EXPECT_EQ(c.state(*fx.rs->finding_index("weight")), FindingState::unknown);
  c.set_json(R"({"symptom_duration": 10})");  // days
  EXPECT_EQ(c.number(fx.duration), 10);
  c.set_json(R"({"symptom_duration": "90 minutes"})");
  EXPECT_DOUBLE_EQ(c.number(fx.duration), 90.0 / 1440);
  c.set_json(R"({"symptom_duration": "1.5 days", "age": null})");
  EXPECT_EQ(c.number(fx.duration), 1.5);
  EXPECT_EQ(c.state(fx.age), FindingState::unknown);
  c.set_json("{}");
  EXPECT_EQ(c.state(fx.flag), FindingState::given);  // untouched
}

TEST(CaseJson, AllOrNothing) {
  Fixture fx;
  struct Row {
    const char* json;
    bool input_error;  // else std::invalid_argument
  };
  const Row rows[] = {
      {R"({"fever": false, "age": 200})", true},
      {R"({"fever": false, "nope": 1})", true},
      {R"({"fever": false, "peak": "sometimes"})", true},
      {R"({"fever": false, "peak": 1})", true},
      {R"({"fever": "yes"})", true},
      {R"({"fever": 1})", true},
      {R"({"fever": false, "symptom_duration": "soon"})", true},
      {R"({"fever": false, "symptom_duration": "3 fortnights"})", true},
      {R"({"fever": false, "age": 40.5})", true},
      {R"({"fever": false, "age": [40]})", true},
      {R"({"fever": false, "age": {"value": 40}})", true},
      {R"({"fever": false,)", false},
      {R"([{"fever": false}])", false},
      {R"("fever")", false},
      {R"(42)", false},
      {"", false},
  };
  for (const auto& row : rows) {
    Case c(fx.rs);
    c.set_bool("fever", true);
    try {
      c.set_json(row.json);
      ADD_FAILURE() << row.json << " was accepted";
    } catch (const InputError& e) {
      // A value refused names its finding; input that is not a JSON object is Malformed.
      EXPECT_EQ(e.kind() == InputError::Kind::Malformed, !row.input_error) << row.json << ": " << e.what();
    }
    EXPECT_EQ(c.number(fx.flag), 1) << row.json << ": partly applied";
    EXPECT_EQ(c.state(fx.age), FindingState::not_asked) << row.json;
  }
}


// Case::set_text reads values as a person types them, with the JSON path's meaning.
TEST(CaseText, ReadsTypedValues) {
  Fixture fx;
  struct Row {
    const char* finding;
    const char* text;
    FindingState state;
    double value;
  };
  const Row rows[] = {
      {"fever", "yes", FindingState::given, 1},          {"fever", "N", FindingState::given, 0},
      {"fever", "?", FindingState::unknown, 0},          {"fever", "unknown", FindingState::unknown, 0},
      {"peak", "late", FindingState::given, 1},          {"age", "54", FindingState::given, 54},
      {"age", "54 years", FindingState::given, 54},      {"pain_score", " 3.5 ", FindingState::given, 3.5},
      {"symptom_duration", "6 wks", FindingState::given, 42},
      {"symptom_duration", "6 weeks", FindingState::given, 42},
      {"symptom_duration", "36 hrs", FindingState::given, 1.5},
      {"symptom_duration", "2 mo", FindingState::given, 60.875},
  };
  for (const auto& row : rows) {
    Case c(fx.rs);
    c.set_text(row.finding, row.text);
    const auto slot = fx.rs->finding_slot(row.finding);
    EXPECT_EQ(c.state(slot), row.state) << row.finding << " = " << row.text;
    if (row.state == FindingState::given) {
      EXPECT_DOUBLE_EQ(c.number(slot), row.value) << row.text;
    }
  }
}

TEST(CaseText, RefusesWhatJsonRefusesAndAllOrNothing) {
  Fixture fx;
  const std::pair<const char*, Kind> refused[] = {
      {"fever", Kind::WrongType},     // "3"
      {"age", Kind::OutOfRange},      // "200"
      {"age", Kind::WrongType},       // "54 months"
      {"symptom_duration", Kind::WrongType},  // "3": a bare number needs its unit when typed
  };
  const char* texts[] = {"3", "200", "54 months", "3"};
  for (std::size_t i = 0; i < std::size(texts); ++i) {
    Case c(fx.rs);
    const Case::TextValue values[] = {{"pain_score", "4"}, {refused[i].first, texts[i]}};
    try {
      c.set_text(values);
      ADD_FAILURE() << refused[i].first << " = " << texts[i] << " was accepted";
    } catch (const InputError& e) {
      EXPECT_EQ(e.kind(), refused[i].second) << e.what();
    }
    EXPECT_EQ(c.state(fx.score), FindingState::not_asked) << "partly applied";
  }
}

// A huge value in a message would be copied into every log line that reports it.
TEST(CaseJson, AHugeBadValueIsNotEchoedWhole) {
  Fixture fx;
  Case c(fx.rs);
  const std::string huge(fx.rs->limits().max_case_bytes - 20, 'x');
  try {
    c.set_json(R"({"peak": ")" + huge + R"("})");
    ADD_FAILURE() << "accepted";
  } catch (const InputError& e) {
    EXPECT_EQ(e.kind(), Kind::OutOfDomain);
    EXPECT_LT(std::string(e.what()).size(), 300u) << std::string(e.what()).substr(0, 300);
  }
  try {
    c.set_json(R"({")" + huge + R"(": true})");
    ADD_FAILURE() << "accepted";
  } catch (const InputError& e) {
    EXPECT_EQ(e.kind(), Kind::UnknownFinding);
    EXPECT_LT(std::string(e.what()).size(), 300u);
  }
}

// The rule set's limits say how much JSON one case may be; a byte more is refused unread.
TEST(CaseJson, MoreThanTheRuleSetsLimitIsTooLarge) {
  Fixture fx;
  Limits limits;
  limits.max_case_bytes = 40;
  const RulesetPtr rs = internal::RulesetAccess::make(compile::compile(fx.b.model_copy(), "0"), limits);
  Case c(rs);
  const std::string fits = R"({"fever": true, "pain_score": 7.25     })";
  ASSERT_EQ(fits.size(), 40u);
  c.set_json(fits);
  EXPECT_EQ(c.state(fx.flag), FindingState::given);
  c.clear();
  try {
    c.set_json(fits + " ");
    ADD_FAILURE() << "41 bytes were accepted";
  } catch (const InputError& e) {
    EXPECT_EQ(e.kind(), Kind::TooLarge);
    EXPECT_STREQ(e.what(), "the case is larger than 40 bytes of JSON, the most a case may be (the limit max_case_bytes)");
  }
  EXPECT_EQ(c.state(fx.flag), FindingState::not_asked);
}


// The evaluator reads only the blocks of 64 findings that a case marks as touched (cost that
// follows the findings given), so every way of setting a finding must mark its block (a small
// case may mark more), and clear() must leave none marked and every finding not asked.
TEST(Case, EverySetterMarksTheBlockItWrites) {
  ModelBuilder b;
  std::vector<std::uint32_t> flags;
  for (int i = 0; i < 200; ++i) flags.push_back(b.boolean("f" + std::to_string(i)));
  const std::uint32_t peak = b.enumeration("peak", {"early", "late"});
  const std::uint32_t age = b.number("age", 0, 120, true, "years");
  const std::uint32_t duration = b.duration("symptom_duration");
  const RulesetPtr rs = b.ruleset();
  ASSERT_GE(peak / 64, 3u);
  struct Row {
    const char* what;
    std::uint32_t slot;
    std::function<void(Case&)> set;
  };
  const std::uint32_t some_flag[] = {flags[65]};
  const int yes[] = {1};
  const std::uint32_t ages[] = {age};
  const double fifty[] = {50};
  const Row rows[] = {
      {"set_bool", flags[70], [&](Case& c) { c.set_bool(flags[70], true); }},
      {"set_bool by name", flags[130], [&](Case& c) { c.set_bool("f130", false); }},
      {"set_number", age, [&](Case& c) { c.set_number(age, 40); }},
      {"set_enum", peak, [&](Case& c) { c.set_enum(peak, 1u); }},
      {"set_enum by name", peak, [&](Case& c) { c.set_enum("peak", "late"); }},
      {"set_duration", duration, [&](Case& c) { c.set_duration(duration, 3, DurationUnit::weeks); }},
      {"set_unknown", flags[199], [&](Case& c) { c.set_unknown(flags[199]); }},
      {"set_bools", flags[65], [&](Case& c) { c.set_bools(some_flag, yes); }},
      {"set_numbers", age, [&](Case& c) { c.set_numbers(ages, fifty); }},
      {"set_json", flags[150], [&](Case& c) { c.set_json(R"({"f150": true})"); }},
      {"set_text", flags[190], [&](Case& c) { c.set_text("f190", "yes"); }},
  };
  for (const Row& row : rows) {
    Case c(rs);
    row.set(c);
    const std::vector<std::uint64_t>& touched = internal::CaseAccess::touched(c);
    ASSERT_EQ(touched.size(), 1u);
    EXPECT_TRUE((touched[0] >> (row.slot / 64)) & 1) << row.what;  // more may be marked, never fewer
    EXPECT_NE(c.state(row.slot), FindingState::not_asked) << row.what;
    c.clear();
    EXPECT_EQ(touched[0], 0u) << row.what;
    EXPECT_EQ(c.state(row.slot), FindingState::not_asked) << row.what;
    EXPECT_EQ(c.number(row.slot), 0.0) << row.what;
  }
}

}  // namespace
}  // namespace ardent::test
