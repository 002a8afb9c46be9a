// Test helpers: object ids, raw tree entries and an in-memory TreeSource.
#pragma once

#include <map>
#include <string>

#include "source/git/git_tree_walk.h"

namespace leakhound::source::testing {

// An id whose 20 bytes are all `n`.
inline BlobId Id(uint8_t n) {
  BlobId id;
  id.raw.fill(n);
  return id;
}

// One raw tree entry: "<mode> <name>\0<20-byte id>".
inline std::string Entry(const char* mode, const std::string& name, const BlobId& id) {
  std::string out = std::string(mode) + " " + name;
  out.push_back('\0');
  out.append(reinterpret_cast<const char*>(id.raw.data()), id.raw.size());
  return out;
}

// In-memory trees; counts reads so tests can check that each tree is read once.
class FakeTrees : public TreeSource {
 public:
  Status ForEachEntry(const BlobId& id, const EntryVisitor& visit) override {
    ++reads[id];
    auto it = trees.find(id);
    if (it == trees.end()) return Error{ErrorCode::kNotFound, "tree " + id.Hex() + " is missing"};
    return VisitRawTree(it->second, id, visit);
  }
  std::map<BlobId, std::string> trees;
  std::map<BlobId, int> reads;
};

}  // namespace leakhound::source::testing
