# Sourced after lib.sh by the tests that need a real PostgreSQL server:
# start_postgres starts a throwaway cluster (initdb/pg_ctl from Debian's
# postgresql package) on a free loopback port, as `nobody` when run as root
# (initdb refuses root), and stops it on exit. It sets PGBIN, PGDIR, PORT,
# AS (the command prefix running as the server's user) and defines
# `psql ARGS...` (superuser `postgres` over the socket in $PGDIR). Local
# connections are trusted; TCP ones need a password (scram-sha-256).
start_postgres() {
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  if [[ -z "$PGBIN" || ! -x "$PGBIN/initdb" ]]; then
    die "PostgreSQL server binaries not found (apt-get install postgresql)"
  fi
  PGDIR=$(mktemp -d /tmp/lh-pg.XXXXXX)
  chmod 755 "$PGDIR"
  AS=()
  if [[ $(id -u) -eq 0 ]]; then
    chown nobody "$PGDIR"
    AS=(runuser -u nobody --)
  fi
  PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  on_exit _stop_postgres
  "${AS[@]}" "$PGBIN/initdb" -D "$PGDIR/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
    >"$PGDIR/initdb.log" 2>&1 || { cat "$PGDIR/initdb.log" >&2; die "initdb"; }
  "${AS[@]}" "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w -t 60 \
    -o "-p $PORT -k $PGDIR -c listen_addresses=127.0.0.1" start >/dev/null ||
    { cat "$PGDIR/server.log" >&2; die "pg_ctl start"; }
}
_stop_postgres() { "${AS[@]}" "$PGBIN/pg_ctl" -D "$PGDIR/data" -m immediate stop >/dev/null 2>&1; rm -rf "$PGDIR"; }
psql() { (cd / && "${AS[@]}" "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PGDIR" -p "$PORT" -U postgres "$@"); }
