#include "rules/validators.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <string>
#include <string_view>

namespace leakhound::rules {
namespace {

std::string Base62(uint32_t v) {
  const char* digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  std::string out(6, '0');
  for (int i = 5; i >= 0; --i) {
    out[i] = digits[v % 62];
    v /= 62;
  }
  return out;
}

std::string MakeToken(const std::string& prefix, const std::string& random) {
  uint32_t crc = crc32(0, reinterpret_cast<const Bytef*>(random.data()), random.size());
  return prefix + random + Base62(crc);
}

TEST(ValidatorsTest, GithubCrc32AcceptsValidAndRejectsTamperedTokens) {
  std::string random = "Zq8Rk2LmNp4Xv7Bc9Df1Gh3Jk5Ls6Q";
  ASSERT_EQ(random.size(), 30u);
  std::string token = MakeToken("ghp_", random);
  EXPECT_TRUE(RunValidator("github-crc32", token));
  EXPECT_TRUE(RunValidator("npm-crc32", MakeToken("npm_", random)));
  std::string tampered = token;
  tampered[10] = tampered[10] == 'a' ? 'b' : 'a';
  EXPECT_FALSE(RunValidator("github-crc32", tampered));
  EXPECT_FALSE(RunValidator("github-crc32", "ghp_short"));
}

TEST(ValidatorsTest, JwtNeedsJsonHeaderWithAlgAndJsonPayload) {
  // {"alg":"HS256","typ":"JWT"} . {"sub":"1"} . sig
  std::string jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlX2J5dGVz";
  EXPECT_TRUE(JwtOk(jwt));
  EXPECT_FALSE(JwtOk("eyJmb28iOiJiYXIifQ.eyJzdWIiOiIxIn0.c2ln"));  // header without alg
  EXPECT_FALSE(JwtOk("abc.def"));
  EXPECT_FALSE(JwtOk("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.!!!.c2ln"));
}

TEST(ValidatorsTest, LuhnBase64AndPlaceholders) {
  EXPECT_TRUE(LuhnOk("4111111111111111"));
  EXPECT_FALSE(LuhnOk("4111111111111112"));
  EXPECT_TRUE(Base64Ok("aGVsbG8gd29ybGQ="));
  EXPECT_FALSE(Base64Ok("not base64!"));
  EXPECT_TRUE(LooksLikePlaceholder("your_api_key_here"));
  EXPECT_TRUE(LooksLikePlaceholder("xxxxxxxxxxxxxxxx"));
  EXPECT_TRUE(LooksLikePlaceholder("AKIAIOSFODNN7EXAMPLE"));
  EXPECT_FALSE(LooksLikePlaceholder("q8Rk2LmNp4Xv7Bc9"));
}

TEST(ValidatorsTest, PypiMacaroonMustDecodeToPypiLocation) {
  // base64url of "\x02\x01\x08pypi.org..." style bytes
  EXPECT_TRUE(RunValidator("pypi-macaroon", "pypi-AgEIcHlwaS5vcmcCJGY0ZTc"));
  EXPECT_FALSE(RunValidator("pypi-macaroon", "pypi-AgEIZXhhbXBsZS5jb20CJGY0"));
}

// GitLab routable tokens (handbook "Cells: Routable Tokens" and
// Authn::TokenField::Generator::RoutableToken): the last 7 base36 characters
// are the CRC32 of everything before them, prefix included.
TEST(ValidatorsTest, GitlabCrc32ChecksRoutableTokensAndPassesLegacyOnes) {
  EXPECT_TRUE(GitlabCrc32Ok("glpat-bzox79Of-KE9FD2LjoXXF4CvyxA.0r03gxo7s"));  // no version
  EXPECT_TRUE(GitlabCrc32Ok("glpat-uMwc4lCAkvcam3Ay6gzN22M6MQpvOjEKdTo0azJwDg.01.160qasg1l"));
  EXPECT_TRUE(GitlabCrc32Ok("glrt-t1_5prVTlbX6KMFJpBzLCvxC2M6MQpvOjEKdDoxCw.01.121y8h5n3"));
  EXPECT_FALSE(GitlabCrc32Ok("glpat-bzox79Of-KE9FD2LjoXXF4CvyxA.0r03gxo7t"));  // CRC
  EXPECT_FALSE(GitlabCrc32Ok("glpat-bzox79Of-KE9FD2LjoXXF4CvyxB.0r03gxo7s"));  // payload
  EXPECT_FALSE(GitlabCrc32Ok("glpat-uMwc4lCAkvcam3Ay6gzN22M6MQpvOjEKdTo0azJwDg.02.160qasg1l"));
  EXPECT_FALSE(GitlabCrc32Ok("glpat-bzox79Of-KE9FD2LjoXXF4CvyxA.0r03gxo7"));   // short tail
  EXPECT_FALSE(GitlabCrc32Ok("glpat-bzox79Of-KE9FD2LjoXXF4CvyxA.0rzzzzzzz"));  // > 32 bits
  EXPECT_TRUE(GitlabCrc32Ok("glpat-yJb8T8IDir3XZHNqLF2E"));                    // legacy
  EXPECT_FALSE(GitlabCrc32Ok("glpat-xxxxxxxxxxxxxxxxxxxx"));                   // placeholder
  EXPECT_TRUE(RunValidator("gitlab-crc32", "glpat-bzox79Of-KE9FD2LjoXXF4CvyxA.0r03gxo7s"));
}

// Grafana satokengen: glsa_<32 random>_<hex of the little-endian CRC32 of
// "glsa_<32 random>">.
TEST(ValidatorsTest, GrafanaCrc32IsLittleEndianHexOfPrefixAndSecret) {
  EXPECT_TRUE(GrafanaCrc32Ok("glsa_vakj6Ll0tn91snZrqwiXFu3ChYXxs0cz_de8df335"));
  EXPECT_TRUE(RunValidator("grafana-crc32", "glsa_bmRzmeLcqS01LlnjJhNJVLTeaAMCnx2i_2201cefc"));
  EXPECT_FALSE(GrafanaCrc32Ok("glsa_vakj6Ll0tn91snZrqwiXFu3ChYXxs0cz_35f38dde"));  // big-endian
  EXPECT_FALSE(GrafanaCrc32Ok("glsa_vakj6Ll0tn91snZrqwiXFu3ChYXxs0cZ_de8df335"));
  EXPECT_FALSE(GrafanaCrc32Ok("vakj6Ll0tn91snZrqwiXFu3ChYXxs0cz_de8df335"));
  EXPECT_FALSE(GrafanaCrc32Ok("glsa_vakj6Ll0tn91snZrqwiXFu3ChYXxs0cz_de8df33"));
}

TEST(ValidatorsTest, Bech32IsBip173NotBech32m) {
  EXPECT_TRUE(Bech32Ok("A12UEL5L"));  // BIP-173 test vectors
  EXPECT_TRUE(Bech32Ok("a12uel5l"));
  EXPECT_FALSE(Bech32Ok("A1LQFN3A"));  // valid bech32m (BIP-350), not bech32
  EXPECT_FALSE(Bech32Ok("A1G7SGD8"));  // checksum over the upper-case HRP
  EXPECT_FALSE(Bech32Ok("A12UeL5L"));  // mixed case
  const std::string id =
      "AGE-SECRET-KEY-1D3WQPVZ2U6C43VAGJNGRJJEGVZ9T5GH9P85CNT9FQQ57MX5UR3UQCU5L0A";
  EXPECT_TRUE(RunValidator("bech32", id));
  EXPECT_TRUE(
      Bech32Ok("AGE-SECRET-KEY-PQ-1EZLX23X8R5KXMGJ7PWYZNM9TZJ54MYVGZT7SRA94CR4T2KYG7M3SD52KAK"));
  std::string corrupted = id;
  corrupted[30] = corrupted[30] == 'Q' ? 'P' : 'Q';
  EXPECT_FALSE(Bech32Ok(corrupted));
  EXPECT_FALSE(
      Bech32Ok("AGE-SECRET-KEY-1BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB"));
}

TEST(ValidatorsTest, Base64JsonDecodesThePartAfterThePrefix) {
  // {"o":"1","n":"ci","k":"abc"}
  EXPECT_TRUE(Base64JsonOk("glc_eyJvIjoiMSIsIm4iOiJjaSIsImsiOiJhYmMifQ=="));
  EXPECT_TRUE(
      RunValidator("base64-json", "sntrys_eyJpYXQiOjE3MTcwMDAwMDB9_Xq3v9T0kLmN2pR8sW4yB6dF1hJ5g"));
  EXPECT_FALSE(Base64JsonOk("glc_eyJvIjoiMSIsIm4iOiJjaSIsImsiOiJhYmM"));  // truncated JSON
  EXPECT_FALSE(Base64JsonOk("glc_bm90IGpzb24gYXQgYWxs"));                 // "not json at all"
  EXPECT_FALSE(Base64JsonOk("sntrys_YOUR_TOKEN_HERE"));
}

// Generated for this test with `openssl ecparam -genkey`, `openssl ec -aes128`
// and `ssh-keygen -t ed25519`; never used anywhere.
constexpr std::string_view kEcKey =
    "-----BEGIN EC PRIVATE KEY-----\n"
    "MHcCAQEEIFkSbcRT4rYnFY/zqf69aT8fXPkDp3Q9kLAR/pZlcp++oAoGCCqGSM49\n"
    "AwEHoUQDQgAEVE9wPji2pUE4nsTo+vcK6OFUp0HXrIMuZWKg1JWqpMa58YGYw3c3\n"
    "qSGhlnvm8trSHrpDuFffT3Qz9s1JeH+vOw==\n"
    "-----END EC PRIVATE KEY-----";
constexpr std::string_view kOpensshKey =
    "-----BEGIN OPENSSH PRIVATE KEY-----\n"
    "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n"
    "QyNTUxOQAAACAgkCrOEfzyw6RA5uRqIbdy1je/bFmkAhZ2fR3PieCUigAAAIhVptA0VabQ\n"
    "NAAAAAtzc2gtZWQyNTUxOQAAACAgkCrOEfzyw6RA5uRqIbdy1je/bFmkAhZ2fR3PieCUig\n"
    "AAAEA87xnBWdLeyFvHNwZ9V5wPbUrid2ZDzWWsZdWBamfoKiCQKs4R/PLDpEDm5Goht3LW\n"
    "N79sWaQCFnZ9Hc+J4JSKAAAAAAECAwQF\n"
    "-----END OPENSSH PRIVATE KEY-----";
constexpr std::string_view kLegacyEncrypted =
    "-----BEGIN EC PRIVATE KEY-----\n"
    "Proc-Type: 4,ENCRYPTED\n"
    "DEK-Info: AES-128-CBC,4D94B05DD53BE2D0C8FAD46B3DCF5391\n"
    "\n"
    "MF7XiEO6D/SzXBpFaN2vJqOoo1JJmrC/xF273ZJL92MLF2XJyrkc5r15AXzN4suR\n"
    "wUDjKKam/kJ/lbVr8qskIKOzOwqqR2TByykf5y+3OWjVocvvfvWCc2y3ULBzpJTI\n"
    "UEb7qVUrcLrHpIcs1PWJRgO3Lb+ENz2B+9+Zw0kyfoY=\n"
    "-----END EC PRIVATE KEY-----";

std::string Replace(std::string s, std::string_view from, std::string_view to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
    s.replace(at, from.size(), to);
  }
  return s;
}

std::string Base64(std::string_view in) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (size_t i = 0; i < in.size(); i += 3) {
    uint32_t n = static_cast<uint8_t>(in[i]) << 16;
    if (i + 1 < in.size()) n |= static_cast<uint8_t>(in[i + 1]) << 8;
    if (i + 2 < in.size()) n |= static_cast<uint8_t>(in[i + 2]);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += i + 1 < in.size() ? kAlphabet[(n >> 6) & 63] : '=';
    out += i + 2 < in.size() ? kAlphabet[n & 63] : '=';
  }
  return out;
}

