// Bearer JWT verification (src/serve/jwt.hpp): real keys made here with OpenSSL's EVP API,
// tokens signed with libjwt, an issuers file on disk; each refusal produced by a token built
// for it.
#include "serve/jwt.hpp"
#include "support/scratch_dir.hpp"

#include <gtest/gtest.h>
#include <jwt.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <functional>
#include <latch>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

namespace ardent::serve {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using ardent::test::ScratchDir;

constexpr const char* kIssuer = "https://ehr.example.org";
constexpr const char* kAudience = "https://cds.example.org/cds-services";

// --- keys ----------------------------------------------------------------------------------

struct KeyPair {
  std::string private_pem, public_pem;
};

std::string bio_text(BIO* bio) {
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<std::size_t>(n));
}

KeyPair pem_pair(EVP_PKEY* pkey) {
  std::unique_ptr<BIO, decltype(&BIO_free)> priv(BIO_new(BIO_s_mem()), &BIO_free), pub(BIO_new(BIO_s_mem()), &BIO_free);
  EXPECT_EQ(PEM_write_bio_PrivateKey(priv.get(), pkey, nullptr, nullptr, 0, nullptr, nullptr), 1);
  EXPECT_EQ(PEM_write_bio_PUBKEY(pub.get(), pkey), 1);
  KeyPair pair{bio_text(priv.get()), bio_text(pub.get())};
  EVP_PKEY_free(pkey);
  return pair;
}

KeyPair rsa_pair(unsigned bits) { return pem_pair(EVP_RSA_gen(bits)); }
KeyPair ec_pair(const char* curve) { return pem_pair(EVP_EC_gen(curve)); }

struct Keys {
  KeyPair rsa = rsa_pair(3072);        // the issuer's RS384 key
  KeyPair ec = ec_pair("P-384");       // the issuer's ES384 key
  KeyPair stranger = rsa_pair(3072);   // a key nobody trusts
  KeyPair p256 = ec_pair("P-256");     // the wrong curve for ES384
};

const Keys& keys() {
  static const Keys k;
  return k;
}

// --- tokens --------------------------------------------------------------------------------

std::int64_t wall_clock() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

const std::int64_t kNow = wall_clock();

std::string next_jti() {
  static std::atomic<int> n{0};
  return "jti-" + std::to_string(++n);
}

// The claims of a good token: this issuer, this audience, five minutes to live, a fresh jti.
json good_claims() {
  return {{"iss", kIssuer}, {"sub", "client-7"}, {"aud", kAudience}, {"iat", kNow}, {"exp", kNow + 300},
          {"jti", next_jti()}};
}

std::string sign(jwt_alg_t alg, const std::string& key, const json& claims, const json& headers = json::object()) {
  jwt_t* token = nullptr;
  EXPECT_EQ(jwt_new(&token), 0);
  EXPECT_EQ(jwt_add_grants_json(token, claims.dump().c_str()), 0);
  if (!headers.empty()) {
    EXPECT_EQ(jwt_add_headers_json(token, headers.dump().c_str()), 0);
  }
  EXPECT_EQ(jwt_set_alg(token, alg, key.empty() ? nullptr : reinterpret_cast<const unsigned char*>(key.data()),
                        static_cast<int>(key.size())),
            0);
  char* text = jwt_encode_str(token);
  std::string out = text != nullptr ? text : "";
  free(text);
  jwt_free(token);
  EXPECT_FALSE(out.empty());
  return out;
}

std::string rs384(const json& claims, const json& headers = json::object()) {
  return sign(JWT_ALG_RS384, keys().rsa.private_pem, claims, headers);
}

json without(json claims, const char* name) {
  claims.erase(name);
  return claims;
}

json with(json claims, const char* name, json value) {
  claims[name] = std::move(value);
  return claims;
}

// base64url of a JSON object, to build headers libjwt would not write.
std::string b64url(const std::string& bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(n));
  while (!out.empty() && out.back() == '=') out.pop_back();
  for (char& c : out) c = c == '+' ? '-' : c == '/' ? '_' : c;
  return out;
}

// The token with its header replaced (the signature left as it was).
std::string rehead(const std::string& token, const json& header) {
  return b64url(header.dump()) + token.substr(token.find('.'));
}

