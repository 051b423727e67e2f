#!/usr/bin/env bash
# Image throughput on a real Tomcat: our WAR with signed links against Tomcat's own DefaultServlet
# serving the same files with no token, with sendfile on and off. Loopback only; every wrk run is
# bounded in time.
#
#   mvn -B verify            # builds target/pimpmycase.war and unpacks target/containers/
#   bench/load/tomcat-images.sh [seconds-per-run]
#
# Needs wrk and openssl (apt-get install wrk openssl). PIMPMYCASE_BENCH_SENDFILE=true measures one
# setting only; PIMPMYCASE_BENCH_BASELINE_WAR adds an earlier build's rows (bench/load/lib.sh);
# PIMPMYCASE_BENCH_REVOCATIONS=10000 loads that many active revocations first;
# PIMPMYCASE_BENCH_DELIVERY_BACKLOG=4000 measures while the delivery dispatcher drains that many orders.
set -euo pipefail
cd "$(dirname "$0")/../.."

SECONDS_PER_RUN=${1:-10}
. bench/load/lib.sh
require
make_images

start_tomcat() { # start_tomcat <useSendfile>
  local base="$WORK/tomcat"
  prepare_tomcat "$base" "$1"
  # Tomcat's own static serving of the same directory, for comparison.
  echo "<Context docBase=\"$WORK/images\"/>" > "$base/conf/Catalina/localhost/static.xml"
  launch_tomcat "$base"
  load_revocations
  load_backlog
}

trap 'stop_simulator; [ -z "${TOMCAT_PID:-}" ] || kill "$TOMCAT_PID" 2>/dev/null || true' EXIT
start_simulator
table_header "Tomcat $(basename target/containers/apache-tomcat-10.1.*)"
for sendfile in ${PIMPMYCASE_BENCH_SENDFILE:-true false}; do
  start_tomcat "$sendfile"
  delivered_before=$(deliveries_done || true)
  rows_started=$SECONDS
  for file in small large; do
    image_rows "$file" "signed /image $file, sendfile=$sendfile" \
               "DefaultServlet $file, sendfile=$sendfile" "http://127.0.0.1:$PORT/static/$file.png"
  done
  if [ "$DELIVERY_BACKLOG" -gt 0 ]; then
    sleep 6 # one refresh of the state counts
    delivered_after=$(deliveries_done)
    echo "deliveries while the rows ran: $((delivered_after - ${delivered_before:-0})) in $((SECONDS - rows_started)) s" \
         "(delivered $delivered_after of $DELIVERY_BACKLOG)"
  fi
  stop_tomcat
done
