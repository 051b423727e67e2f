#!/usr/bin/env bash
# Order data API on Tomcat 10.1: GET orderData (reads with a fresh token each) and a burst of
# order POSTs, on the embedded H2 default and on PostgreSQL (bound as a container <Resource>).
#
#   mvn -B verify && bench/load/orders.sh [seconds-per-run]
# PostgreSQL: a throwaway cluster from .ci/postgres-start (installed from Debian if missing).
set -euo pipefail
cd "$(dirname "$0")/../.."

SECONDS_PER_RUN=${1:-10}
. bench/load/lib.sh
require
make_images
SHOP=bench-shop-key
FACTORY=bench-factory-key
PG_JAR=$(find ~/.m2/repository/org/postgresql/postgresql -name 'postgresql-*.jar' | sort -V | tail -1)

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
  if [ -n "${QUIET_API_LOG:-}" ]; then echo "com.pimpmycase.auth.ApiKeyFilter.level = WARNING" >> "$base/conf/logging.properties"; fi
  cat > "$base/conf/Catalina/localhost/ROOT.xml" <<XML
<Context>
  <Environment name="pimpmycase/signingKey" type="java.lang.String" value="$KEY" override="false"/>
  <Environment name="pimpmycase/dataDirectory" type="java.lang.String" value="$WORK/data-$1" override="false"/>
  <Environment name="pimpmycase/imageDirectory" type="java.lang.String" value="$WORK/images" override="false"/>
  <Environment name="pimpmycase/apiClients" type="java.lang.String"
               value="shop:shop:$SHOP factory:manufacturer:$FACTORY" override="false"/>
  $resource
</Context>
XML
  launch_tomcat "$base"
}

order_json() { # order_json <third_id>
  printf '{"third_pay_id":"PYEN1","third_id":"%s","mobile_model_id":"MM1","pic":"small.png","device_id":"D1","mobile_shell_id":"MS1"}' "$1"
}

cat > "$WORK/post-orders.lua" <<LUA
-- Each wrk thread posts orders with its own id prefix, so every POST stores a new order.
local threads = 0
function setup(thread) threads = threads + 1; thread:set("tid", threads) end
local n = 0
request = function()
  n = n + 1
  local body = string.format('{"third_pay_id":"P1","third_id":"BURST-%d-%d-%d","mobile_model_id":"MM1",'
    .. '"pic":"small.png","device_id":"D1","mobile_shell_id":"MS1"}', os.time(), tid, n)
  return wrk.format("POST", "/api/chinese/order/orderData",
    {["Content-Type"] = "application/json", ["Authorization"] = "Bearer $SHOP"}, body)
end
LUA

run() { # run h2|postgres
  start_tomcat "$1"
  curl -sf -o /dev/null -X POST "http://127.0.0.1:$PORT/api/chinese/order/orderData" \
    -H "Authorization: Bearer $SHOP" -H 'Content-Type: application/json' -d "$(order_json BENCH-1)"
  measure "GET orderData, $1" "http://127.0.0.1:$PORT/api/chinese/order/orderData?third_id=BENCH-1" \
    "Authorization: Bearer $FACTORY"
  measure_script "POST orderData burst, $1" "http://127.0.0.1:$PORT" "$WORK/post-orders.lua"
  stop_tomcat
}

PG_URL=$(.ci/postgres-start)
trap '.ci/postgres-stop >/dev/null 2>&1 || true' EXIT
table_header "Tomcat $(basename target/containers/apache-tomcat-10.1.*) order API"
run h2
[ -n "${H2_ONLY:-}" ] || run postgres
