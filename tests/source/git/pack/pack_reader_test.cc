// PackReader against libgit2, object by object, on repositories built with the
// git CLI (deep OFS_DELTA chains, REF_DELTA, fixed thin packs, a hand-made thin
// pack with an external base), plus corrupt and truncated packs.
#include "source/git/pack/pack_reader.h"

#include <git2.h>
#include <gtest/gtest.h>
#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "source/git/pack/pack_format.h"

namespace leakhound::source::pack {
namespace {

namespace fs = std::filesystem;

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "packtest-XXXXXX").string();
    path_ = ::mkdtemp(tmpl.data());
  }
  ~TempDir() { fs::remove_all(path_); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Runs a shell command with an isolated git configuration; returns its exit
// status. Its output is printed only when it fails.
int Sh(const std::string& dir, const std::string& cmd) {
  const std::string full = "cd '" + dir + "' && HOME='" + dir +
                           "' GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@t "
                           "GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@t " +
                           cmd + " 2>&1";
  std::string out;
  FILE* p = ::popen(full.c_str(), "r");
  if (p == nullptr) return -1;
  char buf[4096];
  for (size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
  const int status = ::pclose(p);
  if (status != 0) std::fprintf(stderr, "$ %s\n%s", cmd.c_str(), out.c_str());
  return status;
}

std::string ShOut(const std::string& dir, const std::string& cmd) {
  std::string out;
  FILE* p = ::popen(("cd '" + dir + "' && " + cmd + " 2>/dev/null").c_str(), "r");
  char buf[4096];
  for (size_t n; p != nullptr && (n = std::fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
  if (p != nullptr) ::pclose(p);
  return out;
}

void WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void AppendFile(std::string* s, const std::string& path, const std::string& content) {
  *s += "M 100644 inline " + path + "\ndata " + std::to_string(content.size()) + "\n" + content +
        "\n";
}

// A fast-import stream: `commits` commits editing a 200-line text file slightly
// each time, a binary file, a 1.5 MiB file every 25 commits, and an empty file.
std::string History(int commits) {
  uint64_t rng = 42;
  auto next = [&rng] {
    return (rng = rng * 6364136223846793005ull + 1442695040888963407ull) >> 33;
  };
  std::vector<std::string> lines(200);
  for (size_t i = 0; i < lines.size(); ++i) lines[i] = "line " + std::to_string(i) + " of the text";
  std::string binary(4096, '\0');
  for (char& c : binary) c = static_cast<char>(next());
  std::string big;
  while (big.size() < (3u << 19))
    big += "big line " + std::to_string(next()) + " padding padding\n";
  std::string s;
  for (int c = 0; c < commits; ++c) {
    lines[next() % lines.size()] = "edited in commit " + std::to_string(c);
    lines[next() % lines.size()] += " and again";
    binary[next() % binary.size()] = static_cast<char>(next());
    std::string msg = "commit " + std::to_string(c);
    s += "commit refs/heads/main\ncommitter t <t@t> " + std::to_string(1700000000 + c) +
         " +0000\ndata " + std::to_string(msg.size()) + "\n" + msg + "\n";
    std::string text;
    for (const auto& l : lines) text += l + "\n";
    AppendFile(&s, "a.txt", text);
    AppendFile(&s, "b.bin", binary);
    AppendFile(&s, "empty", "");
    if (c % 25 == 0) {
      big.replace(next() % (big.size() - 20), 10, "<changed" + std::to_string(c % 10) + ">");
      AppendFile(&s, "big.txt", big);
    }
  }
  return s;
}

// A bare repository with `commits` commits; `repack` runs afterwards (in it).
std::string MakeRepo(const TempDir& tmp, int commits, const std::string& repack) {
  const std::string repo = tmp.path() + "/repo.git";
  WriteFile(tmp.path() + "/stream", History(commits));
  EXPECT_EQ(Sh(tmp.path(), "git init -q --bare repo.git"), 0);
  EXPECT_EQ(Sh(repo, "git fast-import --quiet < ../stream"), 0);
  EXPECT_EQ(Sh(repo, repack), 0);
  return repo;
}

std::vector<std::string> Packs(const std::string& repo) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(repo + "/objects/pack")) {
    if (e.path().extension() == ".pack") out.push_back(e.path().string());
  }
  return out;
}

int MaxChainLength(const std::string& repo, const std::string& pack) {
  std::string out = ShOut(repo, "git verify-pack -v '" + pack + "' | grep '^chain length'");
  int max = 0;
  for (size_t p = 0; (p = out.find("chain length = ", p)) != std::string::npos; ++p) {
    max = std::max(max, std::atoi(out.c_str() + p + 15));
  }
  return max;
}

// Counts the REF_DELTA entries of `pack`; also OFS_DELTA entries and REF_DELTA
// entries whose base comes later in the pack.
int CountRefDeltas(const std::string& pack, int* ofs_deltas, int* forward_refs) {
  auto idx = PackIndex::Open(IndexPathForPack(pack));
  EXPECT_TRUE(idx) << idx.error().message;
  const std::string bytes = ReadFile(pack);
  int refs = 0;
  for (uint32_t i = 0; idx && i < idx->count(); ++i) {
    EntryHeader h;
    const uint64_t off = idx->offset(i);
    EXPECT_TRUE(ParseEntryHeader(reinterpret_cast<const uint8_t*>(bytes.data()) + off,
                                 bytes.size() - off, off, &h));
    *ofs_deltas += h.type == RawType::kOfsDelta;
    if (h.type != RawType::kRefDelta) continue;
    ++refs;
    auto base = idx->Find(h.base_oid);
    *forward_refs += base && idx->offset(*base) > off;
  }
  return refs;
}

// libgit2 handles for comparing objects.
class Odb {
 public:
  explicit Odb(const std::string& repo) {
    git_libgit2_init();
    EXPECT_EQ(git_repository_open(&repo_, repo.c_str()), 0);
    EXPECT_EQ(git_repository_odb(&odb_, repo_), 0);
  }
  ~Odb() {
    git_odb_free(odb_);
    git_repository_free(repo_);
    git_libgit2_shutdown();
  }
  // Compares `o` with git_odb_read of the same oid; returns a description of
  // the difference, or "" when equal.
  std::string Diff(const PackObject& o) const {
    git_oid oid;
    git_oid_fromraw(&oid, o.id.raw.data());
    git_odb_object* obj = nullptr;
    if (git_odb_read(&obj, odb_, &oid) != 0) return o.id.Hex() + ": not in libgit2";
    std::string diff;
    if (static_cast<int>(git_odb_object_type(obj)) != static_cast<int>(o.type)) {
      diff = o.id.Hex() + ": type differs";
    } else if (std::string_view(static_cast<const char*>(git_odb_object_data(obj)),
                                git_odb_object_size(obj)) != o.bytes) {
      diff = o.id.Hex() + ": content differs";
    }
    git_odb_object_free(obj);
    return diff;
  }
  BaseLookup Lookup() const {
    return [this](const BlobId& id, ObjType* type, std::string* bytes) {
      git_oid oid;
      git_oid_fromraw(&oid, id.raw.data());
      git_odb_object* obj = nullptr;
      if (git_odb_read(&obj, odb_, &oid) != 0) return false;
      *type = static_cast<ObjType>(git_odb_object_type(obj));
      bytes->assign(static_cast<const char*>(git_odb_object_data(obj)), git_odb_object_size(obj));
      git_odb_object_free(obj);
      return true;
    };
  }

 private:
  git_repository* repo_ = nullptr;
  git_odb* odb_ = nullptr;
};

struct Outcome {
  uint64_t visited = 0;
  uint64_t blobs = 0;
  std::vector<std::string> diffs;   // mismatches with libgit2
  std::vector<std::string> errors;  // on_error messages
  ReadStats stats;
};

// Reads every object of `pack` (in `parts` threads) and compares each with libgit2.
Outcome ReadAndCompare(const std::string& pack, const Odb& odb, ReaderOptions options,
                       size_t parts = 1) {
  Outcome out;
  auto reader = PackReader::Open(pack, std::move(options));
  if (!reader) {
    out.errors.push_back("open: " + reader.error().message);
    return out;
  }
  std::mutex mu;
  auto on_error = [&](const BlobId& id, std::string_view msg) {
    std::lock_guard<std::mutex> lock(mu);
    out.errors.push_back(id.Hex() + ": " + std::string(msg));
  };
  auto visit = [&](const PackObject& o) {
    std::lock_guard<std::mutex> lock(mu);  // libgit2 handles: one thread at a time
    std::string diff = odb.Diff(o);
    ++out.visited;
    out.blobs += o.type == ObjType::kBlob;
    if (!diff.empty()) out.diffs.push_back(diff);
    return true;
  };
  ReadPlan plan = (*reader)->Plan([](const BlobId&, ObjType) { return true; }, on_error, parts);
  std::vector<ReadStats> stats(parts);
  std::vector<std::jthread> threads;
  for (size_t p = 0; p < parts; ++p) {
    threads.emplace_back(
        [&, p] { EXPECT_TRUE((*reader)->Read(plan, p, visit, on_error, {}, &stats[p]).ok()); });
  }
  threads.clear();  // joins
  for (const auto& s : stats) {
    out.stats.objects_built += s.objects_built;
    out.stats.deltas_applied += s.deltas_applied;
  }
  return out;
}

void ExpectAllEqual(const std::string& repo, const ReaderOptions& options, size_t parts = 1) {
  Odb odb(repo);
  for (const auto& pack : Packs(repo)) {
    auto reader = PackReader::Open(pack);
    ASSERT_TRUE(reader) << reader.error().message;
    Outcome out = ReadAndCompare(pack, odb, options, parts);
    EXPECT_EQ(out.visited, (*reader)->object_count()) << pack;
    EXPECT_TRUE(out.diffs.empty()) << out.diffs.front();
    EXPECT_TRUE(out.errors.empty()) << out.errors.front();
  }
}

TEST(PackReaderTest, DeepOfsDeltaChainsMatchLibgit2) {
  TempDir tmp;
  const std::string repo = MakeRepo(tmp, 300, "git gc -q --aggressive");
  ASSERT_EQ(Packs(repo).size(), 1u);
  EXPECT_GE(MaxChainLength(repo, Packs(repo)[0]), 20);
  Odb odb(repo);
  Outcome out = ReadAndCompare(Packs(repo)[0], odb, {});
  EXPECT_GT(out.visited, 900u);
  EXPECT_GT(out.stats.deltas_applied, 500u);
  EXPECT_EQ(out.stats.objects_built, out.visited);  // every base inflated once
  EXPECT_TRUE(out.diffs.empty()) << out.diffs.front();
  EXPECT_TRUE(out.errors.empty()) << out.errors.front();
}

TEST(PackReaderTest, TinyCacheRebuildsBasesCorrectly) {
  TempDir tmp;
  const std::string repo = MakeRepo(tmp, 120, "git gc -q --aggressive");
  ExpectAllEqual(repo, {.cache_budget_bytes = 0});
  ExpectAllEqual(repo, {.cache_budget_bytes = 64 << 10});
}

TEST(PackReaderTest, ResidentWindowDropsPagesAndReadsBackCorrectly) {
  TempDir tmp;
  const std::string repo = MakeRepo(tmp, 120, "git gc -q --aggressive");
  // One page: every entry read drops what is behind it, and delta bases
  // rebuilt from dropped pages must still come out byte-identical.
  ExpectAllEqual(repo, {.cache_budget_bytes = 64 << 10, .resident_window = 4096});
  ExpectAllEqual(repo, {.resident_window = 4096}, 2);
}

TEST(PackReaderTest, OversizedObjectsAreReportedNotBuilt) {
  TempDir tmp;
  const std::string repo = MakeRepo(tmp, 60, "git gc -q --aggressive");
  Odb odb(repo);
  Outcome all = ReadAndCompare(Packs(repo)[0], odb, {});
  Outcome small = ReadAndCompare(Packs(repo)[0], odb, {.max_object_bytes = 200});
  ASSERT_FALSE(small.errors.empty());
  EXPECT_TRUE(std::any_of(small.errors.begin(), small.errors.end(), [](const std::string& e) {
    return e.find("larger than max_object_bytes") != std::string::npos;
  })) << small.errors.front();
  EXPECT_LT(small.visited, all.visited);
  EXPECT_TRUE(small.diffs.empty()) << small.diffs.front();
}

TEST(PackReaderTest, TwoPartsCoverEveryObjectOnce) {
  TempDir tmp;
  const std::string repo = MakeRepo(tmp, 150, "git gc -q --aggressive");
  Odb odb(repo);
  Outcome one = ReadAndCompare(Packs(repo)[0], odb, {}, 1);
  Outcome two = ReadAndCompare(Packs(repo)[0], odb, {}, 2);
  EXPECT_EQ(two.visited, one.visited);
  EXPECT_EQ(two.stats.objects_built, one.stats.objects_built);  // no base inflated twice
  EXPECT_TRUE(two.diffs.empty()) << two.diffs.front();
  EXPECT_TRUE(two.errors.empty()) << two.errors.front();
}

TEST(PackReaderTest, RefDeltaPackMatchesLibgit2) {
  TempDir tmp;
  const std::string repo =
      MakeRepo(tmp, 100, "git -c repack.useDeltaBaseOffset=false repack -q -adf --depth=50");
  int ofs = 0, forward = 0;
  EXPECT_GT(CountRefDeltas(Packs(repo)[0], &ofs, &forward), 100);
  EXPECT_EQ(ofs, 0);
  ExpectAllEqual(repo, {});
}

TEST(PackReaderTest, FixedThinPackWithBasesAfterDeltasMatchesLibgit2) {
  TempDir tmp;
  const std::string repo = MakeRepo(tmp, 60, "git gc -q");
  ASSERT_EQ(Sh(repo, "git branch old main~1"), 0);
  ASSERT_EQ(Sh(repo, "printf 'main\\n^old\\n' | git pack-objects --revs --thin --stdout > ../thin"),
            0);
  ASSERT_EQ(Sh(tmp.path(), "git init -q --bare other.git"), 0);
  const std::string other = tmp.path() + "/other.git";
  ASSERT_EQ(Sh(other, "git fetch -q ../repo.git old:old"), 0);
  const size_t before = Packs(other).size();
  ASSERT_EQ(Sh(other, "git index-pack --stdin --fix-thin < ../thin"), 0);
  ASSERT_EQ(Packs(other).size(), before + 1);
  int ofs = 0, forward = 0;
  for (const auto& pack : Packs(other)) CountRefDeltas(pack, &ofs, &forward);
  EXPECT_GT(forward, 0);  // --fix-thin appends the bases after their deltas
  ExpectAllEqual(other, {});
}

// Writes a one-object pack and its .idx: a REF_DELTA on `base` that appends
// `tail`. With `large_offset`, the offset goes through the 64-bit offset table.
std::string WriteThinPack(const std::string& dir, const git_oid& base, size_t base_size,
                          const std::string& tail, const git_oid& result,
                          bool large_offset = false) {
  std::string delta;
  auto varint = [&delta](uint64_t v) {
    for (; v >= 0x80; v >>= 7) delta += static_cast<char>(0x80 | (v & 0x7f));
    delta += static_cast<char>(v);
  };
  varint(base_size);
  varint(base_size + tail.size());
  delta += static_cast<char>(0x80 | 0x10 | 0x20 | 0x40);  // copy from offset 0
  for (int b = 0; b < 3; ++b) delta += static_cast<char>((base_size >> (8 * b)) & 0xff);
  delta += static_cast<char>(tail.size());
  delta += tail;
  std::string pack("PACK\0\0\0\2\0\0\0\1", 12);
  pack += static_cast<char>(0x80 | (7 << 4) | (delta.size() & 15));
  pack += static_cast<char>(delta.size() >> 4);
  pack.append(reinterpret_cast<const char*>(base.id), 20);
  uLongf zlen = compressBound(delta.size());
  std::string z(zlen, '\0');
  compress(reinterpret_cast<Bytef*>(z.data()), &zlen, reinterpret_cast<const Bytef*>(delta.data()),
           delta.size());
  pack += z.substr(0, zlen) + std::string(20, '\0');
  std::string idx("\377tOc\0\0\0\2", 8);
  for (int i = 0; i < 256; ++i) idx += std::string(3, '\0') + (i >= result.id[0] ? '\1' : '\0');
  idx.append(reinterpret_cast<const char*>(result.id), 20);
  idx += std::string(4, '\0');  // CRC32, not checked by readers
  if (large_offset) {
    idx += std::string("\x80\0\0\0", 4) + std::string(7, '\0') + '\x0c';
  } else {
    idx += std::string("\0\0\0\x0c", 4);
  }
  idx += std::string(40, '\0');
  WriteFile(dir + "/thin.pack", pack);
  WriteFile(dir + "/thin.idx", idx);
  return dir + "/thin.pack";
}

TEST(PackReaderTest, ExternalRefDeltaBaseUsesFallback) {
  TempDir tmp;
  const std::string repo = MakeRepo(tmp, 5, "git gc -q");
  const std::string base_text = ShOut(repo, "git cat-file blob main:a.txt");
  const std::string tail = "appended by a thin pack\n";
  git_oid base, result;
  git_odb_hash(&base, base_text.data(), base_text.size(), GIT_OBJECT_BLOB);
  const std::string expected = base_text + tail;
  git_odb_hash(&result, expected.data(), expected.size(), GIT_OBJECT_BLOB);
  const std::string pack = WriteThinPack(tmp.path(), base, base_text.size(), tail, result);
  Odb odb(repo);
  std::vector<std::string> seen, errors;
  auto on_error = [&](const BlobId&, std::string_view m) { errors.emplace_back(m); };
  auto visit = [&](const PackObject& o) {
    EXPECT_EQ(o.type, ObjType::kBlob);
    EXPECT_EQ(0, std::memcmp(o.id.raw.data(), result.id, 20));
    seen.emplace_back(o.bytes);
    return true;
  };
  auto all = [](const BlobId&, ObjType) { return true; };
  auto with = PackReader::Open(pack, {.external_base = odb.Lookup()});
  ASSERT_TRUE(with) << with.error().message;
  EXPECT_TRUE((*with)->ForEach(all, visit, on_error).ok());
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0], expected);
  EXPECT_TRUE(errors.empty());
  WriteThinPack(tmp.path(), base, base_text.size(), tail, result, /*large_offset=*/true);
  auto large = PackReader::Open(pack, {.external_base = odb.Lookup()});
  ASSERT_TRUE(large) << large.error().message;
  EXPECT_EQ((*large)->index().offset(0), 12u);
  EXPECT_TRUE((*large)->ForEach(all, visit, on_error).ok());
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[1], expected);
  auto without = PackReader::Open(pack);  // no fallback: a clear per-object error
  ASSERT_TRUE(without) << without.error().message;
  EXPECT_TRUE((*without)->ForEach(all, visit, on_error).ok());
  EXPECT_EQ(seen.size(), 2u);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].find("not found"), std::string::npos) << errors[0];
}

