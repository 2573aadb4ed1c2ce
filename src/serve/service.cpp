// The HTTP side of the service: routes, CORS, limits, the authorization seam and the refusals
// as FHIR OperationOutcomes. What each route answers is in handlers.hpp.
#include "ardent/serve.hpp"

#include <mutex>
#include <optional>
#include <stdexcept>
#include <strings.h>
#include <thread>

#include <fmt/format.h>
#include <httplib.h>

#include "ardent/fhir.hpp"
#include "fhir/items.hpp"
#include "serve/handlers.hpp"

namespace ardent::serve {

std::string RequestView::header(const std::string& name) const {
  for (const auto& [k, v] : headers)
    if (strcasecmp(k.c_str(), name.c_str()) == 0) return v;
  return {};
}

struct Service::State {
  Options options;
  // The rule set being served. Each request takes it once, at its start, so a reload never
  // changes the rule set under a request in flight.
  RulesetPtr current() const {
    std::lock_guard lock(rules_mutex);
    return options.rules;
  }
  void replace(RulesetPtr rules) {
    std::lock_guard lock(rules_mutex);
    options.rules = std::move(rules);
  }
  mutable std::mutex rules_mutex;
  std::optional<store::Audit> audit;
  httplib::Server server;
  std::thread thread;
  std::mutex stopping;
  int port = 0;
  bool stopped = false;
};

namespace {

constexpr const char* kJson = "application/json";
constexpr const char* kFhirJson = "application/fhir+json";

void refuse(httplib::Response& res, int status, std::string_view issue, std::string_view message) {
  res.status = status;
  res.set_content(operation_outcome(issue, message), kJson);
}

// CDS Hooks sends application/json; FHIR clients application/fhir+json. Either, with any
// parameters (charset), is read; anything else is refused before the body is looked at.
void require_json(const httplib::Request& req) {
  const std::string type = req.get_header_value("Content-Type");
  const std::string bare = type.substr(0, type.find(';'));
  if (bare != kJson && bare != kFhirJson)
    throw HttpError(415, "not-supported",
                    fmt::format("the request's Content-Type is '{}'; send application/json or application/fhir+json", type));
}

// The address the client used (behind a proxy, the one it forwarded), for the cards' source.url.
std::string base_url(const httplib::Request& req, const Options& o) {
  std::string scheme = req.get_header_value("X-Forwarded-Proto");
  if (scheme != "https") scheme = "http";
  std::string host = req.get_header_value("Host");
  if (host.empty()) host = fmt::format("{}:{}", o.host, o.port);
  return scheme + "://" + host;
}

// Runs a handler, writing its body or its refusal.
template <class F>
void answer(httplib::Response& res, const char* content_type, F&& handler) {
  try {
    res.set_content(handler(), content_type);
  } catch (const HttpError& e) {
    refuse(res, e.status(), e.issue(), e.what());
  }
}

RequestView view_of(const httplib::Request& req) {
  RequestView v{req.method, req.path, {}};
  for (const auto& [k, val] : req.headers) v.headers.emplace(k, val);
  return v;
}

void add_routes(Service::State& s) {
  auto& server = s.server;
  server.Get("/cds-services", [&s](const httplib::Request&, httplib::Response& res) {
    res.set_content(discovery(*s.current()), kJson);
  });
  server.Post(R"(/cds-services/([^/]+))", [&s](const httplib::Request& req, httplib::Response& res) {
    answer(res, kJson, [&] {
      require_json(req);
      const RulesetPtr rules = s.current();
      const std::string id = req.matches[1];
      HookCall call{rules, id,
                    base_url(req, s.options) + "/Questionnaire/" + fhir::detail::resource_id(rules->name()),
                    s.audit ? &*s.audit : nullptr};
      return hook_cards(call, req.body);
    });
  });
  server.Post(R"(/cds-services/([^/]+)/feedback)", [&s](const httplib::Request& req, httplib::Response& res) {
    answer(res, kJson, [&] {
      require_json(req);
      feedback(*s.current(), std::string(req.matches[1]), req.body, s.audit ? &*s.audit : nullptr);
      return std::string("{}");
    });
  });
  server.Get(R"(/Questionnaire/([^/]+))", [&s](const httplib::Request& req, httplib::Response& res) {
    answer(res, kFhirJson, [&] {
      const RulesetPtr rules = s.current();
      const std::string id = req.matches[1];
      if (id != fhir::detail::resource_id(rules->name()))
        throw HttpError(404, "not-found", fmt::format("no Questionnaire '{}' here", id));
      return fhir::questionnaire(*rules, -1);
    });
  });
  server.Post(R"(/Questionnaire/([^/]+)/\$next-question)", [&s](const httplib::Request& req, httplib::Response& res) {
    answer(res, kFhirJson, [&] {
      require_json(req);
      return next_question(s.current(), std::string(req.matches[1]), req.body);
    });
  });
  // CORS preflight: a browser-based client (a SMART app) asks before it posts JSON.
  server.Options(R"(.*)", [](const httplib::Request&, httplib::Response& res) { res.status = 204; });
}

void add_policies(Service::State& s) {
  auto& server = s.server;
  const Options& o = s.options;
  // Headers and body leave in separate writes: without TCP_NODELAY, Nagle's algorithm holds the
  // body until the client's delayed ACK, some 40 ms a response on a kept-alive connection.
  server.set_tcp_nodelay(true);
  server.set_payload_max_length(o.max_body_bytes);
  server.set_read_timeout(o.read_timeout);
  server.set_write_timeout(o.write_timeout);

  // The authorization seam (JWT bearer tokens plug in here), before the body is read.
  server.set_pre_routing_handler([&s](const httplib::Request& req, httplib::Response& res) {
    if (!s.options.authorize || req.method == "OPTIONS") return httplib::Server::HandlerResponse::Unhandled;
    const Decision d = s.options.authorize(view_of(req));
    if (d.allow) return httplib::Server::HandlerResponse::Unhandled;
    refuse(res, d.status, d.status == 403 ? "forbidden" : "login", d.reason.empty() ? "not authorized" : d.reason);
    if (d.status == 401) res.set_header("WWW-Authenticate", "Bearer");
    return httplib::Server::HandlerResponse::Handled;
  });
  // Every answer, refusals included, carries the CORS headers.
  server.set_post_routing_handler([&s](const httplib::Request&, httplib::Response& res) {
    res.set_header("Access-Control-Allow-Origin", s.options.cors_origin);
    res.set_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
    res.set_header("Access-Control-Allow-Headers", "Authorization, Content-Type");
    res.set_header("Access-Control-Max-Age", "600");
  });
  // Refusals made by the library itself (no route, a body over the limit) as OperationOutcomes.
  server.set_error_handler([&s](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    if (res.status == 404) refuse(res, 404, "not-found", fmt::format("no endpoint {} {}", req.method, req.path));
    else if (res.status == 413)
      refuse(res, 413, "too-costly", fmt::format("the request body is larger than {} bytes", s.options.max_body_bytes));
    else refuse(res, res.status, "exception", fmt::format("HTTP {}", res.status));
  });
  server.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
    try {
      std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      refuse(res, 500, "exception", e.what());
    } catch (...) {
      refuse(res, 500, "exception", "unknown error");
    }
  });
}

}  // namespace

