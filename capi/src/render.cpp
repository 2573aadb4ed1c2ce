// Rendering a result: JSON (schema v1), CDS Hooks cards and the text report.
#include <nlohmann/json.hpp>

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

// The engine renders every ask-next item; honour max_ask by trimming the list (only when the
// caller asked for fewer, so the usual path costs nothing).
std::string trim_ask_next(std::string json, std::size_t keep, int indent) {
  auto doc = nlohmann::ordered_json::parse(json);
  auto it = doc.find("ask_next");
  if (it == doc.end() || !it->is_array() || it->size() <= keep) return json;
  it->erase(it->begin() + static_cast<std::ptrdiff_t>(keep), it->end());
  return doc.dump(indent);
}

}  // namespace

extern "C" {

ARDENT_API int ardent_result_json(char** out, const ardent_result* result_handle, unsigned int flags) {
  const ResultImpl* result = impl(result_handle);
  if (int rc = check_render(out, result, flags, ARDENT_RENDER_PRETTY); rc != ARDENT_OK) return rc;
  return guard([&] {
    int indent = (flags & ARDENT_RENDER_PRETTY) ? kPrettyIndent : -1;
    std::string json = ardent::format_json(*result->findings, result->outcome, indent);
    if (result->ask_count() < result->outcome.ask_next().size()) {
      json = trim_ask_next(std::move(json), result->ask_count(), indent);
    }
    return hand_out(out, json);
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
