// The audit log's writer: record() queues on the caller's thread, one background thread
// writes batches. Each batch is one BEGIN IMMEDIATE transaction that reads the chain's head
// inside it, so other processes appending to the same file cannot fork the chain.
#include <condition_variable>
#include <mutex>
#include <span>
#include <thread>
#include <unordered_map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "store/audit_row.hpp"
#include "store/checkpoint.hpp"
#include "store/clock.hpp"
#include "store/evaluation_row.hpp"
#include "store/schema.hpp"
#include "store/thread_name.hpp"

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
  std::chrono::system_clock::time_point time;
  AuditContext context;
  std::optional<std::chrono::nanoseconds> latency;
  std::unique_ptr<AuditEntry> entry;  // record(AuditEntry): the caller gave names and JSON
  EvaluationSnapshot evaluation;      // record(Case, Result): named on the writer thread
};

// Pending records. Slots are kept when the batch is cleared, so that refilling one reuses the
// capacity of its strings and vectors: queuing costs the caller no allocation once warm.
class Batch {
 public:
  Pending& add() {
    if (size_ == slots_.size()) slots_.emplace_back();
    return slots_[size_++];
  }
  void drop_last() { --size_; }
  void clear() { size_ = 0; }
  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }
  std::span<Pending> items() { return std::span(slots_).first(size_); }
  void swap(Batch& other) noexcept {
    slots_.swap(other.slots_);
    std::swap(size_, other.size_);
  }

 private:
  std::vector<Pending> slots_;
  std::size_t size_ = 0;
};

