// The gitleaks reader in two steps: gitleaks_read.cc turns one document's
// tables into a Doc (no extension), gitleaks.cc resolves [extend] chains and
// builds the Config. Private to src/config/.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "config/internal.h"
#include "rules/rule.h"

namespace leakhound::config::internal::gl {

// One [[rules]] entry converted to a leakhound rule, with which fields the
// file set (gitleaks merges only set fields into an extended rule).
struct Rule {
  rules::Rule rule;
  std::string where;  // "file: [[rules]] 'id'"
  bool has_regex = false, has_path = false, has_description = false;
  bool has_entropy = false, has_secret_group = false;
};

struct Doc {
  std::string source;
  std::string title;
  bool has_extend = false, use_default = false;
  std::string extend_path, extend_where;
  std::vector<std::string> disabled;
  std::vector<Rule> rules;                   // later duplicates already removed
  std::vector<rules::Allowlist> allowlists;  // global ones without targetRules
  std::vector<std::pair<std::string, rules::Allowlist>> targeted;  // rule id → allowlist
};

// Reads one document. Type errors and invalid values go to `p`; unsupported
// keys and tolerated problems to `warnings`.
Doc ReadDoc(const toml::table& doc, const std::string& source, Problems& p,
            std::vector<std::string>* warnings);

}  // namespace leakhound::config::internal::gl
