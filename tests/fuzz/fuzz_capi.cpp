// Byte-driven sequences of C ABI calls, as a careless host might make them: a few cases and
// results in slots, created, filled, cleared, evaluated (one by one, into, in batches on several
// threads) and freed in any order; names that are real, misspelt or garbage; indices in range,
// one past the end and huge; numbers that are NaN, infinite, huge or subnormal; options of
// unknown versions; rule sets compiled from the input and freed while their cases live on.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include <fuzzer/FuzzedDataProvider.h>

#include "harness.hpp"

using namespace ardent::fuzz;

namespace {

constexpr std::size_t kSlots = 4;
constexpr std::size_t kMaxOwnRulesets = 2;

class Session {
 public:
  explicit Session(FuzzedDataProvider& in) : in_(in) {}
  ~Session() {
    for (auto* c : cases_) ardent_case_free(c);
    for (auto* r : results_) ardent_result_free(r);
    for (auto* rs : own_) ardent_ruleset_free(rs);
    ardent_error_clear();
  }

  void step() {
    switch (in_.ConsumeIntegralInRange(0, 22)) {
      case 0: new_case(); break;
      case 1: free_case(); break;
      case 2: ARDENT_FUZZ_CALL(ardent_case_clear(some_case())); break;
      case 3: set_by_name(); break;
      case 4: set_by_index(); break;
      case 5: set_json(); break;
      case 6: read_case(); break;
      case 7: new_result(); break;
      case 8: evaluate(); break;
      case 9: evaluate_batch(); break;
      case 10: read_result(); break;
      case 11: render(); break;
      case 12: look_up(); break;
      case 13: compile(); break;
      case 14: free_own_ruleset(); break;
      case 15: free_result(); break;
      case 16: ardent_error_clear(); break;
      case 17: names_of_values(); break;
      case 18: set_many(); break;
      case 19: evaluate_sliced(); break;
      case 20: render_into(); break;
      case 21: evaluate_columns(); break;
      case 22: evaluate_bits(); break;
    }
  }

 private:
  // --- choosing arguments --------------------------------------------------------------------

  ardent_ruleset* some_ruleset() {
    const auto& repo = repository_rulesets();
    const std::size_t n = repo.size() + own_.size();
    const std::size_t i = in_.ConsumeIntegralInRange<std::size_t>(0, n);  // n: NULL
    if (i == n) return nullptr;
    return i < repo.size() ? repo[i] : own_[i - repo.size()];
  }
  ardent_case*& case_slot() { return cases_[in_.ConsumeIntegralInRange<std::size_t>(0, kSlots - 1)]; }
  ardent_result*& result_slot() { return results_[in_.ConsumeIntegralInRange<std::size_t>(0, kSlots - 1)]; }
  ardent_case* some_case() { return case_slot(); }
  ardent_result* some_result() { return result_slot(); }

  std::uint32_t index(std::size_t count) {
    switch (in_.ConsumeIntegralInRange(0, 3)) {
      case 0: return static_cast<std::uint32_t>(count);
      case 1: return std::numeric_limits<std::uint32_t>::max();
      case 2: return in_.ConsumeIntegral<std::uint32_t>();
      default: return count == 0 ? 0 : in_.ConsumeIntegralInRange<std::uint32_t>(0, static_cast<std::uint32_t>(count - 1));
    }
  }

  double number() {
    static constexpr double kEdges[] = {
        std::numeric_limits<double>::quiet_NaN(), -std::numeric_limits<double>::quiet_NaN(),
        std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity(),
        std::numeric_limits<double>::max(), std::numeric_limits<double>::lowest(),
        std::numeric_limits<double>::min(), std::numeric_limits<double>::denorm_min(),
        0.0, -0.0, 1e308, -1e-308, 9007199254740993.0, -1.0, 0.5, 1e15, 120.0, 4294967296.0};
    switch (in_.ConsumeIntegralInRange(0, 2)) {
      case 0: return kEdges[in_.ConsumeIntegralInRange<std::size_t>(0, std::size(kEdges) - 1)];
      case 1: return in_.ConsumeFloatingPoint<double>();
      default: return in_.ConsumeIntegralInRange(-10, 200);
    }
  }

