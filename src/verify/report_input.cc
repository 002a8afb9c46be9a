#include "verify/report_input.h"

#include <ctime>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "rules/loader.h"

namespace leakhound::verify {

namespace {

using Json = nlohmann::json;

int64_t ParseIso(const std::string& s) {
  std::tm tm{};
  if (strptime(s.c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm) == nullptr) return 0;
  return static_cast<int64_t>(timegm(&tm));
}

// A 32-bit count or offset; 0 when absent, not an integer or out of range (a
// float such as 1e300 must not reach a float-to-integer conversion: UB).
uint32_t U32(const Json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number_integer()) return 0;
  if (it->is_number_unsigned()) {
    uint64_t v = it->get<uint64_t>();
    return v <= UINT32_MAX ? static_cast<uint32_t>(v) : 0;
  }
  int64_t v = it->get<int64_t>();
  return v >= 0 && v <= int64_t{UINT32_MAX} ? static_cast<uint32_t>(v) : 0;
}

// A zero id unless `hex` is 40 hex digits (reports are untrusted input).
BlobId ParseBlob(const std::string& hex) {
  BlobId id;
  if (hex.size() != 40) return id;
  auto nibble = [](char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (size_t i = 0; i < 20; ++i) {
    int hi = nibble(hex[2 * i]), lo = nibble(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return BlobId{};
    id.raw[i] = static_cast<uint8_t>(hi << 4 | lo);
  }
  return id;
}

std::shared_ptr<const CommitInfo> ParseCommit(const Json& j) {
  if (!j.is_object()) return nullptr;
  auto c = std::make_shared<CommitInfo>();
  c->id = j.value("id", "");
  c->author_name = j.value("author_name", "");
  c->author_email = j.value("author_email", "");
  c->committer_time = ParseIso(j.value("date", ""));
  c->author_time = ParseIso(j.value("author_date", ""));
  c->summary = j.value("summary", "");
  return c;
}

Finding ParseFinding(const Json& j, bool redacted) {
  Finding f;
  f.rule_id = j.at("rule_id").get<std::string>();
  f.description = j.value("description", "");
  if (auto s = rules::ParseSeverity(j.value("severity", "high"))) f.severity = *s;
  if (auto c = rules::ParseConfidence(j.value("confidence", "high"))) f.confidence = *c;
  f.fingerprint = j.value("fingerprint", "");
  f.redacted = j.value("redacted", "");
  f.context = j.value("context", "");
  f.entropy = j.value("entropy", 0.0);
  Location& l = f.location;
  l.path = j.value("path", "");
  l.line = U32(j, "line");
  l.column = U32(j, "column");
  l.end_line = U32(j, "end_line");
  l.end_column = U32(j, "end_column");
  l.bytes = Span{U32(j, "byte_offset"), U32(j, "byte_end")};
  l.blob = ParseBlob(j.value("blob", ""));
  if (j.contains("commit")) l.commit = ParseCommit(j["commit"]);
  if (!redacted && j.contains("secret") && j["secret"].is_string()) {
    std::string s = j["secret"].get<std::string>();
    f.secret = Secret(s);
    std::fill(s.begin(), s.end(), '\0');
  }
  if (!redacted && j.contains("captures") && j["captures"].is_object()) {
    for (auto it = j["captures"].begin(); it != j["captures"].end(); ++it) {
      if (it->is_string()) f.captures.emplace(it.key(), Secret(it->get<std::string>()));
    }
  }
  return f;
}

Status AddFindings(const Json& arr, bool redacted, LoadedReport* out) {
  if (!arr.is_array()) return Error::InvalidArgument("'findings' is not an array");
  for (const Json& j : arr) out->findings.push_back(ParseFinding(j, redacted));
  return OkStatus();
}

// JSONL: finding lines, then a summary line that says whether secrets were
// redacted (so findings are parsed only once it has been read).
Status ParseJsonl(const std::string& text, std::vector<Json>* lines, LoadedReport* out) {
  std::istringstream ls(text);
  for (std::string line; std::getline(ls, line);) {
    if (line.empty()) continue;
    Json j = Json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
      return Error::InvalidArgument("not a leakhound JSON or JSONL report");
    }
    if (j.value("type", "") == "summary") {
      out->secrets_redacted = j.value("secrets_redacted", true);
      out->command = j.value("command", "");
      out->root = j.value("root", "");
    } else if (j.value("type", "") == "finding") {
      lines->push_back(std::move(j));
    }
  }
  return OkStatus();
}

}  // namespace

Result<LoadedReport> LoadReport(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Error::Io(path + ": cannot open");
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  LoadedReport out;
  std::vector<Json> lines;
  try {
    Json doc = Json::parse(text, nullptr, false);
    if (!doc.is_discarded() && doc.is_object() && doc.contains("findings")) {
      out.secrets_redacted = doc.value("secrets_redacted", true);
      out.command = doc.value("command", "");
      out.root = doc.value("root", "");
      if (auto s = AddFindings(doc["findings"], out.secrets_redacted, &out); !s) {
        return Annotate(s.error(), path);
      }
      return out;
    }
    if (auto s = ParseJsonl(text, &lines, &out); !s) return Annotate(s.error(), path);
    if (auto s = AddFindings(Json(lines), out.secrets_redacted, &out); !s)
      return Annotate(s.error(), path);
  } catch (const Json::exception& e) {
    return Error::InvalidArgument(path + ": malformed report: " + e.what());
  }
  return out;
}

}  // namespace leakhound::verify
