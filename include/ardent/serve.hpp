// `ardent serve`: the CDS Hooks 2.0 service of a rule set (docs/service.md), on cpp-httplib.
//
//   GET  /cds-services                         discovery (patient-view, encounter-start)
//   POST /cds-services/{id}                    cards for the patient of the request's prefetch
//   POST /cds-services/{id}/feedback           what the clinician did with a card (audit log)
//   GET  /Questionnaire/{id}                   the rule set's FHIR Questionnaire
//   POST /Questionnaire/{id}/$next-question    the interview, one question at a time (SDC)
//
// Linked into the `ardent` command line (library ardent_serve, on cpp-httplib), never into the C
// ABI's libardent.so. The service keeps no state between requests apart from the audit log, and never fetches from
// a FHIR server itself: everything it needs comes in the request's prefetch.
#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "ardent/ruleset.hpp"

namespace ardent::serve {

// What an authorizer sees of a request: enough to verify a bearer token (JWT, on its own
// branch) without knowing the HTTP library.
struct RequestView {
  std::string method, path;
  std::multimap<std::string, std::string> headers;  // as received; look names up case-insensitively
  std::string header(const std::string& name) const;  // the first value, "" when absent
};

struct Decision {
  bool allow = true;
  int status = 401;    // when refused: 401 (no or bad credentials) or 403
  std::string reason;  // said in the OperationOutcome of the refusal
};

// Decides whether a request may go on; called before its body is read. Empty: every request may.
using Authorize = std::function<Decision(const RequestView&)>;

struct Options {
  RulesetPtr rules;                  // required
  std::string host = "127.0.0.1";    // the address to bind
  int port = 0;                      // 0: any free port (Service::port() says which)
  std::string audit_file;            // SQLite audit log of evaluations and feedback; "" for none
  std::size_t max_body_bytes = 1 << 20;          // a larger request body is refused with 413
  std::chrono::seconds read_timeout{10};         // per request, reading it
  std::chrono::seconds write_timeout{10};        // per response, writing it
  std::string cors_origin = "*";                 // Access-Control-Allow-Origin
  Authorize authorize;
};

// The authorizer of CDS Hooks 2.0 security (docs/service-auth.md): a request needs a bearer JWT
// signed (RS384 or ES384) by an issuer of `issuers_file`, meant for `audience` (this service's
// URL), current and never seen before. A refusal is a 401 whose reason starts with the stable
// code ("expired: ..."). Throws std::runtime_error naming the file when it cannot be used, and
// std::invalid_argument for an empty audience.
Authorize bearer_tokens(const std::filesystem::path& issuers_file, const std::string& audience);

class Service {
 public:
  // Throws std::invalid_argument without rules, store::StoreError when the audit log cannot be
  // opened.
  explicit Service(Options options);
  ~Service();  // stop()
  Service(const Service&) = delete;
  Service& operator=(const Service&) = delete;

  // Binds the address and starts answering on a thread of its own; returns the bound port.
  // Throws std::runtime_error when the address cannot be bound.
  int start();
  // Stops listening, lets requests in flight finish, and closes the audit log (writing every
  // row still queued). Safe to call twice, and from another thread than start()'s.
  void stop();
  int port() const;

  // Serves `rules` from now on: requests already started finish with the rule set they began
  // with, later ones get the new one; no request is refused or dropped meanwhile.
  void reload(RulesetPtr rules);
  RulesetPtr rules() const;  // the rule set being served

  struct State;  // the handlers' shared state (src/serve)

 private:
  std::unique_ptr<State> state_;
};

}  // namespace ardent::serve
