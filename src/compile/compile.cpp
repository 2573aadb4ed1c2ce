#include "compile/compile.hpp"

#include <algorithm>
#include <numeric>
#include <utility>
#include <stdexcept>
#include <unordered_map>

#include "compile/graph_builder.hpp"

namespace ardent::compile {

namespace {

std::string snippet(const check::Model& m, const syntax::Span& span) {
  if (span.file >= m.files.size()) return {};
  const std::string& text = m.files[span.file].text;
  if (span.offset >= text.size()) return {};
  std::string s = text.substr(span.offset, span.length);
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  return s;
}

FindingType finding_type(check::ValueType t) {
  switch (t) {
    case check::ValueType::Bool: return FindingType::boolean;
    case check::ValueType::Enum: return FindingType::enumeration;
    case check::ValueType::Number: return FindingType::number;
    case check::ValueType::Duration: return FindingType::duration;
  }
  return FindingType::boolean;
}

// (name, index) pairs in their order. Indices are sorted rather than the pairs: moving strings
// about was most of the sort at thousands of names.
template <class Named>
prog::NameIndex name_index(const std::vector<Named>& items) {
  std::vector<std::string_view> names;
  names.reserve(items.size());
  for (const auto& item : items) names.push_back(item.name);
  prog::NameIndex index;
  index.build(names);
  return index;
}

class TextPool {
 public:
  explicit TextPool(std::vector<std::string>& texts) : texts_(texts) {}
  std::uint32_t id(const std::string& text) {
    auto [it, inserted] = ids_.try_emplace(text, static_cast<std::uint32_t>(texts_.size()));
    if (inserted) texts_.push_back(text);
    return it->second;
  }

