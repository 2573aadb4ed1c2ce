// A rule set whose red flag sits in a folder reached through a symlink, written to a fresh
// directory. Before rule-set files were read by one routine, such a red flag was dropped
// without a word; the api, store and cli tests each check it survives.
#pragma once

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include "support/scratch_dir.hpp"

namespace ardent::test {

inline constexpr const char* kLinkedHeader = R"(ruleset linked version "1.0.0"
  title "Red flags kept in a shared folder"
  default triage routine
finding fever: bool
  label "Fever"
finding saddle_anaesthesia: bool
  label "Saddle numbness"
condition flu
  label "Influenza"
rule feverish:
  when fever
  then suggest flu, triage urgent
test "fever suggests flu":
  given fever = yes, saddle_anaesthesia = no
  expect suggest flu, triage urgent, no redflag
)";

inline constexpr const char* kLinkedRedFlag = R"(redflag cauda_equina
  label "Possible cauda equina syndrome"
  when saddle_anaesthesia
  then triage emergency, advise "Same-day emergency assessment."
test "saddle numbness is an emergency":
  given saddle_anaesthesia = yes
  expect redflag cauda_equina, triage emergency
)";

// <scratch>/shared/flags/cauda_equina.ard holds the red flag; <scratch>/set is the rule set,
// with set/flags a symlink to shared/flags. Everything is removed with the object.
class LinkedRuleset {
 public:
  LinkedRuleset() {
    write(root() / "header.ard", kLinkedHeader);
    write(scratch_.path() / "shared" / "flags" / "cauda_equina.ard", kLinkedRedFlag);
    std::filesystem::create_directory_symlink(scratch_.path() / "shared" / "flags", root() / "flags");
  }
  LinkedRuleset(const LinkedRuleset&) = delete;
  LinkedRuleset& operator=(const LinkedRuleset&) = delete;

  std::filesystem::path root() const { return scratch_.path() / "set"; }
  static void write(const std::filesystem::path& file, const std::string& text) {
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
  }

 private:
  ScratchDir scratch_;
};

}  // namespace ardent::test
