// PostgreSQL: connects with libpq to the host of the URI found (the URI is the
// credential's declared endpoint), then reads the role's blast radius: role
// attributes, role memberships, databases it may connect to, schemas it may
// use and a per-privilege count of the tables it can touch.
#include <libpq-fe.h>
#include <netdb.h>
#include <sys/socket.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>

#include "verify/access.h"
#include "verify/db_uri.h"
#include "verify/providers.h"

namespace leakhound::verify {

namespace {

struct ConnDeleter {
  void operator()(PGconn* c) const { PQfinish(c); }
};
using Conn = std::unique_ptr<PGconn, ConnDeleter>;

using Rows = std::vector<std::vector<std::string>>;

Rows Query(PGconn* c, const char* sql) {
  Rows out;
  PGresult* r = PQexec(c, sql);
  if (PQresultStatus(r) == PGRES_TUPLES_OK) {
    for (int i = 0; i < PQntuples(r); ++i) {
      std::vector<std::string> row;
      for (int j = 0; j < PQnfields(r); ++j) row.emplace_back(PQgetvalue(r, i, j));
      out.push_back(std::move(row));
    }
  }
  PQclear(r);
  return out;
}

std::string FirstLine(const char* msg) {
  std::string s = msg ? msg : "";
  s = s.substr(0, s.find('\n'));
  return s.size() > 200 ? s.substr(0, 200) : s;
}

std::string Joined(const Rows& rows, size_t max = 20) {
  std::string out;
  for (size_t i = 0; i < rows.size() && i < max; ++i) out += (i ? ", " : "") + rows[i][0];
  if (rows.size() > max) out += ", ... (" + std::to_string(rows.size()) + " in all)";
  return out;
}

constexpr char kRoleSql[] =
    "SELECT current_user, rolsuper, rolcreaterole, rolcreatedb, rolreplication, rolbypassrls, "
    "current_database(), current_setting('server_version') FROM pg_roles WHERE rolname = "
    "current_user";
constexpr char kMemberSql[] =
    "SELECT b.rolname FROM pg_auth_members m JOIN pg_roles b ON m.roleid = b.oid "
    "JOIN pg_roles u ON m.member = u.oid WHERE u.rolname = current_user ORDER BY 1";
constexpr char kDatabasesSql[] =
    "SELECT datname FROM pg_database WHERE datallowconn AND "
    "has_database_privilege(datname, 'CONNECT') ORDER BY 1";
constexpr char kSchemasSql[] =
    "SELECT nspname FROM pg_namespace WHERE has_schema_privilege(nspname, 'USAGE') AND "
    "nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' ORDER BY 1";
constexpr char kTablesSql[] =
    "SELECT p, count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
    "CROSS JOIN unnest(ARRAY['SELECT','INSERT','UPDATE','DELETE','TRUNCATE']) AS p "
    "WHERE c.relkind IN ('r','p','v','m','f') AND n.nspname NOT LIKE 'pg\\_%' AND "
    "n.nspname <> 'information_schema' AND has_table_privilege(c.oid, p) GROUP BY p ORDER BY p";

class PostgresVerifier : public Verifier {
 public:
  std::string name() const override { return "postgres"; }
  std::string reports() const override {
    return "role, superuser and other role attributes, memberships, databases, schemas, "
           "table privileges; access level";
  }
  std::string endpoint() const override { return "postgresql://<host:port from the URI found>"; }
  std::vector<std::string> Plan(const Candidate& c, const Endpoints&) const override {
    auto t = DbTargetOf(c);
    if (!t) return {"cannot verify: " + t.error().message};
    return {"postgresql://" + t->user + "@" + t->host + ":" + (t->port.empty() ? "5432" : t->port) +
            "/" + (t->database.empty() ? t->user : t->database) + " (libpq connection)"};
  }
  std::string TargetKey(const Candidate& c, const Endpoints&) const override {
    return DbTargetKey(c, "5432");
  }
  VerifyResult Verify(const Candidate& c, Context& ctx) const override;

