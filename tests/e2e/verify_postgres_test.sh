#!/usr/bin/env bash
# --verify against a real PostgreSQL: a throwaway cluster (initdb/pg_ctl from
# Debian's postgresql package) on a loopback port, a role whose connection URI
# is planted in a file: reported live with its privileges; after DROP ROLE,
# revoked. Runs the server as `nobody` when started as root (initdb refuses root).
source "$(dirname "$0")/lib.sh"

source "$(dirname "$0")/postgres_server.sh"
start_postgres

PW=$(python3 -c 'import secrets,string; a=string.ascii_letters+string.digits; print("".join(secrets.choice(a) for _ in range(24)))')
BOSS_PW=$(python3 -c 'import secrets,string; a=string.ascii_letters+string.digits; print("".join(secrets.choice(a) for _ in range(24)))')
psql -d postgres <<SQL
CREATE ROLE orders_app LOGIN PASSWORD '$PW' CREATEDB;
CREATE ROLE reporting NOLOGIN;
GRANT reporting TO orders_app;
CREATE ROLE boss LOGIN SUPERUSER PASSWORD '$BOSS_PW';
CREATE DATABASE orders;
CREATE DATABASE secretdb;
REVOKE CONNECT ON DATABASE secretdb FROM PUBLIC;
SQL
psql -d orders <<SQL
CREATE SCHEMA billing;
CREATE TABLE billing.invoices (id int);
CREATE TABLE billing.customers (id int);
CREATE TABLE public.audit (id int);
GRANT USAGE ON SCHEMA billing TO orders_app;
GRANT SELECT, INSERT ON billing.invoices TO orders_app;
GRANT SELECT ON billing.customers TO orders_app;
SQL

mkdir -p "$TMP/app"
printf 'DATABASE_URL=postgresql://orders_app:%s@127.0.0.1:%s/orders?sslmode=prefer\n' "$PW" "$PORT" >"$TMP/app/.env"
printf 'ADMIN_URL: "postgres://boss:%s@127.0.0.1:%s/postgres"\n' "$BOSS_PW" "$PORT" >"$TMP/app/admin.yml"

result() {  # FILE EXPR over the verification of the finding in FILE
  json_eval "$TMP/r.json" "next(f['verification']$2 for f in d['findings'] if f['path'].endswith('$1'))"
}

run_lh scan "$TMP/app" --no-config --verify -f json -o "$TMP/r.json"
expect_eq "$RC" "1" "findings reported"
expect_eq "$(result .env "['verdict']")" "live" "role is live"
expect_eq "$(result .env "['identity']['role']")" "orders_app" "role name"
expect_eq "$(result .env "['identity']['database']")" "orders" "database"
expect_eq "$(result .env "['identity']['server']")" "127.0.0.1:$PORT" "server"
perms=$(result .env "['permissions']")
expect_contains "$perms" "'createdb'" "role attributes"
expect_not_contains "$perms" "superuser" "not a superuser"
expect_contains "$perms" "member of reporting" "role memberships"
expect_contains "$perms" "databases: orders, postgres" "databases it can connect to"
expect_not_contains "$perms" "secretdb" "databases it cannot connect to are not listed"
expect_contains "$perms" "schemas: billing, public" "schemas it can use"
expect_contains "$perms" "tables in orders: INSERT 1, SELECT 2" "table privileges summary"
expect_eq "$(result admin.yml "['verdict']")" "live" "superuser is live"
expect_contains "$(result admin.yml "['permissions']")" "'superuser'" "superuser flagged"
expect_eq "$(result admin.yml "['access']")" "{'level': 'admin', 'basis': 'superuser'}" "superuser: admin access"
expect_eq "$(result .env "['access']['level']")" "write" "INSERT on a table: write access"
expect_eq "$(json_eval "$TMP/r.json" "d['findings'][0]['verification']['verdict']")" "live" "live sorts first"

run_lh scan "$TMP/app" --no-config --verify-dry-run -f json -o "$TMP/dry.json"
expect_contains "$ERR" "postgresql://orders_app@127.0.0.1:$PORT/orders (libpq connection)" "dry run lists the server"
expect_not_contains "$ERR" "$PW" "dry run prints no password"

# One password in two URIs naming different roles is two credentials (the
# rule captures only the password): the real role is live, the other revoked.
mkdir -p "$TMP/shared"
printf 'DEV=postgresql://orders_app:%s@127.0.0.1:%s/orders\n' "$PW" "$PORT" >"$TMP/shared/dev.env"
printf 'PROD=postgresql://nobody_here:%s@127.0.0.1:%s/orders\n' "$PW" "$PORT" >"$TMP/shared/prod.env"
run_lh scan "$TMP/shared" --no-config --verify -f json -o "$TMP/r.json"
expect_eq "$(result dev.env "['verdict']")" "live" "shared password: the real role is live"
expect_eq "$(result prod.env "['verdict']")" "revoked" "shared password: another role is verified on its own"
run_lh scan "$TMP/shared" --no-config --verify-dry-run
expect_contains "$ERR" "2 credentials in 2 findings" "dry run: one credential per target"

# libpq's environment cannot redirect the password: PGHOSTADDR, or a service
# file with a hostaddr, would connect a URI for db.example.invalid to this
# server. Other PG* variables change nothing either.
mkdir -p "$TMP/elsewhere"
printf 'DATABASE_URL=postgresql://orders_app:%s@db.example.invalid:%s/orders\n' "$PW" "$PORT" >"$TMP/elsewhere/.env"
PGHOSTADDR=127.0.0.1 run_lh scan "$TMP/elsewhere" --no-config --verify -f json -o "$TMP/r.json"
expect_eq "$(result .env "['verdict']")" "unknown" "PGHOSTADDR does not redirect the connection"
expect_contains "$(result .env "['reason']")" "db.example.invalid" "the reason names the URI's host"
printf '[lh]\nhostaddr=127.0.0.1\nport=%s\n' "$PORT" >"$TMP/pg_service.conf"
PGSERVICEFILE="$TMP/pg_service.conf" PGSERVICE=lh run_lh scan "$TMP/elsewhere" --no-config --verify -f json -o "$TMP/r.json"
expect_eq "$(result .env "['verdict']")" "unknown" "a service file does not redirect the connection"
PGSERVICEFILE="$TMP/pg_service.conf" PGSERVICE=lh PGHOST=/nonexistent PGPORT=1 PGUSER=nobody \
  PGDATABASE=nowhere PGPASSWORD=wrong PGSSLMODE=require PGGSSENCMODE=require PGPASSFILE=/nonexistent \
  PGCONNECT_TIMEOUT=1 PGTARGETSESSIONATTRS=read-only \
  run_lh scan "$TMP/app/.env" --no-config --verify -f json -o "$TMP/r.json"
expect_eq "$(result .env "['verdict']")" "live" "PG* variables do not change the connection"

psql -d orders -c "DROP OWNED BY orders_app; DROP ROLE orders_app;"
run_lh scan "$TMP/app" --no-config --verify -f json -o "$TMP/r.json"
expect_eq "$(result .env "['verdict']")" "revoked" "dropped role is revoked"
expect_contains "$(result .env "['reason']")" "password authentication failed" "reason from the server"

"${AS[@]}" "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast stop >/dev/null
run_lh scan "$TMP/app" --no-config --verify --verify-timeout 2 -f json -o "$TMP/r.json"
expect_eq "$(result .env "['verdict']")" "unknown" "server down is unknown, not revoked"
finish
