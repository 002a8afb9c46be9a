#include "pipeline/scan.h"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <optional>
#include <thread>

#include "core/bounded_queue.h"
#include "pipeline/engine.h"
#include "pipeline/incremental.h"
#include "pipeline/progress.h"
#include "pipeline/sources.h"
#include "pipeline/worker.h"
#include "verify/verify.h"

namespace leakhound::pipeline {

namespace {

// The only process-wide mutable state besides libgit2's: signal handlers
// cannot receive arguments.
std::atomic<bool> g_interrupted{false};

void OnSignal(int) { g_interrupted.store(true); }

// git/staged: the top of the work tree holding `repo` (where .leakhound.toml
// and .leakhoundignore live), so a run from a subdirectory still finds them.
std::string WorkTreeTop(const std::string& repo) {
  std::error_code ec;
  std::filesystem::path dir = std::filesystem::absolute(repo, ec);
  for (; !ec && !dir.empty(); dir = dir.parent_path()) {
    if (std::filesystem::exists(dir / ".git", ec)) return dir.string();
    if (dir == dir.parent_path()) break;
  }
  return repo;
}

std::string RootOf(const ScanOptions& o) {
  if (o.command != Command::kScan) return WorkTreeTop(o.repo);
  if (o.paths.size() == 1 && o.paths[0] != "-") return o.paths[0];
  return ".";
}

unsigned ThreadCount(const ScanOptions& o) {
  if (o.threads) return o.threads;
  unsigned n = std::thread::hardware_concurrency();
  return n ? n : 2;
}

// Runs the source on one thread and the workers on `n` threads; returns the
// merged findings. The first fatal source error is stored in *source_status.
std::vector<Finding> RunStages(source::Source& src, const Engine& engine, const ScanOptions& o,
                               ScanStats& stats, Status* source_status) {
  const unsigned n = ThreadCount(o);
  // Blobs count against the pool from Push until their worker is done.
  BoundedQueue<Blob> queue(n * 32, engine.memory.blob_pool);
  std::vector<std::vector<Finding>> per_worker(n);
  std::stop_source stop;
  std::vector<std::jthread> workers;
  for (unsigned i = 0; i < n; ++i) {
    workers.emplace_back([&, i] {
      // Built at the first blob: a worker that gets none (a pre-commit check
      // of one file) never allocates its Hyperscan scratch.
      std::optional<CachingWorker> worker;
      for (size_t done = 0;;) {  // the weight of the blob just finished
        size_t weight = 0;
        std::optional<Blob> blob = queue.PopHeld(&weight, done);
        if (!blob) break;
        if (!worker) worker.emplace(engine, o.redact);
        worker->Process(*blob, &per_worker[i], stats);
        blob.reset();
        done = weight;
      }
    });
  }
  std::jthread watchdog([&](std::stop_token st) {
    std::mutex mu;
    std::condition_variable_any cv;
    std::unique_lock<std::mutex> lock(mu);
    while (!st.stop_requested()) {
      if (InterruptRequested()) {
        stop.request_stop();
        queue.Abort();
        return;
      }
      // Wakes at once when the scan ends (stop requested), else polls SIGINT.
      cv.wait_for(lock, st, std::chrono::milliseconds(20), [] { return false; });
    }
  });
  {
    std::jthread source_thread([&] {
      auto emit = [&](Blob&& b) {
        size_t w = b.bytes.capacity();
        return queue.Push(std::move(b), w);
      };
      *source_status = src.Run(emit, stats, stop.get_token());
      queue.Close();
    });
  }
  workers.clear();  // joins
  watchdog.request_stop();
  std::vector<Finding> all;
  for (auto& v : per_worker) {
    for (auto& f : v) all.push_back(std::move(f));
  }
  return all;
}

}  // namespace

void InstallInterruptHandler() {
  struct sigaction sa {};
  sa.sa_handler = OnSignal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
}

bool InterruptRequested() { return g_interrupted.load(); }

Result<ScanResult> CollectFindings(const ScanOptions& o, const RawFindingsHook& before_finish) {
  ScanResult r;
  EarlySource early(o);  // staged: opens the repository while the rules load
  auto engine = BuildEngine(o, RootOf(o));
  if (!engine) return engine.error();
  PrintWarnings((*engine)->warnings);
  AttachResultCache(o, (*engine).get());
  r.engine = *engine;
  auto src = MakeSource(o, *r.engine, &r.info, &early);
  if (!src) return src.error();
  ScanStats& stats = *r.stats;
  Status source_status = OkStatus();
  {
    ProgressReporter progress(o, stats);
    r.findings = RunStages(**src, *r.engine, o, stats, &source_status);
  }
  FinishResultCache(*r.engine);
  if (before_finish) before_finish(r.info, r.findings);
  if (auto s = (*src)->Finish(&r.findings, stats); !s) {
    stats.AddProblem(s.error().message);
    stats.incomplete = true;
  }
  if (!source_status) {
    stats.AddProblem(source_status.error().message);
    stats.incomplete = true;
  }
  return r;
}

}  // namespace leakhound::pipeline
