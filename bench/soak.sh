#!/usr/bin/env bash
# Tidemark's soak test (issue 4, "Under load"). Starts its own source and target MariaDB 10.11 servers on loopback
# (Debian's mariadbd, as bench/run.sh does), creates 20 orders-like tables on the source (indexed DATETIME(6)
# modifier `updated`), runs Tidemark on the 20 tables with a 1 s schedule while bench/SoakWriter.java changes about
# 2,000 rows/s spread over them, restarts the TARGET server half-way (stopped, down for 20 s, started again on the
# same port and data directory), samples Tidemark every 10 s (pool gauges, live threads, heap used from
# /observe/metrics, RSS from /proc), then stops the writer, waits until every table has run twice more and compares
# every table source vs target with a server-side checksum (count + sum of CRC32 of CONCAT_WS of all columns).
# Prints a table and writes target/bench/soak.json (samples in target/bench/soak-samples.tsv).
#
#   bench/soak.sh [--minutes N] [--rate N] [--rows N] [--tree DIR] [--build] [--keep]
#
#   --minutes N  how long the writer runs (default 10); the target restart starts at half of it
#   --rate N     rows changed per second (default 2000)
#   --rows N     rows per table before the soak (default 20000)
#   --tree DIR   soak the Tidemark checkout in DIR (its jar and routes) instead of this one
#   --build      build DIR's jar first (mvn package -DskipTests); by default DIR/target/tidemark.jar is used as it is
#   --keep       keep the servers' data directories under target/bench/soak-work
# Environment: BENCH_JAVA_OPTS (JVM options for Tidemark), BENCH_SERVER_OPTS (more server options).
# Exit status: 0 every table identical, 1 a table differs or Tidemark died, 2 the harness failed.
set -uo pipefail
export LC_ALL=C

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TREE=$REPO
MINUTES=10
RATE=2000
ROWS=20000
BUILD=false
KEEP=false
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) MINUTES=$2; shift ;;
    --rate) RATE=$2; shift ;;
    --rows) ROWS=$2; shift ;;
    --tree) TREE=$(cd "$2" && pwd); shift ;;
    --build) BUILD=true ;;
    --keep) KEEP=true ;;
    -h|--help) sed -n '2,/^set -uo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
TABLES=20
WRITER_THREADS=4
DOWN_SECONDS=20
SAMPLE_EVERY=10
SECONDS_TOTAL=$(( MINUTES * 60 ))
OUT=$REPO/target/bench
WORK=$OUT/soak-work
LOG=$OUT/soak.log
SAMPLES=$OUT/soak-samples.tsv
SERVER_OPTS=(--innodb-buffer-pool-size=256M --max-connections=200 --local-infile=1)
# shellcheck disable=SC2206
SERVER_OPTS+=(${BENCH_SERVER_OPTS:-})
# shellcheck disable=SC2206
JAVA_OPTS=(${BENCH_JAVA_OPTS:-})
USER_OPT=(); [ "$(id -u)" -eq 0 ] && USER_OPT=(--user=root)

declare -A PORT PID
APP_PID=
WRITER_PID=
MPORT=

log() { printf '[soak %s] %s\n' "$(date +%H:%M:%S)" "$*" | tee -a "$LOG" >&2; }
die() { log "ERROR: $*"; exit 2; }
alive() { local f; read -r -a f 2>/dev/null <"/proc/$1/stat" && [ "${f[2]}" != Z ]; }
free_port() {
  local p i
  for i in $(seq 100); do
    p=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return 0; fi
  done
  die "no free port found"
}
sql() { # SERVER [client options] -e "..."
  local s=$1; shift
  mariadb --no-defaults --protocol=TCP -h127.0.0.1 -P"${PORT[$s]}" -uroot --default-character-set=utf8mb4 -N -B "$@"
}
# stop_pid PID SECONDS: SIGTERM, SIGKILL after SECONDS (only processes this script started)
stop_pid() {
  local pid=$1 i
  [ -n "$pid" ] || return 0
  kill "$pid" 2>/dev/null
  for (( i = 0; i < $2 * 10; i++ )); do alive "$pid" || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
}