TEST(PackReaderTest, MalformedDeltasAreRejected) {
  const std::string base = "0123456789";
  auto apply = [&](const std::string& delta, Buffer* out) {
    return ApplyDelta({reinterpret_cast<const uint8_t*>(base.data()), base.size()},
                      {reinterpret_cast<const uint8_t*>(delta.data()), delta.size()}, out);
  };
  Buffer out;
  EXPECT_EQ(apply(std::string("\x0a\x06\x91\x02\x04\x02xy", 8), &out), nullptr);
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(out.data()), out.size()), "2345xy");
  EXPECT_NE(apply(std::string("\x0b\x04\x90\x04", 4), &out), nullptr);      // base size
  EXPECT_NE(apply(std::string("\x0a\x04\x91\x08\x04", 5), &out), nullptr);  // copy range
  EXPECT_NE(apply(std::string("\x0a\x04\x00", 3), &out), nullptr);          // opcode 0
  EXPECT_NE(apply(std::string("\x0a\x04\x05"
                              "abcde",
                              8),
                  &out),
            nullptr);  // insert range
  EXPECT_NE(apply(std::string("\x0a\x04\x02"
                              "ab",
                              5),
                  &out),
            nullptr);                                               // too short
  EXPECT_NE(apply(std::string("\x0a\x04\x91", 3), &out), nullptr);  // truncated
  EXPECT_NE(apply(std::string("\x8a", 1), &out), nullptr);          // header
}

