// Writes JSON text: structure, commas and indentation here, strings escaped by nlohmann_json (or
// taken already escaped from the Program's JsonTexts). Used where a result is rendered for every
// case, so that no document tree is built; the text goes into one growing buffer. Indented text
// is laid out as nlohmann's dump(indent) lays it out, byte for byte, so that a result reads the
// same whichever way it was written.
#pragma once

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

#include "compile/json_escape.hpp"

namespace ardent::format_detail {

class JsonWriter {
 public:
  // `indent` < 0: one line; otherwise that many spaces per level.
  explicit JsonWriter(std::size_t capacity = 4096, int indent = -1)
      : owned_(new char[std::max<std::size_t>(capacity, 64)]),
        buf_(owned_.get()),
        cap_(std::max<std::size_t>(capacity, 64)),
        indent_(indent) {}
  // Writes into the caller's `out` (`capacity` bytes) while the text fits there, and goes on in
  // a buffer of its own when it does not, so that size() is always the whole text's length.
  JsonWriter(char* out, std::size_t capacity, int indent) : buf_(out), cap_(capacity), indent_(indent) {}

  std::string take() const { return std::string(buf_, len_); }
  std::size_t size() const { return len_; }
  bool in_place() const { return owned_ == nullptr; }  // the whole text is in the caller's buffer

  JsonWriter& begin_object() { return open('{'); }
  JsonWriter& end_object() { return close('}'); }
  JsonWriter& begin_array() { return open('['); }
  JsonWriter& end_array() { return close(']'); }

