// The C ABI's handles and the machinery every entry point shares: the thread-local last error
// and the guard that turns any C++ exception into a status code.
//
// Only the public C++ API (include/ardent/) is used here, never the engine's internals.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ardent.h"
#include "ardent/case.hpp"
#include "ardent/diagnostics.hpp"
#include "ardent/names.hpp"
#include "ardent/result.hpp"
#include "ardent/ruleset.hpp"

namespace ardent::capi {

// What the opaque handles of ardent.h point to. The C types (ardent_ruleset, ...) stay
// incomplete everywhere, even inside the library, so that the debug information -- and hence
// the ABI baseline -- describes exactly the C interface and none of these internals.

// C views of a compiled rule set: the arrays of borrowed pointers that the info structs hand
// out, built once so that every getter is a plain copy.
struct RulesetImpl {
  struct FindingView {
    std::vector<const char*> values;
    std::vector<ardent_code> codes;
  };
  struct ConditionView {
    std::vector<ardent_code> codes;
    std::vector<const char*> advice;
  };
  struct RuleView {
    std::vector<ardent_code> codes;
    std::vector<const char*> advice;
  };

  explicit RulesetImpl(ardent::RulesetPtr compiled);

  // Cases and results retain the handle so that ardent_ruleset_free() may come first.
  void retain() const { refs.fetch_add(1, std::memory_order_relaxed); }
  void release() const;

  const ardent::Ruleset& get() const { return *ruleset; }
  std::uint32_t finding_count() const { return static_cast<std::uint32_t>(ruleset->findings().size()); }

  ardent::RulesetPtr ruleset;
  std::vector<FindingView> findings;
  std::vector<ConditionView> conditions;
  std::vector<RuleView> rules;
  mutable std::atomic<std::uint32_t> refs{1};
};

struct CaseImpl {
  explicit CaseImpl(const RulesetImpl* owner_handle);
  ~CaseImpl() { owner->release(); }
  CaseImpl(const CaseImpl&) = delete;
  CaseImpl& operator=(const CaseImpl&) = delete;

  const RulesetImpl* owner;
  ardent::Case findings;
};

// One rule's explanation, kept until the result is evaluated again.
struct ExplanationCache {
  std::uint32_t epoch = 0;  // valid when equal to the result's epoch
  ardent::Explanation explanation;
  std::string text;
  std::vector<ardent_fact> facts, missing, unknown;
};

struct ResultImpl {
  ResultImpl() = default;
  ~ResultImpl() { set_owner(nullptr); }
  ResultImpl(const ResultImpl&) = delete;
  ResultImpl& operator=(const ResultImpl&) = delete;

  void set_owner(const RulesetImpl* handle);

  const RulesetImpl* owner = nullptr;
  std::optional<ardent::Case> findings;  // the evaluated case, for explanations and rendering
  ardent::Result outcome;
  bool evaluated = false;
  std::size_t max_ask = 0;               // from the evaluate options; 0 = all
  std::uint32_t epoch = 1;               // bumped by every evaluation
  // Filled on request by the const readers; a result belongs to one thread at a time.
  mutable std::vector<ExplanationCache> explanations;  // per rule
  // The screen's questions not asked yet (ardent_result_interview), for the current epoch.
  mutable std::vector<std::uint32_t> screen_pending;
  mutable std::uint32_t screen_epoch = 0;

  // The ask-next items reported: the engine's list (worked out on first use), capped by max_ask.
  std::size_t ask_count() const {
    std::size_t all = outcome.ask_next().size();
    return max_ask == 0 || max_ask > all ? all : max_ask;
  }
};

struct DiagnosticsImpl {
  std::vector<ardent::Diagnostic> list;
  std::vector<std::string> texts;  // each formatted with its caret
  std::string all;
  std::size_t errors = 0, warnings = 0;
};

// Conversions between the opaque C handles and what they point to.
inline RulesetImpl* impl(ardent_ruleset* p) { return reinterpret_cast<RulesetImpl*>(p); }
inline const RulesetImpl* impl(const ardent_ruleset* p) { return reinterpret_cast<const RulesetImpl*>(p); }
inline CaseImpl* impl(ardent_case* p) { return reinterpret_cast<CaseImpl*>(p); }
inline const CaseImpl* impl(const ardent_case* p) { return reinterpret_cast<const CaseImpl*>(p); }
inline ResultImpl* impl(ardent_result* p) { return reinterpret_cast<ResultImpl*>(p); }
inline const ResultImpl* impl(const ardent_result* p) { return reinterpret_cast<const ResultImpl*>(p); }
inline DiagnosticsImpl* impl(ardent_diagnostics* p) { return reinterpret_cast<DiagnosticsImpl*>(p); }
inline const DiagnosticsImpl* impl(const ardent_diagnostics* p) {
  return reinterpret_cast<const DiagnosticsImpl*>(p);
}
inline ardent_ruleset* handle(RulesetImpl* p) { return reinterpret_cast<ardent_ruleset*>(p); }
inline const ardent_ruleset* handle(const RulesetImpl* p) { return reinterpret_cast<const ardent_ruleset*>(p); }
inline ardent_case* handle(CaseImpl* p) { return reinterpret_cast<ardent_case*>(p); }
inline ardent_result* handle(ResultImpl* p) { return reinterpret_cast<ardent_result*>(p); }
inline ardent_diagnostics* handle(DiagnosticsImpl* p) { return reinterpret_cast<ardent_diagnostics*>(p); }

// Records a failure in the calling thread's last error and returns `code`. Never throws.
int fail(int code, std::string_view message, std::string_view finding = {}) noexcept;
int fail_at(int code, std::string_view message, std::string_view file, std::uint32_t line,
            std::uint32_t column) noexcept;

// Shorthands for the commonest failures: "<what> is NULL" (ARDENT_EINVALID), "<what> <index>
// is out of range" (ARDENT_ERANGE), an info or option struct of an unknown version.
int fail_null(std::string_view what) noexcept;
int fail_index(std::string_view what, std::size_t index, std::size_t count) noexcept;
int fail_version(std::string_view type) noexcept;

// Maps the exception being handled to a status code and records it. Call only from a catch.
int fail_from_exception() noexcept;

// Runs `body` (returning a status code) so that no exception escapes.
template <class Body>
int guard(Body&& body) noexcept {
  try {
    return body();
  } catch (...) {
    return fail_from_exception();
  }
}

// Turns a compiler's output into the C outputs of the compile functions: *out (the rule set
// on success), *diagnostics_out (when not NULL), the status and the last error. May throw
// (std::bad_alloc): call inside guard(), and free *out should it throw.
int finish_compile(ardent_ruleset** out, ardent_diagnostics** diagnostics_out, bool werror,
                   ardent::CompileOutput output);

// A copy of `text` in memory the caller releases with ardent_string_free(); null when out of
// memory.
char* dup_string(std::string_view text) noexcept;

// Quoting, UTF-8 checks and "did you mean" come from the engine's one home for them.
using ardent::closest_name;
using ardent::invalid_utf8_at;
using ardent::to_valid_utf8;
using ardent::valid_utf8;
inline std::string quote(std::string_view name) { return ardent::in_quotes(name); }

// ARDENT_ENOTFOUND for a name that is not among `names` (with a "did you mean"), or
// ARDENT_EINVALID when the name is not valid UTF-8. Must be called inside guard().
int not_found(std::string_view kind, std::string_view name, const std::vector<std::string_view>& names);

// Fails unless an info or item struct's version is one this library knows (1..current).
inline bool version_ok(unsigned int version, unsigned int current) {
  return version >= 1 && version <= current;
}

}  // namespace ardent::capi
