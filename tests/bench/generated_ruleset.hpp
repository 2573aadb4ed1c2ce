// Deterministic generated rule sets for benchmarks: `rules` rules (a tenth of them red flags)
// over about two findings per rule, with enums, numbers, a duration, defines and scores, in
// the shapes real rule sets use.
#pragma once

#include <string>

namespace ardent::bench {

inline std::string generated_ruleset(int rules) {
  const int bools = rules < 55 ? 100 : rules * 2;
  const int conditions = rules / 4 + 1;
  std::string s;
  s.reserve(static_cast<std::size_t>(rules) * 400);
  s += "ruleset generated version \"1.0.0\"\n  title \"Generated\"\n  default triage routine\n\n";
  s += "finding age: number 0..120 integer unit \"years\"\n  label \"Age\"\n";
  s += "finding pain_score: number 0..10\n  label \"Pain score\"\n";
  s += "finding onset: one of {sudden, gradual, unclear}\n  label \"Onset\"\n";
  s += "finding peak: one of {during, hours_after, day_after, constant}\n  label \"Pain peak\"\n";
  s += "finding symptom_duration: duration\n  label \"Symptom duration\"\n";
  for (int i = 0; i < bools; ++i)
    s += "finding f" + std::to_string(i) + ": bool\n  label \"Finding " + std::to_string(i) +
         "\"\n  ask \"Do you have finding " + std::to_string(i) + "?\"\n";
  for (int i = 0; i < conditions; ++i)
    s += "condition c" + std::to_string(i) + "\n  label \"Condition " + std::to_string(i) +
         "\"\n  advice \"Advice for condition " + std::to_string(i) + ".\"\n";
  const int defines = rules / 10 + 1;
  for (int i = 0; i < defines; ++i) {
    const int a = (i * 7) % bools, b = (i * 7 + 3) % bools;
    s += "define d" + std::to_string(i) + " = f" + std::to_string(a) + " and not f" + std::to_string(b) + "\n";
  }
  const int scores = rules / 20 + 1;
  for (int i = 0; i < scores; ++i) {
    s += "score s" + std::to_string(i) + " label \"Score " + std::to_string(i) + "\":\n";
    for (int t = 0; t < 4; ++t) s += "  +" + std::to_string(1 + t % 2) + " when f" + std::to_string((i * 5 + t * 11) % bools) + "\n";
  }
  static const char* levels[] = {"self_care", "routine", "urgent", "emergency"};
  for (int r = 0; r < rules; ++r) {
    auto f = [&](int k) { return "f" + std::to_string((r * 2 + k * 13) % bools); };
    const bool redflag = r % 10 == 9;
    const std::string name = (redflag ? "rf" : "r") + std::to_string(r);
    s += (redflag ? "redflag " : "rule ") + name + (redflag ? "" : " priority " + std::to_string(r % 3)) + "\n";
    s += "  label \"Rule " + std::to_string(r) + "\"\n";
    switch (r % 5) {
      case 0: s += "  when " + f(0) + " and (" + f(1) + " or not " + f(2) + ") and age >= " + std::to_string(20 + r % 50) + "\n"; break;
      case 1: s += "  when " + f(0) + " and peak in {hours_after, day_after} and symptom_duration > 6 weeks\n"; break;
      case 2: s += "  when at least 2 of (" + f(0) + ", " + f(1) + ", " + f(2) + ", " + f(3) + ") and not " + f(4) + "\n"; break;
      case 3: s += "  when d" + std::to_string(r % defines) + " and pain_score between 3 and 8\n"; break;
      default: s += "  when s" + std::to_string(r % scores) + " >= 3 and onset is sudden or " + f(0) + " and " + f(1) + "\n"; break;
    }
    if (redflag) {
      s += "  then triage " + std::string(r % 20 == 19 ? "emergency" : "urgent") + ", advise \"Act on red flag " + std::to_string(r) + ".\"\n";
    } else {
      s += "  then suggest c" + std::to_string(r % conditions) + ", triage " + levels[r % 3];
      if (r % 7 == 0) s += ", consider c" + std::to_string((r + 1) % conditions);
      s += "\n";
    }
  }
  return s;
}

}  // namespace ardent::bench
