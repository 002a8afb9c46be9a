#include "allowlist/baseline.h"

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

namespace leakhound::allowlist {

namespace {

using nlohmann::json;

std::string Str(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

void FromArray(const json& arr, Baseline* b) {
  for (const auto& e : arr) {
    if (!e.is_object()) continue;
    if (e.contains("RuleID") || e.contains("StartLine")) {  // gitleaks report
      auto line = e.value("StartLine", 0);
      b->path_lines.emplace(Str(e, "File"), static_cast<uint32_t>(line));
      continue;
    }
    BaselineEntry entry{Str(e, "fingerprint"), Str(e, "rule_id"), Str(e, "path"), ""};
    if (auto c = e.find("commit"); c != e.end()) {
      entry.commit = c->is_string() ? c->get<std::string>()
                                    : (c->is_object() ? Str(*c, "id") : std::string());
    }
    if (!entry.fingerprint.empty()) b->entries.push_back(std::move(entry));
  }
}

}  // namespace

bool Baseline::Contains(const Finding& f) const {
  if (fingerprints_.count(f.fingerprint)) return true;
  return !path_lines.empty() && path_lines.count({f.location.path, f.location.line});
}

void Baseline::Index() {
  fingerprints_.clear();
  for (const auto& e : entries) fingerprints_.insert(e.fingerprint);
}

Result<Baseline> ParseBaseline(std::string_view text, const std::string& source) {
  Baseline b;
  try {
    json doc = json::parse(text);
    if (doc.is_array()) {
      FromArray(doc, &b);
    } else if (doc.is_object() && doc.contains("entries")) {
      FromArray(doc["entries"], &b);
    } else if (doc.is_object() && doc.contains("findings")) {
      FromArray(doc["findings"], &b);
    } else {
      return Error{ErrorCode::kInvalidArgument,
                   source + ": not a leakhound baseline, leakhound report or gitleaks report"};
    }
  } catch (const json::exception& e) {
    return Error{ErrorCode::kInvalidArgument, source + ": invalid JSON: " + e.what()};
  }
  b.Index();
  return b;
}

Result<Baseline> LoadBaseline(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{ErrorCode::kNotFound, path + ": cannot read baseline"};
  std::stringstream ss;
  ss << in.rdbuf();
  return ParseBaseline(ss.str(), path);
}

std::string SerializeBaseline(const std::vector<BaselineEntry>& entries) {
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
