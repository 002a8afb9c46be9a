// `leakhound git --manifest FILE --shard I/N --out DIR`: see repos_cmd.h.
#include <openssl/evp.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "builtin/builtin.h"
#include "commands/output.h"
#include "commands/repos_cmd.h"
#include "commands/scan_cmd.h"
#include "core/atomic_file.h"
#include "core/read_file.h"
#include "pipeline/options.h"
#include "pipeline/scan.h"
#include "remote/url.h"

namespace leakhound::commands {

namespace {

using Json = nlohmann::json;
namespace fs = std::filesystem;

std::string RulesDigest() {
  std::string_view bytes = builtin::SerializedRules();
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), md, &len, EVP_sha256(), nullptr) != 1) return "?";
  std::string hex = "sha256:";
  char buf[3];
  for (unsigned int i = 0; i < len && i < 8; ++i) {
    std::snprintf(buf, sizeof(buf), "%02x", md[i]);
    hex += buf;
  }
  return hex;
}

std::string UtcNow() {
  std::time_t t = std::time(nullptr);
  char buf[32];
  std::strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return buf;
}

// One repository's scan (with `blobs`: only that blob shard of it): its
// JSONL lines (tagged) appended to `lines`, its manifest record returned.
Json ScanOne(const pipeline::ScanOptions& base, const remote::ManifestEntry& e,
             const remote::Shard* blobs, const std::string& part, std::string* lines,
             bool* findings) {
  Json rec{{"url", remote::SplitCredentials(e.url).url}, {"name", e.name}};
  pipeline::ScanOptions o = base;
  o.repo = e.url;
  if (blobs) {
    o.git.blob_shard = blobs->index;
    o.git.blob_shards = blobs->count;
  }
  auto local = ResolveRemote(o);
  if (!local) {
    std::fprintf(stderr, "leakhound: error: %s\n", local.error().message.c_str());
    rec["status"] = "failed";
    rec["error"] = local.error().message;
    return rec;
  }
  auto refs = remote::ListRefInfo(*local);
  Json jrefs = Json::array();
  if (refs) {
    for (const remote::RefInfo& r : *refs) {
      jrefs.push_back({{"name", r.name}, {"target", r.target}, {"date", r.date}});
    }
  }
  rec["refs"] = std::move(jrefs);
  o.repo = *local;
  o.format = "jsonl";
  o.output = part;
  o.quiet = base.quiet || !base.show_stats;  // --stats: each repository's summary and stats
  if (o.progress == pipeline::Progress::kAuto) o.progress = pipeline::Progress::kNever;
  int rc = RunScan(o);
  auto text = ReadRegularFile(part, uint64_t{1} << 36);
  std::error_code ec;
  fs::remove(part, ec);
  rec["exit_code"] = rc;
  if (!text) {
    rec["status"] = "failed";
    rec["error"] = "the scan wrote no report (exit " + std::to_string(rc) + ")";
    return rec;
  }
  size_t n = 0;
  Json tag{{"url", rec["url"]}, {"name", e.name}};
  for (size_t pos = 0; pos < text->size();) {
    size_t nl = text->find('\n', pos);
    if (nl == std::string::npos) nl = text->size();
    Json line = Json::parse(std::string_view(*text).substr(pos, nl - pos), nullptr, false);
    pos = nl + 1;
    if (!line.is_object()) continue;
    if (line.value("type", "") == "finding") ++n;
    line["manifest"] = tag;
    *lines += line.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
  }
  rec["findings"] = n;
  if (n) *findings = true;
  rec["status"] = rc == 0 || rc == base.findings_exit_code ? "complete" : "incomplete";
  return rec;
}

}  // namespace

namespace {

// The manifest's entries, or (blob shards) the one repository's.
Result<std::vector<remote::ManifestEntry>> LoadManifest(const ShardOptions& so) {
  if (so.manifest.empty()) {
    std::error_code ec;
    fs::create_directories(so.out_dir, ec);
    if (ec) return Error{ErrorCode::kIo, so.out_dir + ": " + ec.message()};
    return std::vector<remote::ManifestEntry>{{so.repo, so.repo}};
  }
  auto text = ReadRegularFile(so.manifest, uint64_t{1} << 30);
  if (!text) return text.error();
  auto entries = remote::ParseManifest(*text, so.manifest);
  if (!entries) return entries.error();
  if (entries->empty()) {
    return Error{ErrorCode::kInvalidArgument, so.manifest + ": no repositories"};
  }
  std::error_code ec;
  fs::create_directories(so.out_dir, ec);
  if (ec) return Error{ErrorCode::kIo, so.out_dir + ": " + ec.message()};
  return entries;
}

struct ShardRun {
  Json repos = Json::array();
  std::string lines;
  bool findings = false, bad = false;
  size_t assigned = 0;
};

void PrintSummary(const ShardOptions& so, size_t assigned, size_t total, const Json& status) {
  const std::string st = status.get<std::string>();
  if (so.manifest.empty()) {
    std::fprintf(stderr, "leakhound: blob shard %u/%u of %s: status %s\n", so.shard.index,
                 so.shard.count, remote::SplitCredentials(so.repo).url.c_str(), st.c_str());
  } else {
    std::fprintf(stderr, "leakhound: shard %u/%u: %zu of %zu repositories, status %s\n",
                 so.shard.index, so.shard.count, assigned, total, st.c_str());
  }
}

}  // namespace

int RunShard(const pipeline::ScanOptions& base, const ShardOptions& so) {
  auto entries = LoadManifest(so);
  if (!entries) return ReportFatal(entries.error());
  const std::string stem = so.out_dir + "/shard-" + std::to_string(so.shard.index);
  Json manifest{{"version", 1},
                {"tool", {{"name", "leakhound"}, {"version", LEAKHOUND_VERSION}}},
                {"shard", {{"index", so.shard.index}, {"count", so.shard.count}}},
                {"manifest", so.manifest},
                {"rules_digest", RulesDigest()},
                {"started", UtcNow()}};
  ShardRun run;
  const bool blob_shard = so.manifest.empty();
  for (const remote::ManifestEntry& e : *entries) {
    if (!blob_shard && !remote::InShard(e.url, so.shard)) continue;
    ++run.assigned;
    Json rec = pipeline::InterruptRequested()
                   ? Json{{"url", remote::SplitCredentials(e.url).url},
                          {"name", e.name},
                          {"status", "not_scanned"}}
                   : ScanOne(base, e, blob_shard ? &so.shard : nullptr, stem + ".part.jsonl",
                             &run.lines, &run.findings);
    if (blob_shard) rec["blob_shard"] = {{"index", so.shard.index}, {"count", so.shard.count}};
    if (rec["status"] != "complete") run.bad = true;
    run.repos.push_back(std::move(rec));
  }
  bool interrupted = pipeline::InterruptRequested();
  manifest["finished"] = UtcNow();
  manifest["status"] = run.bad || interrupted ? "incomplete" : "complete";
  manifest["repositories"] = std::move(run.repos);
  if (auto s = WriteFileAtomically(stem + ".jsonl", run.lines); !s) return ReportFatal(s.error());
  if (auto s = WriteFileAtomically(stem + ".manifest.json", manifest.dump(2) + "\n"); !s) {
    return ReportFatal(s.error());
  }
  if (!base.quiet) PrintSummary(so, run.assigned, entries->size(), manifest["status"]);
  if (interrupted) return 130;
  if (run.bad) return 2;
  return run.findings ? base.findings_exit_code : 0;
}

}  // namespace leakhound::commands
