// AWS: a SigV4-signed STS GetCallerIdentity with the access key id paired
// with the secret (the rule's key_id capture, else the nearest
// aws.access-key-id finding in the same file), then IAM listings of the
// caller's attached policies and groups as its blast radius.
#include <ctime>

#include "verify/access.h"
#include "verify/providers.h"
#include "verify/sigv4.h"
#include "verify/template.h"

namespace leakhound::verify {

namespace {

constexpr char kStsDefault[] = "https://sts.amazonaws.com";
constexpr char kIamDefault[] = "https://iam.amazonaws.com";
constexpr char kStsBody[] = "Action=GetCallerIdentity&Version=2011-06-15";

std::vector<std::string> Tags(const std::string& xml, const std::string& tag) {
  std::vector<std::string> out;
  const std::string open = "<" + tag + ">", close = "</" + tag + ">";
  size_t pos = 0;
  while ((pos = xml.find(open, pos)) != std::string::npos) {
    size_t end = xml.find(close, pos);
    if (end == std::string::npos) break;
    out.push_back(xml.substr(pos + open.size(), end - pos - open.size()));
    pos = end + close.size();
  }
  return out;
}

std::string Tag(const std::string& xml, const std::string& tag) {
  auto all = Tags(xml, tag);
  return all.empty() ? "" : all[0];
}

std::string KeyHint(std::string_view key_id) { return std::string(key_id.substr(0, 8)) + "..."; }

struct Creds {
  std::string_view key_id, secret, token;
};

class AwsVerifier : public Verifier {
 public:
  std::string name() const override { return "aws"; }
  std::string reports() const override {
    return "account, ARN, user id; attached IAM policies, groups and inline policies; access level";
  }
  std::string endpoint() const override {
    return std::string("POST ") + kStsDefault + "/ (STS GetCallerIdentity)";
  }
  std::map<std::string, std::string> pairs() const override {
    return {{"key_id", "aws.access-key-id"}, {"session_token", "aws.session-token"}};
  }
  std::vector<std::string> Plan(const Candidate& c, const Endpoints& e) const override;
  std::string TargetKey(const Candidate&, const Endpoints& e) const override {
    return e.Resolve("aws", kStsDefault).url + " " + e.Resolve("aws_iam", kIamDefault).url;
  }
  VerifyResult Verify(const Candidate& c, Context& ctx) const override;

