// VerifyAll over a real loopback server: one request per distinct credential,
// paired values found next to the secret, the dry run contacts nothing and
// prints no secret, the cache holds outcomes but never secrets.
#include "verify/verify.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "rules/loader.h"
#include "verify/test_server.h"
#include "verify/verifier.h"

namespace leakhound::verify {
namespace {

using testing::TestRequest;
using testing::TestResponse;
using testing::TestServer;

constexpr char kRules[] = R"(
[[rule]]
id = "t.id"
description = "account id"
regex = 'acct_[0-9]{6}'

[[rule]]
id = "t.key"
description = "key"
regex = 'key_[a-z]{8}'
[rule.verify]
name = "tprov"
base_url = "https://api.tprov.invalid"
path = "/accounts/{{capture.account}}"
basic_auth = ["{{capture.account}}", "{{secret}}"]
identity = { account = "/id" }
pairs = { account = "t.id" }
live = { status = 200 }
revoked = { status = 401 }

[[rule]]
id = "t.key2"
description = "same verifier"
regex = 'kez_[a-z]{8}'
[rule.verify]
same_as = "t.key"

[[rule]]
id = "t.pg"
description = "database password"
regex = 'postgresql://[a-z]+:([A-Z]+)@'
secret_group = 1
verifier = "postgres"

[[rule]]
id = "t.plain"
description = "no verifier"
regex = 'plain_[a-z]{8}'
)";

Finding Make(const rules::RuleSet& set, const std::string& rule, const std::string& secret,
             const std::string& path, uint32_t line) {
  Finding f;
  f.rule_id = rule;
  f.rule_index = static_cast<uint32_t>(set.Find(rule));
  f.secret = Secret(secret);
  f.fingerprint = rule + ":" + secret;  // any stable string
  f.redacted = Redact(secret);
  f.location.path = path;
  f.location.line = line;
  return f;
}

class VerifyAllTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto loaded = rules::ParseToml(kRules, "<test>");
    ASSERT_TRUE(loaded) << loaded.error().message;
    auto set = rules::RuleSet::Build(std::move(*loaded));
    ASSERT_TRUE(set) << set.error().message;
    rules_ = *set;
    opts_.base_urls = {{"tprov", server_.url()}};
    opts_.timeout_seconds = 2;
    dir_ = std::filesystem::temp_directory_path() /
           ("leakhound-verify-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  static TestResponse Provider(const TestRequest& r) {
    // account 123456 with key_goodgood is live; everything else is rejected.
    if (r.path == "/accounts/acct_123456" && r.headers.count("authorization") &&
        r.headers.at("authorization") == "Basic YWNjdF8xMjM0NTY6a2V5X2dvb2Rnb29k") {
      return {200, {}, R"({"id":"acct_123456"})"};
    }
    return {401, {}, "{}"};
  }

  std::shared_ptr<const rules::RuleSet> rules_;
  TestServer server_{Provider};
  Options opts_;
  ScanStats stats_;
  std::filesystem::path dir_;
};

TEST_F(VerifyAllTest, PairsAndDeduplicates) {
  std::vector<Finding> fs;
  fs.push_back(Make(*rules_, "t.id", "acct_123456", "a.env", 1));
  fs.push_back(Make(*rules_, "t.key", "key_goodgood", "a.env", 2));
  fs.push_back(Make(*rules_, "t.key", "key_goodgood", "a.env", 9));  // same credential
  fs.push_back(Make(*rules_, "t.key", "key_deaddead", "a.env", 3));
  fs.push_back(Make(*rules_, "t.key", "key_goodgood", "b.env", 1));  // no account id in b.env
  fs.push_back(Make(*rules_, "t.plain", "plain_abcdefgh", "a.env", 4));
  ASSERT_TRUE(VerifyAll(*rules_, &fs, opts_, stats_));
  EXPECT_EQ(fs[0].verify.verdict, Verdict::kUnverified);  // the id rule does not verify
  EXPECT_EQ(fs[1].verify.verdict, Verdict::kLive) << fs[1].verify.reason;
  EXPECT_EQ(fs[1].verify.identity["account"], "acct_123456");
  EXPECT_EQ(fs[2].verify.verdict, Verdict::kLive);
  EXPECT_EQ(fs[3].verify.verdict, Verdict::kRevoked);
  EXPECT_EQ(fs[4].verify.verdict, Verdict::kUnknown);
  EXPECT_NE(fs[4].verify.reason.find("account"), std::string::npos) << fs[4].verify.reason;
  EXPECT_EQ(fs[5].verify.verdict, Verdict::kUnverified);
  EXPECT_EQ(server_.requests().size(), 2u);  // goodgood once, deaddead once; b.env sends nothing
}

