// The audit log's writer: record() queues on the caller's thread, one background thread
// writes batches. Each batch is one BEGIN IMMEDIATE transaction that reads the chain's head
// inside it, so other processes appending to the same file cannot fork the chain.
#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "store/audit_row.hpp"
#include "store/clock.hpp"
#include "store/evaluation_row.hpp"
#include "store/schema.hpp"

namespace ardent::store {

std::optional<Synchronous> parse_synchronous(std::string_view s) {
  if (s == "off") return Synchronous::off;
  if (s == "normal") return Synchronous::normal;
  if (s == "full") return Synchronous::full;
  return std::nullopt;
}

namespace {

struct Pending {
  std::uint64_t ticket;
  std::chrono::steady_clock::time_point queued;
  std::chrono::system_clock::time_point time;
  AuditEntry entry;
  std::unique_ptr<EvaluationSnapshot> evaluation;  // when set, fills the entry on the writer thread
};

bool is_json_object(std::string_view text) {
  auto first = text.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && text[first] == '{' && nlohmann::json::accept(text);
}

StoredRow to_row(Pending& p) {
  if (p.evaluation) p.evaluation->describe(p.entry);
  const AuditEntry& e = p.entry;
  StoredRow r;
  r.time = utc_timestamp(p.time);
  r.encounter_id = e.context.encounter_id;
  r.user_id = e.context.user_id;
  r.tags = nlohmann::json(e.context.tags).dump();
  r.ruleset_name = e.ruleset_name;
  r.ruleset_version = e.ruleset_version;
  r.ruleset_hash = e.ruleset_hash;
  r.engine_version = e.engine_version;
  r.findings = e.findings;
  r.triage = e.triage;
  r.red_flags = nlohmann::json(e.red_flags).dump();
  nlohmann::json conditions = nlohmann::json::array();
  for (const auto& c : e.conditions) conditions.push_back({{"id", c.id}, {"status", c.status}});
  r.conditions = conditions.dump();
  if (e.latency) r.latency_ns = e.latency->count();
  return r;
}

const char* synchronous_pragma(Synchronous s) {
  switch (s) {
    case Synchronous::off: return "PRAGMA synchronous = OFF";
    case Synchronous::full: return "PRAGMA synchronous = FULL";
    case Synchronous::normal: break;
  }
  return "PRAGMA synchronous = NORMAL";
}

}  // namespace

struct Audit::Writer {
  std::filesystem::path file;
  AuditOptions options;
  std::unique_ptr<sql::Connection> db;
  std::unique_ptr<sql::Statement> head, insert;  // used by the writer thread only
  Sha256 sha;

  mutable std::mutex mu;
  std::condition_variable wake;  // the writer waits here
  std::condition_variable done;  // flush() and a blocked record() wait here
  std::deque<Pending> queue;
  std::uint64_t issued = 0;       // last ticket handed out
  std::uint64_t durable = 0;      // every ticket up to this one is committed
  std::uint64_t flush_target = 0;
  bool stopping = false;
  bool closed = false;
  std::optional<StoreError> error;
  std::thread thread;

  Writer(const std::filesystem::path& f, const AuditOptions& o) : file(f), options(o) {
    if (options.batch_size == 0) options.batch_size = 1;
    if (options.max_pending < options.batch_size) options.max_pending = options.batch_size;
    db = schema::open(file, options);
    db->exec(synchronous_pragma(options.synchronous));
    head = std::make_unique<sql::Statement>(*db, "SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1");
    insert = std::make_unique<sql::Statement>(
        *db,
        "INSERT INTO audit_log (time, encounter_id, user_id, tags, ruleset_name, ruleset_version, ruleset_hash, "
        "engine_version, findings, triage, red_flags, conditions, latency_ns, prev_hash, hash) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)");
    thread = std::thread([this] { run(); });
  }

  ~Writer() {
    {
      std::lock_guard lk(mu);
      stopping = true;
    }
    wake.notify_one();
    if (thread.joinable()) thread.join();
    insert.reset();
    head.reset();
  }

  void run() {
    std::unique_lock lk(mu);
    for (;;) {
      if (error) return;
      if (queue.empty()) {
        if (stopping) return;
        wake.wait(lk);
        continue;
      }
      const auto deadline = queue.front().queued + options.flush_interval;
      while (!stopping && queue.size() < options.batch_size && flush_target <= durable) {
        if (wake.wait_until(lk, deadline) == std::cv_status::timeout) break;
      }
      std::vector<Pending> batch;
      const std::size_t n = std::min(queue.size(), options.batch_size);
      batch.reserve(n);
      for (std::size_t i = 0; i < n; ++i) {
        batch.push_back(std::move(queue.front()));
        queue.pop_front();
      }
      done.notify_all();  // room for a blocked record()
      lk.unlock();
      std::optional<StoreError> failure;
      try {
        write(batch);
      } catch (const StoreError& e) {
        failure = e;
      } catch (const std::exception& e) {
        failure = StoreError(StoreError::Kind::Internal, e.what());
      }
      lk.lock();
      if (failure) {
        const std::size_t lost = batch.size() + queue.size();
        error = StoreError(failure->kind(), fmt::format("audit log '{}': {} record{} not written: {}", file.string(),
                                                        lost, lost == 1 ? "" : "s", failure->what()));
        queue.clear();
      } else {
        durable = batch.back().ticket;
      }
      done.notify_all();
    }
  }

