// The provenance hash (`ruleset.hash` in docs/result-schema.md): SHA-256 over the sources
// sorted by relative path, each as path, NUL, bytes, NUL.
#include <gtest/gtest.h>

#include "compile/compile.hpp"

namespace ardent::compile {
namespace {

TEST(Provenance, KnownDigests) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  // computed independently: printf 'a.ard\0x\0' | sha256sum
  EXPECT_EQ(provenance_hash({{"a.ard", "x"}}), "81881df4c7e0ca7639f3f6e0dad2b27c1b11829c805f554fc89ebd7dd17b34cf");
}

TEST(Provenance, OrderOfInputDoesNotMatter) {
  const std::string one = provenance_hash({{"b.ard", "B"}, {"a.ard", "A"}});
  const std::string two = provenance_hash({{"a.ard", "A"}, {"b.ard", "B"}});
  EXPECT_EQ(one, two);
  EXPECT_EQ(one, sha256_hex(std::string_view("a.ard\0A\0b.ard\0B\0", 16)));
  EXPECT_EQ(one.size(), 64u);
}

TEST(Provenance, PathsAndBoundariesMatter) {
  EXPECT_NE(provenance_hash({{"a.ard", "x"}}), provenance_hash({{"b.ard", "x"}}));
  EXPECT_NE(provenance_hash({{"a.ard", "xy"}}), provenance_hash({{"a.ard", "x"}, {"b", "y"}}));
  EXPECT_NE(provenance_hash({{"a.ard", "x"}}), provenance_hash({{"a.ard", "x "}}));
}

}  // namespace
}  // namespace ardent::compile
