#include "rules/validators.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <string>

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

}  // namespace
}  // namespace leakhound::rules
