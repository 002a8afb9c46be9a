// Fuzzes the matcher with the built-in rules over arbitrary bytes: the
// Hyperscan-prefiltered Scanner must report exactly what the naive one-RE2-
// pass-per-rule scan reports (matcher.h's contract). The first byte picks the
// path (some rules are scoped to file names).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "builtin/builtin.h"
#include "matcher/database.h"
#include "matcher/matcher.h"
#include "rules/loader.h"
#include "rules/rule_set.h"

namespace {

using namespace leakhound;

struct Engine {
  std::shared_ptr<const matcher::Database> db;
  std::unique_ptr<matcher::Scanner> scanner;
};

Engine* Init() {
  auto loaded = builtin::Rules();
  if (!loaded) std::abort();
  auto set = rules::RuleSet::Build(std::move(*loaded));
  if (!set) std::abort();
  matcher::CacheOptions cache;  // compiling ~400 rules takes seconds: reuse it across runs
  const char* tmp = std::getenv("TMPDIR");
  cache.dir = std::string(tmp ? tmp : "/tmp") + "/leakhound-fuzz-cache";
  auto db = matcher::Database::Build(*set, cache);
  if (!db) std::abort();
  auto* e = new Engine{*db, nullptr};
  e->scanner = std::make_unique<matcher::Scanner>(e->db, matcher::MatchOptions{});
  return e;
}

std::string Describe(const std::vector<matcher::Match>& v) {
  std::string out;
  for (const auto& m : v) {
    out += std::to_string(m.rule) + "[" + std::to_string(m.whole.begin) + "," +
           std::to_string(m.whole.end) + ")s[" + std::to_string(m.secret.begin) + "," +
           std::to_string(m.secret.end) + ") ";
  }
  return out;
}

constexpr const char* kPaths[] = {"f.txt",
                                  ".env",
                                  "id_rsa",
                                  "main.tf",
                                  "x/.npmrc",
                                  "settings.xml",
                                  "k8s.yaml",
                                  ".pypirc",
                                  ".netrc",
                                  "a.pem",
                                  "config.json",
                                  "terraform.tfstate",
                                  ".git-credentials",
                                  "x.ps1",
                                  "app.properties",
                                  ""};

Engine* g_engine = nullptr;

}  // namespace

// Compiles the database before the first input (outside libFuzzer's per-input timeout).
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  g_engine = Init();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Engine* engine = g_engine;
  if (size == 0) return 0;
  std::string_view path = kPaths[data[0] % (sizeof(kPaths) / sizeof(kPaths[0]))];
  std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  std::vector<matcher::Match> fast, naive;
  if (!engine->scanner->Scan(text, path, &fast, nullptr)) std::abort();
  matcher::NaiveScan(engine->db->rules(), text, path, matcher::MatchOptions{}, &naive);
  for (const auto& m : fast) {
    if (m.whole.end > text.size() || m.secret.end > text.size() || m.secret.begin > m.secret.end) {
      std::abort();
    }
  }
  std::string a = Describe(fast), b = Describe(naive);
  if (a != b) {
    std::fprintf(stderr, "path %.*s\nscanner: %s\nnaive:   %s\n", int(path.size()), path.data(),
                 a.c_str(), b.c_str());
    std::abort();
  }
  return 0;
}
