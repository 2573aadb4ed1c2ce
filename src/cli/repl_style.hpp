// ANSI colours for the REPL's output, or plain text when colour is off (not a terminal, or
// NO_COLOR set).
#pragma once

#include <string>
#include <string_view>

#include "ardent/ruleset.hpp"

namespace ardent::cli::repl {

struct Style {
  bool colour = false;

  std::string paint(std::string_view sgr, std::string_view text) const {
    if (!colour) return std::string(text);
    return "\x1b[" + std::string(sgr) + "m" + std::string(text) + "\x1b[0m";
  }
  std::string bold(std::string_view t) const { return paint("1", t); }
  std::string dim(std::string_view t) const { return paint("2", t); }
  std::string red(std::string_view t) const { return paint("1;31", t); }
  std::string green(std::string_view t) const { return paint("32", t); }
  std::string yellow(std::string_view t) const { return paint("33", t); }
  std::string cyan(std::string_view t) const { return paint("36", t); }

  std::string triage(Triage t) const {
    const std::string_view name = to_string(t);
    switch (t) {
      case Triage::emergency: return paint("1;31", name);
      case Triage::urgent: return paint("1;33", name);
      case Triage::routine: return bold(name);
      case Triage::self_care: return paint("1;32", name);
    }
    return std::string(name);
  }
};

}  // namespace ardent::cli::repl
