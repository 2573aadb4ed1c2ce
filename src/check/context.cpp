#include "check/context.hpp"

#include <charconv>
#include <cmath>

#include <fmt/format.h>

#include "ardent/names.hpp"
#include "diag/make.hpp"

namespace ardent::check::detail {

const Symbol* Context::lookup(const std::string& name) const {
  auto it = symbols.find(name);
  return it == symbols.end() ? nullptr : &it->second;
}

bool Context::owns_name(const std::string& name, SymbolKind kind, std::uint32_t index) const {
  const Symbol* s = lookup(name);
  return s && s->kind == kind && s->index == index;
}

void Context::error(const Span& span, std::string code, std::string message) {
  ++errors;
  diagnostics.push_back(diag::make(model.files, span, Severity::Error, std::move(code), std::move(message)));
}

void Context::warning(const Span& span, std::string code, std::string message) {
  diagnostics.push_back(diag::make(model.files, span, Severity::Warning, std::move(code), std::move(message)));
}

std::optional<Triage> Context::triage_level(const syntax::Name& word, std::string code) {
  if (auto level = parse_triage(word.text)) return level;
  std::string levels;
  for (std::string_view level : kTriageNames) levels += (levels.empty() ? "" : ", ") + std::string(level);
  error(word.span, std::move(code),
        fmt::format("unknown triage level {} (one of {}){}", in_quotes(word.text), levels,
                    did_you_mean(word.text, kTriageNames)));
  return std::nullopt;
}

std::string Context::where(const Span& span) const {
  if (span.file >= model.files.size()) return "?";
  return fmt::format("{}:{}:{}", model.files[span.file].path, span.line, span.col);
}

std::string_view Context::source(const Span& span) const {
  if (span.file >= model.files.size()) return {};
  std::string_view text = model.files[span.file].text;
  if (span.offset >= text.size()) return {};
  return text.substr(span.offset, span.length);
}

std::string Context::quote(const Span& span) const {
  // Collapse line breaks and indentation so a multi-line expression reads on one line.
  std::string out;
  bool space = false;
  for (char ch : source(span)) {
    if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += ch;
  }
  constexpr std::size_t kMax = 60;
  if (out.size() > kMax) out = out.substr(0, kMax - 3) + "...";
  return out;
}

const char* kind_word(SymbolKind k) {
  switch (k) {
    case SymbolKind::Finding: return "finding";
    case SymbolKind::Condition: return "condition";
    case SymbolKind::Define: return "define";
    case SymbolKind::Score: return "score";
    case SymbolKind::Rule: return "rule";
  }
  return "name";
}

std::string number_text(double v) { return fmt::format("{}", v); }

void append_number(std::string& out, std::uint64_t v, int base) {
  char digits[64];  // base 2 at worst
  const auto end = std::to_chars(digits, digits + sizeof digits, v, base).ptr;
  out.append(digits, end);
}

std::string range_text(double lo, double hi) {
  return (std::isnan(lo) ? std::string() : number_text(lo)) + ".." + (std::isnan(hi) ? std::string() : number_text(hi));
}

std::string domain_text(const std::vector<std::string>& values) {
  constexpr std::size_t kShown = 8;
  std::string out = "one of ";
  for (std::size_t i = 0; i < values.size() && i < kShown; ++i) {
    if (i) out += ", ";
    out += values[i];
  }
  if (values.size() > kShown) out += ", ...";
  return out;
}

}  // namespace ardent::check::detail
