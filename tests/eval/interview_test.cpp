// The interview (docs/interview.md): what is asked, in what order, for what reason, and when
// it is complete. Each row is a small rule set written for one behaviour, a case, and the
// questions expected, in order. Every row also runs with the general walk that large rule
// sets use.
#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

#include "ardent/case.hpp"
#include "ardent/result.hpp"
#include "ardent/ruleset.hpp"
#include "compile/compile.hpp"
#include "compile/ruleset_access.hpp"

namespace ardent::test {
namespace {

struct Row {
  const char* name;
  const char* rules;                 // everything after the header
  const char* given;                 // the case, as a JSON object
  std::vector<std::string> expect;   // "finding reason", best first
  bool complete;
  const char* triage;
};

void PrintTo(const Row& row, std::ostream* os) { *os << row.name; }

constexpr const char* kHeader = "ruleset interview version \"1.0.0\"\n  default triage routine\n";

const Row kRows[] = {
    {"the screen comes first, in declared order, skipping what is answered",
     R"(finding a: bool
finding s1: bool
finding s2: bool
finding s3: bool
screen "Red flags"
  ask s3, s1, s2
redflag r1: s1 -> triage emergency
redflag r2: s2 -> triage emergency
redflag r3: s3 -> triage emergency
redflag ra: a and s1 -> triage urgent)",
     R"({"a": true, "s1": null})", {"s3 screen", "s2 screen"}, false, "routine"},

    {"a started emergency is completed before the rest of the screen; other alarms wait for it",
     R"(finding a: bool
finding b: bool
finding c: bool
finding s: bool
screen
  ask s
redflag danger: s -> triage emergency
rule escalation: a and b -> triage emergency
redflag flag: a and c -> triage urgent)",
     R"({"a": true})", {"b raises_triage", "s screen", "c red_flag"}, false, "routine"},

