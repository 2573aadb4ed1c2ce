#include <algorithm>
#include <unordered_map>

#include <fmt/format.h>

#include "ardent/diagnostics.hpp"
#include "diag/make.hpp"
#include "diag/paint.hpp"

namespace ardent {

DiagnosticCounts count(const std::vector<Diagnostic>& diagnostics) {
  DiagnosticCounts c;
  for (const auto& d : diagnostics) {
    if (d.severity == Severity::Error) ++c.errors;
    else if (d.severity == Severity::Warning) ++c.warnings;
  }
  return c;
}

namespace {
fmt::text_style severity_style(Severity s) {
  switch (s) {
    case Severity::Error: return fmt::emphasis::bold | fmt::fg(fmt::terminal_color::red);
    case Severity::Warning: return fmt::emphasis::bold | fmt::fg(fmt::terminal_color::magenta);
    case Severity::Note: return fmt::emphasis::bold | fmt::fg(fmt::terminal_color::cyan);
  }
  return {};
}

// Keep tabs so the caret lines up under tab-indented source.
std::string caret_line(const Diagnostic& d, bool colour) {
  std::string pad;
  for (std::uint32_t i = 1; i < d.column && i - 1 < d.source_line.size(); ++i)
    pad += d.source_line[i - 1] == '\t' ? '\t' : ' ';
  std::size_t room = d.source_line.size() >= d.column ? d.source_line.size() - (d.column - 1) : 1;
  std::size_t width = std::max<std::size_t>(1, std::min<std::size_t>(d.length ? d.length : 1, room));
  const auto caret_style = fmt::emphasis::bold | fmt::fg(fmt::terminal_color::green);
  return pad + diag::paint(colour, caret_style, "^" + std::string(width - 1, '~')) + '\n';
}
}  // namespace

std::string format(const Diagnostic& d, bool colour) {
  std::string out;
  if (!d.file.empty()) {
    std::string where = d.file;
    if (d.line > 0) where += fmt::format(":{}:{}", d.line, d.column);
    out += diag::paint(colour, fmt::emphasis::bold, where + ": ");
  }
  out += diag::paint(colour, severity_style(d.severity), std::string(to_string(d.severity)) + ": ");
  out += diag::paint(colour, fmt::emphasis::bold, d.message);
  out += '\n';
  if (d.line > 0 && !d.source_line.empty()) {
    out += d.source_line;
    out += '\n';
    out += caret_line(d, colour);
  }
  return out;
}

std::string format(const std::vector<Diagnostic>& diagnostics, bool colour) {
  std::string out;
  for (const auto& d : diagnostics) out += format(d, colour);
  return out;
}

namespace diag {

Diagnostic make(const std::vector<syntax::SourceFile>& files, const syntax::Span& span,
                Severity severity, std::string code, std::string message) {
  Diagnostic d;
  d.severity = severity;
  d.code = std::move(code);
  d.message = std::move(message);
  if (span.file < files.size()) {
    const auto& f = files[span.file];
    d.file = f.path;
    d.line = span.line;
    d.column = span.col;
    d.length = span.length;
    if (span.line > 0 && span.offset <= f.text.size()) {
      std::size_t begin = f.text.rfind('\n', span.offset == 0 ? 0 : span.offset - 1);
      begin = (begin == std::string::npos || span.offset == 0) ? 0 : begin + 1;
      if (span.offset > 0 && f.text[span.offset - 1] == '\n') begin = span.offset;
      std::size_t end = f.text.find('\n', span.offset);
      if (end == std::string::npos) end = f.text.size();
      d.source_line = f.text.substr(begin, end - begin);
      if (!d.source_line.empty() && d.source_line.back() == '\r') d.source_line.pop_back();
      // Shown source must stay printable: binary garbage becomes '?'.
      for (auto& ch : d.source_line)
        if (static_cast<unsigned char>(ch) < 0x20 && ch != '\t') ch = '?';
    }
  }
  return d;
}

void sort(std::vector<Diagnostic>& diagnostics, const std::vector<syntax::SourceFile>& files) {
  std::unordered_map<std::string, std::size_t> order;
  for (std::size_t i = 0; i < files.size(); ++i) order.emplace(files[i].path, i);
  auto rank = [&](const Diagnostic& d) {
    auto it = order.find(d.file);
    return it == order.end() ? files.size() : it->second;
  };
  std::stable_sort(diagnostics.begin(), diagnostics.end(), [&](const Diagnostic& a, const Diagnostic& b) {
    auto ra = rank(a), rb = rank(b);
    if (ra != rb) return ra < rb;
    if (a.line != b.line) return a.line < b.line;
    return a.column < b.column;
  });
}

}  // namespace diag
}  // namespace ardent
