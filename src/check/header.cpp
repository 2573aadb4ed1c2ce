// The `ruleset` header: exactly one across all files.
#include <regex>

#include <fmt/format.h>

#include "check/context.hpp"

namespace ardent::check::detail {

namespace {
// MAJOR.MINOR.PATCH with an optional pre-release or build suffix (Semantic Versioning): the
// registry orders and pins versions, so a free-form string would not do.
bool valid_version(const std::string& v) {
  static const std::regex re(R"(^\d+\.\d+\.\d+([-+][0-9A-Za-z.+-]+)?$)");
  return std::regex_match(v, re);
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