    {"a plain rule that sets emergency ranks as a red flag of that level",
     R"(finding a: bool
finding b: bool
finding c: bool
redflag flag: a and b -> triage urgent
rule escalation: a and c -> triage emergency)",
     R"({"a": true})", {"c raises_triage", "b red_flag"}, false, "routine"},

    {"among alarms of one level, the closest to firing first; one part of a conjunction at a time",
     R"(finding a: bool
finding b: bool
finding c: bool
finding d: bool
rule far: a and b and c -> triage urgent
rule near: a and d -> triage urgent)",
     R"({"a": true})", {"d raises_triage", "b raises_triage"}, false, "routine"},

    {"a rule with no true part asks nothing",
     R"(finding a: bool
finding b: bool
redflag flag: a and b -> triage emergency)",
     R"({})", {}, true, "routine"},

    {"an absence is not a true part",
     R"(finding a: bool
finding b: bool
redflag flag: not a and b -> triage emergency)",
     R"({"a": false})", {}, true, "routine"},

    {"a rule more than two answers away asks nothing",
     R"(finding a: bool
finding b: bool
finding c: bool
finding d: bool
redflag flag: a and b and c and d -> triage emergency)",
     R"({"a": true})", {}, true, "routine"},

    {"below an or, only the branch with a true part is completed",
     R"(finding a: bool
finding b: bool
finding c: bool
finding d: bool
redflag flag: (a and b) or (c and d) -> triage emergency)",
     R"({"a": true})", {"b red_flag"}, false, "routine"},

    {"a finding given as unknown is never asked again",
     R"(finding a: bool
finding b: bool
finding c: bool
redflag flag: a and (b or c) -> triage emergency)",
     R"({"a": true, "b": null})", {"c red_flag"}, false, "routine"},

    {"when everything that could decide a rule is unknown, the interview is complete",
     R"(finding a: bool
finding b: bool
finding c: bool
redflag flag: a and (b or c) -> triage emergency)",
     R"({"a": true, "b": null, "c": null})", {}, true, "routine"},

    {"a started part that needs an answer given as unknown asks nothing, and other parts are not fished",
     R"(finding a: bool
finding b: bool
finding c: bool
finding d: bool
finding e: bool
redflag flag: (a and b and c) or (d and e) -> triage emergency)",
     R"({"a": true, "b": null})", {}, true, "routine"},

    {"below a negation an unknown answer does not close the part: the other finding may still decide it",
     R"(finding a: bool
finding b: bool
finding c: bool
rule benign: a and not (b and c) -> triage self_care)",
     R"({"a": true, "b": null})", {"c lowers_triage"}, false, "routine"},

    {"what would change the leading condition comes before the answer that would conclude self-care",
     R"(finding a: bool
finding b: bool
finding c: bool
condition x
condition y
rule start: a -> consider x
rule benign: a and b -> triage self_care
rule other: a and c -> suggest y)",
     R"({"a": true})", {"c decides_condition", "b lowers_triage"}, false, "routine"},

    {"a self-care rule that could lower the triage keeps the interview open",
     R"(finding a: bool
finding b: bool
rule benign: a and b -> triage self_care)",
     R"({"a": true})", {"b lowers_triage"}, false, "routine"},

    {"self-care once nothing is left to ask",
     R"(finding a: bool
finding b: bool
rule benign: a and b -> triage self_care)",
     R"({"a": true, "b": true})", {}, true, "self_care"},

    {"a self-care rule that does not wait for the screen concludes self-care; the screen is still asked",
     R"(finding a: bool
finding s: bool
screen
  ask s
redflag danger: s -> triage emergency
rule benign: a -> triage self_care)",
     R"({"a": true})", {"s screen"}, false, "self_care"},

    {"a self-care rule that waits for the screen concludes nothing before it",
     R"(finding a: bool
finding s: bool
screen
  ask s
redflag danger: s -> triage emergency
rule benign: a and s is known -> triage self_care)",
     R"({"a": true})", {"s screen"}, false, "routine"},

    {"before the answer that concludes self-care, what would forbid it is asked",
     R"(finding a: bool
finding b: bool
finding c: bool
rule benign: a and b -> triage self_care
rule amber: a and c -> triage routine)",
     R"({"a": true})", {"c raises_triage", "b lowers_triage"}, false, "routine"},

    {"of the rules that would forbid self-care, the one closest to firing is asked first",
     R"(finding a: bool
finding b: bool
finding c: bool
finding d: bool
finding e: bool
finding f: bool
finding g: bool
rule benign: a and b -> triage self_care
rule amber_far: a and b and (c or d) -> triage routine
rule amber_near: a and (e or f or g) -> triage routine)",
     R"({"a": true})",
     {"e raises_triage", "f raises_triage", "g raises_triage", "c raises_triage", "d raises_triage", "b lowers_triage"},
     false, "routine"},

    {"a finding two parts share counts once in the distance to firing",
     R"(finding a: bool
finding b: bool
finding c: bool
finding d: bool
rule benign: a and (b or c) and at least 2 of (b, c, d) -> triage self_care)",
     R"({"a": true})", {"b lowers_triage", "c lowers_triage"}, false, "routine"},

    {"a self-care rule cannot lower a triage another rule set",
     R"(finding a: bool
finding b: bool
finding c: bool
rule amber: c -> triage routine
rule benign: a and b -> triage self_care)",
     R"({"a": true, "c": true})", {}, true, "routine"},

    {"once self-care is concluded, what could raise it is asked",
     R"(finding a: bool
finding b: bool
rule benign: a -> triage self_care
rule amber: a and b -> triage routine)",
     R"({"a": true})", {"b raises_triage"}, false, "self_care"},

    {"a rule that could change the leading condition is followed",
     R"(finding a: bool
finding b: bool
condition x
rule x_rule: a and b -> suggest x)",
     R"({"a": true})", {"b decides_condition"}, false, "routine"},

    {"a rule that could not change the leading condition asks nothing",
     R"(finding a: bool
finding b: bool
condition x
condition y
rule lead priority 2: a -> suggest x
rule other: a and b -> consider y)",
     R"({"a": true})", {}, true, "routine"},

    {"a rule already at the current triage asks nothing",
     R"(finding a: bool
finding b: bool
rule urgent_now: a -> triage urgent
rule also_urgent: a and b -> triage urgent)",
     R"({"a": true})", {}, true, "urgent"},

    {"a red flag is completed even at a triage already reached",
     R"(finding a: bool
finding b: bool
rule urgent_now: a -> triage urgent
redflag flag: a and b -> triage urgent)",
     R"({"a": true})", {"b red_flag"}, false, "urgent"},

    {"at emergency another emergency one answer away is asked, red flag or plain rule alike",
     R"(finding a: bool
finding b: bool
finding c: bool
finding d: bool
finding e: bool
finding f: bool
finding g: bool
condition x
rule now: a -> triage emergency
redflag flag: a and b -> triage urgent
redflag other: a and c -> triage emergency
rule cause: a and e -> triage emergency
rule far: a and f and g -> triage emergency
rule diagnosis: a and d -> suggest x)",
     R"({"a": true})", {"c red_flag", "e raises_triage"}, false, "emergency"},

    {"at emergency the rest of the screen comes before another emergency",
     R"(finding a: bool
finding c: bool
finding s: bool
screen
  ask s
rule now: a -> triage emergency
redflag danger: s -> triage emergency
rule cause: a and c -> triage emergency)",
     R"({"a": true})", {"s screen", "c raises_triage"}, false, "emergency"},

    {"an emergency the self-care answer would start is asked before that answer",
     R"(finding pattern: bool
finding site: bool
finding x: bool
finding y: bool
rule benign: pattern and site -> triage self_care
rule danger: site and x and y -> triage emergency)",
     R"({"pattern": true})", {"x raises_triage", "y raises_triage", "site lowers_triage"}, false, "routine"},

    {"an urgent rule the self-care answer would start waits for that answer",
     R"(finding pattern: bool
finding site: bool
finding x: bool
finding y: bool
rule benign: pattern and site -> triage self_care
rule danger: site and x and y -> triage urgent)",
     R"({"pattern": true})", {"site lowers_triage"}, false, "routine"},

    {"an emergency that rests on a question not yet asked asks it first, before the screen",
     R"(finding both_legs: bool
finding course: one of {new, long_standing}
finding s: bool
screen
  ask s
redflag ces: both_legs and (course is new or course is unknown) -> triage emergency)",
     R"({"both_legs": true})", {"course red_flag", "s screen"}, false, "emergency"},

    {"answering the settling question can take the emergency back",
     R"(finding both_legs: bool
finding course: one of {new, long_standing}
redflag ces: both_legs and (course is new or course is unknown) -> triage emergency)",
     R"({"both_legs": true, "course": "long_standing"})", {}, true, "routine"},

    {"a finding that settles only one of two emergencies is not asked",
     R"(finding a: bool
finding b: bool
finding course: one of {new, long_standing}
redflag ces: a and course is unknown -> triage emergency
redflag other: b -> triage emergency)",
     R"({"a": true, "b": true})", {}, true, "emergency"},

    {"below emergency a rule resting on an unasked question is not settled",
     R"(finding a: bool
finding course: one of {new, long_standing}
redflag flag: a and course is unknown -> triage urgent)",
     R"({"a": true})", {}, true, "urgent"},

    {"an `ask` of a fired rule is asked after the alarms",
     R"(finding a: bool
finding b: bool
finding wanted: bool
rule wants: a -> ask wanted
redflag flag: a and b -> triage urgent)",
     R"({"a": true})", {"b red_flag", "wanted requested"}, false, "routine"},
};