  // A finding name or enum value of `rs` (as declared, or with one byte changed), or garbage.
  std::string name(const ardent_ruleset* rs, bool value = false) {
    ardent_ruleset_info info = ARDENT_RULESET_INFO_INIT;
    const int choice = in_.ConsumeIntegralInRange(0, 3);
    if (choice == 0 || rs == nullptr || ardent_ruleset_get_info(&info, rs) != ARDENT_OK || info.finding_count == 0)
      return in_.ConsumeRandomLengthString(64);
    ardent_finding_info f = ARDENT_FINDING_INFO_INIT;
    ardent_finding_get(&f, rs, in_.ConsumeIntegralInRange<std::uint32_t>(0, static_cast<std::uint32_t>(info.finding_count - 1)));
    std::string s = f.name;
    if (value && f.value_count > 0) s = f.values[in_.ConsumeIntegralInRange<std::size_t>(0, f.value_count - 1)];
    if (choice == 3 && !s.empty()) s[in_.ConsumeIntegralInRange<std::size_t>(0, s.size() - 1)] = in_.ConsumeIntegral<char>();
    return s;
  }

  ardent_evaluate_options evaluate_options() {
    ardent_evaluate_options opts = ARDENT_EVALUATE_OPTIONS_INIT;
    if (in_.ConsumeBool()) opts.version = in_.ConsumeIntegralInRange(0u, 3u);
    opts.max_ask = in_.ConsumeIntegralInRange<std::size_t>(0, 4);
    return opts;
  }

  // --- cases -----------------------------------------------------------------------------------

  void new_case() {
    ardent_case*& slot = case_slot();
    ardent_case_free(slot);
    slot = nullptr;
    ARDENT_FUZZ_CALL(ardent_case_new(&slot, some_ruleset()));
  }

  void free_case() {
    ardent_case*& slot = case_slot();
    ardent_case_free(slot);
    slot = nullptr;
  }

  void set_by_name() {
    ardent_case* kase = some_case();
    const ardent_ruleset* rs = ardent_case_ruleset(kase);
    const std::string finding = name(rs);
    switch (in_.ConsumeIntegralInRange(0, 5)) {
      case 0: ARDENT_FUZZ_CALL(ardent_case_set_bool(kase, finding.c_str(), in_.ConsumeIntegral<int>())); break;
      case 1: ARDENT_FUZZ_CALL(ardent_case_set_number(kase, finding.c_str(), number())); break;
      case 2: ARDENT_FUZZ_CALL(ardent_case_set_enum(kase, finding.c_str(), name(rs, true).c_str())); break;
      case 3:
        ARDENT_FUZZ_CALL(ardent_case_set_duration(kase, finding.c_str(), number(), in_.ConsumeIntegralInRange(-1, 6)));
        break;
      case 4: ARDENT_FUZZ_CALL(ardent_case_set_unknown(kase, finding.c_str())); break;
      default: ARDENT_FUZZ_CALL(ardent_case_unset(kase, finding.c_str())); break;
    }
  }

  void set_by_index() {
    ardent_case* kase = some_case();
    const ardent_ruleset* rs = ardent_case_ruleset(kase);
    ardent_ruleset_info info = ARDENT_RULESET_INFO_INIT;
    if (rs != nullptr) ardent_ruleset_get_info(&info, rs);
    const std::uint32_t at = index(info.finding_count);
    switch (in_.ConsumeIntegralInRange(0, 6)) {
      case 0: ARDENT_FUZZ_CALL(ardent_case_set_bool_at(kase, at, in_.ConsumeIntegral<int>())); break;
      case 1: ARDENT_FUZZ_CALL(ardent_case_set_number_at(kase, at, number())); break;
      case 2: ARDENT_FUZZ_CALL(ardent_case_set_enum_at(kase, at, name(rs, true).c_str())); break;
      case 3: ARDENT_FUZZ_CALL(ardent_case_set_enum_index_at(kase, at, index(8))); break;
      case 4: ARDENT_FUZZ_CALL(ardent_case_set_duration_at(kase, at, number(), in_.ConsumeIntegralInRange(-1, 6))); break;
      case 5: ARDENT_FUZZ_CALL(ardent_case_set_unknown_at(kase, at)); break;
      default: ARDENT_FUZZ_CALL(ardent_case_unset_at(kase, at)); break;
    }
  }

