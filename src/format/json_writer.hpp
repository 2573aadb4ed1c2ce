// Writes compact JSON text: structure and commas here, strings escaped by nlohmann_json (or
// taken already escaped from the Program's JsonTexts). Used where a result is rendered for every
// case, so that no document tree is built; the text goes into one growing buffer.
#pragma once

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

namespace ardent::format_detail {

class JsonWriter {
 public:
  explicit JsonWriter(std::size_t capacity = 4096)
      : buf_(new char[std::max<std::size_t>(capacity, 64)]), cap_(std::max<std::size_t>(capacity, 64)) {}

  std::string take() const { return std::string(buf_.get(), len_); }

  JsonWriter& begin_object() { return open('{'); }
  JsonWriter& end_object() { return close('}'); }
  JsonWriter& begin_array() { return open('['); }
  JsonWriter& end_array() { return close(']'); }

  // `name` is one of this project's own ASCII keys: written without escaping.
  JsonWriter& key(std::string_view name) {
    comma();
    put('"');
    put(name);
    put("\":");
    need_comma_ = false;
    return *this;
  }
  // A value already in JSON form: a quoted escaped string, an array, null...
  JsonWriter& raw(std::string_view json) {
    comma();
    put(json);
    need_comma_ = true;
    return *this;
  }
  // Text known to need no escaping (this project's enum names, version numbers).
  JsonWriter& ascii(std::string_view text) {
    comma();
    put('"');
    put(text);
    put('"');
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
    put(c);
    need_comma_ = false;
    return *this;
  }
  JsonWriter& close(char c) {
    put(c);
    need_comma_ = true;
    return *this;
  }
  void comma() {
    if (need_comma_) put(',');
  }
  void put(char c) {
    if (len_ + 1 > cap_) grow(1);
    buf_[len_++] = c;
  }
  // Most pieces are names of 4 to 32 bytes: copy them with fixed-size (inlined) moves that may
  // overlap instead of a call to memcpy.
  void put(std::string_view s) {
    const std::size_t n = s.size();
    if (len_ + n > cap_) grow(n);
    char* d = buf_.get() + len_;
    const char* p = s.data();
    if (n >= 4 && n <= 8) {
      std::memcpy(d, p, 4);
      std::memcpy(d + n - 4, p + n - 4, 4);
    } else if (n > 8 && n <= 16) {
      std::memcpy(d, p, 8);
      std::memcpy(d + n - 8, p + n - 8, 8);
    } else if (n > 16 && n <= 32) {
      std::memcpy(d, p, 16);
      std::memcpy(d + n - 16, p + n - 16, 16);
    } else {
      std::memcpy(d, p, n);
    }
    len_ += n;
  }
  void grow(std::size_t n) {
    const std::size_t cap = std::max(cap_ * 2, len_ + n);
    std::unique_ptr<char[]> bigger(new char[cap]);
    std::memcpy(bigger.get(), buf_.get(), len_);
    buf_ = std::move(bigger);
    cap_ = cap;
  }

  std::unique_ptr<char[]> buf_;
  std::size_t cap_;
  std::size_t len_ = 0;
  bool need_comma_ = false;
};

}  // namespace ardent::format_detail
