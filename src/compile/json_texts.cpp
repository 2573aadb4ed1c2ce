#include <nlohmann/json.hpp>

#include "compile/compile.hpp"

namespace ardent::compile {

namespace {

using json = nlohmann::ordered_json;

std::string quoted(const std::string& s) { return json(s).dump(-1, ' ', false, json::error_handler_t::replace); }

std::string codes(const std::vector<Code>& cs) {
  json a = json::array();
  for (const auto& c : cs) a.push_back({{"system", c.system}, {"value", c.value}});
  return a.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string strings(const std::vector<std::string>& ss) {
  return json(ss).dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace

void fill_json_texts(Program& p) {
  JsonTexts& j = p.json;
  j.ruleset = json{{"name", p.name}, {"version", p.version}, {"hash", p.hash}}.dump(-1, ' ', false,
                                                                                    json::error_handler_t::replace);
  for (const auto& f : p.findings) {
    j.finding_name.push_back(quoted(f.name));
    j.finding_question.push_back(quoted(f.question.empty() ? f.label + "?" : f.question));
  }
  for (const auto& c : p.conditions) {
    j.condition_name.push_back(quoted(c.name));
    j.condition_label.push_back(quoted(c.label));
    j.condition_codes.push_back(codes(c.codes));
    j.condition_advice.push_back(strings(c.advice));
  }
  for (const auto& r : p.rules) {
    j.rule_name.push_back(quoted(r.name));
    j.rule_label.push_back(quoted(r.label.empty() ? r.name : r.label));
    j.rule_triage.push_back(r.triage ? quoted(std::string(to_string(*r.triage))) : "null");
    j.rule_advice.push_back(strings(r.advice));
    j.rule_codes.push_back(codes(r.codes));
    j.rule_source.push_back(quoted(to_string(r.location)));
  }
  for (const auto& a : p.advice_texts) j.advice_text.push_back(quoted(a));
}

}  // namespace ardent::compile
