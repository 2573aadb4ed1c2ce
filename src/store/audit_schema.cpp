#include "store/audit_schema.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "store/schema.hpp"

namespace ardent::store {

namespace {

struct Column {
  std::string name, declared;  // declared: "INTEGER NOT NULL PRIMARY KEY" and the like
  bool operator==(const Column&) const = default;
};

std::vector<std::string> audit_tables(sql::Connection& db) {
  std::vector<std::string> out;
  sql::Statement s(db, "SELECT name FROM sqlite_schema WHERE type = 'table' AND name LIKE 'audit\\_%' ESCAPE '\\' "
                       "ORDER BY name");
  while (s.step()) out.push_back(s.text_at(0));
  return out;
}

std::vector<Column> columns_of(sql::Connection& db, const std::string& table) {
  std::vector<Column> out;
  sql::Statement s(db, "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_xinfo(?1) ORDER BY cid");
  s.bind(1, table);
  while (s.step()) {
    std::string declared = s.text_at(1);
    if (s.int_at(2)) declared += " NOT NULL";
    if (!s.null_at(3)) declared += " DEFAULT " + s.text_at(3);
    if (s.int_at(4)) declared += " PRIMARY KEY";
    out.push_back({s.text_at(0), declared});
  }
  return out;
}

std::map<std::string, std::string> triggers_on(sql::Connection& db, const std::vector<std::string>& tables) {
  std::map<std::string, std::string> out;
  sql::Statement s(db, "SELECT name, tbl_name, sql FROM sqlite_schema WHERE type = 'trigger'");
  while (s.step())
    if (std::find(tables.begin(), tables.end(), s.text_at(1)) != tables.end()) out[s.text_at(0)] = s.text_at(2);
  return out;
}

void compare_columns(const std::string& table, const std::vector<Column>& want, const std::vector<Column>& have,
                     std::vector<std::string>& out) {
  if (have.empty()) {
    out.push_back(fmt::format("the table {} is missing", table));
    return;
  }
  auto find = [](const std::vector<Column>& list, const std::string& name) {
    return std::find_if(list.begin(), list.end(), [&](const Column& c) { return c.name == name; });
  };
  const std::size_t before = out.size();
  for (const Column& c : have)
    if (find(want, c.name) == want.end())
      out.push_back(fmt::format("{} has a column '{}' that Ardent does not write", table, c.name));
  for (const Column& c : want) {
    auto it = find(have, c.name);
    if (it == have.end()) out.push_back(fmt::format("{} has lost its column '{}'", table, c.name));
    else if (it->declared != c.declared)
      out.push_back(fmt::format("{}'s column '{}' is declared {}, where Ardent declares {}", table, c.name,
                                it->declared.empty() ? "without a type" : it->declared, c.declared));
  }
  if (out.size() == before && want != have) out.push_back(fmt::format("{}'s columns are in another order", table));
}

}  // namespace

AuditSchemaCheck check_audit_schema(sql::Connection& db, int version) {
  auto reference = schema::open(":memory:", OpenOptions{}, version);
  const std::vector<std::string> tables = audit_tables(*reference);
  AuditSchemaCheck check;
  for (const std::string& t : tables) compare_columns(t, columns_of(*reference, t), columns_of(db, t), check.columns);

  const auto want = triggers_on(*reference, tables), have = triggers_on(db, tables);
  for (const auto& [name, text] : want) {
    auto it = have.find(name);
    if (it == have.end()) check.triggers.push_back(fmt::format("the trigger {} was dropped", name));
    else if (it->second != text) check.triggers.push_back(fmt::format("the trigger {} was replaced", name));
  }
  for (const auto& [name, text] : have)
    if (!want.contains(name)) check.triggers.push_back(fmt::format("a trigger {} was added", name));
  return check;
}

}  // namespace ardent::store
