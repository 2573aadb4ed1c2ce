// The one way to a Ruleset's compiled form, which the public header keeps private: the stages
// that build a Ruleset (the api facade) or read its program (eval, format, store) go through
// here, and nothing outside the engine can.
#pragma once

#include <memory>

#include "ardent/ruleset.hpp"
#include "compile/program.hpp"

namespace ardent::internal {

struct RulesetAccess {
  static const Program& program(const Ruleset& r) { return *r.program_; }
  static RulesetPtr make(std::shared_ptr<const Program> program, const Limits& limits = {}) {
    return std::shared_ptr<const Ruleset>(new Ruleset(std::move(program), limits));
  }
};

inline const Program& program_of(const Ruleset& r) { return RulesetAccess::program(r); }

}  // namespace ardent::internal
