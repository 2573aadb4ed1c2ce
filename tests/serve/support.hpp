// A started service on a free port, and the client a test talks to it with over real HTTP.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include "ardent/ruleset.hpp"
#include "ardent/serve.hpp"
#include "support/scratch_dir.hpp"

namespace ardent::test {

using nlohmann::json;

inline RulesetPtr hip() {
  static const RulesetPtr rs = [] {
    auto out = compile_path(std::filesystem::path(ARDENT_SOURCE_DIR) / "rules/hip");
    if (!out.ok()) throw std::runtime_error("rules/hip does not compile");
    return out.ruleset;
  }();
  return rs;
}


class ServiceTest : public ::testing::Test {
 protected:
  // Starts the service with `options` (rules/hip unless given) on port 0.
  void start(serve::Options options = {}) {
    if (!options.rules) options.rules = hip();
    options.port = 0;
    service_ = std::make_unique<serve::Service>(std::move(options));
    port_ = service_->start();
  }
  void SetUp() override {}
  void TearDown() override {
    if (service_) service_->stop();
  }

  httplib::Client client() const {
    httplib::Client c("127.0.0.1", port_);
    c.set_connection_timeout(5);
    c.set_read_timeout(30);
    return c;
  }
  httplib::Result post(const std::string& path, const json& body) const {
    return client().Post(path.c_str(), body.dump(), "application/json");
  }

  std::unique_ptr<serve::Service> service_;
  int port_ = 0;
};

// A CDS Hooks request for the patient-view hook, with the QuestionnaireResponse of `answers`
// (linkId -> FHIR answer object) as its prefetch.
inline json qr_of(const json& answers) {
  json items = json::array();
  for (const auto& [link, answer] : answers.items()) items.push_back({{"linkId", link}, {"answer", {answer}}});
  return {{"resourceType", "QuestionnaireResponse"}, {"id", "qr1"}, {"status", "completed"},
          {"authored", "2026-12-01T10:00:00Z"}, {"subject", {{"reference", "Patient/p1"}}}, {"item", items}};
}

inline json hook_request(const json& answers, const std::string& hook = "patient-view") {
  json context = {{"patientId", "p1"}, {"userId", "Practitioner/u1"}};
  if (hook == "encounter-start") context["encounterId"] = "e1";
  return {{"hook", hook},
          {"hookInstance", "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea"},
          {"context", context},
          {"prefetch", {{"questionnaireResponse", qr_of(answers)}}}};
}

inline json yes(bool b = true) { return {{"valueBoolean", b}}; }

// The screen of rules/hip answered "no", and unable_to_weight_bear "yes": a red flag.
inline json red_flag_answers() {
  return {{"saddle_anaesthesia", yes(false)}, {"bladder_bowel_change", yes(false)}, {"unable_to_weight_bear", yes()},
          {"fever", yes(false)},              {"neuro_deficit", yes(false)},        {"bilateral_leg_symptoms", yes(false)},
          {"history_of_cancer", yes(false)},  {"night_pain_non_mechanical", yes(false)}};
}

}  // namespace ardent::test
