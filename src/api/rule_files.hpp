// The one routine that decides which files make up a rule set. Compiling from disk and
// publishing to the registry both read through it, so that they see the same files under the
// same names and therefore agree on the provenance hash.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace ardent::api {

struct RuleFile {
  std::string relative;  // to the rule-set root, '/'-separated: the name the provenance hash covers
  std::string shown;     // the root joined with `relative`: the name diagnostics give
  std::string text;
};

struct RuleFilesError {
  std::string file;  // the path the problem is about
  std::string message;
};

struct RuleFiles {
  std::vector<RuleFile> files;  // sorted by `relative`; empty when there is an error
  std::optional<RuleFilesError> error;
};

// `root` is a directory (every *.ard below it, through symlinked folders and files) or one
// file. Nothing is skipped quietly: a folder that cannot be listed, a symlink that leads
// nowhere, a folder reached twice (a symlink loop), and a *.ard that is not a regular file
// (a fifo, a device, a socket) each end the read with an error naming the path.
RuleFiles read_rule_files(const std::filesystem::path& root);

}  // namespace ardent::api