// A token signed with OpenSSL directly, not libjwt: what another implementation (an EHR's)
// would send. ES384 signatures are R || S, 48 bytes each (RFC 7518 §3.4), not OpenSSL's DER.
std::string openssl_sign(const std::string& alg, const std::string& private_pem, const json& claims) {
  const std::string input = b64url(json{{"alg", alg}, {"typ", "JWT"}}.dump()) + "." + b64url(claims.dump());
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(private_pem.data(), static_cast<int>(private_pem.size())),
                                                &BIO_free);
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> pkey(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr),
                                                           &EVP_PKEY_free);
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  EXPECT_EQ(EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha384(), nullptr, pkey.get()), 1);
  std::size_t size = 0;
  const auto* data = reinterpret_cast<const unsigned char*>(input.data());
  EXPECT_EQ(EVP_DigestSign(ctx.get(), nullptr, &size, data, input.size()), 1);
  std::string sig(size, '\0');
  EXPECT_EQ(EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &size, data, input.size()), 1);
  sig.resize(size);
  if (alg == "ES384") {
    const auto* der = reinterpret_cast<const unsigned char*>(sig.data());
    ECDSA_SIG* parsed = d2i_ECDSA_SIG(nullptr, &der, static_cast<long>(sig.size()));
    std::string raw(96, '\0');
    BN_bn2binpad(ECDSA_SIG_get0_r(parsed), reinterpret_cast<unsigned char*>(raw.data()), 48);
    BN_bn2binpad(ECDSA_SIG_get0_s(parsed), reinterpret_cast<unsigned char*>(raw.data()) + 48, 48);
    ECDSA_SIG_free(parsed);
    sig = raw;
  }
  return input + "." + b64url(sig);
}

// --- the verifier --------------------------------------------------------------------------

std::string issuers_json() {
  return json{{"issuers",
               {{{"iss", kIssuer},
                 {"keys", {{{"kid", "rsa-1"}, {"pem", keys().rsa.public_pem}}, {{"kid", "ec-1"}, {"pem", keys().ec.public_pem}}}}},
                {{"iss", "https://other-ehr.example.org"}, {"keys", {{{"pem", keys().stranger.public_pem}}}}}}}}
      .dump();
}

JwtOptions options(std::function<std::int64_t()> now = [] { return kNow; }) {
  JwtOptions o;
  o.audience = kAudience;
  o.clock_skew = std::chrono::seconds(60);
  o.max_lifetime = std::chrono::seconds(3600);
  o.now = std::move(now);
  return o;
}

JwtVerifier verifier() { return JwtVerifier::from_json(issuers_json(), ".", "issuers.json", options()); }

std::string bearer(const std::string& token) { return "Bearer " + token; }

// --- each reason from a token built for it --------------------------------------------------

struct Row {
  const char* name;
  std::function<std::string()> header;  // the Authorization header's value
  AuthReason expected;
};

