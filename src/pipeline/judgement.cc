#include "pipeline/judgement.h"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <numeric>
#include <string>

#include "entropy/assess.h"

namespace leakhound::pipeline {

namespace {

constexpr size_t kBefore = 200;

bool HasTag(const rules::Rule& r, std::string_view tag) {
  return std::find(r.tags.begin(), r.tags.end(), tag) != r.tags.end();
}

entropy::CredentialKind KindOf(const rules::Rule& r) {
  using entropy::CredentialKind;
  if (r.id == "generic.authorization.basic") return CredentialKind::kBasicAuth;
  if (r.id == "generic.curl-user") return CredentialKind::kUserPass;
  if (r.id == "generic.url-credentials" || r.id.rfind("netrc", 0) == 0 || HasTag(r, "password")) {
    return CredentialKind::kPassword;
  }
  return CredentialKind::kNone;
}

// An older generic rule's match from its name on: without indentation, a
// YAML "- ", export/ENV/ARG, an XML '<' or a quote.
std::string_view NameStart(std::string_view w) {
  auto skip = [&w](std::string_view chars) {
    while (!w.empty() && chars.find(w.front()) != std::string_view::npos) w.remove_prefix(1);
  };
  skip(" \t-<\"'");
  for (std::string_view kw : {"export ", "ENV ", "ARG ", "env ", "arg "}) {
    if (w.substr(0, kw.size()) == kw) w.remove_prefix(kw.size());
  }
  skip(" \t\"'");
  return w;
}

int NoPassword(char*, int, int, void*) { return 0; }  // encrypted keys stay unparsed

}  // namespace

std::string KeyIdentity(std::string_view pem) {
  std::string text;
  text.reserve(pem.size());
  for (size_t i = 0; i < pem.size(); ++i) {  // JSON/YAML "\n" escapes to line breaks
    if (pem[i] == '\\' && i + 1 < pem.size() && (pem[i + 1] == 'n' || pem[i + 1] == 'r')) {
      if (pem[i + 1] == 'n') text += '\n';
      ++i;
    } else {
      text += pem[i];
    }
  }
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(
      BIO_new_mem_buf(text.data(), static_cast<int>(text.size())), &BIO_free);
  if (!bio) return "";
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
      PEM_read_bio_PrivateKey(bio.get(), nullptr, NoPassword, nullptr), &EVP_PKEY_free);
  explicit_bzero(text.data(), text.size());
  if (!key) return "";
  unsigned char* der = nullptr;
  int len = i2d_PUBKEY(key.get(), &der);
  if (len <= 0) return "";
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int dlen = 0;
  EVP_Digest(der, static_cast<size_t>(len), digest, &dlen, EVP_sha256(), nullptr);
  OPENSSL_free(der);
  unsigned char b64[4 * ((EVP_MAX_MD_SIZE + 2) / 3) + 1];
  int blen = EVP_EncodeBlock(b64, digest, static_cast<int>(dlen));
  std::string hash(reinterpret_cast<char*>(b64), static_cast<size_t>(blen));
  while (!hash.empty() && hash.back() == '=') hash.pop_back();
  const char* type = EVP_PKEY_get0_type_name(key.get());
  return std::string(type ? type : "key") + " " + std::to_string(EVP_PKEY_get_bits(key.get())) +
         " SHA256:" + hash;
}

void JudgeFinding(const rules::CompiledRule& cr, std::string_view path, std::string_view data,
                  const matcher::Match& m, std::string_view line, const entropy::Thresholds& t,
                  bool scored, Finding* f) {
  entropy::AssessInput in;
  in.path = path;
  size_t from = m.secret.begin > kBefore ? m.secret.begin - kBefore : 0;
  in.before = data.substr(from, m.secret.begin - from);
  in.line = line;
  in.whole = data.substr(m.whole.begin, m.whole.size());
  in.secret = data.substr(m.secret.begin, m.secret.size());
  in.next = m.secret.end < data.size() ? data[m.secret.end] : '\n';
  in.base = cr.rule.confidence;
  in.scored = scored || cr.rule.filter == "scored";
  if (scored) in.whole = NameStart(in.whole);
  in.checksum = !cr.rule.validate.empty() && cr.rule.validate != "base64";
  in.credential = KindOf(cr.rule);
  entropy::Assess(in, t, f);
  if (cr.rule.id.rfind("private-key.", 0) != 0) return;
  f->key_identity = KeyIdentity(in.secret);
  if (!entropy::PublishedKeyName(f->key_identity).empty()) {
    // Still reported (someone may deploy it), but it is a known test key.
    f->confidence_reasons.emplace_back("published test key");
    f->confidence = Confidence::kLow;
  }
}

namespace {
bool IsCatchAll(const rules::Rule& r) { return r.id.rfind("generic.", 0) == 0; }
}  // namespace

void DropDuplicateGeneric(const rules::RuleSet& rules, std::vector<Hit>* hits) {
  auto& c = *hits;
  if (c.size() < 2) return;
  std::vector<size_t> order(c.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (c[a].secret.begin != c[b].secret.begin) return c[a].secret.begin < c[b].secret.begin;
    if (c[a].secret.end != c[b].secret.end) return c[a].secret.end < c[b].secret.end;
    // A provider's own rule (filter "generic" but a named id such as
    // jdbc.password-parameter) wins over the catch-all generic.* rules.
    bool ga = IsCatchAll(rules.at(c[a].rule).rule), gb = IsCatchAll(rules.at(c[b].rule).rule);
    if (ga != gb) return gb;
    return c[a].rule < c[b].rule;
  });
  std::vector<uint8_t> keep(c.size(), 1);
  for (size_t k = 1; k < order.size(); ++k) {
    size_t a = order[k - 1], b = order[k];
    if (c[a].secret.begin != c[b].secret.begin || !IsGenericRule(rules.at(c[a].rule).rule) ||
        !IsGenericRule(rules.at(c[b].rule).rule)) {
      continue;
    }
    // Same start: equal spans keep the first (a provider's rule sorts before
    // generic.*); nested spans keep the longer, unless only it is generic.*
    // ("Tr0ub4dor&3xq" by the password rule, not "Tr0ub4dor").
    bool equal = c[a].secret == c[b].secret;
    bool b_wins =
        !equal && !(IsCatchAll(rules.at(c[b].rule).rule) && !IsCatchAll(rules.at(c[a].rule).rule));
    size_t win = b_wins ? b : a, lose = b_wins ? a : b;
    keep[lose] = 0;
    if (rules.at(c[lose].rule).rule.filter == "scored") c[win].scored = true;
    order[k] = win;
  }
  if (std::all_of(keep.begin(), keep.end(), [](uint8_t k) { return k != 0; })) return;
  CompactHits(keep, hits);
}

}  // namespace leakhound::pipeline
