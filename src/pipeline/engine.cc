#include "pipeline/engine.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "builtin/builtin.h"
#include "core/ascii.h"
#include "core/read_file.h"
#include "rules/loader.h"
#include "source/git/history/git_history_source.h"

namespace leakhound::pipeline {

namespace {

bool Selects(const std::vector<std::string>& selectors, const rules::Rule& r) {
  return std::any_of(selectors.begin(), selectors.end(),
                     [&](const std::string& s) { return config::Selects(s, r); });
}

// A missing optional ignore file is empty; one that exists but is not a small
// regular file (a FIFO, a link to /dev/zero in a scanned repository) is an error.
Result<std::set<std::string>> ReadIgnoreFile(const std::string& path, bool required) {
  auto text = ReadRegularFile(path);
  if (!text) {
    if (text.error().code != ErrorCode::kNotFound) return text.error();
    if (required) return Error::NotFound(path + ": cannot read ignore file");
    return std::set<std::string>{};
  }
  return allowlist::ParseIgnoreFile(*text);
}

// Drops the verifiers of rules an auto-discovered configuration brought in
// (its [[rule]] tables or its rule dirs): a scanned repository must not choose
// where its secrets are sent. Returns the ids of the rules changed.
std::vector<std::string> DropVerifiers(std::vector<rules::Rule>* rules) {
  std::vector<std::string> ids;
  for (auto& r : *rules) {
    if (r.verify_spec.empty() && r.verifier.empty()) continue;
    r.verify_spec.clear();
    r.verifier.clear();
    ids.push_back(r.id);
  }
  return ids;
}

void WarnDroppedVerifiers(const std::string& config_path, const std::vector<std::string>& ids,
                          std::vector<std::string>* warnings) {
  if (ids.empty()) return;
  std::string list;
  for (size_t i = 0; i < ids.size() && i < 5; ++i) list += (i ? ", " : "") + ids[i];
  if (ids.size() > 5) list += ", ...";
  warnings->push_back(config_path + ": ignoring the verifiers of " + std::to_string(ids.size()) +
                      " rule" + (ids.size() == 1 ? "" : "s") + " (" + list +
                      ") from an auto-discovered configuration; pass it with --config to use them");
}

std::string RootDir(const std::string& root) {
  std::error_code ec;
  if (std::filesystem::is_directory(root, ec)) return root;
  auto parent = std::filesystem::path(root).parent_path().string();
  return parent.empty() ? "." : parent;
}

}  // namespace

Result<std::vector<rules::Rule>> LoadRules(const ScanOptions& options, const config::Config& config,
                                           std::vector<std::string>* warnings) {
  std::vector<rules::Rule> all;
  if (!options.no_builtin_rules && config.use_builtin_rules) {
    auto builtin = builtin::Rules();
    if (!builtin) return builtin.error();
    all = std::move(*builtin);
  }
  std::vector<std::string> dirs = config.rule_dirs;
  dirs.insert(dirs.end(), options.rule_dirs.begin(), options.rule_dirs.end());
  std::vector<std::string> dropped;
  for (size_t i = 0; i < dirs.size(); ++i) {
    auto extra = rules::LoadDir(dirs[i]);
    if (!extra) return extra.error();
    if (auto s = rules::CheckUnique(*extra); !s) return s.error();  // within one directory
    if (config.discovered && i < config.rule_dirs.size()) {
      for (auto& id : DropVerifiers(&*extra)) dropped.push_back(std::move(id));
    }
    rules::MergeRules(all, std::move(*extra));
  }
  std::vector<rules::Rule> custom = config.rules;
  if (config.discovered) {
    for (auto& id : DropVerifiers(&custom)) dropped.push_back(std::move(id));
  }
  rules::MergeRules(all, std::move(custom));
  if (warnings && (options.verify || options.verify_dry_run)) {
    WarnDroppedVerifiers(config.path, dropped, warnings);
  }
  config::ApplyOverrides(config.overrides, &all, warnings);
  for (const auto& s : config.disabled_rules) {
    auto hit = [&](const rules::Rule& r) { return config::Selects(s, r); };
    if (warnings && std::none_of(all.begin(), all.end(), hit)) {
      warnings->push_back(config.path + ": disabled rule '" + s + "' matches no rule");
    }
  }
  std::vector<std::string> only = config.enabled_only;
  only.insert(only.end(), options.enable_rules.begin(), options.enable_rules.end());
  std::vector<std::string> off = config.disabled_rules;
  off.insert(off.end(), options.disable_rules.begin(), options.disable_rules.end());
  std::erase_if(all, [&](const rules::Rule& r) {
    return (!only.empty() && !Selects(only, r)) || Selects(off, r);
  });
  return all;
}

namespace {

// Reads the ignore file (--ignore-file, [scan] ignore_file, or
// <root>/.leakhoundignore) and, unless --ignore-file was given,
// <root>/.gitleaksignore.
Result<std::set<std::string>> ReadIgnoreFiles(const ScanOptions& options, const Engine& engine,
                                              const std::string& root) {
  std::string ignore = options.ignore_file;
  const bool flag = !ignore.empty();
  if (!flag && !engine.config.ignore_file.empty()) {
    // [scan] ignore_file: a missing file is an error naming the setting.
    std::string problem = config::IgnoreFileProblem(engine.config);
    if (!problem.empty()) return Error::NotFound(problem);
    ignore = engine.config.ignore_file;
  }
  if (ignore.empty()) ignore = RootDir(root) + "/.leakhoundignore";
  auto ignored = ReadIgnoreFile(ignore, flag);
  if (!ignored || flag) return ignored;
  auto gitleaks = ReadIgnoreFile(RootDir(root) + "/.gitleaksignore", false);
  if (!gitleaks) return gitleaks;
  ignored->insert(gitleaks->begin(), gitleaks->end());
  return ignored;
}

// When the configuration was discovered at the root: the root's scanner
// configurations as root-anchored globs, never scanned (they hold example
// secrets of custom rules; gitleaks skips its configuration the same way).
// Both names: the .gitleaks.toml that a .leakhound.toml beside it shadows is
// not used, and its examples are no findings either.
std::vector<std::string> SelfPathGlobs(const ScanOptions& options, const config::Config& cfg) {
  if (!options.config_path.empty() || cfg.path.empty()) return {};
  return {"/.leakhound.toml", "/.gitleaks.toml"};
}

// What sources put before root-relative paths: "proj/" for `scan proj`.
std::string PathPrefix(const ScanOptions& options, const std::string& root) {
  if (options.command != Command::kScan) return "";  // git sources: repository-relative
  std::string dir = RootDir(root);
  while (dir.size() > 2 && dir.rfind("./", 0) == 0) dir.erase(0, 2);
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  if (dir.empty() || dir == ".") return "";
  return dir == "/" ? dir : dir + "/";
}

Status BuildAllowlists(const ScanOptions& options, const std::string& root, Engine* engine) {
  auto ignored = ReadIgnoreFiles(options, *engine, root);
  if (!ignored) return ignored.error();
  std::vector<rules::Allowlist> global = engine->config.allowlists;
  rules::Allowlist paths;
  paths.description = "scan.exclude_paths";
  paths.paths = engine->config.exclude_paths;
  paths.paths.insert(paths.paths.end(), options.exclude_paths.begin(), options.exclude_paths.end());
  for (auto& self : SelfPathGlobs(options, engine->config)) paths.paths.push_back(std::move(self));
  if (!paths.paths.empty()) global.push_back(std::move(paths));
  auto allow = allowlist::AllowlistSet::Build(std::move(global), std::move(*ignored),
                                              engine->path_prefix, engine->rules.get());
  if (!allow) {
    return Annotate(allow.error(),
                    engine->config.path.empty() ? "configuration" : engine->config.path);
  }
  engine->allow = *allow;
  return OkStatus();
}

Status BuildMatcher(const ScanOptions& options, Engine* engine) {
  auto loaded = LoadRules(options, engine->config, &engine->warnings);
  if (!loaded) return loaded.error();
  auto set = rules::RuleSet::Build(std::move(*loaded), &engine->warnings, /*lazy_builtins=*/true);
  if (!set) return set.error();
  engine->rules = *set;
  matcher::CacheOptions cache;
  cache.enabled = !options.no_cache;
  cache.dir = options.cache_dir;
  cache.prebuilt = builtin::HyperscanDatabase();
  auto db = matcher::Database::Build(engine->rules, cache);
  if (!db) return db.error();
  engine->db = *db;
  for (auto& w : engine->db->DroppedRules()) engine->warnings.push_back(std::move(w));
  return OkStatus();
}

}  // namespace

Result<std::shared_ptr<Engine>> BuildEngine(const ScanOptions& options, const std::string& root) {
  auto start = std::chrono::steady_clock::now();
  auto engine = std::make_shared<Engine>();
  if (!options.no_config) {
    auto cfg = options.config_path.empty() ? config::Discover(root)
                                           : config::LoadFile(options.config_path);
    if (!cfg) return cfg.error();
    engine->config = std::move(*cfg);
  }
  engine->warnings = engine->config.warnings;
  engine->path_prefix = PathPrefix(options, root);
  if (auto s = BuildMatcher(options, engine.get()); !s) return s.error();
  if (auto s = BuildAllowlists(options, root, engine.get()); !s) return s.error();
  engine->match.generic = engine->config.entropy;
  if (engine->config.confirm_budget) {  // a fixed cap per blob
    engine->match.confirm_budget_base = *engine->config.confirm_budget;
    engine->match.confirm_budget_per_byte = 0;
  }
  engine->max_file_size =
      options.max_file_size.value_or(engine->config.max_file_size.value_or(64ull << 20));
  constexpr uint64_t kMaxBlob = UINT32_MAX - 1;  // the matcher takes a blob in one piece
  if (engine->max_file_size > kMaxBlob) {
    engine->max_file_size = kMaxBlob;
    engine->warnings.push_back(
        "max file size capped at 4 GiB - 2 bytes (the largest blob leakhound can match)");
  }
  uint64_t max_memory =
      options.max_memory.value_or(engine->config.max_memory.value_or(kDefaultMaxMemory));
  if (max_memory < kMinMaxMemory) {
    return Error::InvalidArgument("max memory " + FormatBytes(max_memory) +
                                  " is below the minimum of 64 MiB");
  }
  engine->memory = SplitMemory(
      max_memory, options.command == Command::kGit,
      source::GitReadThreads(options.threads ? options.threads : options.env.git_read_threads));
  engine->build_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return engine;
}

std::string_view MatchPath(const Engine& engine, std::string_view path) {
  const std::string& p = engine.path_prefix;
  if (!p.empty() && path.size() > p.size() && path.substr(0, p.size()) == p) {
    path.remove_prefix(p.size());
  }
  return path;
}

void PrintWarnings(const std::vector<std::string>& warnings) {
  for (const auto& w : warnings) std::fprintf(stderr, "leakhound: warning: %s\n", w.c_str());
}

}  // namespace leakhound::pipeline
