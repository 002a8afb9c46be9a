// `leakhound --version`: the release, the commit it was built from, the
// libraries doing the work (their versions decide the behaviour), and the
// built-in rules (count and digest), so a report can be tied to a build.
#include <git2.h>
#include <openssl/evp.h>

#include <cstdio>
#include <string>

#include "builtin/builtin.h"
#include "commands/commands.h"
#include "matcher/database.h"

// Written at build time by build_info.cmake (the commit of the source tree).
extern "C" const char leakhound_build_commit[];

namespace leakhound::commands {

namespace {

// The first 16 hex digits of the SHA-256 of `bytes`.
std::string ShortSha256(std::string_view bytes) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), md, &len, EVP_sha256(), nullptr) != 1) return "?";
  std::string hex;
  char buf[3];
  for (unsigned int i = 0; i < len && i < 8; ++i) {
    std::snprintf(buf, sizeof(buf), "%02x", md[i]);
    hex += buf;
  }
  return hex;
}

}  // namespace

std::string VersionText() {
  std::string out = std::string("leakhound ") + LEAKHOUND_VERSION;
  out += std::string(" (commit ") + leakhound_build_commit + ")\n";
  out += "hyperscan " + std::string(matcher::Database::EngineVersion()) + "\n";
  int major = 0, minor = 0, rev = 0;
  git_libgit2_version(&major, &minor, &rev);
  out += "libgit2 " + std::to_string(major) + "." + std::to_string(minor) + "." +
         std::to_string(rev) + "\n";
  auto rules = builtin::Rules();
  std::string count = rules ? std::to_string((*rules).size()) : "?";
  out += "rules " + count + " built-in, digest sha256:" + ShortSha256(builtin::SerializedRules());
  return out;
}

}  // namespace leakhound::commands
