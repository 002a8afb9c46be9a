#include "cache/rule_digest.h"

#include <openssl/evp.h>

#include <cstring>
#include <vector>

#include "rules/serialize.h"

namespace leakhound::cache {

uint64_t RuleDigest(const rules::Rule& rule) {
  rules::Rule r;
  r.id = rule.id;
  r.regex = rule.regex;
  r.secret_group = rule.secret_group;
  r.secret_group_name = rule.secret_group_name;
  r.keywords = rule.keywords;
  r.keywords_anywhere = rule.keywords_anywhere;
  r.min_entropy = rule.min_entropy;
  r.validate = rule.validate;
  r.filter = rule.filter;
  r.paths = rule.paths;
  r.exclude_paths = rule.exclude_paths;
  r.path_regex = rule.path_regex;
  r.drop_if_invalid = rule.drop_if_invalid;
  std::string bytes = rules::SerializeRules({r});
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(bytes.data(), bytes.size(), md, &len, EVP_sha256(), nullptr);
  uint64_t out = 0;
  std::memcpy(&out, md, sizeof(out));
  return out;
}

}  // namespace leakhound::cache
