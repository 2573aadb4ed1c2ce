// Fusion adaptation of the declaration nodes whose fields the grammar fills in source order.
// Leaves and expressions are built by semantic actions instead (see actions.hpp).
#pragma once

#include <boost/fusion/include/adapt_struct.hpp>

#include "syntax/ast.hpp"

BOOST_FUSION_ADAPT_STRUCT(ardent::syntax::ast::header, id, version, items)
BOOST_FUSION_ADAPT_STRUCT(ardent::syntax::ast::range, lo, hi)
BOOST_FUSION_ADAPT_STRUCT(ardent::syntax::ast::finding_decl, id, type, attrs)
BOOST_FUSION_ADAPT_STRUCT(ardent::syntax::ast::condition_decl, id, attrs)
BOOST_FUSION_ADAPT_STRUCT(ardent::syntax::ast::define_decl, id, value, attrs)
BOOST_FUSION_ADAPT_STRUCT(ardent::syntax::ast::score_term, points, when)
BOOST_FUSION_ADAPT_STRUCT(ardent::syntax::ast::score_decl, id, attrs, terms)
BOOST_FUSION_ADAPT_STRUCT(ardent::syntax::ast::screen_decl, title, findings)
BOOST_FUSION_ADAPT_STRUCT(ardent::syntax::ast::rule_decl, redflag, id, priority, attrs, when,
                          actions)
BOOST_FUSION_ADAPT_STRUCT(ardent::syntax::ast::test_decl, id, given, expect)
