// Bearer JWT verification (jwt.hpp, docs/service-auth.md). The signature is checked by libjwt
// with an issuer's public key; base64url by OpenSSL and JSON by nlohmann-json. The algorithm is
// decided before libjwt sees the token: libjwt takes it from the token's own header, and would
// accept an HS384 token whose HMAC key is the issuer's public key text (algorithm confusion).
#include "serve/jwt.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <sstream>
#include <unordered_map>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <jwt.h>
#include <nlohmann/json.hpp>
#include <openssl/bio.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

namespace ardent::serve {

namespace {

using nlohmann::json;

constexpr std::size_t kMaxTokenBytes = 16 * 1024;  // a CDS Hooks token is well under 2 KiB
constexpr int kMinRsaBits = 2048;

// The algorithms accepted, each with the kind of key that verifies it.
enum class Alg { rs384, es384 };

std::optional<Alg> parse_alg(std::string_view name) {
  if (name == "RS384") return Alg::rs384;
  if (name == "ES384") return Alg::es384;
  return std::nullopt;
}

jwt_alg_t libjwt_alg(Alg a) { return a == Alg::rs384 ? JWT_ALG_RS384 : JWT_ALG_ES384; }

struct Key {
  std::string kid;  // empty when the file gives none
  std::string pem;  // as libjwt reads it
  Alg alg;          // the one algorithm this key verifies
};

struct Issuer {
  std::string iss;
  std::vector<Key> keys;
};

AuthDecision refuse(AuthReason reason, std::string message) {
  AuthDecision d;
  d.reason = reason;
  d.message = std::move(message);
  return d;
}

// --- the issuers file ------------------------------------------------------------------------

std::string read_file(const std::filesystem::path& file, std::string_view what) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  if (!in || !(text << in.rdbuf()))
    throw JwtConfigError(fmt::format("cannot read {} '{}'", what, file.string()));
  return text.str();
}

using PkeyPtr = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;

// Which algorithm the PEM public key verifies: RS384 for RSA of at least 2048 bits, ES384 for an
// EC key on P-384. Throws JwtConfigError naming `where` for anything else.
Alg key_algorithm(const std::string& pem, const std::string& where) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())),
                                                &BIO_free);
  PkeyPtr pkey(bio ? PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr) : nullptr, &EVP_PKEY_free);
  if (!pkey) throw JwtConfigError(where + " is not a PEM public key (-----BEGIN PUBLIC KEY-----)");
  switch (EVP_PKEY_get_base_id(pkey.get())) {
    case EVP_PKEY_RSA:
      if (EVP_PKEY_get_bits(pkey.get()) < kMinRsaBits)
        throw JwtConfigError(fmt::format("{} is an RSA key of {} bits; RS384 needs at least {}", where,
                                         EVP_PKEY_get_bits(pkey.get()), kMinRsaBits));
      return Alg::rs384;
    case EVP_PKEY_EC: {
      std::array<char, 64> group{};
      std::size_t length = 0;
      if (EVP_PKEY_get_utf8_string_param(pkey.get(), OSSL_PKEY_PARAM_GROUP_NAME, group.data(), group.size(),
                                         &length) != 1 ||
          std::string_view(group.data(), length) != "secp384r1")
        throw JwtConfigError(where + " is an EC key on another curve than P-384; ES384 needs P-384");
      return Alg::es384;
    }
    default:
      throw JwtConfigError(where + " is neither an RSA nor an EC P-384 public key (RS384 and ES384 are accepted)");
  }
}

std::string string_member(const json& object, const char* name, const std::string& where) {
  const auto it = object.find(name);
  if (it == object.end() || !it->is_string() || it->get<std::string>().empty())
    throw JwtConfigError(fmt::format("{} needs \"{}\", a non-empty string", where, name));
  return it->get<std::string>();
}

void only_members(const json& object, std::initializer_list<std::string_view> known, const std::string& where) {
  for (const auto& [name, value] : object.items())
    if (std::find(known.begin(), known.end(), name) == known.end())
      throw JwtConfigError(fmt::format("{} has an unknown member \"{}\"", where, name));
}

