// The CDS Hooks cards' layout: written straight to text, they read as nlohmann's dump of the
// same document, in one line and indented, with every text escaped as nlohmann escapes it.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>

#include "ardent/ardent.hpp"
#include "support/golden_cases.hpp"
#include "support/model_builder.hpp"

namespace ardent::test {
namespace {

using ordered = nlohmann::ordered_json;

// A card's uuid is new in every rendering: the layouts are compared without them.
ordered without_uuids(ordered doc) {
  for (auto& card : doc.at("cards")) card.erase("uuid");
  return doc;
}

// Each layout is its own document as nlohmann lays it out, and every layout holds the same cards.
void expect_laid_out_as_nlohmann(const Case& c, const Result& r, const std::string& name, const std::string& url = "") {
  const ordered one_line = ordered::parse(format_cds_cards(c, r, CdsOptions{.indent = -1, .source_url = url}));
  for (int indent : {-1, 0, 2, 4}) {
    const std::string text = format_cds_cards(c, r, CdsOptions{.indent = indent, .source_url = url});
    const ordered doc = ordered::parse(text);
    EXPECT_EQ(text, doc.dump(indent)) << name << ", indent " << indent;
    EXPECT_EQ(without_uuids(doc), without_uuids(one_line)) << name << ", indent " << indent;
  }
}

TEST(CdsLayout, EveryConformanceResultIsLaidOutAsNlohmannDoes) {
  const std::size_t rendered = for_each_golden_result(
      [](const Case& c, const Result& r, const std::string& name) { expect_laid_out_as_nlohmann(c, r, name); });
  EXPECT_GT(rendered, 50u);
}

// Texts of every kind of card, each with what JSON must escape or repair: quotes, backslashes,
// new lines, control characters, and a byte that is no UTF-8 (replaced by U+FFFD).
TEST(CdsLayout, EscapedTextsAreWrittenAsNlohmannEscapesThem) {
  struct Texts {
    std::string name, finding, redflag, advice, condition;
  };
  const Texts table[] = {
      {"quotes and backslashes", "Pain \"sharp\" \\ dull", "Red \"flag\" \\", "Go \"now\" \\ please",
       "Cond \"quoted\" \\"},
      {"new lines and tabs", "Pain\nat night", "Red\tflag\n", "Line one\nline two\t", "Cond\r\nlabel"},
      {"control characters", "Pain \x01 \x1f", "Red \x7f flag", "Advice \x02", "Cond \x1b[0m"},
      {"multibyte and invalid UTF-8", "Fièvre ≥ 38 °C", "Red \xff flag", "Advice \xc3 cut", "Cond «é» \xe2\x82"},
  };
  for (const auto& t : table) {
    ModelBuilder b;
    auto x = b.boolean("x", t.finding);
    auto y = b.boolean("y", t.finding + " too");
    auto suggested = b.condition("suggested", t.condition, {t.advice, t.advice + " again"});
    auto excluded = b.condition("excluded", t.condition + " out");
    auto considered = b.condition("considered", t.condition + " maybe");
    b.redflag("flag", B(x)).label(t.redflag).advice(t.advice).triage(Triage::urgent);
    b.rule("r", And({B(x), Not(B(y))})).suggest(suggested).exclude(excluded).consider(considered).advise(t.advice);
    auto rs = b.ruleset();
    Case c(rs);
    expect_laid_out_as_nlohmann(c, evaluate(c), t.name + ", nothing given", "https://example.org/\"cds\"\n");
    c.set_bool(x, true);
    c.set_bool(y, false);
    expect_laid_out_as_nlohmann(c, evaluate(c), t.name + ", x given", "https://example.org/\"cds\"\n");
  }
}

}  // namespace
}  // namespace ardent::test
