// `ardent serve RULES --port N`: the CDS Hooks 2.0 service of a rule set (docs/service.md), until
// SIGINT or SIGTERM, on which it stops taking connections, finishes the requests in flight and
// closes the audit log. SIGHUP loads RULES again (for `db:FILE:NAME@approved`, the version
// approved now) and serves it from the next request on; when it cannot be loaded, the rule set
// being served stays.
#include <csignal>
#include <cstdio>
#include <memory>

#include <fmt/format.h>
#include <pthread.h>

#include "ardent/serve.hpp"
#include "ardent/store.hpp"
#include "cli/commands.hpp"

namespace ardent::cli {

namespace {

struct ServeOptions {
  std::string rules;
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string audit_file;
  std::size_t max_body_bytes = 1 << 20;
  unsigned timeout_seconds = 10;
  std::string cors_origin = "*";
  std::vector<std::string> trust;
  std::string issuers_file;  // bearer JWTs required when given (docs/service-auth.md)
  std::string audience;
  Limits limits;
};

// SIGINT, SIGTERM and SIGHUP blocked in this thread before the service starts its threads (which
// inherit the mask), then awaited here: no handler runs on an arbitrary thread.
sigset_t awaited_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGHUP);
  return set;
}

// SIGHUP: the rule set loaded afresh, under the same checks (--trust, limits) as at start.
void reload(const ServeOptions& o, serve::Service& service) {
  int code = kExitOk;
  RulesetPtr rules = load_rules(o.rules, code, false, o.trust, o.limits);
  if (!rules) {
    fmt::print(stderr, "ardent serve: reload failed; still serving {} {}\n", service.rules()->name(),
               service.rules()->version());
    return;
  }
  service.reload(rules);
  fmt::print("ardent serve: reloaded: {} {} (sha256 {})\n", rules->name(), rules->version(), rules->hash());
  std::fflush(stdout);
}

int run(const ServeOptions& o) {
  int code = kExitOk;
  RulesetPtr rules = load_rules(o.rules, code, false, o.trust, o.limits);
  if (!rules) return code;
  serve::Options options;
  options.rules = rules;
  options.host = o.host;
  options.port = o.port;
  options.audit_file = o.audit_file;
  options.max_body_bytes = o.max_body_bytes;
  options.read_timeout = options.write_timeout = std::chrono::seconds(o.timeout_seconds);
  options.cors_origin = o.cors_origin;
  if (o.issuers_file.empty() != o.audience.empty()) {
    fmt::print(stderr, "ardent serve: --issuers and --audience go together (docs/service-auth.md)\n");
    return kExitUsage;
  }

  const sigset_t signals = awaited_signals();
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::unique_ptr<serve::Service> service;
  try {
    if (!o.issuers_file.empty()) options.authorize = serve::bearer_tokens(o.issuers_file, o.audience);
    service = std::make_unique<serve::Service>(options);
    const int port = service->start();
    fmt::print("ardent serve: {} {} listening on http://{}:{}/cds-services\n", rules->name(), rules->version(), o.host,
               port);
    std::fflush(stdout);
  } catch (const std::exception& e) {
    fmt::print(stderr, "ardent serve: {}\n", e.what());
    return kExitUsage;
  }
  for (int received = 0; sigwait(&signals, &received) == 0 && received == SIGHUP;) reload(o, *service);
  try {
    service->stop();
  } catch (const std::exception& e) {
    fmt::print(stderr, "ardent serve: the audit log failed: {}\n", e.what());
    return kExitFailure;
  }
  return kExitOk;
}

}  // namespace

Command add_serve(CLI::App& app) {
  auto o = std::make_shared<ServeOptions>();
  auto* sub = app.add_subcommand("serve", "Serve a rule set as a CDS Hooks 2.0 service (docs/service.md)");
  sub->add_option("RULES", o->rules, "rule-set directory, .ard file or db:FILE:NAME@approved")->required();
  sub->add_option("--port", o->port, "TCP port; 0 picks a free one (printed)")->capture_default_str()
      ->check(CLI::Range(0, 65535));
  sub->add_option("--host", o->host, "address to listen on")->capture_default_str();
  sub->add_option("--audit", o->audit_file, "record every evaluation and every feedback in this audit log (SQLite)");
  sub->add_option("--max-body-bytes", o->max_body_bytes, "refuse a larger request body (413)")->capture_default_str()
      ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 30));
  sub->add_option("--timeout", o->timeout_seconds, "seconds to read a request, and to write a response")
      ->capture_default_str()->check(CLI::Range(1u, 3600u));
  sub->add_option("--cors-origin", o->cors_origin, "Access-Control-Allow-Origin of every response")->capture_default_str();
  sub->add_option("--issuers", o->issuers_file,
                  "require bearer JWTs signed by the issuers of this JSON file (docs/service-auth.md)");
  sub->add_option("--audience", o->audience, "this service's URL, which a token's aud must name (with --issuers)");
  add_trust_option(sub, o->trust);
  add_limit_options(sub, o->limits);
  return {sub, [o]() { return run(*o); }};
}

}  // namespace ardent::cli
