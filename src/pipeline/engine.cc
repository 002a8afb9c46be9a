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
#include "core/redact.h"
#include "rules/loader.h"
#include "rules/toml_schema.h"
#include "source/git/git_repo.h"
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

// A suggestion for a selector that selects no rule: the closest rule id or
// tag, else "<prefix>*" when ids start with it written with dots
// ("github-pat" -> "github.pat*").
std::string SelectorHint(const std::string& s, const std::vector<rules::Rule>& all) {
  std::vector<std::string> names;
  for (const auto& r : all) {
    names.push_back(r.id);
    for (const auto& t : r.tags) names.push_back("tag:" + t);
  }
  std::vector<std::string_view> views(names.begin(), names.end());
  std::string hint = rules::DidYouMean(s, views);
  if (!hint.empty()) return hint;
  std::string dotted = s;
  if (!dotted.empty() && dotted.back() == '*') dotted.pop_back();
  for (char& c : dotted) c = (c == '-' || c == '_') ? '.' : AsciiLower(c);
  if (dotted.empty()) return "";
  std::vector<const rules::Rule*> hits;
  for (const auto& r : all) {
    if (r.id.rfind(dotted, 0) == 0) hits.push_back(&r);
  }
  if (hits.size() == 1) return hits[0]->id;
  return hits.empty() ? "" : dotted + "*";
}

// --enable-rule/--disable-rule: every selector must select a rule; a typo
// would otherwise scan with other rules than meant (or none).
Status CheckSelectors(const std::vector<std::string>& selectors, const char* flag,
                      const std::vector<rules::Rule>& all) {
  for (const auto& s : selectors) {
    auto hit = [&](const rules::Rule& r) { return config::Selects(s, r); };
    if (std::any_of(all.begin(), all.end(), hit)) continue;
    std::string msg = std::string(flag) + " '" + s + "' matches no rule";
    if (std::string hint = SelectorHint(s, all); !hint.empty()) {
      msg += " (did you mean '" + hint + "'?)";
    }
    return Error::InvalidArgument(msg + "; `leakhound rules list` shows the rule ids");
  }
  return OkStatus();
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
      warnings->push_back(config.path + ": disabled rule '" + RedactSecretLike(s) +
                          "' matches no rule");
    }
  }
  for (const auto& s : config.enabled_only) {
    auto hit = [&](const rules::Rule& r) { return config::Selects(s, r); };
    if (warnings && std::none_of(all.begin(), all.end(), hit)) {
      std::string hint = SelectorHint(s, all);
      warnings->push_back(config.path + ": enable_only rule '" + s + "' matches no rule" +
                          (hint.empty() ? "" : " (did you mean '" + hint + "'?)"));
    }
  }
  if (auto s = CheckSelectors(options.enable_rules, "--enable-rule", all); !s) return s.error();
  if (auto s = CheckSelectors(options.disable_rules, "--disable-rule", all); !s) return s.error();
  const bool had_rules = !all.empty();
  std::vector<std::string> only = config.enabled_only;
  only.insert(only.end(), options.enable_rules.begin(), options.enable_rules.end());
  std::vector<std::string> off = config.disabled_rules;
  off.insert(off.end(), options.disable_rules.begin(), options.disable_rules.end());
  std::erase_if(all, [&](const rules::Rule& r) {
    return (!only.empty() && !Selects(only, r)) || Selects(off, r);
  });
  if (all.empty()) {
    // Zero rules would report "clean" having checked nothing.
    std::string why =
        had_rules ? "the rule selection (--enable-rule/--disable-rule, enable_only/"
                    "disable in " +
                        (config.path.empty() ? std::string("the configuration") : config.path) +
                        ") leaves none"
                  : "no rules were loaded (--no-builtin-rules or use_builtin = "
                    "false, and no custom rules)";
    return Error::InvalidArgument("no rules active: " + why);
  }
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

// A configuration discovered above the scanned path (`scan src/a.txt` with
// ./.leakhound.toml) anchors the root there, as it does for a list of files
// (root "."): its paths and ignore file mean the same whatever was passed.
std::string AnchoredRoot(const ScanOptions& options, const std::string& root,
                         const config::Config& cfg) {
  if (options.command != Command::kScan || !cfg.discovered || cfg.path.empty()) return root;
  std::string dir = std::filesystem::path(cfg.path).parent_path().string();
  if (dir.empty()) dir = ".";
  std::error_code ec;
  if (std::filesystem::equivalent(dir, RootDir(root), ec)) return root;
  return dir;
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

// The configuration of `root`: its .leakhound.toml (or .gitleaks.toml); for a
// git audit of a bare repository (a CI mirror, a server-side clone), which has
// no work tree, the one committed at HEAD ("repo.git/HEAD:.leakhound.toml").
Result<config::Config> DiscoverConfig(const ScanOptions& options, const std::string& root) {
  auto cfg = config::Discover(root);
  if (!cfg || !cfg->path.empty() || options.command != Command::kGit) return cfg;
  source::GitLibrary lib;  // first: outlives the repository handle
  auto repo = source::OpenRepository(root);
  if (!repo || !git_repository_is_bare(repo->get())) return cfg;
  for (const char* name : {".leakhound.toml", ".gitleaks.toml"}) {
    constexpr size_t kMaxConfigBytes = 4u << 20;
    auto text = source::ReadFileAtHead(repo->get(), name, kMaxConfigBytes);
    if (!text) return Error::Config(root + ": " + text.error().message);
    if (!*text) continue;
    auto loaded = config::LoadText(**text, (std::filesystem::path(root) / "HEAD:").string() + name);
    if (loaded) loaded->discovered = true;
    return loaded;
  }
  return cfg;
}

}  // namespace

Result<std::shared_ptr<Engine>> BuildEngine(const ScanOptions& options,
                                            const std::string& scan_root) {
  auto start = std::chrono::steady_clock::now();
  auto engine = std::make_shared<Engine>();
  if (!options.no_config) {
    auto cfg = options.config_path.empty() ? DiscoverConfig(options, scan_root)
                                           : config::LoadFile(options.config_path);
    if (!cfg) return cfg.error();
    engine->config = std::move(*cfg);
  }
  engine->warnings = engine->config.warnings;
  const std::string root = AnchoredRoot(options, scan_root, engine->config);
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
  engine->archive.max_depth = options.archive_depth;
  engine->archive.max_member_size = engine->max_file_size;
  engine->decode_text = !options.no_decode;
  engine->scan_binary = options.scan_binary;
  uint64_t max_memory =
      options.max_memory.value_or(engine->config.max_memory.value_or(kDefaultMaxMemory));
  if (max_memory < kMinMaxMemory) {
    return Error::InvalidArgument("max memory " + FormatBytes(max_memory) +
                                  " is below the minimum of 64 MiB");
  }
  engine->memory = SplitMemory(
      max_memory, options.command == Command::kGit,
      source::GitReadThreads(options.threads ? options.threads : options.env.git_read_threads));
  // An archive member is held whole, like a blob: the same limits apply.
  engine->archive.max_member_size = std::min(engine->max_file_size, engine->memory.blob_limit);
  engine->archive.max_total = std::max(engine->archive.max_total, engine->archive.max_member_size);
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
