#include "ardent/case.hpp"
#include "compile/ruleset_access.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "eval/case_values.hpp"
#include "ardent/names.hpp"
#include "compile/program.hpp"

namespace ardent {

using eval::Slot;

Case::Case(RulesetPtr ruleset) : ruleset_(std::move(ruleset)) {
  if (!ruleset_) throw std::invalid_argument("a Case needs a rule set");
  const std::size_t n = ruleset_->findings().size();
  state_.assign(n, static_cast<std::uint8_t>(FindingState::not_asked));
  value_.assign(n, 0.0);
}

void Case::set_bool(std::uint32_t slot, bool value) {
  const auto& f = eval::finding_at(internal::program_of(*ruleset_), slot);
  eval::put_bool(f, Slot{state_[slot], value_[slot]}, value);
}

void Case::set_number(std::uint32_t slot, double value) {
  const auto& f = eval::finding_at(internal::program_of(*ruleset_), slot);
  eval::put_number(f, Slot{state_[slot], value_[slot]}, value);
}

void Case::set_enum(std::uint32_t slot, std::uint32_t value_index) {
  const auto& f = eval::finding_at(internal::program_of(*ruleset_), slot);
  eval::put_enum(f, Slot{state_[slot], value_[slot]}, value_index);
}

void Case::set_enum(std::uint32_t slot, std::string_view value) {
  const auto& f = eval::finding_at(internal::program_of(*ruleset_), slot);
  eval::put_enum(f, Slot{state_[slot], value_[slot]}, value);
}

void Case::set_duration(std::uint32_t slot, double amount, DurationUnit unit) {
  const auto& f = eval::finding_at(internal::program_of(*ruleset_), slot);
  eval::put_duration(f, Slot{state_[slot], value_[slot]}, amount, unit);
}

void Case::set_unknown(std::uint32_t slot) {
  eval::finding_at(internal::program_of(*ruleset_), slot);
  eval::put_unknown(Slot{state_[slot], value_[slot]});
}

void Case::unset(std::uint32_t slot) {
  eval::finding_at(internal::program_of(*ruleset_), slot);
  state_[slot] = static_cast<std::uint8_t>(FindingState::not_asked);
  value_[slot] = 0;
}

namespace {

// Validates every value into a throwaway slot before writing any, so that a refusal leaves the
// case unchanged without copying it; the writes cannot fail once every value has passed.
template <class V, class Put>
void put_many(const Program& p, std::vector<std::uint8_t>& state, std::vector<double>& value,
              std::span<const std::uint32_t> slots, std::span<const V> values, Put put) {
  if (slots.size() != values.size())
    throw std::invalid_argument("set " + std::to_string(slots.size()) + " findings with " +
                                std::to_string(values.size()) + " values");
  for (std::size_t i = 0; i < slots.size(); ++i) {
    std::uint8_t trial_state = 0;
    double trial_value = 0;
    try {
      put(eval::finding_at(p, slots[i]), Slot{trial_state, trial_value}, values[i]);
    } catch (const InputError& e) {
      throw InputErrorAt(e, i);
    }
  }
  for (std::size_t i = 0; i < slots.size(); ++i) {
    const std::uint32_t slot = slots[i];
    put(p.findings[slot], Slot{state[slot], value[slot]}, values[i]);
  }
}

}  // namespace

void Case::set_bools(std::span<const std::uint32_t> slots, std::span<const int> values) {
  put_many(internal::program_of(*ruleset_), state_, value_, slots, values,
           [](const FindingInfo& f, Slot out, int v) { eval::put_bool(f, out, v != 0); });
}

void Case::set_numbers(std::span<const std::uint32_t> slots, std::span<const double> values) {
  put_many(internal::program_of(*ruleset_), state_, value_, slots, values,
           [](const FindingInfo& f, Slot out, double v) { eval::put_number(f, out, v); });
}

std::uint32_t Case::checked_slot(std::string_view finding) const { return ruleset_->finding_slot(finding); }

void Case::set_bool(std::string_view finding, bool value) { set_bool(checked_slot(finding), value); }
void Case::set_number(std::string_view finding, double value) { set_number(checked_slot(finding), value); }
void Case::set_enum(std::string_view finding, std::string_view value) { set_enum(checked_slot(finding), value); }
void Case::set_duration(std::string_view finding, double amount, DurationUnit unit) {
  set_duration(checked_slot(finding), amount, unit);
}
void Case::set_unknown(std::string_view finding) { set_unknown(checked_slot(finding)); }
void Case::unset(std::string_view finding) { unset(checked_slot(finding)); }

void Case::clear() {
  std::fill(state_.begin(), state_.end(), static_cast<std::uint8_t>(FindingState::not_asked));
  std::fill(value_.begin(), value_.end(), 0.0);
}

namespace {

[[noreturn]] void malformed(const std::string& message) {
  throw InputError(InputError::Kind::Malformed, "", message);
}

// "malformed JSON at line 2, column 12: syntax error while parsing value - invalid literal;
// last read: 'tru'": nlohmann's explanation without its internal tag, placed at the last byte
// it read (nlohmann counts a newline it has read as the start of the next line), with the token
// it last read quoted and so shortened.
std::string json_error_text(std::string_view text, std::size_t bytes_read, const std::string& what) {
  const std::size_t at = std::min(bytes_read > 0 ? bytes_read - 1 : 0, text.size());
  const std::size_t line = 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + at, '\n'));
  const std::size_t line_start = text.rfind('\n', at == 0 ? 0 : at - 1);
  const std::size_t column = line_start == std::string_view::npos || at == 0 ? at + 1 : at - line_start;
  std::string why = what;
  if (const auto colon = why.find(": "); why.rfind("[json.exception.", 0) == 0 && colon != std::string::npos)
    why.erase(0, colon + 2);
  constexpr std::string_view kLastRead = "; last read: '";
  if (const auto lr = why.find(kLastRead); lr != std::string::npos) {
    const auto begin = lr + kLastRead.size();
    auto end = why.find("'; expected", begin);
    if (end == std::string::npos) end = why.size() - 1;
    if (end >= begin) why.replace(lr + 2, end + 1 - (lr + 2), "last read: " + ardent::in_quotes(why.substr(begin, end - begin)));
  }
  return "malformed JSON at line " + std::to_string(line) + ", column " + std::to_string(column) + ": " + why;
}

