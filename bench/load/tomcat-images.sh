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
# PIMPMYCASE_BENCH_REVOCATIONS=10000 loads that many active revocations first.
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
}

table_header "Tomcat $(basename target/containers/apache-tomcat-10.1.*)"
for sendfile in ${PIMPMYCASE_BENCH_SENDFILE:-true false}; do
  start_tomcat "$sendfile"
  for file in small large; do
    image_rows "$file" "signed /image $file, sendfile=$sendfile" \
               "DefaultServlet $file, sendfile=$sendfile" "http://127.0.0.1:$PORT/static/$file.png"
  done
  stop_tomcat
done