# ---------------------------------------------------------------------------------------------- servers
# run_server NAME: starts mariadbd on $WORK/NAME/data and PORT[NAME] (kept across restarts), waits for it
run_server() {
  local name=$1 dir=$WORK/$1 pid i
  /usr/sbin/mariadbd --no-defaults "${USER_OPT[@]}" --datadir="$dir/data" --character-set-server=utf8mb4 \
    --collation-server=utf8mb4_general_ci --port="${PORT[$name]}" --bind-address=127.0.0.1 --socket="$dir/s.sock" \
    --pid-file="$dir/server.pid" --log-error="$dir/error.log" --tmpdir="$dir/tmp" "${SERVER_OPTS[@]}" \
    >>"$dir/stdout.log" 2>&1 &
  pid=$!
  PID[$name]=$pid
  for i in $(seq 600); do
    mariadb-admin --no-defaults --protocol=TCP -h127.0.0.1 -P"${PORT[$name]}" -uroot ping >/dev/null 2>&1 && return 0
    alive "$pid" || die "$name server exited: $(tail -20 "$dir/error.log")"
    sleep 0.1
  done
  die "$name server did not answer within 60 s: $(tail -20 "$dir/error.log")"
}

new_server() { # NAME: a fresh data directory, a free port, a tidemark user
  local name=$1 dir=$WORK/$1
  mkdir -p "$dir/tmp"
  [ -x /usr/sbin/mariadbd ] || die "mariadbd not found: apt-get install -y mariadb-server"
  mariadb-install-db --no-defaults "${USER_OPT[@]}" --datadir="$dir/data" --auth-root-authentication-method=normal \
    --skip-test-db >"$dir/install.log" 2>&1 || die "mariadb-install-db failed: $(tail -5 "$dir/install.log")"
  PORT[$name]=$(free_port)
  run_server "$name"
  sql "$name" -e "CREATE USER 'tidemark'@'%'; GRANT ALL PRIVILEGES ON *.* TO 'tidemark'@'%'" || die "cannot create the tidemark user"
  log "$name: $(sql "$name" -e 'SELECT VERSION()') on 127.0.0.1:${PORT[$name]} (pid ${PID[$name]})"
}

stop_server() { stop_pid "${PID[$1]:-}" 60; PID[$1]=; }

cleanup() {
  stop_pid "$WRITER_PID" 5
  stop_pid "$APP_PID" 30
  stop_server source
  stop_server target
  if ! $KEEP; then rm -rf "$WORK"; fi
}

# ---------------------------------------------------------------------------------------------- data
tname() { printf 't%02d' "$1"; }

create_tables() {
  local i t stmts=""
  for (( i = 1; i <= TABLES; i++ )); do
    t=$(tname "$i")
    stmts+="CREATE TABLE soak.$t (
      id BIGINT NOT NULL AUTO_INCREMENT, customer_id INT NOT NULL, status VARCHAR(20) NOT NULL,
      amount DECIMAL(12,2) NOT NULL, note VARCHAR(200) NULL, created DATETIME(6) NOT NULL,
      updated DATETIME(6) NOT NULL, PRIMARY KEY (id), KEY ix_${t}_updated (updated)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
    INSERT INTO soak.$t (id, customer_id, status, amount, note, created, updated)
      SELECT n, 1 + (n * 7919) % 50000, ELT(1 + n % 5, 'new', 'paid', 'shipped', 'delivered', 'cancelled'),
             ((n * 7907 + $i) % 1000000) / 100,
             IF(n % 4 = 0, NULL, CONCAT(ELT(1 + n % 3, 'Zoë ✓ ', 'gift wrap ', 'call before delivery: '), LEFT(MD5(n), n % 33))),
             TIMESTAMP('2024-01-01') + INTERVAL n SECOND + INTERVAL (n * 7) % 1000000 MICROSECOND,
             TIMESTAMP('2024-01-01') + INTERVAL n * 2 SECOND + INTERVAL (n * 13) % 1000000 MICROSECOND
      FROM soak.seq WHERE n <= $ROWS;
"
  done
  sql source -e "CREATE DATABASE soak; CREATE TABLE soak.seq (n INT NOT NULL PRIMARY KEY);
    INSERT INTO soak.seq SELECT seq FROM soak.seq_1_to_$ROWS; $stmts DROP TABLE soak.seq;" || die "cannot create the source tables"
  sql target -e "CREATE DATABASE soak" || die "cannot create the target database"
}

