// ScanOptions: the validated, CLI-independent description of one run
// (cli/ fills it from argv; tests fill it directly).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace leakhound::pipeline {

enum class Command { kScan, kGit, kStaged };
enum class Progress { kAuto, kAlways, kNever };

struct GitOptions {
  std::vector<std::string> branches;  // --branch (repeatable); empty = every ref
  std::string range;                  // --range A..B (added lines only)
  std::string since_commit;           // --since-commit SHA
  std::string unpushed;               // --unpushed REV: commits no remote-tracking ref has
  std::string since;                  // --since DATE
  bool all_objects = false;           // --all-objects
  bool dedup = true;                  // --no-dedup clears it
  // --incremental: the per-blob result cache (cache/, docs/scale.md); its
  // file: --result-cache FILE (implies --incremental), else (cli/)
  // <cache dir>/results.db. "" with incremental set: no cache directory.
  bool incremental = false;
  std::string result_cache;
  // Blob shard I of N of one repository (git REPO --shard I/N --out DIR):
  // only the blobs source/git/history/git_blob_shard.h assigns to shard
  // `blob_shard` of `blob_shards` are scanned. 1 = every blob.
  uint32_t blob_shard = 0;
  uint32_t blob_shards = 1;
};

// What cli/ reads from the environment (tests fill it directly): the only
// reader of the environment is cli/; the stages get these values.
struct Environment {
  std::optional<int64_t> source_date_epoch;  // $SOURCE_DATE_EPOCH (an integer): reports' "now"
  unsigned git_read_threads = 0;             // $LEAKHOUND_GIT_READ_THREADS (1..64); 0 = unset
  uint64_t git_cache_bytes = 0;              // $LEAKHOUND_GIT_CACHE_MB (1..65536), bytes; 0 = unset
  // $GIT_DIR, $GIT_INDEX_FILE: staged scans of the default repository "."
  // (git sets both when it runs a hook); "" = unset.
  std::string git_dir;
  std::string git_index_file;
  // LEAKHOUND_VERIFY_BASE_URL_<PROVIDER>: (variable name, value), every one set.
  std::vector<std::pair<std::string, std::string>> verify_base_urls;
  // $LEAKHOUND_FINGERPRINT_KEY: the project's fingerprint key (CI secrets);
  // wins over ROOT/.leakhound/fingerprint.key. "" = unset.
  std::string fingerprint_key;
  // $LEAKHOUND_GIT_TOKEN: the https password for cloning remote repositories
  // whose URL carries none (remote/mirror.h). "" = unset.
  std::string git_token;
};

struct ScanOptions {
  Command command = Command::kScan;
  std::vector<std::string> paths;  // kScan: files/dirs, "-" = stdin
  std::string repo = ".";          // kGit/kStaged
  GitOptions git;

  // Rules and configuration.
  std::string config_path;  // --config; empty = discover .leakhound.toml
  bool no_config = false;
  std::vector<std::string> rule_dirs;  // --rules
  bool no_builtin_rules = false;
  std::vector<std::string> enable_rules;   // --enable-rule id|tag:x (only these)
  std::vector<std::string> disable_rules;  // --disable-rule id|tag:x
  std::string ignore_file;                 // --ignore-file; default <root>/.leakhoundignore
  std::string baseline;                    // --baseline FILE
  std::vector<std::string> exclude_paths;  // --exclude-path GLOB (repeatable), with [scan] ones
  std::string min_confidence;              // --min-confidence low|medium|high; "" = config/low
  bool no_cache = false;
  // Compiled-rules cache: --cache-dir, else (cli/) core/cache_dir.h CacheDir
  // of $XDG_CACHE_HOME and $HOME; "" = no disk cache.
  std::string cache_dir;
  // The environment's cache directory (CacheDir; --cache-dir does not move
  // it): the verification cache lives there. "" = no verification cache.
  std::string verify_cache_dir;

  // Sources.
  std::optional<uint64_t> max_file_size;  // --max-file-size
  std::optional<uint64_t> max_memory;     // --max-memory; default config, else 1 GiB
  bool follow_symlinks = false;
  bool scan_binary = false;
  // Decode stage: --archive-depth N (archives inside archives; 0 = archives
  // are not opened) and --no-decode (no base64/percent/escape layers).
  int archive_depth = 3;
  bool no_decode = false;
  unsigned threads = 0;  // 0 = hardware concurrency

  // Output.
  std::string format = "text";
  std::string output;  // empty = stdout
  bool redact = true;
  int findings_exit_code = 1;
  Progress progress = Progress::kAuto;
  bool color = false;
  bool quiet = false;
  bool show_stats = false;

  // Verification (verify/).
  bool verify = false;
  bool verify_dry_run = false;
  bool only_verified = false;
  double verify_timeout = 0;                  // --verify-timeout SECONDS; 0 = config/default
  unsigned verify_concurrency = 0;            // --verify-concurrency N; 0 = config/default
  std::vector<std::string> verify_base_urls;  // --verify-base-url PROVIDER=URL (repeatable)
  int64_t verify_cache_ttl = 0;               // --verify-cache-ttl SECONDS; 0 = no cache
  std::string
      verify_ca_file;  // --verify-ca-file FILE, else $LEAKHOUND_VERIFY_CA_FILE (cli/); "" = default

  Environment env;
};

}  // namespace leakhound::pipeline
