// Files whose tables were changed behind Ardent's back (found by fuzz_store): the statements
// Ardent prepares no longer fit them, which is damage to report, not an internal error.
#include <sqlite3.h>

#include <gtest/gtest.h>

#include "ardent/store.hpp"
#include "store_fixture.hpp"

namespace ardent::store {
namespace {

using testing::ScratchDir;
using testing::exec;

void expect_damaged(const std::string& column, const std::function<void()>& read) {
  try {
    read();
    ADD_FAILURE() << "a file with a renamed column was read";
  } catch (const StoreError& e) {
    EXPECT_EQ(e.kind(), StoreError::Kind::Corrupt) << e.what();
    EXPECT_NE(std::string(e.what()).find("its tables are not the ones Ardent created (no such column: " + column),
              std::string::npos)
        << e.what();
  }
}

TEST(ChangedTables, AnAuditLogWithARenamedColumnIsDamaged) {
  ScratchDir dir;
  const auto file = dir / "audit.db";
  {
    Audit audit(file);
    AuditEntry e;
    e.ruleset_name = "mini";
    e.triage = "urgent";
    audit.record(e);
  }
  exec(file, "ALTER TABLE audit_log RENAME COLUMN ruleset_hash TO rs_hash");
  expect_damaged("ruleset_hash", [&] { query_audit(file); });
  // verify reads the schema before any row, so it names the change as tampering instead.
  const VerifyReport report = verify_audit(file);
  EXPECT_EQ(report.problem, VerifyReport::Problem::schema) << report.message;
  EXPECT_NE(report.message.find("ruleset_hash"), std::string::npos) << report.message;
}

TEST(ChangedTables, ARegistryWithARenamedColumnIsDamaged) {
  ScratchDir dir;
  const auto file = dir / "registry.db";
  Registry(file).publish(read_sources(testing::write_ruleset(dir, "mini", "1.0.0")), {});
  exec(file, "ALTER TABLE ruleset_version RENAME COLUMN author TO writer");
  expect_damaged("author", [&] { Registry(file).list(); });
}

}  // namespace
}  // namespace ardent::store