TEST(PackReaderTest, WantFiltersBeforeInflatingAndVisitCanStop) {
  TempDir tmp;
  const std::string repo = MakeRepo(tmp, 80, "git gc -q --aggressive");
  auto reader = PackReader::Open(Packs(repo)[0]);
  ASSERT_TRUE(reader) << reader.error().message;
  Odb odb(repo);
  const uint64_t blobs = ReadAndCompare(Packs(repo)[0], odb, {}).blobs;
  uint64_t visited = 0;
  auto only_blobs = [](const BlobId&, ObjType t) { return t == ObjType::kBlob; };
  auto on_error = [](const BlobId& id, std::string_view m) { ADD_FAILURE() << id.Hex() << m; };
  EXPECT_TRUE((*reader)
                  ->ForEach(
                      only_blobs,
                      [&](const PackObject& o) {
                        EXPECT_EQ(o.type, ObjType::kBlob);
                        EXPECT_EQ(odb.Diff(o), "");
                        return ++visited > 0;
                      },
                      on_error)
                  .ok());
  EXPECT_EQ(visited, blobs);
  visited = 0;
  auto stop_at_3 = [&](const PackObject&) { return ++visited < 3; };
  EXPECT_TRUE((*reader)->ForEach(only_blobs, stop_at_3, on_error).ok());
  EXPECT_EQ(visited, 3u);
  std::stop_source stop;
  stop.request_stop();
  Status s = (*reader)->ForEach(only_blobs, stop_at_3, on_error, stop.get_token());
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kInterrupted);
}