  // `name` is one of this project's own ASCII keys: written without escaping.
  JsonWriter& key(std::string_view name) {
    if (pretty()) return pretty_key(name);
    char* d = reserve(name.size() + 4);
    if (need_comma_) *d++ = ',';
    *d++ = '"';
    d = copy(d, name);
    *d++ = '"';
    *d++ = ':';
    len_ = static_cast<std::size_t>(d - buf_);
    need_comma_ = false;
    return *this;
  }
  // A value already in compact JSON form: a quoted escaped string, an array, null...
  JsonWriter& raw(std::string_view json) {
    if (pretty()) return pretty_raw(json);
    char* d = reserve(json.size() + 1);
    if (need_comma_) *d++ = ',';
    len_ = static_cast<std::size_t>(copy(d, json) - buf_);
    need_comma_ = true;
    return *this;
  }
  // Text known to need no escaping (this project's enum names, version numbers).
  JsonWriter& ascii(std::string_view text) {
    if (pretty()) {
      begin_item();
    } else if (need_comma_) {
      put(',');
    }
    char* d = reserve(text.size() + 2);
    *d++ = '"';
    d = copy(d, text);
    *d++ = '"';
    len_ = static_cast<std::size_t>(d - buf_);
    need_comma_ = true;
    return *this;
  }
  // Any text: escaped by nlohmann_json (invalid UTF-8 replaced), unless json_escape finds it
  // plain.
  JsonWriter& string(std::string_view text) {
    if (json_escape::plain(text)) return ascii(text);
    return raw(nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  }
  // One-line text only (compact()): an item made of pieces already in compact JSON form, their
  // keys and separators included, copied one after another; then more of it with append(), and
  // finish_item() when it is whole. A list of many small objects costs a few copies each.
  template <class... Pieces>
  JsonWriter& start_item(const Pieces&... pieces) {
    char* d = reserve((std::string_view(pieces).size() + ... + 1));
    if (need_comma_) *d++ = ',';
    ((d = copy(d, std::string_view(pieces))), ...);
    len_ = static_cast<std::size_t>(d - buf_);
    need_comma_ = false;
    return *this;
  }
  template <class... Pieces>
  JsonWriter& append(const Pieces&... pieces) {
    char* d = reserve((std::string_view(pieces).size() + ... + 0));
    ((d = copy(d, std::string_view(pieces))), ...);
    len_ = static_cast<std::size_t>(d - buf_);
    return *this;
  }
  JsonWriter& finish_item() {
    need_comma_ = true;
    return *this;
  }
  bool compact() const { return !pretty(); }
  JsonWriter& integer(std::int64_t v) { return raw(std::to_string(v)); }
  JsonWriter& boolean(bool v) { return raw(v ? "true" : "false"); }
  JsonWriter& null() { return raw("null"); }

 private:
  // One line is the path taken for every case an EHR sends: it stays as short as it was before
  // indentation was written here; the indented path keeps its own steps out of line (noinline:
  // inlined, they make every one-line step save and restore registers it does not use).
  bool pretty() const { return indent_ >= 0; }
  void comma() {
    if (need_comma_) put(',');
  }
  JsonWriter& open(char c) {
    const bool comma_first = !pretty() && need_comma_;  // indented, begin_item() writes it
    if (pretty()) begin_item();
    char* d = reserve(2);
    if (comma_first) *d++ = ',';
    *d++ = c;
    len_ = static_cast<std::size_t>(d - buf_);
    ++depth_;
    need_comma_ = false;
    empty_ = true;
    return *this;
  }
  JsonWriter& close(char c) {
    --depth_;
    if (pretty() && !empty_) new_line(depth_);
    *reserve(1) = c;
    ++len_;
    need_comma_ = true;
    empty_ = false;
    return *this;
  }

  // Indented: before a key or a value, the comma after the previous item and a new line; a
  // value right after its key needs neither.
  [[gnu::noinline]] void begin_item() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    comma();
    if (depth_ > 0) new_line(depth_);
    empty_ = false;
  }
  [[gnu::noinline]] JsonWriter& pretty_key(std::string_view name) {
    begin_item();
    put('"');
    put(name);
    put("\": ");
    after_key_ = true;
    return *this;
  }
  [[gnu::noinline]] JsonWriter& pretty_raw(std::string_view json) {
    begin_item();
    if (!json.empty() && (json.front() == '{' || json.front() == '[')) put_indented(json);
    else put(json);
    need_comma_ = true;
    return *this;
  }
  [[gnu::noinline]] void new_line(int depth) {
    const std::size_t n = 1 + static_cast<std::size_t>(depth) * static_cast<std::size_t>(indent_);
    if (len_ + n > cap_) grow(n);
    buf_[len_] = '\n';
    std::memset(buf_ + len_ + 1, ' ', n - 1);
    len_ += n;
  }
  // A compact fragment (made by nlohmann's dump, so without white space) laid out at this depth.
  [[gnu::noinline]] void put_indented(std::string_view json) {
    int depth = depth_;
    bool in_string = false;
    for (std::size_t i = 0; i < json.size(); ++i) {
      const char c = json[i];
      if (in_string) {
        put(c);
        if (c == '\\') put(json[++i]);
        else if (c == '"') in_string = false;
        continue;
      }
      switch (c) {
        case '"': in_string = true; put(c); break;
        case '{':
        case '[':
          put(c);
          if (i + 1 < json.size() && (json[i + 1] == '}' || json[i + 1] == ']')) {
            put(json[++i]);
          } else {
            new_line(++depth);
          }
          break;
        case '}':
        case ']': new_line(--depth); put(c); break;
        case ',': put(c); new_line(depth); break;
        case ':': put(": "); break;
        default: put(c);
      }
    }
  }
  void put(char c) {
    if (len_ + 1 > cap_) grow(1);
    buf_[len_++] = c;
  }
  void put(std::string_view s) { len_ = static_cast<std::size_t>(copy(reserve(s.size()), s) - buf_); }
  // Room for `n` more bytes: where they go.
  char* reserve(std::size_t n) {
    if (len_ + n > cap_) grow(n);
    return buf_ + len_;
  }
  // Most pieces are names of 4 to 32 bytes: copy them with fixed-size (inlined) moves that may
  // overlap instead of a call to memcpy. Returns the end of the copy.
  static char* copy(char* d, std::string_view s) {
    const std::size_t n = s.size();
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
    } else if (n != 0) {
      std::memcpy(d, p, n);
    }
    return d + n;
  }
  [[gnu::noinline]] void grow(std::size_t n) {
    const std::size_t cap = std::max<std::size_t>({cap_ * 2, len_ + n, 64});
    std::unique_ptr<char[]> bigger(new char[cap]);
    if (len_ != 0) std::memcpy(bigger.get(), buf_, len_);
    owned_ = std::move(bigger);
    buf_ = owned_.get();
    cap_ = cap;
  }

  std::unique_ptr<char[]> owned_;  // null while writing into the caller's buffer
  char* buf_;
  std::size_t cap_;
  std::size_t len_ = 0;
  int indent_;
  int depth_ = 0;
  bool need_comma_ = false;
  bool after_key_ = false;
  bool empty_ = false;  // the innermost open object or array has no item yet
};

}  // namespace ardent::format_detail
