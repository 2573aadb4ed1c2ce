// Converts the grammar's attribute tree (ast.hpp) into the X3-free syntax tree (tree.hpp),
// turning source ranges into spans and checking what the grammar leaves open: which
// attributes each declaration takes, duplicated attributes, a second ruleset header.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "syntax/ast.hpp"
#include "syntax/line_index.hpp"
#include "syntax/module_parser.hpp"
#include "syntax/tree.hpp"

namespace ardent::syntax {

// The tree of one file, built declaration by declaration as the grammar reads them: each is
// converted while it is fresh and then dropped, so that the grammar's attributes of a large
// file never exist all at once. `text` is the text the ast's pointers point into. Problems
// are appended to `errors`.
class TreeBuilder final : public grammar::declaration_sink {
 public:
  TreeBuilder(std::string_view text, const LineIndex& lines, std::uint32_t file,
              std::vector<SyntaxError>& errors);
  ~TreeBuilder();
  TreeBuilder(const TreeBuilder&) = delete;
  TreeBuilder& operator=(const TreeBuilder&) = delete;

  void take(ast::declaration& d) override;
  Module finish();  // the declarations taken, in source order within each kind

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ardent::syntax
