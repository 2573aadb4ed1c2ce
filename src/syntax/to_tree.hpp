// Converts the grammar's attribute tree (ast.hpp) into the X3-free syntax tree (tree.hpp),
// turning source ranges into spans and checking what the grammar leaves open: which
// attributes each declaration takes, duplicated attributes, a second ruleset header.
#pragma once

#include <string_view>
#include <vector>

#include "syntax/ast.hpp"
#include "syntax/line_index.hpp"
#include "syntax/tree.hpp"

namespace ardent::syntax {

// `text` is the text the ast's pointers point into. Problems are appended to `errors`.
// Each declaration is released as soon as it is converted, to keep the peak memory of a large
// file near one tree rather than two.
Module to_tree(ast::module&& decls, std::string_view text, const LineIndex& lines,
               std::uint32_t file, std::vector<SyntaxError>& errors);

}  // namespace ardent::syntax
