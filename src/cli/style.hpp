// Colours for the command line's output (the REPL and `ardent test`), or plain text when colour
// is off (not a terminal, or NO_COLOR set).
#pragma once

#include <string>
#include <string_view>

#include <fmt/color.h>

#include "ardent/ruleset.hpp"

namespace ardent::cli {

struct Style {
  bool colour = false;

  // fmt writes the escape sequences, as it does for the compiler's diagnostics.
  std::string paint(fmt::text_style style, std::string_view text) const {
    return colour ? fmt::format(style, "{}", text) : std::string(text);
  }
  std::string bold(std::string_view t) const { return paint(fmt::emphasis::bold, t); }
  std::string dim(std::string_view t) const { return paint(fmt::emphasis::faint, t); }
  std::string red(std::string_view t) const { return paint(fmt::emphasis::bold | fmt::fg(fmt::terminal_color::red), t); }
  std::string green(std::string_view t) const { return paint(fmt::fg(fmt::terminal_color::green), t); }
  std::string bold_green(std::string_view t) const {
    return paint(fmt::emphasis::bold | fmt::fg(fmt::terminal_color::green), t);
  }
  std::string yellow(std::string_view t) const { return paint(fmt::fg(fmt::terminal_color::yellow), t); }
  std::string bold_yellow(std::string_view t) const {
    return paint(fmt::emphasis::bold | fmt::fg(fmt::terminal_color::yellow), t);
  }
  std::string cyan(std::string_view t) const { return paint(fmt::fg(fmt::terminal_color::cyan), t); }

  std::string triage(Triage t) const {
    const std::string_view name = to_string(t);
    switch (t) {
      case Triage::emergency: return red(name);
      case Triage::urgent: return bold_yellow(name);
      case Triage::routine: return bold(name);
      case Triage::self_care: return bold_green(name);
    }
    return std::string(name);
  }
};

}  // namespace ardent::cli
