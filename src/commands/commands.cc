#include "commands/commands.h"

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "allowlist/allowlist.h"
#include "builtin/builtin.h"
#include "commands/output.h"
#include "commands/rule_check.h"
#include "config/config.h"
#include "core/ascii.h"
#include "matcher/database.h"
#include "pipeline/engine.h"
#include "pipeline/memory_budget.h"
#include "rules/loader.h"
#include "verify/verifier_set.h"

namespace leakhound::commands {

using pipeline::Engine;
using pipeline::ScanOptions;

namespace {

nlohmann::json RuleJson(const rules::Rule& r, const verify::VerifierInfo& v) {
  auto list = [](const std::vector<rules::Example>& v) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& e : v) {
      nlohmann::json j = {{"input", e.input}};
      if (!e.secret.empty()) j["secret"] = e.secret;
      if (!e.path.empty()) j["path"] = e.path;
      out.push_back(std::move(j));
    }
    return out;
  };
  return {{"id", r.id},
          {"description", r.description},
          {"provider", r.provider},
          {"regex", r.regex},
          {"secret_group", r.secret_group_name.empty() ? nlohmann::json(r.secret_group)
                                                       : nlohmann::json(r.secret_group_name)},
          {"keywords", r.keywords},
          {"min_entropy", r.min_entropy},
          {"validate", r.validate},
          {"filter", r.filter},
          {"paths", r.paths},
          {"exclude_paths", r.exclude_paths},
          {"severity", ToString(r.severity)},
          {"confidence", ToString(r.confidence)},
          {"tags", r.tags},
          {"references", r.references},
          {"remediation", r.remediation},
          {"verifier", v.name},
          {"verify", v.name.empty() && v.error.empty() ? nlohmann::json(nullptr)
                                                       : nlohmann::json{{"kind", v.kind},
                                                                        {"endpoint", v.endpoint},
                                                                        {"reports", v.reports},
                                                                        {"error", v.error}}},
          {"examples", list(r.examples)},
          {"negative_examples", list(r.negative_examples)},
          {"source", r.source}};
}

}  // namespace

int RulesList(const ScanOptions& options, const std::string& format) {
  config::Config cfg;
  if (!options.no_config) {
    auto c =
        options.config_path.empty() ? config::Discover(".") : config::LoadFile(options.config_path);
    if (!c) return ReportFatal(c.error());
    cfg = std::move(*c);
  }
  auto loaded = LoadRules(options, cfg);
  if (!loaded) return ReportFatal(loaded.error());
  std::vector<const rules::Rule*> list;
  for (const auto& r : *loaded) list.push_back(&r);
  auto verifiers = verify::VerifierSet::Build(list);
  if (format == "json") {
    nlohmann::json arr = nlohmann::json::array();
    for (size_t i = 0; i < list.size(); ++i) arr.push_back(RuleJson(*list[i], verifiers.Info(i)));
    std::cout << arr.dump(2) << "\n";
    return 0;
  }
  if (format != "text")
    return ReportFatal(Error::InvalidArgument("unknown format '" + format + "' (text, json)"));
  std::printf("%-40s %-9s %-6s %-14s %s\n", "ID", "SEVERITY", "CONF", "VERIFIER", "DESCRIPTION");
  size_t verifiable = 0;
  for (size_t i = 0; i < list.size(); ++i) {
    const rules::Rule& r = *list[i];
    verify::VerifierInfo v = verifiers.Info(i);
    verifiable += !v.name.empty();
    std::string what = v.name.empty() ? "" : " [verifies: " + v.reports + "]";
    if (!v.error.empty()) what = " [verifier unusable: " + v.error + "]";
    std::printf("%-40s %-9s %-6s %-14s %s%s\n", r.id.c_str(), ToString(r.severity),
                ToString(r.confidence), v.name.empty() ? "-" : v.name.c_str(),
                r.description.c_str(), what.c_str());
  }
  std::printf("%zu rules, %zu can verify (matrix: rules list --verifiers)\n", loaded->size(),
              verifiable);
  return 0;
}

int RulesCheck(const std::string& dir, bool strict) {
  auto loaded = dir.empty() ? builtin::Rules() : rules::LoadDir(dir);
  if (!loaded) return ReportFatal(loaded.error());
  auto report = commands::CheckRules(*loaded, strict);
  for (const auto& f : report.failures) std::fprintf(stderr, "%s\n", f.c_str());
  std::fprintf(stderr,
               "leakhound: checked %zu rules, %zu examples, %zu negative examples: %zu failures\n",
               report.rules, report.examples, report.negative_examples, report.failures.size());
  return report.failures.empty() ? 0 : 1;
}