std::vector<Row> rows() {
  const auto& k = keys();
  return {
      {"good RS384", [] { return bearer(rs384(good_claims())); }, AuthReason::allowed},
      {"good ES384", [&k] { return bearer(sign(JWT_ALG_ES384, k.ec.private_pem, good_claims())); }, AuthReason::allowed},
      {"good RS384 naming its kid", [] { return bearer(rs384(good_claims(), {{"kid", "rsa-1"}})); }, AuthReason::allowed},
      {"RS384 signed by OpenSSL", [&k] { return bearer(openssl_sign("RS384", k.rsa.private_pem, good_claims())); },
       AuthReason::allowed},
      {"ES384 signed by OpenSSL", [&k] { return bearer(openssl_sign("ES384", k.ec.private_pem, good_claims())); },
       AuthReason::allowed},
      {"scheme in lower case", [] { return "bearer " + rs384(good_claims()); }, AuthReason::allowed},
      {"aud as an array naming us", [] { return bearer(rs384(with(good_claims(), "aud", json::array({"https://x.example", kAudience})))); },
       AuthReason::allowed},
      {"expired within the clock skew", [] { return bearer(rs384(with(good_claims(), "exp", kNow - 30))); },
       AuthReason::allowed},
      {"no header", [] { return std::string(); }, AuthReason::missing_bearer},
      {"basic scheme", [] { return std::string("Basic dXNlcjpwYXNz"); }, AuthReason::missing_bearer},
      {"bearer without a token", [] { return std::string("Bearer   "); }, AuthReason::missing_bearer},
      {"not three parts", [] { return std::string("Bearer abc.def"); }, AuthReason::malformed_token},
      {"four parts", [] { return bearer(rs384(good_claims()) + ".x"); }, AuthReason::malformed_token},
      {"not base64url", [] { return std::string("Bearer e30!.e30.c2ln"); }, AuthReason::malformed_token},
      {"payload not JSON", [] { return "Bearer " + b64url(R"({"alg":"RS384"})") + "." + b64url("not json") + ".c2ln"; },
       AuthReason::malformed_token},
      {"alg none", [] { return bearer(sign(JWT_ALG_NONE, "", good_claims())); }, AuthReason::bad_algorithm},
      {"HS384 keyed with the public key text",
       [&k] { return bearer(sign(JWT_ALG_HS384, k.rsa.public_pem, good_claims())); }, AuthReason::bad_algorithm},
      {"RS256", [&k] { return bearer(sign(JWT_ALG_RS256, k.rsa.private_pem, good_claims())); }, AuthReason::bad_algorithm},
      {"ES384 header on an RS384 signature",
       [] { return bearer(rehead(rs384(good_claims()), {{"alg", "ES384"}, {"typ", "JWT"}})); }, AuthReason::bad_signature},
      {"wrong key", [&k] { return bearer(sign(JWT_ALG_RS384, k.stranger.private_pem, good_claims())); },
       AuthReason::bad_signature},
      {"signed by another trusted issuer's key for us",
       [&k] {
         return bearer(sign(JWT_ALG_RS384, k.stranger.private_pem, good_claims(), {{"kid", "rsa-1"}}));
       },
       AuthReason::bad_signature},
      {"other issuer", [] { return bearer(rs384(with(good_claims(), "iss", "https://evil.example"))); },
       AuthReason::unknown_issuer},
      {"no issuer", [] { return bearer(rs384(without(good_claims(), "iss"))); }, AuthReason::unknown_issuer},
      {"unknown kid", [] { return bearer(rs384(good_claims(), {{"kid", "rsa-9"}})); }, AuthReason::unknown_key},
      {"ES384 from an issuer with only an RSA key",
       [&k] {
         return bearer(sign(JWT_ALG_ES384, k.ec.private_pem, with(good_claims(), "iss", "https://other-ehr.example.org")));
       },
       AuthReason::unknown_key},
      {"aud mismatch", [] { return bearer(rs384(with(good_claims(), "aud", "https://elsewhere.example"))); },
       AuthReason::audience_mismatch},
      {"no aud", [] { return bearer(rs384(without(good_claims(), "aud"))); }, AuthReason::audience_mismatch},
      {"expired", [] { return bearer(rs384(with(good_claims(), "exp", kNow - 120))); }, AuthReason::expired},
      {"no exp", [] { return bearer(rs384(without(good_claims(), "exp"))); }, AuthReason::missing_exp},
      {"exp not a number", [] { return bearer(rs384(with(good_claims(), "exp", "soon"))); }, AuthReason::missing_exp},
      {"exp two days ahead", [] { return bearer(rs384(with(good_claims(), "exp", kNow + 2 * 86400))); },
       AuthReason::lifetime_too_long},
      {"iat in the future", [] { return bearer(rs384(with(good_claims(), "iat", kNow + 600))); },
       AuthReason::iat_in_future},
      {"no jti", [] { return bearer(rs384(without(good_claims(), "jti"))); }, AuthReason::missing_jti},
      {"empty jti", [] { return bearer(rs384(with(good_claims(), "jti", ""))); }, AuthReason::missing_jti},
  };
}

TEST(JwtVerifier, EachTokenGetsItsReason) {
  for (const auto& row : rows()) {
    JwtVerifier v = verifier();
    const AuthDecision d = v.authorize(row.header());
    EXPECT_EQ(to_string(d.reason), to_string(row.expected)) << row.name << ": " << d.message;
    EXPECT_FALSE(d.message.empty()) << row.name;
    if (row.expected == AuthReason::allowed) {
      EXPECT_EQ(d.issuer, kIssuer) << row.name;
      EXPECT_EQ(d.subject, "client-7") << row.name;
    }
  }
}

TEST(JwtVerifier, AReplayedTokenIsRefused) {
  JwtVerifier v = verifier();
  const std::string token = bearer(rs384(good_claims()));
  EXPECT_TRUE(v.authorize(token).allowed());
  const AuthDecision again = v.authorize(token);
  EXPECT_EQ(again.reason, AuthReason::replayed_jti) << again.message;
  // The same jti from another issuer is another token.
  const json theirs = with(with(good_claims(), "iss", "https://other-ehr.example.org"), "jti", "shared");
  const json ours = with(good_claims(), "jti", "shared");
  EXPECT_TRUE(v.authorize(bearer(rs384(ours))).allowed());
  EXPECT_TRUE(v.authorize(bearer(sign(JWT_ALG_RS384, keys().stranger.private_pem, theirs))).allowed());
}

TEST(JwtVerifier, TheReplayCacheForgetsExpiredTokens) {
  std::atomic<std::int64_t> now{kNow};
  JwtVerifier v = JwtVerifier::from_json(issuers_json(), ".", "issuers.json", options([&now] { return now.load(); }));
  const std::string token = bearer(rs384(with(good_claims(), "exp", kNow + 10)));
  ASSERT_TRUE(v.authorize(token).allowed());
  ASSERT_TRUE(v.authorize(bearer(rs384(with(good_claims(), "exp", kNow + 1000)))).allowed());
  EXPECT_EQ(v.remembered_tokens(), 2u);
  now = kNow + 10 + 60 + 1;  // past exp and the skew
  EXPECT_EQ(v.remembered_tokens(), 1u);
  EXPECT_EQ(v.authorize(token).reason, AuthReason::expired);  // forgotten, and still refused
}

