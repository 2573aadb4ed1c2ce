// ardent::syntax::parse: prechecks the text, runs the X3 grammar and converts its result.
#include <exception>
#include <limits>
#include <string>
#include <string_view>
#include <utility>

#include "syntax/characters.hpp"
#include "syntax/line_index.hpp"
#include "syntax/module_parser.hpp"
#include "syntax/precheck.hpp"
#include "syntax/reserved.hpp"
#include "syntax/to_tree.hpp"
#include "syntax/tree.hpp"

namespace ardent::syntax {
namespace {

std::string_view token_at(const char* p, const char* end) {
  if (p == end) return {};
  const char* q = p;
  if (is_word_char(*q)) {
    while (q != end && is_word_char(*q)) ++q;
  } else {
    ++q;
    while (q != end && (static_cast<unsigned char>(*q) & 0xC0) == 0x80)
      ++q;  // rest of a UTF-8 character
  }
  return std::string_view(p, static_cast<std::size_t>(q - p));
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// A hint for the two most common reasons a name was refused, when a name was expected.
std::string with_hint(std::string message, std::string_view token) {
  const bool name_expected =
      message.rfind("expected a", 0) == 0 &&
      (ends_with(message, " name") || message.find(" name after ") != std::string::npos ||
       message.find("a name") != std::string::npos ||
       message.find("a value") != std::string::npos);
  if (!name_expected || token.empty()) return message;
  if (is_reserved(token)) {
    return message + " ('" + std::string(token) + "' is a reserved word)";
  }
  for (char c : token) {
    if (c >= 'A' && c <= 'Z') {
      return message + " (names are lower case: letters, digits and '_', starting with a letter)";
    }
  }
  return message;
}

ParseOutput failure(std::uint32_t file_index, Span span, std::string message) {
  ParseOutput out;
  out.module.file = file_index;
  out.errors.push_back(SyntaxError{span, std::move(message)});
  return out;
}

}  // namespace

ParseOutput parse(const SourceFile& file, std::uint32_t file_index) {
  const std::string& text = file.text;
  if (text.size() >= std::numeric_limits<std::uint32_t>::max()) {
    return failure(file_index, Span{file_index, 1, 1, 0, 0}, "file too large (4 GB or more)");
  }
  const LineIndex lines(text, file_index);
  if (auto issue = precheck(text)) {
    return failure(file_index, lines.span(issue->offset, issue->length), issue->message);
  }

  const char* const begin = text.data();
  const char* const end = begin + text.size();
  const char* first = begin;
  if (std::string_view(text).substr(0, 3) == "\xEF\xBB\xBF") first += 3;  // byte order mark

  grammar::error_sink sink;
  ParseOutput out;
  TreeBuilder tree(text, lines, file_index, out.errors);
  bool ok = false;
  try {
    ok = grammar::parse_module(first, end, tree, sink);
  } catch (const std::bad_alloc&) {
    return failure(file_index, lines.span(0, 0), "out of memory while parsing");
  } catch (const std::exception& e) {
    return failure(file_index, lines.span(0, 0), std::string("internal parser error: ") + e.what());
  }

  if (!ok || first != end) {
    const char* where = sink.failed && sink.where != nullptr ? sink.where : first;
    std::string message = sink.failed ? sink.message : "unexpected text";
    std::size_t length = 0;
    if (message.rfind("unterminated string", 0) == 0) {
      // Reported where the line ends, inside the string: nothing there to skip.
    } else if (message.rfind("unknown escape", 0) == 0) {
      --where;  // at the backslash, covering the escape
      length = 2;
    } else {
      // An expectation failure may be reported before the blanks and comments that precede
      // the offending token; the error belongs on the token itself.
      where = skip_blanks_and_comments(where, end);
      const std::string_view token = token_at(where, end);
      length = token.size();
      message = with_hint(std::move(message), token);
    }
    return failure(
        file_index,
        lines.span(static_cast<std::uint32_t>(where - begin), static_cast<std::uint32_t>(length)),
        std::move(message));
  }

  out.module = tree.finish();
  if (!out.errors.empty()) {
    out.module = Module{};
    out.module.file = file_index;
  }
  return out;
}

}  // namespace ardent::syntax
