// The byte strings that the store hashes and signs are lists of fields, each on its own line
// and length-prefixed, so that no value, whatever it holds (newlines, '=', ':'), can be read as
// another field or shift one into the next. docs/store.md spells out each such string.
#pragma once

#include <string>
#include <string_view>

#include "store/sqlite.hpp"

namespace ardent::store {

// "name=LENGTH:VALUE\n", LENGTH in bytes, in decimal.
inline void append_field(std::string& out, std::string_view name, std::string_view value) {
  out.append(name);
  out += '=';
  out.append(std::to_string(value.size()));
  out += ':';
  out.append(value);
  out += '\n';
}

// "name=TYPE:LENGTH:VALUE\n" with SQLite's storage class (integer, real, text, blob), or
// "name=null\n": a value that changed type changes the string even when its text did not.
inline void append_typed_field(std::string& out, std::string_view name, sql::Type type, std::string_view value) {
  out.append(name);
  out += '=';
  out.append(sql::to_string(type));
  if (type != sql::Type::null) {
    out += ':';
    out.append(std::to_string(value.size()));
    out += ':';
    out.append(value);
  }
  out += '\n';
}

}  // namespace ardent::store
