// Resolves syntax expressions into typed model expressions, reporting unknown names, type
// mismatches, enum domains and comparisons outside a finding's declared range.
#pragma once

#include "check/context.hpp"

namespace ardent::check::detail {

class Resolver {
 public:
  explicit Resolver(Context& c) : c_(c) {}

  // A condition: a rule's or score term's `when`.
  Expr condition(const syntax::Expr& e);
  // A define's expression, boolean or numeric; `type` receives which (Poison when broken).
  Expr definition(const syntax::Expr& e, Type& type);
  // Whether anything resolved since the last reset was broken or used something broken:
  // such a model expression holds placeholders, and the analyses must not look at it.
  bool tainted() const { return tainted_; }
  void reset() { tainted_ = false; }

 private:
  enum class Want : std::uint8_t { Bool, Numeric, Any };
  struct Typed {
    Expr expr;
    Type type = Type::Poison;
    const Symbol* symbol = nullptr;  // set when the expression is a bare name
    std::string name;
  };

  Typed infer(const syntax::Expr& e, Want want);
  Typed ref(const syntax::Expr& e, Want want);
  Typed enum_test(const syntax::Expr& e);
  Typed presence(const syntax::Expr& e);
  Typed compare(const syntax::Expr& e);
  Typed between(const syntax::Expr& e);
  Typed at_least(const syntax::Expr& e);
  Typed arith(const syntax::Expr& e);
  Typed negate(const syntax::Expr& e);
  Typed logic(const syntax::Expr& e);

  Expr expect_bool(Typed t, const syntax::Expr& src);
  bool expect_numeric(const Typed& t, const syntax::Expr& src, std::string_view how);
  // The finding a name under `is`/`in` (want_enum) or `is known`/`is unknown` refers to.
  const Finding* finding_named(const syntax::Name& name, bool want_enum);
  void unknown_name(const syntax::Name& name, Want want);
  void check_range(const Expr& cmp, const Span& span);
  void check_between_range(const Expr& value, double lo, double hi, const Span& span);
  bool numeric_bounds(const Expr& e, double& lo, double& hi) const;
  std::string bounded_name(const Expr& e) const;  // of what numeric_bounds found bounds for
  void use(const Symbol& s);

  Context& c_;
  bool tainted_ = false;
};

// The value of a constant numeric expression (literals, negation and arithmetic of them).
bool constant_value(const Expr& e, double& out);

}  // namespace ardent::check::detail
