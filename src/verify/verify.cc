#include "verify/verify.h"

#include <atomic>
#include <ctime>
#include <exception>
#include <memory>
#include <thread>

#include "verify/cache.h"
#include "verify/curl_http_client.h"
#include "verify/sigv4.h"
#include "verify/verifier_set.h"

namespace leakhound::verify {

namespace {

// One distinct credential: every finding that shares it gets its result.
struct Job {
  const Verifier* verifier = nullptr;
  Candidate candidate;
  std::vector<size_t> findings;
  std::string key;  // SHA-256 of fingerprint, paired values and target; the cache key
  VerifyResult result;
};

using Group = std::vector<const Finding*>;  // findings of one file version

std::string GroupKey(const Finding& f) {
  return f.location.path + std::string(1, '\0') + f.location.blob.Hex();
}

// The finding of `rule_id` nearest to `f` in its file (earlier lines win ties).
const Finding* Nearest(const Group& group, const std::string& rule_id, const Finding& f) {
  const Finding* best = nullptr;
  int64_t best_distance = 0;
  for (const Finding* g : group) {
    if (g->rule_id != rule_id || g->secret.empty()) continue;
    int64_t d = static_cast<int64_t>(g->location.line) - static_cast<int64_t>(f.location.line);
    int64_t distance = d <= 0 ? -2 * d : 2 * d + 1;
    if (best == nullptr || distance < best_distance) {
      best = g;
      best_distance = distance;
    }
  }
  return best;
}

void FillValues(const Finding& f, const Verifier& v, const Group& group, RevealedValues* out) {
  for (const auto& [name, secret] : f.captures) {
    out->map[name] = std::string(secret.Reveal(SecretAccess::Key()));
  }
  for (const auto& [name, rule_id] : v.pairs()) {
    if (out->map.count(name)) continue;
    if (const Finding* c = Nearest(group, rule_id, f)) {
      out->map[name] = std::string(c->secret.Reveal(SecretAccess::Key()));
    }
  }
}

// The credential (fingerprint and paired values) and where it would be sent
// (the verifier's target: base URL with any override, or database
// user@host:port/db), so one password for two servers is two jobs.
std::string JobKey(const Finding& f, const Verifier& v, const Candidate& c,
                   const Endpoints& endpoints) {
  std::string material = f.fingerprint + '\0';
  for (const auto& [k, val] : c.values.map) material += k + '\0' + val + '\0';
  material += v.name() + '\0' + v.TargetKey(c, endpoints);
  std::string key = Sha256HexOf(material);
  std::fill(material.begin(), material.end(), '\0');
  return key;
}

// Groups findings into jobs; findings of misconfigured verifiers get their
// verdict here.
std::vector<std::unique_ptr<Job>> PlanJobs(const rules::RuleSet& rules, const VerifierSet& set,
                                           const Endpoints& endpoints,
                                           std::vector<Finding>& findings) {
  std::map<std::string, Group> groups;
  for (const Finding& f : findings) groups[GroupKey(f)].push_back(&f);
  std::vector<std::unique_ptr<Job>> jobs;
  std::map<std::string, Job*> by_key;
  for (size_t i = 0; i < findings.size(); ++i) {
    Finding& f = findings[i];
    int idx = f.rule_index < rules.size() && rules.at(f.rule_index).rule.id == f.rule_id
                  ? static_cast<int>(f.rule_index)
                  : rules.Find(f.rule_id);
    if (idx < 0) continue;
    if (!set.error(idx).empty()) {
      f.verify = Unknown("verifier unusable: " + set.error(idx));
      continue;
    }
    const Verifier* v = set.at(idx);
    if (v == nullptr) continue;
    if (f.secret.empty()) {
      f.verify = Unknown("secret not available (redacted report)");
      continue;
    }
    auto job = std::make_unique<Job>();
    FillValues(f, *v, groups[GroupKey(f)], &job->candidate.values);
    job->candidate.rule = &rules.at(idx).rule;
    job->candidate.finding = &f;
    job->key = JobKey(f, *v, job->candidate, endpoints);
    if (auto it = by_key.find(job->key); it != by_key.end()) {
      it->second->findings.push_back(i);
      continue;
    }
    job->verifier = v;
    job->findings.push_back(i);
    by_key[job->key] = job.get();
    jobs.push_back(std::move(job));
  }
  return jobs;
}

void PrintPlan(const std::vector<std::unique_ptr<Job>>& jobs, const Endpoints& endpoints,
               size_t findings, std::FILE* out) {
  std::fprintf(out,
               "leakhound: verify dry run: %zu credential%s in %zu finding%s would be verified; "
               "nothing was contacted\n",
               jobs.size(), jobs.size() == 1 ? "" : "s", findings, findings == 1 ? "" : "s");
  for (const auto& j : jobs) {
    const Finding& f = *j->candidate.finding;
    std::fprintf(out, "  %s %s %s:%u [%s]\n", f.rule_id.c_str(), f.redacted.c_str(),
                 f.location.path.c_str(), f.location.line, j->verifier->name().c_str());
    for (const auto& line : j->verifier->Plan(j->candidate, endpoints)) {
      std::fprintf(out, "    %s\n", line.c_str());
    }
  }
  for (const auto& d : endpoints.Describe())
    std::fprintf(out, "  base URL override: %s\n", d.c_str());
}

void RunJobs(std::vector<std::unique_ptr<Job>>& jobs, Context& ctx, const Options& o) {
  std::atomic<size_t> next{0};
  unsigned n = std::max(1u, std::min<unsigned>(o.concurrency, static_cast<unsigned>(jobs.size())));
  std::vector<std::jthread> pool;
  for (unsigned t = 0; t < n; ++t) {
    pool.emplace_back([&] {
      for (size_t i; (i = next.fetch_add(1)) < jobs.size();) {
        Job& j = *jobs[i];
        if (o.interrupted && o.interrupted()) {
          j.result = Unknown("interrupted");
          continue;
        }
        try {
          j.result = j.verifier->Verify(j.candidate, ctx);
        } catch (const std::exception& e) {
          j.result = Unknown(std::string("internal error: ") + e.what());
        }
      }
    });
  }
}

// Answers jobs from the cache; returns the others (moved out of `jobs`).
std::vector<std::unique_ptr<Job>> FromCache(const VerifyCache& cache,
                                            std::vector<std::unique_ptr<Job>>& jobs) {
  std::vector<std::unique_ptr<Job>> todo;
  for (auto& j : jobs) {
    if (auto hit = cache.Get(j->key)) {
      j->result = *hit;
      j->result.reason += j->result.reason.empty() ? "cached" : " (cached)";
    } else {
      todo.push_back(std::move(j));
    }
  }
  return todo;
}

}  // namespace

Status CheckOverrides(const Options& o) {
  Endpoints endpoints(o.base_urls, o.env_base_urls);
  if (endpoints.problems().empty()) return OkStatus();
  std::string message;
  for (const auto& p : endpoints.problems()) message += (message.empty() ? "" : "; ") + p;
  return Error::InvalidArgument(message);
}

Status VerifyAll(const rules::RuleSet& rules, std::vector<Finding>* findings, const Options& o,
                 ScanStats& stats) {
  std::vector<const rules::Rule*> list;
  for (const auto& cr : rules.all()) list.push_back(&cr.rule);
  VerifierSet set = VerifierSet::Build(list);
  if (auto s = CheckOverrides(o); !s) return s;
  Endpoints endpoints(o.base_urls, o.env_base_urls);
  auto jobs = PlanJobs(rules, set, endpoints, *findings);
  if (o.dry_run) {
    PrintPlan(jobs, endpoints, findings->size(), o.plan_out);
    return OkStatus();
  }
  bool use_cache = o.cache_ttl_seconds > 0 && !o.cache_path.empty();
  VerifyCache cache = VerifyCache::Load(use_cache ? o.cache_path : "", o.cache_ttl_seconds,
                                        static_cast<int64_t>(std::time(nullptr)));
  std::vector<std::unique_ptr<Job>> todo = use_cache ? FromCache(cache, jobs) : std::move(jobs);
  CurlHttpClient curl(o.ca_file);
  HostLimiter limiter(o.per_host_per_second);
  Context ctx{o.http ? o.http : &curl, &endpoints, &limiter, o.timeout_seconds};
  RunJobs(todo, ctx, o);
  for (auto* list : {&jobs, &todo}) {
    for (auto& j : *list) {
      if (!j) continue;  // moved to todo
      for (size_t i : j->findings) (*findings)[i].verify = j->result;
      if (use_cache && list == &todo) cache.Put(j->key, j->result);
    }
  }
  if (use_cache) {
    if (auto s = cache.Save(); !s) stats.AddProblem("verify cache: " + s.error().message);
  }
  return OkStatus();
}

}  // namespace leakhound::verify
