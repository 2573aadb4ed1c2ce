// The facade that knows every stage: read -> parse -> check -> compile.
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <exception>
#include <fstream>
#include <sstream>
#include <system_error>

#include "ardent/ruleset.hpp"
#include "compile/ruleset_access.hpp"
#include "check/check.hpp"
#include "compile/compile.hpp"
#include "diag/make.hpp"
#include "syntax/tree.hpp"

namespace ardent {

namespace {

namespace fs = std::filesystem;

Diagnostic io_error(const std::string& file, const std::string& message) {
  Diagnostic d;
  d.severity = Severity::Error;
  d.code = "io";
  d.file = file;
  d.message = message;
  return d;
}

Diagnostic internal_error(const std::string& what) {
  Diagnostic d;
  d.severity = Severity::Error;
  d.code = "internal";
  d.message = "internal compiler error: " + what;
  return d;
}

bool read_file(const fs::path& path, std::string& out, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = std::strerror(errno);
    return false;
  }
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) {
    error = "read error";
    return false;
  }
  out = std::move(buf).str();
  return true;
}

// `relative` are the paths that enter the provenance hash, parallel to `files`.
CompileOutput compile_files(std::vector<syntax::SourceFile> files, std::vector<std::string> relative) {
  CompileOutput out;
  try {
    std::vector<syntax::Module> modules;
    modules.reserve(files.size());
    bool syntax_errors = false;
    for (std::uint32_t i = 0; i < files.size(); ++i) {
      syntax::ParseOutput parsed = syntax::parse(files[i], i);
      for (const auto& e : parsed.errors) {
        out.diagnostics.push_back(diag::make(files, e.span, Severity::Error, "syntax", e.message));
        syntax_errors = true;
      }
      const auto& m = parsed.module;
      out.findings += m.findings.size();
      out.conditions += m.conditions.size();
      for (const auto& r : m.rules) ++(r.redflag ? out.redflags : out.rules);
      out.tests += m.tests.size();
      modules.push_back(std::move(parsed.module));
    }

    std::vector<compile::HashInput> hash_input;
    for (std::size_t i = 0; i < files.size(); ++i) hash_input.push_back({relative[i], files[i].text});
    std::string hash = compile::provenance_hash(std::move(hash_input));

    check::CheckOutput checked = check::check(files, std::move(modules), syntax_errors);
    for (auto& d : checked.diagnostics) out.diagnostics.push_back(std::move(d));
    diag::sort(out.diagnostics, files);
    if (syntax_errors || count(out.diagnostics).errors > 0) return out;

    auto program = compile::compile(std::move(checked.model), std::move(hash));
    out.ruleset = internal::RulesetAccess::make(std::move(program));
  } catch (const std::exception& e) {
    out.ruleset.reset();
    out.diagnostics.push_back(internal_error(e.what()));
  }
  return out;
}

}  // namespace

CompileOutput compile_sources(std::vector<SourceText> sources) {
  std::stable_sort(sources.begin(), sources.end(),
                   [](const SourceText& a, const SourceText& b) { return a.path < b.path; });
  std::vector<syntax::SourceFile> files;
  std::vector<std::string> relative;
  for (auto& s : sources) {
    relative.push_back(s.path);
    files.push_back({std::move(s.path), std::move(s.text)});
  }
  return compile_files(std::move(files), std::move(relative));
}

CompileOutput compile_source(std::string_view text, std::string name) {
  std::vector<SourceText> one;
  one.push_back({std::move(name), std::string(text)});
  return compile_sources(std::move(one));
}

CompileOutput compile_path(const fs::path& path) {
  CompileOutput out;
  const std::string shown = path.generic_string();
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (ec || !fs::exists(status)) {
    out.diagnostics.push_back(io_error(shown, "cannot open '" + shown + "': " +
                                                  (ec ? ec.message() : std::string("no such file or directory"))));
    return out;
  }

  std::vector<syntax::SourceFile> files;
  std::vector<std::string> relative;
  if (fs::is_directory(status)) {
    std::vector<std::string> found;
    fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
      if (!it->is_regular_file(ec) || it->path().extension() != ".ard") continue;
      found.push_back(it->path().lexically_relative(path).generic_string());
    }
    if (ec) {
      out.diagnostics.push_back(io_error(shown, "cannot list '" + shown + "': " + ec.message()));
      return out;
    }
    if (found.empty()) {
      out.diagnostics.push_back(io_error(shown, "no .ard files in '" + shown + "'"));
      return out;
    }
    std::sort(found.begin(), found.end());
    for (const auto& rel : found) {
      const fs::path full = path / rel;
      syntax::SourceFile f{full.generic_string(), {}};
      std::string error;
      if (!read_file(full, f.text, error)) {
        out.diagnostics.push_back(io_error(f.path, "cannot read '" + f.path + "': " + error));
        continue;
      }
      files.push_back(std::move(f));
      relative.push_back(rel);
    }
  } else {
    syntax::SourceFile f{shown, {}};
    std::string error;
    if (!read_file(path, f.text, error)) {
      out.diagnostics.push_back(io_error(shown, "cannot read '" + shown + "': " + error));
      return out;
    }
    files.push_back(std::move(f));
    relative.push_back(path.filename().generic_string());
  }
  if (!out.diagnostics.empty()) return out;
  return compile_files(std::move(files), std::move(relative));
}

}  // namespace ardent
