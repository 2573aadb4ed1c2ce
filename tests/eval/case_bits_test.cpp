// One case given as bit sets (evaluate_bits) against evaluate() on the same case: thousands of
// random cases on rule sets whose rows decide it (the conformance rule sets of plain logic, a
// generated one) and on those that go through the bit-sliced evaluator (rules/hip, the edge
// cases), the same triage and the same fired rules; and every refusal, worded as the setters'.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "ardent/sliced.hpp"
#include "bench/generated_ruleset.hpp"
#include "eval/pass_equivalence.hpp"

namespace ardent::test {
namespace {

namespace fs = std::filesystem;

// A case as CaseBits: its yes/no answers as bits (with stray yes bits where it did not answer,
// which must not count), its other given findings as values.
struct Bits {
  std::vector<std::uint64_t> given, yes;
  std::vector<std::uint32_t> slots;
  std::vector<double> values;
  CaseBits view() const { return {given, yes, slots, values}; }
};

Bits bits_of(const Case& c, std::mt19937& rng) {
  const auto findings = c.ruleset().findings();
  Bits b;
  b.given.assign((findings.size() + 63) / 64, 0);
  b.yes.assign(b.given.size(), 0);
  for (std::uint32_t i = 0; i < findings.size(); ++i) {
    const std::uint64_t bit = std::uint64_t{1} << (i % 64);
    const bool given = c.state(i) == FindingState::given;
    if (findings[i].type != FindingType::boolean) {
      if (given) {
        b.slots.push_back(i);
        b.values.push_back(c.number(i));
      }
    } else if (given && rng() % 4 == 0) {  // a yes/no answer may come as a value too
      b.slots.push_back(i);
      b.values.push_back(c.number(i) != 0 ? 1 : 0);
    } else {
      if (given) b.given[i / 64] |= bit;
      if ((given && c.number(i) != 0) || (!given && rng() % 3 == 0)) b.yes[i / 64] |= bit;
    }
  }
  return b;
}

void check_ruleset(const RulesetPtr& rs, int cases, double given_share, std::uint32_t seed, const std::string& name) {
  ASSERT_TRUE(rs) << name << " does not compile";
  std::mt19937 rng(seed);
  std::vector<std::uint64_t> fired(fired_words(*rs));
  for (int n = 0; n < cases; ++n) {
    const Case c = random_case(rs, rng, n % 11 == 0 ? 0.0 : given_share);
    Result want;  // the full pass: what the other passes are held to
    evaluate_with(c, want, internal::NodePass::full);
    const Bits b = bits_of(c, rng);
    const Triage got = evaluate_bits(*rs, b.view(), fired);
    const std::string where = name + " case " + std::to_string(n);
    ASSERT_EQ(got, want.triage()) << where;
    for (std::uint32_t r = 0; r < want.rule_states().size(); ++r)
      ASSERT_EQ((fired[r / 64] >> (r % 64)) & 1u, want.rule_state(r) == RuleState::fired ? 1u : 0u)
          << where << ", rule " << r;
  }
}

const prog::Rows& rows_of(const RulesetPtr& rs) { return internal::rule_rows(internal::program_of(*rs)); }

TEST(CaseBits, RowsGiveWhatEvaluateGives) {
  const fs::path dir = fs::path(ARDENT_SOURCE_DIR) / "tests" / "conformance" / "rules";
  std::uint32_t seed = 300;
  for (const char* file : {"logic.ard", "counting.ard", "enums.ard", "durations.ard", "outcomes.ard"}) {
    const RulesetPtr rs = compile_path(dir / file).ruleset;
    ASSERT_TRUE(rs) << file;
    ASSERT_TRUE(rows_of(rs).usable && rows_of(rs).cone.empty()) << file << " should be decided by its rows";
    check_ruleset(rs, 2000, 0.5, ++seed, file);
  }
  struct Shape {
    int findings, rules;
    std::uint32_t atom_words, conj_words;
  };
  for (const Shape& shape : {Shape{70, 35, 2, 2}, Shape{20, 40, 1, 2}}) {
    const RulesetPtr rs = compile_text(rows_ruleset(shape.findings, shape.rules)).ruleset;
    const std::string name = "rows " + std::to_string(shape.findings) + "x" + std::to_string(shape.rules);
    ASSERT_TRUE(rs) << name;
    ASSERT_TRUE(rows_of(rs).usable && rows_of(rs).cone.empty()) << name;
    ASSERT_EQ(rows_of(rs).atom_words, shape.atom_words) << name;
    ASSERT_EQ(rows_of(rs).conj_words, shape.conj_words) << name;
    check_ruleset(rs, 3000, 0.5, ++seed, name);
  }
}

TEST(CaseBits, SlicesGiveWhatEvaluateGives) {
  const RulesetPtr hip = compile_path(fs::path(ARDENT_SOURCE_DIR) / "rules" / "hip").ruleset;
  ASSERT_TRUE(hip);
  ASSERT_FALSE(rows_of(hip).usable);
  check_ruleset(hip, 1500, 0.3, 310, "rules/hip");
  const CompileOutput edges = compile_text(kEdges);
  ASSERT_TRUE(edges.ruleset);
  check_ruleset(edges.ruleset, 3000, 0.5, 311, "edges");
  check_ruleset(compile_text(bench::generated_ruleset(100)).ruleset, 500, 0.1, 312, "generated 100");
}

class CaseBitsRefusals : public ::testing::Test {
 protected:
  void SetUp() override {
    rs = compile_path(fs::path(ARDENT_SOURCE_DIR) / "tests" / "conformance" / "rules" / "mini_hip.ard").ruleset;
    ASSERT_TRUE(rs);
    const auto findings = rs->findings();
    for (std::uint32_t i = 0; i < findings.size(); ++i) {
      if (findings[i].type == FindingType::boolean && yes_no == kNone) yes_no = i;
      if (findings[i].type == FindingType::enumeration && choice == kNone) choice = i;
      if (findings[i].type == FindingType::number && number == kNone) number = i;
    }
    ASSERT_NE(yes_no, kNone);
    ASSERT_NE(choice, kNone);
    words = (findings.size() + 63) / 64;
    fired.assign(fired_words(*rs), 0);
  }
  // The refusal of `b`, as "kind: message".
  std::string refusal(const Bits& b) {
    try {
      (void)evaluate_bits(*rs, b.view(), fired);
    } catch (const InputError& e) {
      return std::to_string(static_cast<int>(e.kind())) + ": " + e.what();
    } catch (const std::invalid_argument& e) {
      return std::string("invalid: ") + e.what();
    }
    return "accepted";
  }
  Bits empty() const { return Bits{std::vector<std::uint64_t>(words, 0), std::vector<std::uint64_t>(words, 0), {}, {}}; }

