// MySQL/MariaDB: connects with libmariadb (TCP only, no option files) to the
// host of the URI found, then reads the account's blast radius: SHOW GRANTS,
// whether it holds global ALL/SUPER, and the databases it can see.
#include <mysql.h>

#include <cmath>
#include <memory>

#include "verify/access.h"
#include "verify/db_uri.h"
#include "verify/providers.h"

namespace leakhound::verify {

namespace {

struct MysqlDeleter {
  void operator()(MYSQL* m) const { mysql_close(m); }
};
using Handle = std::unique_ptr<MYSQL, MysqlDeleter>;

std::vector<std::string> Column0(MYSQL* m, const char* sql, size_t max = 200) {
  std::vector<std::string> out;
  if (mysql_query(m, sql) != 0) return out;
  MYSQL_RES* res = mysql_store_result(m);
  if (res == nullptr) return out;
  while (MYSQL_ROW row = mysql_fetch_row(res)) {
    if (out.size() < max && row[0] != nullptr) out.emplace_back(row[0]);
  }
  mysql_free_result(res);
  return out;
}

// Errors that mean "these credentials are not accepted".
bool AuthRejected(unsigned err) { return err == 1045 || err == 1698; }
// Errors after a successful authentication (the account works).
bool DatabaseOnly(unsigned err) { return err == 1044 || err == 1049; }

class MysqlVerifier : public Verifier {
 public:
  std::string name() const override { return "mysql"; }
  std::string reports() const override {
    return "account, server version, grants (global ALL/SUPER flagged), visible databases; access "
           "level";
  }
  std::string endpoint() const override { return "mysql://<host:port from the URI found>"; }
  std::vector<std::string> Plan(const Candidate& c, const Endpoints&) const override {
    auto t = DbTargetOf(c);
    if (!t) return {"cannot verify: " + t.error().message};
    return {"mysql://" + t->user + "@" + t->host + ":" + (t->port.empty() ? "3306" : t->port) +
            " (libmariadb connection)"};
  }
  std::string TargetKey(const Candidate& c, const Endpoints&) const override {
    return DbTargetKey(c, "3306");
  }
  VerifyResult Verify(const Candidate& c, Context& ctx) const override;

 private:
  Handle Connect(const DbTarget& t, const char* db, const Candidate& c, double timeout,
                 unsigned* err, std::string* msg) const;
};

Handle MysqlVerifier::Connect(const DbTarget& t, const char* db, const Candidate& c, double timeout,
                              unsigned* err, std::string* msg) const {
  Handle m(mysql_init(nullptr));
  if (!m) {
    *err = 0;
    *msg = "out of memory";
    return nullptr;
  }
  unsigned secs = static_cast<unsigned>(std::max(2.0, std::ceil(timeout)));
  unsigned protocol = MYSQL_PROTOCOL_TCP;  // "localhost" must not mean a local socket
  mysql_options(m.get(), MYSQL_OPT_CONNECT_TIMEOUT, &secs);
  mysql_options(m.get(), MYSQL_OPT_READ_TIMEOUT, &secs);
  mysql_options(m.get(), MYSQL_OPT_WRITE_TIMEOUT, &secs);
  mysql_options(m.get(), MYSQL_OPT_PROTOCOL, &protocol);
  // Authentication plugins come from the library's own directory (not
  // MARIADB_PLUGIN_DIR), and only the password-based ones may answer: no
  // cleartext or dialog prompts, no Kerberos credentials of the user. No
  // option file is read (none is named), MYSQL_PWD and MYSQL_TCP_PORT apply
  // only to a null password or port 0, which are never passed.
  mysql_options(m.get(), MYSQL_PLUGIN_DIR, MARIADB_PLUGINDIR);
#if defined(MARIADB_PACKAGE_VERSION_ID) && MARIADB_PACKAGE_VERSION_ID >= 30300
  mysql_options(m.get(), MARIADB_OPT_RESTRICTED_AUTH,
                "mysql_native_password,caching_sha2_password,client_ed25519,sha256_password");
#endif
  std::string password = DecodePassword(SecretOf(c));
  unsigned port = t.port.empty() ? 3306 : static_cast<unsigned>(std::stoul(t.port));
  MYSQL* ok = mysql_real_connect(m.get(), t.host.c_str(), t.user.c_str(), password.c_str(), db,
                                 port, nullptr, 0);
  std::fill(password.begin(), password.end(), '\0');
  if (ok == nullptr) {
    *err = mysql_errno(m.get());
    *msg = mysql_error(m.get());
    return nullptr;
  }
  return m;
}

VerifyResult MysqlVerifier::Verify(const Candidate& c, Context& ctx) const {
  auto t = DbTargetOf(c);
  if (!t) return Unknown(t.error().message);
  if (t->port.size() > 5 || t->port.find_first_not_of("0123456789") != std::string::npos ||
      (!t->port.empty() && std::stoul(t->port) == 0)) {
    return Unknown("bad port");  // port 0 would mean MYSQL_TCP_PORT
  }
  if (t->host.empty() || t->user.empty()) return Unknown("the URI names no host or user");
  if (ctx.limiter) ctx.limiter->Acquire("mysql:" + t->host + ":" + t->port);
  unsigned err = 0;
  std::string msg;
  Handle m = Connect(*t, t->database.empty() ? nullptr : t->database.c_str(), c,
                     ctx.timeout_seconds, &err, &msg);
  if (!m && DatabaseOnly(err)) m = Connect(*t, nullptr, c, ctx.timeout_seconds, &err, &msg);
  if (!m) {
    if (AuthRejected(err)) return Revoked("authentication failed: " + msg);
    if (msg.find("timed out") != std::string::npos || msg.find("timeout") != std::string::npos) {
      return Unknown("timeout");
    }
    return Unknown("connection failed: " + msg);
  }
  VerifyResult r;
  r.verdict = Verdict::kLive;
  r.identity["server"] = t->host + ":" + (t->port.empty() ? "3306" : t->port);
  auto who = Column0(m.get(), "SELECT CURRENT_USER()");
  if (!who.empty()) r.identity["account"] = who[0];
  r.identity["server_version"] = mysql_get_server_info(m.get());
  for (auto& g : Column0(m.get(), "SHOW GRANTS")) {
    g = g.substr(0, g.find(" IDENTIFIED BY"));  // never report password hashes
    if (g.find("ALL PRIVILEGES ON *.*") != std::string::npos ||
        (g.find(" ON *.*") != std::string::npos && g.find("SUPER") != std::string::npos)) {
      r.permissions.push_back("superuser (global ALL PRIVILEGES or SUPER)");
    }
    r.permissions.push_back(std::move(g));
  }
  auto dbs = Column0(m.get(), "SHOW DATABASES");
  std::string joined;
  for (const auto& d : dbs) joined += (joined.empty() ? "" : ", ") + d;
  if (!joined.empty()) r.permissions.push_back("databases: " + joined);
  static const AccessSpec kAccess{
      {"superuser (*", "GRANT * WITH GRANT OPTION"},
      {"GRANT ALL PRIVILEGES ON *", "GRANT *INSERT*", "GRANT *UPDATE*", "GRANT *DELETE*"},
      {},
      "read",
      "can log in"};
  ApplyAccess(kAccess, &r);
  return r;
}

}  // namespace

std::unique_ptr<Verifier> MakeMysqlVerifier() {
  // mysql_init() would initialize the library on first use, racing between
  // verify workers; the registry is built before they start.
  if (mysql_library_init(0, nullptr, nullptr) != 0) return nullptr;
  return std::make_unique<MysqlVerifier>();
}

}  // namespace leakhound::verify