namespace {

// Problems of the rules a valid configuration produces: custom leakhound
// rules must compile in both engines and pass their examples; gitleaks rules
// that do not compile are warnings (they are skipped at scan time).
std::vector<std::string> CheckConfigRules(const ScanOptions& options, const config::Config& cfg,
                                          std::vector<std::string>* warnings, size_t* active) {
  std::vector<std::string> problems;
  // Values every scan would reject, not only unknown keys.
  if (cfg.max_memory && *cfg.max_memory < pipeline::kMinMaxMemory) {
    problems.push_back(cfg.path + ": [scan] max_memory " + FormatBytes(*cfg.max_memory) +
                       " is below the minimum of 64 MiB");
  }
  std::vector<rules::Rule> custom;
  for (const auto& r : cfg.rules) {
    if (!r.drop_if_invalid) custom.push_back(r);
  }
  auto report = commands::CheckRules(custom, /*require_examples=*/false, warnings);
  problems.insert(problems.end(), report.failures.begin(), report.failures.end());
  auto loaded = LoadRules(options, cfg, warnings);
  if (!loaded) {
    problems.push_back(loaded.error().message);
    return problems;
  }
  auto set = rules::RuleSet::Build(std::move(*loaded), warnings);
  if (!set) {
    if (problems.empty()) problems.push_back(set.error().message);
    return problems;
  }
  *active = (*set)->size();
  auto db = matcher::Database::Build(
      *set,
      matcher::CacheOptions{!options.no_cache, options.cache_dir, builtin::HyperscanDatabase()});
  if (!db) {
    if (problems.empty()) problems.push_back(db.error().message);
    return problems;
  }
  for (auto& w : (*db)->DroppedRules()) warnings->push_back(std::move(w));
  auto allow = allowlist::AllowlistSet::Build(cfg.allowlists, {});
  if (!allow) problems.push_back(cfg.path + ": " + allow.error().message);
  if (std::string p = config::IgnoreFileProblem(cfg); !p.empty()) problems.push_back(std::move(p));
  return problems;
}

}  // namespace

int ConfigCheck(const ScanOptions& options, const std::string& path) {
  std::string file = path.empty() ? options.config_path : path;
  std::error_code ec;
  if (!file.empty() && !std::filesystem::is_regular_file(file, ec)) {
    return ReportFatal(Error::NotFound(file + ": cannot read configuration file"));
  }
  std::vector<std::string> problems;
  config::Config partial;  // what parsed, when there are problems
  auto cfg = file.empty() ? config::Discover(".", &problems, &partial)
                          : config::LoadFile(file, &problems, &partial);
  std::vector<std::string> warnings;
  size_t active = 0;
  const config::Config* checked = nullptr;
  if (cfg) {
    if (cfg->path.empty()) {
      std::fprintf(stderr,
                   "leakhound: error: no configuration file found (.leakhound.toml or "
                   ".gitleaks.toml)\n");
      return 2;
    }
    problems.clear();
    cfg->discovered = false;  // checked on request: validate its verifiers too
    checked = &*cfg;
  } else {
    if (problems.empty()) problems.push_back(cfg.error().message);
    if (!partial.path.empty()) file = partial.path;
    partial.discovered = false;
    if (partial.format != config::Format::kNone) checked = &partial;  // the document parsed
  }
  if (checked) {
    // Also on a configuration with problems: what parsed is checked too, so
    // one run shows every problem.
    file = checked->path;
    warnings = checked->warnings;
    auto more = CheckConfigRules(options, *checked, &warnings, &active);
    problems.insert(problems.end(), more.begin(), more.end());
  }
  ScanOptions verifying = options;  // the environment's overrides too, as a verifying scan would
  verifying.verify = true;
  if (auto s = CheckVerifyBaseUrls(verifying); !s) problems.push_back(s.error().message);
  for (const auto& w : warnings) std::fprintf(stderr, "leakhound: warning: %s\n", w.c_str());
  for (const auto& p : problems) std::fprintf(stderr, "leakhound: error: %s\n", p.c_str());
  if (file.empty()) file.push_back('.');  // not = ".": GCC 12 -Wrestrict false positive
  if (!problems.empty()) {
    std::fprintf(stderr, "leakhound: %s: %zu problem%s\n", file.c_str(), problems.size(),
                 problems.size() == 1 ? "" : "s");
    return 1;
  }
  std::fprintf(stderr, "leakhound: %s: ok, %s configuration (%zu rules active, %zu warning%s)\n",
               file.c_str(),
               checked->format == config::Format::kGitleaks ? "gitleaks" : "leakhound", active,
               warnings.size(), warnings.size() == 1 ? "" : "s");
  return 0;
}

}  // namespace leakhound::commands
