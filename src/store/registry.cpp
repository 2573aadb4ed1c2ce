// The registry of rule-set versions: publish, list, approve, retire and load.
#include <algorithm>
#include <charconv>
#include <mutex>

#include <fmt/format.h>

#include "ardent/names.hpp"

#include "store/clock.hpp"
#include "store/schema.hpp"
#include "store/status_signature.hpp"
#include "store/version_order.hpp"

namespace ardent::store {

std::string_view to_string(Status s) {
  switch (s) {
    case Status::draft: return "draft";
    case Status::approved: return "approved";
    case Status::retired: return "retired";
  }
  return "draft";
}

std::optional<Status> parse_status(std::string_view s) {
  if (s == "draft") return Status::draft;
  if (s == "approved") return Status::approved;
  if (s == "retired") return Status::retired;
  return std::nullopt;
}

namespace {

constexpr const char* kColumns =
    "id, name, version, hash, dsl_version, engine_version, status, author, published_at, "
    "coalesce(approved_by, ''), coalesce(approved_at, ''), coalesce(retired_by, ''), coalesce(retired_at, ''), "
    "coalesce(approval_key, ''), coalesce(approval_signature, ''), coalesce(retirement_key, ''), "
    "coalesce(retirement_signature, '')";

struct Spec {
  std::string name;
  std::string version;  // empty: the newest approved
};

Spec parse_spec(std::string_view text) {
  const auto at = text.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == text.size() || text.find('@', at + 1) != text.npos)
    throw StoreError(StoreError::Kind::Invalid,
                     fmt::format("{} names no rule-set version: give name@version or name@approved", in_quotes(text)));
  Spec s{std::string(text.substr(0, at)), std::string(text.substr(at + 1))};
  if (s.version == "approved") s.version.clear();
  return s;
}

RulesetVersion read_version(const sql::Statement& s) {
  RulesetVersion v;
  v.id = s.int_at(0);
  v.name = s.text_at(1);
  v.version = s.text_at(2);
  v.hash = s.text_at(3);
  v.dsl_version = static_cast<int>(s.int_at(4));
  v.engine_version = s.text_at(5);
  v.status = parse_status(s.text_at(6)).value_or(Status::draft);
  v.author = s.text_at(7);
  v.published_at = s.text_at(8);
  v.approved_by = s.text_at(9);
  v.approved_at = s.text_at(10);
  v.retired_by = s.text_at(11);
  v.retired_at = s.text_at(12);
  v.approval_key = s.text_at(13);
  v.approval_signature = s.text_at(14);
  v.retirement_key = s.text_at(15);
  v.retirement_signature = s.text_at(16);
  return v;
}

std::string describe(const RulesetVersion& v) { return fmt::format("{}@{}", v.name, v.version); }

std::string format_errors(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const auto& d : diagnostics)
    if (d.severity == Severity::Error) out += format(d);
  return out;
}

}  // namespace

struct Registry::Impl {
  std::filesystem::path file;
  std::unique_ptr<sql::Connection> db;
  TrustedKeys trusted;
  mutable std::mutex mu;

  void load_files(RulesetVersion& v) const {
    sql::Statement s(*db, "SELECT path FROM ruleset_source WHERE ruleset_id = ?1 ORDER BY path");
    s.bind(1, v.id);
    while (s.step()) v.files.push_back(s.text_at(0));
  }

  std::vector<RulesetVersion> versions_of(std::string_view name) const {
    std::vector<RulesetVersion> out;
    const std::string sql = fmt::format("SELECT {} FROM ruleset_version WHERE name = ?1", kColumns);
    sql::Statement s(*db, sql.c_str());
    s.bind(1, name);
    while (s.step()) out.push_back(read_version(s));
    std::sort(out.begin(), out.end(),
              [](const RulesetVersion& a, const RulesetVersion& b) { return version_less(a.version, b.version); });
    return out;
  }

