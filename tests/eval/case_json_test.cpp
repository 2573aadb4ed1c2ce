// Reading a case's JSON through simdjson agrees with reading it through nlohmann's SAX parser
// (the reader before it, kept to word syntax errors): the same values for every case, the same
// refusal -- kind, finding and message -- for every bad one, over the conformance cases and
// thousands of damaged copies of them.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <random>
#include <string>
#include <variant>
#include <vector>

#include "ardent/ardent.hpp"
#include "compile/program.hpp"
#include "compile/ruleset_access.hpp"
#include "eval/case_json.hpp"
#include "support/golden_cases.hpp"

namespace ardent::test {
namespace {

using Reader = void (*)(const Program&, std::string_view, eval::CaseStaging&);

// What reading gives: the staged values (bit for bit: -0 is not 0), or the refusal.
struct Outcome {
  std::vector<std::uint8_t> state;
  std::vector<std::uint64_t> value_bits;
  std::string refusal;  // "kind|finding|message", empty when read
  bool operator==(const Outcome&) const = default;
};

Outcome read_with(Reader read, const Ruleset& rs, std::string_view text) {
  const Program& p = internal::program_of(rs);
  std::vector<std::uint8_t> state(p.findings.size(), 0);
  std::vector<double> value(p.findings.size(), 0.0);
  Outcome o;
  eval::CaseStaging staging;
  try {
    read(p, text, staging);
  } catch (const InputError& e) {
    o.refusal = std::to_string(static_cast<int>(e.kind())) + "|" + e.finding() + "|" + e.what();
    return o;
  }
  for (const auto& v : staging.values()) {
    state[v.slot] = v.state;
    value[v.slot] = v.value;
  }
  o.state = state;
  o.value_bits.resize(value.size());
  std::memcpy(o.value_bits.data(), value.data(), value.size() * sizeof(double));
  return o;
}

void expect_same(const Ruleset& rs, std::string_view text) {
  const Outcome simd = read_with(&eval::read_case_json, rs, text);
  const Outcome sax = read_with(&eval::read_case_json_sax, rs, text);
  EXPECT_EQ(simd.refusal, sax.refusal) << text;
  EXPECT_TRUE(simd == sax) << "values differ for " << text;
}

TEST(CaseJson, EveryConformanceCaseReadsAsBefore) {
  const auto cases = golden_cases();
  ASSERT_GT(cases.size(), 50u);
  for (const auto& g : cases) expect_same(*g.ruleset, g.findings);
}

// Texts at the edges of JSON and of what a case accepts, in a rule set with every finding type.
TEST(CaseJson, EdgesReadAsBefore) {
  const auto cases = golden_cases();
  // The rule set with the most findings: rules/hip, with every type of finding.
  const auto widest = std::max_element(cases.begin(), cases.end(), [](const auto& a, const auto& b) {
    return a.ruleset->findings().size() < b.ruleset->findings().size();
  });
  const Ruleset& rs = *widest->ruleset;
  const auto findings = rs.findings();
  std::vector<std::string> texts = {
      "", " ", "{}", " {} ", "{}\n", "[]", "1", "\"x\"", "null", "true", "{} {}", "{}x", "{", "}",
      "{\"\":1}", "{\"a\"}", "{\"a\":}", "{,}", "{\"a\":1,}", "\xef\xbb\xbf{}", "{\"\\ud800\":1}",
      "{\"\\u0000\":1}", "[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]", "{\"x\":\"\xff\"}", "\xc3",
      "{\"x\":1}\n\n{", "{\r\n\"x\"\t:\n1}", "{/*c*/}", "{'x':1}",
  };
  for (const auto& f : findings) {
    const std::string k = "\"" + f.name + "\"";
    for (const std::string v :
         {"true", "false", "null", "0", "-0", "-0.0", "1", "1.5", "-3", "1e309", "-1e309", "1e-400", "9007199254740993",
          "18446744073709551615", "18446744073709551616", "123456789012345678901234567890", "01", "1.", ".5", "+1",
          "\"\"", "\"yes\"", "\"6 weeks\"", "\"3 days\"", "\"x\\u00e9\"", "[]", "[1]", "{}", "{\"a\":1}", "tru",
          "nul", "\"\\q\"", "\"\t\""}) {
      texts.push_back("{" + k + ":" + v + "}");
      texts.push_back("{" + k + ":" + v + "," + k + ":true}");
    }
    for (const auto& value : f.values) texts.push_back("{" + k + ":\"" + value + "\"}");
  }
  texts.push_back("{\"" + findings.front().name + "\":true,\"no_such_finding\":1}");
  texts.push_back("{\"" + findings.front().name + "e\":true}");
  for (const auto& text : texts) expect_same(rs, text);
}

// Damaged copies of real cases: bytes dropped, replaced or inserted, texts cut short.
TEST(CaseJson, DamagedCasesAreRefusedAsBefore) {
  std::mt19937 random(14);
  const std::string alphabet = "{}[],:\"\\ \n0123456789eE.-+truefalsnl\xff\xc3\xa9";
  std::size_t compared = 0;
  for (const auto& g : golden_cases()) {
    if (g.findings.size() < 3) continue;
    for (int round = 0; round < 40; ++round) {
      std::string text = g.findings;
      std::uniform_int_distribution<std::size_t> at(0, text.size() - 1);
      const char ch = alphabet[random() % alphabet.size()];
      switch (round % 4) {
        case 0: text.erase(at(random), 1); break;
        case 1: text[at(random)] = ch; break;
        case 2: text.insert(at(random), 1, ch); break;
        case 3: text.resize(at(random)); break;
      }
      expect_same(*g.ruleset, text);
      ++compared;
    }
  }
  EXPECT_GT(compared, 2000u);
}

}  // namespace
}  // namespace ardent::test
