#include "eval/case_json.hpp"

#include <nlohmann/json.hpp>
#include <simdjson.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "ardent/case.hpp"
#include "ardent/names.hpp"
#include "eval/case_values.hpp"

namespace ardent::eval {

namespace {

[[noreturn]] void malformed(const std::string& message) {
  throw InputError(InputError::Kind::Malformed, "", message);
}

[[noreturn]] void not_an_object() { malformed("a case must be a JSON object of finding names to values"); }

void put_text_value(const FindingInfo& f, Slot out, std::string_view v) {
  if (f.type == FindingType::enumeration) return put_enum(f, out, v);
  if (f.type == FindingType::duration) return put_duration_text(f, out, v);
  wrong_type(f, "the text " + ardent::in_quotes(v));
}

// "malformed JSON at line 2, column 12: syntax error while parsing value - invalid literal;
// last read: 'tru'": nlohmann's explanation without its internal tag, placed at the last byte
// it read (nlohmann counts a newline it has read as the start of the next line), with the token
// it last read quoted and so shortened.
std::string json_error_text(std::string_view text, std::size_t bytes_read, const std::string& what) {
  const std::size_t at = std::min(bytes_read > 0 ? bytes_read - 1 : 0, text.size());
  const std::size_t line = 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + at, '\n'));
  const std::size_t line_start = text.rfind('\n', at == 0 ? 0 : at - 1);
  const std::size_t column = line_start == std::string_view::npos || at == 0 ? at + 1 : at - line_start;
  std::string why = what;
  if (const auto colon = why.find(": "); why.rfind("[json.exception.", 0) == 0 && colon != std::string::npos)
    why.erase(0, colon + 2);
  constexpr std::string_view kLastRead = "; last read: '";
  if (const auto lr = why.find(kLastRead); lr != std::string::npos) {
    const auto begin = lr + kLastRead.size();
    auto end = why.find("'; expected", begin);
    if (end == std::string::npos) end = why.size() - 1;
    if (end >= begin) why.replace(lr + 2, end + 1 - (lr + 2), "last read: " + ardent::in_quotes(why.substr(begin, end - begin)));
  }
  return "malformed JSON at line " + std::to_string(line) + ", column " + std::to_string(column) + ": " + why;
}

// Applies a flat JSON object of findings as nlohmann's parser reads it, without building a
// document.
class FindingsSax : public nlohmann::json_sax<nlohmann::json> {
 public:
  FindingsSax(const Program& p, std::string_view text, CaseStaging& out) : p_(p), text_(text), out_(out) {}

  bool null() override { return put([&](const FindingInfo&, Slot out) { put_unknown(out); }); }
  bool boolean(bool v) override {
    return put([&](const FindingInfo& f, Slot out) { put_bool(f, out, v); });
  }
  bool number_integer(number_integer_t v) override { return number(static_cast<double>(v)); }
  bool number_unsigned(number_unsigned_t v) override { return number(static_cast<double>(v)); }
  bool number_float(number_float_t v, const string_t&) override { return number(v); }
  bool string(string_t& v) override {
    return put([&](const FindingInfo& f, Slot out) { put_text_value(f, out, v); });
  }
  bool binary(binary_t&) override { return nested("binary data"); }
  bool start_object(std::size_t) override {
    if (depth_ > 0) return nested("an object");
    ++depth_;
    return true;
  }
  bool end_object() override {
    --depth_;
    return true;
  }
  bool start_array(std::size_t) override {
    if (depth_ == 0) not_an_object();
    return nested("a list");
  }
  bool end_array() override { return true; }
  bool key(string_t& k) override {
    slot_ = slot_of(p_, k);
    (void)out_.add(p_, slot_);
    return true;
  }
  bool parse_error(std::size_t bytes_read, const std::string&, const nlohmann::detail::exception& e) override {
    // 1e309 is valid JSON that no double holds: refuse it as the value it is, as infinity would be.
    constexpr int kNumberOverflow = 406;
    if (e.id == kNumberOverflow && depth_ == 1 && slot_ < p_.findings.size()) return number(HUGE_VAL);
    malformed(json_error_text(text_, bytes_read, e.what()));
  }

 private:
  template <class F>
  bool put(F&& apply) {
    if (depth_ == 0) not_an_object();
    apply(p_.findings[slot_], out_.last());  // the key's, added just before
    return true;
  }
  bool number(double v) {
    return put([&](const FindingInfo& f, Slot out) { put_number(f, out, v); });
  }
  bool nested(const char* what) {
    if (depth_ == 0) not_an_object();
    wrong_type(p_.findings[slot_], what);
  }

  const Program& p_;
  std::string_view text_;
  CaseStaging& out_;
  std::uint32_t slot_ = 0xffffffffu;
  int depth_ = 0;
};

// One value of a well-formed document, as FindingsSax would apply it.
void put_element(const FindingInfo& f, Slot out, simdjson::dom::element v) {
  using simdjson::dom::element_type;
  switch (v.type()) {
    case element_type::ARRAY: wrong_type(f, "a list");
    case element_type::OBJECT: wrong_type(f, "an object");
    case element_type::INT64: return put_number(f, out, static_cast<double>(v.get_int64().value_unsafe()));
    case element_type::UINT64: return put_number(f, out, static_cast<double>(v.get_uint64().value_unsafe()));
    case element_type::DOUBLE: return put_number(f, out, v.get_double().value_unsafe());
    case element_type::STRING: return put_text_value(f, out, v.get_string().value_unsafe());
    case element_type::BOOL: return put_bool(f, out, v.get_bool().value_unsafe());
    case element_type::NULL_VALUE: return put_unknown(out);
  }
}

}  // namespace

void CaseStaging::begin(std::size_t findings) {
  for (const Value& v : values_) named_[v.slot >> 6] &= ~(std::uint64_t{1} << (v.slot & 63));
  values_.clear();
  if (named_.size() < (findings + 63) / 64) named_.resize((findings + 63) / 64, 0);
}

void read_case_json_sax(const Program& p, std::string_view text, CaseStaging& out) {
  out.begin(p.findings.size());
  if (const std::size_t bad = invalid_utf8_at(text); bad != std::string_view::npos)
    malformed("the JSON text is not valid UTF-8 (byte " + std::to_string(bad) + ")");
  FindingsSax sax(p, text, out);
  if (!nlohmann::json::sax_parse(text.begin(), text.end(), &sax)) malformed("malformed JSON");
}

void read_case_json(const Program& p, std::string_view text, CaseStaging& out) {
  // One parser a thread: it keeps its buffers, so reading a case allocates nothing once warm.
  thread_local simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.parse(text.data(), text.size()).get(root) != simdjson::SUCCESS) return read_case_json_sax(p, text, out);
  simdjson::dom::object object;
  if (root.get_object().get(object) != simdjson::SUCCESS) not_an_object();
  out.begin(p.findings.size());
  for (simdjson::dom::key_value_pair field : object) {
    const std::uint32_t slot = slot_of(p, field.key);
    put_element(p.findings[slot], out.add(p, slot), field.value);
  }
}

}  // namespace ardent::eval
