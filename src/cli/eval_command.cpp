#include <algorithm>
#include <atomic>
#include <charconv>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <optional>
#include <stdexcept>
#include <thread>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "ardent/case.hpp"
#include "ardent/fhir.hpp"
#include "ardent/format.hpp"
#include "ardent/names.hpp"
#include "ardent/result.hpp"
#include "cli/case_input.hpp"
#include "cli/commands.hpp"
#include "ardent/store.hpp"
#include "ardent/stream.hpp"

namespace ardent::cli {

namespace {

struct EvalOptions {
  std::string rules;
  std::string case_file;
  bool json = false;
  bool cds = false;
  bool batch = false;
  bool fhir = false;  // CASE is FHIR R4 resources
  bool undecided = false;
  unsigned threads = 0;
  std::size_t max_ask = 0;          // --max-ask: at most this many questions (0: all; text: 5)
  std::vector<std::string> fields;  // --fields: only these members of the JSON result
  int schema = 0;                   // --schema: the JSON result's schema (0: not given, the current)
  Limits limits;
  // --audit: every evaluation recorded with this context (in --batch, tagged with its line).
  std::string audit_file;
  std::string audit_key;  // --seal: a private key that seals the log as it is written
  std::string encounter, user;
  std::vector<std::string> tags;  // KEY=VALUE
  std::vector<std::string> trust;  // public keys for a rule set loaded from a registry
};

// The audit log of one `ardent eval` run, or nothing when --audit was not given.
class AuditSink {
 public:
  // Throws store::StoreError when the file cannot be opened; std::invalid_argument for a tag
  // without '='.
  explicit AuditSink(const EvalOptions& o) {
    if (o.audit_file.empty()) return;
    context_.encounter_id = o.encounter;
    context_.user_id = o.user;
    for (const auto& t : o.tags) {
      const auto eq = t.find('=');
      if (eq == std::string::npos || eq == 0)
        throw std::invalid_argument(fmt::format("--tag {} is not KEY=VALUE", in_quotes(t)));
      context_.tags[t.substr(0, eq)] = t.substr(eq + 1);
    }
    store::AuditOptions options;
    if (!o.audit_key.empty()) options.seal_key = store::PrivateKey::from_pem_file(o.audit_key);
    audit_.emplace(o.audit_file, options);
  }
  // Evaluates, and queues the audit row. `r` holds the result even when the audit log has failed,
  // which then throws store::StoreError for this and every later row.
  void evaluate(const Case& c, Result& r, std::size_t line = 0) {
    if (!audit_) return ardent::evaluate(c, r);
    ++attempted_;
    if (line == 0) return void(store::evaluate_audited(c, r, *audit_, context_));
    store::AuditContext with_line = context_;
    with_line.tags["line"] = std::to_string(line);
    store::evaluate_audited(c, r, *audit_, with_line);
  }
  // Commits every row; false (with a message saying how many rows were lost) when the log could
  // not be written.
  bool close() {
    if (!audit_) return true;
    try {
      audit_->close();
      return true;
    } catch (const store::StoreError& e) {
      const std::uint64_t written = std::min<std::uint64_t>(audit_->durable_ticket(), attempted_);
      fmt::print(stderr, "ardent eval: the audit log failed: {}\n", e.what());
      fmt::print(stderr, "ardent eval: {} of {} audit rows were not written\n", attempted_ - written, attempted_.load());
      return false;
    }
  }

