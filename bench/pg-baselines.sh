#!/usr/bin/env bash
# The reference pipes issue 15 measures PostgreSQL first loads against, on this machine, without Tidemark:
#   MySQL -> PostgreSQL:      mariadb -N -B -e 'SELECT ...' | psql -c "\copy orders FROM STDIN"
#   PostgreSQL -> PostgreSQL: psql -c "COPY orders TO STDOUT" | psql -c "\copy orders FROM STDIN"
# Starts a MariaDB 10.11 source, a PostgreSQL 15 source and a PostgreSQL 15 target on loopback in a scratch
# directory, fills bench/run.sh's orders shape (ROWS rows, default 1,000,000), times each pipe RUNS times (default
# 3) into an emptied target and prints the medians. As root the PostgreSQL servers run as the user postgres.
# With TIDEMARK=1 it also times Tidemark itself (this tree's target/tidemark.jar, `java -jar ... --once`, JVM start
# included) on the same two first loads into an emptied database, right after the pipes, and prints each median's
# ratio to its pipe's median of the same run (the copy is checked the same way, on the copied columns).
# Usage: [TIDEMARK=1] bench/pg-baselines.sh [ROWS] [RUNS]
set -euo pipefail
ROWS=${1:-1000000}
RUNS=${2:-3}
PG=/usr/lib/postgresql/15/bin
WORK=$(mktemp -d /tmp/tidemark-pg-bench-XXXXXX)
chmod 755 "$WORK"
AS_PG=(); [ "$(id -u)" -eq 0 ] && AS_PG=(runuser -u postgres --)
MY_PORT=$((20000 + RANDOM % 10000)); SRC_PORT=$((MY_PORT + 1)); DST_PORT=$((MY_PORT + 2))

cleanup() {
  for d in pgsrc pgdst; do [ -d "$WORK/$d" ] && "${AS_PG[@]}" "$PG/pg_ctl" -D "$WORK/$d" -m immediate stop >/dev/null 2>&1 || true; done
  if [ -n "${MY_PID:-}" ]; then kill "$MY_PID" 2>/dev/null; wait "$MY_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

mariadb-install-db --no-defaults --user=root --datadir="$WORK/my" --auth-root-authentication-method=normal \
  --skip-test-db >/dev/null
mariadbd --no-defaults --user=root --datadir="$WORK/my" --port=$MY_PORT --bind-address=127.0.0.1 \
  --socket="$WORK/my/s.sock" --pid-file="$WORK/my/pid" --character-set-server=utf8mb4 \
  --innodb-buffer-pool-size=512M >"$WORK/my.log" 2>&1 &
MY_PID=$!
for d in pgsrc pgdst; do
  mkdir -m 700 "$WORK/$d"; [ "$(id -u)" -eq 0 ] && chown postgres: "$WORK/$d"
  "${AS_PG[@]}" "$PG/initdb" -D "$WORK/$d" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
done
"${AS_PG[@]}" "$PG/pg_ctl" -D "$WORK/pgsrc" -l "$WORK/pgsrc/server.log" -w -o "-p $SRC_PORT -k $WORK/pgsrc -c listen_addresses=127.0.0.1" start >/dev/null
"${AS_PG[@]}" "$PG/pg_ctl" -D "$WORK/pgdst" -l "$WORK/pgdst/server.log" -w -o "-p $DST_PORT -k $WORK/pgsrc -c listen_addresses=127.0.0.1" start >/dev/null
for _ in $(seq 50); do mariadb-admin -h127.0.0.1 -P$MY_PORT -uroot ping >/dev/null 2>&1 && break; sleep 0.2; done

export PGOPTIONS="-c client_min_messages=warning"
my() { mariadb -h127.0.0.1 -P$MY_PORT -uroot --default-character-set=utf8mb4 "$@"; }
src() { psql -q -X -h 127.0.0.1 -p $SRC_PORT -U postgres -d postgres -v ON_ERROR_STOP=1 "$@"; }
dst() { psql -q -X -h 127.0.0.1 -p $DST_PORT -U postgres -d postgres -v ON_ERROR_STOP=1 "$@"; }
PG_DDL="CREATE TABLE orders (id bigint PRIMARY KEY, customer_id integer NOT NULL, status varchar(20) NOT NULL,
  amount numeric(12,2) NOT NULL, note varchar(200), created timestamp(6) NOT NULL, updated timestamp(6) NOT NULL)"

