// Fuzzes the verifier response parsers: every built-in rule's verifier
// (declarative [rule.verify] specs and the AWS code verifier) runs against a
// fake HttpClient that answers each request with the fuzzed response. Input:
// byte 0 picks the verifier, bytes 1-2 the HTTP status, then header lines
// ("Name: value\n") up to an empty line, then the body.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "builtin/builtin.h"
#include "core/finding.h"
#include "rules/loader.h"
#include "rules/rule_set.h"
#include "verify/endpoint.h"
#include "verify/verifier_set.h"

namespace {

using namespace leakhound;

class FakeHttp : public verify::HttpClient {
 public:
  verify::HttpResponse response;
  int calls = 0;
  Result<verify::HttpResponse> Send(const verify::HttpRequest&) override {
    if (++calls > 64) return Error{ErrorCode::kNetwork, "too many requests"};
    return response;
  }
};

struct State {
  std::vector<rules::Rule> rules;
  std::vector<const rules::Rule*> ptrs;
  verify::VerifierSet set;
  std::vector<size_t> usable;
  verify::Endpoints endpoints{{}};
};

State* Init() {
  auto* s = new State;
  auto loaded = builtin::Rules();
  if (!loaded) std::abort();
  s->rules = std::move(*loaded);
  for (const auto& r : s->rules) s->ptrs.push_back(&r);
  s->set = verify::VerifierSet::Build(s->ptrs);
  for (size_t i = 0; i < s->set.size(); ++i) {
    const verify::Verifier* v = s->set.at(i);
    // Database verifiers speak their own protocols (libpq, libmariadb), not HttpClient.
    if (v && v->name() != "postgres" && v->name() != "mysql") s->usable.push_back(i);
  }
  if (s->usable.empty()) std::abort();
  return s;
}

verify::HttpResponse Decode(std::string_view in) {
  verify::HttpResponse r;
  r.status = static_cast<unsigned char>(in[0]) << 8 | static_cast<unsigned char>(in[1]);
  r.status %= 600;
  in.remove_prefix(2);
  while (!in.empty()) {
    size_t nl = in.find('\n');
    std::string_view line = in.substr(0, nl);
    in.remove_prefix(nl == std::string_view::npos ? in.size() : nl + 1);
    if (line.empty()) break;
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    r.headers.emplace_back(std::string(line.substr(0, colon)), std::string(line.substr(colon + 1)));
  }
  r.body = std::string(in);
  return r;
}

State* g_state = nullptr;

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  g_state = Init();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  State* s = g_state;
  if (size < 3) return 0;
  size_t index = s->usable[data[0] % s->usable.size()];
  FakeHttp http;
  http.response = Decode(std::string_view(reinterpret_cast<const char*>(data + 1), size - 1));
  Finding f;
  f.rule_id = s->rules[index].id;
  f.secret = Secret("fuzzSECRET0123456789abcdefABCDEF01234567");
  verify::Candidate c;
  c.rule = &s->rules[index];
  c.finding = &f;
  for (const auto& [name, rule] : s->set.at(index)->pairs()) {
    c.values.map[name] = name == "key_id" ? "AKIAIOSFODNN7FUZZ234" : "fuzz-" + name + "-value";
  }
  for (const auto& n : {"key_id", "client_id", "user", "host", "domain", "account", "id"}) {
    c.values.map.emplace(n, std::string("fuzz") + n);
  }
  verify::Context ctx;
  ctx.http = &http;
  ctx.endpoints = &s->endpoints;
  ctx.timeout_seconds = 1;
  VerifyResult r = s->set.at(index)->Verify(c, ctx);
  if (r.verdict == Verdict::kUnverified) std::abort();  // a verifier always decides
  return 0;
}
