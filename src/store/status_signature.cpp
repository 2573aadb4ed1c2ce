#include "store/status_signature.hpp"

#include <fmt/format.h>

#include "store/canonical.hpp"

namespace ardent::store {

std::string status_statement(const RulesetVersion& v, Status status) {
  const bool retired = status == Status::retired;
  std::string out = "ardent-ruleset-status 1\n";
  append_field(out, "name", v.name);
  append_field(out, "version", v.version);
  append_field(out, "hash", v.hash);
  append_field(out, "status", to_string(status));
  append_field(out, "by", retired ? v.retired_by : v.approved_by);
  append_field(out, "at", retired ? v.retired_at : v.approved_at);
  return out;
}

void check_approval(const RulesetVersion& v, const TrustedKeys& trusted) {
  const std::string name = fmt::format("{}@{}", v.name, v.version);
  auto refuse = [&](const std::string& why) {
    throw StoreError(StoreError::Kind::Untrusted, fmt::format("{} is refused: {}", name, why));
  };
  // A retirement counts whatever the status column says: setting it back to approved does not
  // bring a retired version back.
  if (v.status == Status::retired || !v.retired_at.empty())
    refuse(fmt::format("it was retired{}{}", v.retired_by.empty() ? "" : " by " + v.retired_by,
                       v.retired_at.empty() ? "" : " at " + v.retired_at));
  if (v.status != Status::approved) refuse("it is a draft: only an approved version with a signed approval loads");
  if (v.approval_signature.empty())
    refuse(fmt::format("its approval (by {} at {}) is not signed (approve with --key KEY.pem)", v.approved_by,
                       v.approved_at));
  const PublicKey* key = find_key(trusted, v.approval_key);
  if (!key)
    refuse(fmt::format("its approval is signed with key {}, which is not one of the trusted keys",
                       short_key_id(v.approval_key)));
  if (!key->verifies(status_statement(v, Status::approved), v.approval_signature))
    refuse(fmt::format("the signature of its approval does not verify with key {} ({}): its name, version, "
                       "content hash, status, approver or time was changed after it was signed, or the "
                       "signature itself was",
                       short_key_id(v.approval_key), key->file()));
}

}  // namespace ardent::store
