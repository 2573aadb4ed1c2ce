// The `ruleset` header: exactly one across all files.
#include <cstddef>
#include <string_view>

#include <fmt/format.h>

#include "check/context.hpp"

namespace ardent::check::detail {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool is_suffix_char(char c) {
  return is_digit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '.' || c == '+' || c == '-';
}

// Moves `i` past a run of digits; false if there is none.
bool digits(std::string_view v, std::size_t& i) {
  const std::size_t start = i;
  while (i < v.size() && is_digit(v[i])) ++i;
  return i > start;
}

// MAJOR.MINOR.PATCH with an optional pre-release or build suffix (Semantic Versioning): the
// registry orders and pins versions, so a free-form string would not do. What the regular
// expression ^\d+\.\d+\.\d+([-+][0-9A-Za-z.+-]+)?$ accepts, read by hand: building a std::regex
// cost as much as checking a tenth of rules/hip.
bool valid_version(std::string_view v) {
  std::size_t i = 0;
  if (!digits(v, i)) return false;
  for (int dot = 0; dot < 2; ++dot) {
    if (i == v.size() || v[i] != '.') return false;
    ++i;
    if (!digits(v, i)) return false;
  }
  if (i == v.size()) return true;
  if (v[i] != '-' && v[i] != '+') return false;
  ++i;
  if (i == v.size()) return false;
  for (; i < v.size(); ++i)
    if (!is_suffix_char(v[i])) return false;
  return true;
}

}  // namespace

void declare_header(Context& c) {
  const syntax::RulesetHeader* first = nullptr;
  for (const auto& m : c.modules) {
    if (!m.header) continue;
    const auto& h = *m.header;
    if (first) {
      c.error(h.span, "header",
              fmt::format("a second 'ruleset' header; the rule set is already declared at {}", c.where(first->span)));
      continue;
    }
    first = &h;
  }
  if (!first) {
    // A broken file may well hold the header: saying it is missing would only mislead.
    if (!c.had_syntax_errors) {
      Span at;  // the start of the first file; with no file at all, no location
      at.file = c.model.files.empty() ? static_cast<std::uint32_t>(-1) : 0;
      at.line = 1;
      at.col = 1;
      c.error(at, "header", "no 'ruleset' header: one file must begin with 'ruleset NAME version \"1.0.0\"'");
    }
    return;
  }
  c.model.name = first->name.text;
  c.model.version = first->version.value;
  if (!valid_version(first->version.value))
    c.error(first->version.span, "header",
            fmt::format("version \"{}\" must look like \"1.0.0\" (MAJOR.MINOR.PATCH)", first->version.value));
  if (first->title) c.model.title = first->title->value;
  if (first->default_triage) {
    const auto& level = *first->default_triage;
    if (auto t = c.triage_level(level, "unknown-name")) c.model.default_triage = *t;
  }
}

}  // namespace ardent::check::detail
