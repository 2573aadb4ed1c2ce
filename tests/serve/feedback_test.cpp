// CDS Hooks feedback over real HTTP, recorded in a real SQLite audit log: the evaluation that
// made a card names its uuid, the feedback row names the same uuid, and the chain verifies.
#include "ardent/store.hpp"
#include "serve/support.hpp"

namespace ardent::test {
namespace {

class Feedback : public ServiceTest {
 protected:
  void SetUp() override {
    serve::Options o;
    o.audit_file = (dir_.path() / "audit.db").string();
    start(o);
  }
  std::vector<store::AuditRow> rows() {
    service_->stop();  // closes the log: every row written
    return store::query_audit(dir_.path() / "audit.db");
  }
  ScratchDir dir_;
};

TEST_F(Feedback, OverriddenRedFlagIsRecordedWithItsCardUuid) {
  auto res = post("/cds-services/posterior-hip-encounter-start", hook_request(red_flag_answers(), "encounter-start"));
  ASSERT_EQ(res->status, 200) << res->body;
  const json card = json::parse(res->body)["cards"][0];
  const std::string uuid = card["uuid"];
  const json reason = card["overrideReasons"][1];

  json fb = {{"feedback",
              {{{"card", uuid},
                {"outcome", "overridden"},
                {"overrideReason", {{"reason", reason}, {"userComment", "seen in ED yesterday"}}},
                {"outcomeTimestamp", "2026-12-06T10:00:00Z"}}}}};
  auto answered = post("/cds-services/posterior-hip-encounter-start/feedback", fb);
  ASSERT_TRUE(answered);
  EXPECT_EQ(answered->status, 200) << answered->body;

  const auto log = rows();
  ASSERT_EQ(log.size(), 2u);
  const store::AuditRow& evaluation = log[0];
  EXPECT_EQ(evaluation.triage, "emergency");
  EXPECT_EQ(evaluation.context.encounter_id, "e1");
  EXPECT_EQ(evaluation.context.user_id, "Practitioner/u1");
  EXPECT_NE(evaluation.context.tags.at("cds.cards").find(uuid), std::string::npos);
  EXPECT_EQ(evaluation.context.tags.at("cds.hookInstance"), "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea");

  const store::AuditRow& f = log[1];
  EXPECT_EQ(f.triage, "");
  EXPECT_EQ(f.findings, "{}");
  EXPECT_EQ(f.ruleset_hash, hip()->hash());
  EXPECT_EQ(f.context.tags.at("cds.feedback.card"), uuid);
  EXPECT_EQ(f.context.tags.at("cds.feedback.outcome"), "overridden");
  EXPECT_EQ(f.context.tags.at("cds.feedback.overrideReason"), reason["code"]);
  EXPECT_EQ(f.context.tags.at("cds.feedback.userComment"), "seen in ED yesterday");
  EXPECT_EQ(f.context.tags.at("cds.feedback.outcomeTimestamp"), "2026-12-06T10:00:00Z");
  EXPECT_EQ(f.context.tags.at("cds.service"), "posterior-hip-encounter-start");
  EXPECT_TRUE(store::verify_audit(dir_.path() / "audit.db").ok());
}

TEST_F(Feedback, AcceptedSuggestionsAndSeveralItems) {
  json fb = {{"feedback",
              {{{"card", "a"}, {"outcome", "accepted"}, {"outcomeTimestamp", "2026-12-06T10:00:00Z"}},
               {{"card", "b"},
                {"outcome", "accepted"},
                {"acceptedSuggestions", {{{"id", "s1"}}}},
                {"outcomeTimestamp", "2026-12-06T10:01:00Z"}}}}};
  EXPECT_EQ(post("/cds-services/posterior-hip-patient-view/feedback", fb)->status, 200);
  const auto log = rows();
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(log[1].context.tags.at("cds.feedback.acceptedSuggestions"), "s1");
}

struct BadFeedback {
  const char* name;
  json body;
};

class FeedbackRefusals : public Feedback, public ::testing::WithParamInterface<BadFeedback> {};

TEST_P(FeedbackRefusals, Are400AndRecordNothing) {
  auto res = post("/cds-services/posterior-hip-patient-view/feedback", GetParam().body);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400) << res->body;
  EXPECT_EQ(json::parse(res->body)["resourceType"], "OperationOutcome");
  EXPECT_TRUE(rows().empty());
}

const json kGood = {{"card", "a"}, {"outcome", "accepted"}, {"outcomeTimestamp", "2026-12-06T10:00:00Z"}};

json one_bad(const char* key, json value) {
  json item = kGood;
  if (value.is_null()) item.erase(key);
  else item[key] = std::move(value);
  return {{"feedback", {kGood, item}}};  // the good item is not recorded either
}

INSTANTIATE_TEST_SUITE_P(Table, FeedbackRefusals,
                         ::testing::Values(BadFeedback{"no_feedback", json::object()},
                                           BadFeedback{"empty", {{"feedback", json::array()}}},
                                           BadFeedback{"no_card", one_bad("card", nullptr)},
                                           BadFeedback{"card_not_string", one_bad("card", 7)},
                                           BadFeedback{"other_outcome", one_bad("outcome", "ignored")},
                                           BadFeedback{"no_timestamp", one_bad("outcomeTimestamp", nullptr)},
                                           BadFeedback{"reason_when_accepted",
                                                       one_bad("overrideReason", {{"userComment", "x"}})}),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace ardent::test