 private:
  std::vector<std::string>& texts_;
  std::unordered_map<std::string, std::uint32_t> ids_;
};

void fill_tables(Program& p) {
  const check::Model& m = p.model;
  p.findings.reserve(m.findings.size());
  p.conditions.reserve(m.conditions.size());
  p.defines.reserve(m.defines.size());
  p.scores.reserve(m.scores.size());
  for (const auto& f : m.findings) {
    FindingInfo& fi = p.findings.emplace_back();  // filled in place: no move of every string
    fi.name = f.name;
    fi.type = finding_type(f.type);
    fi.values = f.values;
    fi.min = f.min;
    fi.max = f.max;
    fi.integer = f.integer;
    fi.unit = f.unit;
    fi.label = f.label.empty() ? f.name : f.label;
    fi.question = f.question;
    fi.group = f.group;
    fi.codes = f.codes;
    fi.location = location(m, f.span);
  }
  for (const auto& c : m.conditions) {
    p.conditions.push_back({c.name, c.label.empty() ? c.name : c.label, c.codes, c.advice,
                            location(m, c.span)});
  }
  for (const auto& d : m.defines) p.defines.push_back({d.name, d.label, d.numeric, location(m, d.span)});
  for (const auto& s : m.scores) p.scores.push_back({s.name, s.label.empty() ? s.name : s.label, location(m, s.span)});
  if (m.screen) {
    for (std::uint32_t slot : m.screen->findings)
      if (slot >= m.findings.size()) throw std::logic_error("screen finding slot out of range");
    p.screen.title = m.screen->title.empty() ? "Screen" : m.screen->title;  // never empty with a screen
    p.screen.findings = m.screen->findings;
    p.screen.location = location(m, m.screen->span);
  }
  p.finding_names = name_index(m.findings);
  for (const FindingInfo& f : p.findings) p.finding_types.push_back(f.type);
  p.condition_names = name_index(m.conditions);
  p.rule_names = name_index(m.rules);
}

void fill_rules(Program& p, TextPool& pool) {
  const check::Model& m = p.model;
  p.rules.reserve(m.rules.size());
  p.rule_out.reserve(m.rules.size());
  p.condition_advice.reserve(m.conditions.size());
  std::vector<std::uint32_t> seen;
  for (std::uint32_t r = 0; r < m.rules.size(); ++r) {
    const check::Rule& rule = m.rules[r];
    RuleInfo& info = p.rules.emplace_back();
    info.name = rule.name;
    info.redflag = rule.redflag;
    info.priority = rule.priority;
    info.label = rule.label;
    info.location = location(m, rule.span);
    info.source = snippet(m, rule.span);
    info.codes = rule.codes;
    info.advice = rule.advice;

    prog::RuleOut out;
    out.redflag = rule.redflag;
    out.priority = rule.priority;
    out.cond_begin = static_cast<std::uint32_t>(p.cond_actions.size());
    out.ask_begin = static_cast<std::uint32_t>(p.rule_asks.size());
    out.advice_begin = static_cast<std::uint32_t>(p.rule_advice.size());
    for (const auto& a : rule.advice) p.rule_advice.push_back(pool.id(a));
    for (const auto& a : rule.actions) {
      using AK = check::Action::Kind;
      switch (a.kind) {
        case AK::Suggest:
        case AK::Consider:
        case AK::Exclude: {
          if (a.target >= m.conditions.size()) throw std::logic_error("condition index out of range");
          prog::CondKind kind = a.kind == AK::Suggest    ? prog::CondKind::suggest
                                : a.kind == AK::Consider ? prog::CondKind::consider
                                                         : prog::CondKind::exclude;
          Strength strength = a.strength == check::Action::Strength::Likely     ? Strength::likely
                              : a.strength == check::Action::Strength::Possible ? Strength::possible
                                                                               : Strength::none;
          p.cond_actions.push_back({a.target, kind, strength});
          break;
        }
        case AK::Triage:
          if (a.target >= kTriageNames.size()) throw std::logic_error("triage level out of range");
          out.triage = std::max<std::int8_t>(out.triage, static_cast<std::int8_t>(a.target));
          break;
        case AK::Advise:
          p.rule_advice.push_back(pool.id(a.text));
          info.advice.push_back(a.text);
          break;
        case AK::Ask:
          if (a.target >= m.findings.size()) throw std::logic_error("finding slot out of range");
          p.rule_asks.push_back(a.target);
          break;
      }
    }
    // The same advice twice in one rule is shown once.
    auto first = p.rule_advice.begin() + out.advice_begin;
    seen.clear();
    auto end = std::remove_if(first, p.rule_advice.end(), [&](std::uint32_t id) {
      if (std::find(seen.begin(), seen.end(), id) != seen.end()) return true;
      seen.push_back(id);
      return false;
    });
    p.rule_advice.erase(end, p.rule_advice.end());
    std::vector<std::string> unique_advice;
    for (const auto& a : info.advice)
      if (std::find(unique_advice.begin(), unique_advice.end(), a) == unique_advice.end())
        unique_advice.push_back(a);
    info.advice = std::move(unique_advice);

    out.cond_n = static_cast<std::uint32_t>(p.cond_actions.size()) - out.cond_begin;
    out.ask_n = static_cast<std::uint32_t>(p.rule_asks.size()) - out.ask_begin;
    out.advice_n = static_cast<std::uint32_t>(p.rule_advice.size()) - out.advice_begin;
    if (out.triage >= 0) info.triage = static_cast<Triage>(out.triage);
    p.rule_out.push_back(out);
  }

  for (std::uint32_t r = 0; r < m.rules.size(); ++r)
    (p.rule_out[r].redflag ? p.redflag_order : p.advice_order).push_back(r);
  std::stable_sort(p.redflag_order.begin(), p.redflag_order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return p.rule_out[a].triage > p.rule_out[b].triage;
  });
  std::stable_sort(p.advice_order.begin(), p.advice_order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return p.rule_out[a].priority > p.rule_out[b].priority;
  });

  for (const auto& c : m.conditions) {
    prog::Range range{static_cast<std::uint32_t>(p.condition_advice_ids.size()), 0};
    for (const auto& a : c.advice) {
      std::uint32_t id = pool.id(a);
      auto begin = p.condition_advice_ids.begin() + range.begin;
      if (std::find(begin, p.condition_advice_ids.end(), id) == p.condition_advice_ids.end()) {
        p.condition_advice_ids.push_back(id);
        ++range.n;
      }
    }
    p.condition_advice.push_back(range);
  }
}