  RulesetVersion find(std::string_view text) const {
    const Spec spec = parse_spec(text);
    std::vector<RulesetVersion> all = versions_of(spec.name);
    const RulesetVersion* found = nullptr;
    for (const auto& v : all) {
      if (spec.version.empty() ? v.status == Status::approved : v.version == spec.version) found = &v;
    }
    if (!found) {
      std::string known;
      for (const auto& v : all) known += fmt::format("{}{} ({})", known.empty() ? "" : ", ", v.version, to_string(v.status));
      throw StoreError(StoreError::Kind::NotFound,
                       fmt::format("'{}' has no {}{}", file.string(),
                                   spec.version.empty() ? fmt::format("approved version of {}", in_quotes(spec.name))
                                                        : fmt::format("rule set {}", in_quotes(text)),
                                   known.empty() ? fmt::format(" (no version of {} is published)", in_quotes(spec.name))
                                                 : fmt::format(" (published versions: {})", known)));
    }
    RulesetVersion v = *found;
    load_files(v);
    return v;
  }

  std::vector<SourceText> sources(const RulesetVersion& v) const {
    std::vector<SourceText> out;
    sql::Statement s(*db, "SELECT path, text FROM ruleset_source WHERE ruleset_id = ?1 ORDER BY path");
    s.bind(1, v.id);
    while (s.step()) out.push_back({s.text_at(0), s.text_at(1)});
    return out;
  }

  void set_status(const RulesetVersion& v, Status to, const std::string& by, const PrivateKey* key) {
    sql::Transaction tx(*db);
    const char* sql = to == Status::approved
                          ? "UPDATE ruleset_version SET status = 'approved', approved_by = ?2, approved_at = ?3, "
                            "approval_key = ?5, approval_signature = ?6 WHERE id = ?1 AND status = ?4"
                          : "UPDATE ruleset_version SET status = 'retired', retired_by = ?2, retired_at = ?3, "
                            "retirement_key = ?5, retirement_signature = ?6 WHERE id = ?1 AND status = ?4";
    const std::string who = by.empty() ? std::string("unknown") : by, when = utc_now();
    RulesetVersion changed = v;  // as it will be stored: what the signature covers
    if (to == Status::approved) {
      changed.approved_by = who;
      changed.approved_at = when;
    } else {
      changed.retired_by = who;
      changed.retired_at = when;
    }
    sql::Statement s(*db, sql);
    s.bind(1, v.id).bind(2, who).bind(3, when).bind(4, to_string(v.status));
    if (key) s.bind(5, key->id()).bind(6, key->sign(status_statement(changed, to)));
    else s.bind_null(5).bind_null(6);
    s.run();
    if (db->changes() != 1)
      throw StoreError(StoreError::Kind::Conflict,
                       fmt::format("{} changed status while it was being {}; try again", describe(v), to_string(to)));
    tx.commit();
  }
};

Registry::Registry(const std::filesystem::path& file, OpenOptions options, TrustedKeys trusted)
    : impl_(std::make_unique<Impl>()) {
  impl_->file = file;
  impl_->db = schema::open(file, options);
  impl_->trusted = std::move(trusted);
}

bool Registry::verifies_approvals() const { return !impl_->trusted.empty(); }

Registry::~Registry() = default;

const std::filesystem::path& Registry::file() const { return impl_->file; }

