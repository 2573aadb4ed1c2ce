// Evaluating cases: one at a time, into a reused result, a batch on several threads, or a
// stream of any length through a bounded window.
#include <algorithm>
#include <atomic>
#include <exception>
#include <memory>
#include <span>
#include <string>
#include <vector>
#include <mutex>
#include <thread>

#include "ardent/sliced.hpp"
#include "ardent/stream.hpp"
#include "internal.hpp"

using namespace ardent::capi;

namespace {

int options_of(const ardent_evaluate_options* opts, std::size_t& max_ask) {
  max_ask = 0;
  if (opts == nullptr) return ARDENT_OK;
  if (!version_ok(opts->version, ARDENT_EVALUATE_OPTIONS_VERSION)) return fail_version("ardent_evaluate_options");
  max_ask = opts->max_ask;
  return ARDENT_OK;
}

int check_pair(const RulesetImpl* ruleset, const CaseImpl* kase) {
  if (ruleset == nullptr) return fail_null("ruleset");
  if (kase == nullptr) return fail_null("case");
  if (kase->owner != ruleset) {
    return fail(ARDENT_EINVALID, "the case was created for another rule set (create it with "
                                 "ardent_case_new() from the rule set you evaluate against)");
  }
  return ARDENT_OK;
}

// Forgets the previous evaluation: borrowed pointers and cached explanations become invalid.
void invalidate(ResultImpl& r) {
  r.evaluated = false;
  if (++r.epoch == 0) {  // after 2^32 evaluations: make sure no stale cache entry matches
    for (auto& cache : r.explanations) cache.epoch = 0;
    r.epoch = 1;
  }
}

// The evaluation proper; throws only std::bad_alloc (on a result's first use).
void evaluate_into(ResultImpl& r, const RulesetImpl& ruleset, const CaseImpl& kase,
                   std::size_t max_ask) {
  invalidate(r);
  r.set_owner(&ruleset);
  // The result keeps its own copy of the findings so that explanations and renderings stay
  // true to what was evaluated; assigning reuses the copy's memory.
  if (r.findings) {
    *r.findings = kase.findings;
  } else {
    r.findings.emplace(kase.findings);
  }
  ardent::evaluate(*r.findings, r.outcome);
  r.max_ask = max_ask;
  r.evaluated = true;
}

unsigned worker_count(unsigned requested, std::size_t count) {
  unsigned n = requested;
  if (n == 0) n = std::max(1u, std::thread::hardware_concurrency());
  n = std::min(n, 256u);
  // A thread for fewer than a few dozen cases costs more than it saves.
  std::size_t useful = std::max<std::size_t>(1, count / 32);
  return static_cast<unsigned>(std::min<std::size_t>(n, useful));
}


// Every case of a batch belongs to `ruleset`: ARDENT_OK, or the refusal naming the first that
// does not, by its position.
int check_cases(const RulesetImpl* ruleset, const ardent_case* const* cases, std::size_t count) {
  for (std::size_t i = 0; i < count; ++i) {
    if (cases[i] == nullptr || impl(cases[i])->owner != ruleset) {
      int rc = check_pair(ruleset, impl(cases[i]));
      return fail(rc, "cases[" + std::to_string(i) + "]: " + ardent_last_error()->message);
    }
  }
  return ARDENT_OK;
}

// Runs body(begin, end) over [0, count) in runs of `run` items, taken in turn by `workers`
// threads, the calling one included. The first exception stops the others between runs and is
// rethrown once every thread has been joined.
template <class Body>
void in_runs(std::size_t count, std::size_t run, unsigned workers, Body&& body) {
  std::atomic<std::size_t> next{0};
  std::atomic<bool> stop{false};
  std::mutex failure_mutex;
  std::exception_ptr failure;
  auto work = [&]() noexcept {
    try {
      while (!stop.load(std::memory_order_relaxed)) {
        const std::size_t begin = next.fetch_add(run, std::memory_order_relaxed);
        if (begin >= count) return;
        body(begin, std::min(count, begin + run));
      }
    } catch (...) {
      std::lock_guard<std::mutex> lock(failure_mutex);
      if (!failure) failure = std::current_exception();
      stop.store(true, std::memory_order_relaxed);
    }
  };
  std::vector<std::thread> helpers;
  try {
    helpers.reserve(workers - 1);
    for (unsigned t = 1; t < workers; ++t) helpers.emplace_back(work);
  } catch (...) {
    // No more threads to be had: the calling thread and those already started finish the job.
  }
  work();
  for (auto& helper : helpers) helper.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace

void ardent::capi::ResultImpl::set_owner(const RulesetImpl* handle) {
  if (owner == handle) return;
  if (handle != nullptr) handle->retain();
  if (owner != nullptr) owner->release();
  owner = handle;
}

extern "C" {

ARDENT_API int ardent_result_new(ardent_result** out) {
  if (out == nullptr) return fail_null("out");
  *out = nullptr;
  return guard([&] {
    *out = handle(new ResultImpl());
    return ARDENT_OK;
  });
}

ARDENT_API void ardent_result_free(ardent_result* result) { delete impl(result); }

ARDENT_API int ardent_evaluate(ardent_result** out, const ardent_ruleset* ruleset_handle,
                               const ardent_case* kase_handle, const ardent_evaluate_options* opts) {
  const RulesetImpl* ruleset = impl(ruleset_handle);
  const CaseImpl* kase = impl(kase_handle);
  if (out == nullptr) return fail_null("out");
  *out = nullptr;
  std::size_t max_ask = 0;
  if (int rc = options_of(opts, max_ask); rc != ARDENT_OK) return rc;
  if (int rc = check_pair(ruleset, kase); rc != ARDENT_OK) return rc;
  return guard([&] {
    auto result = std::make_unique<ResultImpl>();
    evaluate_into(*result, *ruleset, *kase, max_ask);
    *out = handle(result.release());
    return ARDENT_OK;
  });
}

ARDENT_API int ardent_evaluate_into(ardent_result* out_handle, const ardent_ruleset* ruleset_handle,
                                    const ardent_case* kase_handle, const ardent_evaluate_options* opts) {
  ResultImpl* out = impl(out_handle);
  const RulesetImpl* ruleset = impl(ruleset_handle);
  const CaseImpl* kase = impl(kase_handle);
  if (out == nullptr) return fail_null("out");
  invalidate(*out);
  std::size_t max_ask = 0;
  if (int rc = options_of(opts, max_ask); rc != ARDENT_OK) return rc;
  if (int rc = check_pair(ruleset, kase); rc != ARDENT_OK) return rc;
  return guard([&] {
    evaluate_into(*out, *ruleset, *kase, max_ask);
    return ARDENT_OK;
  });
}

ARDENT_API int ardent_evaluate_batch(ardent_result** out, const ardent_ruleset* ruleset_handle,
                                     const ardent_case* const* cases, std::size_t count, unsigned int threads,
                                     const ardent_evaluate_options* opts) {
  const RulesetImpl* ruleset = impl(ruleset_handle);
  if (count == 0) return ruleset == nullptr ? fail_null("ruleset") : ARDENT_OK;
  if (out == nullptr) return fail_null("out");
  if (cases == nullptr) return fail_null("cases");
  std::size_t max_ask = 0;
  if (int rc = options_of(opts, max_ask); rc != ARDENT_OK) return rc;
  if (ruleset == nullptr) return fail_null("ruleset");
  return guard([&] {
    if (int rc = check_cases(ruleset, cases, count); rc != ARDENT_OK) return rc;
    std::vector<const ardent_result*> given;
    for (std::size_t i = 0; i < count; ++i) {
      if (out[i] != nullptr) given.push_back(out[i]);
    }
    std::sort(given.begin(), given.end());
    if (std::adjacent_find(given.begin(), given.end()) != given.end()) {
      return fail(ARDENT_EINVALID, "the same result appears twice in out");
    }

    for (std::size_t i = 0; i < count; ++i) {
      if (out[i] == nullptr) {
        out[i] = handle(new ResultImpl());
      } else {
        invalidate(*impl(out[i]));
      }
    }

    in_runs(count, 64, worker_count(threads, count), [&](std::size_t begin, std::size_t end) {
      for (std::size_t i = begin; i < end; ++i) evaluate_into(*impl(out[i]), *ruleset, *impl(cases[i]), max_ask);
    });
    return ARDENT_OK;
  });
}

ARDENT_API int ardent_evaluate_sliced(int* out_triage, uint64_t* out_fired, const ardent_ruleset* ruleset_handle,
                                      const ardent_case* const* cases, std::size_t count, unsigned int threads) {
  const RulesetImpl* ruleset = impl(ruleset_handle);
  if (ruleset == nullptr) return fail_null("ruleset");
  if (count == 0) return ARDENT_OK;
  if (out_triage == nullptr) return fail_null("out_triage");
  if (cases == nullptr) return fail_null("cases");
  return guard([&] {
    if (int rc = check_cases(ruleset, cases, count); rc != ARDENT_OK) return rc;
    const ardent::Ruleset& rs = ruleset->get();
    const std::size_t words = ardent::fired_words(rs);
    // Blocks of 64 cases, shared out among the threads in runs of 16 blocks (one thread per run).
    constexpr std::size_t kRun = 64 * 16;
    in_runs(count, kRun, worker_count(threads, count / 32), [&](std::size_t begin, std::size_t end) {
      const std::size_t n = end - begin;
      std::vector<const ardent::Case*> block(n);
      std::vector<ardent::Triage> triage(n);
      std::vector<std::uint64_t> fired(n * words);
      for (std::size_t i = 0; i < n; ++i) block[i] = &impl(cases[begin + i])->findings;
      ardent::evaluate_sliced(rs, block, triage, fired);
      for (std::size_t i = 0; i < n; ++i) out_triage[begin + i] = static_cast<int>(triage[i]);
      if (out_fired != nullptr) std::copy(fired.begin(), fired.end(), out_fired + begin * words);
    });
    return ARDENT_OK;
  });
}

namespace {

// The sliced evaluation of a table given as bit columns and columns of values.
int evaluate_table(int* out_triage, uint64_t* out_fired, const RulesetImpl* ruleset,
                   std::span<const ardent_bit_column> bit_columns, std::span<const ardent_column> columns,
                   std::size_t count, unsigned int threads) {
  return guard([&] {
    const ardent::Ruleset& rs = ruleset->get();
    std::vector<ardent::BitColumn> bits(bit_columns.size());
    for (std::size_t k = 0; k < bits.size(); ++k) bits[k] = {bit_columns[k].finding, bit_columns[k].yes, bit_columns[k].given};
    std::vector<ardent::Column> table(columns.size());
    for (std::size_t k = 0; k < table.size(); ++k) table[k] = {columns[k].finding, columns[k].values, columns[k].states};
    const std::size_t words = ardent::fired_words(rs);
    // The rows [begin, end) (begin a multiple of 64): each column from `begin` on, evaluated
    // (and checked) as a table.
    auto evaluate_part = [&](std::size_t begin, std::size_t end) {
      const std::size_t n = end - begin;
      std::vector<ardent::BitColumn> bit_part = bits;
      for (ardent::BitColumn& c : bit_part) {
        if (c.yes != nullptr) c.yes += begin / 64;
        if (c.given != nullptr) c.given += begin / 64;
      }
      std::vector<ardent::Column> part = table;
      for (ardent::Column& c : part) {
        if (c.values != nullptr) c.values += begin;
        if (c.states != nullptr) c.states += begin;
      }
      std::vector<ardent::Triage> triage(n);
      std::vector<std::uint64_t> fired(n * words);
      ardent::evaluate_sliced(rs, bit_part, part, n, triage, fired);
      for (std::size_t i = 0; i < n; ++i) out_triage[begin + i] = static_cast<int>(triage[i]);
      if (out_fired != nullptr) std::copy(fired.begin(), fired.end(), out_fired + begin * words);
    };
    const unsigned workers = worker_count(threads, count / 32);  // a thread per run of 1,024 cases
    if (workers == 1) {
      evaluate_part(0, count);  // checks every value before it writes anything
      return ARDENT_OK;
    }
    ardent::check_columns(rs, bits, table, count);  // once, before anything is written
    in_runs(count, 64 * 16, workers, evaluate_part);
    return ARDENT_OK;
  });
}

}  // namespace

ARDENT_API int ardent_evaluate_sliced_columns(int* out_triage, uint64_t* out_fired, const ardent_ruleset* ruleset_handle,
                                              const ardent_column* columns, std::size_t column_count, std::size_t count,
                                              unsigned int threads) {
  return ardent_evaluate_sliced_bits(out_triage, out_fired, ruleset_handle, nullptr, 0, columns, column_count, count,
                                     threads);
}

ARDENT_API int ardent_evaluate_sliced_bits(int* out_triage, uint64_t* out_fired, const ardent_ruleset* ruleset_handle,
                                           const ardent_bit_column* bit_columns, std::size_t bit_column_count,
                                           const ardent_column* columns, std::size_t column_count, std::size_t count,
                                           unsigned int threads) {
  const RulesetImpl* ruleset = impl(ruleset_handle);
  if (ruleset == nullptr) return fail_null("ruleset");
  if (bit_columns == nullptr && bit_column_count != 0) return fail_null("bit_columns");
  if (columns == nullptr && column_count != 0) return fail_null("columns");
  if (count == 0) return ARDENT_OK;
  if (out_triage == nullptr) return fail_null("out_triage");
  return evaluate_table(out_triage, out_fired, ruleset, {bit_columns, bit_column_count}, {columns, column_count},
                        count, threads);
}

ARDENT_API int ardent_evaluate_bits(int* out_triage, uint64_t* out_fired, std::size_t fired_words,
                                    const ardent_ruleset* ruleset_handle, const uint64_t* given, const uint64_t* yes,
                                    std::size_t words, const uint32_t* value_findings, const double* values,
                                    std::size_t value_count) {
  const RulesetImpl* ruleset = impl(ruleset_handle);
  if (ruleset == nullptr) return fail_null("ruleset");
  if (out_triage == nullptr) return fail_null("out_triage");
  if ((given == nullptr || yes == nullptr) && words != 0) return fail_null(given == nullptr ? "given" : "yes");
  if ((value_findings == nullptr || values == nullptr) && value_count != 0)
    return fail_null(value_findings == nullptr ? "value_findings" : "values");
  return guard([&] {
    const ardent::Ruleset& rs = ruleset->get();
    const std::size_t needed = ardent::fired_words(rs);
    if (out_fired != nullptr && fired_words < needed)
      return fail(ARDENT_ERANGE, std::to_string(fired_words) + " words hold fewer bits than the rules (" +
                                     std::to_string(needed) + " words needed)");
    // The fired rules go to the caller's words, or to a few of ours when the caller wants none.
    std::vector<std::uint64_t> own;
    std::uint64_t* fired = out_fired;
    if (fired == nullptr) {
      own.resize(needed);
      fired = own.data();
    }
    const ardent::CaseBits c{{given, words}, {yes, words}, {value_findings, value_count}, {values, value_count}};
    *out_triage = static_cast<int>(ardent::evaluate_bits(rs, c, {fired, needed}));
    return ARDENT_OK;
  });
}

ARDENT_API int ardent_evaluate_stream(const ardent_ruleset* ruleset_handle, ardent_case_source_fn source,
                                      ardent_result_sink_fn sink, void* ctx, const ardent_stream_options* opts) {
  const RulesetImpl* ruleset = impl(ruleset_handle);
  if (ruleset == nullptr) return fail_null("ruleset");
  if (source == nullptr) return fail_null("source");
  if (sink == nullptr) return fail_null("sink");
  ardent::StreamOptions stream;
  std::size_t max_ask = 0;
  if (opts != nullptr) {
    if (!version_ok(opts->version, ARDENT_STREAM_OPTIONS_VERSION)) return fail_version("ardent_stream_options");
    stream.threads = std::min(opts->threads, 256u);
    stream.window = opts->window;
    max_ask = opts->max_ask;
  }
  return guard([&] {
    // One case and one result for each place in the window, reused as the stream goes on.
    const std::size_t window = ardent::stream_window(stream);
    std::vector<std::unique_ptr<CaseImpl>> cases(window);
    std::vector<std::unique_ptr<ResultImpl>> results(window);
    std::vector<std::uint64_t> index(window);
    std::uint64_t next = 0;
    int stopped = ARDENT_OK;
    // A callback's stop value is returned as is; the last error says why, unless a setter
    // already recorded that very code.
    auto stop_with = [&](int value, const char* who) {
      stopped = value;
      if (value < 0 && ardent_last_error()->code == value) return false;
      fail(value, std::string("the stream was stopped by its ") + who + " (it returned " + std::to_string(value) + ")");
      return false;
    };
    auto fill = [&](std::size_t slot) {
      if (!cases[slot]) {
        cases[slot] = std::make_unique<CaseImpl>(ruleset);
        results[slot] = std::make_unique<ResultImpl>();
      } else {
        cases[slot]->findings.clear();
      }
      const int given = source(ctx, handle(cases[slot].get()), next);
      if (given == 0) return false;
      if (given != 1) return stop_with(given, "case source");
      index[slot] = next++;
      return true;
    };
    auto work = [&](std::size_t slot) { evaluate_into(*results[slot], *ruleset, *cases[slot], max_ask); };
    auto deliver = [&](std::size_t slot) {
      if (stopped != ARDENT_OK) return false;  // the source failed: what is in flight is dropped
      const int taken = sink(ctx, handle(results[slot].get()), index[slot]);
      return taken == 0 || stop_with(taken, "result sink");
    };
    ardent::run_stream(stream, fill, work, deliver);
    return stopped;
  });
}

}  // extern "C"
