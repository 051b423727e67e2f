# Shared by the image load scripts: test files, tokens, one wrk measurement per table row.
# Loopback only; every wrk run is bounded in time.

SECONDS_PER_RUN=${SECONDS_PER_RUN:-10}
WORK=${PIMPMYCASE_BENCH_DIR:-/tmp/pimpmycase-bench}
PORT=${PIMPMYCASE_BENCH_PORT:-18080}
CONNECTIONS=${PIMPMYCASE_BENCH_CONNECTIONS:-16}
ROUNDS=${PIMPMYCASE_BENCH_ROUNDS:-5}
# An earlier build of the WAR to measure side by side with this one (same server, same run), e.g.
# PIMPMYCASE_BENCH_BASELINE_WAR=/tmp/pimpmycase-before.war: deployed at /baseline, with its own data.
BASELINE_WAR=${PIMPMYCASE_BENCH_BASELINE_WAR:-}
KEY=bench-only-signing-key-0123456789abcdef0123
WAR=target/pimpmycase.war
# Active link revocations loaded into the WAR before the image rows are measured (issue 11: the
# ratios must hold with 10,000), e.g. PIMPMYCASE_BENCH_REVOCATIONS=10000; 0 loads none.
REVOCATIONS=${PIMPMYCASE_BENCH_REVOCATIONS:-0}
ADMIN_KEY=bench-only-admin-key-0123456789
# The dispatcher's cost on the image path (issue 10): PIMPMYCASE_BENCH_DELIVERY_BACKLOG=N makes the
# WAR at / deliver to the manufacturer simulator (test classes, its own JVM, answering each call after
# PIMPMYCASE_BENCH_SIM_DELAY_MS, default 200) and stores N orders before the rows, so the 8 delivery
# workers drain a backlog while every row is measured. Needs `mvn -B verify` (target/test-classes).
DELIVERY_BACKLOG=${PIMPMYCASE_BENCH_DELIVERY_BACKLOG:-0}
SHOP_KEY=bench-only-shop-key-0123456789
SIM_PORT=${PIMPMYCASE_BENCH_SIM_PORT:-18090}

RESULTS=${PIMPMYCASE_BENCH_RESULTS:-$WORK.results.tsv}

require_tools() {
  command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
  command -v openssl >/dev/null || { echo "openssl is missing" >&2; exit 1; }
}

require() {
  [ -f "$WAR" ] || { echo "run 'mvn -B verify' first (needs $WAR and target/containers/)" >&2; exit 1; }
  require_tools
}