 private:
  // Connects to the URI's server only; on failure *error says why.
  Conn Connect(const DbTarget& t, const std::string& db, const Candidate& c, double timeout,
               std::string* error) const;
};

// The numeric addresses of `host` (at most 8), resolved here so the
// connection can name them as hostaddr: libpq would otherwise take hostaddr
// from PGHOSTADDR or a service file and connect somewhere else.
Result<std::vector<std::string>> Addresses(const std::string& host, const std::string& port) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* res = nullptr;
  if (int rc = getaddrinfo(host.c_str(), port.c_str(), &hints, &res); rc != 0) {
    return Error::Network("could not resolve host \"" + host + "\": " + gai_strerror(rc));
  }
  std::vector<std::string> out;
  for (addrinfo* a = res; a != nullptr && out.size() < 8; a = a->ai_next) {
    char buf[NI_MAXHOST];
    if (getnameinfo(a->ai_addr, a->ai_addrlen, buf, sizeof(buf), nullptr, 0, NI_NUMERICHOST) != 0)
      continue;
    if (std::find(out.begin(), out.end(), buf) == out.end()) out.emplace_back(buf);
  }
  freeaddrinfo(res);
  if (out.empty()) return Error::Network("no address for host \"" + host + "\"");
  return out;
}

// Connection parameters that use nothing but the URI: libpq fills every
// parameter not given from PG* environment variables, then a service file
// (PGSERVICE) or compiled-in defaults, and ignores empty values. So every
// parameter libpq would read from the environment is given: the URI's
// values, the compiled-in default, or a value that disables the feature.
std::map<std::string, std::string> ParamsFor(const DbTarget& t, const std::string& port,
                                             const std::vector<std::string>& addrs) {
  std::map<std::string, std::string> p;
  if (PQconninfoOption* defaults = PQconndefaults()) {
    for (PQconninfoOption* o = defaults; o->keyword != nullptr; ++o) {
      if (o->envvar != nullptr && o->compiled != nullptr && o->compiled[0] != '\0')
        p[o->keyword] = o->compiled;
    }
    for (PQconninfoOption* o = defaults; o->keyword != nullptr; ++o) {
      std::string k = o->keyword;
      if (k == "sslcertmode") p[k] = "disable";  // libpq 16+: never send a client certificate
      if (k == "require_auth") p[k] = "password,md5,scram-sha-256";  // libpq 16+: no Kerberos
    }
    PQconninfoFree(defaults);
  }
  std::string hosts, hostaddrs, ports;
  for (const auto& a : addrs) {
    hosts += (hosts.empty() ? "" : ",") + t.host;  // names the server for TLS checks
    hostaddrs += (hostaddrs.empty() ? "" : ",") + a;
    ports += (ports.empty() ? "" : ",") + port;
  }
  p["host"] = hosts;
  p["hostaddr"] = hostaddrs;
  p["port"] = ports;
  p["passfile"] = "/dev/null";
  // The user's client certificate (~/.postgresql, PGSSLCERT) is not theirs to
  // present: a path that cannot exist means "no certificate".
  p["sslcert"] = "/dev/null/leakhound-no-client-certificate";
  p["sslkey"] = "/dev/null/leakhound-no-client-certificate";
  p["gssencmode"] = "disable";  // no Kerberos credentials of the user
  p["client_encoding"] = "UTF8";
  p["target_session_attrs"] = "any";
  p["application_name"] = "leakhound-verify";
  p["options"] = "-c statement_timeout=5000";
  auto param = t.params.find("sslmode");
  p["sslmode"] = param == t.params.end() || param->second.empty() ? "prefer" : param->second;
  return p;
}

Conn PostgresVerifier::Connect(const DbTarget& t, const std::string& db, const Candidate& c,
                               double timeout, std::string* error) const {
  std::string port = t.port.empty() ? "5432" : t.port;
  auto addrs = Addresses(t.host, port);
  if (!addrs) {
    *error = addrs.error().message;
    return nullptr;
  }
  std::map<std::string, std::string> p = ParamsFor(t, port, *addrs);
  p["user"] = t.user;
  p["dbname"] = db;
  p["connect_timeout"] = std::to_string(std::max(2, static_cast<int>(std::ceil(timeout))));
  std::string password = DecodePassword(SecretOf(c));
  std::vector<const char*> keys, values;
  for (const auto& [k, v] : p) {
    keys.push_back(k.c_str());
    values.push_back(v.c_str());
  }
  keys.push_back("password");
  values.push_back(password.c_str());
  keys.push_back(nullptr);
  values.push_back(nullptr);
  Conn conn(PQconnectdbParams(keys.data(), values.data(), 0));
  std::fill(password.begin(), password.end(), '\0');
  *error = conn ? FirstLine(PQerrorMessage(conn.get())) : "out of memory";
  return conn;
}

void BlastRadius(PGconn* c, VerifyResult* r) {
  Rows role = Query(c, kRoleSql);
  if (!role.empty() && role[0].size() == 8) {
    const auto& row = role[0];
    r->identity["role"] = row[0];
    r->identity["database"] = row[6];
    r->identity["server_version"] = row[7];
    const char* attrs[] = {"", "superuser", "createrole", "createdb", "replication", "bypassrls"};
    for (int i = 1; i <= 5; ++i) {
      if (row[i] == "t") r->permissions.push_back(attrs[i]);
    }
  }
  for (const auto& m : Query(c, kMemberSql)) r->permissions.push_back("member of " + m[0]);
  Rows dbs = Query(c, kDatabasesSql);
  if (!dbs.empty()) r->permissions.push_back("databases: " + Joined(dbs));
  Rows schemas = Query(c, kSchemasSql);
  if (!schemas.empty()) r->permissions.push_back("schemas: " + Joined(schemas));
  std::string tables;
  for (const auto& row : Query(c, kTablesSql)) {
    tables += (tables.empty() ? "" : ", ") + row[0] + " " + row[1];
  }
  r->permissions.push_back("tables in " + r->identity["database"] + ": " +
                           (tables.empty() ? "none" : tables));
  static const AccessSpec kAccess{{"superuser", "createrole"},
                                  {"tables in *INSERT*", "tables in *UPDATE*", "tables in *DELETE*",
                                   "tables in *TRUNCATE*", "createdb"},
                                  {},
                                  "read",
                                  "can log in and read the catalogs"};
  ApplyAccess(kAccess, r);
}

VerifyResult PostgresVerifier::Verify(const Candidate& c, Context& ctx) const {
  auto t = DbTargetOf(c);
  if (!t) return Unknown(t.error().message);
  if (t->host.empty() || t->host[0] == '/') return Unknown("Unix-socket hosts are not verified");
  if (t->host.find(',') != std::string::npos) return Unknown("multi-host URIs are not verified");
  if (t->user.empty()) return Unknown("the URI names no user");
  if (ctx.limiter) ctx.limiter->Acquire("postgres:" + t->host + ":" + t->port);
  std::string db = t->database.empty() ? t->user : t->database;
  std::string err;
  Conn conn = Connect(*t, db, c, ctx.timeout_seconds, &err);
  if (conn && PQstatus(conn.get()) != CONNECTION_OK &&
      err.find("database \"") != std::string::npos &&
      err.find("does not exist") != std::string::npos) {
    // authenticated; only the database is gone
    conn = Connect(*t, "postgres", c, ctx.timeout_seconds, &err);
  }
  if (!conn || PQstatus(conn.get()) != CONNECTION_OK) {
    if (err.find("password authentication failed") != std::string::npos ||
        (err.find("role \"") != std::string::npos &&
         err.find("does not exist") != std::string::npos)) {
      return Revoked("authentication failed: " + err);
    }
    if (err.find("timeout") != std::string::npos) return Unknown("timeout");
    return Unknown("connection failed: " + err);
  }
  VerifyResult r;
  r.verdict = Verdict::kLive;
  r.identity["server"] = t->host + ":" + (t->port.empty() ? "5432" : t->port);
  BlastRadius(conn.get(), &r);
  return r;
}

}  // namespace

std::unique_ptr<Verifier> MakePostgresVerifier() { return std::make_unique<PostgresVerifier>(); }

}  // namespace leakhound::verify
