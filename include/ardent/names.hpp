// Names and texts in messages: "did you mean" suggestions for misspelt names, and quoting of
// text that came from outside (a case file, a caller) so that a message stays short and valid.
//
// Every front end (the checker, the engine, the C ABI and so the bindings, the command line and
// the REPL) suggests and quotes through these, so the same typo gets the same answer everywhere.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace ardent {

// The candidate `name` was most likely meant to be: the nearest within an edit distance that
// grows with the length of the name (optimal string alignment: a swap of two neighbouring
// letters is one edit), else the only candidate that starts with the name or that the name
// starts with. Ties keep the earlier candidate, so declaration order makes the answer stable.
// Never the name itself; nullopt when nothing is close.
std::optional<std::string> closest_name(std::string_view name, std::span<const std::string_view> candidates);
std::optional<std::string> closest_name(std::string_view name, std::span<const std::string> candidates);

// "; did you mean 'x'?" or "".
std::string did_you_mean(std::string_view name, std::span<const std::string_view> candidates);
std::string did_you_mean(std::string_view name, std::span<const std::string> candidates);

// Optimal string alignment distance (insertions, deletions, substitutions and adjacent swaps).
std::size_t edit_distance(std::string_view a, std::string_view b);

// `text` in single quotes for a message: control characters and invalid UTF-8 escaped as \xNN,
// and shortened to its first 80 characters followed by "..." so that a huge value is not echoed.
std::string in_quotes(std::string_view text);

// Byte offset of the first invalid UTF-8 sequence (RFC 3629), or npos when `text` is valid.
std::size_t invalid_utf8_at(std::string_view text) noexcept;
inline bool valid_utf8(std::string_view text) noexcept { return invalid_utf8_at(text) == std::string_view::npos; }

// `text` with every invalid UTF-8 byte replaced by U+FFFD.
std::string to_valid_utf8(std::string_view text);

}  // namespace ardent
