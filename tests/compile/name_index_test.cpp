// NameIndex: every name found at its index, every other text not found, whatever the lengths.
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <string>
#include <vector>

#include "compile/name_index.hpp"

namespace ardent::test {
namespace {

using prog::NameIndex;

NameIndex index_of(const std::vector<std::string>& names) {
  std::vector<std::string_view> views(names.begin(), names.end());
  NameIndex index;
  index.build(views);
  return index;
}

TEST(NameIndex, FindsEachNameAtItsIndexAndNothingElse) {
  const std::vector<std::string> names = {"pain_site", "age", "a", "fever", "pain", "pain_sit", "zz", "ab", "b"};
  const NameIndex index = index_of(names);
  for (std::uint32_t i = 0; i < names.size(); ++i) EXPECT_EQ(index.find(names[i]), i) << names[i];
  for (const char* absent :
       {"", "c", "aa", "pain_sitf", "pain_site_", "Fever", "feve", "zzz", "a long name past every other"})
    EXPECT_EQ(index.find(absent), NameIndex::kNone) << absent;
}

TEST(NameIndex, TheFirstOfTwoEqualNamesWins) {
  const NameIndex index = index_of({"x", "y", "x"});
  EXPECT_EQ(index.find("x"), 0u);
  EXPECT_EQ(index.find("y"), 1u);
}

TEST(NameIndex, EmptyFindsNothing) {
  const NameIndex built = index_of({});
  EXPECT_EQ(built.find("a"), NameIndex::kNone);
  EXPECT_EQ(built.find(""), NameIndex::kNone);
  const NameIndex never_built;
  EXPECT_EQ(never_built.find("a"), NameIndex::kNone);
}

// Against std::map on thousands of random names over a small alphabet, so that many share a
// length and a prefix.
TEST(NameIndex, AgreesWithAMapOnRandomNames) {
  std::mt19937 rng(7);
  auto random_name = [&] {
    std::string s(1 + rng() % 12, 'a');
    for (char& ch : s) ch = static_cast<char>('a' + rng() % 3);
    return s;
  };
  std::vector<std::string> names;
  std::map<std::string, std::uint32_t> reference;
  for (std::uint32_t i = 0; i < 5000; ++i) {
    names.push_back(random_name());
    reference.emplace(names.back(), i);  // the first of equal names
  }
  const NameIndex index = index_of(names);
  for (const auto& [name, i] : reference) EXPECT_EQ(index.find(name), i) << name;
  for (int k = 0; k < 5000; ++k) {
    const std::string probe = random_name() + (k % 2 ? "" : "b");
    const auto it = reference.find(probe);
    EXPECT_EQ(index.find(probe), it == reference.end() ? NameIndex::kNone : it->second) << probe;
  }
}

}  // namespace
}  // namespace ardent::test