// The most (rule, finding) pairs an evaluation can list as missing: for each rule, the distinct
// findings its condition reads.
std::uint32_t missing_capacity(const Program& p) {
  std::vector<std::uint32_t> bool_mark(p.bool_count, 0), num_mark(p.num_count, 0),
      slot_mark(p.findings.size(), 0), stack;
  std::uint64_t total = 0;
  for (std::uint32_t r = 0; r < p.rule_root.size(); ++r) {
    const std::uint32_t stamp = r + 1;
    std::uint32_t distinct = 0;
    auto slot = [&](std::uint32_t s) {
      if (slot_mark[s] != stamp) {
        slot_mark[s] = stamp;
        ++distinct;
      }
    };
    // Stack entries: node index * 2 + (1 for numeric).
    stack.assign(1, p.rule_root[r] * 2);
    while (!stack.empty()) {
      std::uint32_t e = stack.back();
      stack.pop_back();
      std::uint32_t node = e >> 1;
      bool numeric = e & 1;
      auto& mark = numeric ? num_mark[node] : bool_mark[node];
      if (mark == stamp) continue;
      mark = stamp;
      if (!numeric) {
        if (node < p.composite_base) {
          slot(p.bool_def[node]);
          continue;
        }
      } else {
        if (node < p.const_base) {
          slot(p.num_def[node]);
          continue;
        }
        if (node < p.num_composite_base) continue;
      }
      const prog::Instr& in = p.code[numeric ? p.num_def[node] : p.bool_def[node]];
      switch (in.op) {
        case prog::Op::And:
        case prog::Op::Or:
        case prog::Op::AtLeast:
          for (std::uint32_t i = 0; i < in.n; ++i) stack.push_back(p.operands[in.a + i] * 2);
          break;
        case prog::Op::Not: stack.push_back(in.a * 2); break;
        case prog::Op::Compare:
        case prog::Op::Add:
        case prog::Op::Sub:
        case prog::Op::Mul:
        case prog::Op::Div:
          stack.push_back(in.a * 2 + 1);
          stack.push_back(in.b * 2 + 1);
          break;
        case prog::Op::Negate: stack.push_back(in.a * 2 + 1); break;
        case prog::Op::Score:
          for (std::uint32_t i = 0; i < in.n; ++i) stack.push_back(p.terms[in.a + i].cond * 2);
          break;
      }
    }
    total += distinct;
  }
  if (total > 0xffffffffu) throw std::logic_error("rule set too large");
  return static_cast<std::uint32_t>(total);
}

