#include "rules/serialize.h"

#include <cstdint>
#include <cstring>

namespace leakhound::rules {

namespace {

// Bumped whenever Rule, Example or Allowlist gain or lose a field.
constexpr std::string_view kMagic = "LHRULES6";

class Writer {
 public:
  void U32(uint32_t v) { out_.append(reinterpret_cast<const char*>(&v), sizeof(v)); }
  void I32(int32_t v) { out_.append(reinterpret_cast<const char*>(&v), sizeof(v)); }
  void U8(uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void F64(double v) { out_.append(reinterpret_cast<const char*>(&v), sizeof(v)); }
  void Str(const std::string& s) {
    U32(static_cast<uint32_t>(s.size()));
    out_ += s;
  }
  void Strs(const std::vector<std::string>& v) {
    U32(static_cast<uint32_t>(v.size()));
    for (const auto& s : v) Str(s);
  }
  std::string& out() { return out_; }

 private:
  std::string out_;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  bool ok() const { return ok_; }
  bool done() const { return pos_ == in_.size(); }

  template <typename T>
  T Pod() {
    T v{};
    if (!Need(sizeof(T))) return v;
    std::memcpy(&v, in_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return v;
  }
  void Str(std::string* s) {
    uint32_t n = Pod<uint32_t>();
    if (!Need(n)) return;
    s->assign(in_.data() + pos_, n);
    pos_ += n;
  }
  void Strs(std::vector<std::string>* v) {
    uint32_t n = Count();
    v->resize(n);
    for (auto& s : *v) Str(&s);
  }
  // An element count, checked against the bytes left (each element takes at
  // least 4 bytes), so a corrupt count cannot ask for a huge allocation.
  uint32_t Count() {
    uint32_t n = Pod<uint32_t>();
    if (n > (in_.size() - pos_) / 4) {
      ok_ = false;
      return 0;
    }
    return n;
  }
  template <typename E>
  E Enum(uint8_t max) {
    uint8_t v = Pod<uint8_t>();
    if (v > max) ok_ = false;
    return static_cast<E>(v);
  }

 private:
  bool Need(size_t n) {
    if (!ok_ || in_.size() - pos_ < n) ok_ = false;
    return ok_;
  }
  std::string_view in_;
  size_t pos_ = 0;
  bool ok_ = true;
};

void WriteExamples(Writer& w, const std::vector<Example>& v) {
  w.U32(static_cast<uint32_t>(v.size()));
  for (const auto& e : v) {
    w.Str(e.input);
    w.Str(e.secret);
    w.Str(e.path);
  }
}

void ReadExamples(Reader& r, std::vector<Example>* v) {
  v->resize(r.Count());
  for (auto& e : *v) {
    r.Str(&e.input);
    r.Str(&e.secret);
    r.Str(&e.path);
  }
}

void WriteRule(Writer& w, const Rule& r) {
  w.Str(r.id);
  w.Str(r.description);
  w.Str(r.provider);
  w.Str(r.regex);
  w.Str(r.prefilter);
  w.I32(r.reach_before);
  w.I32(r.reach_after);
  w.I32(r.secret_group);
  w.Str(r.secret_group_name);
  w.Strs(r.keywords);
  w.U8(r.keywords_anywhere);
  w.F64(r.min_entropy);
  w.Str(r.validate);
  w.Str(r.filter);
  w.Strs(r.paths);
  w.Strs(r.exclude_paths);
  w.Str(r.path_regex);
  w.U8(static_cast<uint8_t>(r.severity));
  w.U8(static_cast<uint8_t>(r.confidence));
  w.Strs(r.tags);
  w.Strs(r.references);
  w.Str(r.remediation);
  w.Str(r.verifier);
  WriteExamples(w, r.examples);
  WriteExamples(w, r.negative_examples);
  w.U32(static_cast<uint32_t>(r.allowlists.size()));
  for (const auto& a : r.allowlists) {
    w.Str(a.description);
    w.Strs(a.paths);
    w.Strs(a.path_regexes);
    w.Strs(a.regexes);
    w.U8(static_cast<uint8_t>(a.regex_target));
    w.Strs(a.stopwords);
    w.Strs(a.commits);
    w.U8(static_cast<uint8_t>(a.condition));
  }
  w.U32(static_cast<uint32_t>(r.companions.size()));
  for (const auto& c : r.companions) {
    w.Str(c.name);
    w.Str(c.regex);
  }
  w.Str(r.verify_spec);
  w.Str(r.source);
  w.U8(r.drop_if_invalid);
}

void ReadRule(Reader& rd, Rule* r) {
  rd.Str(&r->id);
  rd.Str(&r->description);
  rd.Str(&r->provider);
  rd.Str(&r->regex);
  rd.Str(&r->prefilter);
  r->reach_before = rd.Pod<int32_t>();
  r->reach_after = rd.Pod<int32_t>();
  r->secret_group = rd.Pod<int32_t>();
  rd.Str(&r->secret_group_name);
  rd.Strs(&r->keywords);
  r->keywords_anywhere = rd.Enum<uint8_t>(1) != 0;
  r->min_entropy = rd.Pod<double>();
  rd.Str(&r->validate);
  rd.Str(&r->filter);
  rd.Strs(&r->paths);
  rd.Strs(&r->exclude_paths);
  rd.Str(&r->path_regex);
  r->severity = rd.Enum<Severity>(static_cast<uint8_t>(Severity::kCritical));
  r->confidence = rd.Enum<Confidence>(static_cast<uint8_t>(Confidence::kHigh));
  rd.Strs(&r->tags);
  rd.Strs(&r->references);
  rd.Str(&r->remediation);
  rd.Str(&r->verifier);
  ReadExamples(rd, &r->examples);
  ReadExamples(rd, &r->negative_examples);
  r->allowlists.resize(rd.Count());
  for (auto& a : r->allowlists) {
    rd.Str(&a.description);
    rd.Strs(&a.paths);
    rd.Strs(&a.path_regexes);
    rd.Strs(&a.regexes);
    a.regex_target = rd.Enum<RegexTarget>(static_cast<uint8_t>(RegexTarget::kLine));
    rd.Strs(&a.stopwords);
    rd.Strs(&a.commits);
    a.condition = rd.Enum<Condition>(static_cast<uint8_t>(Condition::kAll));
  }
  r->companions.resize(rd.Count());
  for (auto& c : r->companions) {
    rd.Str(&c.name);
    rd.Str(&c.regex);
  }
  rd.Str(&r->verify_spec);
  rd.Str(&r->source);
  r->drop_if_invalid = rd.Enum<uint8_t>(1) != 0;
}

}  // namespace

std::string SerializeRules(const std::vector<Rule>& rules) {
  Writer w;
  w.out().append(kMagic);
  w.U32(static_cast<uint32_t>(rules.size()));
  for (const auto& r : rules) WriteRule(w, r);
  return std::move(w.out());
}

Result<std::vector<Rule>> DeserializeRules(std::string_view bytes) {
  auto bad = [] { return Error::RuleSyntax("built-in rules: corrupt serialized form"); };
  if (bytes.substr(0, kMagic.size()) != kMagic) return bad();
  Reader rd(bytes.substr(kMagic.size()));
  std::vector<Rule> rules(rd.Count());
  for (auto& r : rules) {
    if (!rd.ok()) break;
    ReadRule(rd, &r);
  }
  if (!rd.ok() || !rd.done()) return bad();
  return rules;
}

}  // namespace leakhound::rules