# The same two files for every server: a 64 KiB and an 8 MiB "PNG" (PNG signature, random body).
make_images() {
  rm -rf "$WORK" && mkdir -p "$WORK/images"
  for spec in small:65536 large:8388608; do
    local name=${spec%%:*} size=${spec##*:}
    { printf '\x89PNG\r\n\x1a\n'; head -c $((size - 8)) /dev/urandom; } > "$WORK/images/$name.png"
  done
}

token() { # token <file>: an admin token valid for an hour, signed as SPEC §2 says
  local exp=$(( $(date +%s) + 3600 ))
  local sig=$(printf '%s' "$1:$exp:admin" | openssl dgst -sha256 -hmac "$KEY" | awk '{print $NF}')
  echo "$exp:admin:$sig"
}

wait_healthy() { # wait_healthy <log>
  for _ in $(seq 1 120); do
    curl -sf -o /dev/null "http://127.0.0.1:$PORT/health" && return 0
    sleep 0.5
  done
  echo "the server did not start; see $1" >&2; exit 1
}

table_header() { # table_header <title>
  echo "$1, $CONNECTIONS connections, ${SECONDS_PER_RUN}s per run, $(nproc) cores shared with wrk"
  printf '| %-40s | %10s | %8s | %8s | %8s |\n' "server" "requests/s" "MB/s" "p50" "p99"
  printf '|%s|%s|%s|%s|%s|\n' "------------------------------------------" "------------" "----------" "----------" "----------"
}

measure() { # measure <label> <url> [header, e.g. "Authorization: Bearer k"]
  local label=$1 url=$2 header=()
  if [ -n "${3:-}" ]; then header=(-H "$3"); fi
  wrk -t2 -c8 -d3s "${header[@]}" "$url" > /dev/null # warm-up
  report "$label" "$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency "${header[@]}" "$url")"
}

# compare <label> <url> [<label> <url> ...]: the rows of one server, measured fairly. Every URL is
# warmed up first (a cold JIT would penalise whichever row came first), then the URLs take turns
# for $ROUNDS rounds, so a disturbance hits them alike; each row reports its median round.
compare() {
  local labels=() urls=() i round
  while [ $# -gt 0 ]; do labels+=("$1"); urls+=("$2"); shift 2; done
  # COMPARE_HEADER (e.g. "Authorization: Bearer k") goes with every URL: a static file ignores it.
  # COMPARE_SCRIPT: a wrk Lua script for every URL (e.g. POSTs; the URL's path is wrk.path).
  # PIMPMYCASE_BENCH_WARMUP: seconds of warm-up per URL (default 5). More on a busy machine: the JIT
  # compiler threads get little CPU there, and a row measured half-interpreted says nothing.
  local header=()
  if [ -n "${COMPARE_HEADER:-}" ]; then header=(-H "$COMPARE_HEADER"); fi
  if [ -n "${COMPARE_SCRIPT:-}" ]; then header+=(-s "$COMPARE_SCRIPT"); fi
  for i in "${!urls[@]}"; do wrk -t2 -c"$CONNECTIONS" -d"${PIMPMYCASE_BENCH_WARMUP:-5}s" "${header[@]}" "${urls[$i]}" > /dev/null; done
  local outs=()
  for round in $(seq 1 "$ROUNDS"); do
    for i in "${!urls[@]}"; do
      outs[i * ROUNDS + round - 1]=$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency "${header[@]}" "${urls[$i]}")
    done
  done
  for i in "${!urls[@]}"; do
    local ranked=()
    for round in $(seq 0 $((ROUNDS - 1))); do
      ranked+=("$(echo "${outs[i * ROUNDS + round]}" | awk '/Requests\/sec/ {print $2}') $round")
    done
    local median=$(printf '%s\n' "${ranked[@]}" | sort -n | sed -n "$(( (ROUNDS + 1) / 2 ))p" | awk '{print $2}')
    report "${labels[$i]}" "${outs[i * ROUNDS + median]}"
  done
}

measure_script() { # measure_script <label> <base-url> <lua-script>: no warm-up, every request counts
  report "$1" "$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency -s "$3" "$2")"
}

report() { # report <label> <wrk output>
  local out=$2
  local rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  local mbs=$(echo "$out" | awk '/Transfer\/sec/ {v=$2; if (v ~ /GB/) {sub("GB","",v); v*=1024} else if (v ~ /KB/) {sub("KB","",v); v/=1024} else {sub("MB","",v)}; printf "%.0f", v}')
  local p50=$(echo "$out" | awk '$1=="50%" {print $2}')
  local p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  local errors=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
  printf '| %-40s | %10s | %8s | %8s | %8s |%s\n' "$1" "$rps" "$mbs" "$p50" "$p99" "${errors:+ non-2xx: $errors}"
  [ -z "$errors" ] || echo "$out" | tail -5 >&2
  printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$rps" "$mbs" "$(in_ms "$p50")" "$(in_ms "$p99")" >> "$RESULTS"
}

in_ms() { # wrk's 812.00us / 1.25ms / 1.02s as milliseconds
  awk -v v="$1" 'BEGIN { if (v ~ /us$/) { sub("us","",v); print v/1000 } else if (v ~ /ms$/) { sub("ms","",v); print v+0 }
                        else if (v ~ /s$/) { sub("s","",v); print v*1000 } else print v }'
}

# The WAR on the Jetty 12 distribution in $WORK/jetty: prepare_jetty, add contexts to
# $JETTY_BASE_DIR/webapps if wanted (the deployer does not scan later), then launch_jetty <java options…>.
prepare_jetty() {
  JETTY_HOME=$(ls -d target/containers/jetty-home-12.* | sed -n 1p)
  JETTY_BASE_DIR="$WORK/jetty"
  rm -rf "$JETTY_BASE_DIR" && mkdir -p "$JETTY_BASE_DIR/webapps"
  java -jar "$JETTY_HOME/start.jar" jetty.home="$JETTY_HOME" jetty.base="$JETTY_BASE_DIR" \
    --add-modules=http,ee10-deploy,ee10-plus > "$JETTY_BASE_DIR/setup.log" 2>&1
  cp "$WAR" "$JETTY_BASE_DIR/webapps/pimpmycase.war"
  jetty_context pimpmycase / "$WORK/data"
  if [ -n "$BASELINE_WAR" ]; then
    cp "$BASELINE_WAR" "$JETTY_BASE_DIR/webapps/baseline.war"
    jetty_context baseline /baseline "$WORK/data-baseline"
  fi
}