TEST(ValidatorsTest, PemKeyAcceptsCompleteKeysInEveryWrapping) {
  EXPECT_TRUE(PemKeyOk(kEcKey));
  EXPECT_TRUE(PemKeyOk(kOpensshKey));
  EXPECT_TRUE(PemKeyOk(kLegacyEncrypted));
  EXPECT_TRUE(PemKeyOk(Replace(std::string(kEcKey), "\n", "\\n")));          // JSON string
  EXPECT_TRUE(PemKeyOk(Replace(std::string(kEcKey), "\n", "\\\\n")));        // escaped twice
  EXPECT_TRUE(PemKeyOk(Replace(std::string(kOpensshKey), "\n", "\n    ")));  // YAML block
  EXPECT_TRUE(PemKeyOk(Replace(std::string(kEcKey), "\n", "\r\n")));
  EXPECT_TRUE(RunValidator("pem-key", Base64(kEcKey)));  // LS0tLS1CRUdJTi...
}

TEST(ValidatorsTest, PemKeyRejectsStubsTruncatedAndPaddedBodies) {
  EXPECT_FALSE(PemKeyOk("-----BEGIN RSA PRIVATE KEY-----\nMIIE...\n-----END RSA PRIVATE KEY-----"));
  EXPECT_FALSE(
      PemKeyOk("-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEAxxxxxxxxxxxxxxxxxxxxxxxx"
               "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n-----END RSA PRIVATE KEY-----"));
  // Last body line dropped: the DER length no longer covers the body.
  EXPECT_FALSE(
      PemKeyOk(Replace(std::string(kEcKey), "qSGhlnvm8trSHrpDuFffT3Qz9s1JeH+vOw==\n", "")));
  EXPECT_FALSE(
      PemKeyOk(Replace(std::string(kOpensshKey), "N79sWaQCFnZ9Hc+J4JSKAAAAAAECAwQF\n", "")));
  // Bytes appended after a complete key.
  EXPECT_FALSE(PemKeyOk(Replace(std::string(kEcKey), "vOw==", "vOwAAAAAA")));
  // A body that is not base64 (bad padding, other characters).
  EXPECT_FALSE(PemKeyOk(Replace(std::string(kEcKey), "vOw==", "vOw=")));
  EXPECT_FALSE(PemKeyOk(Replace(std::string(kEcKey), "AwEHoUQD", "AwEH*UQD")));
  EXPECT_FALSE(PemKeyOk(
      Replace(std::string(kLegacyEncrypted),
              "UEb7qVUrcLrHpIcs1PWJRgO3Lb+ENz2B+9+Zw0kyfoY=", "UEb7")));  // not whole blocks
  EXPECT_FALSE(PemKeyOk("-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIFkSbcRT4rYnFY"));  // no END
  EXPECT_FALSE(RunValidator(
      "pem-key",
      Base64(Replace(std::string(kEcKey), "qSGhlnvm8trSHrpDuFffT3Qz9s1JeH+vOw==\n", ""))));
}

}  // namespace
}  // namespace leakhound::rules
