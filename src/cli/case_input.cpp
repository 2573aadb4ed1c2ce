#include "cli/case_input.hpp"

#include <algorithm>
#include <charconv>
#include <exception>

#include <fmt/format.h>

namespace ardent::cli {

namespace {

std::size_t line_of_offset(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  return 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + offset, '\n'));
}

// The line where `"name"` appears as a key (its second appearance for a finding given twice);
// line 1 when it cannot be found.
std::size_t line_of_key(std::string_view text, const std::string& name, bool second) {
  const std::string quoted = "\"" + name + "\"";
  std::size_t at = text.find(quoted);
  if (second && at != std::string_view::npos) at = text.find(quoted, at + 1);
  return at == std::string_view::npos ? 1 : line_of_offset(text, at);
}

// The engine words a JSON syntax error "malformed JSON at line N, column M: ...".
std::size_t line_in_message(const std::string& message) {
  constexpr std::string_view kAt = "at line ";
  const auto at = message.find(kAt);
  std::size_t line = 1;
  if (at != std::string::npos) std::from_chars(message.data() + at + kAt.size(), message.data() + message.size(), line);
  return line;
}

}  // namespace

std::optional<CaseInputError> apply_case_json(Case& c, std::string_view text) {
  try {
    c.set_json(text);
  } catch (const InputError& e) {
    const std::size_t line = e.finding().empty()
                                 ? line_in_message(e.what())
                                 : line_of_key(text, e.finding(), e.kind() == InputError::Kind::Duplicate);
    return CaseInputError{line, e.what()};
  } catch (const std::exception& e) {
    // Only a lack of memory gets here; the case is unchanged and the next one may still fit.
    return CaseInputError{1, fmt::format("cannot read the case: {}", e.what())};
  }
  return std::nullopt;
}

}  // namespace ardent::cli
