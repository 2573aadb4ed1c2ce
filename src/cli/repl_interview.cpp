// The next questions (`ask`), the interview that asks them, and the report (`report`).
//
// The interview asks, one at a time, the findings of the result's ask-next list in its order
// (docs/result-schema.md): the screen's questions first, then those that could complete an
// alarm (a red flag, or a rule raising the triage), those a fired rule requests, and those that
// follow the picture (lowering the triage, changing the leading condition). Each question says
// why it is asked. A question the user skips is not asked again in this interview. It stops
// when the interview is complete (the ask-next list is empty: the screen is answered and nothing
// not yet asked could change the triage, the red flags or the leading condition) and says so;
// or when only skipped questions are left, and then the triage stays provisional.
#include <algorithm>
#include <charconv>
#include <set>

#include <fmt/format.h>

#include "ardent/format.hpp"
#include "ardent/names.hpp"
#include "cli/repl_session.hpp"
#include "cli/repl_values.hpp"

namespace ardent::cli::repl {

namespace {

constexpr std::size_t kAskShown = 10;
constexpr std::size_t kDecidesShown = 3;

std::string question_of(const FindingInfo& f) {
  if (!f.question.empty()) return f.question;
  return (f.label.empty() ? f.name : f.label) + "?";
}

// The prompt's hint; choices are numbered so that a number picks one.
std::string answer_hint(const FindingInfo& f) {
  if (f.type != FindingType::enumeration) return value_hint(f);
  std::string s;
  for (std::size_t i = 0; i < f.values.size(); ++i) s += fmt::format("{}{} {}", i ? ", " : "", i + 1, f.values[i]);
  return s + ", ?";
}

}  // namespace

// ask [N|all]
void Session::ask(const Args& args) {
  std::size_t limit = kAskShown;
  if (!args.empty()) {
    if (args.front() == "all") {
      limit = result_.ask_next().size();
    } else {
      const std::string& a = args.front();
      auto [end, ec] = std::from_chars(a.data(), a.data() + a.size(), limit);
      if (ec != std::errc() || end != a.data() + a.size() || limit == 0) {
        error(fmt::format("'ask' takes a count or 'all'; got {}", in_quotes(a)));
        return;
      }
    }
  }
  const auto items = result_.ask_next();
  if (items.empty()) {
    say("nothing left to ask: the interview is complete: " + interview_stop_reason(*rules_));
    return;
  }
  std::size_t n = 0;
  for (const auto& a : items) {
    if (n == limit) {
      say(fmt::format("  ... and {} more ('ask all' lists them)", items.size() - limit));
      break;
    }
    const FindingInfo& f = rules_->findings()[a.finding];
    std::vector<std::string> decides;
    const auto could = result_.could_decide(a);
    for (std::size_t i = 0; i < could.size() && i < kDecidesShown; ++i) decides.push_back(rules_->rules()[could[i]].name);
    if (could.size() > kDecidesShown) decides.push_back(fmt::format("{} more", could.size() - kDecidesShown));
    const std::string tail = decides.empty() ? "" : " (" + join_phrases(decides) + ")";
    say(fmt::format("{:>3}. {} [{}]: {}{}", ++n, style_.bold(f.name), value_hint(f), ask_reason_phrase(a.reason), tail));
    say("     " + question_of(f));
  }
}

void Session::interview(LineSource& in) {
  say("interview: answer each question (y/n, a number, a value, ? for unknown);");
  say("an empty line or 'skip' skips it, 'q' stops the interview");
  if (result_.provisional())
    say(fmt::format("provisional triage: {}", to_string(result_.triage())));
  std::set<std::uint32_t> skipped;
  std::size_t asked = 0, answered = 0;
  bool stopped = false;
  while (!stopped) {
    const AskItem* next = nullptr;
    for (const auto& a : result_.ask_next())
      if (!skipped.count(a.finding)) {
        next = &a;
        break;
      }
    if (!next) break;
    const std::uint32_t slot = next->finding;
    const FindingInfo& f = rules_->findings()[slot];
    say(fmt::format("[{}] {} {}", ++asked, style_.bold(question_of(f)),
                    style_.dim("(" + f.name + ": " + answer_hint(f) + "; " + std::string(ask_reason_phrase(next->reason)) + ")")));
    for (;;) {
      answering_ = slot;
      const LineSource::Input answer = in.read("answer> ");
      answering_.reset();
      if (answer.status != LineSource::Status::line) {
        stopped = true;
        break;
      }
      std::string text(trim(answer.text));
      if (text.empty() || text == "skip") {
        skipped.insert(slot);
        break;
      }
      if (text == "q" || text == "quit") {
        stopped = true;
        break;
      }
      std::size_t pick = 0;
      auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), pick);
      if (f.type == FindingType::enumeration && ec == std::errc() && end == text.data() + text.size() && pick >= 1 &&
          pick <= f.values.size())
        text = f.values[pick - 1];
      try {
        case_.set_text(f.name, text);
      } catch (const InputError& e) {
        error(e.what());
        continue;
      }
      ++answered;
      refresh(/*quiet_if_unchanged=*/true);
      break;
    }
  }
  const std::string counts = fmt::format("{} answered, {} skipped", answered, skipped.size());
  const std::string provisional = fmt::format("the triage ({}) stays provisional", to_string(result_.triage()));
  if (stopped) {
    say(fmt::format("interview stopped ({}){}", counts, result_.provisional() ? "; " + provisional : ""));
    return;
  }
  if (result_.complete()) {
    say(fmt::format("interview complete: {} ({})", interview_stop_reason(*rules_), counts));
  } else {
    std::vector<std::string> open;
    for (const auto& a : result_.ask_next()) open.push_back(rules_->findings()[a.finding].name);
    say(fmt::format("interview incomplete: skipped questions could still matter: {} ({}); {}", join_phrases(open),
                    counts, provisional));
  }
  say("");
  std::fputs(format_text(case_, result_).c_str(), out_);
}

// report [json|cds|undecided]
void Session::report(const Args& args) {
  const std::string kind = args.empty() ? "" : args.front();
  if (kind.empty() || kind == "undecided") {
    TextOptions options;
    options.show_undecided = kind == "undecided";
    std::fputs(format_text(case_, result_, options).c_str(), out_);
  } else if (kind == "json") {
    say(format_json(case_, result_, 2));
  } else if (kind == "cds") {
    say(format_cds_cards(case_, result_, 2));
  } else {
    error(fmt::format("'report' takes json, cds or undecided; got {}", in_quotes(kind)));
  }
}

}  // namespace ardent::cli::repl
