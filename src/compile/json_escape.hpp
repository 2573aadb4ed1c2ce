// JSON string escaping for text written without a document tree. nlohmann_json's escaping is the
// reference (UTF-8 kept as it is, invalid bytes replaced); a string that needs no escaping and no
// UTF-8 repair (printable ASCII without '"' or '\\'), the common case, is copied as it is, because
// building a json value per string cost more than the rest of writing it.
#pragma once

#include <nlohmann/json.hpp>

#include <array>
#include <string>
#include <string_view>

namespace ardent::json_escape {

// A table and no early exit: most strings are plain, and are read to their end either way.
inline constexpr auto kNeedsEscape = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 256; ++c) t[c] = c < 0x20 || c >= 0x7F || c == '"' || c == '\\';
  return t;
}();

inline bool plain(std::string_view s) {
  bool escape = false;
  for (unsigned char c : s) escape |= kNeedsEscape[c];
  return !escape;
}

// `s` as it stands between the quotes of a JSON string.
inline void append_escaped(std::string& out, std::string_view s) {
  if (plain(s)) {
    out += s;
    return;
  }
  const std::string quoted = nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  out.append(quoted, 1, quoted.size() - 2);
}

inline void append_quoted(std::string& out, std::string_view s) {
  out += '"';
  append_escaped(out, s);
  out += '"';
}

}  // namespace ardent::json_escape