  void set_json() {
    ardent_case* kase = some_case();
    const std::string json = in_.ConsumeRandomLengthString(512);
    ARDENT_FUZZ_CALL(ardent_case_set_json(kase, json.data(), json.size()));
  }

  void read_case() {
    ardent_case* kase = some_case();
    if (kase == nullptr || in_.ConsumeBool()) {
      ARDENT_FUZZ_CALL(ardent_case_state(kase, index(64)));
      return;
    }
    expect_round_trip(kase);
  }

  // --- results ---------------------------------------------------------------------------------

  void new_result() {
    ardent_result*& slot = result_slot();
    ardent_result_free(slot);
    slot = nullptr;
    ARDENT_FUZZ_CALL(ardent_result_new(&slot));
  }

  void free_result() {
    ardent_result*& slot = result_slot();
    ardent_result_free(slot);
    slot = nullptr;
  }

  void evaluate() {
    ardent_case* kase = some_case();
    const ardent_ruleset* rs = in_.ConsumeIntegralInRange(0, 7) == 0 ? some_ruleset() : ardent_case_ruleset(kase);
    const ardent_evaluate_options opts = evaluate_options();
    const ardent_evaluate_options* options = in_.ConsumeBool() ? &opts : nullptr;
    ardent_result*& slot = result_slot();
    if (slot != nullptr && in_.ConsumeBool()) {
      ARDENT_FUZZ_CALL(ardent_evaluate_into(slot, rs, kase, options));
      return;
    }
    ardent_result_free(slot);
    slot = nullptr;
    ARDENT_FUZZ_CALL(ardent_evaluate(&slot, rs, kase, options));
  }

  // Enough cases to start a second thread (one per 32 cases), made of the slots' cases.
  void evaluate_batch() {
    const std::size_t count = in_.ConsumeIntegralInRange<std::size_t>(0, 80);
    std::vector<const ardent_case*> batch(count);
    std::vector<ardent_result*> out(count, nullptr);
    for (std::size_t i = 0; i < count; ++i) batch[i] = cases_[i % kSlots];
    if (count > 0 && in_.ConsumeBool()) batch[in_.ConsumeIntegralInRange<std::size_t>(0, count - 1)] = some_case();
    if (count > 0 && in_.ConsumeBool()) out[in_.ConsumeIntegralInRange<std::size_t>(0, count - 1)] = some_result();
    if (count > 1 && in_.ConsumeBool()) out[count - 1] = out[0];  // the same result twice: refused
    const ardent_case* first = count > 0 ? batch[0] : nullptr;
    const ardent_ruleset* rs = in_.ConsumeBool() ? some_ruleset() : ardent_case_ruleset(first);
    const ardent_evaluate_options opts = evaluate_options();
    const std::vector<ardent_result*> given = out;
    ARDENT_FUZZ_CALL(ardent_evaluate_batch(out.data(), rs, batch.data(), count, in_.ConsumeIntegralInRange(0u, 3u),
                                           in_.ConsumeBool() ? &opts : nullptr));
    // Whatever the status, the caller frees what the batch created.
    for (std::size_t i = 0; i < count; ++i) {
      if (given[i] != nullptr) continue;
      if (i == 0 && out[i] != nullptr) read_whole_result(out[i], batch[i]);
      ardent_result_free(out[i]);
    }
  }

  // The bulk setters: a refusal leaves the case as it was (all or nothing).
  void set_many() {
    ardent_case* kase = some_case();
    const ardent_ruleset* rs = ardent_case_ruleset(kase);
    ardent_ruleset_info info = ARDENT_RULESET_INFO_INIT;
    if (rs != nullptr) ardent_ruleset_get_info(&info, rs);
    const std::size_t count = in_.ConsumeIntegralInRange<std::size_t>(0, 12);
    std::vector<std::uint32_t> slots(count);
    for (auto& slot : slots) slot = index(info.finding_count);
    char* before = nullptr;
    if (kase != nullptr) ardent_case_json(&before, kase);
    int rc = ARDENT_OK;
    if (in_.ConsumeBool()) {
      std::vector<int> values(count);
      for (auto& v : values) v = in_.ConsumeIntegralInRange(-1, 2);
      rc = ARDENT_FUZZ_CALL(ardent_case_set_bools(kase, count ? slots.data() : nullptr, count ? values.data() : nullptr, count));
    } else {
      std::vector<double> values(count);
      for (auto& v : values) v = number();
      rc = ARDENT_FUZZ_CALL(ardent_case_set_numbers(kase, count ? slots.data() : nullptr, count ? values.data() : nullptr, count));
    }
    char* after = nullptr;
    if (kase != nullptr) ardent_case_json(&after, kase);
    if (rc != ARDENT_OK && before != nullptr && after != nullptr && std::string(before) != after)
      bug("a refused bulk setter changed the case", std::string(before) + " -> " + after);
    ardent_string_free(before);
    ardent_string_free(after);
  }

