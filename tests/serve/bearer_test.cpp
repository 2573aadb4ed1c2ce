// `ardent serve` with bearer tokens required (--issuers): a request without a valid JWT is
// refused with 401 and the refusal's code before anything is read, a good token passes once,
// and the same token again is a replay. Tokens are signed here with a key made for the test.
#include <jwt.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <chrono>
#include <fstream>
#include <string>

#include "support.hpp"

namespace ardent::test {
namespace {

constexpr const char* kIssuer = "https://ehr.example.org";
constexpr const char* kAudience = "https://cds.example.org/cds-services";

struct TestKey {
  std::string private_pem, public_pem;
  TestKey() {
    EVP_PKEY* key = EVP_RSA_gen(2048);
    BIO* priv = BIO_new(BIO_s_mem());
    BIO* pub = BIO_new(BIO_s_mem());
    PEM_write_bio_PrivateKey(priv, key, nullptr, nullptr, 0, nullptr, nullptr);
    PEM_write_bio_PUBKEY(pub, key);
    char* data = nullptr;
    private_pem.assign(data, BIO_get_mem_data(priv, &data));
    public_pem.assign(data, BIO_get_mem_data(pub, &data));
    BIO_free(priv);
    BIO_free(pub);
    EVP_PKEY_free(key);
  }
};

const TestKey& key() {
  static const TestKey k;
  return k;
}

std::string token(const std::string& jti, const char* audience = kAudience) {
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch()).count();
  const json claims = {{"iss", kIssuer}, {"sub", "ehr-client"}, {"aud", audience},
                       {"iat", now},     {"exp", now + 300},     {"jti", jti}};
  jwt_t* t = nullptr;
  jwt_new(&t);
  jwt_add_grants_json(t, claims.dump().c_str());
  jwt_set_alg(t, JWT_ALG_RS384, reinterpret_cast<const unsigned char*>(key().private_pem.data()),
              static_cast<int>(key().private_pem.size()));
  char* text = jwt_encode_str(t);
  std::string out = text ? text : "";
  free(text);
  jwt_free(t);
  return out;
}

class Bearer : public ServiceTest {
 protected:
  void SetUp() override {
    const auto issuers = dir_.path() / "issuers.json";
    std::ofstream(issuers) << json{{"issuers", {{{"iss", kIssuer}, {"keys", {{{"pem", key().public_pem}}}}}}}}.dump();
    serve::Options o;
    o.authorize = serve::bearer_tokens(issuers, kAudience);
    start(o);
  }
  int status(const std::string& bearer) {
    httplib::Headers h;
    if (!bearer.empty()) h.emplace("Authorization", "Bearer " + bearer);
    auto res = client().Get("/cds-services", h);
    if (!res) return -1;
    if (res->status == 401) last_refusal_ = json::parse(res->body)["issue"][0]["diagnostics"].get<std::string>();
    return res->status;
  }
  ScratchDir dir_;
  std::string last_refusal_;
};

TEST_F(Bearer, ATokenOfATrustedIssuerPassesOnceAndEveryOtherRequestIsRefused) {
  EXPECT_EQ(status(""), 401);
  EXPECT_EQ(last_refusal_.rfind("missing_bearer: ", 0), 0u) << last_refusal_;
  EXPECT_EQ(status("not.a.token"), 401);
  EXPECT_EQ(last_refusal_.rfind("malformed_token: ", 0), 0u) << last_refusal_;
  EXPECT_EQ(status(token("t-1", "https://elsewhere.example.org")), 401);
  EXPECT_EQ(last_refusal_.rfind("audience_mismatch: ", 0), 0u) << last_refusal_;

  const std::string good = token("t-2");
  EXPECT_EQ(status(good), 200);
  EXPECT_EQ(status(good), 401);
  EXPECT_EQ(last_refusal_.rfind("replayed_jti: ", 0), 0u) << last_refusal_;
  EXPECT_EQ(status(token("t-3")), 200);
}

TEST(BearerConfig, AnUnreadableIssuersFileIsAnErrorNamingIt) {
  try {
    serve::bearer_tokens("/nonexistent/issuers.json", kAudience);
    ADD_FAILURE() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("issuers.json"), std::string::npos) << e.what();
  }
  EXPECT_THROW(serve::bearer_tokens("/nonexistent/issuers.json", ""), std::exception);
}

}  // namespace
}  // namespace ardent::test
