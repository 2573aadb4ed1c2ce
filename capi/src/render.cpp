// Rendering a result: JSON (schema v1), CDS Hooks cards and the text report.
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

}  // namespace

extern "C" {

ARDENT_API int ardent_result_json(char** out, const ardent_result* result_handle, unsigned int flags) {
  const ResultImpl* result = impl(result_handle);
  if (int rc = check_render(out, result, flags, ARDENT_RENDER_PRETTY); rc != ARDENT_OK) return rc;
  return guard([&] {
    int indent = (flags & ARDENT_RENDER_PRETTY) ? kPrettyIndent : -1;
    return hand_out(out, ardent::format_json(*result->findings, result->outcome, indent, result->max_ask));
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