  // Bit-sliced evaluation of the slots' cases: the triage and fired rules of each case must be
  // those ardent_evaluate() gives.
  void evaluate_sliced() {
    const std::size_t count = in_.ConsumeIntegralInRange<std::size_t>(0, 150);
    std::vector<const ardent_case*> batch(count);
    for (std::size_t i = 0; i < count; ++i) batch[i] = cases_[i % kSlots];
    if (count > 0 && in_.ConsumeBool()) batch[in_.ConsumeIntegralInRange<std::size_t>(0, count - 1)] = some_case();
    const ardent_ruleset* rs = in_.ConsumeBool() ? some_ruleset() : ardent_case_ruleset(count ? batch[0] : nullptr);
    ardent_ruleset_info info = ARDENT_RULESET_INFO_INIT;
    if (rs != nullptr) ardent_ruleset_get_info(&info, rs);
    const std::size_t words = (info.rule_count + 63) / 64;
    std::vector<int> triage(count);
    std::vector<std::uint64_t> fired(count * words + 1);
    const int rc = ARDENT_FUZZ_CALL(ardent_evaluate_sliced(count ? triage.data() : nullptr, fired.data(), rs,
                                                           count ? batch.data() : nullptr, count,
                                                           in_.ConsumeIntegralInRange(0u, 3u)));
    if (rc != ARDENT_OK) return;
    std::vector<std::uint64_t> mask(words + 1);
    for (std::size_t i = 0; i < count; ++i) {
      ardent_result* one = nullptr;
      if (ardent_evaluate(&one, rs, batch[i], nullptr) != ARDENT_OK) bug("a case sliced but not evaluated one by one");
      if (ardent_result_triage(one) != triage[i]) bug("sliced triage differs from ardent_evaluate()'s");
      ardent_result_fired_mask(mask.data(), one, mask.size());
      if (!std::equal(mask.begin(), mask.begin() + static_cast<std::ptrdiff_t>(words), fired.begin() + static_cast<std::ptrdiff_t>(i * words)))
        bug("sliced fired rules differ from ardent_evaluate()'s");
      ardent_result_free(one);
    }
  }

  // A table of fuzzed columns: findings in and out of range, given twice, values of any kind
  // (NaN in a yes/no column included), states past the last, and as often bit columns of any
  // finding, with or without given bits; refused or evaluated, never worse.
  void evaluate_columns() {
    const ardent_ruleset* rs = some_ruleset();
    ardent_ruleset_info info = ARDENT_RULESET_INFO_INIT;
    if (rs != nullptr) ardent_ruleset_get_info(&info, rs);
    const std::size_t count = in_.ConsumeIntegralInRange<std::size_t>(0, 70);
    const std::size_t n_columns = in_.ConsumeIntegralInRange<std::size_t>(0, 6);
    std::vector<std::vector<double>> values(n_columns, std::vector<double>(count));
    std::vector<std::vector<std::uint8_t>> states(n_columns, std::vector<std::uint8_t>(count));
    std::vector<ardent_column> columns(n_columns);
    for (std::size_t k = 0; k < n_columns; ++k) {
      for (std::size_t i = 0; i < count; ++i) {
        values[k][i] = number();
        states[k][i] = in_.ConsumeIntegralInRange<std::uint8_t>(0, 3);
      }
      columns[k] = {index(info.finding_count), values[k].data(), in_.ConsumeBool() ? states[k].data() : nullptr};
    }
    std::vector<int> triage(count);
    std::vector<std::uint64_t> fired(count * ((info.rule_count + 63) / 64) + 1);
    if (in_.ConsumeBool()) {
      ARDENT_FUZZ_CALL(ardent_evaluate_sliced_columns(count ? triage.data() : nullptr, fired.data(), rs,
                                                      n_columns ? columns.data() : nullptr, n_columns, count,
                                                      in_.ConsumeIntegralInRange(0u, 2u)));
      return;
    }
    const std::size_t n_bits = in_.ConsumeIntegralInRange<std::size_t>(0, 6), words = (count + 63) / 64;
    std::vector<std::vector<std::uint64_t>> yes(n_bits, std::vector<std::uint64_t>(words)), given = yes;
    std::vector<ardent_bit_column> bits(n_bits);
    for (std::size_t k = 0; k < n_bits; ++k) {
      for (std::size_t w = 0; w < words; ++w) {
        yes[k][w] = in_.ConsumeIntegral<std::uint64_t>();
        given[k][w] = in_.ConsumeIntegral<std::uint64_t>();
      }
      bits[k] = {index(info.finding_count), in_.ConsumeIntegralInRange(0, 5) ? yes[k].data() : nullptr,
                 in_.ConsumeBool() ? given[k].data() : nullptr};
    }
    ARDENT_FUZZ_CALL(ardent_evaluate_sliced_bits(count ? triage.data() : nullptr, fired.data(), rs,
                                                 n_bits ? bits.data() : nullptr, n_bits,
                                                 n_columns ? columns.data() : nullptr, n_columns, count,
                                                 in_.ConsumeIntegralInRange(0u, 2u)));
  }