TEST_F(VerifyAllTest, SameAsSharesTheSpec) {
  std::vector<Finding> fs;
  fs.push_back(Make(*rules_, "t.id", "acct_123456", "c.env", 1));
  fs.push_back(Make(*rules_, "t.key2", "kez_abcdefgh", "c.env", 2));
  ASSERT_TRUE(VerifyAll(*rules_, &fs, opts_, stats_));
  EXPECT_EQ(fs[1].verify.verdict, Verdict::kRevoked);
  ASSERT_EQ(server_.requests().size(), 1u);
  EXPECT_EQ(server_.requests()[0].path, "/accounts/acct_123456");
}

TEST_F(VerifyAllTest, DryRunContactsNothingAndPrintsNoSecret) {
  std::vector<Finding> fs;
  fs.push_back(Make(*rules_, "t.id", "acct_123456", "a.env", 1));
  fs.push_back(Make(*rules_, "t.key", "key_goodgood", "a.env", 2));
  opts_.dry_run = true;
  std::FILE* out = std::tmpfile();
  opts_.plan_out = out;
  ASSERT_TRUE(VerifyAll(*rules_, &fs, opts_, stats_));
  std::rewind(out);
  std::string text;
  for (int c; (c = std::fgetc(out)) != EOF;) text += static_cast<char>(c);
  std::fclose(out);
  EXPECT_NE(text.find("GET " + server_.url() + "/accounts/***"), std::string::npos) << text;
  EXPECT_NE(text.find("--verify-base-url"), std::string::npos) << text;
  EXPECT_EQ(text.find("goodgood"), std::string::npos) << text;
  EXPECT_EQ(text.find("123456"), std::string::npos) << text;
  EXPECT_EQ(server_.requests().size(), 0u);
  EXPECT_EQ(fs[1].verify.verdict, Verdict::kUnverified);
}

