// A compiled rule set: immutable, shared freely between threads.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ardent/diagnostics.hpp"
#include "ardent/limits.hpp"
#include "ardent/vocabulary.hpp"

namespace ardent {

inline constexpr const char* kEngineVersion = "0.1.0";
inline constexpr int kDslVersion = 1;

struct SourceLocation {
  std::string file;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};
std::string to_string(const SourceLocation& l);  // "rules/hip/redflags.ard:12"


struct FindingInfo {
  std::string name;
  FindingType type = FindingType::boolean;
  std::vector<std::string> values;  // enumeration domain
  double min = 0, max = 0;          // number: declared range (NaN when unbounded)
  bool integer = false;
  std::string unit;
  std::string label;
  std::string question;
  std::string group;
  std::vector<Code> codes;
  SourceLocation location;
};

struct ConditionInfo {
  std::string name;
  std::string label;
  std::vector<Code> codes;
  std::vector<std::string> advice;
  SourceLocation location;
};

struct DefineInfo {
  std::string name;
  std::string label;   // may be empty
  bool numeric = false;
  SourceLocation location;
};

struct ScoreInfo {
  std::string name;
  std::string label;   // the name when not given
  SourceLocation location;
};

struct RuleInfo {
  std::string name;
  bool redflag = false;
  std::int32_t priority = 0;
  std::string label;
  std::vector<std::string> advice;        // red-flag advice and `advise` actions
  std::optional<Triage> triage;           // the level it sets, if any
  SourceLocation location;
  std::string source;                     // the declaration's source text
  std::vector<Code> codes;
};

// The screen (docs/language.md): the questions the interview asks first, in this order.
struct ScreenInfo {
  std::string title;                    // empty when the rule set declares no screen
  std::vector<std::uint32_t> findings;  // finding slots, in declared order
  SourceLocation location;
};

class Program;  // the compiled form (src/compile)
namespace internal {
struct RulesetAccess;  // the stages that read the compiled form (src/compile/ruleset_access.hpp)
}  // namespace internal

class Ruleset {
 public:
  const std::string& name() const;
  const std::string& version() const;
  const std::string& title() const;
  const std::string& hash() const;        // SHA-256 of the sources in sorted order, lower-case hex
  Triage default_triage() const;

  std::span<const FindingInfo> findings() const;
  std::span<const ConditionInfo> conditions() const;
  std::span<const RuleInfo> rules() const;   // rules and red flags, declaration order
  std::span<const DefineInfo> defines() const;
  std::span<const ScoreInfo> scores() const;
  std::size_t redflag_count() const;
  const ScreenInfo& screen() const;
  std::size_t test_count() const;

  std::optional<std::uint32_t> finding_index(std::string_view name) const;
  // The slot of a finding, or throws InputError(UnknownFinding) with the message every front
  // end shows: "rule set 'x' has no finding 'fevre'; did you mean 'fever'?".
  std::uint32_t finding_slot(std::string_view name) const;
  std::optional<std::uint32_t> condition_index(std::string_view name) const;
  std::optional<std::uint32_t> rule_index(std::string_view name) const;
  // Position of `value` in an enumeration finding's domain.
  std::optional<std::uint32_t> enum_value_index(std::uint32_t slot, std::string_view value) const;

  // Advice texts are interned; a Result refers to them by id.
  const std::string& advice_text(std::uint32_t id) const;
  std::size_t advice_text_count() const;

  // The limits it was compiled with; its cases read JSON of at most limits().max_case_bytes.
  const Limits& limits() const { return limits_; }

 private:
  friend struct internal::RulesetAccess;
  Ruleset(std::shared_ptr<const Program> p, const Limits& limits) : program_(std::move(p)), limits_(limits) {}
  std::shared_ptr<const Program> program_;
  Limits limits_;
};

using RulesetPtr = std::shared_ptr<const Ruleset>;

struct SourceText {
  std::string path;
  std::string text;
};

struct CompileOutput {
  RulesetPtr ruleset;                    // null when there were errors
  std::vector<Diagnostic> diagnostics;   // errors and warnings
  // Counts for the `ardent check` summary, filled even when there are errors.
  std::size_t findings = 0, conditions = 0, rules = 0, redflags = 0, tests = 0;
  bool ok() const { return ruleset != nullptr; }
};

// A directory (every *.ard below it, through symlinked folders, sorted by path) or one file.
// I/O problems, a symlink loop and a *.ard that is not a regular file become a diagnostic with
// code "io". A file larger than limits.max_file_bytes, or files that together exceed
// limits.max_ruleset_bytes, are an error with code "limit", found before they are read.
CompileOutput compile_path(const std::filesystem::path& path, const Limits& limits = {});
CompileOutput compile_source(std::string_view text, std::string name = "<memory>", const Limits& limits = {});
CompileOutput compile_sources(std::vector<SourceText> files, const Limits& limits = {});

}  // namespace ardent
