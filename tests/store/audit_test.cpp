#include <sqlite3.h>

#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "ardent/store.hpp"
#include "store/clock.hpp"
#include "store_fixture.hpp"

namespace ardent::store {
namespace {

using testing::ScratchDir;

AuditEntry entry(const std::string& encounter, std::vector<std::string> red_flags = {}) {
  AuditEntry e;
  e.context = {encounter, "dr-who", {{"site", "north"}, {"app", "ed-triage"}}};
  e.ruleset_name = "mini";
  e.ruleset_version = "1.0.0";
  e.ruleset_hash = std::string(64, 'a');
  e.findings = R"({"fever":true,"age":54,"pain_peak":"constant","x":null})";
  e.triage = red_flags.empty() ? "routine" : "emergency";
  e.red_flags = std::move(red_flags);
  e.conditions = {{"flu", "suggested"}, {"sepsis", "excluded"}};
  e.latency = std::chrono::nanoseconds(1234);
  return e;
}

TEST(Audit, RowsAreCompleteAndChained) {
  ScratchDir dir;
  const auto file = dir / "audit.db";
  const auto before = std::chrono::system_clock::now();
  {
    Audit audit(file);
    EXPECT_EQ(audit.record(entry("enc-1")), 1u);
    EXPECT_EQ(audit.record(entry("enc-2", {"cauda_equina"})), 2u);
    AuditEntry fixed_time = entry("enc-3");
    fixed_time.time = std::chrono::system_clock::time_point(std::chrono::seconds(1'700'000'000));
    fixed_time.latency.reset();
    EXPECT_EQ(audit.record(fixed_time), 3u);
    audit.flush();
    EXPECT_EQ(audit.durable_ticket(), 3u);
  }
  const auto rows = query_audit(file);
  ASSERT_EQ(rows.size(), 3u);
  const AuditRow& r = rows[1];
  EXPECT_EQ(r.seq, 2);
  EXPECT_EQ(r.context.encounter_id, "enc-2");
  EXPECT_EQ(r.context.user_id, "dr-who");
  EXPECT_EQ(r.context.tags, (std::map<std::string, std::string>{{"app", "ed-triage"}, {"site", "north"}}));
  EXPECT_EQ(r.ruleset_name, "mini");
  EXPECT_EQ(r.ruleset_version, "1.0.0");
  EXPECT_EQ(r.ruleset_hash, std::string(64, 'a'));
  EXPECT_EQ(r.engine_version, kEngineVersion);
  EXPECT_EQ(nlohmann::json::parse(r.findings)["x"], nullptr);
  EXPECT_EQ(nlohmann::json::parse(r.findings)["age"], 54);
  EXPECT_EQ(r.triage, "emergency");
  EXPECT_EQ(r.red_flags, std::vector<std::string>{"cauda_equina"});
  ASSERT_EQ(r.conditions.size(), 2u);
  EXPECT_EQ(r.conditions[1].id, "sepsis");
  EXPECT_EQ(r.conditions[1].status, "excluded");
  EXPECT_EQ(r.latency_ns, 1234);
  EXPECT_GE(r.time, utc_timestamp(before));
  EXPECT_EQ(rows[2].time, "2023-11-14T22:13:20.000000Z");
  EXPECT_FALSE(rows[2].latency_ns.has_value());

  EXPECT_EQ(rows[0].prev_hash, std::string(64, '0'));
  for (std::size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(rows[i].hash, audit_row_hash(rows[i])) << i;
    if (i) {
      EXPECT_EQ(rows[i].prev_hash, rows[i - 1].hash) << i;
    }
  }
  VerifyReport report = verify_audit(file);
  EXPECT_TRUE(report.ok()) << report.message;
  EXPECT_EQ(report.rows, 3);
  EXPECT_EQ(report.head_seq, 3);
  EXPECT_EQ(report.head_hash, rows[2].hash);
  EXPECT_TRUE(report.warnings.empty());
}

TEST(Audit, FlushMakesRowsVisibleToOtherConnections) {
  ScratchDir dir;
  const auto file = dir / "audit.db";
  AuditOptions options;
  options.flush_interval = std::chrono::hours(1);  // only flush() or a full batch writes
  options.batch_size = 1000;
  Audit audit(file, options);
  for (int i = 0; i < 10; ++i) audit.record(entry("enc-" + std::to_string(i)));
  EXPECT_EQ(query_audit(file).size(), 0u);
  audit.flush();
  EXPECT_EQ(query_audit(file).size(), 10u);
  audit.flush();  // nothing pending: returns at once
}

TEST(Audit, FlushIntervalWritesWithoutAFlush) {
  ScratchDir dir;
  const auto file = dir / "audit.db";
  AuditOptions options;
  options.flush_interval = std::chrono::milliseconds(10);
  Audit audit(file, options);
  audit.record(entry("enc-1"));
  for (int i = 0; i < 500 && audit.durable_ticket() < 1; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  EXPECT_EQ(audit.durable_ticket(), 1u);
}

TEST(Audit, ManyThreadsManyBatches) {
  ScratchDir dir;
  const auto file = dir / "audit.db";
  AuditOptions options;
  options.batch_size = 7;
  options.max_pending = 16;  // record() has to wait for the writer now and then
  CompileOutput compiled = compile_path(testing::write_ruleset(dir, "mini", "1.0.0"));
  ASSERT_TRUE(compiled.ok());
  {
    Audit audit(file, options);
    std::vector<std::thread> threads;
    // Two threads hand in finished entries, two record evaluations (named on the writer).
    for (int t = 0; t < 4; ++t)
      threads.emplace_back([&, t] {
        Case c(compiled.ruleset);
        c.set_bool("fever", true);
        Result r;
        for (int i = 0; i < 250; ++i) {
          const std::string encounter = "t" + std::to_string(t) + "-" + std::to_string(i);
          if (t % 2) evaluate_audited(c, r, audit, {encounter, "u", {}});
          else audit.record(entry(encounter));
        }
      });
    for (auto& th : threads) th.join();
  }  // the destructor writes what is still queued
  const auto rows = query_audit(file);
  EXPECT_EQ(rows.size(), 1000u);
  std::size_t evaluated = 0;
  for (const auto& row : rows)
    if (row.findings == R"({"fever":true})" && row.ruleset_name == "mini" && row.triage == "urgent") ++evaluated;
  EXPECT_EQ(evaluated, 500u);
  EXPECT_TRUE(verify_audit(file).ok());
}

TEST(Audit, FindingsMustBeAJsonObject) {
  ScratchDir dir;
  Audit audit(dir / "audit.db");
  for (const char* bad : {"", "[1,2]", "{\"a\":", "42", "null"}) {
    AuditEntry e = entry("enc-1");
    e.findings = bad;
    try {
      audit.record(e);
      ADD_FAILURE() << "accepted findings " << bad;
    } catch (const StoreError& err) {
      EXPECT_EQ(err.kind(), StoreError::Kind::Invalid);
    }
  }
  audit.record(entry("enc-1"));  // the audit still works
  audit.flush();
}

TEST(Audit, ClosedAuditRefusesRecords) {
  ScratchDir dir;
  Audit audit(dir / "audit.db");
  audit.record(entry("enc-1"));
  audit.close();
  EXPECT_EQ(query_audit(dir / "audit.db").size(), 1u);
  EXPECT_THROW(audit.record(entry("enc-2")), StoreError);
}

TEST(Audit, RowsCannotBeChangedOrDeletedThroughSqlite) {
  ScratchDir dir;
  const auto file = dir / "audit.db";
  {
    Audit audit(file);
    audit.record(entry("enc-1"));
    audit.record(entry("enc-2"));
  }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
  for (const char* sql : {"UPDATE audit_log SET triage = 'self_care'", "DELETE FROM audit_log WHERE seq = 1",
                          // a row must name the current head as its predecessor
                          "INSERT INTO audit_log (time, encounter_id, user_id, tags, ruleset_name, ruleset_version, "
                          "ruleset_hash, engine_version, findings, triage, red_flags, conditions, prev_hash, hash) "
                          "SELECT time, encounter_id, user_id, tags, ruleset_name, ruleset_version, ruleset_hash, "
                          "engine_version, findings, triage, red_flags, conditions, prev_hash, hash FROM audit_log "
                          "WHERE seq = 1"})
    EXPECT_EQ(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), SQLITE_CONSTRAINT) << sql;
  sqlite3_close(db);
  EXPECT_TRUE(verify_audit(file).ok());
}

TEST(Audit, QueryFilters) {
  ScratchDir dir;
  const auto file = dir / "audit.db";
  {
    Audit audit(file);
    AuditEntry old = entry("enc-1");
    old.time = std::chrono::system_clock::time_point(std::chrono::seconds(1'700'000'000));  // 2023-11-14T22:13:20Z
    audit.record(old);
    audit.record(entry("enc-2", {"cauda_equina"}));
    audit.record(entry("enc-1", {"sepsis", "cauda_equina"}));
    audit.record(entry("enc-3", {"sepsis"}));
  }
  auto seqs = [&](const AuditQuery& q) {
    std::vector<std::int64_t> out;
    for (const auto& r : query_audit(file, q)) out.push_back(r.seq);
    return out;
  };
  auto query = [](std::optional<std::string> encounter, std::optional<std::string> since,
                  std::optional<std::string> red_flag, std::optional<std::size_t> limit = {}) {
    AuditQuery q;
    q.encounter_id = std::move(encounter);
    q.since = std::move(since);
    q.red_flag = std::move(red_flag);
    q.limit = limit;
    return q;
  };
  using V = std::vector<std::int64_t>;
  const auto none = std::nullopt;
  EXPECT_EQ(seqs({}), (V{1, 2, 3, 4}));
  EXPECT_EQ(seqs(query("enc-1", none, none)), (V{1, 3}));
  EXPECT_EQ(seqs(query(none, none, "cauda_equina")), (V{2, 3}));
  EXPECT_EQ(seqs(query(none, none, "cauda")), V{});
  EXPECT_EQ(seqs(query("enc-1", none, "sepsis")), V{3});
  EXPECT_EQ(seqs(query(none, "2024-01-01", none)), (V{2, 3, 4}));
  EXPECT_EQ(seqs(query(none, "2023-11-14T22:13:20Z", none)), (V{1, 2, 3, 4}));
  EXPECT_EQ(seqs(query(none, "2023-11-14T22:13:21", none)), (V{2, 3, 4}));
  EXPECT_EQ(seqs(query(none, none, none, 2)), (V{1, 2}));
  for (const char* bad : {"yesterday", "2023-1", "2023-11-14 22:13", "20231114"}) {
    try {
      query_audit(file, query(none, bad, none));
      ADD_FAILURE() << "accepted --since " << bad;
    } catch (const StoreError& e) {
      EXPECT_EQ(e.kind(), StoreError::Kind::Invalid);
    }
  }
}

TEST(Audit, AuditedEvaluationRecordsTheCaseAndOutcome) {
  ScratchDir dir;
  CompileOutput compiled = compile_path(testing::write_ruleset(dir, "mini", "1.0.0"));
  ASSERT_TRUE(compiled.ok());
  const auto file = dir / "audit.db";
  Result result;
  {
    Audit audit(file);
    Case c(compiled.ruleset);
    c.set_bool("fever", true);
    c.set_unknown("saddle_anaesthesia");
    evaluate_audited(c, result, audit, {"enc-9", "nurse-1", {}});
    audit.record(audit_entry(c, result, {"enc-9", "nurse-1", {}}));  // the same row, built by the caller
    Case urgent(compiled.ruleset);
    urgent.set_bool("saddle_anaesthesia", true);
    evaluate_audited(urgent, result, audit, {"enc-10", "nurse-1", {}});
    audit.flush();
  }
  auto rows = query_audit(file);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1].findings, rows[0].findings);
  EXPECT_EQ(rows[1].triage, rows[0].triage);
  EXPECT_EQ(rows[1].ruleset_hash, rows[0].ruleset_hash);
  ASSERT_EQ(rows[1].conditions.size(), rows[0].conditions.size());
  EXPECT_FALSE(rows[1].latency_ns.has_value());
  rows.erase(rows.begin() + 1);
  EXPECT_EQ(rows[0].ruleset_name, "mini");
  EXPECT_EQ(rows[0].ruleset_hash, compiled.ruleset->hash());
  EXPECT_EQ(nlohmann::json::parse(rows[0].findings), nlohmann::json::parse(R"({"fever":true,"saddle_anaesthesia":null})"));
  EXPECT_EQ(rows[0].triage, "urgent");
  ASSERT_EQ(rows[0].conditions.size(), 1u);
  EXPECT_EQ(rows[0].conditions[0].id, "flu");
  EXPECT_EQ(rows[0].conditions[0].status, "suggested");
  ASSERT_TRUE(rows[0].latency_ns.has_value());
  EXPECT_GT(*rows[0].latency_ns, 0);
  EXPECT_EQ(rows[1].triage, "emergency");
  EXPECT_EQ(rows[1].red_flags, std::vector<std::string>{"cauda_equina"});
  // A result from another rule set is refused.
  CompileOutput other = compile_path(testing::write_ruleset(dir, "other", "2.0.0"));
  ASSERT_TRUE(other.ok());
  Case foreign(other.ruleset);
  {
    Audit audit(file);
    Result fresh;
    EXPECT_THROW(audit.record(foreign, fresh, {}), StoreError);
  }
  // The recorded findings read back into an equal case.
  Case again(compiled.ruleset);
  again.set_json(rows[0].findings);
  EXPECT_EQ(findings_json(again), rows[0].findings);
}

}  // namespace
}  // namespace ardent::store