# checksum SERVER TABLE: "count sum-of-crc32" over every column (NULL and '' told apart)
checksum() {
  sql "$1" -e "SELECT COUNT(*), COALESCE(SUM(CRC32(CONCAT_WS('|', id, customer_id, status, amount, ISNULL(note),
      IFNULL(note, ''), created, updated))), 0) FROM soak.\`$2\`" 2>>"$LOG" | tr '\t' ' '
}

# ---------------------------------------------------------------------------------------------- Tidemark
app_dir() {
  local dir=$WORK/app i
  mkdir -p "$dir/routes"
  # a private copy of the jar and its libraries: a rebuild in the checkout during the soak does not touch them
  cp "$TREE/target/tidemark.jar" "$dir/" && cp -r "$TREE/target/lib" "$dir/lib" || die "cannot copy the jar"
  cp "$TREE"/routes/*.camel.yaml "$dir/routes/"   # tables.camel.yaml is written below
  for (( i = 1; i <= TABLES; i++ )); do
    printf -- '- templatedRoute:\n    routeTemplateRef: table-sync\n    parameters:\n'
    printf '      - name: %s\n        value: "%s"\n' table "$(tname "$i")" modifier updated schedule 1s
  done >"$dir/routes/tables.camel.yaml"
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
logger.sync.name = io.tidemark.run.TableSync
logger.sync.level = DEBUG
EOF
  echo "$dir"
}

APPLOG=
start_app() {
  local dir=$1
  APPLOG=$dir/tidemark.log
  MPORT=$(free_port)
  (cd "$dir" && exec env -u SOURCE_DB_PASSWORD -u TARGET_DB_PASSWORD \
      SOURCE_DB_URL="jdbc:mysql://127.0.0.1:${PORT[source]}/soak" SOURCE_DB_USER=tidemark \
      TARGET_DB_URL="jdbc:mysql://127.0.0.1:${PORT[target]}/soak" TARGET_DB_USER=tidemark \
      TIDEMARK_MANAGEMENT_HOST=127.0.0.1 \
      java "${JAVA_OPTS[@]}" -Dcamel.management.port="$MPORT" -Dcamel.metrics.binders=jvm-memory,jvm-thread -Dlog4j2.configurationFile="$dir/log4j2.properties" \
        -jar "$dir/tidemark.jar") >"$APPLOG" 2>&1 &
  APP_PID=$!
  log "Tidemark: pid $APP_PID, management port $MPORT, log $APPLOG"
}

# ok runs per table logged after line $1 of the app's log: "table count" lines
runs_after() {
  tail -n +"$(( $1 + 1 ))" "$APPLOG" | grep -oE 'TableSync +t[0-9]+: [0-9]+ rows in [0-9]+ batches, [0-9]+ ms, ok' \
    | awk '{ sub(":", "", $2); n[$2]++ } END { for (t in n) print t, n[t] }'
}
# await_all_runs FROM_LINE COUNT SECONDS: every table has logged COUNT ok runs after FROM_LINE
await_all_runs() {
  local i
  for (( i = 0; i < $3 * 2; i++ )); do
    [ "$(runs_after "$1" | awk -v c="$2" '$2 >= c' | wc -l)" -ge "$TABLES" ] && return 0
    alive "$APP_PID" || { log "Tidemark exited: $(tail -5 "$APPLOG")"; return 1; }
    sleep 0.5
  done
  log "not every table ran $2 times within $3 s: $(runs_after "$1" | sort | tr '\n' ' ')"
  return 1
}

# ---------------------------------------------------------------------------------------------- sampling
# sample LABEL: one line in $SAMPLES: seconds label src_active src_idle src_pending tgt_active tgt_idle tgt_pending
# threads heap_used_MB rss_MB
T0=
sample() {
  local m rss k v rest line threads heap
  m=$(curl -s -m 5 "http://127.0.0.1:$MPORT/observe/metrics" 2>/dev/null)
  rss= threads=
  while read -r k v rest; do
    [ "$k" = "VmRSS:" ] && rss=$v
    [ "$k" = "Threads:" ] && threads=$v
  done 2>/dev/null <"/proc/$APP_PID/status"
  # heap used (kB) from jstat when the metrics have no jvm_memory_used_bytes: S0U S1U EU OU columns
  heap=$(jstat -gc "$APP_PID" 2>/dev/null | awk 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i }
    NR == 2 { print $c["S0U"] + $c["S1U"] + $c["EU"] + $c["OU"] }')
  line=$(awk -v t="$(( $(date +%s) - T0 ))" -v label="$1" -v rss="${rss:-0}" -v osthreads="${threads:-0}" \
      -v jstatheap="${heap:-0}" '
    /^#/ { next }
    /^hikaricp_connections_(active|idle|pending)\{/ {
      split($1, a, "{"); name = a[1]; sub("hikaricp_connections_", "", name)
      pool = $1; sub(/.*pool="/, "", pool); sub(/".*/, "", pool); sub("tidemark-", "", pool)
      g[pool "_" name] = $NF + 0 }
    /^jvm_threads_live_threads/ { threads = $NF + 0 }
    /^jvm_memory_used_bytes\{/ && /area="heap"/ { heap += $NF }
    END { if (threads == "") threads = osthreads; if (heap == "") heap = jstatheap * 1024
          printf "%d\t%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%.1f\t%.1f\n", t, label,
            g["source_active"], g["source_idle"], g["source_pending"], g["target_active"], g["target_idle"],
            g["target_pending"], threads, heap / 1048576, rss / 1024 }' <<<"$m")
  [ -n "$m" ] || line=$(printf '%d\t%s\t-\t-\t-\t-\t-\t-\t-\t-\t%.1f' "$(( $(date +%s) - T0 ))" "$1" "$(awk -v r="${rss:-0}" 'BEGIN { print r / 1024 }')")
  echo "$line" >>"$SAMPLES"
  echo "$line"
}
THREAD_SRC="jvm_threads_live_threads (/observe/metrics)"
HEAP_SRC="jvm_memory_used_bytes{area=heap} (/observe/metrics)"
metric_sources() { # the app may not export the JVM binders: then /proc Threads and jstat are used
  local m
  m=$(curl -s -m 5 "http://127.0.0.1:$MPORT/observe/metrics" 2>/dev/null)
  grep -q '^jvm_threads_live_threads' <<<"$m" || THREAD_SRC="/proc/PID/status Threads (jvm_threads_live_threads not exported)"
  grep -q '^jvm_memory_used_bytes' <<<"$m" || HEAP_SRC="jstat -gc S0U+S1U+EU+OU (jvm_memory_used_bytes not exported)"
  log "threads from $THREAD_SRC; heap from $HEAP_SRC"
}
gc() { jcmd "$APP_PID" GC.run >/dev/null 2>&1; sleep 1; }

# ---------------------------------------------------------------------------------------------- main
main() {
  local dir cj i from wout wpid half restarted=false s t src tgt same=0 diffs=() start end writer
  mkdir -p "$OUT"
  : >"$LOG"
  if $BUILD; then
    log "building the jar"
    (cd "$TREE" && mvn -q -o package -DskipTests >>"$LOG" 2>&1 || mvn -q package -DskipTests >>"$LOG" 2>&1) || die "build failed"
  fi
  [ -f "$TREE/target/tidemark.jar" ] || die "no $TREE/target/tidemark.jar: run with --build"
  cj=$(ls "$TREE"/target/lib/mysql-connector-j-*.jar 2>/dev/null | head -1)
  [ -n "$cj" ] || die "no mysql-connector-j jar in target/lib"
  rm -rf "$WORK"; mkdir -p "$WORK"
  trap cleanup EXIT
  trap 'exit 2' INT TERM
  new_server source
  new_server target
  create_tables
  log "source: $TABLES tables of $ROWS rows"
  dir=$(app_dir)
  cp "$cj" "$WORK/connector.jar"

  T0=$(date +%s)
  printf 'seconds\tlabel\tsrc_active\tsrc_idle\tsrc_pending\ttgt_active\ttgt_idle\ttgt_pending\tthreads\theap_mb\trss_mb\n' >"$SAMPLES"
  start_app "$dir"
  await_all_runs 0 2 180 || die "the initial loads did not finish"
  log "initial loads done; warming up for 20 s"
  sleep 20
  metric_sources
  gc
  start=$(sample start)

  log "writer: $RATE rows/s over $TABLES tables for $MINUTES min ($WRITER_THREADS connections)"
  java -cp "$WORK/connector.jar" "$REPO/bench/SoakWriter.java" "jdbc:mysql://127.0.0.1:${PORT[source]}/soak" \
    "$TABLES" "$ROWS" "$RATE" "$SECONDS_TOTAL" "$WRITER_THREADS" >"$WORK/writer.out" 2>>"$LOG" &
  WRITER_PID=$!
  wpid=$WRITER_PID
  half=$(( $(date +%s) + SECONDS_TOTAL / 2 ))
  local next_sample=$(( $(date +%s) + SAMPLE_EVERY ))
  while alive "$wpid"; do
    if ! $restarted && [ "$(date +%s)" -ge "$half" ]; then
      log "restarting the target server: stopping mariadbd (pid ${PID[target]})"
      sample before-restart >/dev/null
      stop_server target
      log "target down for $DOWN_SECONDS s"
      local down_until=$(( $(date +%s) + DOWN_SECONDS ))
      while [ "$(date +%s)" -lt "$down_until" ]; do
        sleep 1
        if [ "$(date +%s)" -ge "$next_sample" ]; then sample target-down >/dev/null; next_sample=$(( next_sample + SAMPLE_EVERY )); fi
      done
      run_server target
      log "target server back on port ${PORT[target]} (pid ${PID[target]})"
      restarted=true
    fi
    if [ "$(date +%s)" -ge "$next_sample" ]; then
      s=$(sample writing)
      log "sample: $(tr '\t' ' ' <<<"$s")"
      next_sample=$(( next_sample + SAMPLE_EVERY ))
    fi
    alive "$APP_PID" || { log "Tidemark died: $(tail -20 "$APPLOG")"; break; }
    sleep 1
  done
  wait "$wpid"
  WRITER_PID=
  writer=$(cat "$WORK/writer.out")
  log "writer done: rows changed, statements, seconds, errors: $writer"

  # every change is older than the lag (5 s) once 6 s have passed; two more ok runs of each table after that
  sleep 6
  from=$(wc -l <"$APPLOG")
  await_all_runs "$from" 2 120 || log "FAIL: the final runs did not all happen"
  sleep "$SAMPLE_EVERY"
  gc
  end=$(sample end)

  for (( i = 1; i <= TABLES; i++ )); do
    t=$(tname "$i")
    src=$(checksum source "$t"); tgt=$(checksum target "$t")
    if [ -n "$src" ] && [ "$src" = "$tgt" ]; then
      same=$(( same + 1 ))
    else
      diffs+=("\"$t\": {\"source\": \"$src\", \"target\": \"$tgt\"}")
      log "FAIL: $t differs: source (count crc) $src, target $tgt"
    fi
  done

  report "$writer" "$start" "$end" "$same" "$(IFS=,; echo "${diffs[*]}")"
  [ "$same" -eq "$TABLES" ] && alive "$APP_PID"
}

report() {
  local writer=$1 start=$2 end=$3 same=$4 diffs=$5 rows stmts secs errs
  read -r rows stmts secs errs <<<"$writer"
  local -a a b
  IFS=$'\t' read -r -a a <<<"$start"
  IFS=$'\t' read -r -a b <<<"$end"
  local names=(seconds label "source pool active" "source pool idle" "source pool pending" "target pool active"
               "target pool idle" "target pool pending" "live threads" "heap used MB (after GC)" "RSS MB")
  local keys=(seconds label src_active src_idle src_pending tgt_active tgt_idle tgt_pending threads heap_mb rss_mb)
  local restarts errors_tm
  restarts=$(grep -cE 'Communications link failure|Connection refused|is not available|Connection is not available' "$APPLOG")
  errors_tm=$(grep -cE ' (ERROR|WARN) ' "$APPLOG")
  {
    echo
    echo "Tidemark soak: $TABLES tables, 1 s schedule, writer $RATE rows/s for $MINUTES min, target restarted half-way ($DOWN_SECONDS s down)"
    printf '  %-28s %s\n' "rows changed" "$rows ($stmts statements in $secs s, $(awk -v r="$rows" -v s="$secs" 'BEGIN { printf "%.0f", r / s }') rows/s, $errs writer errors)"
    printf '  %-28s %s\n' "tables identical" "$same/$TABLES"
    printf '  %-28s %s\n' "Tidemark WARN/ERROR lines" "$errors_tm (connection errors: $restarts)"
    printf '  %-28s %12s %12s %s\n' "" start end ""
    local k
    for k in 2 3 4 5 6 7 8 9 10; do
      local flat=flat
      case $k in
        9|10) awk -v x="${a[$k]}" -v y="${b[$k]}" 'BEGIN { exit !(y > x * 1.25 + 10) }' && flat="GREW" ;;
        2|3) # an instant's split between active and idle depends on the runs in flight: the pool's size must hold
          [ $(( a[2] + a[3] )) = $(( b[2] + b[3] )) ] || flat="changed"; flat+=" (pool size ${a[2]}+${a[3]} -> ${b[2]}+${b[3]})" ;;
        5|6) [ $(( a[5] + a[6] )) = $(( b[5] + b[6] )) ] || flat="changed"; flat+=" (pool size ${a[5]}+${a[6]} -> ${b[5]}+${b[6]})" ;;
        *) [ "${a[$k]}" = "${b[$k]}" ] || flat="changed" ;;
      esac
      printf '  %-28s %12s %12s %s\n' "${names[$k]}" "${a[$k]}" "${b[$k]}" "$flat"
    done
    echo "  threads: $THREAD_SRC; heap: $HEAP_SRC"
    echo "  samples: $SAMPLES"
  } | tee -a "$LOG"
  {
    printf '{\n  "tables": %d, "schedule": "1s", "minutes": %s, "rate_rows_per_s": %s, "target_down_seconds": %d,\n' \
      "$TABLES" "$MINUTES" "$RATE" "$DOWN_SECONDS"
    printf '  "writer": {"rows_changed": %s, "statements": %s, "seconds": %s, "errors": %s},\n' \
      "${rows:-null}" "${stmts:-null}" "${secs:-null}" "${errs:-null}"
    printf '  "tables_identical": %d, "differences": {%s},\n' "$same" "$diffs"
    printf '  "tidemark_warn_error_lines": %d, "threads_from": "%s", "heap_from": "%s",\n' "$errors_tm" "$THREAD_SRC" "$HEAP_SRC"
    local which row
    for which in start end; do
      if [ $which = start ]; then row=("${a[@]}"); else row=("${b[@]}"); fi
      printf '  "%s": {' "$which"
      for k in 0 2 3 4 5 6 7 8 9 10; do
        printf '"%s": %s%s' "${keys[$k]}" "$( [ "${row[$k]:--}" = - ] && echo null || echo "${row[$k]}")" "$( [ $k = 10 ] || echo ', ')"
      done
      printf '},\n'
    done
    printf '  "samples": ['
    awk -F'\t' 'NR > 1 { printf "%s\n    {\"seconds\": %s, \"label\": \"%s\", \"src_active\": %s, \"src_idle\": %s, \"src_pending\": %s, \"tgt_active\": %s, \"tgt_idle\": %s, \"tgt_pending\": %s, \"threads\": %s, \"heap_mb\": %s, \"rss_mb\": %s}",
        (NR > 2 ? "," : ""), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11 }' "$SAMPLES" | sed 's/: -/: null/g'
    printf '\n  ]\n}\n'
  } >"$OUT/soak.json"
  log "results: $OUT/soak.json"
}

main