  static constexpr std::uint32_t kNone = 0xffffffffu;
  RulesetPtr rs;
  std::uint32_t yes_no = kNone, choice = kNone, number = kNone;
  std::size_t words = 0;
  std::vector<std::uint64_t> fired;
};

TEST_F(CaseBitsRefusals, EachIsWordedAsTheSettersAre) {
  using K = InputError::Kind;
  auto kind = [](K k) { return std::to_string(static_cast<int>(k)) + ": "; };
  EXPECT_EQ(refusal(empty()), "accepted");

  Bits b = empty();
  b.given[choice / 64] |= std::uint64_t{1} << (choice % 64);
  EXPECT_EQ(refusal(b).rfind(kind(K::WrongType) + "given bit " + std::to_string(choice) + ": ", 0), 0u) << refusal(b);

  b = empty();
  b.given.push_back(1);  // a word past the findings
  EXPECT_EQ(refusal(b).rfind(kind(K::OutOfRange) + "given bit " + std::to_string(words * 64) + ": ", 0), 0u)
      << refusal(b);

  b = empty();  // as the single setter words it
  b.slots = {choice};
  b.values = {99};
  std::string setter = "accepted";
  try {
    Case(rs).set_enum(choice, 99);
  } catch (const InputError& e) {
    setter = kind(e.kind()) + "values[0]: " + e.what();
  }
  EXPECT_EQ(refusal(b), setter);
  b.values = {0.5};
  EXPECT_EQ(refusal(b).rfind(kind(K::OutOfDomain) + "values[0]: ", 0), 0u) << refusal(b);

  b = empty();
  b.slots = {yes_no};
  b.values = {std::numeric_limits<double>::quiet_NaN()};
  EXPECT_EQ(refusal(b).rfind(kind(K::WrongType) + "values[0]: ", 0), 0u) << refusal(b);

  b = empty();  // given twice: as a bit and as a value, or as two values
  b.given[yes_no / 64] |= std::uint64_t{1} << (yes_no % 64);
  b.slots = {yes_no};
  b.values = {1};
  EXPECT_EQ(refusal(b).rfind(kind(K::Duplicate) + "values[0]: ", 0), 0u) << refusal(b);
  b = empty();
  b.slots = {choice, choice};
  b.values = {0, 0};
  EXPECT_EQ(refusal(b).rfind(kind(K::Duplicate) + "values[1]: ", 0), 0u) << refusal(b);

  b = empty();
  b.slots = {static_cast<std::uint32_t>(rs->findings().size())};
  b.values = {0};
  EXPECT_EQ(refusal(b).rfind(kind(K::OutOfRange) + "values[0]: ", 0), 0u) << refusal(b);

  b = empty();
  b.slots = {choice};
  EXPECT_EQ(refusal(b).rfind("invalid: ", 0), 0u) << "more findings than values";
  b = empty();
  b.given.clear();
  EXPECT_EQ(refusal(b).rfind("invalid: ", 0), 0u) << "too few words";
  fired.clear();
  if (fired_words(*rs) > 0) {
    EXPECT_EQ(refusal(empty()).rfind("invalid: ", 0), 0u) << "no room for the fired rules";
  }
}

}  // namespace
}  // namespace ardent::test