Key read_key(const json& k, const std::filesystem::path& base, const std::string& where) {
  if (!k.is_object()) throw JwtConfigError(where + " is not a JSON object");
  only_members(k, {"kid", "pem", "pem_file"}, where);
  Key key{};
  if (k.contains("kid")) key.kid = string_member(k, "kid", where);
  if (k.contains("pem") == k.contains("pem_file"))
    throw JwtConfigError(where + " needs exactly one of \"pem\" (the key's text) and \"pem_file\" (its file)");
  if (k.contains("pem")) {
    key.pem = string_member(k, "pem", where);
    key.alg = key_algorithm(key.pem, where);
  } else {
    std::filesystem::path file = string_member(k, "pem_file", where);
    if (file.is_relative()) file = base / file;
    try {
      key.pem = read_file(file, "the public key file");
    } catch (const JwtConfigError& e) {
      throw JwtConfigError(fmt::format("{}: {}", where, e.what()));
    }
    key.alg = key_algorithm(key.pem, fmt::format("{} ('{}')", where, file.string()));
  }
  return key;
}

std::vector<Issuer> read_issuers(std::string_view text, const std::filesystem::path& base, std::string_view origin) {
  json doc;
  try {
    doc = json::parse(text);
  } catch (const json::parse_error& e) {
    throw JwtConfigError(fmt::format("{}: not JSON: {}", origin, e.what()));
  }
  const std::string top(origin);
  if (!doc.is_object()) throw JwtConfigError(top + ": expected a JSON object with \"issuers\"");
  only_members(doc, {"issuers"}, top);
  const auto list = doc.find("issuers");
  if (list == doc.end() || !list->is_array() || list->empty())
    throw JwtConfigError(top + ": \"issuers\" must be a non-empty array");
  std::vector<Issuer> issuers;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const json& entry = (*list)[i];
    const std::string where = fmt::format("{}: issuers[{}]", origin, i);
    if (!entry.is_object()) throw JwtConfigError(where + " is not a JSON object");
    only_members(entry, {"iss", "keys"}, where);
    Issuer issuer{string_member(entry, "iss", where), {}};
    for (const auto& seen : issuers)
      if (seen.iss == issuer.iss) throw JwtConfigError(fmt::format("{}: issuer \"{}\" is listed twice", origin, issuer.iss));
    const auto keys = entry.find("keys");
    if (keys == entry.end() || !keys->is_array() || keys->empty())
      throw JwtConfigError(where + " needs \"keys\", a non-empty array");
    for (std::size_t k = 0; k < keys->size(); ++k)
      issuer.keys.push_back(read_key((*keys)[k], base, fmt::format("{}.keys[{}]", where, k)));
    issuers.push_back(std::move(issuer));
  }
  return issuers;
}

// --- the token -------------------------------------------------------------------------------

// A base64url part of a token, decoded by OpenSSL (after turning it into standard base64);
// nullopt for a character outside the alphabet or a length no encoding has.
std::optional<std::string> base64url_decode(std::string_view part) {
  if (part.empty() || part.size() % 4 == 1) return std::nullopt;
  std::string standard(part);
  for (char& c : standard) {
    if (c == '-') c = '+';
    else if (c == '_') c = '/';
    else if (!std::isalnum(static_cast<unsigned char>(c))) return std::nullopt;
  }
  const std::size_t padding = (4 - standard.size() % 4) % 4;
  standard.append(padding, '=');
  std::string out(standard.size() / 4 * 3, '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(standard.data()), static_cast<int>(standard.size()));
  if (n < 0) return std::nullopt;
  out.resize(static_cast<std::size_t>(n) - padding);  // EVP_DecodeBlock counts the padding as bytes
  return out;
}

// A part that must hold a JSON object.
std::optional<json> json_part(std::string_view part) {
  const auto bytes = base64url_decode(part);
  if (!bytes) return std::nullopt;
  json j = json::parse(*bytes, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return std::nullopt;
  return j;
}

// "Bearer TOKEN" -> TOKEN (the scheme is case-insensitive, RFC 7235); nullopt otherwise.
std::optional<std::string_view> bearer_token(std::string_view header) {
  auto blank = [](char c) { return c == ' ' || c == '\t'; };
  while (!header.empty() && blank(header.front())) header.remove_prefix(1);
  while (!header.empty() && blank(header.back())) header.remove_suffix(1);
  constexpr std::string_view kScheme = "bearer";
  if (header.size() <= kScheme.size() || !blank(header[kScheme.size()])) return std::nullopt;
  for (std::size_t i = 0; i < kScheme.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(header[i])) != kScheme[i]) return std::nullopt;
  header.remove_prefix(kScheme.size());
  while (!header.empty() && blank(header.front())) header.remove_prefix(1);
  if (header.empty()) return std::nullopt;
  return header;
}

bool verifies(const std::string& token, const Key& key) {
  jwt_t* decoded = nullptr;
  const int rc = jwt_decode(&decoded, token.c_str(), reinterpret_cast<const unsigned char*>(key.pem.data()),
                            static_cast<int>(key.pem.size()));
  const bool ok = rc == 0 && decoded != nullptr && jwt_get_alg(decoded) == libjwt_alg(key.alg);
  jwt_free(decoded);
  return ok;
}

bool names_audience(const json& aud, const std::string& audience) {
  if (aud.is_string()) return aud.get<std::string>() == audience;
  if (!aud.is_array()) return false;
  return std::any_of(aud.begin(), aud.end(),
                     [&](const json& a) { return a.is_string() && a.get<std::string>() == audience; });
}

// A NumericDate claim (seconds since 1970), or nullopt when absent or not a finite number.
std::optional<double> numeric_date(const json& claims, const char* name) {
  const auto it = claims.find(name);
  if (it == claims.end() || !it->is_number()) return std::nullopt;
  const double v = it->get<double>();
  if (!std::isfinite(v)) return std::nullopt;
  return v;
}

std::int64_t system_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// The tokens accepted and not yet expired, by issuer and jti: a replayed token is refused
// until its `exp` has passed, after which `exp` refuses it anyway.
class ReplayCache {
 public:
  // False when (iss, jti) is already held; otherwise holds it until `until`.
  bool remember(const std::string& iss, const std::string& jti, std::int64_t until, std::int64_t now) {
    std::lock_guard lock(mutex_);
    drop_expired(now);
    std::string key = iss;
    key.push_back('\0');
    key += jti;
    if (!held_.emplace(key, until).second) return false;
    by_expiry_.emplace(until, std::move(key));
    return true;
  }
  std::size_t size(std::int64_t now) {
    std::lock_guard lock(mutex_);
    drop_expired(now);
    return held_.size();
  }

 private:
  void drop_expired(std::int64_t now) {
    while (!by_expiry_.empty() && by_expiry_.begin()->first < now) {
      held_.erase(by_expiry_.begin()->second);
      by_expiry_.erase(by_expiry_.begin());
    }
  }
  std::mutex mutex_;
  std::unordered_map<std::string, std::int64_t> held_;
  std::multimap<std::int64_t, std::string> by_expiry_;
};

}  // namespace