jetty_context() { # jetty_context <war name> <context path> <data directory>
  cat > "$JETTY_BASE_DIR/webapps/$1.xml" <<XML
<?xml version="1.0"?>
<!DOCTYPE Configure PUBLIC "-//Jetty//Configure//EN" "https://jetty.org/configure_10_0.dtd">
<Configure id="wac" class="org.eclipse.jetty.ee10.webapp.WebAppContext">
  <Set name="contextPath">$2</Set>
  <Set name="war"><Property name="jetty.webapps"/>/$1.war</Set>
  <New class="org.eclipse.jetty.plus.jndi.EnvEntry"><Arg><Ref refid="wac"/></Arg>
    <Arg>pimpmycase/signingKey</Arg><Arg type="java.lang.String">$KEY</Arg><Arg type="boolean">true</Arg></New>
  <New class="org.eclipse.jetty.plus.jndi.EnvEntry"><Arg><Ref refid="wac"/></Arg>
    <Arg>pimpmycase/dataDirectory</Arg><Arg type="java.lang.String">$3</Arg><Arg type="boolean">true</Arg></New>
  <New class="org.eclipse.jetty.plus.jndi.EnvEntry"><Arg><Ref refid="wac"/></Arg>
    <Arg>pimpmycase/imageDirectory</Arg><Arg type="java.lang.String">$WORK/images</Arg><Arg type="boolean">true</Arg></New>
  <New class="org.eclipse.jetty.plus.jndi.EnvEntry"><Arg><Ref refid="wac"/></Arg>
    <Arg>pimpmycase/apiClients</Arg><Arg type="java.lang.String">bench:admin:$ADMIN_KEY</Arg><Arg type="boolean">true</Arg></New>
  <!-- The console's FORM login needs a LoginService on Jetty (no users: nobody signs in here). -->
  <Get name="securityHandler"><Set name="loginService"><New class="org.eclipse.jetty.security.HashLoginService">
    <Set name="name">PimpMyCase console</Set><Set name="userStore"><New class="org.eclipse.jetty.security.UserStore"/></Set>
  </New></Set></Get>
</Configure>
XML
}

launch_jetty() { # sets JETTY_PID
  java "$@" -jar "$JETTY_HOME/start.jar" jetty.home="$JETTY_HOME" jetty.base="$JETTY_BASE_DIR" \
    jetty.http.host=127.0.0.1 jetty.http.port="$PORT" > "$JETTY_BASE_DIR/console.log" 2>&1 &
  JETTY_PID=$!
  trap 'kill $JETTY_PID 2>/dev/null; wait $JETTY_PID 2>/dev/null || true' EXIT
  wait_healthy "$JETTY_BASE_DIR/console.log"
}

# The WAR on Tomcat 10.1 in <dir>: prepare_tomcat <dir> <useSendfile>, write the context file(s) to
# <dir>/conf/Catalina/localhost/, put extra jars in <dir>/lib, then launch_tomcat <dir>. Sets TOMCAT_PID.
prepare_tomcat() {
  TOMCAT_HOME=$(ls -d target/containers/apache-tomcat-10.1.* | sed -n 1p)
  local base=$1
  rm -rf "$base" && mkdir -p "$base"/{logs,temp,webapps,work,lib} "$base/conf/Catalina/localhost"
  cp -r "$TOMCAT_HOME/conf" "$base/"
  # No shutdown port, loopback only, and no access log: it would measure the disk, not the servlet.
  sed -i -e 's/port="8005"/port="-1"/' \
         -e "s/port=\"8080\"/port=\"$PORT\" address=\"127.0.0.1\" useSendfile=\"$2\"/" \
         -e '/AccessLogValve/,/\/>/d' "$base/conf/server.xml"
  cp "$WAR" "$base/webapps/ROOT.war"
  tomcat_context "$base" ROOT "$WORK/data"
  if [ -n "$BASELINE_WAR" ]; then
    cp "$BASELINE_WAR" "$base/webapps/baseline.war"
    tomcat_context "$base" baseline "$WORK/data-baseline"
  fi
}

tomcat_context() { # tomcat_context <base> <name> <data directory>
  cat > "$1/conf/Catalina/localhost/$2.xml" <<XML
<Context>
  <Environment name="pimpmycase/signingKey" type="java.lang.String" value="$KEY" override="false"/>
  <Environment name="pimpmycase/dataDirectory" type="java.lang.String" value="$3" override="false"/>
  <Environment name="pimpmycase/imageDirectory" type="java.lang.String" value="$WORK/images" override="false"/>
  <Environment name="pimpmycase/apiClients" type="java.lang.String" value="bench:admin:$ADMIN_KEY shop:shop:$SHOP_KEY" override="false"/>
$(if [ "$2" = ROOT ] && [ "$DELIVERY_BACKLOG" -gt 0 ]; then manufacturer_entries; fi)
</Context>
XML
}

