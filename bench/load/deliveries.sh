#!/usr/bin/env bash
# Delivery to the manufacturer (issue 10): orders posted in a burst to two Tomcat 10.1 nodes on one
# PostgreSQL (and one image directory); the manufacturer simulator (test classes, in the driver's
# JVM) answers at once. Reports the time from each 201 to the simulator's first acceptance (p50,
# p99, max), duplicates and overlaps; then the same with 20 % of the orders failing transiently
# once (HTTP 503, code 500, reset). Targets: p50 < 1 s, p99 < 5 s, zero duplicates without faults.
#
#   mvn -B verify && bench/load/deliveries.sh [orders, default 2000] [fault %, default 20]
# PostgreSQL: a throwaway cluster from .ci/postgres-start on port 55433 (PIMPMYCASE_BENCH_PG_PORT).
set -euo pipefail
cd "$(dirname "$0")/../.."

ORDERS=${1:-2000}
FAULTS=${2:-20}
. bench/load/lib.sh
[ -f "$WAR" ] || { echo "run 'mvn -B verify' first (needs $WAR, target/test-classes and target/containers/)" >&2; exit 1; }
SHOP=bench-shop-key
SIM_PORT=${PIMPMYCASE_BENCH_SIM_PORT:-18090}
PORT_A=${PIMPMYCASE_BENCH_PORT:-18080}
PORT_B=$((PORT_A + 1))
PG_JAR=$(find ~/.m2/repository/org/postgresql/postgresql -name 'postgresql-*.jar' | sort -V | tail -1)
make_images

export PIMPMYCASE_TEST_PG_PORT=${PIMPMYCASE_BENCH_PG_PORT:-55433}
export PIMPMYCASE_TEST_PG_DIR=${PIMPMYCASE_BENCH_PG_DIR:-/tmp/pimpmycase-bench-pg}
PG_URL=$(.ci/postgres-start)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  .ci/postgres-stop >/dev/null 2>&1 || true
}
trap cleanup EXIT

node() { # node <name> <port>: Tomcat 10.1 with the WAR delivering to the simulator
  local base="$WORK/tomcat-$1"
  PORT=$2 prepare_tomcat "$base" true
  cp "$PG_JAR" "$base/lib/"
  cat > "$base/conf/Catalina/localhost/ROOT.xml" <<XML
<Context>
  <Environment name="pimpmycase/signingKey" type="java.lang.String" value="$KEY" override="false"/>
  <Environment name="pimpmycase/dataDirectory" type="java.lang.String" value="$WORK/data-$1" override="false"/>
  <Environment name="pimpmycase/imageDirectory" type="java.lang.String" value="$WORK/images" override="false"/>
  <Environment name="pimpmycase/apiClients" type="java.lang.String" value="shop:shop:$SHOP" override="false"/>
  <Environment name="pimpmycase/publicBaseUrl" type="java.lang.String" value="https://cases.example.net" override="false"/>
  <Environment name="pimpmycase/manufacturer/baseUrl" type="java.lang.String" value="http://127.0.0.1:$SIM_PORT/mobileShell/en" override="false"/>
  <Environment name="pimpmycase/manufacturer/account" type="java.lang.String" value="acc-factory" override="false"/>
  <Environment name="pimpmycase/manufacturer/password" type="java.lang.String" value="pa55-w0rd-never-logged" override="false"/>
  <Environment name="pimpmycase/manufacturer/fixedKey" type="java.lang.String" value="fixed-key-never-logged" override="false"/>
  <Environment name="pimpmycase/manufacturer/retryBackoff" type="java.lang.String" value="1s..10s" override="false"/>
  <Resource name="jdbc/pimpmycase" auth="Container" type="javax.sql.DataSource"
      driverClassName="org.postgresql.Driver" url="${PG_URL%%\?*}" username="postgres" password=""
      maxTotal="32" maxIdle="16" maxWaitMillis="10000"/>
</Context>
XML
  launch_tomcat "$base"
  PIDS+=("$TOMCAT_PID")
  PORT=$2 wait_healthy "$base/console.log"
}

node a "$PORT_A"
node b "$PORT_B"
CP=$(mvn -B -q -o dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=test)
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores shared by the nodes, PostgreSQL and the driver"
echo "Deliveries: $ORDERS orders in a burst ($((32)) clients) to two Tomcat 10.1 nodes on PostgreSQL; 201 → simulator's first acceptance"
printf '| %-36s | %6s | %9s | %8s | %8s | %8s | %10s | %8s |\n' "manufacturer" "orders" "delivered" "p50" "p99" "max" "duplicates" "overlaps"
printf '|%s|%s|%s|%s|%s|%s|%s|%s|\n' "--------------------------------------" "--------" "-----------" "----------" "----------" "----------" "------------" "----------"
java -cp "target/test-classes:target/classes:$CP" com.pimpmycase.delivery.DeliveryBenchmark \
  "$ORDERS" "$FAULTS" "$SIM_PORT" "$SHOP" "http://127.0.0.1:$PORT_A" "http://127.0.0.1:$PORT_B"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
