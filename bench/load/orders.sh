#!/usr/bin/env bash
# Order data API on Tomcat 10.1 against the same Tomcat's DefaultServlet serving a 1 KiB file (a
# `static` context): GET orderData (a read with a fresh token each), GET orders?limit=100 (100
# tokens and a cursor) and the static file take turns (`compare`: warm-up, interleaved rounds,
# median), then order POSTs (each stores a new order). On the embedded H2 default and on PostgreSQL
# (bound as a container <Resource>). bench/run checks GET orderData against the static file:
# requests/s >= 0.4x, p99 <= 3x.
#
#   mvn -B verify && bench/load/orders.sh [seconds-per-run, default 6]
# PostgreSQL: a throwaway cluster from .ci/postgres-start on port 55433 (PIMPMYCASE_BENCH_PG_PORT),
# never the tests' 55432 (installed from Debian if missing).
# PIMPMYCASE_BENCH_BASELINE_WAR=<earlier WAR> adds its rows (deployed at /baseline, same Tomcat).
# H2_ONLY=1 skips PostgreSQL. About 4 minutes (6 s runs, 3 rounds, 32 connections).
set -euo pipefail
cd "$(dirname "$0")/../.."

SECONDS_PER_RUN=${1:-6}
. bench/load/lib.sh
CONNECTIONS=${PIMPMYCASE_BENCH_CONNECTIONS:-32} # after lib.sh, whose defaults are the image scripts'
ROUNDS=${PIMPMYCASE_BENCH_ROUNDS:-3}
require
make_images
mkdir -p "$WORK/static" && head -c 1024 /dev/urandom > "$WORK/static/one-kib.bin"
SHOP=bench-shop-key
FACTORY=bench-factory-key
PG_JAR=$(find ~/.m2/repository/org/postgresql/postgresql -name 'postgresql-*.jar' | sort -V | tail -1)

order_context() { # order_context <file> <data directory> <resource xml>
  cat > "$1" <<XML
<Context>
  <Environment name="pimpmycase/signingKey" type="java.lang.String" value="$KEY" override="false"/>
  <Environment name="pimpmycase/dataDirectory" type="java.lang.String" value="$2" override="false"/>
  <Environment name="pimpmycase/imageDirectory" type="java.lang.String" value="$WORK/images" override="false"/>
  <Environment name="pimpmycase/apiClients" type="java.lang.String"
               value="shop:shop:$SHOP factory:manufacturer:$FACTORY" override="false"/>
  $3
</Context>
XML
}

start_tomcat() { # start_tomcat h2|postgres
  local base="$WORK/tomcat-$1"
  prepare_tomcat "$base" true
  local resource=""
  if [ "$1" = postgres ]; then
    cp "$PG_JAR" "$base/lib/"
    resource="<Resource name=\"jdbc/pimpmycase\" auth=\"Container\" type=\"javax.sql.DataSource\"
      driverClassName=\"org.postgresql.Driver\" url=\"${PG_URL%%\?*}\" username=\"postgres\" password=\"\"
      maxTotal=\"32\" maxIdle=\"16\" maxWaitMillis=\"10000\"/>"
  fi
  order_context "$base/conf/Catalina/localhost/ROOT.xml" "$WORK/data-$1" "$resource"
  if [ -n "$BASELINE_WAR" ]; then
    order_context "$base/conf/Catalina/localhost/baseline.xml" "$WORK/data-$1-baseline" "$resource"
  fi
  echo "<Context docBase=\"$WORK/static\"/>" > "$base/conf/Catalina/localhost/static.xml"
  # QUIET_API_LOG=1 silences the request line of builds before ApiRequestLog (it was written by
  # ApiKeyFilter, synchronously): with such a baseline WAR, its rows show the API with no log at all.
  if [ -n "${QUIET_API_LOG:-}" ]; then echo "com.pimpmycase.auth.ApiKeyFilter.level = WARNING" >> "$base/conf/logging.properties"; fi
  launch_tomcat "$base"
}

order_json() { # order_json <third_id>
  printf '{"third_pay_id":"PYEN1","third_id":"%s","mobile_model_id":"MM1","pic":"small.png","device_id":"D1","mobile_shell_id":"MS1"}' "$1"
}

cat > "$WORK/post-orders.lua" <<LUA
-- Every POST stores a new order: the id holds the run's start second, the thread and a counter.
local threads = 0
function setup(thread) threads = threads + 1; thread:set("tid", threads); thread:set("run", os.time()) end
local n = 0
request = function()
  n = n + 1
  local body = string.format('{"third_pay_id":"P1","third_id":"BURST-%d-%d-%d","mobile_model_id":"MM1",'
    .. '"pic":"small.png","device_id":"D1","mobile_shell_id":"MS1"}', run, tid, n)
  return wrk.format("POST", nil,
    {["Content-Type"] = "application/json", ["Authorization"] = "Bearer $SHOP"}, body)
end
LUA

# Rows of one database: ours, the baseline WAR's when given, the static file; a label per URL.
rows() { # rows <what> <path below the context> [<what> <path> ...]
  local args=()
  while [ $# -gt 0 ]; do
    args+=("$1, $DB" "http://127.0.0.1:$PORT$2")
    if [ -n "$BASELINE_WAR" ] && [ "$1" != "DefaultServlet 1 KiB" ]; then
      args+=("baseline $1, $DB" "http://127.0.0.1:$PORT/baseline$2")
    fi
    shift 2
  done
  compare "${args[@]}"
}

run() { # run h2|postgres
  DB=$1
  start_tomcat "$DB"
  for prefix in "" ${BASELINE_WAR:+/baseline}; do
    curl -sf -o /dev/null -X POST "http://127.0.0.1:$PORT$prefix/api/chinese/order/orderData" \
      -H "Authorization: Bearer $SHOP" -H 'Content-Type: application/json' -d "$(order_json BENCH-1)"
  done
  # POSTs first: they also give the order list its 100 orders.
  COMPARE_SCRIPT="$WORK/post-orders.lua" rows "POST orderData" /api/chinese/order/orderData
  COMPARE_HEADER="Authorization: Bearer $FACTORY" rows \
    "GET orderData" "/api/chinese/order/orderData?third_id=BENCH-1" \
    "GET orders?limit=100" "/api/chinese/orders?limit=100" \
    "DefaultServlet 1 KiB" "/static/one-kib.bin"
  stop_tomcat
}

if [ -z "${H2_ONLY:-}" ]; then
  # A cluster of its own (port, directory): .ci/postgres-start first wipes whatever cluster runs in
  # its directory, and the tests' default one may be in use by someone else's test run.
  export PIMPMYCASE_TEST_PG_PORT=${PIMPMYCASE_BENCH_PG_PORT:-55433}
  export PIMPMYCASE_TEST_PG_DIR=${PIMPMYCASE_BENCH_PG_DIR:-/tmp/pimpmycase-bench-pg}
  PG_URL=$(.ci/postgres-start)
  trap '.ci/postgres-stop >/dev/null 2>&1 || true' EXIT
fi
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
table_header "Tomcat $(basename target/containers/apache-tomcat-10.1.*) order API"
run h2
[ -n "${H2_ONLY:-}" ] || run postgres
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
