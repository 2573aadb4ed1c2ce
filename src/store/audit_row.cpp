#include "store/audit_row.hpp"

#include <nlohmann/json.hpp>

namespace ardent::store {

namespace {
void field(std::string& out, std::string_view name, std::string_view value) {
  out.append(name);
  out += '=';
  out.append(std::to_string(value.size()));
  out += ':';
  out.append(value);
  out += '\n';
}
}  // namespace

std::string canonical_content(const StoredRow& r) {
  std::string out;
  out.reserve(256 + r.findings.size() + r.tags.size() + r.conditions.size() + r.red_flags.size());
  out.append("ardent-audit-row 1\n");
  field(out, "time", r.time);
  field(out, "encounter_id", r.encounter_id);
  field(out, "user_id", r.user_id);
  field(out, "tags", r.tags);
  field(out, "ruleset_name", r.ruleset_name);
  field(out, "ruleset_version", r.ruleset_version);
  field(out, "ruleset_hash", r.ruleset_hash);
  field(out, "engine_version", r.engine_version);
  field(out, "findings", r.findings);
  field(out, "triage", r.triage);
  field(out, "red_flags", r.red_flags);
  field(out, "conditions", r.conditions);
  if (r.latency_ns) field(out, "latency_ns", std::to_string(*r.latency_ns));
  out.append("prev=");
  out.append(r.prev_hash);
  return out;
}

std::string tags_json(const std::map<std::string, std::string>& tags) {
  return tags.empty() ? std::string("{}") : nlohmann::json(tags).dump();
}

std::string red_flags_json(const std::vector<std::string>& red_flags) { return nlohmann::json(red_flags).dump(); }

std::string conditions_json(const std::vector<AuditCondition>& conditions) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& c : conditions) out.push_back({{"id", c.id}, {"status", c.status}});
  return out.dump();
}

StoredRow to_stored(const AuditRow& row) {
  StoredRow s;
  s.seq = row.seq;
  s.time = row.time;
  s.encounter_id = row.context.encounter_id;
  s.user_id = row.context.user_id;
  s.tags = tags_json(row.context.tags);
  s.ruleset_name = row.ruleset_name;
  s.ruleset_version = row.ruleset_version;
  s.ruleset_hash = row.ruleset_hash;
  s.engine_version = row.engine_version;
  s.findings = row.findings;
  s.triage = row.triage;
  s.red_flags = red_flags_json(row.red_flags);
  s.conditions = conditions_json(row.conditions);
  s.latency_ns = row.latency_ns;
  s.prev_hash = row.prev_hash;
  s.hash = row.hash;
  return s;
}

AuditRow from_stored(const StoredRow& s) {
  AuditRow row;
  row.seq = s.seq;
  row.time = s.time;
  row.context.encounter_id = s.encounter_id;
  row.context.user_id = s.user_id;
  row.ruleset_name = s.ruleset_name;
  row.ruleset_version = s.ruleset_version;
  row.ruleset_hash = s.ruleset_hash;
  row.engine_version = s.engine_version;
  row.findings = s.findings;
  row.triage = s.triage;
  row.latency_ns = s.latency_ns;
  row.prev_hash = s.prev_hash;
  row.hash = s.hash;
  // A tampered row may hold anything; reading it must not fail (verify says what is wrong).
  auto tags = nlohmann::json::parse(s.tags, nullptr, false);
  if (tags.is_object())
    for (const auto& [k, v] : tags.items())
      if (v.is_string()) row.context.tags[k] = v.get<std::string>();
  auto flags = nlohmann::json::parse(s.red_flags, nullptr, false);
  if (flags.is_array())
    for (const auto& f : flags)
      if (f.is_string()) row.red_flags.push_back(f.get<std::string>());
  auto conditions = nlohmann::json::parse(s.conditions, nullptr, false);
  if (conditions.is_array())
    for (const auto& c : conditions)
      if (c.is_object()) row.conditions.push_back({c.value("id", ""), c.value("status", "")});
  return row;
}

Sha256::Sha256() : ctx_(EVP_MD_CTX_new()), md_(EVP_MD_fetch(nullptr, "SHA256", nullptr)) {
  if (!ctx_ || !md_) throw StoreError(StoreError::Kind::Internal, "OpenSSL provides no SHA-256");
}

Sha256::~Sha256() {
  EVP_MD_free(md_);
  EVP_MD_CTX_free(ctx_);
}

std::string Sha256::hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_DigestInit_ex(ctx_, md_, nullptr) != 1 || EVP_DigestUpdate(ctx_, data.data(), data.size()) != 1 ||
      EVP_DigestFinal_ex(ctx_, digest, &size) != 1)
    throw StoreError(StoreError::Kind::Internal, "SHA-256 failed");
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(size * 2, '0');
  for (unsigned int i = 0; i < size; ++i) {
    out[2 * i] = kHex[digest[i] >> 4];
    out[2 * i + 1] = kHex[digest[i] & 0xf];
  }
  return out;
}

std::string audit_row_hash(const AuditRow& row) {
  Sha256 sha;
  return row_hash(sha, to_stored(row));
}

}  // namespace ardent::store
