// The storage functions: the rule-set registry and the audit log (include/ardent/store.hpp).
#include <chrono>
#include <cstddef>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "ardent/store.hpp"
#include "internal.hpp"

using namespace ardent::capi;
namespace store = ardent::store;

namespace {

// The opaque handles point to these; the C types stay incomplete (see internal.hpp).
struct RegistryImpl {
  RegistryImpl(const char* path, store::TrustedKeys trusted) : registry(path, open_options(), std::move(trusted)) {}
  static store::OpenOptions open_options() {
    store::OpenOptions options;
    options.create = false;
    return options;
  }
  store::Registry registry;
};

struct AuditImpl {
  AuditImpl(const char* path, const store::AuditOptions& options) : audit(path, options) {}
  store::Audit audit;
};

RegistryImpl* impl(ardent_registry* p) { return reinterpret_cast<RegistryImpl*>(p); }
AuditImpl* impl(ardent_audit* p) { return reinterpret_cast<AuditImpl*>(p); }

int store_code(store::StoreError::Kind kind) {
  switch (kind) {
    case store::StoreError::Kind::NotFound: return ARDENT_ENOTFOUND;
    case store::StoreError::Kind::Invalid: return ARDENT_EINVALID;
    default: return ARDENT_ESTORAGE;
  }
}

// As guard(), with the store's errors mapped onto the C codes. Store messages name files,
// whose paths need not be UTF-8.
template <class Body>
int store_guard(Body&& body) noexcept {
  try {
    try {
      return body();
    } catch (const store::StoreError& e) {
      return fail(store_code(e.kind()), to_valid_utf8(e.what()));
    }
  } catch (...) {
    return fail_from_exception();
  }
}

int check_text(std::string_view what, const char* text) {
  if (text != nullptr && !valid_utf8(text)) {
    return fail(ARDENT_EINVALID, std::string(what) + " is not valid UTF-8");
  }
  return ARDENT_OK;
}

// The C context as the store's; checked first so that bad text never reaches the log's
// writer thread (which would fail the whole log). Must be called inside a guard.
int context_of(const ardent_audit_context* c, store::AuditContext& out) {
  if (c == nullptr) return ARDENT_OK;
  if (!version_ok(c->version, ARDENT_AUDIT_CONTEXT_VERSION)) return fail_version("ardent_audit_context");
  if (int rc = check_text("context encounter_id", c->encounter_id); rc != ARDENT_OK) return rc;
  if (int rc = check_text("context user_id", c->user_id); rc != ARDENT_OK) return rc;
  if (c->tags == nullptr && c->tag_count > 0) return fail_null("context tags");
  if (c->encounter_id != nullptr) out.encounter_id = c->encounter_id;
  if (c->user_id != nullptr) out.user_id = c->user_id;
  for (std::size_t i = 0; i < c->tag_count; ++i) {
    const std::string where = "context tags[" + std::to_string(i) + "]";
    const ardent_tag& tag = c->tags[i];
    if (tag.key == nullptr) return fail_null(where + ".key");
    if (int rc = check_text(where + ".key", tag.key); rc != ARDENT_OK) return rc;
    if (int rc = check_text(where + ".value", tag.value); rc != ARDENT_OK) return rc;
    if (!out.tags.emplace(tag.key, tag.value != nullptr ? tag.value : "").second) {
      return fail(ARDENT_EINVALID, where + ": the key " + quote(tag.key) + " appears twice");
    }
  }
  return ARDENT_OK;
}

}  // namespace

