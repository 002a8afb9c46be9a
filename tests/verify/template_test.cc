#include "verify/template.h"

#include <gtest/gtest.h>

namespace leakhound::verify {
namespace {

TEST(TemplateTest, ExpandsSecretCapturesAndFilters) {
  std::map<std::string, std::string> caps = {{"sid", "AC123"}, {"user", "a b"}};
  TemplateValues v{"tok-us21", &caps, nullptr};
  auto r = Render("Bearer {{secret}} {{ capture.sid }} {{secret|after:-}} {{secret|before:-}}", v,
                  Escape::kNone);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(*r, "Bearer tok-us21 AC123 us21 tok");
  auto b = Render("{{capture.user|base64}}|{{capture.user|urlencode}}|{{secret|lower}}", v,
                  Escape::kNone);
  ASSERT_TRUE(b);
  EXPECT_EQ(*b, "YSBi|a%20b|tok-us21");
}

TEST(TemplateTest, UrlEscapingEncodesValuesNotTheTemplate) {
  TemplateValues v{"a/b?c&d=e:f", nullptr, nullptr};
  auto r = Render("/x?key={{secret}}&y=1", v, Escape::kUrl);
  ASSERT_TRUE(r);
  EXPECT_EQ(*r, "/x?key=a%2Fb%3Fc%26d%3De:f&y=1");
}

TEST(TemplateTest, HostEscapingRejectsUnsafeValues) {
  TemplateValues good{"0123-us21", nullptr, nullptr};
  auto r = Render("https://{{secret|after:-}}.api.example.com", good, Escape::kHost);
  ASSERT_TRUE(r);
  EXPECT_EQ(*r, "https://us21.api.example.com");
  TemplateValues evil{"x-evil.com/", nullptr, nullptr};
  EXPECT_FALSE(Render("https://{{secret|after:-}}.api.example.com", evil, Escape::kHost));
  TemplateValues at{"x-a@b", nullptr, nullptr};
  EXPECT_FALSE(Render("https://{{secret|after:-}}.api.example.com", at, Escape::kHost));
}

TEST(TemplateTest, MaskHidesEveryValue) {
  std::map<std::string, std::string> caps = {{"sid", "AC123"}};
  TemplateValues v{"supersecret", &caps, nullptr};
  auto r = Render("/bot{{secret}}/x/{{capture.sid}}", v, Escape::kMask);
  ASSERT_TRUE(r);
  EXPECT_EQ(*r, "/bot***/x/***");
}

TEST(TemplateTest, MissingCaptureAndUnknownNamesAreErrors) {
  TemplateValues v{"s", nullptr, nullptr};
  auto missing = Render("{{capture.key_id}}", v, Escape::kNone);
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("key_id"), std::string::npos);
  EXPECT_FALSE(Render("{{password}}", v, Escape::kNone));
  EXPECT_FALSE(Render("{{secret|rot13}}", v, Escape::kNone));
  EXPECT_FALSE(Render("{{secret", v, Escape::kNone));
}

TEST(TemplateTest, Base64MatchesRfc4648Vectors) {
  EXPECT_EQ(Base64Encode(""), "");
  EXPECT_EQ(Base64Encode("f"), "Zg==");
  EXPECT_EQ(Base64Encode("fo"), "Zm8=");
  EXPECT_EQ(Base64Encode("foo"), "Zm9v");
  EXPECT_EQ(Base64Encode("foobar"), "Zm9vYmFy");
}

TEST(TemplateTest, VariablesListsNames) {
  auto vars = Variables("{{secret}} {{capture.a|base64}} {{capture.a}}");
  EXPECT_EQ(vars["secret"], 1);
  EXPECT_EQ(vars["capture.a"], 2);
}

}  // namespace
}  // namespace leakhound::verify
