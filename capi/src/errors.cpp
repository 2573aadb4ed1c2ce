// Status codes, the per-thread last error and the exception boundary.
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <new>
#include <stdexcept>
#include <string>
#include <system_error>

#include <nlohmann/json.hpp>

#include "internal.hpp"

namespace ardent::capi {
namespace {

struct LastError {
  std::string message, file, finding;
  ardent_error view{ARDENT_OK, "", "", 0, 0, ""};

  void point_view() {
    view.message = message.c_str();
    view.file = file.c_str();
    view.finding = finding.c_str();
  }
};

// The only mutable state of the library that outlives a call; one per thread by design.
thread_local LastError last_error;

void record(int code, std::string_view message, std::string_view file, std::uint32_t line,
            std::uint32_t column, std::string_view finding) noexcept {
  LastError& e = last_error;
  e.view.code = code;
  e.view.line = line;
  e.view.column = column;
  try {
    e.message.assign(message);
    e.file.assign(file);
    e.finding.assign(finding);
  } catch (...) {
    // Assigning can only fail for lack of memory; say that rather than something half-written.
    e.message.clear();
    e.file.clear();
    e.finding.clear();
    e.point_view();
    e.view.message = "out of memory while recording an error";
    return;
  }
  e.point_view();
}

int input_error_code(InputError::Kind kind) {
  switch (kind) {
    case InputError::Kind::UnknownFinding: return ARDENT_ENOTFOUND;
    case InputError::Kind::WrongType: return ARDENT_ETYPE;
    case InputError::Kind::OutOfDomain: return ARDENT_ERANGE;
    case InputError::Kind::OutOfRange: return ARDENT_ERANGE;
    case InputError::Kind::Malformed: return ARDENT_EINVALID;
    case InputError::Kind::Duplicate: return ARDENT_EINVALID;
    case InputError::Kind::TooLarge: return ARDENT_ERANGE;
  }
  return ARDENT_EINTERNAL;
}

}  // namespace

int fail(int code, std::string_view message, std::string_view finding) noexcept {
  record(code, message, {}, 0, 0, finding);
  return code;
}

int fail_at(int code, std::string_view message, std::string_view file, std::uint32_t line,
            std::uint32_t column) noexcept {
  record(code, message, file, line, column, {});
  return code;
}

int fail_from_exception() noexcept {
  try {
    throw;
  } catch (const ardent::InputErrorAt& e) {
    // From a setter of many values: which one, then the single setter's own message.
    return fail(input_error_code(e.kind()), "findings[" + std::to_string(e.position()) + "]: " + e.what(), e.finding());
  } catch (const InputError& e) {
    return fail(input_error_code(e.kind()), e.what(), e.finding());
  } catch (const std::bad_alloc&) {
    return fail(ARDENT_ENOMEM, "out of memory");
  } catch (const std::length_error&) {
    return fail(ARDENT_ENOMEM, "out of memory (a size limit was exceeded)");
  } catch (const nlohmann::json::exception& e) {
    return fail(ARDENT_EINVALID, std::string("malformed JSON: ") + e.what());
  } catch (const std::invalid_argument& e) {
    return fail(ARDENT_EINVALID, e.what());
  } catch (const std::out_of_range& e) {
    return fail(ARDENT_ERANGE, e.what());
  } catch (const std::filesystem::filesystem_error& e) {
    return fail(ARDENT_EIO, e.what());
  } catch (const std::system_error& e) {
    return fail(ARDENT_EINTERNAL, std::string("internal error: ") + e.what());
  } catch (const std::exception& e) {
    return fail(ARDENT_EINTERNAL, std::string("internal error: ") + e.what());
  } catch (...) {
    return fail(ARDENT_EINTERNAL, "internal error: an unknown exception");
  }
}

int fail_null(std::string_view what) noexcept {
  try {
    return fail(ARDENT_EINVALID, std::string(what) + " is NULL");
  } catch (...) {
    return fail(ARDENT_EINVALID, "a required argument is NULL");
  }
}

int fail_index(std::string_view what, std::size_t index, std::size_t count) noexcept {
  try {
    return fail(ARDENT_ERANGE, std::string(what) + " " + std::to_string(index) +
                                   " is out of range (there are " + std::to_string(count) + ")");
  } catch (...) {
    return fail(ARDENT_ERANGE, "index out of range");
  }
}

int fail_version(std::string_view type) noexcept {
  try {
    return fail(ARDENT_EINVALID, "unknown " + std::string(type) +
                                     " version: initialise the struct with its _INIT macro");
  } catch (...) {
    return fail(ARDENT_EINVALID, "unknown struct version");
  }
}

char* dup_string(std::string_view text) noexcept {
  char* copy = static_cast<char*>(std::malloc(text.size() + 1));
  if (copy == nullptr) return nullptr;
  if (!text.empty()) std::memcpy(copy, text.data(), text.size());
  copy[text.size()] = '\0';
  return copy;
}

}  // namespace ardent::capi

using ardent::capi::last_error;

extern "C" {

ARDENT_API const char* ardent_errstr(int code) {
  switch (code) {
    case ARDENT_OK: return "no error";
    case ARDENT_ESYNTAX: return "the rule set has errors";
    case ARDENT_ETYPE: return "wrong type";
    case ARDENT_ENOTFOUND: return "not found";
    case ARDENT_EINVALID: return "invalid argument";
    case ARDENT_ERANGE: return "out of range";
    case ARDENT_EIO: return "input/output error";
    case ARDENT_ESTORAGE: return "storage error";
    case ARDENT_ENOMEM: return "out of memory";
    case ARDENT_EINTERNAL: return "internal error";
    default: return "unknown status code";
  }
}

ARDENT_API const ardent_error* ardent_last_error(void) { return &last_error.view; }

ARDENT_API void ardent_error_clear(void) {
  auto& e = last_error;
  e.message.clear();
  e.file.clear();
  e.finding.clear();
  e.point_view();
  e.view.code = ARDENT_OK;
  e.view.line = 0;
  e.view.column = 0;
}

ARDENT_API void ardent_string_free(char* string) { std::free(string); }

}  // extern "C"
