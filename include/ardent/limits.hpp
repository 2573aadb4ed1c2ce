// How much input Ardent reads before refusing it: a guard against a runaway file or a hostile
// caller, set far above any real rule set or case (rules/hip: 20 files, 243 kB in all, the
// largest 30 kB; a case that gives all of its 124 findings: under 5 kB). Each door takes them as
// options with these defaults: the compile functions, the C ABI's ardent_compile_options
// (version 2), and the command line's --max-file-bytes, --max-ruleset-bytes, --max-case-bytes.
#pragma once

#include <cstddef>

namespace ardent {

struct Limits {
  std::size_t max_file_bytes = std::size_t{1} << 20;      // one rule file: 1 MiB
  std::size_t max_ruleset_bytes = std::size_t{16} << 20;  // all the files of a rule set: 16 MiB
  std::size_t max_case_bytes = std::size_t{1} << 20;      // one case's JSON text (a line of a batch): 1 MiB
};

}  // namespace ardent
