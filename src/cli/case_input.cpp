#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/case_input.hpp"

namespace ardent::cli {

namespace {

std::size_t line_of_offset(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  return 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + offset, '\n'));
}

// The line where `"name"` first appears as a key; line 1 when it cannot be found.
std::size_t line_of_key(std::string_view text, const std::string& name) {
  std::string quoted = "\"" + name + "\"";
  std::size_t at = text.find(quoted);
  return at == std::string_view::npos ? 1 : line_of_offset(text, at);
}

}  // namespace

std::optional<CaseInputError> apply_case_json(Case& c, std::string_view text) {
  nlohmann::json doc = nlohmann::json::parse(text, nullptr, false);
  if (doc.is_discarded()) {
    // Parse again with exceptions only to learn where it failed.
    try {
      nlohmann::json again = nlohmann::json::parse(text);
      (void)again;
    } catch (const nlohmann::json::parse_error& e) {
      return CaseInputError{line_of_offset(text, e.byte > 0 ? e.byte - 1 : 0),
                            fmt::format("malformed JSON: {}", e.what())};
    }
    return CaseInputError{1, "malformed JSON"};
  }
  if (!doc.is_object()) return CaseInputError{1, "a case must be a JSON object of finding names to values"};
  try {
    c.set_json(text);
  } catch (const InputError& e) {
    return CaseInputError{line_of_key(text, e.finding()), fmt::format("finding '{}': {}", e.finding(), e.what())};
  } catch (const std::exception& e) {
    return CaseInputError{1, e.what()};
  }
  return std::nullopt;
}

}  // namespace ardent::cli
