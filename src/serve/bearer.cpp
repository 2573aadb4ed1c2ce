// The service's authorizer from a JwtVerifier: one verifier shared by every request (and by
// every copy of the authorizer), so that a token's jti is remembered across all of them.
#include <memory>
#include <string>

#include "ardent/serve.hpp"
#include "serve/jwt.hpp"

namespace ardent::serve {

Authorize bearer_tokens(const std::filesystem::path& issuers_file, const std::string& audience) {
  JwtOptions options;
  options.audience = audience;
  auto verifier = std::make_shared<JwtVerifier>(JwtVerifier::from_file(issuers_file, std::move(options)));
  return [verifier](const RequestView& request) {
    const AuthDecision d = verifier->authorize(request.header("Authorization"));
    if (d.allowed()) return Decision{};
    return Decision{false, 401, std::string(to_string(d.reason)) + ": " + d.message};
  };
}

}  // namespace ardent::serve
