#!/usr/bin/env bash
# --verify against a real MariaDB server (Debian's mariadb-server): a
# throwaway data directory on a loopback port, an account whose connection URI
# is planted in a file: reported live with its grants; after DROP USER,
# revoked. Runs the server as `nobody` when started as root.
source "$(dirname "$0")/lib.sh"

for b in mariadb-install-db mariadb mariadb-admin; do
  command -v "$b" >/dev/null || die "$b not found (apt-get install mariadb-server)"
done
MARIADBD=$(command -v mariadbd || echo /usr/sbin/mariadbd)
DBDIR=$(mktemp -d /tmp/lh-my.XXXXXX)
chmod 755 "$DBDIR"
AS=()
if [[ $(id -u) -eq 0 ]]; then
  chown nobody "$DBDIR"
  AS=(runuser -u nobody --)
fi
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
SOCK="$DBDIR/mysqld.sock"
SERVER_PID=
stop_db() {
  if [[ -n "$SERVER_PID" ]]; then
    mariadb-admin --no-defaults -S "$SOCK" -u root shutdown >/dev/null 2>&1 || kill "$SERVER_PID" 2>/dev/null
    wait "$SERVER_PID" 2>/dev/null
  fi
  rm -rf "$DBDIR"
}
on_exit stop_db

"${AS[@]}" mariadb-install-db --no-defaults --datadir="$DBDIR/data" --auth-root-authentication-method=normal \
  --skip-test-db >"$DBDIR/install.log" 2>&1 || { cat "$DBDIR/install.log" >&2; die "install-db"; }
"${AS[@]}" "$MARIADBD" --no-defaults --datadir="$DBDIR/data" --socket="$SOCK" --port="$PORT" \
  --bind-address=127.0.0.1 --pid-file="$DBDIR/mysqld.pid" --log-error="$DBDIR/error.log" --skip-log-bin 2>>"$DBDIR/stderr.log" &
SERVER_PID=$!
for _ in $(seq 150); do mariadb-admin --no-defaults -S "$SOCK" -u root ping >/dev/null 2>&1 && break; sleep 0.2; done
mariadb-admin --no-defaults -S "$SOCK" -u root ping >/dev/null 2>&1 || { cat "$DBDIR/error.log" >&2; die "server start"; }
sql() { mariadb --no-defaults -S "$SOCK" -u root -e "$1"; }

pw() { python3 -c 'import secrets,string; a=string.ascii_letters+string.digits; print("".join(secrets.choice(a) for _ in range(24)))'; }
PW=$(pw); DBA_PW=$(pw)
sql "CREATE DATABASE shopdb; CREATE DATABASE hrdb;
     CREATE USER 'shop'@'%' IDENTIFIED BY '$PW'; GRANT SELECT, INSERT ON shopdb.* TO 'shop'@'%';
     CREATE USER 'dba'@'%' IDENTIFIED BY '$DBA_PW'; GRANT ALL PRIVILEGES ON *.* TO 'dba'@'%' WITH GRANT OPTION;"

mkdir -p "$TMP/app"
printf 'DATABASE_URL=mysql://shop:%s@127.0.0.1:%s/shopdb\n' "$PW" "$PORT" >"$TMP/app/.env"
printf 'admin: "mariadb://dba:%s@127.0.0.1:%s/"\n' "$DBA_PW" "$PORT" >"$TMP/app/admin.yml"
result() { json_eval "$TMP/r.json" "next(f['verification']$2 for f in d['findings'] if f['path'].endswith('$1'))"; }

run_lh scan "$TMP/app" --no-config --verify -f json -o "$TMP/r.json"
expect_eq "$(result .env "['verdict']")" "live" "account is live"
expect_eq "$(result .env "['identity']['account']")" "shop@%" "account name"
perms=$(result .env "['permissions']")
expect_contains "$perms" 'GRANT SELECT, INSERT ON `shopdb`.* TO `shop`@`%`' "grants"
expect_contains "$perms" "databases: information_schema, shopdb" "visible databases"
expect_not_contains "$perms" "hrdb" "databases without grants are not visible"
expect_not_contains "$perms" "superuser" "not a superuser"
expect_not_contains "$perms" "PASSWORD" "no password hash in the report"
expect_eq "$(result admin.yml "['verdict']")" "live" "dba is live"
expect_contains "$(result admin.yml "['permissions']")" "superuser (global ALL PRIVILEGES or SUPER)" "superuser flagged"
expect_eq "$(result admin.yml "['access']['level']")" "admin" "superuser: admin access"
expect_eq "$(result .env "['access']['level']")" "write" "INSERT grant: write access"

# Nothing comes from the environment or option files: not the password
# (MYSQL_PWD), not the port (MYSQL_TCP_PORT), not ~/.my.cnf.
mkdir -p "$TMP/env" "$TMP/home"
printf 'DATABASE_URL=mysql://shop:%s@127.0.0.1:%s/shopdb\n' "$(pw)" "$PORT" >"$TMP/env/wrong.env"
printf 'DATABASE_URL=mysql://shop:%s@127.0.0.1/shopdb\n' "$PW" >"$TMP/env/noport.env"
printf '[client]\nhost=127.0.0.1\nport=%s\nuser=shop\npassword=%s\n' "$PORT" "$PW" >"$TMP/home/.my.cnf"
MYSQL_PWD=$PW MYSQL_TCP_PORT=$PORT MYSQL_HOST=127.0.0.1 HOME="$TMP/home" \
  run_lh scan "$TMP/env" --no-config --verify --verify-timeout 2 -f json -o "$TMP/r.json"
expect_eq "$(result wrong.env "['verdict']")" "revoked" "MYSQL_PWD and ~/.my.cnf do not replace the URI's password"
expect_not_contains "$(result noport.env "['verdict']")" "live" "MYSQL_TCP_PORT and ~/.my.cnf do not replace the default port"

sql "DROP USER 'shop'@'%';"
run_lh scan "$TMP/app" --no-config --verify -f json -o "$TMP/r.json"
expect_eq "$(result .env "['verdict']")" "revoked" "dropped account is revoked"
expect_contains "$(result .env "['reason']")" "Access denied" "reason from the server"
finish