 private:
  Result<HttpResponse> Call(Context& ctx, const BaseUrl& base, const std::string& method,
                            const std::string& service, const std::string& query,
                            const std::string& body, const Creds& creds) const;
  void BlastRadius(Context& ctx, const Creds& creds, VerifyResult* r) const;
};

std::string Describe(const BaseUrl& b) {
  return b.overridden ? " (base URL from " + b.source + ")" : "";
}

std::vector<std::string> AwsVerifier::Plan(const Candidate& c, const Endpoints& e) const {
  if (!c.values.map.count("key_id")) {
    return {"cannot verify: needs the access key id (not found next to the secret)"};
  }
  BaseUrl sts = e.Resolve("aws", kStsDefault), iam = e.Resolve("aws_iam", kIamDefault);
  return {"POST " + sts.url + "/ (GetCallerIdentity)" + Describe(sts),
          "GET " + iam.url + "/?Action=ListAttachedUserPolicies|ListGroupsForUser|... [if live]" +
              Describe(iam)};
}

Result<HttpResponse> AwsVerifier::Call(Context& ctx, const BaseUrl& base, const std::string& method,
                                       const std::string& service, const std::string& query,
                                       const std::string& body, const Creds& creds) const {
  SigV4Input in;
  in.method = method;
  size_t path_at = base.url.find('/', base.url.find("://") + 3);
  in.path = (path_at == std::string::npos ? "" : base.url.substr(path_at)) + "/";
  in.query = query;
  in.body = body;
  in.region = "us-east-1";
  in.service = service;
  in.amz_date = AmzDate(std::time(nullptr));
  in.headers = {{"host", HostOf(base.url)}, {"x-amz-date", in.amz_date}};
  if (!body.empty()) {
    in.headers.emplace_back("content-type", "application/x-www-form-urlencoded; charset=utf-8");
  }
  if (!creds.token.empty())
    in.headers.emplace_back("x-amz-security-token", std::string(creds.token));
  SigV4Output sig = SignV4(in, creds.key_id, creds.secret);
  HttpRequest req;
  req.method = method;
  req.url = base.url + "/" + (query.empty() ? "" : "?" + query);
  req.body = body;
  req.timeout_seconds = ctx.timeout_seconds;
  req.allow_loopback_http = base.overridden;
  req.headers = in.headers;
  req.headers.emplace_back("Authorization", sig.authorization);
  if (ctx.limiter) ctx.limiter->Acquire(HostOf(req.url));
  return ctx.http->Send(req);
}

VerifyResult ClassifySts(const HttpResponse& resp, std::string_view key_id) {
  if (resp.status == 200) {
    VerifyResult r;
    r.verdict = Verdict::kLive;
    std::string account = Tag(resp.body, "Account"), arn = Tag(resp.body, "Arn");
    if (account.empty() || arn.empty())
      return Unknown("unexpected answer: HTTP 200 without an ARN");
    r.identity = {{"account", account}, {"arn", arn}, {"user_id", Tag(resp.body, "UserId")}};
    return r;
  }
  std::string code = Tag(resp.body, "Code");
  if (resp.status == 429 || code == "Throttling") return Unknown("rate limited");
  if (resp.status >= 300 && resp.status < 400) return Unknown("redirect not followed");
  if (code == "InvalidClientTokenId")
    return Revoked("access key id unknown or deleted (InvalidClientTokenId)");
  if (code == "ExpiredToken") return Revoked("session token expired (ExpiredToken)");
  if (code == "SignatureDoesNotMatch") {
    return Unknown("secret does not match access key id " + KeyHint(key_id) +
                   " (paired with the wrong key id?)");
  }
  return Unknown("unexpected answer: HTTP " + std::to_string(resp.status) +
                 (code.empty() ? "" : " " + code));
}

VerifyResult AwsVerifier::Verify(const Candidate& c, Context& ctx) const {
  auto key = c.values.map.find("key_id");
  if (key == c.values.map.end())
    return Unknown("needs the access key id (not found next to the secret)");
  Creds creds{key->second, SecretOf(c), ""};
  if (creds.key_id.rfind("ASIA", 0) == 0) {
    auto tok = c.values.map.find("session_token");
    if (tok == c.values.map.end()) return Unknown("temporary (ASIA) key without its session token");
    creds.token = tok->second;
  }
  BaseUrl sts = ctx.endpoints->Resolve("aws", kStsDefault);
  auto resp = Call(ctx, sts, "POST", "sts", "", kStsBody, creds);
  if (!resp) {
    return Unknown(resp.error().message.rfind("timeout", 0) == 0
                       ? "timeout"
                       : "network error: " + resp.error().message);
  }
  VerifyResult r = ClassifySts(*resp, creds.key_id);
  if (r.verdict == Verdict::kLive) {
    BlastRadius(ctx, creds, &r);
    // AWS managed policies whose names say their reach; anything else
    // (custom or inline policies) is left undetermined.
    static const AccessSpec kAccess{
        {"root user: *", "policy: AdministratorAccess", "policy: IAMFullAccess"},
        {"policy: PowerUserAccess", "policy: *FullAccess"},
        {"policy: ReadOnlyAccess", "policy: *ReadOnlyAccess", "policy: ViewOnlyAccess",
         "policy: SecurityAudit"},
        "",
        ""};
    ApplyAccess(kAccess, &r);
  }
  return r;
}

void AwsVerifier::BlastRadius(Context& ctx, const Creds& creds, VerifyResult* r) const {
  const std::string arn = r->identity["arn"];
  std::string kind, name = arn.substr(arn.rfind('/') + 1);
  if (arn.size() > 5 && arn.compare(arn.size() - 5, 5, ":root") == 0) {
    r->permissions.push_back("root user: unrestricted access to the account");
    return;
  }
  if (arn.find(":user/") != std::string::npos) kind = "User";
  if (arn.find(":assumed-role/") != std::string::npos) {
    kind = "Role";
    size_t start = arn.find(":assumed-role/") + 14;
    name = arn.substr(start, arn.find('/', start) - start);
  }
  if (kind.empty()) return;
  BaseUrl iam = ctx.endpoints->Resolve("aws_iam", kIamDefault);
  struct Listing {
    std::string action, tag, prefix;
  };
  std::vector<Listing> listings = {{"ListAttached" + kind + "Policies", "PolicyName", "policy: "},
                                   {"List" + kind + "Policies", "member", "inline policy: "}};
  if (kind == "User") listings.push_back({"ListGroupsForUser", "GroupName", "group: "});
  for (const Listing& l : listings) {
    std::string query =
        "Action=" + l.action + "&" + kind + "Name=" + PercentEncode(name) + "&Version=2010-05-08";
    auto resp = Call(ctx, iam, "GET", "iam", query, "", creds);
    if (!resp) continue;
    if (resp->status != 200) {
      if (Tag(resp->body, "Code") == "AccessDenied") {
        r->permissions.push_back("(not allowed to " + l.action + ")");
      }
      continue;
    }
    for (const auto& v : Tags(resp->body, l.tag)) r->permissions.push_back(l.prefix + v);
  }
}

}  // namespace

std::unique_ptr<Verifier> MakeAwsVerifier() { return std::make_unique<AwsVerifier>(); }

}  // namespace leakhound::verify