  // One case as fuzzed bit sets and values: bits of any finding (and past the last), too few
  // words, values of any kind for any finding, given twice; refused or evaluated, never worse,
  // and an evaluation writes a triage and no fired bit past the last rule.
  void evaluate_bits() {
    const ardent_ruleset* rs = some_ruleset();
    ardent_ruleset_info info = ARDENT_RULESET_INFO_INIT;
    if (rs != nullptr) ardent_ruleset_get_info(&info, rs);
    const std::size_t words = in_.ConsumeIntegralInRange<std::size_t>(0, (info.finding_count + 63) / 64 + 1);
    std::vector<std::uint64_t> given(words + 1), yes(words + 1);
    for (std::size_t w = 0; w < words; ++w) {
      given[w] = in_.ConsumeIntegral<std::uint64_t>() & in_.ConsumeIntegral<std::uint64_t>();
      yes[w] = in_.ConsumeIntegral<std::uint64_t>();
    }
    const std::size_t n_values = in_.ConsumeIntegralInRange<std::size_t>(0, 5);
    std::vector<std::uint32_t> slots(n_values + 1);
    std::vector<double> values(n_values + 1);
    for (std::size_t k = 0; k < n_values; ++k) {
      slots[k] = index(info.finding_count);
      values[k] = number();
    }
    const std::size_t rule_words = (info.rule_count + 63) / 64;
    std::vector<std::uint64_t> fired(rule_words + 1, 0);
    const std::size_t fired_words = in_.ConsumeBool() ? rule_words : in_.ConsumeIntegralInRange<std::size_t>(0, 2);
    int triage = -9;
    const int rc = ARDENT_FUZZ_CALL(ardent_evaluate_bits(&triage, in_.ConsumeBool() ? fired.data() : nullptr,
                                                         fired_words, rs, given.data(), yes.data(), words, slots.data(),
                                                         values.data(), n_values));
    if (rc != ARDENT_OK) return;
    if (triage < ARDENT_TRIAGE_SELF_CARE || triage > ARDENT_TRIAGE_EMERGENCY) bug("evaluate_bits wrote no triage");
    if (fired[rule_words] != 0 || (info.rule_count % 64 && rule_words && fired[rule_words - 1] >> (info.rule_count % 64)))
      bug("evaluate_bits set a fired bit past the last rule");
  }

