// Ed25519 keys from PEM files, signatures, key ids and the ARDENT_TRUST list.
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "ardent/signing.hpp"
#include "ardent/store.hpp"
#include "store_fixture.hpp"

namespace ardent::store {
namespace {

using testing::ScratchDir;
using testing::expect_error;

class Signing : public ::testing::Test {
 protected:
  ScratchDir dir_;
  testing::KeyPair pair_ = testing::make_key_pair(dir_, "lead");
  PrivateKey key_ = PrivateKey::from_pem_file(pair_.private_pem);
  PublicKey public_ = PublicKey::from_pem_file(pair_.public_pem);
};

TEST_F(Signing, SignatureRoundTrips) {
  const std::string signature = key_.sign("ardent-test 1\nname=4:mini\n");
  EXPECT_EQ(signature.size(), 88u);  // 64 bytes in base64
  EXPECT_TRUE(public_.verifies("ardent-test 1\nname=4:mini\n", signature));
  EXPECT_TRUE(key_.public_key().verifies("ardent-test 1\nname=4:mini\n", signature));
  EXPECT_EQ(key_.id(), public_.id());
  EXPECT_EQ(public_.file(), pair_.public_pem.string());
}

TEST_F(Signing, AlteredMessageDoesNotVerify) {
  const std::string signature = key_.sign("status=8:approved\n");
  EXPECT_FALSE(public_.verifies("status=7:retired\n", signature));
  EXPECT_FALSE(public_.verifies("status=8:approved\n ", signature));
}

TEST_F(Signing, AlteredOrMalformedSignatureDoesNotVerify) {
  const std::string signature = key_.sign("m");
  EXPECT_FALSE(public_.verifies("m", testing::altered_signature(signature)));
  EXPECT_FALSE(public_.verifies("m", ""));
  EXPECT_FALSE(public_.verifies("m", signature.substr(0, 86)));
  EXPECT_FALSE(public_.verifies("m", signature + "AAAA"));
  EXPECT_FALSE(public_.verifies("m", std::string(88, '*')));
  // Another base64 spelling of the same bytes (non-zero padding bits) is not the signature.
  std::string loose = signature;
  loose[85] = static_cast<char>(loose[85] == 'A' ? 'B' : loose[85] + 1);
  EXPECT_FALSE(public_.verifies("m", loose));
}

TEST_F(Signing, WrongKeyDoesNotVerify) {
  const auto other = testing::make_key_pair(dir_, "other");
  const PublicKey other_public = PublicKey::from_pem_file(other.public_pem);
  EXPECT_NE(other_public.id(), public_.id());
  EXPECT_FALSE(other_public.verifies("m", key_.sign("m")));
}

TEST_F(Signing, KeyIdIsTheSha256OfTheDerPublicKey) {
  // What `openssl pkey -pubin -in PUB.pem -outform DER | sha256sum` prints.
  FILE* f = std::fopen(pair_.public_pem.c_str(), "r");
  ASSERT_NE(f, nullptr);
  EVP_PKEY* pkey = PEM_read_PUBKEY(f, nullptr, nullptr, nullptr);
  std::fclose(f);
  ASSERT_NE(pkey, nullptr);
  unsigned char* der = nullptr;
  const int size = i2d_PUBKEY(pkey, &der);
  unsigned char digest[32];
  std::size_t digest_size = 0;
  ASSERT_EQ(EVP_Q_digest(nullptr, "SHA256", nullptr, der, static_cast<std::size_t>(size), digest, &digest_size), 1);
  OPENSSL_free(der);
  EVP_PKEY_free(pkey);
  std::string hex;
  for (unsigned char b : digest) hex += fmt::format("{:02x}", b);
  EXPECT_EQ(public_.id(), hex);
  EXPECT_EQ(short_key_id(public_.id()), hex.substr(0, 16));
}

TEST_F(Signing, KeyFilesThatCannotBeUsed) {
  expect_error(StoreError::Kind::Open, "cannot read public key file", [&] { PublicKey::from_pem_file(dir_ / "none.pem"); });
  expect_error(StoreError::Kind::Open, "cannot read private key file", [&] { PrivateKey::from_pem_file(dir_ / "none.pem"); });
  expect_error(StoreError::Kind::Invalid, "holds a private key", [&] { PublicKey::from_pem_file(pair_.private_pem); });
  expect_error(StoreError::Kind::Invalid, "holds no Ed25519 private key", [&] { PrivateKey::from_pem_file(pair_.public_pem); });
  testing::write_file(dir_ / "junk.pem", "-----BEGIN PUBLIC KEY-----\nnot base64\n-----END PUBLIC KEY-----\n");
  expect_error(StoreError::Kind::Invalid, "holds no Ed25519 public key", [&] { PublicKey::from_pem_file(dir_ / "junk.pem"); });
}

TEST_F(Signing, KeysOfAnotherAlgorithmAreRefused) {
  EVP_PKEY* ec = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
  ASSERT_NE(ec, nullptr);
  FILE* f = std::fopen((dir_ / "ec.pem").c_str(), "w");
  PEM_write_PrivateKey(f, ec, nullptr, nullptr, 0, nullptr, nullptr);
  std::fclose(f);
  f = std::fopen((dir_ / "ec.pub.pem").c_str(), "w");
  PEM_write_PUBKEY(f, ec);
  std::fclose(f);
  EVP_PKEY_free(ec);
  expect_error(StoreError::Kind::Invalid, "no Ed25519 private key", [&] { PrivateKey::from_pem_file(dir_ / "ec.pem"); });
  expect_error(StoreError::Kind::Invalid, "no Ed25519 public key", [&] { PublicKey::from_pem_file(dir_ / "ec.pub.pem"); });
}

TEST_F(Signing, EncryptedPrivateKeyIsRefusedWithoutAPrompt) {
  EVP_PKEY* key = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
  FILE* f = std::fopen((dir_ / "locked.pem").c_str(), "w");
  char passphrase[] = "secret";
  ASSERT_EQ(PEM_write_PKCS8PrivateKey(f, key, EVP_aes_256_cbc(), passphrase, 6, nullptr, nullptr), 1);
  std::fclose(f);
  EVP_PKEY_free(key);
  expect_error(StoreError::Kind::Invalid, "is encrypted", [&] { PrivateKey::from_pem_file(dir_ / "locked.pem"); });
}

TEST_F(Signing, TrustedKeysAreFoundByTheirId) {
  const auto other = testing::make_key_pair(dir_, "other");
  const TrustedKeys keys = load_trusted_keys({pair_.public_pem, other.public_pem});
  ASSERT_EQ(keys.size(), 2u);
  EXPECT_EQ(find_key(keys, public_.id()), &keys[0]);
  EXPECT_EQ(find_key(keys, keys[1].id()), &keys[1]);
  EXPECT_EQ(find_key(keys, std::string(64, '0')), nullptr);
  EXPECT_EQ(find_key({}, public_.id()), nullptr);
}

TEST(TrustList, SplitsAtColonsAndSkipsEmptyEntries) {
  EXPECT_EQ(split_trust_list("/etc/ardent/a.pub.pem::b.pem:"),
            (std::vector<std::filesystem::path>{"/etc/ardent/a.pub.pem", "b.pem"}));
  EXPECT_TRUE(split_trust_list("").empty());
  EXPECT_TRUE(split_trust_list(":").empty());
  EXPECT_EQ(std::string(kTrustVariable), "ARDENT_TRUST");
}

}  // namespace
}  // namespace ardent::store