extern "C" {

ARDENT_API int ardent_registry_options_init(ardent_registry_options* opts, unsigned int version) {
  if (opts == nullptr) return fail_null("opts");
  if (!version_ok(version, ARDENT_REGISTRY_OPTIONS_VERSION)) return fail_version("ardent_registry_options");
  *opts = ardent_registry_options ARDENT_REGISTRY_OPTIONS_INIT;
  opts->version = version;
  return ARDENT_OK;
}

ARDENT_API int ardent_registry_open_v2(ardent_registry** out, const char* path, const ardent_registry_options* opts) {
  if (out == nullptr) return fail_null("out");
  *out = nullptr;
  if (path == nullptr) return fail_null("path");
  std::vector<std::filesystem::path> key_files;
  if (opts != nullptr) {
    if (!version_ok(opts->version, ARDENT_REGISTRY_OPTIONS_VERSION)) return fail_version("ardent_registry_options");
    if (opts->trusted_keys == nullptr && opts->trusted_key_count > 0) return fail_null("trusted_keys");
    for (std::size_t i = 0; i < opts->trusted_key_count; ++i) {
      if (opts->trusted_keys[i] == nullptr) return fail_null("trusted_keys[" + std::to_string(i) + "]");
      key_files.emplace_back(opts->trusted_keys[i]);
    }
  }
  return store_guard([&] {
    *out = reinterpret_cast<ardent_registry*>(new RegistryImpl(path, store::load_trusted_keys(key_files)));
    return ARDENT_OK;
  });
}

ARDENT_API int ardent_registry_open(ardent_registry** out, const char* path) {
  return ardent_registry_open_v2(out, path, nullptr);
}

ARDENT_API int ardent_registry_verifies_approvals(const ardent_registry* registry) {
  if (registry == nullptr) return 0;
  return reinterpret_cast<const RegistryImpl*>(registry)->registry.verifies_approvals() ? 1 : 0;
}

ARDENT_API void ardent_registry_free(ardent_registry* registry) { delete impl(registry); }

ARDENT_API int ardent_ruleset_from_registry(ardent_ruleset** out, ardent_diagnostics** diagnostics,
                                            ardent_registry* registry, const char* spec) {
  if (diagnostics != nullptr) *diagnostics = nullptr;
  if (out == nullptr) return fail_null("out");
  *out = nullptr;
  if (registry == nullptr) return fail_null("registry");
  if (spec == nullptr) return fail_null("spec");
  if (int rc = check_text("spec", spec); rc != ARDENT_OK) return rc;
  int status = store_guard([&] {
    return finish_compile(out, diagnostics, false, impl(registry)->registry.compile(spec));
  });
  if (status == ARDENT_ENOMEM || status == ARDENT_EINTERNAL) {
    ardent_ruleset_free(*out);  // finish_compile() may have stopped half-way
    *out = nullptr;
  }
  return status;
}

ARDENT_API int ardent_audit_options_init(ardent_audit_options* opts, unsigned int version) {
  if (opts == nullptr) return fail_null("opts");
  if (!version_ok(version, ARDENT_AUDIT_OPTIONS_VERSION)) return fail_version("ardent_audit_options");
  // Only the members of that version: a version 1 struct has no room for `seal_key`.
  const ardent_audit_options defaults = ARDENT_AUDIT_OPTIONS_INIT;
  std::memcpy(opts, &defaults, version >= 2 ? sizeof defaults : offsetof(ardent_audit_options, seal_key));
  opts->version = version;
  return ARDENT_OK;
}

ARDENT_API int ardent_audit_open(ardent_audit** out, const char* path, const ardent_audit_options* opts) {
  if (out == nullptr) return fail_null("out");
  *out = nullptr;
  if (path == nullptr) return fail_null("path");
  store::AuditOptions options;
  if (opts != nullptr) {
    if (!version_ok(opts->version, ARDENT_AUDIT_OPTIONS_VERSION)) return fail_version("ardent_audit_options");
    switch (opts->synchronous) {
      case ARDENT_SYNC_OFF: options.synchronous = store::Synchronous::off; break;
      case ARDENT_SYNC_NORMAL: options.synchronous = store::Synchronous::normal; break;
      case ARDENT_SYNC_FULL: options.synchronous = store::Synchronous::full; break;
      default: return fail(ARDENT_EINVALID, "ardent_audit_options.synchronous is not an ARDENT_SYNC_* value");
    }
    if (opts->batch_size == 0) return fail(ARDENT_EINVALID, "ardent_audit_options.batch_size is 0");
    if (opts->max_pending == 0) return fail(ARDENT_EINVALID, "ardent_audit_options.max_pending is 0");
    options.batch_size = opts->batch_size;
    options.flush_interval = std::chrono::milliseconds(opts->flush_interval_ms);
    options.max_pending = opts->max_pending;
    options.busy_timeout = std::chrono::milliseconds(opts->busy_timeout_ms);
  }
  return store_guard([&] {
    if (opts != nullptr && opts->version >= 2 && opts->seal_key != nullptr)
      options.seal_key = store::PrivateKey::from_pem_file(opts->seal_key);
    *out = reinterpret_cast<ardent_audit*>(new AuditImpl(path, options));
    return ARDENT_OK;
  });
}

ARDENT_API int ardent_audit_flush(ardent_audit* audit) {
  if (audit == nullptr) return fail_null("audit");
  return store_guard([&] {
    impl(audit)->audit.flush();
    return ARDENT_OK;
  });
}

ARDENT_API int ardent_audit_checkpoint(int64_t* out, ardent_audit* audit, const char* key_path) {
  if (out == nullptr) return fail_null("out");
  *out = 0;
  if (audit == nullptr) return fail_null("audit");
  if (key_path == nullptr) return fail_null("key_path");
  return store_guard([&] {
    const store::Checkpoint c = impl(audit)->audit.checkpoint(store::PrivateKey::from_pem_file(key_path));
    *out = c.seq;
    return ARDENT_OK;
  });
}

ARDENT_API void ardent_audit_free(ardent_audit* audit) {
  if (audit == nullptr) return;
  try {
    impl(audit)->audit.close();
  } catch (...) {
    // Documented: a failure here cannot be reported; ardent_audit_flush() shows it beforehand.
  }
  delete impl(audit);
}

ARDENT_API int ardent_evaluate_audited_into(ardent_result* out, const ardent_ruleset* ruleset,
                                            const ardent_case* kase, const ardent_audit_context* context,
                                            ardent_audit* audit) {
  if (out == nullptr) return fail_null("out");
  store::AuditContext ctx;
  int rc = guard([&] {
    if (audit == nullptr) return fail_null("audit");
    return context_of(context, ctx);
  });
  if (rc != ARDENT_OK) {
    ardent::capi::impl(out)->evaluated = false;  // empty, as promised; the next evaluation renews it
    return rc;
  }
  const auto start = std::chrono::steady_clock::now();
  rc = ardent_evaluate_into(out, ruleset, kase, nullptr);
  if (rc != ARDENT_OK) return rc;
  const auto latency = std::chrono::steady_clock::now() - start;
  const ResultImpl& result = *ardent::capi::impl(out);
  return store_guard([&] {
    impl(audit)->audit.record(*result.findings, result.outcome, ctx,
                              std::chrono::duration_cast<std::chrono::nanoseconds>(latency));
    return ARDENT_OK;
  });
}

ARDENT_API int ardent_evaluate_audited(ardent_result** out, const ardent_ruleset* ruleset,
                                       const ardent_case* kase, const ardent_audit_context* context,
                                       ardent_audit* audit) {
  if (out == nullptr) return fail_null("out");
  *out = nullptr;
  ardent_result* result = nullptr;
  if (int rc = ardent_result_new(&result); rc != ARDENT_OK) return rc;
  int rc = ardent_evaluate_audited_into(result, ruleset, kase, context, audit);
  if (rc != ARDENT_OK) {
    ardent_result_free(result);
    return rc;
  }
  *out = result;
  return ARDENT_OK;
}

}  // extern "C"
