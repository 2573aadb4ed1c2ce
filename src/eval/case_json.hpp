// A case's JSON object read into staged copies of a Case's storage: each value validated against
// its finding as it is read (eval/case_values.hpp), the first problem in document order thrown as
// InputError, leaving a half-written staging copy that the Case then drops.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "compile/program.hpp"

namespace ardent::eval {

// Through simdjson (its UTF-8 validation included). A text simdjson refuses is read again by
// read_case_json_sax, which words the refusal: messages with line and column stay as they were.
void read_case_json(const Program& p, std::string_view text, std::vector<std::uint8_t>& state,
                    std::vector<double>& value);

// Through nlohmann_json's SAX parser, after a UTF-8 check of the whole text: slower, and the
// reference that read_case_json must agree with, values and messages alike.
void read_case_json_sax(const Program& p, std::string_view text, std::vector<std::uint8_t>& state,
                        std::vector<double>& value);

}  // namespace ardent::eval
