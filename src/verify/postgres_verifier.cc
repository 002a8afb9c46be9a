// PostgreSQL: connects with libpq to the host of the URI found (the URI is the
// credential's declared endpoint), then reads the role's blast radius: role
// attributes, role memberships, databases it may connect to, schemas it may
// use and a per-privilege count of the tables it can touch.
#include <libpq-fe.h>

#include <cmath>
#include <memory>

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
           "table privileges";
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
  Conn Connect(const DbTarget& t, const std::string& db, const Candidate& c, double timeout) const;
};

Conn PostgresVerifier::Connect(const DbTarget& t, const std::string& db, const Candidate& c,
                               double timeout) const {
  std::string password = DecodePassword(SecretOf(c));
  std::string port = t.port.empty() ? "5432" : t.port;
  std::string connect_timeout = std::to_string(std::max(2, static_cast<int>(std::ceil(timeout))));
  auto param = [&](const char* k) {
    auto it = t.params.find(k);
    return it == t.params.end() ? std::string() : it->second;
  };
  std::string sslmode = param("sslmode").empty() ? "prefer" : param("sslmode");
  // Every connection parameter is explicit, so no PG* environment variable
  // can redirect the password elsewhere.
  const char* keys[] = {"host",     "port",
                        "user",     "dbname",
                        "password", "connect_timeout",
                        "sslmode",  "application_name",
                        "options",  "passfile",
                        nullptr};
  const char* values[] = {t.host.c_str(),
                          port.c_str(),
                          t.user.c_str(),
                          db.c_str(),
                          password.c_str(),
                          connect_timeout.c_str(),
                          sslmode.c_str(),
                          "leakhound-verify",
                          "-c statement_timeout=5000",
                          "/dev/null",
                          nullptr};
  Conn conn(PQconnectdbParams(keys, values, 0));
  std::fill(password.begin(), password.end(), '\0');
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
}

VerifyResult PostgresVerifier::Verify(const Candidate& c, Context& ctx) const {
  auto t = DbTargetOf(c);
  if (!t) return Unknown(t.error().message);
  if (!t->host.empty() && t->host[0] == '/') return Unknown("Unix-socket hosts are not verified");
  if (ctx.limiter) ctx.limiter->Acquire("postgres:" + t->host + ":" + t->port);
  std::string db = t->database.empty() ? t->user : t->database;
  Conn conn = Connect(*t, db, c, ctx.timeout_seconds);
  std::string err = conn ? FirstLine(PQerrorMessage(conn.get())) : "out of memory";
  if (conn && PQstatus(conn.get()) != CONNECTION_OK &&
      err.find("database \"") != std::string::npos &&
      err.find("does not exist") != std::string::npos) {
    conn = Connect(*t, "postgres", c, ctx.timeout_seconds);  // authenticated; only the db is gone
    err = conn ? FirstLine(PQerrorMessage(conn.get())) : "out of memory";
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
