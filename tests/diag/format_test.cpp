// Diagnostics as `ardent check` prints them, with and without colour: colour only adds escape
// sequences around the parts, never changes the text.
#include <gtest/gtest.h>

#include <regex>
#include <string>

#include "ardent/diagnostics.hpp"
#include "diag/paint.hpp"

namespace ardent::test {
namespace {

const std::string kEsc = "\x1b[";

std::string without_escapes(const std::string& s) {
  static const std::regex sgr("\x1b\\[[0-9;]*m");
  return std::regex_replace(s, sgr, "");
}

Diagnostic typo() {
  Diagnostic d;
  d.severity = Severity::Error;
  d.code = "unknown-name";
  d.file = "rules/hip/redflags.ard";
  d.line = 3;
  d.column = 7;
  d.length = 4;
  d.message = "unknown finding 'fevr'; did you mean 'fever'?";
  d.source_line = "\twhen fevr";
  return d;
}

TEST(DiagnosticFormat, PlainTextHasNoEscapes) {
  EXPECT_EQ(format(typo()),
            "rules/hip/redflags.ard:3:7: error: unknown finding 'fevr'; did you mean 'fever'?\n"
            "\twhen fevr\n"
            "\t     ^~~~\n");
}

TEST(DiagnosticFormat, ColourOnlyWrapsThePlainText) {
  const std::string plain = format(typo());
  const std::string coloured = format(typo(), true);
  EXPECT_NE(coloured, plain);
  EXPECT_EQ(without_escapes(coloured), plain);
  // The severity is bold red, and every painted part is reset before the source line.
  EXPECT_NE(coloured.find(kEsc + "1m" + kEsc + "31m" + "error: " + kEsc + "0m"), std::string::npos) << coloured;
  EXPECT_NE(coloured.find(kEsc + "32m^~~~" + kEsc + "0m"), std::string::npos) << coloured;
  EXPECT_NE(coloured.find(kEsc + "0m\n\twhen fevr\n"), std::string::npos) << coloured;
}

TEST(DiagnosticFormat, EachSeverityHasItsOwnColour) {
  Diagnostic warning = typo(), note = typo();
  warning.severity = Severity::Warning;
  note.severity = Severity::Note;
  EXPECT_NE(format(warning, true).find(kEsc + "35mwarning: "), std::string::npos);
  EXPECT_NE(format(note, true).find(kEsc + "36mnote: "), std::string::npos);
  EXPECT_EQ(without_escapes(format(warning, true)), format(warning));
}

TEST(Paint, PlainWhenColourIsOff) {
  EXPECT_EQ(diag::paint(false, fmt::emphasis::bold, "{not a format}"), "{not a format}");
  EXPECT_EQ(diag::paint(true, fmt::emphasis::bold, "{not a format}"), kEsc + "1m{not a format}" + kEsc + "0m");
}

}  // namespace
}  // namespace ardent::test
