#include "pipeline/commands.h"

#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>

#include "config/config.h"
#include "matcher/rule_check.h"
#include "pipeline/engine.h"
#include "pipeline/output.h"
#include "rules/loader.h"

namespace leakhound::pipeline {

namespace {

nlohmann::json RuleJson(const rules::Rule& r) {
  nlohmann::json examples = nlohmann::json::array();
  for (const auto& e : r.examples) examples.push_back({{"input", e.input}, {"secret", e.secret}});
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
          {"verifier", r.verifier.empty() && r.verify_spec.empty() ? "" : "yes"},
          {"examples", examples},
          {"negative_examples", r.negative_examples},
          {"source", r.source}};
}

}  // namespace

int RulesList(const ScanOptions& options, const std::string& format) {
  config::Config cfg;
  if (!options.no_config) {
    auto c = options.config_path.empty() ? config::Discover(".")
                                         : config::LoadFile(options.config_path);
    if (!c) return ReportFatal(c.error());
    cfg = std::move(*c);
  }
  auto loaded = LoadRules(options, cfg);
  if (!loaded) return ReportFatal(loaded.error());
  if (format == "json") {
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& r : *loaded) arr.push_back(RuleJson(r));
    std::cout << arr.dump(2) << "\n";
    return 0;
  }
  if (format != "text") return ReportFatal(Error{ErrorCode::kInvalidArgument,
                                                 "unknown format '" + format + "' (text, json)"});
  std::printf("%-40s %-9s %-6s %-8s %s\n", "ID", "SEVERITY", "CONF", "VERIFY", "DESCRIPTION");
  for (const auto& r : *loaded) {
    bool verifies = !r.verifier.empty() || !r.verify_spec.empty();
    std::printf("%-40s %-9s %-6s %-8s %s\n", r.id.c_str(), ToString(r.severity),
                ToString(r.confidence), verifies ? "yes" : "-", r.description.c_str());
  }
  std::printf("%zu rules\n", loaded->size());
  return 0;
}

int RulesCheck(const std::string& dir, bool strict) {
  auto loaded = dir.empty() ? rules::LoadBuiltin() : rules::LoadDir(dir);
  if (!loaded) return ReportFatal(loaded.error());
  auto report = matcher::CheckRules(*loaded, strict);
  for (const auto& f : report.failures) std::fprintf(stderr, "%s\n", f.c_str());
  std::fprintf(stderr, "leakhound: checked %zu rules, %zu examples, %zu negative examples: %zu failures\n",
               report.rules, report.examples, report.negative_examples, report.failures.size());
  return report.failures.empty() ? 0 : 1;
}

int ConfigCheck(const ScanOptions& options, const std::string& path) {
  std::string file = path.empty() ? options.config_path : path;
  auto cfg = file.empty() ? config::Discover(".") : config::LoadFile(file);
  if (!cfg) return ReportFatal(cfg.error());
  if (cfg->path.empty()) {
    std::fprintf(stderr, "leakhound: no configuration file found (.leakhound.toml)\n");
    return 2;
  }
  auto loaded = LoadRules(options, *cfg);
  if (!loaded) return ReportFatal(loaded.error());
  auto set = rules::RuleSet::Build(std::move(*loaded));
  if (!set) return ReportFatal(set.error());
  for (const auto& w : cfg->warnings) std::fprintf(stderr, "leakhound: warning: %s\n", w.c_str());
  std::fprintf(stderr, "leakhound: %s: ok (%zu rules active)\n", cfg->path.c_str(), (*set)->size());
  return 0;
}

}  // namespace leakhound::pipeline
