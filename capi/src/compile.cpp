// Compiling rule sets, and the diagnostics handle.
#include <cstring>
#include <memory>
#include <new>

#include "internal.hpp"

using namespace ardent::capi;

static_assert(ardent::Limits{}.max_file_bytes == ARDENT_DEFAULT_MAX_FILE_BYTES);
static_assert(ardent::Limits{}.max_ruleset_bytes == ARDENT_DEFAULT_MAX_RULESET_BYTES);
static_assert(ardent::Limits{}.max_case_bytes == ARDENT_DEFAULT_MAX_CASE_BYTES);

namespace {

struct CompileOptions {
  bool werror = false;
  ardent::Limits limits;  // a version-1 struct has none: the defaults
};

// ARDENT_OK with *out filled from opts (NULL: the defaults), or the recorded failure.
int options_of(const ardent_compile_options* opts, CompileOptions& out) {
  if (opts == nullptr) return ARDENT_OK;
  if (!version_ok(opts->version, ARDENT_COMPILE_OPTIONS_VERSION)) return fail_version("ardent_compile_options");
  out.werror = opts->werror != 0;
  if (opts->version < 2) return ARDENT_OK;
  if (opts->max_file_bytes == 0) return fail(ARDENT_EINVALID, "ardent_compile_options.max_file_bytes is 0");
  if (opts->max_ruleset_bytes == 0) return fail(ARDENT_EINVALID, "ardent_compile_options.max_ruleset_bytes is 0");
  if (opts->max_case_bytes == 0) return fail(ARDENT_EINVALID, "ardent_compile_options.max_case_bytes is 0");
  out.limits = {opts->max_file_bytes, opts->max_ruleset_bytes, opts->max_case_bytes};
  return ARDENT_OK;
}

std::string_view text_of(const char* text, std::size_t length) {
  return length == ARDENT_NUL_TERMINATED ? std::string_view(text) : std::string_view(text, length);
}

std::unique_ptr<DiagnosticsImpl> make_diagnostics(std::vector<ardent::Diagnostic> list) {
  auto d = std::make_unique<DiagnosticsImpl>();
  d->list = std::move(list);
  for (auto& one : d->list) {
    if (!valid_utf8(one.file)) one.file = to_valid_utf8(one.file);
    if (!valid_utf8(one.message)) one.message = to_valid_utf8(one.message);
    if (!valid_utf8(one.source_line)) one.source_line = to_valid_utf8(one.source_line);
  }
  d->texts.reserve(d->list.size());
  for (const auto& one : d->list) {
    d->texts.push_back(ardent::format(one, false));
    d->all += d->texts.back();
    if (!d->all.empty() && d->all.back() != '\n') d->all += '\n';
    if (one.severity == ardent::Severity::Error) ++d->errors;
    if (one.severity == ardent::Severity::Warning) ++d->warnings;
  }
  return d;
}

}  // namespace

// Turns a compiler's output into the C outputs: the handle, the diagnostics, the status and
// the last error.
int ardent::capi::finish_compile(ardent_ruleset** out, ardent_diagnostics** diagnostics_out, bool werror,
           ardent::CompileOutput output) {
  const auto& list = output.diagnostics;
  const ardent::Diagnostic* first_error = nullptr;
  const ardent::Diagnostic* first_warning = nullptr;
  bool io = false;
  std::size_t errors = 0, warnings = 0;
  for (const auto& d : list) {
    if (d.severity == ardent::Severity::Error) {
      if (first_error == nullptr) first_error = &d;
      if (d.code == "io") io = true;
      ++errors;
    } else if (d.severity == ardent::Severity::Warning) {
      if (first_warning == nullptr) first_warning = &d;
      ++warnings;
    }
  }

  int status = ARDENT_OK;
  const ardent::Diagnostic* culprit = nullptr;
  std::size_t culprits = 0;
  if (!output.ok() || errors > 0) {
    status = io ? ARDENT_EIO : ARDENT_ESYNTAX;
    culprit = first_error;
    culprits = errors;
  } else if (werror && warnings > 0) {
    status = ARDENT_ESYNTAX;
    culprit = first_warning;
    culprits = warnings;
  }

  if (status == ARDENT_OK) {
    *out = handle(new RulesetImpl(std::move(output.ruleset)));
  } else {
    std::string message;
    if (culprit != nullptr) {
      if (!culprit->file.empty()) {
        message = culprit->file + ":" + std::to_string(culprit->line) + ":" +
                  std::to_string(culprit->column) + ": ";
      }
      message += culprit->message;
      if (culprits > 1) {
        message += " (and " + std::to_string(culprits - 1) + " more " +
                   std::string(to_string(culprit->severity)) +
                   (culprits > 2 ? "s" : "") + ")";
      }
    } else {
      message = "the rule set could not be compiled";
    }
    if (culprit != nullptr) {
      fail_at(status, to_valid_utf8(message), to_valid_utf8(culprit->file), culprit->line, culprit->column);
    } else {
      fail(status, to_valid_utf8(message));
    }
  }
  // Diagnostics last: should building them run out of memory, the rule set is released by the
  // caller of finish_compile() through *out being reset there.
  if (diagnostics_out != nullptr) *diagnostics_out = handle(make_diagnostics(output.diagnostics).release());
  return status;
}