  // The JSON result into a buffer of a fuzzed size: ARDENT_OK with the whole text, or
  // ARDENT_ERANGE with the length needed.
  void render_into() {
    const ardent_result* r = some_result();
    std::vector<char> buffer(in_.ConsumeIntegralInRange<std::size_t>(0, 1 << 16));
    ardent_json_options opts = ARDENT_JSON_OPTIONS_INIT;
    opts.flags = in_.ConsumeIntegralInRange(0u, 2u);
    opts.max_ask = in_.ConsumeIntegralInRange<std::size_t>(0, 3);
    std::size_t length = 0;
    const int rc = ARDENT_FUZZ_CALL(ardent_result_json_into(buffer.empty() ? nullptr : buffer.data(), buffer.size(),
                                                            &length, r, in_.ConsumeBool() ? &opts : nullptr));
    if (rc == ARDENT_OK) {
      if (length >= buffer.size() || buffer[length] != '\0') bug("ardent_result_json_into: no NUL after the text");
      expect_json("ardent_result_json_into", buffer.data());
    } else if (rc == ARDENT_ERANGE && length < buffer.size()) {
      bug("ardent_result_json_into: too small, yet the text would have fit");
    }
  }

  void read_result() {
    const ardent_result* r = some_result();
    const ardent_ruleset* rs = ardent_result_ruleset(r);
    ardent_ruleset_info info = ARDENT_RULESET_INFO_INIT;
    if (rs != nullptr) ardent_ruleset_get_info(&info, rs);
    switch (in_.ConsumeIntegralInRange(0, 8)) {
      case 0: read_whole_result(r, nullptr); break;
      case 1: {
        ardent_explanation e = ARDENT_EXPLANATION_INIT;
        ARDENT_FUZZ_CALL(ardent_result_explain(&e, r, index(info.rule_count)));
        break;
      }
      case 2: {
        ardent_interview iv = ARDENT_INTERVIEW_INIT;
        if (in_.ConsumeBool()) iv.version = in_.ConsumeIntegral<unsigned>();
        ARDENT_FUZZ_CALL(ardent_result_interview(&iv, r));
        break;
      }
      case 3: {
        ardent_ask a = ARDENT_ASK_INIT;
        ARDENT_FUZZ_CALL(ardent_result_get_ask(&a, r, index(ardent_result_ask_count(r))));
        break;
      }
      case 4: {
        ardent_undecided u = ARDENT_UNDECIDED_INIT;
        u.version = in_.ConsumeIntegralInRange(0u, 3u);
        ARDENT_FUZZ_CALL(ardent_result_get_undecided(&u, r, index(ardent_result_undecided_count(r))));
        break;
      }
      case 5: {
        ardent_conclusion c = ARDENT_CONCLUSION_INIT;
        ARDENT_FUZZ_CALL(ardent_result_get_condition(&c, r, index(ardent_result_condition_count(r))));
        break;
      }
      case 6: {
        ardent_redflag f = ARDENT_REDFLAG_INIT;
        ARDENT_FUZZ_CALL(ardent_result_get_redflag(&f, r, index(ardent_result_redflag_count(r))));
        break;
      }
      case 7: ARDENT_FUZZ_CALL(ardent_result_rule_state(r, index(info.rule_count))); break;
      default: {
        const char* advice = nullptr;
        ARDENT_FUZZ_CALL(ardent_result_get_advice(&advice, r, index(ardent_result_advice_count(r))));
        break;
      }
    }
  }

  void render() {
    const ardent_result* r = some_result();
    const unsigned flags = in_.ConsumeBool() ? in_.ConsumeIntegral<unsigned>() : in_.ConsumeIntegralInRange(0u, 3u);
    char* text = nullptr;
    switch (in_.ConsumeIntegralInRange(0, 2)) {
      case 0:
        if (ARDENT_FUZZ_CALL(ardent_result_json(&text, r, flags)) == ARDENT_OK) expect_json("ardent_result_json", text);
        break;
      case 1:
        if (ARDENT_FUZZ_CALL(ardent_result_cds_cards(&text, r, flags)) == ARDENT_OK)
          expect_json("ardent_result_cds_cards", text);
        break;
      default:
        if (ARDENT_FUZZ_CALL(ardent_result_text(&text, r, flags)) == ARDENT_OK) expect_utf8("ardent_result_text", text);
        break;
    }
    ardent_string_free(text);
  }

  // --- rule sets -------------------------------------------------------------------------------