Service::Service(Options options) : state_(std::make_unique<State>()) {
  if (!options.rules) throw std::invalid_argument("ardent serve: no rule set");
  state_->options = std::move(options);
  if (!state_->options.audit_file.empty()) state_->audit.emplace(state_->options.audit_file);
  add_routes(*state_);
  add_policies(*state_);
}

Service::~Service() {
  try {
    stop();
  } catch (...) {
    // the audit log's error is lost here: call stop() to see it
  }
}

int Service::start() {
  State& s = *state_;
  const int port = s.options.port == 0 ? s.server.bind_to_any_port(s.options.host)
                                       : (s.server.bind_to_port(s.options.host, s.options.port) ? s.options.port : -1);
  if (port < 0) throw std::runtime_error(fmt::format("cannot listen on {}:{}", s.options.host, s.options.port));
  s.port = port;
  s.options.port = port;
  s.thread = std::thread([&s] { s.server.listen_after_bind(); });
  return port;
}

void Service::stop() {
  State& s = *state_;
  std::lock_guard lock(s.stopping);
  if (s.stopped) return;
  s.stopped = true;
  s.server.stop();  // no new connections; the worker threads finish the requests in flight
  if (s.thread.joinable()) s.thread.join();
  if (s.audit) s.audit->close();  // every queued row written, or its error thrown
}

int Service::port() const { return state_->port; }

void Service::reload(RulesetPtr rules) {
  if (!rules) throw std::invalid_argument("ardent serve: no rule set to reload");
  state_->replace(std::move(rules));
}

RulesetPtr Service::rules() const { return state_->current(); }

}  // namespace ardent::serve
