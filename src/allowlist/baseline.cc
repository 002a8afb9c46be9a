#include "allowlist/baseline.h"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "allowlist/fingerprint.h"
#include "core/read_file.h"

namespace leakhound::allowlist {

namespace {

using nlohmann::json;

constexpr char kSarifFingerprint[] = "leakhound/v1";  // report/internal.h kFingerprintKey

std::string Str(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// A gitleaks path as leakhound reports it: '/' separators, no leading "./".
std::string NormalizePath(std::string_view p) {
  std::string out(p);
  std::replace(out.begin(), out.end(), '\\', '/');
  size_t skip = 0;
  while (out.compare(skip, 2, "./") == 0) skip += 2;
  return out.substr(skip);
}

// gitleaks masks secrets with --redact: "REDACTED" (or a prefix plus "...").
bool Redacted(const std::string& secret) {
  return secret.empty() || secret.find("REDACTED") != std::string::npos;
}

void FromGitleaks(const json& e, Baseline* b) {
  auto at = e.find("StartLine");  // integers only: a huge float would be UB to convert
  int64_t line = at != e.end() && at->is_number_integer() ? at->get<int64_t>() : 0;
  std::string secret = Str(e, "Secret");
  b->gitleaks.push_back({Str(e, "File"), static_cast<uint32_t>(std::max<int64_t>(line, 0)),
                         Redacted(secret) ? "" : Sha256Hex(secret)});
}

// Entries of a leakhound baseline, or findings of a leakhound JSON/JSONL
// report, or a gitleaks report.
void FromObject(const json& e, Baseline* b) {
  if (!e.is_object()) return;
  if (e.contains("RuleID") || e.contains("StartLine")) return FromGitleaks(e, b);
  if (e.contains("type") && Str(e, "type") != "finding") return;  // JSONL summary line
  BaselineEntry entry{Str(e, "fingerprint"), Str(e, "rule_id"), Str(e, "path"), ""};
  if (auto c = e.find("commit"); c != e.end()) {
    entry.commit =
        c->is_string() ? c->get<std::string>() : (c->is_object() ? Str(*c, "id") : std::string());
  }
  if (!entry.fingerprint.empty()) b->entries.push_back(std::move(entry));
}

void FromSarif(const json& doc, Baseline* b) {
  for (const json& run : doc["runs"]) {
    if (!run.is_object() || !run.contains("results")) continue;
    for (const json& r : run["results"]) {
      const json* fps = r.contains("partialFingerprints") ? &r["partialFingerprints"] : nullptr;
      if (!fps || !fps->is_object()) continue;
      BaselineEntry entry{Str(*fps, kSarifFingerprint), Str(r, "ruleId"), "", ""};
      try {
        entry.path =
            r.at("locations").at(0).at("physicalLocation").at("artifactLocation").value("uri", "");
      } catch (const json::exception&) {
      }
      if (!entry.fingerprint.empty()) b->entries.push_back(std::move(entry));
    }
  }
}

// JSON Lines: every non-blank line an object. False if any line is not.
bool FromJsonLines(std::string_view text, Baseline* b) {
  Baseline out;
  size_t objects = 0;
  std::istringstream in{std::string(text)};
  for (std::string line; std::getline(in, line);) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    json j = json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return false;
    FromObject(j, &out);
    ++objects;
  }
  if (objects < 2) return false;
  *b = std::move(out);
  return true;
}

}  // namespace

bool Baseline::Contains(const Finding& f, std::string_view root_prefix) const {
  if (fingerprints_.count(f.fingerprint)) return true;
  if (path_lines_.empty()) return false;
  std::string_view path = f.location.path;
  if (!root_prefix.empty() && path.size() > root_prefix.size() &&
      path.substr(0, root_prefix.size()) == root_prefix) {
    path.remove_prefix(root_prefix.size());
  }
  auto [lo, hi] = path_lines_.equal_range({NormalizePath(path), f.location.line});
  std::string hash;
  for (auto it = lo; it != hi; ++it) {
    if (it->second.empty()) return true;
    if (hash.empty()) hash = Sha256Hex(f.secret.Reveal(SecretAccess::Key()));  // gitleaks Secret
    if (it->second == hash) return true;
  }
  return false;
}

void Baseline::Index() {
  fingerprints_.clear();
  path_lines_.clear();
  for (const auto& e : entries) fingerprints_.insert(e.fingerprint);
  for (const auto& g : gitleaks)
    path_lines_.emplace(std::make_pair(NormalizePath(g.path), g.line), g.secret_sha256);
}

Result<Baseline> ParseBaseline(std::string_view text, const std::string& source) {
  Baseline b;
  try {
    json doc = json::parse(text, nullptr, false);
    if (doc.is_discarded()) {
      if (!FromJsonLines(text, &b)) doc = json::parse(text);  // throws with the position
    } else if (doc.is_array()) {
      for (const json& e : doc) FromObject(e, &b);
    } else if (doc.is_object() && doc.contains("entries")) {
      for (const json& e : doc["entries"]) FromObject(e, &b);
    } else if (doc.is_object() && doc.contains("findings")) {
      for (const json& e : doc["findings"]) FromObject(e, &b);
    } else if (doc.is_object() && doc.contains("runs") && doc["runs"].is_array()) {
      FromSarif(doc, &b);
    } else {
      return Error::InvalidArgument(
          source +
          ": not a leakhound baseline, a leakhound JSON/JSONL/SARIF report or "
          "a gitleaks report");
    }
  } catch (const json::exception& e) {
    return Error::InvalidArgument(source + ": invalid JSON: " + e.what());
  }
  b.Index();
  return b;
}

Result<Baseline> LoadBaseline(const std::string& path) {
  auto text = ReadRegularFile(path, 1ull << 30);  // a report can be large, not endless
  if (!text) {
    if (text.error().code != ErrorCode::kNotFound) return text.error();
    return Error::NotFound(path + ": cannot read baseline");
  }
  return ParseBaseline(*text, path);
}

std::string SerializeBaseline(std::vector<BaselineEntry> entries) {
  std::sort(entries.begin(), entries.end(), [](const BaselineEntry& a, const BaselineEntry& b) {
    return a.path != b.path ? a.path < b.path : a.fingerprint < b.fingerprint;
  });
  json arr = json::array();
  for (const auto& e : entries) {
    arr.push_back({{"fingerprint", e.fingerprint},
                   {"rule_id", e.rule_id},
                   {"path", e.path},
                   {"commit", e.commit}});
  }
  json doc = {{"version", 1}, {"tool", "leakhound"}, {"entries", arr}};
  return doc.dump(2) + "\n";
}

}  // namespace leakhound::allowlist
