// The one routine that decides which files make up a rule set. Compiling from disk and
// publishing to the registry both read through it, so that they see the same files under the
// same names and therefore agree on the provenance hash.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "ardent/limits.hpp"

namespace ardent::api {

struct RuleFile {
  std::string relative;  // to the rule-set root, '/'-separated: the name the provenance hash covers
  std::string shown;     // the root joined with `relative`: the name diagnostics give
  std::string text;
};

struct RuleFilesError {
  std::string file;  // the path the problem is about
  std::string message;
  bool too_large = false;  // over a limit, rather than unreadable
};

struct RuleFiles {
  std::vector<RuleFile> files;  // sorted by `relative`; empty when there is an error
  std::optional<RuleFilesError> error;
};

// `root` is a directory (every *.ard below it, through symlinked folders and files) or one
// file. Nothing is skipped quietly: a folder that cannot be listed, a symlink that leads
// nowhere, a folder reached twice (a symlink loop), and a *.ard that is not a regular file
// (a fifo, a device, a socket) each end the read with an error naming the path. So does a file
// over limits.max_file_bytes, or the file that takes the total over limits.max_ruleset_bytes,
// before it is read.
RuleFiles read_rule_files(const std::filesystem::path& root, const Limits& limits = {});

// Why a rule file of `bytes`, which takes the rule set's files to `total` bytes, is refused
// under `limits`; nullopt when both are within them. Files on disk (before they are read) and
// sources held in memory are measured alike.
std::optional<std::string> over_limits(const std::string& file, std::uintmax_t bytes, std::uintmax_t total,
                                       const Limits& limits);

}  // namespace ardent::api
