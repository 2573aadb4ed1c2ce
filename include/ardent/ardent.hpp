// Everything a C++ embedder needs: compile a rule set, fill a case, evaluate, render.
//
//   auto out = ardent::compile_path("rules/hip");
//   if (!out.ok()) { std::cerr << ardent::format(out.diagnostics); return 1; }
//   ardent::Case c(out.ruleset);
//   c.set_bool("fever", false);
//   ardent::Result r;
//   ardent::evaluate(c, r);              // reuse `r`: no allocation after the first call
//   std::cout << ardent::format_text(c, r);
#pragma once

#include "ardent/case.hpp"
#include "ardent/diagnostics.hpp"
#include "ardent/format.hpp"
#include "ardent/result.hpp"
#include "ardent/ruleset.hpp"
#include "ardent/testing.hpp"
