// The JSON result's layout: indentation and max_ask are applied while writing, and give the
// document that laying out (nlohmann's dump) and cutting the whole result would give.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "ardent/ardent.hpp"
#include "support/golden_cases.hpp"
#include "support/model_builder.hpp"

namespace ardent::test {
namespace {

using ordered = nlohmann::ordered_json;

// Every layout of one result: one line, and indented by 0, 2 and 4 spaces.
void expect_laid_out_as_nlohmann(const Case& c, const Result& r, const std::string& name) {
  const std::string compact = format_json(c, r);
  const ordered doc = ordered::parse(compact);
  EXPECT_EQ(compact, doc.dump()) << name;
  for (int indent : {0, 2, 4}) EXPECT_EQ(format_json(c, r, indent), doc.dump(indent)) << name << ", indent " << indent;
}

TEST(JsonLayout, EveryConformanceResultIsLaidOutAsBefore) {
  const std::size_t rendered = for_each_golden_result(
      [](const Case& c, const Result& r, const std::string& name) { expect_laid_out_as_nlohmann(c, r, name); });
  EXPECT_GT(rendered, 50u);
}

TEST(JsonLayout, EscapedTextsAndEmptyListsKeepTheirLayout) {
  ModelBuilder b;
  auto x = b.boolean("x", "Pain \"sharp\" [a, b] {c: d}\nand \\ odd \x01");
  auto c0 = b.condition("c0", "Label with \"quotes\", [brackets]: {braces}", {"Line one\nline two\t\u00e9 \\\""});
  b.rule("r", B(x)).suggest(c0).advise("Say \"hi\", {x}: [y]");
  auto rs = b.ruleset();
  Case c(rs);
  expect_laid_out_as_nlohmann(c, evaluate(c), "nothing given");
  c.set_bool(x, true);
  expect_laid_out_as_nlohmann(c, evaluate(c), "x given");
}

// max_ask = k lists the first k questions of the whole list, and changes nothing else.
TEST(JsonLayout, MaxAskCutsOnlyTheQuestions) {
  std::size_t cut = 0;
  for_each_golden_result([&](const Case& c, const Result& r, const std::string& name) {
    const ordered whole = ordered::parse(format_json(c, r));
    for (std::size_t k : {1, 2, 5}) {
      ordered expected = whole;
      auto& asks = expected["ask_next"];
      if (asks.size() > k) {
        asks.erase(asks.begin() + static_cast<std::ptrdiff_t>(k), asks.end());
        ++cut;
      }
      EXPECT_EQ(format_json(c, r, -1, k), expected.dump()) << name << ", max_ask " << k;
      EXPECT_EQ(format_json(c, r, 2, k), expected.dump(2)) << name << ", max_ask " << k;
    }
  });
  EXPECT_GT(cut, 10u);
}

}  // namespace
}  // namespace ardent::test
