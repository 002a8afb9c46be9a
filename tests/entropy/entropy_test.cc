#include "entropy/entropy.h"

#include <gtest/gtest.h>

namespace leakhound::entropy {
namespace {

TEST(EntropyTest, ShannonOfKnownStrings) {
  EXPECT_DOUBLE_EQ(Shannon(""), 0.0);
  EXPECT_DOUBLE_EQ(Shannon("aaaa"), 0.0);
  EXPECT_DOUBLE_EQ(Shannon("ab"), 1.0);
  EXPECT_DOUBLE_EQ(Shannon("abcd"), 2.0);
  EXPECT_NEAR(Shannon("0123456789abcdef"), 4.0, 1e-9);
}

TEST(EntropyTest, ClassifiesAlphabets) {
  EXPECT_EQ(Classify("deadbeef0123"), Alphabet::kHex);
  EXPECT_EQ(Classify("Zq8Rk2LmNp"), Alphabet::kAlnum);
  EXPECT_EQ(Classify("Zq8+k2/mNp=="), Alphabet::kBase64);
  EXPECT_EQ(Classify("p@ss w0rd!"), Alphabet::kOther);
}

TEST(EntropyTest, GenericFilterAcceptsRandomLookingSecrets) {
  Thresholds t;
  EXPECT_EQ(GenericFilter("q8Rk2LmNp4Xv7Bc9Df1Gh3Jk", t), Suppress::kNone);
  EXPECT_EQ(GenericFilter("9f86d081884c7d659a2feaa0c55ad015", t), Suppress::kNone);
  EXPECT_EQ(GenericFilter("Tr0ub4dor&3xK!9zQ", t), Suppress::kNone);
}

TEST(EntropyTest, Base64WithSlashesIsNotAPath) {
  Thresholds t;
  // A 64-character base64 secret holds two '/' on average.
  EXPECT_EQ(GenericFilter("eUVqNZA3XqA6jd/M/rENUX1OqbrHiL7U3SxhxuZnhVYylvOk63hLH1sB5VBW+Afu", t),
            Suppress::kNone);
  EXPECT_EQ(GenericFilter("kQ9vL2xR7tZ4wB8n/Jd3Hs6Fp1Mc5Yg0/Ue7Ka2Tq9Xr4Nb8Lw", t),
            Suppress::kNone);
}

TEST(EntropyTest, GenericFilterSuppressesKnownNonSecretShapes) {
  Thresholds t;
  EXPECT_EQ(GenericFilter("123e4567-e89b-12d3-a456-426614174000", t), Suppress::kUuid);
  EXPECT_EQ(GenericFilter("sha512-7fWq0x9bLmN2pQ4rS6tU8vW0xY2zA4bC6dE8fG0hI2j", t),
            Suppress::kHashLike);
  EXPECT_EQ(GenericFilter("data:image/png;base64,iVBORw0KGgo", t), Suppress::kDataUri);
  EXPECT_EQ(GenericFilter("10.24.3-beta.1", t), Suppress::kVersion);
  EXPECT_EQ(GenericFilter("/usr/local/share/app/keys", t), Suppress::kPath);
  EXPECT_EQ(GenericFilter("assets/images/icons/logo-dark.svg", t), Suppress::kPath);
  EXPECT_EQ(GenericFilter("aaaaaaaaaaaaaaaa", t), Suppress::kRepetitive);
  EXPECT_EQ(GenericFilter("abcdefghijklmnop", t), Suppress::kRepetitive);
  EXPECT_EQ(GenericFilter("${DATABASE_PASSWORD}", t), Suppress::kVariable);
  EXPECT_EQ(GenericFilter("<your-api-key>", t), Suppress::kVariable);
  EXPECT_EQ(GenericFilter("changeme-please", t), Suppress::kPlaceholder);
  EXPECT_EQ(GenericFilter("EXAMPLEKEY1234567", t), Suppress::kPlaceholder);
  EXPECT_EQ(GenericFilter("process.env.API_KEY", t), Suppress::kCode);
  EXPECT_EQ(GenericFilter("short", t), Suppress::kTooShort);
  EXPECT_EQ(GenericFilter("hellohellohello1", t), Suppress::kLowEntropy);
}

TEST(EntropyTest, ThresholdsAreConfigurable) {
  const char* token = "q8Rk2LmNp4Xv7Bc9Df1Gh3Jk5Ls6QwZa0Y";  // 34 chars, ~5.0 bits/char
  Thresholds strict;
  strict.alnum = 5.5;
  EXPECT_EQ(GenericFilter(token, strict), Suppress::kLowEntropy);
  Thresholds lax;
  EXPECT_EQ(GenericFilter(token, lax), Suppress::kNone);
}

}  // namespace
}  // namespace leakhound::entropy
