// Ardent in the peer harness: compiles the generated .ard, evaluates the harness's cases
// through the C ABI, and prints the harness's RESULT line. Follows the protocol of the harness
// README: untimed parse, timed load, warm-up passes, timed passes, verification after timing.
// The mode says how the cases go in:
//   bits (the default)  one case a call: its yes/no answers packed as bits (as the limit packs
//                       them), its numbers by index, to ardent_evaluate_bits();
//   case                a case and a result reused: every boolean and every number set in one
//                       call each, ardent_evaluate_into(), the fired rules read as one bit set;
//   sliced              1,024 cases at a time as columns (the yes/no answers as bit sets, the
//                       numbers as columns of values) to ardent_evaluate_sliced_bits() (64
//                       cases a word, one thread).
//
// Usage: ardent-peer-runner RULES.ard RULESET.json CASES.json [label [bits|case|sliced]]
#include <ardent.h>

#include <sys/resource.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace {

struct PeerCase {
  std::vector<std::uint32_t> number_slots;
  std::vector<double> numbers;
  std::vector<int> bools;  // one per boolean finding slot: closed world
  std::array<std::uint8_t, 64> bool_bytes{};  // the same as bytes, as the limit's raw case holds them
  std::vector<std::string> expected;
};

// The cases as the timed loops read them: one array in case order, as the limit's raw cases
// lie, with every case's answers in pools beside it rather than in vectors of its own, each
// somewhere else on the heap.
struct TimedCase {
  std::array<std::uint8_t, 64> bool_bytes;
  std::uint32_t first_number, numbers;  // into number_slots and numbers
  std::uint32_t first_bool;             // into bools, one per boolean finding
};

struct TimedCases {
  std::vector<TimedCase> cases;
  std::vector<std::uint32_t> number_slots;
  std::vector<double> numbers;
  std::vector<int> bools;

  explicit TimedCases(const std::vector<PeerCase>& from) {
    for (const PeerCase& pc : from) {
      cases.push_back({pc.bool_bytes, static_cast<std::uint32_t>(numbers.size()),
                       static_cast<std::uint32_t>(pc.numbers.size()), static_cast<std::uint32_t>(bools.size())});
      number_slots.insert(number_slots.end(), pc.number_slots.begin(), pc.number_slots.end());
      numbers.insert(numbers.end(), pc.numbers.begin(), pc.numbers.end());
      bools.insert(bools.end(), pc.bools.begin(), pc.bools.end());
    }
  }
};

long peak_rss_kb() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

int env_int(const char* name, int fallback) {
  const char* v = std::getenv(name);
  return v && *v ? std::atoi(v) : fallback;
}

nlohmann::json read_json(const char* path) {
  std::ifstream in(path);
  if (!in) {
    std::fprintf(stderr, "cannot open %s\n", path);
    std::exit(2);
  }
  return nlohmann::json::parse(in);
}

// A case's yes/no answers (bytes, 0 or 1) as one word, bit b for answer b.
std::uint64_t packed_row(const std::array<std::uint8_t, 64>& bytes) {
  std::uint64_t row = 0;
#if defined(__SSE2__)
  const __m128i zero = _mm_setzero_si128();
  for (int k = 0; k < 4; ++k) {
    const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes.data() + 16 * k));
    const auto no = static_cast<std::uint16_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(b, zero)));
    row |= std::uint64_t(static_cast<std::uint16_t>(~no)) << (16 * k);
  }
#else
  for (int b = 0; b < 64; ++b) row |= std::uint64_t{bytes[b] != 0} << b;
#endif
  return row;
}

// A 64 x 64 bit matrix transposed in place (bit j of a[i] <-> bit i of a[j]) by swapping ever
// smaller blocks, as in Hacker's Delight: 64 cases' rows become 64 findings' columns.
void transpose64(std::uint64_t* a) {
  std::uint64_t m = 0x00000000FFFFFFFFull;
  for (int j = 32; j != 0; j >>= 1, m ^= m << j)
    for (int k = 0; k < 64; k = ((k | j) + 1) & ~j) {
      const std::uint64_t t = ((a[k] >> j) ^ a[k | j]) & m;
      a[k] ^= t << j;
      a[k | j] ^= t;
    }
}