// The findings each node reads, as sorted slot lists, built in the code's topological order.
// Lists longer than kMaxTracked are dropped (treated as overlapping nothing): wide nodes say
// little about a distance, and the cap keeps compile time and memory linear. The lists share
// one pool, each node a range of it: a vector per node cost an allocation per node.
std::vector<std::uint8_t> operand_overlaps(const Program& p) {
  constexpr std::size_t kMaxTracked = 64;
  std::vector<std::uint32_t> pool;
  std::vector<prog::Range> bool_sets(p.bool_count), num_sets(p.num_count);
  std::vector<std::uint8_t> too_wide_bool(p.bool_count, 0), too_wide_num(p.num_count, 0);
  pool.reserve(std::size_t{p.composite_base} + p.const_base);
  auto leaf = [&](prog::Range& set, std::uint32_t slot) {
    set = {static_cast<std::uint32_t>(pool.size()), 1};
    pool.push_back(slot);
  };
  for (std::uint32_t n = 0; n < p.composite_base; ++n) leaf(bool_sets[n], p.bool_def[n]);
  for (std::uint32_t n = 0; n < p.const_base; ++n) leaf(num_sets[n], p.num_def[n]);
  auto slots = [&](const prog::Range& set) {
    return std::pair(pool.begin() + set.begin, pool.begin() + set.begin + set.n);
  };
  std::vector<std::uint8_t> out(p.operands.size(), 0);
  std::vector<std::uint32_t> merged, seen;
  for (const prog::Instr& in : p.code) {
    const bool numeric = prog::is_numeric(in.op);
    merged.clear();
    bool wide = false;
    auto add = [&](const prog::Range& set, bool set_wide) {
      wide |= set_wide;
      const auto [b, e] = slots(set);
      merged.insert(merged.end(), b, e);
    };
    auto on_bool = [&](std::uint32_t k) { add(bool_sets[k], too_wide_bool[k]); };
    auto on_num = [&](std::uint32_t k) { add(num_sets[k], too_wide_num[k]); };
    switch (in.op) {
      case prog::Op::And:
        seen.clear();
        for (std::uint32_t i = 0; i < in.n; ++i) {
          const auto [b, e] = slots(bool_sets[p.operands[in.a + i]]);
          for (auto s = b; s != e; ++s)
            if (std::binary_search(seen.begin(), seen.end(), *s)) out[in.a + i] = 1;
          seen.insert(seen.end(), b, e);
          std::sort(seen.begin(), seen.end());
          on_bool(p.operands[in.a + i]);
        }
        break;
      case prog::Op::Or:
      case prog::Op::AtLeast:
        for (std::uint32_t i = 0; i < in.n; ++i) on_bool(p.operands[in.a + i]);
        break;
      case prog::Op::Not: on_bool(in.a); break;
      case prog::Op::Negate: on_num(in.a); break;
      case prog::Op::Score:
        for (std::uint32_t i = 0; i < in.n; ++i) on_bool(p.terms[in.a + i].cond);
        break;
      default:
        on_num(in.a);
        on_num(in.b);
        break;
    }
    std::sort(merged.begin(), merged.end());
    merged.erase(std::unique(merged.begin(), merged.end()), merged.end());
    wide |= merged.size() > kMaxTracked;
    (numeric ? too_wide_num : too_wide_bool)[in.out] = wide;
    if (!wide) {
      (numeric ? num_sets : bool_sets)[in.out] = {static_cast<std::uint32_t>(pool.size()),
                                                  static_cast<std::uint32_t>(merged.size())};
      pool.insert(pool.end(), merged.begin(), merged.end());
    }
  }
  return out;
}

}  // namespace

std::shared_ptr<const Program> compile(check::Model model, std::string hash, std::uint32_t max_mask_words) {
  auto p = std::make_shared<Program>();
  p->name = model.name;
  p->version = model.version;
  p->title = model.title;
  p->hash = std::move(hash);
  p->default_triage = model.default_triage;
  p->model = std::move(model);
  fill_tables(*p);
  TextPool pool(p->advice_texts);
  fill_rules(*p, pool);

  GraphBuilder builder(p->model);
  builder.build_definitions();
  std::vector<std::uint32_t> roots;
  roots.reserve(p->model.rules.size());
  for (std::uint32_t r = 0; r < p->model.rules.size(); ++r) {
    builder.set_owner({EvalWarning::Kind::division_by_zero, EvalWarning::Owner::rule, r});
    roots.push_back(builder.bool_expr(p->model.rules[r].when));
  }
  p->rule_root = builder.finish(*p, roots);
  fill_reverse_edges(*p);
  fill_json_texts(*p);
  p->missing_capacity = missing_capacity(*p);
  p->operand_overlaps = operand_overlaps(*p);
  const auto words = static_cast<std::uint32_t>((p->findings.size() + 63) / 64);
  p->mask_words = words <= max_mask_words ? std::max<std::uint32_t>(words, 1) : 0;
  return p;
}

SourceLocation location(const check::Model& m, const syntax::Span& span) {
  SourceLocation l;
  if (span.file < m.files.size()) l.file = m.files[span.file].path;
  l.line = span.line;
  l.column = span.col;
  return l;
}

}  // namespace ardent::compile
