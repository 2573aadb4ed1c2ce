#include "ardent/case.hpp"

#include <nlohmann/json.hpp>

#include <stdexcept>

#include "api/case_values.hpp"
#include "compile/program.hpp"

namespace ardent {

using api::Slot;

Case::Case(RulesetPtr ruleset) : ruleset_(std::move(ruleset)) {
  if (!ruleset_) throw std::invalid_argument("a Case needs a rule set");
  const std::size_t n = ruleset_->findings().size();
  state_.assign(n, static_cast<std::uint8_t>(FindingState::not_asked));
  value_.assign(n, 0.0);
}

void Case::set_bool(std::uint32_t slot, bool value) {
  const auto& f = api::finding_at(ruleset_->program(), slot);
  api::put_bool(f, Slot{state_[slot], value_[slot]}, value);
}

void Case::set_number(std::uint32_t slot, double value) {
  const auto& f = api::finding_at(ruleset_->program(), slot);
  api::put_number(f, Slot{state_[slot], value_[slot]}, value);
}

void Case::set_enum(std::uint32_t slot, std::uint32_t value_index) {
  const auto& f = api::finding_at(ruleset_->program(), slot);
  api::put_enum(f, Slot{state_[slot], value_[slot]}, value_index);
}

void Case::set_enum(std::uint32_t slot, std::string_view value) {
  const auto& f = api::finding_at(ruleset_->program(), slot);
  api::put_enum(f, Slot{state_[slot], value_[slot]}, value);
}

void Case::set_duration(std::uint32_t slot, double amount, DurationUnit unit) {
  const auto& f = api::finding_at(ruleset_->program(), slot);
  api::put_duration(f, Slot{state_[slot], value_[slot]}, amount, unit);
}

void Case::set_unknown(std::uint32_t slot) {
  api::finding_at(ruleset_->program(), slot);
  api::put_unknown(Slot{state_[slot], value_[slot]});
}

void Case::unset(std::uint32_t slot) {
  api::finding_at(ruleset_->program(), slot);
  state_[slot] = static_cast<std::uint8_t>(FindingState::not_asked);
  value_[slot] = 0;
}

std::uint32_t Case::checked_slot(std::string_view finding) const {
  return api::slot_of(ruleset_->program(), finding);
}

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

// Applies a flat JSON object of findings as nlohmann's parser reads it, without building a
// document: each value is validated against its finding and written to staged copies of the
// case, which are committed only when the whole object was valid.
class FindingsSax : public nlohmann::json_sax<nlohmann::json> {
 public:
  FindingsSax(const Program& p, std::vector<std::uint8_t>& state, std::vector<double>& value)
      : p_(p), state_(state), value_(value) {}

  bool null() override { return put([&](const FindingInfo&, Slot out) { api::put_unknown(out); }); }
  bool boolean(bool v) override {
    return put([&](const FindingInfo& f, Slot out) { api::put_bool(f, out, v); });
  }
  bool number_integer(number_integer_t v) override { return number(static_cast<double>(v), std::to_string(v)); }
  bool number_unsigned(number_unsigned_t v) override { return number(static_cast<double>(v), std::to_string(v)); }
  bool number_float(number_float_t v, const string_t& text) override { return number(v, text); }
  bool string(string_t& v) override {
    return put([&](const FindingInfo& f, Slot out) {
      if (f.type == FindingType::enumeration) {
        api::put_enum(f, out, v);
      } else if (f.type == FindingType::duration) {
        auto d = parse_duration(v);
        if (!d)
          throw InputError(InputError::Kind::WrongType, f.name,
                           "finding '" + f.name + "' needs a duration such as \"6 weeks\"; got \"" + v + "\"");
        api::put_duration(f, out, d->amount, d->unit);
      } else {
        throw InputError(InputError::Kind::WrongType, f.name, "finding '" + f.name + "' does not take text; got \"" + v + "\"");
      }
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
    if (depth_ == 0) throw std::invalid_argument("the findings must be a JSON object");
    return nested("a list");
  }
  bool end_array() override { return true; }
  bool key(string_t& k) override {
    slot_ = api::slot_of(p_, k);
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& e) override {
    throw std::invalid_argument(std::string("malformed JSON: ") + e.what());
  }

 private:
  template <class F>
  bool put(F&& apply) {
    if (depth_ == 0) throw std::invalid_argument("the findings must be a JSON object");
    const FindingInfo& f = p_.findings[slot_];
    apply(f, Slot{state_[slot_], value_[slot_]});
    return true;
  }
  bool number(double v, const std::string& text) {
    return put([&](const FindingInfo& f, Slot out) {
      if (f.type == FindingType::enumeration || f.type == FindingType::boolean)
        throw InputError(InputError::Kind::WrongType, f.name, "finding '" + f.name + "' is not a number; got " + text);
      api::put_number(f, out, v);
    });
  }
  bool nested(const char* what) {
    if (depth_ <= 1 && slot_ < p_.findings.size()) {
      const auto& name = p_.findings[slot_].name;
      throw InputError(InputError::Kind::WrongType, name, "finding '" + name + "' cannot take " + what);
    }
    throw std::invalid_argument("the findings must be a JSON object");
  }

  const Program& p_;
  std::vector<std::uint8_t>& state_;
  std::vector<double>& value_;
  std::uint32_t slot_ = 0xffffffffu;
  int depth_ = 0;
};

}  // namespace

void Case::set_json(std::string_view json_object) {
  // All or nothing: validate into copies, then commit.
  std::vector<std::uint8_t> state = state_;
  std::vector<double> value = value_;
  FindingsSax sax(ruleset_->program(), state, value);
  const bool ok = nlohmann::json::sax_parse(json_object.begin(), json_object.end(), &sax);
  if (!ok) throw std::invalid_argument("malformed JSON");
  state_.swap(state);
  value_.swap(value);
}

}  // namespace ardent
