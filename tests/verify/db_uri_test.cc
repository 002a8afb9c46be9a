#include "verify/db_uri.h"

#include <gtest/gtest.h>

namespace leakhound::verify {
namespace {

TEST(DbUriTest, ParsesUserHostPortDatabaseAndParams) {
  auto t = ParseDbUri("postgresql://app%40x:s3cr%2Ft@db.internal:6543/orders%20db?sslmode=require");
  ASSERT_TRUE(t) << t.error().message;
  EXPECT_EQ(t->user, "app@x");
  EXPECT_EQ(t->host, "db.internal");
  EXPECT_EQ(t->port, "6543");
  EXPECT_EQ(t->database, "orders db");
  EXPECT_EQ(t->params.at("sslmode"), "require");
}

TEST(DbUriTest, Ipv6AndDefaults) {
  auto t = ParseDbUri("mysql://root:pw@[::1]");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->host, "::1");
  EXPECT_EQ(t->port, "");
  EXPECT_EQ(t->database, "");
}

TEST(DbUriTest, RejectsUrisWithoutUserOrHost) {
  EXPECT_FALSE(ParseDbUri("postgres://db.internal/x"));
  EXPECT_FALSE(ParseDbUri("postgres://u:p@/x"));
  EXPECT_FALSE(ParseDbUri("postgres://u:p@h:54x2/x"));
  EXPECT_FALSE(ParseDbUri("not a uri"));
}

TEST(DbUriTest, UriFromTheContextLine) {
  auto a =
      UriFromContext("DATABASE_URL=postgres://app:AV22********@db:5432/orders?sslmode=require x",
                     "AV22A27ieHnCz4mUJ~DR", "AV22********");
  ASSERT_TRUE(a) << a.error().message;
  EXPECT_EQ(*a, "postgres://app:x@db:5432/orders?sslmode=require");
  auto raw = UriFromContext("url: 'mysql+pymysql://u:pw123456@h/db'", "pw123456", "pw******");
  ASSERT_TRUE(raw);
  EXPECT_EQ(*raw, "mysql+pymysql://u:x@h/db");
  EXPECT_FALSE(UriFromContext("…abc:AV22********@db/x", "AV22A27ieHnCz4mUJ~DR", "AV22********"));
  EXPECT_FALSE(UriFromContext("password=AV22********", "AV22A27ieHnCz4mUJ~DR", "AV22********"));
}

TEST(DbUriTest, TargetFromCaptures) {
  Finding f;
  Candidate c;
  c.finding = &f;
  c.values.map = {{"user", "app"}, {"host", "[fe80::1]"}, {"port", "5433"}, {"database", "x"}};
  auto t = DbTargetOf(c);
  ASSERT_TRUE(t) << t.error().message;
  EXPECT_EQ(t->host, "fe80::1");
  c.values.map = {{"host", "h"}};
  EXPECT_FALSE(DbTargetOf(c));
  EXPECT_EQ(DecodePassword("p%40ss%zz"), "p@ss%zz");
}

}  // namespace
}  // namespace leakhound::verify
