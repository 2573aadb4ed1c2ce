#include "store/evaluation_row.hpp"
#include "eval/case_access.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace ardent::store {

namespace {
std::string quoted(const std::string& name) { return nlohmann::json(name).dump(); }
}  // namespace

void append_json_number(std::string& out, double v) {
  // The common cases by hand; nlohmann::json itself for the rest, whose choice between fixed and
  // exponent notation this need not copy. Rows then read the same whichever path wrote them.
  const double magnitude = std::fabs(v);
  if (v == std::trunc(v) && magnitude < 1e15 && !(v == 0 && std::signbit(v))) {
    fmt::format_to(std::back_inserter(out), "{}.0", static_cast<std::int64_t>(v));
  } else if (magnitude >= 1e-3 && magnitude < 1e15) {
    fmt::format_to(std::back_inserter(out), "{}", v);
  } else {
    out += nlohmann::json(v).dump();
  }
}

void EvaluationSnapshot::capture(const Case& c, const Result& r) {
  ruleset = c.ruleset_ptr();
  triage = r.triage();
  red_flags.assign(r.red_flags().begin(), r.red_flags().end());
  conditions.assign(r.conditions().begin(), r.conditions().end());
  const auto n = static_cast<std::uint32_t>(c.ruleset().findings().size());
  const std::uint8_t* states = internal::CaseAccess::states(c);
  const double* values = internal::CaseAccess::values(c);
  findings.clear();
  for (std::uint32_t slot = 0; slot < n; ++slot)
    if (states[slot] != static_cast<std::uint8_t>(FindingState::not_asked))
      findings.push_back({slot, static_cast<FindingState>(states[slot]), values[slot]});
}

RowVocabulary::RowVocabulary(RulesetPtr ruleset) : ruleset_(std::move(ruleset)) {
  const auto findings = ruleset_->findings();
  std::vector<std::uint32_t> by_name(findings.size());
  std::iota(by_name.begin(), by_name.end(), 0u);
  std::sort(by_name.begin(), by_name.end(),
            [&](std::uint32_t a, std::uint32_t b) { return findings[a].name < findings[b].name; });
  name_rank_.resize(findings.size());
  for (std::uint32_t rank = 0; rank < by_name.size(); ++rank) name_rank_[by_name[rank]] = rank;
  for (const FindingInfo& f : findings) {
    finding_key_.push_back(quoted(f.name) + ":");
    std::vector<std::string> values;
    for (const auto& v : f.values) values.push_back(quoted(v));
    enum_value_.push_back(std::move(values));
  }
  for (const RuleInfo& r : ruleset_->rules()) rule_name_.push_back(quoted(r.name));
  for (const ConditionInfo& c : ruleset_->conditions()) condition_name_.push_back(quoted(c.name));
}

void RowVocabulary::findings_json(std::string& out, const std::vector<AskedFinding>& asked) const {
  // Place each asked finding at its name's rank, then write the ranks in order.
  std::vector<const AskedFinding*> ordered(finding_key_.size(), nullptr);
  for (const AskedFinding& a : asked) ordered[name_rank_[a.slot]] = &a;
  const auto findings = ruleset_->findings();
  out += '{';
  bool first = true;
  for (const AskedFinding* a : ordered) {
    if (!a) continue;
    if (!first) out += ',';
    first = false;
    out += finding_key_[a->slot];
    if (a->state == FindingState::unknown) {
      out += "null";
      continue;
    }
    switch (findings[a->slot].type) {
      case FindingType::boolean: out += a->value != 0 ? "true" : "false"; break;
      case FindingType::enumeration: {
        const auto& names = enum_value_[a->slot];
        const auto i = static_cast<std::size_t>(a->value);
        if (a->value >= 0 && i < names.size()) out += names[i];
        else append_json_number(out, a->value);
        break;
      }
      case FindingType::number:
      case FindingType::duration: append_json_number(out, a->value); break;
    }
  }
  out += '}';
}

void RowVocabulary::red_flags_json(std::string& out, const std::vector<std::uint32_t>& rules) const {
  out += '[';
  for (std::size_t i = 0; i < rules.size(); ++i) {
    if (i) out += ',';
    out += rule_name_[rules[i]];
  }
  out += ']';
}

void RowVocabulary::conditions_json(std::string& out, const std::vector<ConditionOutcome>& conditions) const {
  out += '[';
  for (std::size_t i = 0; i < conditions.size(); ++i) {
    if (i) out += ',';
    out += "{\"id\":";
    out += condition_name_[conditions[i].condition];
    out += ",\"status\":\"";
    out += to_string(conditions[i].status);
    out += "\"}";
  }
  out += ']';
}

}  // namespace ardent::store
