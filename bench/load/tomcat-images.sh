#!/usr/bin/env bash
# Image throughput on a real Tomcat: our WAR with signed links against Tomcat's own DefaultServlet
# serving the same files with no token, with sendfile on and off. Loopback only; every wrk run is
# bounded in time.
#
#   mvn -B verify            # builds target/pimpmycase.war and unpacks target/containers/
#   bench/load/tomcat-images.sh [seconds-per-run]
#
# Needs wrk and openssl (apt-get install wrk openssl).
set -euo pipefail
cd "$(dirname "$0")/../.."

SECONDS_PER_RUN=${1:-10}
TOMCAT_HOME=$(ls -d target/containers/apache-tomcat-10.1.* | head -1)
WAR=target/pimpmycase.war
WORK=${PIMPMYCASE_BENCH_DIR:-/tmp/pimpmycase-bench}
PORT=${PIMPMYCASE_BENCH_PORT:-18080}
KEY=bench-only-signing-key-0123456789abcdef0123
CONNECTIONS=${PIMPMYCASE_BENCH_CONNECTIONS:-16}

[ -f "$WAR" ] && [ -d "$TOMCAT_HOME" ] || { echo "run 'mvn -B verify' first" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

rm -rf "$WORK" && mkdir -p "$WORK/images"
# The same two files for every server: a 64 KiB and an 8 MiB "PNG" (PNG signature, random body).
for spec in small:65536 large:8388608; do
  name=${spec%%:*}; size=${spec##*:}
  { printf '\x89PNG\r\n\x1a\n'; head -c $((size - 8)) /dev/urandom; } > "$WORK/images/$name.png"
done

token() { # token <file> : an admin token valid for an hour
  local exp=$(( $(date +%s) + 3600 ))
  local sig=$(printf '%s' "$1:$exp:admin" | openssl dgst -sha256 -hmac "$KEY" | awk '{print $NF}')
  echo "$exp:admin:$sig"
}

start_tomcat() { # start_tomcat <useSendfile>
  local base="$WORK/tomcat"
  rm -rf "$base" && mkdir -p "$base"/{logs,temp,webapps,work}
  cp -r "$TOMCAT_HOME/conf" "$base/"
  sed -i -e 's/port="8005"/port="-1"/' \
         -e "s/port=\"8080\"/port=\"$PORT\" address=\"127.0.0.1\" useSendfile=\"$1\"/" "$base/conf/server.xml"
  # No access log: it would measure the disk, not the servlet.
  sed -i -e '/AccessLogValve/,/\/>/d' "$base/conf/server.xml"
  cp "$WAR" "$base/webapps/ROOT.war"
  mkdir -p "$base/conf/Catalina/localhost"
  cat > "$base/conf/Catalina/localhost/ROOT.xml" <<XML
<Context>
  <Environment name="pimpmycase/signingKey" type="java.lang.String" value="$KEY" override="false"/>
  <Environment name="pimpmycase/dataDirectory" type="java.lang.String" value="$WORK/data" override="false"/>
  <Environment name="pimpmycase/imageDirectory" type="java.lang.String" value="$WORK/images" override="false"/>
</Context>
XML
  # Tomcat's own static serving of the same directory, for comparison.
  echo "<Context docBase=\"$WORK/images\"/>" > "$base/conf/Catalina/localhost/static.xml"
  java -Xmx512m -Dcatalina.home="$TOMCAT_HOME" -Dcatalina.base="$base" -Djava.io.tmpdir="$base/temp" \
    -Djava.util.logging.manager=org.apache.juli.ClassLoaderLogManager \
    -Djava.util.logging.config.file="$base/conf/logging.properties" \
    -cp "$TOMCAT_HOME/bin/bootstrap.jar:$TOMCAT_HOME/bin/tomcat-juli.jar" \
    org.apache.catalina.startup.Bootstrap start > "$base/console.log" 2>&1 &
  TOMCAT_PID=$!
  for _ in $(seq 1 120); do
    curl -sf -o /dev/null "http://127.0.0.1:$PORT/health" && return 0
    sleep 0.5
  done
  echo "Tomcat did not start; see $base/console.log" >&2; exit 1
}

stop_tomcat() { kill "$TOMCAT_PID"; wait "$TOMCAT_PID" 2>/dev/null || true; }

measure() { # measure <label> <url>
  wrk -t2 -c8 -d3s "$2" > /dev/null # warm-up
  local out
  out=$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency "$2")
  local rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  local mbs=$(echo "$out" | awk '/Transfer\/sec/ {v=$2; if (v ~ /GB/) {sub("GB","",v); v*=1024} else if (v ~ /KB/) {sub("KB","",v); v/=1024} else {sub("MB","",v)}; printf "%.0f", v}')
  local p50=$(echo "$out" | awk '$1=="50%" {print $2}')
  local p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  local errors=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
  printf '| %-40s | %10s | %8s | %8s | %8s |%s\n' "$1" "$rps" "$mbs" "$p50" "$p99" "${errors:+ non-2xx: $errors}"
}

echo "Tomcat $(basename "$TOMCAT_HOME"), $CONNECTIONS connections, ${SECONDS_PER_RUN}s per run, $(nproc) cores shared with wrk"
printf '| %-40s | %10s | %8s | %8s | %8s |\n' "server" "requests/s" "MB/s" "p50" "p99"
printf '|%s|%s|%s|%s|%s|\n' "------------------------------------------" "------------" "----------" "----------" "----------"
for sendfile in true false; do
  start_tomcat "$sendfile"
  for file in small large; do
    measure "signed /image $file, sendfile=$sendfile" "http://127.0.0.1:$PORT/image/$file.png?token=$(token $file.png)"
    measure "DefaultServlet $file, sendfile=$sendfile" "http://127.0.0.1:$PORT/static/$file.png"
  done
  stop_tomcat
done
