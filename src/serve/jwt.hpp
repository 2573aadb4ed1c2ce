// Bearer JWTs for the CDS Hooks service (CDS Hooks 2.0 security; docs/service-auth.md): an EHR
// signs a short-lived token with its private key, and the service accepts a request only when
// the token's issuer is trusted, its signature verifies with that issuer's public key, it is
// meant for this service (`aud`), it is current (`exp`, `iat`) and it was not seen before
// (`jti`). The JWT library stays in jwt.cpp: the service sees only this header.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

namespace ardent::serve {

// Why a request was refused. The codes (to_string) are stable: the service answers 401 with
// them, and clients and logs may match on them.
enum class AuthReason : std::uint8_t {
  allowed,            // "ok"
  missing_bearer,     // no Authorization header, or not the Bearer scheme
  malformed_token,    // not three base64url parts, or a header or payload that is not a JSON object
  bad_algorithm,      // `alg` other than RS384 and ES384 (none, HS*, RS256, ...)
  unknown_issuer,     // `iss` missing or not in the issuers file
  unknown_key,        // `kid` names no key of the issuer, or no key of the issuer fits `alg`
  bad_signature,      // the signature does not verify with the issuer's key(s)
  audience_mismatch,  // `aud` missing or not this service
  missing_exp,        // no numeric `exp`
  expired,            // `exp` is past (beyond the allowed clock skew)
  lifetime_too_long,  // `exp` further ahead than the longest lifetime accepted (bounds the replay cache)
  iat_in_future,      // `iat` after now (beyond the allowed clock skew)
  missing_jti,        // no `jti`
  replayed_jti,       // a token with this issuer and `jti` was accepted before
};

// "ok", "missing_bearer", "malformed_token", "bad_algorithm", "unknown_issuer", "unknown_key",
// "bad_signature", "audience_mismatch", "missing_exp", "expired", "lifetime_too_long",
// "iat_in_future", "missing_jti", "replayed_jti".
std::string_view to_string(AuthReason r);

struct AuthDecision {
  AuthReason reason = AuthReason::missing_bearer;
  std::string message;  // for people and logs; never holds the token
  std::string issuer;   // `iss` and `sub` of an allowed token (empty otherwise)
  std::string subject;
  bool allowed() const { return reason == AuthReason::allowed; }
};

// The issuers file could not be read or says something wrong; the message names the file and
// what is wrong in it.
class JwtConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct JwtOptions {
  std::string audience;                        // this service's URL: a token's `aud` must name it
  std::chrono::seconds clock_skew{60};         // tolerance for `exp` and `iat` between clocks
  std::chrono::seconds max_lifetime{3600};     // `exp` at most this far ahead (CDS Hooks asks for minutes)
  std::function<std::int64_t()> now;           // seconds since 1970; empty: the system clock
};

// Verifies bearer tokens against the trusted issuers. Thread-safe: one verifier serves every
// request; the replay cache holds each accepted token's (issuer, jti) until its `exp` has passed.
class JwtVerifier {
 public:
  // The issuers file (JSON, docs/service-auth.md); a `pem_file` is relative to the file's
  // folder. Throws JwtConfigError; std::invalid_argument for an empty audience.
  static JwtVerifier from_file(const std::filesystem::path& issuers_file, JwtOptions options);
  // The same from the file's text; `base` is the folder `pem_file` paths are relative to, and
  // `origin` names the text in messages.
  static JwtVerifier from_json(std::string_view text, const std::filesystem::path& base, std::string_view origin,
                               JwtOptions options);

  JwtVerifier(JwtVerifier&&) noexcept;
  JwtVerifier& operator=(JwtVerifier&&) noexcept;
  ~JwtVerifier();

  // The value of the Authorization header (empty when the request had none): allowed, or the
  // reason it is not. An allowed token's jti is remembered, so the same token is refused next.
  AuthDecision authorize(std::string_view authorization_header);

  std::size_t remembered_tokens() const;  // the replay cache's size (after dropping expired ones)

 private:
  struct Impl;
  explicit JwtVerifier(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace ardent::serve