TEST(JwtVerifier, OfTwoThreadsWithOneTokenExactlyOnePasses) {
  JwtVerifier v = verifier();
  for (int round = 0; round < 50; ++round) {
    const std::string token = bearer(sign(JWT_ALG_ES384, keys().ec.private_pem, good_claims()));
    std::latch start(2);
    AuthDecision a, b;
    std::thread ta([&] {
      start.arrive_and_wait();
      a = v.authorize(token);
    });
    std::thread tb([&] {
      start.arrive_and_wait();
      b = v.authorize(token);
    });
    ta.join();
    tb.join();
    EXPECT_NE(a.allowed(), b.allowed()) << "round " << round << ": " << a.message << " / " << b.message;
    EXPECT_EQ((a.allowed() ? b : a).reason, AuthReason::replayed_jti) << "round " << round;
  }
}

TEST(JwtVerifier, ReasonsHaveStableCodes) {
  EXPECT_EQ(to_string(AuthReason::allowed), "ok");
  EXPECT_EQ(to_string(AuthReason::missing_bearer), "missing_bearer");
  EXPECT_EQ(to_string(AuthReason::bad_algorithm), "bad_algorithm");
  EXPECT_EQ(to_string(AuthReason::replayed_jti), "replayed_jti");
}

// --- the issuers file ----------------------------------------------------------------------


TEST(JwtIssuersFile, KeysFromFilesBesideIt) {
  ScratchDir dir;
  dir.write("ehr-rsa.pem", keys().rsa.public_pem);
  const fs::path file = dir.write(
      "issuers.json", json{{"issuers", {{{"iss", kIssuer}, {"keys", {{{"pem_file", "ehr-rsa.pem"}}}}}}}}.dump(2));
  JwtVerifier v = JwtVerifier::from_file(file, options());
  EXPECT_TRUE(v.authorize(bearer(rs384(good_claims()))).allowed());
}

TEST(JwtIssuersFile, ErrorsSayWhatIsWrong) {
  ScratchDir dir;
  const std::string pem = keys().rsa.public_pem;
  struct Case {
    const char* name;
    std::string text;  // the file's text; empty: no file
    std::string message;
  };
  auto one_key = [](const json& key) { return json{{"issuers", {{{"iss", kIssuer}, {"keys", {key}}}}}}.dump(); };
  const std::vector<Case> cases = {
      {"missing file", "", "cannot read the issuers file"},
      {"bad JSON", "{\"issuers\": [", "not JSON"},
      {"not an object", "[]", "expected a JSON object"},
      {"no issuers", "{\"issuers\": []}", "\"issuers\" must be a non-empty array"},
      {"unknown member", R"({"issuers": [{"iss": "a", "keys": [], "aud": "x"}]})", "unknown member \"aud\""},
      {"no keys", R"({"issuers": [{"iss": "a", "keys": []}]})", "needs \"keys\""},
      {"bad PEM", one_key({{"pem", "-----BEGIN PUBLIC KEY-----\nnot a key\n-----END PUBLIC KEY-----\n"}}),
       "is not a PEM public key"},
      {"a private key", one_key({{"pem", keys().rsa.private_pem}}), "is not a PEM public key"},
      {"P-256", one_key({{"pem", keys().p256.public_pem}}), "another curve than P-384"},
      {"pem and pem_file", one_key({{"pem", pem}, {"pem_file", "x.pem"}}), "exactly one of"},
      {"missing pem_file", one_key({{"pem_file", "absent.pem"}}), "cannot read the public key file"},
      {"issuer twice",
       json{{"issuers", {{{"iss", "a"}, {"keys", {{{"pem", pem}}}}}, {{"iss", "a"}, {"keys", {{{"pem", pem}}}}}}}}.dump(),
       "listed twice"},
  };
  for (const auto& c : cases) {
    const fs::path file = c.text.empty() ? dir.path() / "absent.json" : dir.write("issuers.json", c.text);
    try {
      JwtVerifier::from_file(file, options());
      ADD_FAILURE() << c.name << ": accepted";
    } catch (const JwtConfigError& e) {
      EXPECT_NE(std::string(e.what()).find(c.message), std::string::npos) << c.name << ": " << e.what();
      EXPECT_NE(std::string(e.what()).find(file.filename().string()), std::string::npos) << c.name << ": " << e.what();
    }
  }
  JwtOptions no_audience = options();
  no_audience.audience.clear();
  EXPECT_THROW(JwtVerifier::from_json(issuers_json(), ".", "issuers.json", no_audience), std::invalid_argument);
}

}  // namespace
}  // namespace ardent::serve
