// Warns about a plain rule that adds nothing: another plain rule has the same actions and a
// condition whose conjuncts are a subset of this one's, so whenever this rule fires the
// other has fired too (and its priority is at least as high). Red flags are left out: each
// fired red flag is reported under its own name, so a narrower red flag still says something.
#include <algorithm>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>

#include "check/context.hpp"
#include "check/conjuncts.hpp"

namespace ardent::check::detail {

namespace {

constexpr std::size_t kFlattenBudget = 4096;

// Everything a rule does when it fires, in a canonical order. The parts are appended to, not
// formatted and joined: this ran for every rule, and fmt and temporaries were most of it.
std::string action_signature(const Rule& r) {
  std::vector<std::string> parts;
  parts.reserve(r.actions.size() + r.advice.size() + r.codes.size());
  for (const auto& a : r.actions) {
    std::string& p = parts.emplace_back();
    append_number(p, static_cast<std::uint64_t>(a.kind));
    p += ':';
    append_number(p, a.target);
    p += ':';
    append_number(p, static_cast<std::uint64_t>(a.strength));
    p += ':';
    p += a.text;
  }
  for (const auto& text : r.advice) parts.emplace_back("advice:") += text;
  for (const auto& code : r.codes) {
    std::string& p = parts.emplace_back("code:");
    p += code.system;
    p += ':';
    p += code.value;
  }
  std::sort(parts.begin(), parts.end());
  parts.erase(std::unique(parts.begin(), parts.end()), parts.end());
  std::string out;
  for (const auto& p : parts) {
    out += p;
    out += '\n';
  }
  return out;
}

struct Candidate {
  std::size_t rule;
  std::vector<std::uint32_t> conjuncts;  // interned literal keys, sorted, unique
};

}  // namespace

void warn_covered(Context& c) {
  std::unordered_map<std::string, std::uint32_t> interned;
  std::unordered_map<std::string, std::vector<Candidate>> groups;
  for (std::size_t i = 0; i < c.model.rules.size(); ++i) {
    const Rule& r = c.model.rules[i];
    // A rule that never fires is reported as such; that it also adds nothing is no news.
    if (r.redflag || !c.rule_clean[i] || c.rule_never_fires[i]) continue;
    std::vector<Literal> lits;
    std::size_t budget = kFlattenBudget;
    if (!conjuncts(c.model, r.when, false, lits, budget)) continue;
    Candidate cand{i, {}};
    cand.conjuncts.reserve(lits.size());
    for (const auto& l : lits) {
      std::string k = key(l);
      auto it = interned.find(k);
      if (it == interned.end()) it = interned.emplace(std::move(k), static_cast<std::uint32_t>(interned.size())).first;
      cand.conjuncts.push_back(it->second);
    }
    std::sort(cand.conjuncts.begin(), cand.conjuncts.end());
    cand.conjuncts.erase(std::unique(cand.conjuncts.begin(), cand.conjuncts.end()), cand.conjuncts.end());
    groups[action_signature(r)].push_back(std::move(cand));
  }

  for (auto& [signature, rules] : groups) {
    if (rules.size() < 2) continue;
    // Each rule is indexed under its rarest conjunct: a rule S can only cover R when all of
    // S's conjuncts are among R's, so looking up R's conjuncts finds every candidate S while
    // a conjunct shared by many rules does not make the search quadratic.
    std::unordered_map<std::uint32_t, std::size_t> frequency;
    for (const auto& cand : rules)
      for (auto k : cand.conjuncts) ++frequency[k];
    std::unordered_map<std::uint32_t, std::vector<const Candidate*>> by_rarest;
    for (const auto& cand : rules) {
      if (cand.conjuncts.empty()) continue;
      auto rarest = *std::min_element(cand.conjuncts.begin(), cand.conjuncts.end(), [&](auto a, auto b) {
        return frequency[a] != frequency[b] ? frequency[a] < frequency[b] : a < b;
      });
      by_rarest[rarest].push_back(&cand);
    }
    for (const auto& cand : rules) {
      const Rule& r = c.model.rules[cand.rule];
      const Candidate* best = nullptr;
      for (auto k : cand.conjuncts) {
        auto it = by_rarest.find(k);
        if (it == by_rarest.end()) continue;
        for (const Candidate* other : it->second) {
          if (other == &cand) continue;
          const Rule& o = c.model.rules[other->rule];
          if (o.priority < r.priority) continue;
          if (!std::includes(cand.conjuncts.begin(), cand.conjuncts.end(), other->conjuncts.begin(),
                             other->conjuncts.end()))
            continue;
          // Two rules alike in everything: only the later one is reported.
          if (other->conjuncts.size() == cand.conjuncts.size() && o.priority == r.priority && other->rule > cand.rule)
            continue;
          if (!best || other->rule < best->rule) best = other;
        }
      }
      if (!best) continue;
      const Rule& o = c.model.rules[best->rule];
      const bool same = best->conjuncts.size() == cand.conjuncts.size();
      c.warning(c.rule_src[cand.rule]->name.span, "covered",
                same ? fmt::format("rule '{}' repeats rule '{}' ({}): same condition and same actions", r.name, o.name,
                                   c.where(c.rule_src[best->rule]->name.span))
                     : fmt::format("rule '{}' adds nothing: rule '{}' ({}) has the same actions and fires "
                                   "whenever it does",
                                   r.name, o.name, c.where(c.rule_src[best->rule]->name.span)));
    }
  }
}

}  // namespace ardent::check::detail