namespace {

// `compile` takes the limits and returns the compiler's output.
template <class Compile>
int compile_with(ardent_ruleset** out, ardent_diagnostics** diagnostics,
                 const ardent_compile_options* opts, Compile&& compile) {
  if (diagnostics != nullptr) *diagnostics = nullptr;
  if (out == nullptr) return fail(ARDENT_EINVALID, "out is NULL");
  *out = nullptr;
  CompileOptions options;
  int status = options_of(opts, options);
  if (status != ARDENT_OK) return status;
  status = guard([&] { return finish_compile(out, diagnostics, options.werror, compile(options.limits)); });
  if (status == ARDENT_ENOMEM || status == ARDENT_EINTERNAL) {
    // Keep the promise "NULL on failure" even when finish_compile() stopped half-way.
    ardent_ruleset_free(*out);
    *out = nullptr;
  }
  return status;
}

}  // namespace

extern "C" {

ARDENT_API int ardent_ruleset_compile_path(ardent_ruleset** out, ardent_diagnostics** diagnostics,
                                           const char* path, const ardent_compile_options* opts) {
  if (path == nullptr) {
    if (diagnostics != nullptr) *diagnostics = nullptr;
    if (out != nullptr) *out = nullptr;
    return fail(ARDENT_EINVALID, "path is NULL");
  }
  return compile_with(out, diagnostics, opts,
                      [&](const ardent::Limits& limits) { return ardent::compile_path(path, limits); });
}

ARDENT_API int ardent_ruleset_compile_source(ardent_ruleset** out, ardent_diagnostics** diagnostics,
                                             const char* text, std::size_t length, const char* name,
                                             const ardent_compile_options* opts) {
  if (text == nullptr) {
    if (diagnostics != nullptr) *diagnostics = nullptr;
    if (out != nullptr) *out = nullptr;
    return fail(ARDENT_EINVALID, "text is NULL");
  }
  return compile_with(out, diagnostics, opts, [&](const ardent::Limits& limits) {
    std::string file = name != nullptr ? std::string(name) : std::string("<memory>");
    return ardent::compile_source(text_of(text, length), std::move(file), limits);
  });
}

ARDENT_API int ardent_ruleset_compile_sources(ardent_ruleset** out, ardent_diagnostics** diagnostics,
                                              const ardent_source* sources, std::size_t count,
                                              const ardent_compile_options* opts) {
  auto refuse = [&](std::string_view message) {
    if (diagnostics != nullptr) *diagnostics = nullptr;
    if (out != nullptr) *out = nullptr;
    return fail(ARDENT_EINVALID, message);
  };
  if (sources == nullptr && count > 0) return refuse("sources is NULL");
  for (std::size_t i = 0; i < count; ++i) {
    if (sources[i].path == nullptr || sources[i].text == nullptr) {
      return guard([&] { return refuse("sources[" + std::to_string(i) + "] has a NULL path or text"); });
    }
  }
  return compile_with(out, diagnostics, opts, [&](const ardent::Limits& limits) {
    std::vector<ardent::SourceText> files;
    files.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
      files.push_back({sources[i].path, std::string(text_of(sources[i].text, sources[i].length))});
    }
    return ardent::compile_sources(std::move(files), limits);
  });
}

ARDENT_API void ardent_ruleset_free(ardent_ruleset* ruleset) {
  if (ruleset != nullptr) impl(ruleset)->release();
}

ARDENT_API std::size_t ardent_diagnostics_count(const ardent_diagnostics* diagnostics) {
  return diagnostics == nullptr ? 0 : impl(diagnostics)->list.size();
}

ARDENT_API std::size_t ardent_diagnostics_error_count(const ardent_diagnostics* diagnostics) {
  return diagnostics == nullptr ? 0 : impl(diagnostics)->errors;
}

ARDENT_API std::size_t ardent_diagnostics_warning_count(const ardent_diagnostics* diagnostics) {
  return diagnostics == nullptr ? 0 : impl(diagnostics)->warnings;
}

ARDENT_API int ardent_diagnostics_get(ardent_diagnostic* out, const ardent_diagnostics* diagnostics,
                                      std::size_t index) {
  if (out == nullptr) return fail_null("out");
  if (diagnostics == nullptr) return fail_null("diagnostics");
  if (!version_ok(out->version, ARDENT_DIAGNOSTIC_VERSION)) return fail_version("ardent_diagnostic");
  const DiagnosticsImpl& all = *impl(diagnostics);
  if (index >= all.list.size()) return fail_index("diagnostic", index, all.list.size());
  const auto& d = all.list[index];
  out->severity = static_cast<int>(d.severity);
  out->code = d.code.c_str();
  out->file = d.file.c_str();
  out->line = d.line;
  out->column = d.column;
  out->length = d.length;
  out->message = d.message.c_str();
  out->source_line = d.source_line.c_str();
  out->text = all.texts[index].c_str();
  return ARDENT_OK;
}

ARDENT_API const char* ardent_diagnostics_text(const ardent_diagnostics* diagnostics) {
  return diagnostics == nullptr ? nullptr : impl(diagnostics)->all.c_str();
}

ARDENT_API void ardent_diagnostics_free(ardent_diagnostics* diagnostics) { delete impl(diagnostics); }

}  // extern "C"
