// A case's JSON object read into staged values: each validated against its finding as it is read
// (eval/case_values.hpp), the first problem in document order thrown as InputError.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "compile/program.hpp"
#include "eval/case_values.hpp"

namespace ardent::eval {

// What a case's JSON gives, each value validated as it is read and kept here until the whole text
// has passed; a Case then writes them, so that reading costs what the text holds, not what the rule
// set declares, and a refusal leaves the case as it was.
class CaseStaging {
 public:
  struct Value {
    std::uint32_t slot;
    std::uint8_t state;
    double value;
  };
  // Forgets the last read (whether it passed or was refused) for one of `findings` findings.
  void begin(std::size_t findings);
  // The value for finding `slot`, named once more in the text: a second time is refused.
  Slot add(const Program& p, std::uint32_t slot) {
    std::uint64_t& word = named_[slot >> 6];
    const std::uint64_t bit = std::uint64_t{1} << (slot & 63);
    if (word & bit) given_twice(p.findings[slot]);
    word |= bit;
    Value& v = values_.emplace_back(Value{slot, 0, 0.0});
    return Slot{v.state, v.value};
  }
  Slot last() { return Slot{values_.back().state, values_.back().value}; }  // the value added last
  const std::vector<Value>& values() const { return values_; }

 private:
  std::vector<Value> values_;         // in the text's order
  std::vector<std::uint64_t> named_;  // bit per finding: named in the text (clear between reads)
};

// Through simdjson (its UTF-8 validation included). A text simdjson refuses is read again by
// read_case_json_sax, which words the refusal: messages with line and column stay as they were.
void read_case_json(const Program& p, std::string_view text, CaseStaging& out);

// Through nlohmann_json's SAX parser, after a UTF-8 check of the whole text: slower, and the
// reference that read_case_json must agree with, values and messages alike.
void read_case_json_sax(const Program& p, std::string_view text, CaseStaging& out);

}  // namespace ardent::eval
