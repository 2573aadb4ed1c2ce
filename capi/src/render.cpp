// Rendering a result: JSON (schemas 1 and 2), CDS Hooks cards and the text report.
#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string_view>

#include "ardent/format.hpp"
#include "internal.hpp"

using namespace ardent::capi;

namespace {

constexpr int kPrettyIndent = 2;

int check_render(char** out, const ResultImpl* result, unsigned int flags, unsigned int allowed) {
  if (out == nullptr) return fail_null("out");
  *out = nullptr;
  if (result == nullptr) return fail_null("result");
  if ((flags & ~allowed) != 0) return fail(ARDENT_EINVALID, "unknown rendering flags");
  if (!result->evaluated) return fail(ARDENT_EINVALID, "the result has not been evaluated");
  return ARDENT_OK;
}

int hand_out(char** out, const std::string& text) {
  *out = dup_string(text);
  return *out == nullptr ? fail(ARDENT_ENOMEM, "out of memory") : ARDENT_OK;
}

// The JSON result handed out in memory of its own, written there straight (no string to copy
// from): sized by the last rendering on this thread, and written once more when it did not fit.
int hand_out_json(char** out, const ResultImpl& result, const ardent::JsonOptions& json) {
  thread_local std::size_t expected = 4096;
  std::size_t capacity = expected;
  for (;;) {
    std::unique_ptr<char, decltype(&std::free)> buffer(static_cast<char*>(std::malloc(capacity)), &std::free);
    if (buffer == nullptr) return fail(ARDENT_ENOMEM, "out of memory");
    const std::size_t length = ardent::format_json_into(buffer.get(), capacity, *result.findings, result.outcome, json);
    if (length < capacity) {
      // The next result may be longer: the guess follows the longest of late, slowly forgotten.
      expected = std::max(length + length / 4 + 64, expected - expected / 16);
      char* text = buffer.release();
      // Give back what the guess left over: a shrink stays in place.
      if (length + 1 < capacity)
        if (char* fitted = static_cast<char*>(std::realloc(text, length + 1))) text = fitted;
      *out = text;
      return ARDENT_OK;
    }
    capacity = length + 1;
  }
}

// "a,b,c" -> {"a", "b", "c"}; empty items are skipped, so "" and NULL are all members.
std::vector<std::string> field_list(const char* fields) {
  std::vector<std::string> out;
  if (fields == nullptr) return out;
  std::string_view rest(fields);
  while (!rest.empty()) {
    const std::size_t comma = std::min(rest.find(','), rest.size());
    if (comma > 0) out.emplace_back(rest.substr(0, comma));
    rest.remove_prefix(std::min(comma + 1, rest.size()));
  }
  return out;
}

// The caller's options, reading only the members of the version it was built against: a version
// 1 struct ends before `schema`, so copying the whole struct would read past it.
std::size_t json_options_size(unsigned int version) {
  return version >= 2 ? sizeof(ardent_json_options) : offsetof(ardent_json_options, schema);
}

// The schema asked for: 0 is the library's current one.
int json_schema(int asked) { return asked == 0 ? ARDENT_JSON_SCHEMA_VERSION : asked; }

// The smaller of two limits where 0 means none.
std::size_t tighter(std::size_t a, std::size_t b) { return a == 0 ? b : b == 0 ? a : std::min(a, b); }

// The options of a version the caller knows, the rest at their defaults; false for a version
// this library does not know.
bool read_json_options(const ardent_json_options* opts, ardent_json_options& options) {
  options = ardent_json_options ARDENT_JSON_OPTIONS_INIT;
  if (opts == nullptr) return true;
  if (!version_ok(opts->version, ARDENT_JSON_OPTIONS_VERSION)) return false;
  std::memcpy(&options, opts, json_options_size(opts->version));
  return true;
}

// Must be called inside guard() (a field that is no member throws).
ardent::JsonOptions json_options_of(const ardent_json_options& options, const ResultImpl& result) {
  ardent::JsonOptions json;
  json.indent = (options.flags & ARDENT_RENDER_PRETTY) ? kPrettyIndent : -1;
  json.max_ask = tighter(options.max_ask, result.max_ask);
  json.fields = field_list(options.fields);
  json.schema = json_schema(options.schema);
  return json;
}

}  // namespace

