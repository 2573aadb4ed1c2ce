// Appends compact JSON to a string: structure and commas here, strings escaped by nlohmann_json
// (or taken already escaped from the Program's JsonTexts). Used where a result is rendered for
// every case, so that no document tree is built.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace ardent::format_detail {

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  JsonWriter& begin_object() { return open('{'); }
  JsonWriter& end_object() { return close('}'); }
  JsonWriter& begin_array() { return open('['); }
  JsonWriter& end_array() { return close(']'); }

  // `name` is one of this project's own ASCII keys: written without escaping.
  JsonWriter& key(std::string_view name) {
    comma();
    out_ += '"';
    out_ += name;
    out_ += "\":";
    need_comma_ = false;
    return *this;
  }
  // A value already in JSON form: a quoted escaped string, an array, null...
  JsonWriter& raw(std::string_view json) {
    comma();
    out_ += json;
    need_comma_ = true;
    return *this;
  }
  // Text known to need no escaping (this project's enum names, version numbers).
  JsonWriter& ascii(std::string_view text) {
    comma();
    out_ += '"';
    out_ += text;
    out_ += '"';
    need_comma_ = true;
    return *this;
  }
  JsonWriter& string(std::string_view text) {
    return raw(nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  }
  JsonWriter& integer(std::int64_t v) { return raw(std::to_string(v)); }
  JsonWriter& boolean(bool v) { return raw(v ? "true" : "false"); }
  JsonWriter& null() { return raw("null"); }

 private:
  JsonWriter& open(char c) {
    comma();
    out_ += c;
    need_comma_ = false;
    return *this;
  }
  JsonWriter& close(char c) {
    out_ += c;
    need_comma_ = true;
    return *this;
  }
  void comma() {
    if (need_comma_) out_ += ',';
  }
  std::string& out_;
  bool need_comma_ = false;
};

}  // namespace ardent::format_detail
