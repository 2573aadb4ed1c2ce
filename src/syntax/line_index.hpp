// Maps byte offsets of one source text to 1-based line and column (columns count bytes).
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

#include "syntax/tree.hpp"

namespace ardent::syntax {

class LineIndex {
 public:
  // memchr, not a loop over every byte: lines average some fifty bytes.
  LineIndex(std::string_view text, std::uint32_t file) : file_(file) {
    starts_.push_back(0);
    const char* const begin = text.data();
    const char* const end = begin + text.size();
    for (const char* p = begin; p != end;) {
      const auto* lf = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
      if (lf == nullptr) break;
      p = lf + 1;
      starts_.push_back(static_cast<std::uint32_t>(p - begin));
    }
  }

  Span span(std::uint32_t offset, std::uint32_t length) const {
    // Spans are mostly asked for in source order: the line of the last one and the few after
    // it are checked before a binary search.
    constexpr std::uint32_t kLinesAhead = 8;
    const auto lines = static_cast<std::uint32_t>(starts_.size());
    std::uint32_t line = 0;
    for (std::uint32_t l = hint_; l < hint_ + kLinesAhead && l <= lines && starts_[l - 1] <= offset; ++l) {
      if (l == lines || offset < starts_[l]) {
        line = l;
        break;
      }
    }
    if (line == 0) {
      auto next = std::upper_bound(starts_.begin(), starts_.end(), offset);
      line = static_cast<std::uint32_t>(next - starts_.begin());
    }
    hint_ = line;
    Span s;
    s.file = file_;
    s.line = line;
    s.col = offset - starts_[line - 1] + 1;
    s.offset = offset;
    s.length = length;
    return s;
  }

 private:
  std::uint32_t file_;
  mutable std::uint32_t hint_ = 1;  // 1-based line of the last span; a LineIndex is not shared
  std::vector<std::uint32_t> starts_;  // offset of the first byte of each line
};

}  // namespace ardent::syntax
