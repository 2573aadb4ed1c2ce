// The audit tables and their triggers, compared with what Ardent's migrations create for the
// file's schema version: a dropped trigger, an added or dropped column, a column declared as
// another type are all changes no Ardent writer makes.
#pragma once

#include <string>
#include <vector>

#include "store/sqlite.hpp"

namespace ardent::store {

struct AuditSchemaCheck {
  std::vector<std::string> columns;   // the audit tables' columns differ: rows cannot be read as they are
  std::vector<std::string> triggers;  // triggers on the audit tables dropped, replaced or added
  bool ok() const { return columns.empty() && triggers.empty(); }
};

AuditSchemaCheck check_audit_schema(sql::Connection& db, int version);

}  // namespace ardent::store