std::string_view to_string(AuthReason r) {
  static constexpr std::array<std::string_view, 14> kNames = {
      "ok",         "missing_bearer", "malformed_token",   "bad_algorithm", "unknown_issuer",
      "unknown_key", "bad_signature", "audience_mismatch", "missing_exp",   "expired",
      "lifetime_too_long", "iat_in_future", "missing_jti", "replayed_jti"};
  return kNames.at(static_cast<std::size_t>(r));
}

struct JwtVerifier::Impl {
  std::vector<Issuer> issuers;
  JwtOptions options;
  ReplayCache replay;

  std::int64_t now() const { return options.now ? options.now() : system_now(); }

  const Issuer* issuer(const std::string& iss) const {
    for (const auto& i : issuers)
      if (i.iss == iss) return &i;
    return nullptr;
  }

  AuthDecision authorize(std::string_view header);
  AuthDecision check_claims(const json& claims, const std::string& iss);
};

AuthDecision JwtVerifier::Impl::authorize(std::string_view header) {
  const auto token_view = bearer_token(header);
  if (!token_view) return refuse(AuthReason::missing_bearer, "the request has no 'Authorization: Bearer' token");
  if (token_view->size() > kMaxTokenBytes)
    return refuse(AuthReason::malformed_token, fmt::format("the token is longer than {} bytes", kMaxTokenBytes));
  const std::string token(*token_view);
  const std::size_t dot1 = token.find('.');
  const std::size_t dot2 = dot1 == std::string::npos ? dot1 : token.find('.', dot1 + 1);
  if (dot2 == std::string::npos || token.find('.', dot2 + 1) != std::string::npos)
    return refuse(AuthReason::malformed_token, "the token is not three base64url parts separated by '.' (a JWS)");
  const auto head = json_part(std::string_view(token).substr(0, dot1));
  const auto claims = json_part(std::string_view(token).substr(dot1 + 1, dot2 - dot1 - 1));
  if (!head || !claims)
    return refuse(AuthReason::malformed_token, "the token's header or payload is not base64url-encoded JSON object");

  const auto alg_member = head->find("alg");
  const std::string alg_name = alg_member != head->end() && alg_member->is_string() ? alg_member->get<std::string>() : "";
  const auto alg = parse_alg(alg_name);
  if (!alg)
    return refuse(AuthReason::bad_algorithm,
                  fmt::format("the token's algorithm \"{}\" is not accepted (RS384 or ES384)", alg_name));

  const auto iss_member = claims->find("iss");
  if (iss_member == claims->end() || !iss_member->is_string())
    return refuse(AuthReason::unknown_issuer, "the token names no issuer (iss)");
  const std::string iss = iss_member->get<std::string>();
  const Issuer* trusted = issuer(iss);
  if (trusted == nullptr) return refuse(AuthReason::unknown_issuer, fmt::format("the issuer \"{}\" is not trusted", iss));

  const auto kid_member = head->find("kid");
  const std::optional<std::string> kid =
      kid_member != head->end() && kid_member->is_string() ? std::optional(kid_member->get<std::string>()) : std::nullopt;
  bool tried = false;
  bool verified = false;
  for (const auto& key : trusted->keys) {
    // A token that names its key is checked with that key only; one that does not, with each key
    // of the issuer for its algorithm (an issuer rotating keys lists the old and the new).
    if (key.alg != *alg || (kid && key.kid != *kid)) continue;
    tried = true;
    if ((verified = verifies(token, key))) break;
  }
  if (!tried)
    return refuse(AuthReason::unknown_key, kid ? fmt::format("the issuer \"{}\" has no {} key with kid \"{}\"", iss,
                                                             alg_name, *kid)
                                               : fmt::format("the issuer \"{}\" has no {} key", iss, alg_name));
  if (!verified)
    return refuse(AuthReason::bad_signature,
                  fmt::format("the token's signature does not verify with the {} key(s) of \"{}\"", alg_name, iss));
  return check_claims(*claims, iss);
}

