// The words every part of Ardent shares: triage levels, finding types, codes and durations.
//
// Each table here is the only one of its kind. The grammar, the checker, the engine, the C ABI,
// the command line and the REPL all read it, so that a word accepted by one door is accepted by
// every door with the same meaning.
#pragma once

#include <array>
#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ardent {

// --- triage ---------------------------------------------------------------------------------

// Ordered from least to most urgent; the numbers are those of the C ABI's ARDENT_TRIAGE_*.
enum class Triage : std::uint8_t { self_care = 0, routine = 1, urgent = 2, emergency = 3 };

inline constexpr std::array<std::string_view, 4> kTriageNames = {"self_care", "routine", "urgent", "emergency"};

constexpr std::string_view to_string(Triage t) { return kTriageNames[static_cast<std::size_t>(t)]; }

constexpr std::optional<Triage> parse_triage(std::string_view word) {
  for (std::size_t i = 0; i < kTriageNames.size(); ++i)
    if (kTriageNames[i] == word) return static_cast<Triage>(i);
  return std::nullopt;
}

// --- findings -------------------------------------------------------------------------------

enum class FindingType : std::uint8_t { boolean = 0, enumeration = 1, number = 2, duration = 3 };

// The words of a declaration: `finding x: bool`, `one of {...}` is an "enum".
inline constexpr std::array<std::string_view, 4> kFindingTypeNames = {"bool", "enum", "number", "duration"};

constexpr std::string_view to_string(FindingType t) { return kFindingTypeNames[static_cast<std::size_t>(t)]; }

// --- codes ----------------------------------------------------------------------------------

// A terminology binding: `code snomed "386661006"` or `code "http://example.org/codes" "A1"`.
// `system` is as written: a short name below, or a URI (which always holds a ':', a name never).
struct Code {
  std::string system;
  std::string value;
};

// The short names of terminologies and the FHIR system URIs they stand for.
struct CodeSystemName {
  std::string_view name, uri;
};

inline constexpr std::array<CodeSystemName, 4> kCodeSystems = {{
    {"snomed", "http://snomed.info/sct"},
    {"loinc", "http://loinc.org"},
    {"icd10", "http://hl7.org/fhir/sid/icd-10"},
    {"icd10cm", "http://hl7.org/fhir/sid/icd-10-cm"},
}};

// The URI a short name stands for; nullopt for a name that is not one.
constexpr std::optional<std::string_view> code_system_uri(std::string_view short_name) {
  for (const auto& s : kCodeSystems)
    if (s.name == short_name) return s.uri;
  return std::nullopt;
}

// The FHIR system URI of a checked code: its short name's URI, or the URI it was written with.
inline std::string_view system_uri(const Code& code) {
  return code_system_uri(code.system).value_or(std::string_view(code.system));
}

// --- durations ------------------------------------------------------------------------------

// The numbers are those of the C ABI's ARDENT_MINUTES ... ARDENT_YEARS.
enum class DurationUnit : std::uint8_t { minutes = 0, hours = 1, days = 2, weeks = 3, months = 4, years = 5 };

struct DurationUnitWords {
  DurationUnit unit;
  std::string_view singular, plural;
  double days;  // durations are stored in days: a month is 30.4375 days, a year 365.25
  // Short forms accepted in case input (JSON, the REPL); rule files spell units out.
  std::array<std::string_view, 3> abbreviations;
};

inline constexpr std::array<DurationUnitWords, 6> kDurationUnits = {{
    {DurationUnit::minutes, "minute", "minutes", 1.0 / 1440.0, {"min", "mins", ""}},
    {DurationUnit::hours, "hour", "hours", 1.0 / 24.0, {"h", "hr", "hrs"}},
    {DurationUnit::days, "day", "days", 1.0, {"d", "", ""}},
    {DurationUnit::weeks, "week", "weeks", 7.0, {"w", "wk", "wks"}},
    {DurationUnit::months, "month", "months", 30.4375, {"mo", "", ""}},
    {DurationUnit::years, "year", "years", 365.25, {"y", "yr", "yrs"}},
}};

constexpr const DurationUnitWords& words_of(DurationUnit u) { return kDurationUnits[static_cast<std::size_t>(u)]; }
constexpr std::string_view to_string(DurationUnit u) { return words_of(u).plural; }
constexpr double days_per(DurationUnit u) { return words_of(u).days; }

// How much of the vocabulary a reader accepts: rule files take the spelled-out words only.
enum class UnitSpelling : std::uint8_t { words, words_and_abbreviations };

// `week`, `Weeks`, and with abbreviations also `wk`, `wks`, `w`: the unit, or nullopt.
constexpr std::optional<DurationUnit> parse_duration_unit(std::string_view word,
                                                          UnitSpelling spelling = UnitSpelling::words_and_abbreviations) {
  constexpr std::size_t kLongest = 7;  // "minutes"
  if (word.empty() || word.size() > kLongest) return std::nullopt;
  char lower[kLongest] = {};
  for (std::size_t i = 0; i < word.size(); ++i) {
    const char c = word[i];
    lower[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  const std::string_view w(lower, word.size());
  for (const auto& u : kDurationUnits) {
    if (w == u.singular || w == u.plural) return u.unit;
    if (spelling == UnitSpelling::words) continue;
    for (auto a : u.abbreviations)
      if (!a.empty() && w == a) return u.unit;
  }
  return std::nullopt;
}

struct Duration {
  double amount = 0;
  DurationUnit unit = DurationUnit::days;
  double days() const { return amount * days_per(unit); }
};

// "6 weeks", "90 minutes", "1.5 days", "2y", "6 wks": a number, optional blanks and a unit
// word or abbreviation; nullopt for anything else. A negative amount is parsed: refusing it is
// the validation's job, with a message that names the finding.
inline std::optional<Duration> parse_duration(std::string_view text) {
  auto blank = [](char c) { return c == ' ' || c == '\t'; };
  while (!text.empty() && blank(text.front())) text.remove_prefix(1);
  while (!text.empty() && blank(text.back())) text.remove_suffix(1);
  Duration d;
  const char* end = text.data() + text.size();
  auto [unit_at, ec] = std::from_chars(text.data(), end, d.amount);
  if (ec != std::errc() || unit_at == text.data()) return std::nullopt;
  std::string_view word(unit_at, static_cast<std::size_t>(end - unit_at));
  while (!word.empty() && blank(word.front())) word.remove_prefix(1);
  auto unit = parse_duration_unit(word);
  if (!unit) return std::nullopt;
  d.unit = *unit;
  return d;
}

}  // namespace ardent
