#include "inventory/blob_shards.h"

#include <algorithm>
#include <set>

namespace leakhound::inventory {

namespace {

using Json = nlohmann::json;

std::string Str(const Json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

int64_t Int(const Json& j, const char* key, int64_t fallback) {
  auto it = j.find(key);
  return it != j.end() && it->is_number_integer() ? it->get<int64_t>() : fallback;
}

const Json& Field(const Json& j, const char* key) {
  static const Json kNull;
  auto it = j.find(key);
  return it != j.end() ? *it : kNull;
}

bool Usable(const ShardRecord& r) {
  std::string s = Str(r.repository, "status");
  return s == "complete" || s == "incomplete";
}

// Every credential's still_present, united over the group's findings, then
// written back to each finding (in first-seen order of the ref names).
void UniteStillPresent(std::vector<Json>* findings) {
  std::map<std::string, std::vector<std::string>> refs;  // fingerprint -> refs
  for (const Json& f : *findings) {
    const Json& sp = Field(Field(f, "exposure"), "still_present");
    if (!sp.is_array()) continue;
    std::vector<std::string>& v = refs[Str(f, "fingerprint")];
    for (const Json& r : sp) {
      if (r.is_string() && std::find(v.begin(), v.end(), r.get<std::string>()) == v.end()) {
        v.push_back(r.get<std::string>());
      }
    }
  }
  for (Json& f : *findings) {
    auto it = refs.find(Str(f, "fingerprint"));
    if (it == refs.end() || !f.contains("exposure") || !f["exposure"].is_object()) continue;
    std::vector<std::string> v = it->second;
    std::sort(v.begin(), v.end());
    f["exposure"]["still_present"] = v;
  }
}

int64_t Order(const Json& exposure, const char* key) {
  return Int(Field(exposure, "order"), key, -1);
}

// Every credential's introduced and removed commits, combined from the
// shards' partial views by the rule of docs/scale.md (exposure.order), then
// written back to each of its findings; still_present is already united.
void CombineExposure(std::vector<Json>* findings) {
  std::map<std::string, std::vector<Json*>> by_secret;
  for (Json& f : *findings) {
    if (Field(Field(f, "exposure"), "order").is_object()) {
      by_secret[Str(f, "rule_id") + '\n' + Str(f, "fingerprint")].push_back(&f);
    }
  }
  for (auto& [key, group] : by_secret) {
    const Json *intro = nullptr, *chain = nullptr, *drop = nullptr;
    bool at_tip = false;
    for (const Json* f : group) {
      const Json& e = (*f)["exposure"];
      std::string removal = Str(Field(e, "order"), "removal");
      if (!intro || Order(e, "introduced") < Order(*intro, "introduced")) intro = &e;
      at_tip |= removal == "default_tip";
      if (removal == "default_branch" && (!chain || Order(e, "removed") > Order(*chain, "removed")))
        chain = &e;
      if (removal == "last_drop" && Order(e, "removed") >= 0 &&
          (!drop || Order(e, "removed") > Order(*drop, "removed")))
        drop = &e;
    }
    const bool still = !Field(*intro, "still_present").empty();
    const Json* removed = at_tip ? nullptr : chain ? chain : still ? nullptr : drop;
    const Json introduced = (*intro)["introduced"];
    const Json gone = removed ? (*removed)["removed"] : Json(nullptr);
    for (Json* f : group) {
      (*f)["exposure"]["introduced"] = introduced;
      (*f)["exposure"]["removed"] = gone;
    }
  }
}

ShardRecord CombineGroup(const std::map<int64_t, ShardRecord>& parts) {
  const ShardRecord& first = parts.begin()->second;
  const int64_t count = Int(Field(first.repository, "blob_shard"), "count", 1);
  ShardRecord out;
  out.manifest = first.manifest;
  out.repository = {{"url", Str(first.repository, "url")}, {"name", Str(first.repository, "name")}};
  std::string missing, finished;
  int64_t usable = 0, findings = 0;
  bool all_complete = true;
  for (int64_t i = 0; i < count; ++i) {
    auto it = parts.find(i);
    if (it == parts.end() || !Usable(it->second)) {
      missing += (missing.empty() ? "" : ", ") + std::to_string(i);
      continue;
    }
    const ShardRecord& r = it->second;
    ++usable;
    if (Str(r.repository, "status") != "complete") all_complete = false;
    findings += Int(r.repository, "findings", 0);
    finished = std::max(finished, Str(r.manifest, "finished"));
    out.findings.insert(out.findings.end(), r.findings.begin(), r.findings.end());
  }
  for (const auto& [i, r] : parts) finished = std::max(finished, Str(r.manifest, "finished"));
  out.manifest["finished"] = finished;
  out.repository["findings"] = findings;
  out.repository["blob_shards"] = std::to_string(usable) + "/" + std::to_string(count);
  if (usable == 0) {
    out.repository["status"] = "failed";
    out.repository["error"] = "no blob shard of " + std::to_string(count) + " has results";
  } else if (!missing.empty() || !all_complete) {
    out.repository["status"] = "incomplete";
    out.repository["error"] = missing.empty()
                                  ? "a blob shard was incomplete"
                                  : "blob shard(s) " + missing + " of " + std::to_string(count) +
                                        " missing or failed: the scan is partial";
  } else {
    out.repository["status"] = "complete";
  }
  UniteStillPresent(&out.findings);
  CombineExposure(&out.findings);
  return out;
}

}  // namespace

bool BlobShardGroups::IsBlobShard(const Json& repository) {
  return repository.is_object() && Field(repository, "blob_shard").is_object();
}

void BlobShardGroups::Add(ShardRecord record) {
  const Json& bs = Field(record.repository, "blob_shard");
  std::string key = Str(record.repository, "url") + '\n' + std::to_string(Int(bs, "count", 1)) +
                    '\n' + Field(record.repository, "refs").dump() + '\n' +
                    Str(record.manifest, "rules_digest");
  auto& group = groups_[key];
  const int64_t index = Int(bs, "index", -1);
  auto it = group.find(index);
  if (it != group.end() &&
      Str(it->second.manifest, "finished") > Str(record.manifest, "finished")) {
    return;
  }
  group[index] = std::move(record);
}

std::vector<ShardRecord> BlobShardGroups::Combine() const {
  std::vector<ShardRecord> out;
  for (const auto& [key, parts] : groups_) out.push_back(CombineGroup(parts));
  std::stable_sort(out.begin(), out.end(), [](const ShardRecord& a, const ShardRecord& b) {
    return Str(a.manifest, "finished") < Str(b.manifest, "finished");
  });
  return out;
}

}  // namespace leakhound::inventory
