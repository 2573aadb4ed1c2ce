// Turns a case's JSON text into findings, with errors that name the line and the finding.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "ardent/case.hpp"

namespace ardent::cli {

struct CaseInputError {
  std::size_t line = 1;  // 1-based line within `text`
  std::string message;
};

// All or nothing: on error the case is left unchanged.
std::optional<CaseInputError> apply_case_json(Case& c, std::string_view text);

}  // namespace ardent::cli
