// Benchmark driver for source/pack (run by bench/pack_read_bench.sh).
//   pack_read_bench gen [--commits N] [--files-per-commit K] [--source DIR]
//       writes a deterministic `git fast-import` stream to stdout: a history
//       that adds text files from DIR (default /usr/include) and edits a few
//       lines of a few files in every commit, as real histories do.
//   pack_read_bench read --repo GITDIR [--mode pack|libgit2] [--threads N]
//                   [--budget-mb M] [--all-types]
//       reads every blob (every object with --all-types) of the repository's
//       packs, through PackReader or through libgit2 git_odb_read in pack
//       order, and prints one line of results.
#include <git2.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <thread>
#include <unordered_set>
#include <vector>

#include "source/git/pack/pack_reader.h"

namespace pack = leakhound::source::pack;
namespace fs = std::filesystem;

namespace {

struct Args {
  std::string cmd, repo, mode = "pack", source = "/usr/include";
  int commits = 2000, files_per_commit = 6, threads = 1;
  size_t budget_mb = 256;
  bool all_types = false;
};

bool ParseArgs(int argc, char** argv, Args* a) {
  if (argc < 2) return false;
  a->cmd = argv[1];
  for (int i = 2; i < argc; ++i) {
    const std::string k = argv[i];
    if (k == "--all-types") {
      a->all_types = true;
      continue;
    }
    if (i + 1 >= argc) return false;
    const std::string v = argv[++i];
    if (k == "--repo")
      a->repo = v;
    else if (k == "--mode")
      a->mode = v;
    else if (k == "--source")
      a->source = v;
    else if (k == "--commits")
      a->commits = std::stoi(v);
    else if (k == "--files-per-commit")
      a->files_per_commit = std::stoi(v);
    else if (k == "--threads")
      a->threads = std::max(1, std::stoi(v));
    else if (k == "--budget-mb")
      a->budget_mb = std::stoul(v);
    else
      return false;
  }
  return a->cmd == "gen" || (a->cmd == "read" && !a->repo.empty());
}

// ---- gen ---------------------------------------------------------------------------------

class Rng {
 public:
  uint64_t Next() {
    uint64_t z = (s_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  size_t Below(size_t n) { return n == 0 ? 0 : Next() % n; }

 private:
  uint64_t s_ = 42;
};

struct SourceFile {
  std::string path;
  std::string text;
};

// Text files under `dir` (< 256 KiB, no NUL byte), sorted by path.
std::vector<SourceFile> LoadSources(const std::string& dir) {
  std::vector<std::string> paths;
  for (const auto& e :
       fs::recursive_directory_iterator(dir, fs::directory_options::skip_permission_denied)) {
    if (e.is_regular_file() && !e.is_symlink() && e.file_size() < (256u << 10)) {
      paths.push_back(e.path().string());
    }
  }
  std::sort(paths.begin(), paths.end());
  std::vector<SourceFile> out;
  for (const auto& p : paths) {
    std::ifstream in(p, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), {});
    if (text.empty() || text.find('\0') != std::string::npos) continue;
    out.push_back({p.substr(dir.size() + 1), std::move(text)});
  }
  return out;
}

// Inserts a few lines taken from `donor` (new code), deletes a line or changes
// a line of `text`, at a random place.
void EditLine(std::string* text, const std::string& donor, Rng& rng, int commit) {
  size_t at = text->find('\n', rng.Below(text->size()));
  at = at == std::string::npos ? text->size() : at + 1;
  const size_t end = std::min(text->find('\n', at), text->size());
  switch (rng.Below(3)) {
    case 0: {
      const size_t from = rng.Below(donor.size());
      text->insert(at, donor.substr(from, rng.Below(400)) + "\n");
      break;
    }
    case 1:
      text->erase(at, end - at + (end < text->size()));
      break;
    default:
      text->insert(std::min(end, at + rng.Below(end - at + 1)), " v" + std::to_string(commit));
  }
}

void EmitFile(const std::string& path, const std::string& text) {
  std::printf("M 100644 inline %s\ndata %zu\n", path.c_str(), text.size());
  std::fwrite(text.data(), 1, text.size(), stdout);
  std::fputc('\n', stdout);
}

int Gen(const Args& a) {
  std::vector<SourceFile> pool = LoadSources(a.source);
  if (pool.empty()) return std::fprintf(stderr, "no text files under %s\n", a.source.c_str()), 2;
  Rng rng;
  size_t added = std::min<size_t>(200, pool.size());
  for (int c = 0; c < a.commits; ++c) {
    std::printf("commit refs/heads/main\ncommitter Bench <bench@example.com> %d +0000\n",
                1500000000 + c * 3600);
    std::string msg = "commit " + std::to_string(c);
    std::printf("data %zu\n%s\n", msg.size(), msg.c_str());
    if (c == 0) {
      for (size_t i = 0; i < added; ++i) EmitFile(pool[i].path, pool[i].text);
      continue;
    }
    if (added < pool.size() && rng.Below(4) == 0) {
      EmitFile(pool[added].path, pool[added].text);
      ++added;
    }
    const int files = 1 + static_cast<int>(rng.Below(2 * a.files_per_commit));
    for (int f = 0; f < files; ++f) {
      const double u = static_cast<double>(rng.Below(1 << 20)) / (1 << 20);
      SourceFile& file = pool[static_cast<size_t>(u * u * added)];  // early files are hot
      const std::string& donor = pool[rng.Below(pool.size())].text;
      for (int e = 1 + rng.Below(4); e > 0; --e) EditLine(&file.text, donor, rng, c);
      EmitFile(file.path, file.text);
    }
  }
  return 0;
}

// ---- read --------------------------------------------------------------------------------

struct IdHash {
  size_t operator()(const leakhound::BlobId& id) const {
    size_t h;
    std::memcpy(&h, id.raw.data(), sizeof h);
    return h;
  }
};

struct Totals {
  uint64_t objects = 0, bytes = 0, errors = 0, built = 0, evictions = 0;
};

std::vector<std::string> PackPaths(const std::string& gitdir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(fs::path(gitdir) / "objects" / "pack")) {
    if (e.path().extension() == ".pack") out.push_back(e.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Reads the wanted objects of every pack with PackReader, `threads` parts per pack.
// With `ids` set, only plans and records the wanted ids (for the libgit2 mode).
bool ReadPacks(const Args& a, Totals* t, std::vector<leakhound::BlobId>* ids) {
  std::unordered_set<leakhound::BlobId, IdHash> seen;
  pack::ReaderOptions options{.cache_budget_bytes = a.budget_mb << 20};
  auto want = [&](const leakhound::BlobId& id, pack::ObjType type) {
    if (!a.all_types && type != pack::ObjType::kBlob) return false;
    if (!seen.insert(id).second) return false;
    if (ids != nullptr) ids->push_back(id);
    return ids == nullptr;
  };
  auto on_error = [](const leakhound::BlobId& id, std::string_view m) {
    std::fprintf(stderr, "%s: %.*s\n", id.Hex().c_str(), static_cast<int>(m.size()), m.data());
  };
  for (const auto& path : PackPaths(a.repo)) {
    auto reader = pack::PackReader::Open(path, options);
    if (!reader) return std::fprintf(stderr, "%s\n", reader.error().message.c_str()), false;
    pack::ReadPlan plan = (*reader)->Plan(want, on_error, static_cast<size_t>(a.threads));
    std::vector<pack::ReadStats> stats(plan.parts());
    std::vector<std::jthread> workers;
    for (size_t p = 0; p < plan.parts() && ids == nullptr; ++p) {
      workers.emplace_back([&, p] {
        auto visit = [](const pack::PackObject&) { return true; };
        (void)(*reader)->Read(plan, p, visit, on_error, {}, &stats[p]);
      });
    }
    workers.clear();
    for (const auto& s : stats) {
      t->objects += s.objects_visited;
      t->bytes += s.bytes_visited;
      t->errors += s.errors;
      t->built += s.objects_built;
      t->evictions += s.cache_evictions;
    }
  }
  return true;
}

// Reads `ids` with git_odb_read, split in `threads` contiguous chunks, one
// repository handle per thread.
void ReadLibgit2(const Args& a, const std::vector<leakhound::BlobId>& ids, Totals* t) {
  std::vector<Totals> per(a.threads);
  std::vector<std::jthread> workers;
  for (int w = 0; w < a.threads; ++w) {
    workers.emplace_back([&, w] {
      git_repository* repo = nullptr;
      git_odb* odb = nullptr;
      if (git_repository_open(&repo, a.repo.c_str()) != 0 || git_repository_odb(&odb, repo)) return;
      const size_t begin = ids.size() * w / a.threads, end = ids.size() * (w + 1) / a.threads;
      for (size_t i = begin; i < end; ++i) {
        git_oid oid;
        git_oid_fromraw(&oid, ids[i].raw.data());
        git_odb_object* obj = nullptr;
        if (git_odb_read(&obj, odb, &oid) != 0) {
          ++per[w].errors;
          continue;
        }
        ++per[w].objects;
        per[w].bytes += git_odb_object_size(obj);
        git_odb_object_free(obj);
      }
      git_odb_free(odb);
      git_repository_free(repo);
    });
  }
  workers.clear();
  for (const auto& p : per) {
    t->objects += p.objects;
    t->bytes += p.bytes;
    t->errors += p.errors;
  }
}

int Read(const Args& a) {
  git_libgit2_init();
  Totals t;
  std::vector<leakhound::BlobId> ids;
  if (a.mode == "libgit2" && !ReadPacks(a, &t, &ids)) return 2;
  const auto start = std::chrono::steady_clock::now();
  if (a.mode == "libgit2") {
    ReadLibgit2(a, ids, &t);
  } else if (!ReadPacks(a, &t, nullptr)) {
    return 2;
  }
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  struct rusage ru {};
  getrusage(RUSAGE_SELF, &ru);
  std::printf(
      "mode=%s threads=%d objects=%llu bytes=%llu errors=%llu seconds=%.3f cpu_seconds=%.3f "
      "MB/s=%.0f "
      "built=%llu evictions=%llu peak_rss_mb=%ld\n",
      a.mode.c_str(), a.threads, static_cast<unsigned long long>(t.objects),
      static_cast<unsigned long long>(t.bytes), static_cast<unsigned long long>(t.errors), s,
      ru.ru_utime.tv_sec + ru.ru_stime.tv_sec + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6,
      t.bytes / 1e6 / s, static_cast<unsigned long long>(t.built),
      static_cast<unsigned long long>(t.evictions), ru.ru_maxrss / 1024);
  git_libgit2_shutdown();
  return t.errors == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  Args a;
  if (!ParseArgs(argc, argv, &a)) {
    std::fprintf(stderr,
                 "usage: pack_read_bench gen [--commits N] [--files-per-commit K] [--source DIR]\n"
                 "       pack_read_bench read --repo GITDIR [--mode pack|libgit2] [--threads N]"
                 " [--budget-mb M] [--all-types]\n");
    return 2;
  }
  return a.cmd == "gen" ? Gen(a) : Read(a);
}
