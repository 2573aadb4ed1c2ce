// CDS Hooks feedback (https://cds-hooks.org/specification/current/#feedback): what the clinician
// did with a card. Each item becomes a row of the audit log, in its hash chain like every
// evaluation: no findings, no triage, and tags naming the card (by uuid), the outcome, the
// override reason and the time. The evaluation that made the card names the same uuid in its
// `cds.cards` tag (hooks.cpp).
#include <vector>

#include <fmt/format.h>

#include "serve/handlers.hpp"

namespace ardent::serve {

namespace {

std::string string_at(const json& holder, const char* key, const std::string& where, bool required) {
  auto it = holder.find(key);
  if (it == holder.end()) {
    if (required) throw HttpError(400, "required", fmt::format("{} has no '{}'", where, key));
    return {};
  }
  if (!it->is_string() || it->get_ref<const std::string&>().empty())
    throw HttpError(400, "structure", fmt::format("{}'s '{}' is not a non-empty string", where, key));
  return it->get<std::string>();
}

store::AuditEntry entry_of(const Ruleset& rs, std::string_view service, const json& item, const std::string& where) {
  if (!item.is_object()) throw HttpError(400, "structure", fmt::format("{} is not an object", where));
  store::AuditEntry e;
  e.ruleset_name = rs.name();
  e.ruleset_version = rs.version();
  e.ruleset_hash = rs.hash();
  e.triage = "";  // not an evaluation
  auto& tags = e.context.tags;
  tags["cds.service"] = std::string(service);
  tags["cds.feedback.card"] = string_at(item, "card", where, true);
  const std::string outcome = string_at(item, "outcome", where, true);
  if (outcome != "accepted" && outcome != "overridden")
    throw HttpError(400, "value", fmt::format("{}'s outcome '{}' is neither 'accepted' nor 'overridden'", where, outcome));
  tags["cds.feedback.outcome"] = outcome;
  tags["cds.feedback.outcomeTimestamp"] = string_at(item, "outcomeTimestamp", where, true);
  if (auto it = item.find("overrideReason"); it != item.end()) {
    if (outcome != "overridden")
      throw HttpError(400, "invalid", fmt::format("{} gives an overrideReason for an outcome that is not 'overridden'", where));
    if (!it->is_object()) throw HttpError(400, "structure", fmt::format("{}'s overrideReason is not an object", where));
    if (auto reason = it->find("reason"); reason != it->end()) {
      if (!reason->is_object()) throw HttpError(400, "structure", fmt::format("{}'s overrideReason.reason is not a Coding", where));
      tags["cds.feedback.overrideReason"] = string_at(*reason, "code", where + ".overrideReason.reason", true);
      if (auto system = string_at(*reason, "system", where + ".overrideReason.reason", false); !system.empty())
        tags["cds.feedback.overrideReason.system"] = system;
    }
    if (auto comment = string_at(*it, "userComment", where + ".overrideReason", false); !comment.empty())
      tags["cds.feedback.userComment"] = comment;
  }
  if (auto it = item.find("acceptedSuggestions"); it != item.end()) {
    if (!it->is_array()) throw HttpError(400, "structure", fmt::format("{}'s acceptedSuggestions is not an array", where));
    std::string ids;
    for (const auto& s : *it) ids += (ids.empty() ? "" : " ") + string_at(s, "id", where + ".acceptedSuggestions[]", true);
    tags["cds.feedback.acceptedSuggestions"] = ids;
  }
  return e;
}

}  // namespace

std::size_t feedback(const Ruleset& rs, std::string_view service, std::string_view body, store::Audit* audit) {
  if (!hook_of(rs, service)) throw HttpError(404, "not-found", fmt::format("no CDS service '{}' here", service));
  const json request = parse_object(body, "feedback");
  auto list = request.find("feedback");
  if (list == request.end() || !list->is_array() || list->empty())
    throw HttpError(400, "required", "the request has no 'feedback' array with at least one item");
  // Every item is checked before any is recorded: a bad item refuses the whole request.
  std::vector<store::AuditEntry> entries;
  for (std::size_t i = 0; i < list->size(); ++i) entries.push_back(entry_of(rs, service, (*list)[i], fmt::format("feedback[{}]", i)));
  if (!audit) return 0;
  for (auto& e : entries) audit->record(std::move(e));
  audit->flush();  // answered 200 only once the feedback is committed
  return entries.size();
}

}  // namespace ardent::serve
