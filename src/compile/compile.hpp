// The compile stage: a checked model becomes an immutable Program.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "check/model.hpp"
#include "compile/program.hpp"

namespace ardent::compile {

// `hash` is the provenance hash of the sources (see provenance_hash). Throws std::logic_error
// when the model is malformed (which a model produced by check::check never is).
// `max_mask_words` bounds the per-node finding bit sets the evaluator may use for ask-next
// (64 findings per word); tests pass 0 to force the general walk.
std::shared_ptr<const Program> compile(check::Model model, std::string hash, std::uint32_t max_mask_words = 4);

// Where a span of the model's sources is, as the public API reports it.
SourceLocation location(const check::Model& m, const syntax::Span& span);

// The pre-escaped JSON texts of `p` (its info tables must be filled).
void fill_json_texts(Program& p);
// Reverse edges and outcome ranks for sparse evaluation; after the graph and rules are built.
void fill_reverse_edges(Program& p);

// SHA-256 over the sources sorted by path: for each file its path relative to the rule-set
// root, a NUL, its bytes, a NUL. Lower-case hex.
struct HashInput {
  std::string relative_path;
  std::string_view text;
};
std::string provenance_hash(std::vector<HashInput> files);

// SHA-256 of `bytes`, lower-case hex.
std::string sha256_hex(std::string_view bytes);

}  // namespace ardent::compile
