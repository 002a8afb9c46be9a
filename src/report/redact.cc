// RedactTextFields: a secret found anywhere is redacted everywhere a report
// shows text (commit summaries, author names, paths, branch names, context).
#include <algorithm>
#include <cstring>
#include <map>
#include <memory>
#include <set>
#include <unordered_map>

#include "report/internal.h"
#include "report/writer.h"

namespace leakhound::report {

namespace {

// Secrets shorter than this are not searched for in other fields: a 3-byte
// "secret" would redact ordinary words.
constexpr size_t kMinSecret = 4;

// Every secret of a report with its redacted form, indexed by its first
// kMinSecret bytes, so a field costs one hash lookup per byte whatever the
// number of secrets.
class Redactor {
 public:
  explicit Redactor(const std::vector<Finding>& findings) {
    for (const Finding& f : findings) {
      Add(f.secret.Reveal(SecretAccess::Key()), f.redacted);
      for (const auto& [name, value] : f.captures) {
        std::string_view v = value.Reveal(SecretAccess::Key());
        Add(v, Redact(v));
      }
    }
    // Longest first: a secret that contains another wins.
    for (auto& [key, list] : index_) {
      std::sort(list.begin(), list.end(),
                [&](size_t a, size_t b) { return secrets_[a].size() > secrets_[b].size(); });
    }
  }

  bool empty() const { return secrets_.empty(); }

  // True when `s` changed.
  bool Apply(std::string* s) const {
    if (s->size() < kMinSecret || index_.empty()) return false;
    std::string out;
    size_t copied = 0, i = 0;
    while (i + kMinSecret <= s->size()) {
      size_t hit = Find(*s, i);
      if (hit == kNone) {
        ++i;
        continue;
      }
      out.append(*s, copied, i - copied);
      out += redacted_[hit];
      i += secrets_[hit].size();
      copied = i;
    }
    if (copied == 0) return false;
    out.append(*s, copied, std::string::npos);
    *s = std::move(out);
    return true;
  }

 private:
  static constexpr size_t kNone = ~size_t{0};

  static uint32_t Key(std::string_view s, size_t at) {
    uint32_t k;
    std::memcpy(&k, s.data() + at, sizeof(k));
    return k;
  }

  void Add(std::string_view secret, const std::string& redacted) {
    if (secret.size() < kMinSecret || !seen_.emplace(secret).second) return;
    secrets_.emplace_back(secret);
    redacted_.push_back(redacted.empty() ? Redact(secret) : redacted);
    index_[Key(secret, 0)].push_back(secrets_.size() - 1);
  }

  size_t Find(std::string_view s, size_t at) const {
    auto it = index_.find(Key(s, at));
    if (it == index_.end()) return kNone;
    for (size_t i : it->second) {
      if (s.compare(at, secrets_[i].size(), secrets_[i]) == 0) return i;
    }
    return kNone;
  }

  std::vector<std::string> secrets_, redacted_;
  std::set<std::string, std::less<>> seen_;
  std::unordered_map<uint32_t, std::vector<size_t>> index_;
};

// Commit facts are shared by many findings: each is redacted once.
class CommitRedactor {
 public:
  explicit CommitRedactor(const Redactor& r) : r_(r) {}

  void Apply(std::shared_ptr<const CommitInfo>* c) {
    if (!*c) return;
    auto [it, fresh] = done_.try_emplace(c->get());
    if (fresh) {
      auto copy = std::make_shared<CommitInfo>(**c);
      bool changed = r_.Apply(&copy->summary);
      changed |= r_.Apply(&copy->author_name);
      changed |= r_.Apply(&copy->author_email);
      it->second = changed ? std::shared_ptr<const CommitInfo>(std::move(copy)) : *c;
    }
    *c = it->second;
  }

 private:
  const Redactor& r_;
  std::map<const CommitInfo*, std::shared_ptr<const CommitInfo>> done_;
};

}  // namespace

void RedactTextFields(std::vector<Finding>* findings, ReportOptions* options) {
  Redactor r(*findings);
  if (r.empty()) return;
  CommitRedactor commits(r);
  for (Finding& f : *findings) {
    r.Apply(&f.context);
    r.Apply(&f.location.path);
    commits.Apply(&f.location.commit);
    for (Location& l : f.also) {
      r.Apply(&l.path);
      commits.Apply(&l.commit);
    }
    commits.Apply(&f.exposure.introduced);
    commits.Apply(&f.exposure.removed);
    for (std::string& ref : f.exposure.still_present) r.Apply(&ref);
    r.Apply(&f.verify.reason);
    for (auto& [k, v] : f.verify.identity) r.Apply(&v);
  }
  for (std::string* s : {&options->root, &options->branch, &options->repo_url}) r.Apply(s);
}

}  // namespace leakhound::report
