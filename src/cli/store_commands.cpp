// `ardent publish`, `ardent registry list|show|approve|retire`, `ardent audit verify|query|checkpoint`.
//
// Exit codes: kExitUsage for a bad command line and for a file that cannot be used as a store
// (missing, not Ardent's, damaged, newer schema); kExitFailure for everything refused or found
// wrong (rules that do not compile, failed tests, a version conflict, an unknown version, a
// locked or full database, a broken audit chain).
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "ardent/names.hpp"
#include "ardent/store.hpp"
#include "cli/commands.hpp"

namespace ardent::cli {

namespace {

using store::StoreError;

int exit_code_for(const StoreError& e) {
  switch (e.kind()) {
    case StoreError::Kind::Open:
    case StoreError::Kind::NotArdent:
    case StoreError::Kind::Corrupt:
    case StoreError::Kind::Schema:
    case StoreError::Kind::Invalid: return kExitUsage;
    default: return kExitFailure;
  }
}

int report(const std::string& command, const StoreError& e) {
  fmt::print(stderr, "ardent {}: {}\n", command, e.what());
  return exit_code_for(e);
}

std::string default_user() {
  for (const char* var : {"ARDENT_USER", "USER", "LOGNAME"})
    if (const char* v = std::getenv(var); v && *v) return v;
  return "unknown";
}

store::OpenOptions existing_file() {
  store::OpenOptions o;
  o.create = false;
  return o;
}

std::string short_hash(const std::string& h) { return h.substr(0, 12); }

nlohmann::json version_json(const store::RulesetVersion& v) {
  nlohmann::json j = {{"name", v.name},
                      {"version", v.version},
                      {"hash", v.hash},
                      {"status", store::to_string(v.status)},
                      {"author", v.author},
                      {"published_at", v.published_at},
                      {"dsl_version", v.dsl_version},
                      {"engine_version", v.engine_version},
                      {"files", v.files}};
  if (!v.approved_at.empty()) {
    j["approved"] = {{"by", v.approved_by}, {"at", v.approved_at}};
    if (!v.approval_signature.empty())
      j["approved"]["signature"] = {{"key_id", v.approval_key}, {"value", v.approval_signature}};
  }
  if (!v.retired_at.empty()) {
    j["retired"] = {{"by", v.retired_by}, {"at", v.retired_at}};
    if (!v.retirement_signature.empty())
      j["retired"]["signature"] = {{"key_id", v.retirement_key}, {"value", v.retirement_signature}};
  }
  return j;
}

// "signed with key 1a2b3c4d5e6f7a8b" or "unsigned"
std::string signed_with(const std::string& key_id) {
  return key_id.empty() ? std::string("unsigned") : "signed with key " + store::short_key_id(key_id);
}

// --key KEY.pem, read before anything is written.
std::optional<store::PrivateKey> signing_key(const std::string& file) {
  if (file.empty()) return std::nullopt;
  return store::PrivateKey::from_pem_file(file);
}

// ---- publish ------------------------------------------------------------------------------

struct PublishOptions {
  std::string rules, db, status = "draft", author, key;
};

int run_publish(const PublishOptions& o) {
  const auto status = store::parse_status(o.status);
  if (!status || *status == store::Status::retired) {
    fmt::print(stderr, "ardent publish: --status must be draft or approved, not {}\n", in_quotes(o.status));
    return kExitUsage;
  }
  if (!o.key.empty() && *status != store::Status::approved) {
    fmt::print(stderr, "ardent publish: --key signs an approval: give --status approved with it\n");
    return kExitUsage;
  }
  // Compile from disk first, so that errors carry the paths the author knows.
  int code = kExitOk;
  if (!load_rules(o.rules, code)) return code;
  try {
    std::optional<store::PrivateKey> key = signing_key(o.key);
    store::Registry registry(o.db);
    store::PublishResult r = registry.publish(store::read_sources(o.rules),
                                              {*status, o.author.empty() ? default_user() : o.author, key});
    const auto& v = r.version;
    if (r.unchanged) {
      fmt::print("{}@{} is already published with this content ({}); nothing changed\n", v.name, v.version,
                 store::to_string(v.status));
      if (*status == store::Status::approved && v.status == store::Status::draft)
        fmt::print("to approve it: ardent registry approve {}@{} --db {}\n", v.name, v.version, o.db);
    } else {
      fmt::print("published {}@{} as {} (sha256 {}, {} file{}{}) in {}\n", v.name, v.version,
                 store::to_string(v.status), short_hash(v.hash), v.files.size(), v.files.size() == 1 ? "" : "s",
                 key ? ", approval " + signed_with(v.approval_key) : "", o.db);
    }
    return kExitOk;
  } catch (const StoreError& e) {
    return report("publish", e);
  }
}

// ---- registry -----------------------------------------------------------------------------

struct RegistryOptions {
  std::string db, spec, name, by, key;
  bool json = false, sources = false;
};

int run_list(const RegistryOptions& o) {
  store::Registry registry(o.db, existing_file());
  const auto versions = registry.list(o.name);
  if (o.json) {
    nlohmann::json all = nlohmann::json::array();
    for (const auto& v : versions) all.push_back(version_json(v));
    fmt::print("{}\n", all.dump(2));
    return kExitOk;
  }
  if (versions.empty()) {
    fmt::print("no rule sets{} in {}\n", o.name.empty() ? "" : fmt::format(" named '{}'", o.name), o.db);
    return kExitOk;
  }
  std::size_t wn = 4, wv = 7, wa = 6;
  for (const auto& v : versions) {
    wn = std::max(wn, v.name.size());
    wv = std::max(wv, v.version.size());
    wa = std::max(wa, v.author.size());
  }
  fmt::print("{:<{}}  {:<{}}  {:<8}  {:<{}}  {:<27}  {}\n", "NAME", wn, "VERSION", wv, "STATUS", "AUTHOR", wa, "PUBLISHED",
             "SHA256");
  for (const auto& v : versions)
    fmt::print("{:<{}}  {:<{}}  {:<8}  {:<{}}  {:<27}  {}\n", v.name, wn, v.version, wv, store::to_string(v.status),
               v.author, wa, v.published_at, short_hash(v.hash));
  return kExitOk;
}

int run_show(const RegistryOptions& o) {
  store::Registry registry(o.db, existing_file());
  const auto v = registry.find(o.spec);
  const auto files = o.sources ? registry.sources(o.spec) : std::vector<SourceText>{};
  if (o.json) {
    nlohmann::json j = version_json(v);
    if (o.sources) {
      j["sources"] = nlohmann::json::array();
      for (const auto& f : files) j["sources"].push_back({{"path", f.path}, {"text", f.text}});
    }
    fmt::print("{}\n", j.dump(2));
    return kExitOk;
  }
  fmt::print("{}@{}\n", v.name, v.version);
  fmt::print("  status:     {}\n", store::to_string(v.status));
  fmt::print("  sha256:     {}\n", v.hash);
  fmt::print("  published:  {} by {}\n", v.published_at, v.author);
  if (!v.approved_at.empty())
    fmt::print("  approved:   {} by {}, {}\n", v.approved_at, v.approved_by, signed_with(v.approval_key));
  if (!v.retired_at.empty())
    fmt::print("  retired:    {} by {}, {}\n", v.retired_at, v.retired_by, signed_with(v.retirement_key));
  fmt::print("  engine:     {} (DSL version {})\n", v.engine_version, v.dsl_version);
  fmt::print("  files:      {}\n", fmt::join(v.files, ", "));
  for (const auto& f : files) {
    fmt::print("\n==> {} <==\n{}", f.path, f.text);
    if (!f.text.empty() && f.text.back() != '\n') fmt::print("\n");
  }
  return kExitOk;
}

int run_approve(const RegistryOptions& o) {
  const std::optional<store::PrivateKey> key = signing_key(o.key);
  store::Registry registry(o.db, existing_file());
  const auto v = registry.approve(o.spec, o.by.empty() ? default_user() : o.by, key ? &*key : nullptr);
  fmt::print("approved {}@{} (sha256 {}) by {}, {}\n", v.name, v.version, short_hash(v.hash), v.approved_by,
             signed_with(v.approval_key));
  return kExitOk;
}

int run_retire(const RegistryOptions& o) {
  const std::optional<store::PrivateKey> key = signing_key(o.key);
  store::Registry registry(o.db, existing_file());
  const auto v = registry.retire(o.spec, o.by.empty() ? default_user() : o.by, key ? &*key : nullptr);
  fmt::print("retired {}@{} by {}, {}\n", v.name, v.version, v.retired_by, signed_with(v.retirement_key));
  return kExitOk;
}

// ---- audit --------------------------------------------------------------------------------

struct AuditOptions {
  std::string db, encounter, since, redflag, key;
  std::vector<std::string> trust;
  std::size_t limit = 0;
  bool json = false;
  bool sealed = false;
};

nlohmann::json row_json(const store::AuditRow& r) {
  nlohmann::json conditions = nlohmann::json::array();
  for (const auto& c : r.conditions) conditions.push_back({{"id", c.id}, {"status", c.status}});
  nlohmann::json findings = nlohmann::json::parse(r.findings, nullptr, false);
  if (findings.is_discarded()) findings = r.findings;  // as stored, when it is not JSON
  nlohmann::json j = {{"seq", r.seq},
                      {"time", r.time},
                      {"encounter_id", r.context.encounter_id},
                      {"user_id", r.context.user_id},
                      {"tags", r.context.tags},
                      {"ruleset", {{"name", r.ruleset_name}, {"version", r.ruleset_version}, {"hash", r.ruleset_hash}}},
                      {"engine", r.engine_version},
                      {"findings", findings},
                      {"triage", r.triage},
                      {"red_flags", r.red_flags},
                      {"conditions", conditions},
                      {"latency_ns", r.latency_ns ? nlohmann::json(*r.latency_ns) : nlohmann::json(nullptr)},
                      {"prev_hash", r.prev_hash},
                      {"hash", r.hash}};
  return j;
}

void print_row(const store::AuditRow& r) {
  std::string conditions;
  for (const auto& c : r.conditions) conditions += fmt::format("{}{} ({})", conditions.empty() ? "" : ", ", c.id, c.status);
  std::string tags;
  for (const auto& [k, v] : r.context.tags) tags += fmt::format(" {}={}", k, v);
  fmt::print("#{} {} encounter={} user={}{} {}@{} triage={}", r.seq, r.time, r.context.encounter_id, r.context.user_id,
             tags, r.ruleset_name, r.ruleset_version, r.triage);
  if (!r.red_flags.empty()) fmt::print(" red_flags={}", fmt::join(r.red_flags, ","));
  if (r.latency_ns) fmt::print(" latency={:.1f}us", static_cast<double>(*r.latency_ns) / 1000.0);
  fmt::print("\n");
  if (!conditions.empty()) fmt::print("    conditions: {}\n", conditions);
  fmt::print("    findings: {}\n", r.findings);
}

int run_query(const AuditOptions& o) {
  store::AuditQuery q;
  if (!o.encounter.empty()) q.encounter_id = o.encounter;
  if (!o.since.empty()) q.since = o.since;
  if (!o.redflag.empty()) q.red_flag = o.redflag;
  if (o.limit) q.limit = o.limit;
  std::size_t n = 0;
  store::query_audit(o.db, q, [&](const store::AuditRow& r) {
    ++n;
    if (o.json) fmt::print("{}\n", row_json(r).dump());
    else print_row(r);
  });
  if (!o.json && n == 0) fmt::print(stderr, "no matching audit rows in {}\n", o.db);
  return kExitOk;
}

int run_verify(const AuditOptions& o) {
  const store::TrustedKeys trusted =
      store::load_trusted_keys(std::vector<std::filesystem::path>(o.trust.begin(), o.trust.end()));
  const store::VerifyReport r = store::verify_audit(o.db, trusted, {.sealed = o.sealed});
  for (const auto& w : r.warnings) fmt::print(stderr, "ardent audit verify: warning: {}\n", w);
  if (!r.ok()) {
    fmt::print(stderr, "ardent audit verify: {}: {} (after {} row{} read)\n", o.db, r.message, r.rows,
               r.rows == 1 ? "" : "s");
    return kExitFailure;
  }
  fmt::print("{}: {}\n", o.db, r.message);
  if (r.latest) {
    const store::Checkpoint& c = *r.latest;
    std::string after;
    if (c.seq < r.head_seq)
      after = c.seq + 1 == r.head_seq ? fmt::format("; row {} comes after it", r.head_seq)
                                      : fmt::format("; rows {} to {} come after it", c.seq + 1, r.head_seq);
    fmt::print("{}: {} checkpoint{}{}; the latest, number {} ({}, key {}), covers row {}{}\n", o.db, r.checkpoints,
               r.checkpoints == 1 ? "" : "s", r.signatures_verified ? ", signatures verified" : "", c.number, c.time,
               store::short_key_id(c.key_id), c.seq, after);
  }
  return kExitOk;
}

int run_checkpoint(const AuditOptions& o) {
  const store::PrivateKey key = store::PrivateKey::from_pem_file(o.key);
  const store::Checkpoint c = store::checkpoint_audit(o.db, key);
  fmt::print("{}: checkpoint {} signed with key {}: row {} (sha256 {}) at {}\n", o.db, c.number,
             store::short_key_id(c.key_id), c.seq, short_hash(c.hash), c.time);
  return kExitOk;
}

}  // namespace

Command add_store_commands(CLI::App& app) {
  auto pub = std::make_shared<PublishOptions>();
  auto* publish = app.add_subcommand("publish", "Store a rule set's sources in a registry as a new version");
  const char* key_help = "sign it with this Ed25519 private key (PEM; openssl genpkey -algorithm ed25519)";
  publish->add_option("RULES", pub->rules, "rule-set directory or .ard file")->required();
  publish->add_option("--db", pub->db, "registry database file (created when missing)")->required();
  publish->add_option("--status", pub->status, "draft (default) or approved (requires passing tests)")
      ->check(CLI::IsMember({"draft", "approved"}));
  publish->add_option("--author", pub->author, "who publishes it (default: $USER)");
  publish->add_option("--key", pub->key, std::string("with --status approved: ") + key_help);

  auto reg = std::make_shared<RegistryOptions>();
  auto* registry = app.add_subcommand("registry", "List, show, approve and retire published rule-set versions");
  registry->require_subcommand(1);
  auto db_option = [&](CLI::App* sub) {
    sub->add_option("--db", reg->db, "registry database file")->required();
  };
  auto* list = registry->add_subcommand("list", "List the published versions");
  db_option(list);
  list->add_option("--name", reg->name, "only this rule set");
  list->add_flag("--json", reg->json, "print JSON");
  auto* show = registry->add_subcommand("show", "Show one version");
  show->add_option("SPEC", reg->spec, "name@version or name@approved")->required();
  db_option(show);
  show->add_flag("--sources", reg->sources, "print the stored sources too");
  show->add_flag("--json", reg->json, "print JSON");
  auto* approve = registry->add_subcommand("approve", "Approve a draft (it must compile and pass its tests)");
  approve->add_option("SPEC", reg->spec, "name@version")->required();
  db_option(approve);
  approve->add_option("--by", reg->by, "who approves it (default: $USER)");
  approve->add_option("--key", reg->key, key_help);
  auto* retire = registry->add_subcommand("retire", "Retire a draft or approved version");
  retire->add_option("SPEC", reg->spec, "name@version or name@approved")->required();
  db_option(retire);
  retire->add_option("--by", reg->by, "who retires it (default: $USER)");
  retire->add_option("--key", reg->key, key_help);

  auto aud = std::make_shared<AuditOptions>();
  auto* audit = app.add_subcommand("audit", "Check and read an audit log");
  audit->require_subcommand(1);
  auto* verify = audit->add_subcommand("verify", "Walk the hash chain and report the first row altered, deleted or inserted");
  verify->add_option("--db", aud->db, "audit database file")->required();
  verify->add_option("--trust", aud->trust,
                     "check the checkpoints' signatures with this public key (PEM; repeatable); at least one "
                     "checkpoint must be signed by one");
  verify->add_flag("--sealed", aud->sealed,
                   "the log was written sealed (ardent eval --seal, or a sealing key in the audit options): a row "
                   "that no checkpoint covers is tampering")
      ->needs("--trust");
  auto* checkpoint = audit->add_subcommand("checkpoint", "Append a signed checkpoint of the chain's head");
  checkpoint->add_option("--db", aud->db, "audit database file")->required();
  checkpoint->add_option("--key", aud->key, key_help)->required();
  auto* query = audit->add_subcommand("query", "Print audit rows, oldest first");
  query->add_option("--db", aud->db, "audit database file")->required();
  query->add_option("--encounter", aud->encounter, "only this encounter id");
  query->add_option("--since", aud->since, "only rows at or after this UTC time (2025-03-01 or 2025-03-01T09:30:00Z)");
  query->add_option("--redflag", aud->redflag, "only rows where this red flag fired");
  query->add_option("--limit", aud->limit, "at most this many rows");
  query->add_flag("--json", aud->json, "print JSON Lines, one row per line");

  // One Command stands for three subcommands, so it carries the root app: main() checks it
  // after the other commands and its runner finds which of ours was given.
  return {&app, [=]() -> int {
    try {
      if (publish->parsed()) return run_publish(*pub);
      if (list->parsed()) return run_list(*reg);
      if (show->parsed()) return run_show(*reg);
      if (approve->parsed()) return run_approve(*reg);
      if (retire->parsed()) return run_retire(*reg);
      if (verify->parsed()) return run_verify(*aud);
      if (checkpoint->parsed()) return run_checkpoint(*aud);
      if (query->parsed()) return run_query(*aud);
    } catch (const StoreError& e) {
      const std::string name = publish->parsed()  ? "publish"
                               : registry->parsed() ? "registry"
                                                    : "audit";
      return report(name, e);
    }
    return kExitUsage;
  }};
}

}  // namespace ardent::cli
