// Where terminal colours come from: diagnostics and the command line both paint through here,
// so no escape sequence is spelt out by hand anywhere else.
#pragma once

#include <string>
#include <string_view>

#include <fmt/color.h>

namespace ardent::diag {

// `text` in `style` when colour is on (a terminal without NO_COLOR), as it is otherwise.
inline std::string paint(bool colour, fmt::text_style style, std::string_view text) {
  return colour ? fmt::format(style, "{}", text) : std::string(text);
}

}  // namespace ardent::diag