TEST(PackReaderTest, TruncatedOrForeignFilesFailToOpen) {
  TempDir tmp;
  const std::string repo = MakeRepo(tmp, 30, "git gc -q");
  const std::string pack = Packs(repo)[0];
  const std::string bytes = ReadFile(pack);
  const std::string idx = ReadFile(IndexPathForPack(pack));
  auto expect_open_error = [&](const std::string& p, const std::string& i, const char* what) {
    WriteFile(tmp.path() + "/x.pack", p);
    WriteFile(tmp.path() + "/x.idx", i);
    auto r = PackReader::Open(tmp.path() + "/x.pack");
    ASSERT_FALSE(r) << what;
    EXPECT_NE(r.error().message.find(what), std::string::npos) << r.error().message;
  };
  expect_open_error(bytes.substr(0, bytes.size() / 2), idx, "outside the pack");
  expect_open_error(std::string(100, 'x'), idx, "signature");
  expect_open_error(bytes, idx.substr(0, 600), "truncated");
  expect_open_error(bytes, "\377tOc\0\0\0\3" + idx.substr(8), "version");
  auto missing = PackReader::Open(tmp.path() + "/none.pack");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

TEST(PackReaderTest, CorruptBytesAreReportedPerObjectWithoutCrashing) {
  TempDir tmp;
  const std::string repo = MakeRepo(tmp, 60, "git gc -q --aggressive");
  const std::string pack = Packs(repo)[0];
  const std::string bytes = ReadFile(pack);
  Odb odb(repo);  // the pristine objects
  uint64_t rng = 7;
  for (int round = 0; round < 30; ++round) {
    std::string bad = bytes;
    const int flips = round < 10 ? 1 : 20;
    for (int f = 0; f < flips; ++f) {
      rng = rng * 6364136223846793005ull + 1442695040888963407ull;
      bad[12 + (rng >> 33) % (bad.size() - 32)] ^= static_cast<char>(1 + (rng >> 20) % 255);
    }
    WriteFile(tmp.path() + "/bad.pack", bad);
    fs::copy_file(IndexPathForPack(pack), tmp.path() + "/bad.idx",
                  fs::copy_options::overwrite_existing);
    auto reader = PackReader::Open(tmp.path() + "/bad.pack");
    ASSERT_TRUE(reader) << reader.error().message;
    Outcome out = ReadAndCompare(tmp.path() + "/bad.pack", odb, {});
    EXPECT_EQ(out.visited + out.errors.size(), (*reader)->object_count()) << "round " << round;
    if (round < 10) {
      EXPECT_GE(out.errors.size() + out.diffs.size(), 1u) << "round " << round;
    }
  }
}

// A shared reader (PackReader::Share, SharedPacks) reuses the first plan's
// header pass: its plans must see exactly what a reader of its own sees,
// header failures included.
TEST(PackReaderTest, SharedReadersSeeWhatTheirOwnReaderSees) {
  TempDir tmp;
  const std::string repo = MakeRepo(tmp, 60, "git gc -q --aggressive");
  const std::string pack = Packs(repo)[0];
  const std::string bytes = ReadFile(pack);
  struct Seen {
    std::vector<BlobId> visited;
    std::vector<std::string> errors;
    bool operator==(const Seen&) const = default;
  };
  auto read = [](const PackReader& r) {
    Seen seen;
    auto all = [](const BlobId&, ObjType) { return true; };
    auto visit = [&](const PackObject& o) {
      seen.visited.push_back(o.id);
      return true;
    };
    auto on_error = [&](const BlobId& id, std::string_view m) {
      seen.errors.push_back(id.Hex() + std::string(m));
    };
    EXPECT_TRUE(r.ForEach(all, visit, on_error).ok());
    return seen;
  };
  uint64_t rng = 11;
  size_t with_errors = 0;
  for (int round = 0; round < 8; ++round) {
    std::string bad = bytes;
    for (int f = 0; f < 4 * round; ++f) {
      rng = rng * 6364136223846793005ull + 1442695040888963407ull;
      bad[12 + (rng >> 33) % (bad.size() - 32)] ^= static_cast<char>(1 + (rng >> 20) % 255);
    }
    const std::string path = tmp.path() + "/s" + std::to_string(round) + ".pack";
    WriteFile(path, bad);
    fs::copy_file(IndexPathForPack(pack), IndexPathForPack(path));
    auto own = PackReader::Open(path);
    ASSERT_TRUE(own) << own.error().message;
    const Seen expected = read(**own);
    with_errors += expected.errors.empty() ? 0 : 1;
    SharedPacks shared;
    auto first = shared.Open(path, {});
    auto second = shared.Open(path, {.cache_budget_bytes = 1 << 16});
    ASSERT_TRUE(first && second);
    EXPECT_EQ(read(**first), expected) << "round " << round;
    EXPECT_EQ(read(**second), expected) << "round " << round;  // headers from the first
    EXPECT_EQ(read(*(*own)->Share({})), expected) << "round " << round;
  }
  EXPECT_GE(with_errors, 1u);
}

}  // namespace
}  // namespace leakhound::source::pack
