#include "check/context.hpp"

#include <cmath>

#include <fmt/format.h>

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

double days_per(syntax::DurationUnit u) {
  switch (u) {
    case syntax::DurationUnit::Minutes: return 1.0 / 1440.0;
    case syntax::DurationUnit::Hours: return 1.0 / 24.0;
    case syntax::DurationUnit::Days: return 1.0;
    case syntax::DurationUnit::Weeks: return 7.0;
    case syntax::DurationUnit::Months: return 30.4375;
    case syntax::DurationUnit::Years: return 365.25;
  }
  return 1.0;
}

const char* triage_word(Triage t) {
  switch (t) {
    case Triage::SelfCare: return "self_care";
    case Triage::Routine: return "routine";
    case Triage::Urgent: return "urgent";
    case Triage::Emergency: return "emergency";
  }
  return "routine";
}

bool parse_triage_level(std::string_view text, Triage& out) {
  for (Triage t : {Triage::SelfCare, Triage::Routine, Triage::Urgent, Triage::Emergency})
    if (text == triage_word(t)) {
      out = t;
      return true;
    }
  return false;
}

std::vector<std::string_view> triage_words() { return {"self_care", "routine", "urgent", "emergency"}; }

}  // namespace ardent::check::detail