manufacturer_entries() { # the §7 manufacturer entries pointing at start_simulator's port
  cat <<XML
  <Environment name="pimpmycase/publicBaseUrl" type="java.lang.String" value="http://127.0.0.1:$PORT" override="false"/>
  <Environment name="pimpmycase/manufacturer/baseUrl" type="java.lang.String" value="http://127.0.0.1:$SIM_PORT/mobileShell/en" override="false"/>
  <Environment name="pimpmycase/manufacturer/account" type="java.lang.String" value="acc-bench" override="false"/>
  <Environment name="pimpmycase/manufacturer/password" type="java.lang.String" value="bench-only-password" override="false"/>
  <Environment name="pimpmycase/manufacturer/fixedKey" type="java.lang.String" value="bench-only-fixed-key" override="false"/>
XML
}

# start_simulator: the manufacturer simulator in its own JVM (when a backlog is asked for). Sets SIM_PID.
start_simulator() {
  [ "$DELIVERY_BACKLOG" -gt 0 ] || return 0
  [ -d target/test-classes ] || { echo "run 'mvn -B verify' first (the simulator is a test class)" >&2; exit 1; }
  local cp
  cp=$(mvn -B -q -o dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=test)
  java -Xmx256m -cp "target/test-classes:target/classes:$cp" com.pimpmycase.simulator.ManufacturerSimulator \
    "$SIM_PORT" acc-bench bench-only-password bench-only-fixed-key > "$WORK/simulator.log" 2>&1 &
  SIM_PID=$!
  for _ in $(seq 1 60); do
    curl -sf -o /dev/null "http://127.0.0.1:$SIM_PORT/_sim/received" && break
    kill -0 "$SIM_PID" 2>/dev/null || { echo "the simulator did not start; see $WORK/simulator.log" >&2; exit 1; }
    sleep 0.5
  done
  curl -sf -o /dev/null -X POST -H 'Content-Type: application/json' \
    -d "{\"millis\":${PIMPMYCASE_BENCH_SIM_DELAY_MS:-200}}" "http://127.0.0.1:$SIM_PORT/_sim/delay"
}

stop_simulator() { [ -z "${SIM_PID:-}" ] || { kill "$SIM_PID" 2>/dev/null; wait "$SIM_PID" 2>/dev/null || true; }; }

# load_backlog: $DELIVERY_BACKLOG orders stored through the API of the WAR at / (each one a delivery).
load_backlog() {
  [ "$DELIVERY_BACKLOG" -gt 0 ] || return 0
  java bench/load/LoadOrders.java "http://127.0.0.1:$PORT" "$SHOP_KEY" "$DELIVERY_BACKLOG" small.png
}

# deliveries_done: orders delivered so far, from the WAR's /metrics (refreshed from the database every 5 s).
deliveries_done() {
  curl -sf -H "Authorization: Bearer $ADMIN_KEY" "http://127.0.0.1:$PORT/metrics" \
    | awk '/^pimpmycase_deliveries\{.*state="delivered"/ {printf "%d", $NF}'
}

# load_revocations: $REVOCATIONS active link revocations in the WAR at /, through its API (one of
# them a link of each benchmarked file, so the measured requests take the lookup's slower branch).
load_revocations() {
  [ "$REVOCATIONS" -gt 0 ] || return 0
  java bench/load/LoadRevocations.java "http://127.0.0.1:$PORT" "$KEY" "$ADMIN_KEY" "$REVOCATIONS" small.png large.png
}

# The rows of one image size: the signed path, the baseline WAR's (when given), the container's static servlet.
image_rows() { # image_rows <file> <signed label> <static label> <static url>
  local url="http://127.0.0.1:$PORT/image/$1.png?token=$(token $1.png)"
  if [ -n "$BASELINE_WAR" ]; then
    compare "$2" "$url" "baseline ${2#signed }" "http://127.0.0.1:$PORT/baseline/image/$1.png?token=$(token $1.png)" "$3" "$4"
  else
    compare "$2" "$url" "$3" "$4"
  fi
}

launch_tomcat() {
  local base=$1
  # PIMPMYCASE_BENCH_JAVA_OPTS: extra JVM options, e.g. a JFR recording to profile a run.
  java -Xmx512m ${PIMPMYCASE_BENCH_JAVA_OPTS:-} -Dcatalina.home="$TOMCAT_HOME" -Dcatalina.base="$base" -Djava.io.tmpdir="$base/temp" \
    -Djava.util.logging.manager=org.apache.juli.ClassLoaderLogManager \
    -Djava.util.logging.config.file="$base/conf/logging.properties" \
    -cp "$TOMCAT_HOME/bin/bootstrap.jar:$TOMCAT_HOME/bin/tomcat-juli.jar:$base/lib/*" \
    org.apache.catalina.startup.Bootstrap start > "$base/console.log" 2>&1 &
  TOMCAT_PID=$!
  wait_healthy "$base/console.log"
}

stop_tomcat() { kill "$TOMCAT_PID"; wait "$TOMCAT_PID" 2>/dev/null || true; }