TEST_F(VerifyAllTest, CacheServesRepeatsAndHoldsNoSecrets) {
  opts_.cache_ttl_seconds = 3600;
  opts_.cache_path = (dir_ / "sub" / "verify-cache.json").string();
  auto run = [&] {
    std::vector<Finding> fs;
    fs.push_back(Make(*rules_, "t.id", "acct_123456", "a.env", 1));
    fs.push_back(Make(*rules_, "t.key", "key_goodgood", "a.env", 2));
    EXPECT_TRUE(VerifyAll(*rules_, &fs, opts_, stats_));
    return fs[1].verify;
  };
  EXPECT_EQ(run().verdict, Verdict::kLive);
  VerifyResult again = run();
  EXPECT_EQ(again.verdict, Verdict::kLive);
  EXPECT_EQ(again.reason, "cached");
  EXPECT_EQ(again.identity["account"], "acct_123456");
  EXPECT_EQ(server_.requests().size(), 1u);
  struct stat st;
  ASSERT_EQ(::stat(opts_.cache_path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  std::ifstream in(opts_.cache_path);
  std::stringstream ss;
  ss << in.rdbuf();
  EXPECT_EQ(ss.str().find("key_goodgood"), std::string::npos);
  EXPECT_NE(ss.str().find("\"live\""), std::string::npos);
  opts_.cache_ttl_seconds = 0;  // off: contacts the server again
  EXPECT_EQ(run().reason, "");
  EXPECT_EQ(server_.requests().size(), 2u);
}

// Database rules capture only the password: two URIs sharing it name two
// different servers and accounts, so they are two credentials.
TEST_F(VerifyAllTest, SamePasswordOnTwoServersIsTwoCredentials) {
  if (FindCodeVerifier("postgres") == nullptr) GTEST_SKIP() << "built without libpq";
  std::vector<Finding> fs;
  fs.push_back(Make(*rules_, "t.pg", "SAMEPW", "a.env", 1));
  fs.back().context = "DEV=postgresql://app:SAMEPW@127.0.0.1/dev";
  fs.push_back(Make(*rules_, "t.pg", "SAMEPW", "b.env", 1));
  fs.back().context = "PROD=postgresql://admin:SAMEPW@10.20.30.40/prod";
  fs.push_back(Make(*rules_, "t.pg", "SAMEPW", "c.env", 7));  // same target as a.env
  fs.back().context = "url: postgresql://app:SAMEPW@127.0.0.1/dev";
  opts_.dry_run = true;
  std::FILE* out = std::tmpfile();
  opts_.plan_out = out;
  ASSERT_TRUE(VerifyAll(*rules_, &fs, opts_, stats_));
  std::rewind(out);
  std::string text;
  for (int c; (c = std::fgetc(out)) != EOF;) text += static_cast<char>(c);
  std::fclose(out);
  EXPECT_NE(text.find("2 credentials in 3 findings"), std::string::npos) << text;
  EXPECT_NE(text.find("postgresql://app@127.0.0.1:5432/dev"), std::string::npos) << text;
  EXPECT_NE(text.find("postgresql://admin@10.20.30.40:5432/prod"), std::string::npos) << text;
}

// A verdict cached against one base URL (a test server, GitHub Enterprise)
// is not reused for another.
TEST_F(VerifyAllTest, CacheIsKeyedByBaseUrl) {
  opts_.cache_ttl_seconds = 3600;
  opts_.cache_path = (dir_ / "verify-cache.json").string();
  auto run = [&] {
    std::vector<Finding> fs;
    fs.push_back(Make(*rules_, "t.id", "acct_123456", "a.env", 1));
    fs.push_back(Make(*rules_, "t.key", "key_goodgood", "a.env", 2));
    EXPECT_TRUE(VerifyAll(*rules_, &fs, opts_, stats_));
    return fs[1].verify;
  };
  EXPECT_EQ(run().verdict, Verdict::kLive);
  TestServer other([](const TestRequest&) { return TestResponse{401, {}, "{}"}; });
  opts_.base_urls = {{"tprov", other.url()}};
  VerifyResult there = run();
  EXPECT_EQ(there.verdict, Verdict::kRevoked) << there.reason;
  EXPECT_EQ(other.requests().size(), 1u);
  opts_.base_urls = {{"tprov", server_.url()}};  // back: the first outcome is cached
  EXPECT_EQ(run().reason, "cached");
  EXPECT_EQ(server_.requests().size(), 1u);
}

// The global concurrency cap: at most Options::concurrency verifications are
// in flight at once, and they do run in parallel up to it.
TEST(VerifyAllConcurrencyTest, CapsVerificationsInFlight) {
  auto loaded = rules::ParseToml(R"(
[[rule]]
id = "c.key"
description = "key"
regex = 'ckey_[a-z]{8}'
[rule.verify]
name = "cprov"
base_url = "https://api.cprov.invalid"
path = "/me"
headers = { Authorization = "Bearer {{secret}}" }
live = { status = 200 }
revoked = { status = 401 }
)",
                                 "<test>");
  ASSERT_TRUE(loaded) << loaded.error().message;
  auto set = rules::RuleSet::Build(std::move(*loaded));
  ASSERT_TRUE(set) << set.error().message;
  std::atomic<int> in_flight{0}, peak{0};
  TestServer slow([&](const TestRequest&) {
    int now = ++in_flight;
    for (int p = peak.load(); now > p && !peak.compare_exchange_weak(p, now);) {
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    --in_flight;
    return TestResponse{401, {}, "{}"};
  });
  std::vector<Finding> fs;
  for (char c = 'a'; c < 'i'; ++c) {
    fs.push_back(Make(**set, "c.key", "ckey_" + std::string(8, c), "k.env", 1));
  }
  Options o;
  o.base_urls = {{"cprov", slow.url()}};
  o.timeout_seconds = 5;
  o.per_host_per_second = 0;  // the host limiter is tested on its own
  o.concurrency = 3;
  ScanStats stats;
  ASSERT_TRUE(VerifyAll(**set, &fs, o, stats));
  EXPECT_EQ(slow.requests().size(), 8u);
  EXPECT_LE(peak.load(), 3);
  EXPECT_GE(peak.load(), 2);  // parallel, not one at a time
  for (const auto& f : fs) EXPECT_EQ(f.verify.verdict, Verdict::kRevoked) << f.verify.reason;
}

}  // namespace
}  // namespace leakhound::verify
