#include "ardent/ruleset.hpp"

#include <algorithm>
#include <stdexcept>

#include "ardent/result.hpp"
#include "eval/case_values.hpp"
#include "compile/program.hpp"

namespace ardent {

namespace {

std::optional<std::uint32_t> lookup(const prog::NameIndex& names, std::string_view name) {
  const std::uint32_t i = names.find(name);
  if (i == prog::NameIndex::kNone) return std::nullopt;
  return i;
}

}  // namespace

std::string to_string(const SourceLocation& l) {
  if (l.file.empty()) return {};
  return l.file + ":" + std::to_string(l.line);
}

std::string_view to_string(RuleState s) {
  switch (s) {
    case RuleState::not_fired: return "not_fired";
    case RuleState::undecided: return "undecided";
    case RuleState::fired: return "fired";
  }
  return "undecided";
}

std::string_view to_string(ConditionStatus s) {
  switch (s) {
    case ConditionStatus::suggested: return "suggested";
    case ConditionStatus::considered: return "considered";
    case ConditionStatus::excluded: return "excluded";
  }
  return "considered";
}

std::string_view to_string(Strength s) {
  switch (s) {
    case Strength::none: return "";
    case Strength::likely: return "likely";
    case Strength::possible: return "possible";
  }
  return "";
}

std::string_view to_string(AskReason r) {
  switch (r) {
    case AskReason::red_flag: return "red_flag";
    case AskReason::requested: return "requested";
    case AskReason::raises_triage: return "raises_triage";
    case AskReason::refines: return "refines";
    case AskReason::screen: return "screen";
    case AskReason::lowers_triage: return "lowers_triage";
    case AskReason::decides_condition: return "decides_condition";
  }
  return "refines";
}

std::string_view to_string(Standing s) {
  switch (s) {
    case Standing::no_true_part: return "no_true_part";
    case Standing::raises: return "raises";
    case Standing::lowers: return "lowers";
    case Standing::decides_condition: return "decides_condition";
    case Standing::nothing_to_ask: return "nothing_to_ask";
    case Standing::no_change: return "no_change";
    case Standing::distant: return "distant";
  }
  return "no_true_part";
}

const std::string& Ruleset::name() const { return program_->name; }
const std::string& Ruleset::version() const { return program_->version; }
const std::string& Ruleset::title() const { return program_->title; }
const std::string& Ruleset::hash() const { return program_->hash; }
Triage Ruleset::default_triage() const { return program_->default_triage; }

std::span<const FindingInfo> Ruleset::findings() const { return program_->findings; }
std::span<const ConditionInfo> Ruleset::conditions() const { return program_->conditions; }
std::span<const RuleInfo> Ruleset::rules() const { return program_->rules; }
std::span<const DefineInfo> Ruleset::defines() const { return program_->defines; }
std::span<const ScoreInfo> Ruleset::scores() const { return program_->scores; }
const ScreenInfo& Ruleset::screen() const { return program_->screen; }
std::size_t Ruleset::redflag_count() const { return program_->redflag_order.size(); }
std::size_t Ruleset::test_count() const { return program_->model.tests.size(); }

std::optional<std::uint32_t> Ruleset::finding_index(std::string_view name) const {
  return lookup(program_->finding_names, name);
}
std::optional<std::uint32_t> Ruleset::condition_index(std::string_view name) const {
  return lookup(program_->condition_names, name);
}
std::optional<std::uint32_t> Ruleset::rule_index(std::string_view name) const {
  return lookup(program_->rule_names, name);
}

std::uint32_t Ruleset::finding_slot(std::string_view name) const { return eval::slot_of(*program_, name); }

std::optional<std::uint32_t> Ruleset::enum_value_index(std::uint32_t slot, std::string_view value) const {
  if (slot >= program_->findings.size()) return std::nullopt;
  const auto& values = program_->findings[slot].values;
  for (std::uint32_t i = 0; i < values.size(); ++i)
    if (values[i] == value) return i;
  return std::nullopt;
}

const std::string& Ruleset::advice_text(std::uint32_t id) const { return program_->advice_texts.at(id); }
std::size_t Ruleset::advice_text_count() const { return program_->advice_texts.size(); }

}  // namespace ardent
