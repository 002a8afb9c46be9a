#include "inventory/backend.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

#include "inventory/inventory.h"

namespace leakhound::inventory {
namespace {

TEST(InventoryBackendTest, PostgresUris) {
  EXPECT_TRUE(IsPostgresUri("postgresql://db/inv"));
  EXPECT_TRUE(IsPostgresUri("postgres://u@db:5432/inv"));
  EXPECT_FALSE(IsPostgresUri("inv.db"));
  EXPECT_FALSE(IsPostgresUri("./postgresql://x"));
}

TEST(InventoryBackendTest, DisplayNameHasNoCredentials) {
  EXPECT_EQ(DisplayName("postgresql://inv:s3cr%40t@db:5432/inv?sslmode=require&password=x"),
            "postgresql://db:5432/inv");
  EXPECT_EQ(DisplayName("postgres://inv@db/inv"), "postgres://db/inv");
  EXPECT_EQ(DisplayName("/tmp/a:b@c.db"), "/tmp/a:b@c.db");  // a path stays a path
}

TEST(InventoryBackendTest, SqliteStatementsWithReturning) {
  char dir[] = "/tmp/lh-inv-test.XXXXXX";
  ASSERT_NE(mkdtemp(dir), nullptr);
  std::string path = std::string(dir) + "/inv.db";
  {
    auto db = Db::Open(path, true);
    ASSERT_TRUE(db.ok()) << db.error().message;
    ASSERT_TRUE(db->Exec("CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT)").ok());
    auto ins = db->Prepare("INSERT INTO t(v) VALUES(?1) RETURNING id");
    ASSERT_TRUE(ins.ok());
    for (int64_t want = 1; want <= 2; ++want) {
      auto row = ins->Bind(1, "x").Step();
      ASSERT_TRUE(row.ok() && *row);
      EXPECT_EQ(ins->Int(0), want);
      ins->Reset();
    }
    auto bad = db->Prepare("SELECT nope FROM t");
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.error().message.find(path + ": "), std::string::npos) << bad.error().message;
  }
  EXPECT_FALSE(Db::Open(std::string(dir) + "/missing.db", false).ok());
  unlink(path.c_str());
  rmdir(dir);
}

TEST(InventoryBackendTest, PostgresErrorsNeverHoldThePassword) {
  // Nothing listens on port 1: libpq fails to connect, quickly.
  for (const char* uri : {"postgresql://inv:hunter2-secret@127.0.0.1:1/inv",
                          "postgresql://inv@127.0.0.1:1/inv?password=hunter2-secret",
                          "postgresql://inv:hunter2%zzsecret@127.0.0.1:1/inv"}) {
    auto db = Db::Open(uri, true);
    ASSERT_FALSE(db.ok()) << uri;
    const std::string& m = db.error().message;
    EXPECT_EQ(m.find("hunter2"), std::string::npos) << m;
    EXPECT_EQ(m.find("secret"), std::string::npos) << m;
    EXPECT_EQ(m.rfind("postgresql://127.0.0.1:1/inv: ", 0), 0u) << m;
  }
}

}  // namespace
}  // namespace leakhound::inventory
