#include "ardent/case.hpp"
#include "compile/ruleset_access.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "eval/case_access.hpp"
#include "eval/case_json.hpp"
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
  touched_.assign((n + 4095) / 4096, 0);
}

// After the storage was replaced whole (set_json, set_text): which blocks now hold something.
void Case::touch_all_set() {
  std::fill(touched_.begin(), touched_.end(), 0);
  for (std::uint32_t slot = 0; slot < state_.size(); ++slot)
    if (state_[slot] != static_cast<std::uint8_t>(FindingState::not_asked)) touch(slot);
}

void Case::set_bool(std::uint32_t slot, bool value) {
  const auto& f = eval::finding_at(internal::program_of(*ruleset_), slot);
  eval::put_bool(f, Slot{state_[slot], value_[slot]}, value);
  touch(slot);
}

void Case::set_number(std::uint32_t slot, double value) {
  const auto& f = eval::finding_at(internal::program_of(*ruleset_), slot);
  eval::put_number(f, Slot{state_[slot], value_[slot]}, value);
  touch(slot);
}

void Case::set_enum(std::uint32_t slot, std::uint32_t value_index) {
  const auto& f = eval::finding_at(internal::program_of(*ruleset_), slot);
  eval::put_enum(f, Slot{state_[slot], value_[slot]}, value_index);
  touch(slot);
}

void Case::set_enum(std::uint32_t slot, std::string_view value) {
  const auto& f = eval::finding_at(internal::program_of(*ruleset_), slot);
  eval::put_enum(f, Slot{state_[slot], value_[slot]}, value);
  touch(slot);
}

void Case::set_duration(std::uint32_t slot, double amount, DurationUnit unit) {
  const auto& f = eval::finding_at(internal::program_of(*ruleset_), slot);
  eval::put_duration(f, Slot{state_[slot], value_[slot]}, amount, unit);
  touch(slot);
}

void Case::set_unknown(std::uint32_t slot) {
  eval::finding_at(internal::program_of(*ruleset_), slot);
  eval::put_unknown(Slot{state_[slot], value_[slot]});
  touch(slot);
}

void Case::unset(std::uint32_t slot) {
  eval::finding_at(internal::program_of(*ruleset_), slot);
  state_[slot] = static_cast<std::uint8_t>(FindingState::not_asked);
  value_[slot] = 0;
}

namespace {

// Marks the blocks of `slots` as Case::touch does, for many at once. A case small enough to be
// copied whole (internal::kWholeCase) is marked whole: a mark per slot cost a tenth of the peer
// harness's case path, and nothing reads a small case's blocks one by one.
void touch_each(std::vector<std::uint64_t>& touched, std::size_t findings, std::span<const std::uint32_t> slots) {
  if (findings <= internal::kWholeCase) {
    if (!slots.empty()) touched[0] = (std::uint64_t{1} << ((findings + 63) / 64)) - 1;
    return;
  }
  for (const std::uint32_t slot : slots) touched[slot >> 12] |= std::uint64_t{1} << ((slot >> 6) & 63);
}

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
  // A yes/no value can only be refused for its slot (out of range, or not a yes/no finding):
  // when every slot passes, the values go in at once; else put_many words the refusal.
  // Plain pointers, so that the writes are not taken to move the findings or the vectors.
  const Program& p = internal::program_of(*ruleset_);
  const FindingType* types = p.finding_types.data();
  const std::size_t n_findings = p.finding_types.size();
  bool all_bool = slots.size() == values.size();
  for (std::size_t i = 0; i < slots.size() && all_bool; ++i)
    all_bool = slots[i] < n_findings && types[slots[i]] == FindingType::boolean;
  if (all_bool) {
    std::uint8_t* state = state_.data();
    double* value = value_.data();
    for (std::size_t i = 0; i < slots.size(); ++i)
      eval::put_checked(Slot{state[slots[i]], value[slots[i]]}, values[i] != 0 ? 1.0 : 0.0);
  } else {
    put_many(p, state_, value_, slots, values,
             [](const FindingInfo& f, Slot out, int v) { eval::put_bool(f, out, v != 0); });
  }
  touch_each(touched_, state_.size(), slots);  // every slot was written
}

void Case::set_numbers(std::span<const std::uint32_t> slots, std::span<const double> values) {
  // As for yes/no values: when every number fits its finding (NumberRange, put_number's own
  // test), they go in at once; else put_many words the refusal.
  const Program& p = internal::program_of(*ruleset_);
  bool all_fit = slots.size() == values.size();
  for (std::size_t i = 0; i < slots.size() && all_fit; ++i)
    all_fit = slots[i] < p.findings.size() && eval::NumberRange(p.findings[slots[i]]).fits(values[i]);
  if (all_fit) {
    std::uint8_t* state = state_.data();
    double* value = value_.data();
    for (std::size_t i = 0; i < slots.size(); ++i) eval::put_checked(Slot{state[slots[i]], value[slots[i]]}, values[i]);
  } else {
    put_many(p, state_, value_, slots, values,
             [](const FindingInfo& f, Slot out, double v) { eval::put_number(f, out, v); });
  }
  touch_each(touched_, state_.size(), slots);
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
  internal::for_each_block(touched_, state_.size(), [&](std::size_t first, std::size_t last) {
    std::fill(state_.begin() + first, state_.begin() + last, static_cast<std::uint8_t>(FindingState::not_asked));
    std::fill(value_.begin() + first, value_.begin() + last, 0.0);
  });
  std::fill(touched_.begin(), touched_.end(), 0);
  warnings_.clear();
}

void Case::set_json(std::string_view json_object) {
  if (const std::size_t limit = ruleset_->limits().max_case_bytes; json_object.size() > limit)
    throw InputError(InputError::Kind::TooLarge, "",
                     "the case is larger than " + std::to_string(limit) + " bytes of JSON, the most a case may be "
                     "(the limit max_case_bytes)");
  // All or nothing: every value is validated before any is written. One staging area a thread,
  // which keeps its room: reading a case allocates nothing once warm.
  thread_local eval::CaseStaging staging;
  eval::read_case_json(internal::program_of(*ruleset_), json_object, staging);
  for (const auto& v : staging.values()) {
    state_[v.slot] = v.state;
    value_[v.slot] = v.value;
    touch(v.slot);
  }
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
  touch_all_set();
}

void Case::set_text(std::string_view finding, std::string_view text) {
  const TextValue one{finding, text};
  set_text(std::span<const TextValue>(&one, 1));
}

}  // namespace ardent