  void write(std::vector<Pending>& batch) {
    sql::Transaction tx(*db);
    head->reset();
    std::string prev = head->step() ? head->text_at(0) : schema::kGenesisHash;
    head->reset();
    for (Pending& p : batch) {
      StoredRow r = to_row(p);
      r.prev_hash = std::move(prev);
      r.hash = row_hash(sha, r);
      insert->reset();
      insert->bind(1, r.time).bind(2, r.encounter_id).bind(3, r.user_id).bind(4, r.tags);
      insert->bind(5, r.ruleset_name).bind(6, r.ruleset_version).bind(7, r.ruleset_hash).bind(8, r.engine_version);
      insert->bind(9, r.findings).bind(10, r.triage).bind(11, r.red_flags).bind(12, r.conditions);
      insert->bind(13, r.latency_ns).bind(14, r.prev_hash).bind(15, r.hash);
      insert->run();
      prev = std::move(r.hash);
    }
    insert->reset();
    tx.commit();
  }

  std::uint64_t enqueue(AuditEntry entry, std::unique_ptr<EvaluationSnapshot> evaluation) {
    const auto now = std::chrono::system_clock::now();
    std::unique_lock lk(mu);
    if (error) throw_error();
    if (closed) throw StoreError(StoreError::Kind::Invalid, fmt::format("audit log '{}' is closed", file.string()));
    if (queue.size() >= options.max_pending) {
      wake.notify_one();
      done.wait(lk, [&] { return queue.size() < options.max_pending || error; });
      if (error) throw_error();
    }
    const std::uint64_t ticket = ++issued;
    const auto time = entry.time.value_or(now);
    queue.push_back(Pending{ticket, std::chrono::steady_clock::now(), time, std::move(entry), std::move(evaluation)});
    // Wake the writer for a full batch or the first record after a pause; otherwise it wakes on
    // its own when the oldest record has waited flush_interval.
    if (queue.size() == 1 || queue.size() >= options.batch_size) {
      lk.unlock();
      wake.notify_one();
    }
    return ticket;
  }

  [[noreturn]] void throw_error() const { throw *error; }
};

Audit::Audit(const std::filesystem::path& file, AuditOptions options)
    : writer_(std::make_unique<Writer>(file, options)) {}

Audit::~Audit() = default;

std::uint64_t Audit::record(AuditEntry entry) {
  if (!is_json_object(entry.findings))
    throw StoreError(StoreError::Kind::Invalid, "audit record: findings must be a JSON object");
  return writer_->enqueue(std::move(entry), nullptr);
}

std::uint64_t Audit::record(const Case& c, const Result& r, const AuditContext& context,
                            std::optional<std::chrono::nanoseconds> latency) {
  if (r.ruleset_ptr().get() != &c.ruleset())
    throw StoreError(StoreError::Kind::Invalid, "audit record: the result was not evaluated from this case's rule set");
  AuditEntry entry;
  entry.context = context;
  entry.latency = latency;
  return writer_->enqueue(std::move(entry), std::make_unique<EvaluationSnapshot>(c, r));
}

void Audit::flush() {
  Writer& w = *writer_;
  std::unique_lock lk(w.mu);
  const std::uint64_t target = w.issued;
  if (w.durable >= target) return;
  if (w.error) w.throw_error();
  w.flush_target = std::max(w.flush_target, target);
  w.wake.notify_one();
  w.done.wait(lk, [&] { return w.durable >= target || w.error.has_value(); });
  if (w.durable < target) w.throw_error();
}

void Audit::close() {
  Writer& w = *writer_;
  {
    std::lock_guard lk(w.mu);
    if (w.closed) return;
  }
  flush();
  {
    std::lock_guard lk(w.mu);
    w.closed = true;
    w.stopping = true;
  }
  w.wake.notify_one();
  if (w.thread.joinable()) w.thread.join();
}

std::uint64_t Audit::durable_ticket() const {
  std::lock_guard lk(writer_->mu);
  return writer_->durable;
}

const std::filesystem::path& Audit::file() const { return writer_->file; }

}  // namespace ardent::store