  void look_up() {
    const ardent_ruleset* rs = some_ruleset();
    ardent_ruleset_info info = ARDENT_RULESET_INFO_INIT;
    if (in_.ConsumeBool()) info.version = in_.ConsumeIntegral<unsigned>();
    ARDENT_FUZZ_CALL(ardent_ruleset_get_info(&info, rs));
    std::uint32_t at = 0;
    switch (in_.ConsumeIntegralInRange(0, 6)) {
      case 0: {
        ardent_finding_info f = ARDENT_FINDING_INFO_INIT;
        ARDENT_FUZZ_CALL(ardent_finding_get(&f, rs, index(info.finding_count)));
        break;
      }
      case 1: ARDENT_FUZZ_CALL(ardent_finding_index(&at, rs, name(rs).c_str())); break;
      case 2: ARDENT_FUZZ_CALL(ardent_finding_value_index(&at, rs, index(info.finding_count), name(rs, true).c_str())); break;
      case 3: {
        ardent_condition_info c = ARDENT_CONDITION_INFO_INIT;
        ARDENT_FUZZ_CALL(ardent_condition_get(&c, rs, index(info.condition_count)));
        break;
      }
      case 4: ARDENT_FUZZ_CALL(ardent_condition_index(&at, rs, in_.ConsumeRandomLengthString(64).c_str())); break;
      case 5: {
        ardent_rule_info r = ARDENT_RULE_INFO_INIT;
        ARDENT_FUZZ_CALL(ardent_rule_get(&r, rs, index(info.rule_count)));
        break;
      }
      default: ARDENT_FUZZ_CALL(ardent_rule_index(&at, rs, in_.ConsumeRandomLengthString(64).c_str())); break;
    }
  }

  // Rule sets of the input's text, under limits small enough to be met (0 is refused).
  void compile() {
    ardent_compile_options opts = ARDENT_COMPILE_OPTIONS_INIT;
    if (in_.ConsumeBool()) opts.version = in_.ConsumeIntegralInRange(0u, 3u);
    opts.werror = in_.ConsumeBool();
    if (in_.ConsumeBool()) {
      opts.max_file_bytes = in_.ConsumeIntegralInRange<std::size_t>(0, 2048);
      opts.max_ruleset_bytes = in_.ConsumeIntegralInRange<std::size_t>(0, 2048);
      opts.max_case_bytes = in_.ConsumeIntegralInRange<std::size_t>(0, 512);
    }
    std::vector<std::string> texts, paths;
    const std::size_t files = in_.ConsumeIntegralInRange<std::size_t>(0, 2);
    for (std::size_t i = 0; i < files; ++i) {
      paths.push_back(in_.ConsumeRandomLengthString(16));
      texts.push_back(in_.ConsumeRandomLengthString(1024));
    }
    std::vector<ardent_source> sources;
    for (std::size_t i = 0; i < files; ++i) sources.push_back({paths[i].c_str(), texts[i].data(), texts[i].size()});
    ardent_ruleset* rs = nullptr;
    ardent_diagnostics* diagnostics = nullptr;
    ARDENT_FUZZ_CALL(ardent_ruleset_compile_sources(&rs, in_.ConsumeBool() ? &diagnostics : nullptr, sources.data(),
                                                    sources.size(), in_.ConsumeBool() ? &opts : nullptr));
    ardent_diagnostics_free(diagnostics);
    if (rs == nullptr) return;
    if (own_.size() == kMaxOwnRulesets) {
      ardent_ruleset_free(own_.front());
      own_.erase(own_.begin());
    }
    own_.push_back(rs);
  }

  // Cases and results keep a freed rule set alive.
  void free_own_ruleset() {
    if (own_.empty()) return;
    ardent_ruleset_free(own_.back());
    own_.pop_back();
  }

  void names_of_values() {
    const int v = in_.ConsumeIntegralInRange(-3, 10);
    for (const char* s : {ardent_triage_str(v), ardent_finding_type_str(v), ardent_state_str(v),
                          ardent_duration_unit_str(v), ardent_severity_str(v), ardent_rule_state_str(v),
                          ardent_condition_status_str(v), ardent_strength_str(v), ardent_ask_reason_str(v),
                          ardent_standing_str(v), ardent_errstr(v)})
      if (s != nullptr) expect_utf8("a value's name", s);
  }

  FuzzedDataProvider& in_;
  ardent_case* cases_[kSlots] = {};
  ardent_result* results_[kSlots] = {};
  std::vector<ardent_ruleset*> own_;
};

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  repository_rulesets();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  Session session(in);
  while (in.remaining_bytes() > 0) session.step();
  return 0;
}