class Interview : public ::testing::TestWithParam<std::tuple<Row, bool>> {
 protected:
  // With the second parameter true the program is compiled without bit sets, forcing the walk.
  RulesetPtr build(const Row& row) const {
    CompileOutput out = compile_source(std::string(kHeader) + row.rules, "interview.ard");
    if (!out.ok()) {
      std::string all;
      for (const auto& d : out.diagnostics) all += d.message + "\n";
      ADD_FAILURE() << all;
      return nullptr;
    }
    if (!std::get<1>(GetParam())) return out.ruleset;
    const Program& p = internal::program_of(*out.ruleset);
    return internal::RulesetAccess::make(compile::compile(p.model, p.hash, 0));
  }
};

TEST_P(Interview, AsksInOrderAndStopsWhenNothingIsLeft) {
  const Row& row = std::get<0>(GetParam());
  RulesetPtr rs = build(row);
  ASSERT_TRUE(rs);
  Case c(rs);
  c.set_json(row.given);
  const Result r = evaluate(c);
  std::vector<std::string> got;
  for (const AskItem& a : r.ask_next())
    got.push_back(rs->findings()[a.finding].name + " " + std::string(to_string(a.reason)));
  EXPECT_EQ(got, row.expect);
  EXPECT_EQ(r.complete(), row.complete);
  EXPECT_EQ(r.provisional(), !row.complete);
  EXPECT_EQ(to_string(r.triage()), row.triage);
}

