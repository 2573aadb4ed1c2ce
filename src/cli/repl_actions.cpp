#include "cli/repl_actions.hpp"

#include <cctype>
#include <string_view>

#include "cli/repl_values.hpp"

namespace ardent::cli::repl {

namespace {

// Words and the arrow of a rule's source, without comments and string literals.
std::vector<std::string> words_of(std::string_view s) {
  std::vector<std::string> out;
  std::size_t i = 0;
  auto is_word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  while (i < s.size()) {
    const char c = s[i];
    if (c == '#') {
      while (i < s.size() && s[i] != '\n') ++i;
    } else if (c == '"') {
      for (++i; i < s.size() && s[i] != '"'; ++i)
        if (s[i] == '\\') ++i;
      ++i;
    } else if (is_word(c)) {
      std::size_t start = i;
      while (i < s.size() && is_word(s[i])) ++i;
      out.emplace_back(s.substr(start, i - start));
    } else if (s.compare(i, 2, "->") == 0) {
      out.emplace_back("->");
      i += 2;
    } else if (s.compare(i, 3, "\xE2\x86\x92") == 0) {  // the arrow '→'
      out.emplace_back("->");
      i += 3;
    } else {
      ++i;
    }
  }
  return out;
}

}  // namespace

std::vector<Conclusion> conclusions(const RuleInfo& rule) {
  const std::vector<std::string> words = words_of(rule.source);
  std::vector<Conclusion> out;
  bool in_actions = false;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string w = lower(words[i]);
    if (!in_actions) {
      in_actions = w == "then" || w == "->";
      continue;
    }
    if (i + 1 >= words.size()) break;
    if (w == "suggest") out.push_back({words[i + 1], ConditionStatus::suggested});
    else if (w == "consider") out.push_back({words[i + 1], ConditionStatus::considered});
    else if (w == "exclude") out.push_back({words[i + 1], ConditionStatus::excluded});
    else continue;
    ++i;
  }
  return out;
}

}  // namespace ardent::cli::repl