AuthDecision JwtVerifier::Impl::check_claims(const json& claims, const std::string& iss) {
  const auto aud = claims.find("aud");
  if (aud == claims.end() || !names_audience(*aud, options.audience))
    return refuse(AuthReason::audience_mismatch,
                  fmt::format("the token's audience (aud) is not this service, \"{}\"", options.audience));
  const std::int64_t t = now();
  const double skew = static_cast<double>(options.clock_skew.count());
  const auto exp = numeric_date(claims, "exp");
  if (!exp) return refuse(AuthReason::missing_exp, "the token has no expiry time (exp)");
  if (*exp + skew <= static_cast<double>(t))
    return refuse(AuthReason::expired, fmt::format("the token expired {} s ago", static_cast<std::int64_t>(t - *exp)));
  if (*exp - static_cast<double>(t) > static_cast<double>(options.max_lifetime.count()) + skew)
    return refuse(AuthReason::lifetime_too_long,
                  fmt::format("the token's expiry is more than {} s ahead", options.max_lifetime.count()));
  if (const auto iat = numeric_date(claims, "iat"); iat && *iat > static_cast<double>(t) + skew)
    return refuse(AuthReason::iat_in_future, "the token was issued in the future (iat)");
  const auto jti = claims.find("jti");
  if (jti == claims.end() || !jti->is_string() || jti->get<std::string>().empty())
    return refuse(AuthReason::missing_jti, "the token has no id (jti), so a replay could not be told");
  // Held until the last second at which `exp` would still accept it.
  const auto until = static_cast<std::int64_t>(std::ceil(*exp + skew));
  if (!replay.remember(iss, jti->get<std::string>(), until, t))
    return refuse(AuthReason::replayed_jti, "the token was used before (its jti is not new)");
  AuthDecision d;
  d.reason = AuthReason::allowed;
  d.message = "allowed";
  d.issuer = iss;
  if (const auto sub = claims.find("sub"); sub != claims.end() && sub->is_string()) d.subject = sub->get<std::string>();
  return d;
}

JwtVerifier::JwtVerifier(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
JwtVerifier::JwtVerifier(JwtVerifier&&) noexcept = default;
JwtVerifier& JwtVerifier::operator=(JwtVerifier&&) noexcept = default;
JwtVerifier::~JwtVerifier() = default;

JwtVerifier JwtVerifier::from_json(std::string_view text, const std::filesystem::path& base, std::string_view origin,
                                   JwtOptions options) {
  if (options.audience.empty()) throw std::invalid_argument("JWT verification needs the service's audience (its URL)");
  auto impl = std::make_unique<Impl>();
  impl->issuers = read_issuers(text, base, origin);
  impl->options = std::move(options);
  return JwtVerifier(std::move(impl));
}

JwtVerifier JwtVerifier::from_file(const std::filesystem::path& issuers_file, JwtOptions options) {
  const std::string text = read_file(issuers_file, "the issuers file");
  return from_json(text, issuers_file.parent_path(), issuers_file.string(), std::move(options));
}

AuthDecision JwtVerifier::authorize(std::string_view authorization_header) {
  return impl_->authorize(authorization_header);
}

std::size_t JwtVerifier::remembered_tokens() const { return impl_->replay.size(impl_->now()); }

}  // namespace ardent::serve
