// Reading a result: triage, red flags, conditions, advice, undecided rules, ask-next,
// evaluation warnings and explanations.
#include <algorithm>
#include <cstring>

#include "internal.hpp"

using namespace ardent::capi;

namespace {

// The checks every struct getter starts with: ARDENT_OK or a recorded failure.
template <class Item>
int check_item(const Item* out, unsigned int current, const char* type, const ResultImpl* r) {
  if (out == nullptr) return fail_null("out");
  if (r == nullptr) return fail_null("result");
  if (!version_ok(out->version, current)) return fail_version(type);
  if (!r->evaluated) return fail(ARDENT_EINVALID, "the result has not been evaluated");
  return ARDENT_OK;
}

int check_position(std::size_t index, std::size_t count, const char* what) {
  return index < count ? ARDENT_OK : fail_index(what, index, count);
}

template <class T>
const T* data_or_null(const std::vector<T>& v) {
  return v.empty() ? nullptr : v.data();
}

template <class T>
const T* data_or_null(std::span<const T> s) {
  return s.empty() ? nullptr : s.data();
}

std::size_t evaluated_count(const ResultImpl* r, std::size_t count) {
  return (r == nullptr || !r->evaluated) ? 0 : count;
}

}  // namespace

extern "C" {

ARDENT_API const ardent_ruleset* ardent_result_ruleset(const ardent_result* result_handle) {
  const ResultImpl* result = impl(result_handle);
  return (result == nullptr || !result->evaluated) ? nullptr : handle(result->owner);
}

ARDENT_API int ardent_result_triage(const ardent_result* result_handle) {
  const ResultImpl* result = impl(result_handle);
  if (result == nullptr) return fail_null("result");
  if (!result->evaluated) return fail(ARDENT_EINVALID, "the result has not been evaluated");
  return static_cast<int>(result->outcome.triage());
}

ARDENT_API int ardent_result_triage_is_default(const ardent_result* result_handle) {
  const ResultImpl* result = impl(result_handle);
  if (result == nullptr) return fail_null("result");
  if (!result->evaluated) return fail(ARDENT_EINVALID, "the result has not been evaluated");
  return result->outcome.triage_is_default() ? 1 : 0;
}

ARDENT_API int ardent_result_rule_state(const ardent_result* result_handle, std::uint32_t rule) {
  const ResultImpl* result = impl(result_handle);
  if (result == nullptr) return fail_null("result");
  if (!result->evaluated) return fail(ARDENT_EINVALID, "the result has not been evaluated");
  std::size_t rules = result->outcome.rule_states().size();
  if (rule >= rules) return fail_index("rule", rule, rules);
  return static_cast<int>(result->outcome.rule_state(rule));
}

ARDENT_API int ardent_result_rule_states(int* out, const ardent_result* result_handle, std::size_t count) {
  const ResultImpl* result = impl(result_handle);
  if (out == nullptr && count > 0) return fail_null("out");
  if (result == nullptr) return fail_null("result");
  if (!result->evaluated) return fail(ARDENT_EINVALID, "the result has not been evaluated");
  const auto states = result->outcome.rule_states();
  if (count > states.size())
    return guard([&] {
      return fail(ARDENT_ERANGE, "count " + std::to_string(count) + " is more than the " +
                                     std::to_string(states.size()) + " rules");
    });
  for (std::size_t i = 0; i < count; ++i) out[i] = static_cast<int>(states[i]);
  return ARDENT_OK;
}

ARDENT_API int ardent_result_fired_mask(std::uint64_t* out, const ardent_result* result_handle, std::size_t words) {
  const ResultImpl* result = impl(result_handle);
  if (out == nullptr && words > 0) return fail_null("out");
  if (result == nullptr) return fail_null("result");
  if (!result->evaluated) return fail(ARDENT_EINVALID, "the result has not been evaluated");
  const auto states = result->outcome.rule_states();
  const std::size_t needed = (states.size() + 63) / 64;
  if (words < needed)
    return guard([&] {
      return fail(ARDENT_ERANGE, std::to_string(words) + " words hold fewer bits than the " +
                                     std::to_string(states.size()) + " rules (" + std::to_string(needed) +
                                     " words needed)");
    });
  std::fill(out, out + words, std::uint64_t{0});
  // Eight states a step: fired (2) is the only state with bit 1 set, and the multiplication
  // gathers bit 1 of each of the eight bytes into the top byte, the first byte lowest.
  static_assert(static_cast<int>(ardent::RuleState::fired) == 2 && static_cast<int>(ardent::RuleState::undecided) == 1);
  std::size_t i = 0;
  for (; i + 8 <= states.size(); i += 8) {
    std::uint64_t eight;
    std::memcpy(&eight, states.data() + i, 8);
    const std::uint64_t bits = (((eight >> 1) & 0x0101010101010101ull) * 0x0102040810204080ull) >> 56;
    out[i / 64] |= bits << (i % 64);
  }
  for (; i < states.size(); ++i) out[i / 64] |= std::uint64_t{states[i] == ardent::RuleState::fired} << (i % 64);
  return ARDENT_OK;
}

ARDENT_API std::size_t ardent_result_redflag_count(const ardent_result* result_handle) {
  const ResultImpl* result = impl(result_handle);
  return result == nullptr ? 0 : evaluated_count(result, result->outcome.red_flags().size());
}

ARDENT_API int ardent_result_get_redflag(ardent_redflag* out, const ardent_result* result_handle, std::size_t index) {
  const ResultImpl* result = impl(result_handle);
  if (int rc = check_item(out, ARDENT_REDFLAG_VERSION, "ardent_redflag", result); rc != ARDENT_OK) return rc;
  auto flags = result->outcome.red_flags();
  if (int rc = check_position(index, flags.size(), "red flag"); rc != ARDENT_OK) return rc;
  std::uint32_t rule = flags[index];
  const auto& info = result->owner->get().rules()[rule];
  out->rule = rule;
  out->id = info.name.c_str();
  out->label = info.label.empty() ? info.name.c_str() : info.label.c_str();
  out->triage = info.triage ? static_cast<int>(*info.triage) : ARDENT_TRIAGE_NONE;
  return ARDENT_OK;
}

ARDENT_API std::size_t ardent_result_condition_count(const ardent_result* result_handle) {
  const ResultImpl* result = impl(result_handle);
  return result == nullptr ? 0 : evaluated_count(result, result->outcome.conditions().size());
}

ARDENT_API int ardent_result_get_condition(ardent_conclusion* out, const ardent_result* result_handle, std::size_t index) {
  const ResultImpl* result = impl(result_handle);
  if (int rc = check_item(out, ARDENT_CONCLUSION_VERSION, "ardent_conclusion", result); rc != ARDENT_OK) return rc;
  auto conditions = result->outcome.conditions();
  if (int rc = check_position(index, conditions.size(), "condition"); rc != ARDENT_OK) return rc;
  const auto& outcome = conditions[index];
  const auto& info = result->owner->get().conditions()[outcome.condition];
  const auto& view = result->owner->conditions[outcome.condition];
  out->condition = outcome.condition;
  out->id = info.name.c_str();
  out->label = info.label.empty() ? info.name.c_str() : info.label.c_str();
  out->status = static_cast<int>(outcome.status);
  out->strength = static_cast<int>(outcome.strength);
  out->priority = outcome.priority;
  out->code_count = view.codes.size();
  out->codes = data_or_null(view.codes);
  out->advice_count = view.advice.size();
  out->advice = data_or_null(view.advice);
  return ARDENT_OK;
}

ARDENT_API std::size_t ardent_result_advice_count(const ardent_result* result_handle) {
  const ResultImpl* result = impl(result_handle);
  return result == nullptr ? 0 : evaluated_count(result, result->outcome.advice().size());
}

ARDENT_API int ardent_result_get_advice(const char** out, const ardent_result* result_handle, std::size_t index) {
  const ResultImpl* result = impl(result_handle);
  if (out == nullptr) return fail_null("out");
  *out = nullptr;
  if (result == nullptr) return fail_null("result");
  if (!result->evaluated) return fail(ARDENT_EINVALID, "the result has not been evaluated");
  auto advice = result->outcome.advice();
  if (int rc = check_position(index, advice.size(), "advice"); rc != ARDENT_OK) return rc;
  *out = result->owner->get().advice_text(advice[index]).c_str();
  return ARDENT_OK;
}

ARDENT_API std::size_t ardent_result_undecided_count(const ardent_result* result_handle) {
  const ResultImpl* result = impl(result_handle);
  return result == nullptr ? 0 : evaluated_count(result, result->outcome.undecided().size());
}

ARDENT_API int ardent_result_get_undecided(ardent_undecided* out, const ardent_result* result_handle, std::size_t index) {
  const ResultImpl* result = impl(result_handle);
  if (int rc = check_item(out, ARDENT_UNDECIDED_VERSION, "ardent_undecided", result); rc != ARDENT_OK) return rc;
  auto undecided = result->outcome.undecided();
  if (int rc = check_position(index, undecided.size(), "undecided rule"); rc != ARDENT_OK) return rc;
  const auto& u = undecided[index];
  const auto& info = result->owner->get().rules()[u.rule];
  auto missing = result->outcome.missing(u);
  out->rule = u.rule;
  out->id = info.name.c_str();
  out->redflag = info.redflag ? 1 : 0;
  out->missing_count = missing.size();
  out->missing = data_or_null(missing);
  if (out->version >= 2) out->standing = static_cast<int>(u.standing);  // a version-1 struct ends before it
  return ARDENT_OK;
}

ARDENT_API std::size_t ardent_result_ask_count(const ardent_result* result_handle) {
  const ResultImpl* result = impl(result_handle);
  return result == nullptr ? 0 : evaluated_count(result, result->ask_count());
}

ARDENT_API int ardent_result_get_ask(ardent_ask* out, const ardent_result* result_handle, std::size_t index) {
  const ResultImpl* result = impl(result_handle);
  if (int rc = check_item(out, ARDENT_ASK_VERSION, "ardent_ask", result); rc != ARDENT_OK) return rc;
  if (int rc = check_position(index, result->ask_count(), "ask-next item"); rc != ARDENT_OK) return rc;
  const auto& item = result->outcome.ask_next()[index];
  const auto& info = result->owner->get().findings()[item.finding];
  auto rules = result->outcome.could_decide(item);
  out->finding = item.finding;
  out->name = info.name.c_str();
  out->question = !info.question.empty() ? info.question.c_str()
                  : !info.label.empty()  ? info.label.c_str()
                                         : info.name.c_str();
  out->reason = static_cast<int>(item.reason);
  out->rule_count = rules.size();
  out->rules = data_or_null(rules);
  return ARDENT_OK;
}

ARDENT_API std::size_t ardent_result_warning_count(const ardent_result* result_handle) {
  const ResultImpl* result = impl(result_handle);
  return result == nullptr ? 0 : evaluated_count(result, result->outcome.warnings().size());
}

ARDENT_API int ardent_result_get_warning(ardent_eval_warning* out, const ardent_result* result_handle, std::size_t index) {
  const ResultImpl* result = impl(result_handle);
  if (int rc = check_item(out, ARDENT_EVAL_WARNING_VERSION, "ardent_eval_warning", result); rc != ARDENT_OK)
    return rc;
  auto warnings = result->outcome.warnings();
  if (int rc = check_position(index, warnings.size(), "warning"); rc != ARDENT_OK) return rc;
  const auto& w = warnings[index];
  const auto& rs = result->owner->get();
  out->kind = static_cast<int>(w.kind);
  out->owner = static_cast<int>(w.owner);
  out->index = w.index;
  switch (w.owner) {
    case ardent::EvalWarning::Owner::rule: out->name = rs.rules()[w.index].name.c_str(); break;
    case ardent::EvalWarning::Owner::define: out->name = rs.defines()[w.index].name.c_str(); break;
    case ardent::EvalWarning::Owner::score: out->name = rs.scores()[w.index].name.c_str(); break;
    case ardent::EvalWarning::Owner::finding: out->name = rs.findings()[w.index].name.c_str(); break;
  }
  return ARDENT_OK;
}

ARDENT_API int ardent_result_interview(ardent_interview* out, const ardent_result* result_handle) {
  const ResultImpl* result = impl(result_handle);
  if (int rc = check_item(out, ARDENT_INTERVIEW_VERSION, "ardent_interview", result); rc != ARDENT_OK) return rc;
  return guard([&] {
    const ardent::ScreenInfo& screen = result->owner->get().screen();
    const ardent::Case& findings = *result->findings;
    if (result->screen_epoch != result->epoch) {
      result->screen_epoch = 0;  // stays invalid should anything below throw
      result->screen_pending.clear();
      for (std::uint32_t slot : screen.findings)
        if (findings.state(slot) == ardent::FindingState::not_asked) result->screen_pending.push_back(slot);
      result->screen_epoch = result->epoch;
    }
    const bool complete = result->outcome.complete();
    out->complete = complete ? 1 : 0;
    out->provisional = complete ? 0 : 1;
    out->self_care_withheld = 0;  // the engine no longer withholds self-care (see ardent.h)
    out->screen_title = screen.title.c_str();
    out->screen_count = screen.findings.size();
    out->screen = data_or_null(screen.findings);
    out->screen_pending_count = result->screen_pending.size();
    out->screen_asked = screen.findings.size() - result->screen_pending.size();
    out->screen_pending = data_or_null(result->screen_pending);
    return ARDENT_OK;
  });
}

ARDENT_API int ardent_result_explain(ardent_explanation* out, const ardent_result* result_handle,
                                     std::uint32_t rule) {
  const ResultImpl* result = impl(result_handle);
  if (int rc = check_item(out, ARDENT_EXPLANATION_VERSION, "ardent_explanation", result); rc != ARDENT_OK)
    return rc;
  std::size_t rules = result->outcome.rule_states().size();
  if (rule >= rules) return fail_index("rule", rule, rules);
  return guard([&] {
    if (result->explanations.size() != rules) result->explanations.resize(rules);
    ExplanationCache& cache = result->explanations[rule];
    if (cache.epoch != result->epoch) {
      cache.epoch = 0;  // stays invalid should anything below throw
      cache.explanation = ardent::explain(*result->findings, result->outcome, rule);
      cache.text = cache.explanation.reasons();
      auto view = [](const std::vector<ardent::Fact>& facts, std::vector<ardent_fact>& views) {
        views.clear();
        for (const auto& f : facts) views.push_back({static_cast<int>(f.kind), f.index, f.holds ? 1 : 0, f.text.c_str()});
      };
      view(cache.explanation.facts, cache.facts);
      view(cache.explanation.missing, cache.missing);
      view(cache.explanation.unknown, cache.unknown);
      cache.epoch = result->epoch;
    }
    const auto& e = cache.explanation;
    out->rule = rule;
    out->state = static_cast<int>(e.state);
    out->text = cache.text.c_str();
    out->fact_count = cache.facts.size();
    out->facts = data_or_null(cache.facts);
    out->missing_count = cache.missing.size();
    out->missing = data_or_null(cache.missing);
    out->unknown_count = cache.unknown.size();
    out->unknown = data_or_null(cache.unknown);
    out->file = e.location.file.c_str();
    out->line = e.location.line;
    out->column = e.location.column;
    return ARDENT_OK;
  });
}

}  // extern "C"
