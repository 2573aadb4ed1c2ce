// What every fuzz target checks besides the sanitizers: no internal error, a return code that
// agrees with the thread's last error, renderings that are valid JSON and UTF-8, and a case that
// survives its own JSON unchanged. A broken promise aborts, so libFuzzer keeps the input.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "ardent.h"
#include "ardent/names.hpp"

namespace ardent::fuzz {

[[noreturn]] inline void bug(std::string_view what, std::string_view detail = {}) {
  std::fprintf(stderr, "fuzz: %.*s\n", static_cast<int>(what.size()), what.data());
  if (!detail.empty()) std::fprintf(stderr, "fuzz: %.*s\n", static_cast<int>(detail.size()), detail.data());
  std::abort();
}

// Checks one C ABI call's status against the last error: a failure is recorded with the same
// code and a readable message, a success leaves the last error as it was, and nothing is ever
// an internal error. Returns `status`.
class Call {
 public:
  explicit Call(const char* name) : name_(name), before_(ardent_last_error()->code) {}

  int operator()(int status) const {
    const ardent_error* e = ardent_last_error();
    if (status == ARDENT_EINTERNAL) bug(std::string(name_) + ": internal error", e->message);
    if (status < 0) {
      if (e->code != status)
        bug(std::string(name_) + " returned " + std::to_string(status) + " but the last error says " +
            std::to_string(e->code), e->message);
      const std::string_view message = e->message;
      if (message.empty()) bug(std::string(name_) + ": a failure without a message");
      if (!valid_utf8(message) || !valid_utf8(e->file) || !valid_utf8(e->finding))
        bug(std::string(name_) + ": the last error is not valid UTF-8");
    } else if (e->code != before_) {
      bug(std::string(name_) + " succeeded but changed the last error", e->message);
    }
    return status;
  }

 private:
  const char* name_;
  int before_;
};

// Runs `expression` (a C ABI call returning a status) through Call.
#define ARDENT_FUZZ_CALL(expression) (::ardent::fuzz::Call(#expression)(expression))

// The statuses with which a setter may refuse input it was given (anything else is a bug).
inline bool is_input_refusal(int status) {
  return status == ARDENT_EINVALID || status == ARDENT_ENOTFOUND || status == ARDENT_ETYPE ||
         status == ARDENT_ERANGE || status == ARDENT_ENOMEM;
}

// A rendering the library promises as JSON must parse as JSON (which also proves it UTF-8).
inline void expect_json(const char* what, const char* text) {
  if (text == nullptr) bug(std::string(what) + ": NULL after success");
  if (!nlohmann::json::accept(text)) bug(std::string(what) + ": not valid JSON", text);
}

inline void expect_utf8(const char* what, const char* text) {
  if (text == nullptr) bug(std::string(what) + ": NULL after success");
  if (!valid_utf8(text)) bug(std::string(what) + ": not valid UTF-8");
}

// The case's JSON, read into a fresh case of the same rule set, gives the same JSON back.
inline void expect_round_trip(const ardent_case* kase) {
  char* first = nullptr;
  if (ARDENT_FUZZ_CALL(ardent_case_json(&first, kase)) != ARDENT_OK) return;  // out of memory
  expect_json("ardent_case_json", first);
  ardent_case* copy = nullptr;
  ARDENT_FUZZ_CALL(ardent_case_new(&copy, ardent_case_ruleset(kase)));
  if (copy == nullptr) bug("ardent_case_new failed on a live rule set");
  const int status = ARDENT_FUZZ_CALL(ardent_case_set_json(copy, first, ARDENT_NUL_TERMINATED));
  if (status != ARDENT_OK) bug("the case's own JSON is refused", std::string(first) + "\n" + ardent_last_error()->message);
  char* second = nullptr;
  ARDENT_FUZZ_CALL(ardent_case_json(&second, copy));
  if (second == nullptr || std::string_view(first) != second)
    bug("the JSON round trip changed the case", std::string(first) + "\n" + (second ? second : "(null)"));
  ardent_string_free(second);
  ardent_case_free(copy);
  ardent_string_free(first);
}

// Reads everything a result offers, with every index in range and one past the end.
void read_whole_result(const ardent_result* result, const ardent_case* kase);

// Evaluates the case, reads the whole result, then evaluates it again into the same result with
// max_ask 1 and checks its JSON.
void evaluate_and_read(const ardent_ruleset* rs, const ardent_case* kase);

// Rule sets of the repository to fuzz against, compiled once: rules/hip, the conformance rule
// sets, the C ABI's small rule set and the doors rule set.
const std::vector<ardent_ruleset*>& repository_rulesets();

}  // namespace ardent::fuzz