// Applies a flat JSON object of findings as nlohmann's parser reads it, without building a
// document: each value is validated against its finding and written to staged copies of the
// case, which are committed only when the whole object was valid.
class FindingsSax : public nlohmann::json_sax<nlohmann::json> {
 public:
  FindingsSax(const Program& p, std::string_view text, std::vector<std::uint8_t>& state, std::vector<double>& value)
      : p_(p), text_(text), state_(state), value_(value), seen_(p.findings.size(), false) {}

  bool null() override { return put([&](const FindingInfo&, Slot out) { eval::put_unknown(out); }); }
  bool boolean(bool v) override {
    return put([&](const FindingInfo& f, Slot out) { eval::put_bool(f, out, v); });
  }
  bool number_integer(number_integer_t v) override { return number(static_cast<double>(v)); }
  bool number_unsigned(number_unsigned_t v) override { return number(static_cast<double>(v)); }
  bool number_float(number_float_t v, const string_t&) override { return number(v); }
  bool string(string_t& v) override {
    return put([&](const FindingInfo& f, Slot out) {
      if (f.type == FindingType::enumeration) return eval::put_enum(f, out, v);
      if (f.type == FindingType::duration) return eval::put_duration_text(f, out, v);
      eval::wrong_type(f, "the text " + ardent::in_quotes(v));
    });
  }
  bool binary(binary_t&) override { return nested("binary data"); }
  bool start_object(std::size_t) override {
    if (depth_ > 0) return nested("an object");
    ++depth_;
    return true;
  }
  bool end_object() override {
    --depth_;
    return true;
  }
  bool start_array(std::size_t) override {
    if (depth_ == 0) not_an_object();
    return nested("a list");
  }
  bool end_array() override { return true; }
  bool key(string_t& k) override {
    slot_ = eval::slot_of(p_, k);
    if (seen_[slot_]) eval::given_twice(p_.findings[slot_]);
    seen_[slot_] = true;
    return true;
  }
  bool parse_error(std::size_t bytes_read, const std::string&, const nlohmann::detail::exception& e) override {
    // 1e309 is valid JSON that no double holds: refuse it as the value it is, as infinity would be.
    constexpr int kNumberOverflow = 406;
    if (e.id == kNumberOverflow && depth_ == 1 && slot_ < p_.findings.size()) return number(HUGE_VAL);
    malformed(json_error_text(text_, bytes_read, e.what()));
  }

 private:
  [[noreturn]] static void not_an_object() { malformed("a case must be a JSON object of finding names to values"); }
  template <class F>
  bool put(F&& apply) {
    if (depth_ == 0) not_an_object();
    const FindingInfo& f = p_.findings[slot_];
    apply(f, Slot{state_[slot_], value_[slot_]});
    return true;
  }
  bool number(double v) {
    return put([&](const FindingInfo& f, Slot out) { eval::put_number(f, out, v); });
  }
  bool nested(const char* what) {
    if (depth_ == 0) not_an_object();
    eval::wrong_type(p_.findings[slot_], what);
  }

  const Program& p_;
  std::string_view text_;
  std::vector<std::uint8_t>& state_;
  std::vector<double>& value_;
  std::vector<bool> seen_;
  std::uint32_t slot_ = 0xffffffffu;
  int depth_ = 0;
};

}  // namespace

void Case::set_json(std::string_view json_object) {
  if (const std::size_t limit = ruleset_->limits().max_case_bytes; json_object.size() > limit)
    throw InputError(InputError::Kind::TooLarge, "",
                     "the case is larger than " + std::to_string(limit) + " bytes of JSON, the most a case may be "
                     "(the limit max_case_bytes)");
  if (const std::size_t bad = invalid_utf8_at(json_object); bad != std::string_view::npos)
    malformed("the JSON text is not valid UTF-8 (byte " + std::to_string(bad) + ")");
  // All or nothing: validate into copies, then commit.
  std::vector<std::uint8_t> state = state_;
  std::vector<double> value = value_;
  FindingsSax sax(internal::program_of(*ruleset_), json_object, state, value);
  if (!nlohmann::json::sax_parse(json_object.begin(), json_object.end(), &sax)) malformed("malformed JSON");
  state_.swap(state);
  value_.swap(value);
}

void Case::set_text(std::span<const TextValue> values) {
  const Program& p = internal::program_of(*ruleset_);
  std::vector<std::uint8_t> state = state_;
  std::vector<double> value = value_;
  std::vector<bool> seen(p.findings.size(), false);
  for (const auto& v : values) {
    const std::uint32_t slot = eval::slot_of(p, v.finding);
    if (seen[slot]) eval::given_twice(p.findings[slot]);
    seen[slot] = true;
    eval::put_text(p.findings[slot], Slot{state[slot], value[slot]}, v.text);
  }
  state_.swap(state);
  value_.swap(value);
}

void Case::set_text(std::string_view finding, std::string_view text) {
  const TextValue one{finding, text};
  set_text(std::span<const TextValue>(&one, 1));
}

}  // namespace ardent
