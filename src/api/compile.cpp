// The facade that knows every stage: read -> parse -> check -> compile.
#include <algorithm>
#include <exception>

#include "ardent/ruleset.hpp"
#include "api/rule_files.hpp"
#include "compile/ruleset_access.hpp"
#include "check/check.hpp"
#include "compile/compile.hpp"
#include "diag/make.hpp"
#include "syntax/tree.hpp"

namespace ardent {

namespace {

namespace fs = std::filesystem;

Diagnostic io_error(const std::string& file, const std::string& message, const char* code = "io") {
  Diagnostic d;
  d.severity = Severity::Error;
  d.code = code;
  d.file = file;
  d.message = message;
  return d;
}

// Sources handed over in memory meet the limits files on disk meet before they are read.
std::optional<Diagnostic> over_limits(const std::vector<SourceText>& sources, const Limits& limits) {
  std::uintmax_t total = 0;
  for (const auto& s : sources) {
    total += s.text.size();
    if (auto why = api::over_limits(s.path, s.text.size(), total, limits)) return io_error(s.path, *why, "limit");
  }
  return std::nullopt;
}

Diagnostic internal_error(const std::string& what) {
  Diagnostic d;
  d.severity = Severity::Error;
  d.code = "internal";
  d.message = "internal compiler error: " + what;
  return d;
}

// `relative` are the paths that enter the provenance hash, parallel to `files`.
CompileOutput compile_files(std::vector<syntax::SourceFile> files, std::vector<std::string> relative,
                            const Limits& limits) {
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

    // The files move into the model (no copy of every source text); the model keeps them.
    check::CheckOutput checked = check::check(std::move(files), std::move(modules), syntax_errors);
    for (auto& d : checked.diagnostics) out.diagnostics.push_back(std::move(d));
    diag::sort(out.diagnostics, checked.model.files);
    if (syntax_errors || count(out.diagnostics).errors > 0) return out;

    auto program = compile::compile(std::move(checked.model), std::move(hash));
    out.ruleset = internal::RulesetAccess::make(std::move(program), limits);
  } catch (const std::exception& e) {
    out.ruleset.reset();
    out.diagnostics.push_back(internal_error(e.what()));
  }
  return out;
}

}  // namespace

CompileOutput compile_sources(std::vector<SourceText> sources, const Limits& limits) {
  std::stable_sort(sources.begin(), sources.end(),
                   [](const SourceText& a, const SourceText& b) { return a.path < b.path; });
  if (auto refused = over_limits(sources, limits)) {
    CompileOutput out;
    out.diagnostics.push_back(std::move(*refused));
    return out;
  }
  std::vector<syntax::SourceFile> files;
  std::vector<std::string> relative;
  for (auto& s : sources) {
    relative.push_back(s.path);
    files.push_back({std::move(s.path), std::move(s.text)});
  }
  return compile_files(std::move(files), std::move(relative), limits);
}

CompileOutput compile_source(std::string_view text, std::string name, const Limits& limits) {
  std::vector<SourceText> one;
  one.push_back({std::move(name), std::string(text)});
  return compile_sources(std::move(one), limits);
}

CompileOutput compile_path(const fs::path& path, const Limits& limits) {
  api::RuleFiles read = api::read_rule_files(path, limits);
  if (read.error) {
    CompileOutput out;
    out.diagnostics.push_back(io_error(read.error->file, read.error->message, read.error->too_large ? "limit" : "io"));
    return out;
  }
  std::vector<syntax::SourceFile> files;
  std::vector<std::string> relative;
  for (auto& f : read.files) {
    files.push_back({std::move(f.shown), std::move(f.text)});
    relative.push_back(std::move(f.relative));
  }
  return compile_files(std::move(files), std::move(relative), limits);
}

}  // namespace ardent