bool is_json_object(std::string_view text) {
  auto first = text.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && text[first] == '{' && nlohmann::json::accept(text);
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
  // Names in JSON form per rule set, kept while rows of that rule set keep coming. Writer only.
  std::unordered_map<const Ruleset*, std::unique_ptr<RowVocabulary>> vocabularies;

  mutable std::mutex mu;
  std::condition_variable wake;  // the writer waits here
  std::condition_variable done;  // flush() and a blocked record() wait here
  Batch queue;                   // taken whole by the writer, which hands back an emptied batch
  std::uint64_t issued = 0;       // last ticket handed out
  std::uint64_t durable = 0;      // every ticket up to this one is committed
  std::uint64_t flush_target = 0;
  // What the writer is doing, so that record() wakes it only when it waits for work: a futex
  // wake per record would cost the caller more than the record itself.
  enum class Waiting { no, for_work, for_batch } waiting = Waiting::no;
  bool stopping = false;
  bool closed = false;
  std::optional<StoreError> error;
  std::thread thread;

  Writer(const std::filesystem::path& f, const AuditOptions& o) : file(f), options(o) {
    if (options.batch_size == 0) options.batch_size = 1;
    if (options.max_pending < options.batch_size) options.max_pending = options.batch_size;
    db = schema::open(file, options);
    db->exec(synchronous_pragma(options.synchronous));
    head = std::make_unique<sql::Statement>(*db, "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
    insert = std::make_unique<sql::Statement>(
        *db,
        "INSERT INTO audit_log (time, encounter_id, user_id, tags, ruleset_name, ruleset_version, ruleset_hash, "
        "engine_version, findings, triage, red_flags, conditions, latency_ns, prev_hash, hash, seq) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)");
    thread = std::thread([this] {
      name_this_thread("ardent-audit");  // as ps and debuggers show it
      run();
    });
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
    Batch taken;
    bool idle = true;
    std::unique_lock lk(mu);
    for (;;) {
      if (error) return;
      if (queue.empty()) {
        if (stopping) return;
        waiting = Waiting::for_work;
        wake.wait(lk);
        waiting = Waiting::no;
        idle = true;
        continue;
      }
      // After a pause, give the first record's batch flush_interval to fill. Under steady load
      // there is no waiting: what arrived while the last batch was written is the next batch.
      if (idle) {
        idle = false;
        const auto deadline = std::chrono::steady_clock::now() + options.flush_interval;
        while (!stopping && queue.size() < options.batch_size && flush_target <= durable) {
          waiting = Waiting::for_batch;
          const bool timed_out = wake.wait_until(lk, deadline) == std::cv_status::timeout;
          waiting = Waiting::no;
          if (timed_out) break;
        }
      }
      taken.swap(queue);  // everything queued; callers go on filling the emptied vector
      done.notify_all();  // room for a blocked record()
      lk.unlock();
      std::optional<StoreError> failure;
      std::size_t written = 0;
      try {
        const std::span<Pending> items = taken.items();
        for (; written < items.size(); written += options.batch_size) {
          const std::size_t n = std::min(options.batch_size, items.size() - written);
          write(items.subspan(written, n));
          const std::uint64_t last = items[written + n - 1].ticket;
          lk.lock();
          durable = last;
          lk.unlock();
          done.notify_all();
        }
      } catch (const StoreError& e) {
        failure = e;
      } catch (const std::exception& e) {
        failure = StoreError(StoreError::Kind::Internal, e.what());
      }
      const std::size_t unwritten = taken.size() - std::min(written, taken.size());
      taken.clear();
      lk.lock();
      if (failure) {
        const std::size_t lost = unwritten + queue.size();
        error = StoreError(failure->kind(), fmt::format("audit log '{}': {} record{} not written: {}", file.string(),
                                                        lost, lost == 1 ? "" : "s", failure->what()));
        queue.clear();
      }
      done.notify_all();
    }
  }

  const RowVocabulary& vocabulary(const RulesetPtr& rs) {
    auto& slot = vocabularies[rs.get()];
    if (!slot || slot->ruleset() != rs) {
      if (vocabularies.size() > 16) {  // a long-lived host reloading rule sets: start afresh
        vocabularies.clear();
        return *(vocabularies[rs.get()] = std::make_unique<RowVocabulary>(rs));
      }
      slot = std::make_unique<RowVocabulary>(rs);
    }
    return *slot;
  }

  StoredRow to_row(Pending& p) {
    if (p.entry) {
      AuditEntry& e = *p.entry;
      AuditRow row;
      row.time = utc_timestamp(p.time);
      row.context = std::move(e.context);
      row.ruleset_name = std::move(e.ruleset_name);
      row.ruleset_version = std::move(e.ruleset_version);
      row.ruleset_hash = std::move(e.ruleset_hash);
      row.engine_version = std::move(e.engine_version);
      row.findings = std::move(e.findings);
      row.triage = std::move(e.triage);
      row.red_flags = std::move(e.red_flags);
      row.conditions = std::move(e.conditions);
      if (e.latency) row.latency_ns = e.latency->count();
      return to_stored(row);
    }
    const EvaluationSnapshot& ev = p.evaluation;
    const Ruleset& rs = *ev.ruleset;
    const RowVocabulary& names = vocabulary(ev.ruleset);
    StoredRow r;
    r.time = utc_timestamp(p.time);
    r.encounter_id = p.context.encounter_id;  // copied: the slot keeps its capacity for reuse
    r.user_id = p.context.user_id;
    r.tags = tags_json(p.context.tags);
    r.ruleset_name = rs.name();
    r.ruleset_version = rs.version();
    r.ruleset_hash = rs.hash();
    r.engine_version = kEngineVersion;
    names.findings_json(r.findings, ev.findings);
    r.triage = to_string(ev.triage);
    names.red_flags_json(r.red_flags, ev.red_flags);
    names.conditions_json(r.conditions, ev.conditions);
    if (p.latency) r.latency_ns = p.latency->count();
    return r;
  }

  void write(std::span<Pending> batch) {
    sql::Transaction tx(*db);
    head->reset();
    // The row number is hashed, so the writer assigns it (the head's plus one) instead of SQLite.
    std::int64_t seq = 0;
    std::string prev = schema::kGenesisHash;
    if (head->step()) {
      seq = head->int_at(0);
      prev = head->text_at(1);
    }
    head->reset();
    for (Pending& p : batch) {
      StoredRow r = to_row(p);
      p.entry.reset();
      p.evaluation.ruleset.reset();  // a reused slot must not keep an old rule set alive
      r.seq = ++seq;
      r.prev_hash = std::move(prev);
      r.hash = row_hash(sha, r);
      insert->reset();
      insert->bind(1, r.time).bind(2, r.encounter_id).bind(3, r.user_id).bind(4, r.tags);
      insert->bind(5, r.ruleset_name).bind(6, r.ruleset_version).bind(7, r.ruleset_hash).bind(8, r.engine_version);
      insert->bind(9, r.findings).bind(10, r.triage).bind(11, r.red_flags).bind(12, r.conditions);
      insert->bind(13, r.latency_ns).bind(14, r.prev_hash).bind(15, r.hash).bind(16, r.seq);
      insert->run();
      prev = std::move(r.hash);
    }
    insert->reset();
    if (options.seal_key) append_checkpoint(*db, *options.seal_key);
    tx.commit();
  }

  // Fills the next slot under the lock with fill(Pending&), which sets everything but the ticket.
  template <class Fill>
  std::uint64_t enqueue(Fill&& fill) {
    const auto now = std::chrono::system_clock::now();
    std::unique_lock lk(mu);
    if (error) throw_error();
    if (closed) throw StoreError(StoreError::Kind::Invalid, fmt::format("audit log '{}' is closed", file.string()));
    if (queue.size() >= options.max_pending) {
      wake.notify_one();
      done.wait(lk, [&] { return queue.size() < options.max_pending || error; });
      if (error) throw_error();
    }
    Pending& p = queue.add();
    p.time = now;
    try {
      fill(p);
    } catch (...) {
      queue.drop_last();  // half filled: never written
      throw;
    }
    const std::uint64_t ticket = p.ticket = ++issued;
    // Wake the writer for the first record after a pause or for a full batch; otherwise it is
    // busy writing (and looks again when done) or wakes when the batch's time is up.
    const bool wake_writer = waiting == Waiting::for_work ||
                             (waiting == Waiting::for_batch && queue.size() >= options.batch_size);
    if (wake_writer) {
      waiting = Waiting::no;  // one wake is enough
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
  auto given = std::make_unique<AuditEntry>(std::move(entry));
  return writer_->enqueue([&](Pending& p) {
    if (given->time) p.time = *given->time;
    p.entry = std::move(given);
  });
}

std::uint64_t Audit::record(const Case& c, const Result& r, const AuditContext& context,
                            std::optional<std::chrono::nanoseconds> latency) {
  if (r.ruleset_ptr().get() != &c.ruleset())
    throw StoreError(StoreError::Kind::Invalid, "audit record: the result was not evaluated from this case's rule set");
  return writer_->enqueue([&](Pending& p) {
    p.entry.reset();
    p.context = context;
    p.latency = latency;
    p.evaluation.capture(c, r);
  });
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

Checkpoint Audit::checkpoint(const PrivateKey& key) {
  flush();
  // A connection of its own: the writer's belongs to the writer thread. Both take the write
  // lock for their transactions, so the checkpoint sees a whole batch or none of it.
  OpenOptions options = writer_->options;
  options.create = false;
  return checkpoint_audit(writer_->file, key, options);
}

}  // namespace ardent::store
