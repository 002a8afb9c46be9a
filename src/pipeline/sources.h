// Chooses and constructs the Source for a command (scan: files/stdin; git:
// history; staged: index vs HEAD).
#pragma once

#include <memory>

#include "core/error.h"
#include "pipeline/engine.h"
#include "pipeline/options.h"
#include "source/source.h"

namespace leakhound::pipeline {

// Report metadata the source knows (repository root, head commit, remote).
struct SourceInfo {
  std::string root;
  std::string commit;
  std::string branch;
  std::string repo_url;
  bool nothing_staged = false;  // staged: the index matches HEAD (the source said so on stderr)
};

// A source opened before the Engine exists, on its own thread, so that its
// setup overlaps BuildEngine (rules, configuration, Hyperscan database): only
// `staged` qualifies (repository, index and HEAD comparison need no rule).
// Destroying it waits for the thread.
class EarlySource {
 public:
  // Starts opening the source for `options` when the command allows it;
  // otherwise does nothing and MakeSource opens the source itself.
  explicit EarlySource(const ScanOptions& options);
  ~EarlySource();
  EarlySource(const EarlySource&) = delete;
  EarlySource& operator=(const EarlySource&) = delete;

 private:
  friend Result<std::unique_ptr<source::Source>> MakeSource(const ScanOptions&, const Engine&,
                                                            SourceInfo*, EarlySource*);
  struct Pending;
  std::unique_ptr<Pending> pending_;
};

// The source for `options.command`, configured from `engine`; takes the one
// `early` started (early may be null). Prints the source's notes on stderr.
Result<std::unique_ptr<source::Source>> MakeSource(const ScanOptions& options, const Engine& engine,
                                                   SourceInfo* info, EarlySource* early = nullptr);

}  // namespace leakhound::pipeline