 private:
  store::AuditContext context_;
  std::optional<store::Audit> audit_;
  std::atomic<std::uint64_t> attempted_{0};
};

// Reads at most `most` bytes of the file (or of stdin for "-").
bool read_input(const std::string& path, std::size_t most, std::string& out) {
  std::ifstream file;
  if (path != "-") {
    file.open(path, std::ios::binary);
    if (!file) return false;
  }
  std::istream& in = path == "-" ? std::cin : file;
  out.clear();
  char chunk[65536];
  while (out.size() < most) {
    in.read(chunk, static_cast<std::streamsize>(std::min(sizeof chunk, most - out.size())));
    out.append(chunk, static_cast<std::size_t>(in.gcount()));
    if (!in) break;
  }
  return true;
}

std::string render(const EvalOptions& o, const Case& c, const Result& r) {
  if (o.cds) return format_cds_cards(c, r, o.batch ? -1 : 2);
  if (o.json || o.batch || !o.fields.empty() || o.schema != 0)
    return format_json(c, r, {o.batch ? -1 : 2, o.max_ask, o.fields, o.schema != 0 ? o.schema : kResultSchemaVersion});
  TextOptions t;
  if (o.max_ask != 0) t.max_questions = o.max_ask;
  t.show_undecided = o.undecided;
  return format_text(c, r, t);
}

// --fhir: findings from FHIR resources; the warnings (conflicting answers) go to stderr.
bool apply_fhir(const EvalOptions& o, Case& c, const std::string& text) {
  try {
    for (const auto& w : fhir::set_case(c, text)) fmt::print(stderr, "{}: warning: {}\n", o.case_file, w);
    return true;
  } catch (const InputError& e) {
    fmt::print(stderr, "{}: error: {}\n", o.case_file, e.what());
    return false;
  }
}

int run_single(const EvalOptions& o, const RulesetPtr& rules, const std::string& text, AuditSink& audit) {
  Case c(rules);
  if (o.fhir) {
    if (!apply_fhir(o, c, text)) return kExitFailure;
  } else if (auto err = apply_case_json(c, text)) {
    fmt::print(stderr, "{}:{}: error: {}\n", o.case_file, err->line, err->message);
    return kExitFailure;
  }
  Result r;
  try {
    audit.evaluate(c, r);
  } catch (const std::exception&) {
    // The audit log has failed: the result is still shown, and close() reports the loss.
  }
  std::string out = render(o, c, r);
  std::fwrite(out.data(), 1, out.size(), stdout);
  if (!out.empty() && out.back() != '\n') std::fputc('\n', stdout);
  return kExitOk;
}

// Reads one line (without its newline) into `line`, keeping at most `most` bytes of it: a longer
// line is consumed whole but cut, and the case then refuses it as too large. False at the end.
bool read_line(std::streambuf& in, std::size_t most, std::string& line) {
  line.clear();
  bool any = false;
  for (int c = in.sbumpc(); c != std::char_traits<char>::eof(); c = in.sbumpc()) {
    any = true;
    if (c == '\n') return true;
    if (line.size() < most) line.push_back(static_cast<char>(c));
  }
  return any;
}

// JSON Lines in, one result per line out, in input order. The lines go through a stream
// (ardent/stream.hpp): a bounded window of lines is read, evaluated and rendered on the threads,
// and written in order, so that memory does not grow with the input.
int run_batch(const EvalOptions& o, const RulesetPtr& rules, std::istream& in, AuditSink& audit) {
  struct Slot {
    std::string line;
    std::size_t number = 0;  // 1-based line in the input
    std::optional<Case> c;
    Result r;
    std::string output, error;
  };
  StreamOptions stream;
  stream.threads = o.threads;
  std::vector<Slot> slots(stream_window(stream));
  std::size_t lines = 0, bad = 0;
  const std::size_t most = o.limits.max_case_bytes + 1;
  auto fill = [&](std::size_t k) {
    Slot& s = slots[k];
    do {
      if (!read_line(*in.rdbuf(), most, s.line)) return false;
      ++lines;
    } while (s.line.find_first_not_of(" \t\r") == std::string::npos);  // a blank line
    s.number = lines;
    return true;
  };
  // Every line gets its place in the output: a result, or its error. A line the audit log could
  // not record still prints its result; the failure is reported once, when the log is closed.
  auto work = [&](std::size_t k) {
    Slot& s = slots[k];
    if (!s.c) s.c.emplace(rules);
    s.c->clear();
    s.error.clear();
    if (auto err = apply_case_json(*s.c, s.line)) {
      s.error = err->message;
      s.output = nlohmann::json{{"line", s.number}, {"error", s.error}}.dump();
      return;
    }
    try {
      audit.evaluate(*s.c, s.r, s.number);
    } catch (const std::exception&) {
      // The audit log has failed; the evaluation itself is in `r`.
    }
    try {
      s.output = render(o, *s.c, s.r);
    } catch (const std::exception& e) {
      s.error = fmt::format("cannot render the result: {}", e.what());
      s.output = nlohmann::json{{"line", s.number}, {"error", s.error}}.dump();
    }
  };
  auto deliver = [&](std::size_t k) {
    const Slot& s = slots[k];
    if (!s.error.empty()) {
      ++bad;
      fmt::print(stderr, "{}:{}: error: {}\n", o.case_file, s.number, s.error);
    }
    std::fwrite(s.output.data(), 1, s.output.size(), stdout);
    std::fputc('\n', stdout);
    return true;
  };
  run_stream(stream, fill, work, deliver);
  if (bad) fmt::print(stderr, "ardent eval: {} of {} lines could not be evaluated\n", bad, lines);
  return bad ? kExitFailure : kExitOk;
}

}  // namespace

Command add_eval(CLI::App& app) {
  auto o = std::make_shared<EvalOptions>();
  auto* sub = app.add_subcommand("eval", "Evaluate a patient's findings (JSON) against a rule set");
  sub->add_option("RULES", o->rules, "rule-set directory or .ard file")->required();
  sub->add_option("CASE", o->case_file, "case as a JSON object (null = asked, unknown); - for stdin")->required();
  auto* json = sub->add_flag("--json", o->json, "print the JSON result (docs/result-schema.md)");
  auto* cds = sub->add_flag("--cds-hooks", o->cds, "print CDS Hooks cards");
  json->excludes(cds);
  auto* fields = sub->add_option("--fields", o->fields,
                                 "JSON result: only these top-level members, comma-separated (e.g. triage,red_flags)")
                     ->delimiter(',')
                     ->check(CLI::IsMember(std::vector<std::string>(json_result_fields().begin(), json_result_fields().end())));
  fields->excludes(cds);
  sub->add_option("--schema", o->schema,
                  fmt::format("JSON result: write this schema ({} to {}; default {}; 1 carries codes as written, 2 as "
                              "FHIR Codings)",
                              kOldestResultSchema, kResultSchemaVersion, kResultSchemaVersion))
      ->check(CLI::Validator(
          [](std::string& text) -> std::string {
            int n = 0;
            const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
            if (ec != std::errc() || end != text.data() + text.size()) return in_quotes(text) + " is not a number";
            try {
              check_result_schema(n);
            } catch (const std::invalid_argument& e) {
              return e.what();
            }
            return {};
          },
          "SCHEMA"))
      ->excludes(cds);
  sub->add_option("--max-ask", o->max_ask, "list at most N next questions (JSON and text; 0: all)");
  auto* batch = sub->add_flag("--batch", o->batch, "CASE is JSON Lines: one case per line, one JSON result per line");
  sub->add_flag("--fhir", o->fhir, "CASE is FHIR R4: a Bundle or one resource (docs/fhir.md)")->excludes(batch);
  sub->add_option("--threads", o->threads, "threads for --batch (default: all cores)");
  sub->add_flag("--undecided", o->undecided, "also list undecided rules and what they wait for");
  auto* audit = sub->add_option("--audit", o->audit_file, "record every evaluation in this audit log (SQLite)");
  sub->add_option("--encounter", o->encounter, "with --audit: the encounter id to record")->needs(audit);
  sub->add_option("--user", o->user, "with --audit: the user id to record")->needs(audit);
  sub->add_option("--tag", o->tags, "with --audit: a KEY=VALUE tag to record (repeatable)")->needs(audit);
  sub->add_option("--seal", o->audit_key,
                  "with --audit: seal the log with this Ed25519 private key (PEM): each batch of rows is committed "
                  "with a signed checkpoint, so that `ardent audit verify --sealed` refuses any row added otherwise")
      ->needs(audit);
  add_trust_option(sub, o->trust);
  add_limit_options(sub, o->limits);
  return {sub, [o]() {
    int code = kExitOk;
    RulesetPtr rules = load_rules(o->rules, code, false, o->trust, o->limits);
    if (!rules) return code;
    // One case is read only up to one byte past its limit, which the case then refuses; a batch
    // is read line by line as it is evaluated, and each of its lines meets the limit.
    std::string text;
    std::ifstream file;
    // Standard input as a file stream: std::cin, tied to C stdio, reads a character at a time.
    if (o->batch) file.open(o->case_file == "-" ? "/dev/stdin" : o->case_file, std::ios::binary);
    const bool opened = o->batch ? file.is_open() : read_input(o->case_file, o->limits.max_case_bytes + 1, text);
    if (!opened) {
      fmt::print(stderr, "ardent eval: cannot open case '{}'\n", o->case_file);
      return kExitUsage;
    }
    std::optional<AuditSink> audit;
    try {
      audit.emplace(*o);
    } catch (const std::exception& e) {
      fmt::print(stderr, "ardent eval: {}\n", e.what());
      return kExitUsage;
    }
    const int evaluated = o->batch ? run_batch(*o, rules, file, *audit) : run_single(*o, rules, text, *audit);
    return audit->close() ? evaluated : kExitFailure;
  }};
}

}  // namespace ardent::cli
