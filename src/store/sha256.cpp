#include "store/sha256.hpp"

#include <stdexcept>

#include "ardent/store.hpp"

namespace ardent::store {

std::string Sha256::hex(std::string_view data) {
  try {
    sha_.update(data.data(), data.size());
    return sha_.hex();
  } catch (const std::runtime_error& e) {
    throw StoreError(StoreError::Kind::Internal, e.what());
  }
}

}  // namespace ardent::store