void die(const char* what) {
  const ardent_error* e = ardent_last_error();
  std::fprintf(stderr, "%s: %s\n", what, e && e->message ? e->message : "error");
  std::exit(1);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: %s RULES.ard RULESET.json CASES.json [label [bits|case|sliced]]\n", argv[0]);
    return 2;
  }
  const char* label = argc > 4 ? argv[4] : "ardent";
  const int reps = env_int("BENCH_REPS", 5), warmup = env_int("BENCH_WARMUP", 1);
  const int max_cases = env_int("BENCH_MAX_CASES", 0);

  nlohmann::json spec = read_json(argv[2]);
  nlohmann::json cases_doc = read_json(argv[3]);

  auto load_start = std::chrono::steady_clock::now();
  ardent_ruleset* rules = nullptr;
  ardent_diagnostics* diags = nullptr;
  if (ardent_ruleset_compile_path(&rules, &diags, argv[1], nullptr) != ARDENT_OK) {
    if (diags) std::fputs(ardent_diagnostics_text(diags), stderr);
    die("compile");
  }
  ardent_diagnostics_free(diags);
  double load_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - load_start).count();

  // Slots of the neutral spec's findings and rules, resolved once.
  std::vector<std::uint32_t> bool_slots;
  std::vector<std::string> bool_names;
  for (const auto& f : spec["findings"]) {
    std::uint32_t slot = 0;
    if (ardent_finding_index(&slot, rules, f["id"].get<std::string>().c_str()) != ARDENT_OK) die("finding");
    if (f["type"] == "boolean") {
      bool_slots.push_back(slot);
      bool_names.push_back(f["id"]);
    }
  }
  std::vector<std::uint32_t> rule_slots;
  std::vector<std::string> rule_ids;
  for (const auto& r : spec["rules"]) {
    std::uint32_t idx = 0;
    if (ardent_rule_index(&idx, rules, r["id"].get<std::string>().c_str()) != ARDENT_OK) die("rule");
    rule_slots.push_back(idx);
    rule_ids.push_back(r["id"]);
  }

  std::vector<PeerCase> cases;
  for (const auto& c : cases_doc["cases"]) {
    if (max_cases > 0 && static_cast<int>(cases.size()) >= max_cases) break;
    PeerCase pc;
    pc.bools.assign(bool_slots.size(), 0);
    for (const auto& [name, value] : c["findings"].items()) {
      if (value.is_boolean()) {
        auto it = std::find(bool_names.begin(), bool_names.end(), name);
        if (it == bool_names.end()) die("unknown boolean in case");
        pc.bools[static_cast<std::size_t>(it - bool_names.begin())] = value.get<bool>();
        if (it - bool_names.begin() < 64) pc.bool_bytes[static_cast<std::size_t>(it - bool_names.begin())] = value.get<bool>();
      } else {
        std::uint32_t slot = 0;
        if (ardent_finding_index(&slot, rules, name.c_str()) != ARDENT_OK) die("unknown number in case");
        pc.number_slots.push_back(slot);
        pc.numbers.push_back(value.get<double>());
      }
    }
    pc.expected = c["expected"].get<std::vector<std::string>>();
    cases.push_back(std::move(pc));
  }
  const TimedCases timed(cases);  // part of the untimed parse
  const long base_rss = peak_rss_kb();

  ardent_case* kase = nullptr;
  ardent_result* result = nullptr;
  if (ardent_case_new(&kase, rules) != ARDENT_OK || ardent_result_new(&result) != ARDENT_OK) die("alloc");
  // Conclusions of every case in the last pass, as bit sets over the neutral rules.
  std::vector<std::uint64_t> fired(cases.size());
  const ardent_ruleset_info info = [&] {
    ardent_ruleset_info i = ARDENT_RULESET_INFO_INIT;
    if (ardent_ruleset_get_info(&i, rules) != ARDENT_OK) die("info");
    return i;
  }();
  std::vector<std::uint64_t> mask((info.rule_count + 63) / 64);
  // The bit of each of the library's rules in the neutral spec's order (0 for a rule it lacks),
  // so that reading a case's conclusions costs a step per fired rule.
  std::vector<std::uint64_t> neutral_bit(mask.size() * 64, 0);
  for (std::size_t r = 0; r < rule_slots.size(); ++r) neutral_bit[rule_slots[r]] = std::uint64_t{1} << r;
  // When the library's rules are the spec's, in its order (as gen_ard.py declares them), the
  // fired rules are the spec's conclusions as they are, as the limit's are.
  bool same_order = mask.size() == 1 && rule_slots.size() == info.rule_count;
  for (std::size_t r = 0; r < rule_slots.size() && same_order; ++r) same_order = rule_slots[r] == r;
  auto neutral = [&](const std::uint64_t* m) {
    if (same_order) return m[0];
    std::uint64_t bits = 0;
    for (std::size_t w = 0; w < mask.size(); ++w)
      for (std::uint64_t rest = m[w]; rest; rest &= rest - 1) bits |= neutral_bit[w * 64 + __builtin_ctzll(rest)];
    return bits;
  };
  std::vector<double> pass_us;

  // Bit-sliced mode: blocks of 1,024 cases laid out as columns (the transpose is timed, as the
  // limit's is), then evaluated 64 a word.
  const std::string mode = argc > 5 ? argv[5] : "bits";
  if (mode != "bits" && mode != "case" && mode != "sliced") {
    std::fprintf(stderr, "unknown mode %s: bits, case or sliced\n", mode.c_str());
    return 2;
  }
  const bool sliced = mode == "sliced", by_case = mode == "case", by_bits = mode == "bits";
  if (!by_case && bool_slots.size() > 64) {
    std::fprintf(stderr, "the runner packs at most 64 yes/no findings a case; the spec has %zu\n", bool_slots.size());
    return 2;
  }
  constexpr std::size_t kBlock = 1024;
  std::vector<std::uint32_t> number_columns;  // the number findings' slots, in column order
  for (const PeerCase& pc : cases)
    for (std::uint32_t slot : pc.number_slots)
      if (std::find(number_columns.begin(), number_columns.end(), slot) == number_columns.end())
        number_columns.push_back(slot);
  // Each case's numbers' columns, worked out before timing (as the slots are).
  std::vector<std::size_t> number_column_of, number_column_begin;
  for (const PeerCase& pc : cases) {
    number_column_begin.push_back(number_column_of.size());
    for (std::uint32_t slot : pc.number_slots)
      number_column_of.push_back(static_cast<std::size_t>(
          std::find(number_columns.begin(), number_columns.end(), slot) - number_columns.begin()));
  }
  // The yes/no findings as bit sets (closed world: every case answers every one), the numbers as
  // columns of values with their states.
  constexpr std::size_t kBlockWords = kBlock / 64;
  std::vector<std::uint64_t> yes_bits(sliced ? bool_slots.size() * kBlockWords : 0);
  std::vector<ardent_bit_column> bit_columns(bool_slots.size());
  for (std::size_t b = 0; b < bool_slots.size(); ++b)
    bit_columns[b] = {bool_slots[b], yes_bits.data() + b * kBlockWords, nullptr};
  std::vector<double> column_values(sliced ? number_columns.size() * kBlock : 0);
  std::vector<std::uint8_t> number_states(sliced ? number_columns.size() * kBlock : 0);
  std::vector<ardent_column> columns(number_columns.size());
  for (std::size_t k = 0; k < number_columns.size(); ++k)
    columns[k] = {number_columns[k], column_values.data() + k * kBlock, number_states.data() + k * kBlock};
  std::vector<int> block_triage(kBlock);
  std::vector<std::uint64_t> block_fired(kBlock * mask.size());

  for (int pass = 0; sliced && pass < warmup + reps; ++pass) {
    auto start = std::chrono::steady_clock::now();
    for (std::size_t first = 0; first < cases.size(); first += kBlock) {
      const std::size_t n = std::min(kBlock, cases.size() - first);
      std::fill(number_states.begin(), number_states.end(), std::uint8_t{ARDENT_STATE_NOT_ASKED});
      for (std::size_t w = 0; w * 64 < n; ++w) {  // 64 cases' answers packed, then turned into columns
        std::uint64_t rows[64] = {};
        for (std::size_t j = 0; j < 64 && w * 64 + j < n; ++j) rows[j] = packed_row(cases[first + w * 64 + j].bool_bytes);
        transpose64(rows);
        for (std::size_t b = 0; b < bool_slots.size(); ++b) yes_bits[b * kBlockWords + w] = rows[b];
      }
      for (std::size_t j = 0; j < n; ++j) {
        const PeerCase& pc = cases[first + j];
        for (std::size_t i = 0; i < pc.number_slots.size(); ++i) {
          const std::size_t k = number_column_of[i + number_column_begin[first + j]];
          column_values[k * kBlock + j] = pc.numbers[i];
          number_states[k * kBlock + j] = ARDENT_STATE_GIVEN;
        }
      }
      if (ardent_evaluate_sliced_bits(block_triage.data(), block_fired.data(), rules, bit_columns.data(),
                                      bit_columns.size(), columns.data(), columns.size(), n, 1) != ARDENT_OK)
        die("evaluate_sliced_bits");
      for (std::size_t j = 0; j < n; ++j) fired[first + j] = neutral(block_fired.data() + j * mask.size());
    }
    double us = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count();
    if (pass >= warmup) pass_us.push_back(us / static_cast<double>(cases.size()));
  }

  // Bits mode: a case's packed answers are its bit set over the findings when the yes/no
  // findings are the first, in the spec's order (as gen_ard.py declares them); else each answer
  // is moved to its finding's bit.
  const std::size_t bit_words = (info.finding_count + 63) / 64;
  std::vector<std::uint64_t> given_bits(bit_words, 0), yes_bits_one(bit_words, 0);
  bool in_order = true;
  for (std::size_t b = 0; b < bool_slots.size(); ++b) {
    given_bits[bool_slots[b] / 64] |= std::uint64_t{1} << (bool_slots[b] % 64);  // closed world: all answered
    in_order = in_order && bool_slots[b] == b;
  }
  int triage_one = 0;
  for (int pass = 0; by_bits && pass < warmup + reps; ++pass) {
    auto start = std::chrono::steady_clock::now();
    for (std::size_t i = 0; i < cases.size(); ++i) {
      const TimedCase& pc = timed.cases[i];
      if (in_order) {
        yes_bits_one[0] = packed_row(pc.bool_bytes);
      } else {
        std::fill(yes_bits_one.begin(), yes_bits_one.end(), 0);
        for (std::size_t b = 0; b < bool_slots.size(); ++b)
          yes_bits_one[bool_slots[b] / 64] |= std::uint64_t{pc.bool_bytes[b] != 0} << (bool_slots[b] % 64);
      }
      if (ardent_evaluate_bits(&triage_one, mask.data(), mask.size(), rules, given_bits.data(), yes_bits_one.data(),
                               bit_words, timed.number_slots.data() + pc.first_number,
                               timed.numbers.data() + pc.first_number, pc.numbers) != ARDENT_OK)
        die("evaluate_bits");
      fired[i] = neutral(mask.data());
    }
    double us = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count();
    if (pass >= warmup) pass_us.push_back(us / static_cast<double>(cases.size()));
  }

  for (int pass = 0; by_case && pass < warmup + reps; ++pass) {
    auto start = std::chrono::steady_clock::now();
    for (std::size_t i = 0; i < cases.size(); ++i) {
      const TimedCase& pc = timed.cases[i];
      if (ardent_case_set_bools(kase, bool_slots.data(), timed.bools.data() + pc.first_bool, bool_slots.size()) !=
              ARDENT_OK ||
          ardent_case_set_numbers(kase, timed.number_slots.data() + pc.first_number,
                                  timed.numbers.data() + pc.first_number, pc.numbers) != ARDENT_OK)
        die("set");
      if (ardent_evaluate_into(result, rules, kase, nullptr) != ARDENT_OK) die("evaluate");
      if (ardent_result_fired_mask(mask.data(), result, mask.size()) != ARDENT_OK) die("fired");
      fired[i] = neutral(mask.data());
    }
    double us = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count();
    if (pass >= warmup) pass_us.push_back(us / static_cast<double>(cases.size()));
  }

  std::size_t mismatches = 0;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    std::set<std::string> got, want(cases[i].expected.begin(), cases[i].expected.end());
    for (std::size_t r = 0; r < rule_ids.size(); ++r)
      if (fired[i] & (std::uint64_t{1} << r)) got.insert(rule_ids[r]);
    if (got != want && ++mismatches <= 10) std::fprintf(stderr, "MISMATCH case %zu\n", i);
  }

  std::vector<double> sorted = pass_us;
  std::sort(sorted.begin(), sorted.end());
  double median = sorted.empty() ? 0 : sorted[sorted.size() / 2];
  std::printf(
      "RESULT engine=%s version=%s cases=%zu reps=%d warmup=%d cases_per_s=%.0f us_per_case=%.4f "
      "min_us_per_case=%.4f max_us_per_case=%.4f peak_rss_kb=%ld base_rss_kb=%ld load_ms=%.3f mismatches=%zu\n",
      label, ardent_version(), cases.size(), reps, warmup, median > 0 ? 1e6 / median : 0.0, median,
      sorted.empty() ? 0 : sorted.front(), sorted.empty() ? 0 : sorted.back(), peak_rss_kb(), base_rss, load_ms,
      mismatches);
  ardent_result_free(result);
  ardent_case_free(kase);
  ardent_ruleset_free(rules);
  return mismatches ? 1 : 0;
}
