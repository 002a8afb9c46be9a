#include "pipeline/engine.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "rules/loader.h"

namespace leakhound::pipeline {

namespace {

bool Selects(const std::vector<std::string>& selectors, const rules::Rule& r) {
  for (const auto& s : selectors) {
    if (s == r.id) return true;
    if (s.rfind("tag:", 0) == 0 &&
        std::find(r.tags.begin(), r.tags.end(), s.substr(4)) != r.tags.end()) {
      return true;
    }
    // "github.*" selects a provider family.
    if (s.size() > 1 && s.back() == '*' && r.id.rfind(s.substr(0, s.size() - 1), 0) == 0) {
      return true;
    }
  }
  return false;
}

Result<std::set<std::string>> ReadIgnoreFile(const std::string& path, bool required) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (required) return Error{ErrorCode::kNotFound, path + ": cannot read ignore file"};
    return std::set<std::string>{};
  }
  std::stringstream ss;
  ss << in.rdbuf();
  return allowlist::ParseIgnoreFile(ss.str());
}

std::string RootDir(const std::string& root) {
  std::error_code ec;
  if (std::filesystem::is_directory(root, ec)) return root;
  auto parent = std::filesystem::path(root).parent_path().string();
  return parent.empty() ? "." : parent;
}

}  // namespace

Result<std::vector<rules::Rule>> LoadRules(const ScanOptions& options,
                                           const config::Config& config) {
  std::vector<rules::Rule> all;
  if (!options.no_builtin_rules && config.use_builtin_rules) {
    auto builtin = rules::LoadBuiltin();
    if (!builtin) return builtin.error();
    all = std::move(*builtin);
  }
  std::vector<std::string> dirs = config.rule_dirs;
  dirs.insert(dirs.end(), options.rule_dirs.begin(), options.rule_dirs.end());
  for (const auto& dir : dirs) {
    auto extra = rules::LoadDir(dir);
    if (!extra) return extra.error();
    rules::MergeRules(all, std::move(*extra));
  }
  rules::MergeRules(all, config.rules);
  std::vector<std::string> only = config.enabled_only;
  only.insert(only.end(), options.enable_rules.begin(), options.enable_rules.end());
  std::vector<std::string> off = config.disabled_rules;
  off.insert(off.end(), options.disable_rules.begin(), options.disable_rules.end());
  std::erase_if(all, [&](const rules::Rule& r) {
    return (!only.empty() && !Selects(only, r)) || Selects(off, r);
  });
  return all;
}

Result<std::shared_ptr<Engine>> BuildEngine(const ScanOptions& options, const std::string& root) {
  auto start = std::chrono::steady_clock::now();
  auto engine = std::make_shared<Engine>();
  if (!options.no_config) {
    auto cfg = options.config_path.empty() ? config::Discover(root)
                                           : config::LoadFile(options.config_path);
    if (!cfg) return cfg.error();
    engine->config = std::move(*cfg);
  }
  auto loaded = LoadRules(options, engine->config);
  if (!loaded) return loaded.error();
  auto set = rules::RuleSet::Build(std::move(*loaded));
  if (!set) return set.error();
  engine->rules = *set;
  matcher::CacheOptions cache;
  cache.enabled = !options.no_cache;
  cache.dir = options.cache_dir;
  auto db = matcher::Database::Build(engine->rules, cache);
  if (!db) return db.error();
  engine->db = *db;

  std::string ignore = options.ignore_file;
  bool required = !ignore.empty();
  if (ignore.empty()) {
    ignore = engine->config.ignore_file.empty() ? RootDir(root) + "/.leakhoundignore"
                                                : engine->config.ignore_file;
  }
  auto ignored = ReadIgnoreFile(ignore, required);
  if (!ignored) return ignored.error();
  std::vector<rules::Allowlist> global = engine->config.allowlists;
  if (!engine->config.exclude_paths.empty()) {
    rules::Allowlist paths;
    paths.description = "scan.exclude_paths";
    paths.paths = engine->config.exclude_paths;
    global.push_back(std::move(paths));
  }
  auto allow = allowlist::AllowlistSet::Build(std::move(global), std::move(*ignored));
  if (!allow) {
    return Annotate(allow.error(),
                    engine->config.path.empty() ? "configuration" : engine->config.path);
  }
  engine->allow = *allow;
  engine->match.generic = engine->config.entropy;
  engine->max_file_size = options.max_file_size.value_or(
      engine->config.max_file_size.value_or(64ull << 20));
  engine->build_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return engine;
}

}  // namespace leakhound::pipeline