t0=$(date +%s.%N)
my -e "CREATE DATABASE bench; CREATE TABLE bench.orders (id BIGINT NOT NULL PRIMARY KEY, customer_id INT NOT NULL,
  status VARCHAR(20) NOT NULL, amount DECIMAL(12,2) NOT NULL, note VARCHAR(200) NULL, created DATETIME(6) NOT NULL,
  updated DATETIME(6) NOT NULL) DEFAULT CHARSET=utf8mb4;
  INSERT INTO bench.orders WITH RECURSIVE d(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM d WHERE n < 999)
  SELECT n + 1, 1 + (n * 7919) % 50000, ELT(1 + n % 5, 'new', 'paid', 'shipped', 'delivered', 'cancelled'),
         ((n * 7907) % 1000000) / 100,
         IF(n % 4 = 0, NULL, CONCAT(ELT(1 + n % 3, 'Zoë ✓ ', 'gift wrap ', 'call before delivery: '),
                                    LEFT(REPEAT(MD5(n), 4), n % 97))),
         created, created + INTERVAL n % 86400 SECOND + INTERVAL (n * 13) % 1000000 MICROSECOND
  FROM (SELECT a.n * 1000 + b.n AS n, TIMESTAMP('2024-01-01 00:00:00') + INTERVAL (a.n * 1000 + b.n) * 2 SECOND
                 + INTERVAL ((a.n * 1000 + b.n) * 7) % 1000000 MICROSECOND AS created
        FROM d a CROSS JOIN d b WHERE a.n * 1000 + b.n < $ROWS) x"
src -c "$PG_DDL"
my -N -B -r -e "SELECT id, customer_id, status, amount, IFNULL(note, '\\\\N'), created, updated FROM bench.orders" \
  | src -c "\\copy orders FROM STDIN"
echo "generated $ROWS rows in $(echo "$(date +%s.%N) - $t0" | bc) s"

median() { sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
time_pipe() { # NAME PIPE...
  local name=$1; shift
  local times=()
  for _ in $(seq "$RUNS"); do
    dst -c "DROP TABLE IF EXISTS orders" -c "$PG_DDL"
    local a b; a=$(date +%s.%N)
    bash -o pipefail -c "$*"
    b=$(date +%s.%N)
    [ "$(dst -t -A -c "SELECT count(*) FROM orders")" = "$ROWS" ] || { echo "$name: wrong row count" >&2; exit 1; }
    times+=("$(echo "$b - $a" | bc)")
  done
  local m; m=$(printf '%s\n' "${times[@]}" | median)
  printf '%-28s median %6.2f s  %8.0f rows/s  (runs: %s)\n' "$name" "$m" "$(echo "$ROWS / $m" | bc -l)" "${times[*]}"
  echo "$m" > "$WORK/last.median"
}
export -f my src dst; export MY_PORT SRC_PORT DST_PORT
time_pipe "mariadb | psql \\copy" "my -N -B -r -e \"SELECT id, customer_id, status, amount, IFNULL(note, '\\\\\\\\N'), created, updated FROM bench.orders\" | dst -c '\\copy orders FROM STDIN'"
cp "$WORK/last.median" "$WORK/pipe_my.median"
time_pipe "psql COPY | psql \\copy" "src -c 'COPY orders TO STDOUT' | dst -c '\\copy orders FROM STDIN'"
cp "$WORK/last.median" "$WORK/pipe_pg.median"
if [ "${TIDEMARK:-0}" = 1 ]; then
  TREE=$(cd "$(dirname "$0")/.." && pwd)
  [ -f "$TREE/target/tidemark.jar" ] || { echo "build first: mvn -B -q -o package -DskipTests" >&2; exit 1; }
  mkdir -p "$WORK/app/routes"
  for f in "$TREE"/routes/*.camel.yaml; do
    [ "$(basename "$f")" = tables.camel.yaml ] || cp "$f" "$WORK/app/routes/"
  done
  printf -- '- templatedRoute:\n    routeTemplateRef: table-sync\n    parameters:\n      - name: table\n        value: "orders"\n      - name: modifier\n        value: "updated"\n' \
    > "$WORK/app/routes/tables.camel.yaml"
  COLS="(id, customer_id, status, amount, note, created, updated)"
  time_tidemark() { # NAME SOURCE_URL: one --once first load into the emptied database "copy" of the target
    local name=$1 url=$2 times=() a b
    for _ in $(seq "$RUNS"); do
      dst -c "DROP DATABASE IF EXISTS copy" -c "CREATE DATABASE copy"
      a=$(date +%s.%N)
      (cd "$WORK/app" && SOURCE_DB_URL="$url" SOURCE_DB_USER=${3:-root} \
        TARGET_DB_URL="jdbc:postgresql://127.0.0.1:$DST_PORT/copy" TARGET_DB_USER=postgres \
        java -Dcamel.management.port=$((DST_PORT + 1)) -jar "$TREE/target/tidemark.jar" --once >"$WORK/app/out.log" 2>&1) \
        || { echo "$name: Tidemark failed:" >&2; tail -20 "$WORK/app/out.log" >&2; exit 1; }
      b=$(date +%s.%N)
      [ "$(dst -d copy -t -A -c "SELECT count(*) FROM orders")" = "$ROWS" ] || { echo "$name: wrong row count" >&2; exit 1; }
      times+=("$(echo "$b - $a" | bc)")
    done
    [ "$(dst -d copy -t -A -c "SELECT md5(string_agg($COLS::text, '|' ORDER BY id)) FROM orders")" \
      = "$(src -t -A -c "SELECT md5(string_agg($COLS::text, '|' ORDER BY id)) FROM orders")" ] \
      || { echo "$name: the copy differs from the source" >&2; exit 1; }
    local m; m=$(printf '%s\n' "${times[@]}" | median)
    printf '%-28s median %6.2f s  %8.0f rows/s  (runs: %s)\n' "$name" "$m" "$(echo "$ROWS / $m" | bc -l)" "${times[*]}"
    echo "$m"  > "$WORK/$4.median"
  }
  dst() { psql -q -X -h 127.0.0.1 -p $DST_PORT -U postgres -v ON_ERROR_STOP=1 "$@"; }
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  time_tidemark "Tidemark MariaDB -> PG" "jdbc:mysql://127.0.0.1:$MY_PORT/bench" root my
  time_tidemark "Tidemark PG -> PG" "jdbc:postgresql://127.0.0.1:$SRC_PORT/postgres" postgres pg
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  for k in my pg; do
    printf 'Tidemark / pipe (%s source): %.2f x the time, %.2f x the speed\n' "$k" \
      "$(echo "$(cat "$WORK/$k.median") / $(cat "$WORK/pipe_$k.median")" | bc -l)" \
      "$(echo "$(cat "$WORK/pipe_$k.median") / $(cat "$WORK/$k.median")" | bc -l)"
  done
fi
# the two copies agree with the source
dst -t -A -c "SELECT md5(string_agg(o::text, '|' ORDER BY id)) FROM orders o" > "$WORK/dst.md5"
src -t -A -c "SELECT md5(string_agg(o::text, '|' ORDER BY id)) FROM orders o" > "$WORK/src.md5"
cmp -s "$WORK/dst.md5" "$WORK/src.md5" && echo "target equals source (md5 of every row's text)" || { echo "target differs" >&2; exit 1; }
