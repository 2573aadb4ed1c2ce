// SHA-256 in lower-case hex for the store: the audit rows' hashes and the keys' ids. The platform
// seam itself is compile/sha256.hpp; this keeps the store's error type.
#pragma once

#include <string>
#include <string_view>

#include "compile/sha256.hpp"

namespace ardent::store {

// One reusable context (one per thread that hashes).
class Sha256 {
 public:
  std::string hex(std::string_view data);  // lower-case hex; throws StoreError

 private:
  compile::Sha256 sha_;
};

}  // namespace ardent::store