extern "C" {

ARDENT_API int ardent_result_json(char** out, const ardent_result* result_handle, unsigned int flags) {
  const ResultImpl* result = impl(result_handle);
  if (int rc = check_render(out, result, flags, ARDENT_RENDER_PRETTY); rc != ARDENT_OK) return rc;
  return guard([&] {
    ardent::JsonOptions json;
    json.indent = (flags & ARDENT_RENDER_PRETTY) ? kPrettyIndent : -1;
    json.max_ask = result->max_ask;
    return hand_out_json(out, *result, json);
  });
}


ARDENT_API int ardent_result_json_with(char** out, const ardent_result* result_handle, const ardent_json_options* opts) {
  ardent_json_options options;
  if (!read_json_options(opts, options)) {
    if (out != nullptr) *out = nullptr;
    return fail_version("ardent_json_options");
  }
  const ResultImpl* result = impl(result_handle);
  if (int rc = check_render(out, result, options.flags, ARDENT_RENDER_PRETTY); rc != ARDENT_OK) return rc;
  return guard([&] {
    return hand_out_json(out, *result, json_options_of(options, *result));
  });
}

ARDENT_API int ardent_result_json_into(char* out, std::size_t capacity, std::size_t* out_length,
                                       const ardent_result* result_handle, const ardent_json_options* opts) {
  if (out_length == nullptr) return fail_null("out_length");
  *out_length = 0;
  if (out == nullptr && capacity != 0) return fail_null("out");
  ardent_json_options options;
  if (!read_json_options(opts, options)) return fail_version("ardent_json_options");
  const ResultImpl* result = impl(result_handle);
  if (result == nullptr) return fail_null("result");
  if ((options.flags & ~ARDENT_RENDER_PRETTY) != 0) return fail(ARDENT_EINVALID, "unknown rendering flags");
  if (!result->evaluated) return fail(ARDENT_EINVALID, "the result has not been evaluated");
  return guard([&] {
    *out_length = ardent::format_json_into(out, capacity, *result->findings, result->outcome,
                                           json_options_of(options, *result));
    if (*out_length < capacity) return ARDENT_OK;
    return fail(ARDENT_ERANGE, "the JSON result needs " + std::to_string(*out_length + 1) + " bytes, the buffer has " +
                                   std::to_string(capacity));
  });
}

ARDENT_API int ardent_result_cds_cards(char** out, const ardent_result* result_handle, unsigned int flags) {
  const ResultImpl* result = impl(result_handle);
  if (int rc = check_render(out, result, flags, ARDENT_RENDER_PRETTY); rc != ARDENT_OK) return rc;
  return guard([&] {
    int indent = (flags & ARDENT_RENDER_PRETTY) ? kPrettyIndent : -1;
    return hand_out(out, ardent::format_cds_cards(*result->findings, result->outcome, indent));
  });
}

ARDENT_API int ardent_result_text(char** out, const ardent_result* result_handle, unsigned int flags) {
  const ResultImpl* result = impl(result_handle);
  if (int rc = check_render(out, result, flags, ARDENT_RENDER_UNDECIDED); rc != ARDENT_OK) return rc;
  return guard([&] {
    ardent::TextOptions options;
    if (result->max_ask != 0) options.max_questions = result->max_ask;
    options.show_undecided = (flags & ARDENT_RENDER_UNDECIDED) != 0;
    return hand_out(out, ardent::format_text(*result->findings, result->outcome, options));
  });
}

}  // extern "C"