std::string row_name(const ::testing::TestParamInfo<std::tuple<Row, bool>>& info) {
  std::string name = std::to_string(info.index) + (std::get<1>(info.param) ? "_walk_" : "_bits_");
  for (const char* p = std::get<0>(info.param).name; *p; ++p)
    name += std::isalnum(static_cast<unsigned char>(*p)) ? *p : '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Rows, Interview, ::testing::Combine(::testing::ValuesIn(kRows), ::testing::Bool()), row_name);

// How `complete` moves through one interview, answer by answer.
TEST(InterviewSteps, CompleteFlipsWhenTheLastOpenQuestionIsAnswered) {
  CompileOutput out = compile_source(std::string(kHeader) + R"(finding a: bool
finding b: bool
finding s: bool
screen
  ask s
redflag danger: s -> triage emergency
rule benign: a and b -> triage self_care)");
  ASSERT_TRUE(out.ok());
  Case c(out.ruleset);
  c.set_json(R"({"a": true})");
  Result r = evaluate(c);
  EXPECT_FALSE(r.complete());
  EXPECT_EQ(r.ask_next().size(), 2u);  // the screen, then the self-care rule
  c.set_unknown("s");                   // an unknown answer counts as answered
  evaluate(c, r);
  EXPECT_FALSE(r.complete());
  EXPECT_EQ(r.triage(), Triage::routine);
  c.set_json(R"({"b": true})");
  evaluate(c, r);
  EXPECT_TRUE(r.complete());
  EXPECT_TRUE(r.ask_next().empty());
  EXPECT_EQ(r.triage(), Triage::self_care);
}

// A self-care rule's advice is self-care advice: shown only when the triage is self-care.
TEST(InterviewSteps, SelfCareAdviceOnlyWithASelfCareTriage) {
  CompileOutput out = compile_source(std::string(kHeader) + R"(finding a: bool
finding s: bool
finding hot: bool
screen
  ask s
redflag danger: s -> triage emergency
redflag infection: hot -> triage emergency, advise "Emergency department today."
rule benign: a and s is known -> triage self_care, advise "Rest and stretch gently.")");
  ASSERT_TRUE(out.ok());
  const Ruleset& rs = *out.ruleset;
  auto advice = [&](const Result& r) {
    std::vector<std::string> texts;
    for (std::uint32_t id : r.advice()) texts.push_back(rs.advice_text(id));
    return texts;
  };
  Case c(out.ruleset);
  c.set_json(R"({"a": true})");
  Result r = evaluate(c);
  EXPECT_EQ(r.triage(), Triage::routine);  // the rule waits for the screen
  EXPECT_TRUE(advice(r).empty());
  c.set_json(R"({"s": false})");
  evaluate(c, r);
  EXPECT_EQ(r.triage(), Triage::self_care);
  EXPECT_EQ(advice(r), (std::vector<std::string>{"Rest and stretch gently."}));
  c.set_json(R"({"hot": true})");
  evaluate(c, r);
  EXPECT_EQ(r.triage(), Triage::emergency);
  EXPECT_EQ(advice(r), (std::vector<std::string>{"Emergency department today."}));
}

TEST(InterviewSteps, EachUndecidedRuleSaysWhereItStands) {
  CompileOutput out = compile_source(std::string(kHeader) + R"(finding a: bool
finding b: bool
finding c: bool
finding d: bool
finding e: bool
finding f: bool
finding g: bool
condition x
redflag untouched: b and c -> triage emergency
redflag alarm: a and b -> triage emergency
rule far: a and b and c and d -> triage urgent
rule lead: a and e -> suggest x
rule same: a and e -> triage routine
redflag unknown_left: a and (c or d) -> triage urgent
redflag started_part_closed: (a and c and e) or (f and g) -> triage urgent)");
  ASSERT_TRUE(out.ok());
  Case c(out.ruleset);
  c.set_json(R"({"a": true, "c": null, "d": null})");
  const Result r = evaluate(c);
  std::vector<std::string> got;
  for (const UndecidedRule& u : r.undecided())
    got.push_back(out.ruleset->rules()[u.rule].name + " " + std::string(to_string(u.standing)));
  EXPECT_EQ(got, (std::vector<std::string>{"untouched no_true_part", "alarm raises", "far distant",
                                             "lead decides_condition", "same no_change", "unknown_left nothing_to_ask",
                                             "started_part_closed nothing_to_ask"}));
}

}  // namespace
}  // namespace ardent::test
