#include "source/git/git_commit_store.h"

#include <algorithm>
#include <cstring>

#include "source/git/pack/pack_reader.h"

namespace leakhound::source {

namespace {

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;  // upper case too: not the canonical form
}

// "<prefix><40 lower-case hex>\n" at *pos; advances past it.
bool IdLine(std::string_view raw, size_t* pos, std::string_view prefix, BlobId* id) {
  const size_t len = prefix.size() + 41;
  if (raw.size() - *pos < len || raw.compare(*pos, prefix.size(), prefix) != 0) return false;
  const char* hex = raw.data() + *pos + prefix.size();
  if (hex[40] != '\n') return false;
  for (size_t i = 0; i < 20; ++i) {
    int hi = HexDigit(hex[2 * i]), lo = HexDigit(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return false;
    id->raw[i] = static_cast<uint8_t>(hi << 4 | lo);
  }
  *pos += len;
  return true;
}

// A "<prefix>name <email> ...\n" line at *pos (advanced past it); `rest`
// receives what follows the email's '>'.
bool SignatureLine(std::string_view raw, size_t* pos, std::string_view prefix,
                   std::string_view* rest) {
  if (raw.compare(*pos, prefix.size(), prefix) != 0) return false;
  const size_t eol = raw.find('\n', *pos);
  if (eol == std::string_view::npos) return false;
  std::string_view line = raw.substr(*pos, eol - *pos);
  const size_t lt = line.rfind('<'), gt = line.rfind('>');
  if (lt == std::string_view::npos || gt == std::string_view::npos || gt < lt) return false;
  *rest = line.substr(gt + 1);
  *pos = eol + 1;
  return true;
}

// " <seconds> <+|-><4 digits>" exactly.
bool CommitterTime(std::string_view rest, int64_t* time) {
  if (rest.size() < 8 || rest[0] != ' ') return false;
  size_t i = 1;
  int64_t t = 0;
  for (; i < rest.size() && rest[i] >= '0' && rest[i] <= '9'; ++i) {
    if (i > 18) return false;
    t = t * 10 + (rest[i] - '0');
  }
  if (i == 1 || rest.size() - i != 6 || rest[i] != ' ') return false;
  if (rest[i + 1] != '+' && rest[i + 1] != '-') return false;
  for (size_t k = i + 2; k < rest.size(); ++k) {
    if (rest[k] < '0' || rest[k] > '9') return false;
  }
  *time = t;
  return true;
}

// What follows the header: the first empty line ends it (continuation lines
// of gpgsig or mergetag start with a space, never empty). As libgit2: the
// message starts after that line, loses its leading newlines and ends at
// the first NUL; no empty line means no message.
std::string_view MessageAfter(std::string_view raw, size_t pos) {
  while (pos < raw.size() && raw[pos] != '\n') {
    const size_t eol = raw.find('\n', pos);
    if (eol == std::string_view::npos) return {};
    pos = eol + 1;
  }
  if (pos >= raw.size()) return {};
  std::string_view m = raw.substr(pos + 1);
  while (!m.empty() && m.front() == '\n') m.remove_prefix(1);
  const size_t nul = m.find('\0');
  return nul == std::string_view::npos ? m : m.substr(0, nul);
}

}  // namespace

bool ParseCommit(std::string_view raw, CommitFields* out) {
  size_t pos = 0;
  out->parents.clear();
  if (!IdLine(raw, &pos, "tree ", &out->tree)) return false;
  BlobId parent;
  while (IdLine(raw, &pos, "parent ", &parent)) out->parents.push_back(parent);
  std::string_view rest;
  if (!SignatureLine(raw, &pos, "author ", &rest)) return false;
  if (raw.compare(pos, 7, "author ") == 0) return false;  // several: libgit2 decides
  if (!SignatureLine(raw, &pos, "committer ", &rest) || !CommitterTime(rest, &out->time)) {
    return false;
  }
  out->message = MessageAfter(raw, pos);
  return true;
}

void CommitStore::Load(const std::vector<std::string>& packs, size_t budget, size_t cache_budget,
                       size_t resident_window, pack::SharedPacks* shared, std::stop_token stop) {
  for (const std::string& path : packs) {
    if (stop.stop_requested() || bytes_.size() >= budget) return;
    pack::ReaderOptions ro;
    ro.cache_budget_bytes = cache_budget;
    ro.resident_window = resident_window;
    auto reader = shared ? shared->Open(path, ro) : pack::PackReader::Open(path, ro);
    if (!reader) continue;
    auto want = [this](const BlobId& id, pack::ObjType type) {
      return type == pack::ObjType::kCommit && index_.Find(id) == OidMap::kAbsent;
    };
    auto visit = [&](const pack::PackObject& o) {
      if (bytes_.size() + o.bytes.size() > budget || o.bytes.size() > UINT32_MAX) return false;
      if (index_.Insert(o.id, static_cast<uint32_t>(spans_.size())).second) {
        spans_.push_back({bytes_.size(), static_cast<uint32_t>(o.bytes.size())});
        bytes_.append(o.bytes);
      }
      return true;
    };
    pack::ReadPlan plan = (*reader)->Plan(want, nullptr, 1);
    // Room for typical commits (under 1 KiB) at once, so the bytes are not
    // copied again and again as they grow; untouched room costs no memory.
    bytes_.reserve(std::min<uint64_t>(budget, bytes_.size() + plan.wanted() * 1536));
    if (plan.parts() > 0) (void)(*reader)->Read(plan, 0, visit, nullptr, stop);
  }
}

bool CommitStore::Find(const BlobId& id, std::string_view* raw) const {
  const uint32_t i = index_.Find(id);
  if (i == OidMap::kAbsent) return false;
  *raw = std::string_view(bytes_).substr(spans_[i].offset, spans_[i].size);
  return true;
}

void CommitStore::Clear() {
  index_ = OidMap();
  spans_ = {};
  bytes_ = {};
}

}  // namespace leakhound::source
