#include <nlohmann/json.hpp>

#include "compile/compile.hpp"
#include "compile/json_escape.hpp"

namespace ardent::compile {

namespace {

using json = nlohmann::ordered_json;

using json_escape::append_quoted;

std::string quoted(const std::string& s) {
  std::string out;
  out.reserve(s.size() + 2);
  append_quoted(out, s);
  return out;
}

// Schema 1: each code as written, {"system": "icd10", "value": "M76.8"}.
std::string codes_v1(const std::vector<Code>& cs) {
  if (cs.empty()) return "[]";
  json a = json::array();
  for (const auto& c : cs) a.push_back({{"system", c.system}, {"value", c.value}});
  return a.dump(-1, ' ', false, json::error_handler_t::replace);
}

// Schema 2: FHIR Codings, {"system": URI, "code", "display"}. The display is the label of what
// the code is bound to, and only when the author wrote one: the checker makes the name the
// label of a declaration without one, and a bare identifier is no display for a clinician.
std::string codings(const std::vector<Code>& cs, const std::string& label, const std::string& name) {
  if (cs.empty()) return "[]";
  json a = json::array();
  for (const auto& c : cs) {
    json coding = {{"system", system_uri(c)}, {"code", c.value}};
    if (!label.empty() && label != name) coding["display"] = label;
    a.push_back(std::move(coding));
  }
  return a.dump(-1, ' ', false, json::error_handler_t::replace);
}

void add_codes(std::array<std::vector<std::string>, 2>& out, const std::vector<Code>& cs, const std::string& label,
               const std::string& name) {
  out[0].push_back(codes_v1(cs));
  out[1].push_back(codings(cs, label, name));
}

// As nlohmann dumps an array of strings without indentation: ["a","b"].
std::string strings(const std::vector<std::string>& ss) {
  std::string out = "[";
  for (std::size_t i = 0; i < ss.size(); ++i) {
    if (i > 0) out += ',';
    append_quoted(out, ss[i]);
  }
  out += ']';
  return out;
}

}  // namespace

void fill_json_texts(Program& p) {
  JsonTexts& j = p.json;
  j.ruleset = json{{"name", p.name}, {"version", p.version}, {"hash", p.hash}}.dump(-1, ' ', false,
                                                                                    json::error_handler_t::replace);
  const Program& identity = p;  // const: std::quoted would be the better match for a mutable string
  j.name = quoted(identity.name);
  j.version = quoted(identity.version);
  j.hash = quoted(identity.hash);
  j.finding_name.reserve(p.findings.size());
  j.finding_question.reserve(p.findings.size());
  for (auto* v : {&j.rule_name, &j.rule_label, &j.rule_triage, &j.rule_advice, &j.rule_source, &j.rule_codes[0],
                  &j.rule_codes[1]})
    v->reserve(p.rules.size());
  for (const auto& f : p.findings) {
    j.finding_name.push_back(quoted(f.name));
    j.finding_question.push_back(quoted(f.question.empty() ? f.label + "?" : f.question));
  }
  for (const auto& c : p.conditions) {
    j.condition_name.push_back(quoted(c.name));
    j.condition_label.push_back(quoted(c.label));
    add_codes(j.condition_codes, c.codes, c.label, c.name);
    j.condition_advice.push_back(strings(c.advice));
  }
  for (const auto& r : p.rules) {
    j.rule_name.push_back(quoted(r.name));
    j.rule_label.push_back(quoted(r.label.empty() ? r.name : r.label));
    j.rule_triage.push_back(r.triage ? quoted(std::string(to_string(*r.triage))) : "null");
    j.rule_advice.push_back(strings(r.advice));
    add_codes(j.rule_codes, r.codes, r.label, r.name);
    j.rule_source.push_back(quoted(to_string(r.location)));
  }
  for (const auto& a : p.advice_texts) j.advice_text.push_back(quoted(a));
}

}  // namespace ardent::compile