PublishResult Registry::publish(std::vector<SourceText> sources, const PublishOptions& options) {
  if (sources.empty()) throw StoreError(StoreError::Kind::Invalid, "nothing to publish: the rule set has no files");
  if (options.status == Status::retired)
    throw StoreError(StoreError::Kind::Invalid, "a rule set is published as draft or approved, not retired");
  if (options.key && options.status != Status::approved)
    throw StoreError(StoreError::Kind::Invalid, "a key signs an approval: publish with status approved to sign it");
  std::sort(sources.begin(), sources.end(), [](const SourceText& a, const SourceText& b) { return a.path < b.path; });
  CompileOutput out = compile_sources(sources);
  if (!out.ok())
    throw StoreError(StoreError::Kind::Invalid,
                     fmt::format("the rule set does not compile:\n{}", format_errors(out.diagnostics)));
  const Ruleset& rs = *out.ruleset;
  if (options.status == Status::approved) {
    ApprovalCheck check = check_for_approval(sources);
    if (!check.ok)
      throw StoreError(StoreError::Kind::Conflict,
                       fmt::format("{}@{} cannot be approved:\n{}", rs.name(), rs.version(), check.report));
  }

  std::lock_guard lk(impl_->mu);
  sql::Connection& db = *impl_->db;
  sql::Transaction tx(db);
  {
    const std::string sql = fmt::format("SELECT {} FROM ruleset_version WHERE name = ?1 AND version = ?2", kColumns);
    sql::Statement s(db, sql.c_str());
    s.bind(1, rs.name()).bind(2, rs.version());
    if (s.step()) {
      RulesetVersion existing = read_version(s);
      if (existing.hash != rs.hash())
        throw StoreError(StoreError::Kind::Conflict,
                         fmt::format("{} is already published ({}, sha256 {}) with different content; a published "
                                     "version never changes: give the rule set a new version",
                                     describe(existing), to_string(existing.status), existing.hash.substr(0, 12)));
      impl_->load_files(existing);
      return {true, existing};
    }
  }
  const std::string now = utc_now();
  const std::string author = options.author.empty() ? "unknown" : options.author;
  RulesetVersion v;
  v.name = rs.name();
  v.version = rs.version();
  v.hash = rs.hash();
  v.dsl_version = kDslVersion;
  v.engine_version = kEngineVersion;
  v.status = options.status;
  v.author = author;
  v.published_at = now;
  if (options.status == Status::approved) {
    v.approved_by = author;
    v.approved_at = now;
  }
  if (options.key) {
    v.approval_key = options.key->id();
    v.approval_signature = options.key->sign(status_statement(v, Status::approved));
  }
  sql::Statement insert(db,
                        "INSERT INTO ruleset_version (name, version, hash, dsl_version, engine_version, status, author, "
                        "published_at, approved_by, approved_at, approval_key, approval_signature) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
  insert.bind(1, v.name).bind(2, v.version).bind(3, v.hash).bind(4, std::int64_t{kDslVersion});
  insert.bind(5, kEngineVersion).bind(6, to_string(options.status)).bind(7, author).bind(8, now);
  if (options.status == Status::approved) insert.bind(9, author).bind(10, now);
  else insert.bind_null(9).bind_null(10);
  if (options.key) insert.bind(11, v.approval_key).bind(12, v.approval_signature);
  else insert.bind_null(11).bind_null(12);
  insert.run();
  const std::int64_t id = sqlite3_last_insert_rowid(db.get());
  sql::Statement add(db, "INSERT INTO ruleset_source (ruleset_id, path, text) VALUES (?1, ?2, ?3)");
  for (const auto& f : sources) {
    add.reset();
    add.bind(1, id).bind(2, f.path).bind(3, f.text);
    add.run();
  }
  tx.commit();
  v.id = id;
  for (const auto& f : sources) v.files.push_back(f.path);
  return {false, v};
}

std::vector<RulesetVersion> Registry::list(std::string_view name) const {
  std::lock_guard lk(impl_->mu);
  if (!name.empty()) return impl_->versions_of(name);
  std::vector<std::string> names;
  {
    sql::Statement s(*impl_->db, "SELECT DISTINCT name FROM ruleset_version ORDER BY name");
    while (s.step()) names.push_back(s.text_at(0));
  }
  std::vector<RulesetVersion> out;
  for (const auto& n : names) {
    auto versions = impl_->versions_of(n);
    out.insert(out.end(), versions.begin(), versions.end());
  }
  return out;
}

RulesetVersion Registry::find(std::string_view spec) const {
  std::lock_guard lk(impl_->mu);
  return impl_->find(spec);
}

std::vector<SourceText> Registry::sources(std::string_view spec) const {
  std::lock_guard lk(impl_->mu);
  return impl_->sources(impl_->find(spec));
}

RulesetVersion Registry::approve(std::string_view spec, const std::string& by, const PrivateKey* key) {
  std::lock_guard lk(impl_->mu);
  RulesetVersion v = impl_->find(spec);
  if (v.status != Status::draft)
    throw StoreError(StoreError::Kind::Conflict,
                     fmt::format("{} is {}: only a draft can be approved", describe(v), to_string(v.status)));
  ApprovalCheck check = check_for_approval(impl_->sources(v));
  if (!check.ok)
    throw StoreError(StoreError::Kind::Conflict, fmt::format("{} cannot be approved:\n{}", describe(v), check.report));
  impl_->set_status(v, Status::approved, by, key);
  return impl_->find(describe(v));
}

RulesetVersion Registry::retire(std::string_view spec, const std::string& by, const PrivateKey* key) {
  std::lock_guard lk(impl_->mu);
  RulesetVersion v = impl_->find(spec);
  if (v.status == Status::retired)
    throw StoreError(StoreError::Kind::Conflict, fmt::format("{} is already retired", describe(v)));
  impl_->set_status(v, Status::retired, by, key);
  return impl_->find(describe(v));
}

CompileOutput Registry::compile(std::string_view spec, const Limits& limits) const {
  RulesetVersion v;
  std::vector<SourceText> files;
  {
    std::lock_guard lk(impl_->mu);
    v = impl_->find(spec);
    if (!impl_->trusted.empty()) {
      try {
        check_approval(v, impl_->trusted);
      } catch (const StoreError& e) {
        throw StoreError(e.kind(), fmt::format("'{}': {}", impl_->file.string(), e.what()));
      }
    }
    files = impl_->sources(v);
  }
  CompileOutput out = compile_sources(std::move(files), limits);
  // Diagnostics name the stored version, since the files are not on disk.
  for (auto& d : out.diagnostics)
    if (!d.file.empty()) d.file = fmt::format("{}/{}", describe(v), d.file);
  if (out.ok() && out.ruleset->hash() != v.hash)
    throw StoreError(StoreError::Kind::Corrupt,
                     fmt::format("'{}': the stored sources of {} do not match their recorded hash", impl_->file.string(),
                                 describe(v)));
  return out;
}

RulesetPtr Registry::load(std::string_view spec) const {
  CompileOutput out = compile(spec);
  if (!out.ok())
    throw StoreError(StoreError::Kind::Invalid,
                     fmt::format("'{}': {} does not compile with this engine:\n{}", impl_->file.string(), spec,
                                 format_errors(out.diagnostics)));
  return out.ruleset;
}

std::optional<RegistrySpec> parse_registry_spec(std::string_view text) {
  if (!text.starts_with("db:")) return std::nullopt;
  text.remove_prefix(3);
  // The file name may hold ':' itself; the version spec never does.
  const auto colon = text.rfind(':');
  if (colon == std::string_view::npos || colon == 0)
    return RegistrySpec{std::filesystem::path(std::string(text)), std::string()};
  return RegistrySpec{std::filesystem::path(std::string(text.substr(0, colon))), std::string(text.substr(colon + 1))};
}

CompileOutput compile_from_registry(const RegistrySpec& spec, const TrustedKeys& trusted, const Limits& limits) {
  if (spec.spec.empty())
    throw StoreError(StoreError::Kind::Invalid,
                     fmt::format("'db:{}' names no rule-set version: write db:FILE:name@version or "
                                 "db:FILE:name@approved",
                                 spec.file.string()));
  parse_spec(spec.spec);  // a malformed spec is reported before the file is opened
  OpenOptions options;
  options.create = false;
  Registry registry(spec.file, options, trusted);
  return registry.compile(spec.spec, limits);
}

}  // namespace ardent::store
