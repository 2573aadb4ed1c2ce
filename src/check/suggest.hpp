// "Did you mean ...?" suggestions for misspelt names.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ardent::check::detail {

// Damerau-Levenshtein distance (optimal string alignment: adjacent transpositions count 1).
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `name`: the smallest edit distance within a threshold that grows
// with the length of the name, else a prefix match. Ties keep the earliest candidate, so
// passing candidates in declaration order makes the answer deterministic.
std::optional<std::string> closest(std::string_view name, const std::vector<std::string_view>& candidates);

// "; did you mean 'x'?" or "" when nothing is close.
std::string did_you_mean(std::string_view name, const std::vector<std::string_view>& candidates);

}  // namespace ardent::check::detail
