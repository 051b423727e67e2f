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
. bench/load/lib.sh
require
make_images

start_tomcat() { # start_tomcat <useSendfile>
  local base="$WORK/tomcat"
  prepare_tomcat "$base" "$1"
  cat > "$base/conf/Catalina/localhost/ROOT.xml" <<XML
<Context>
  <Environment name="pimpmycase/signingKey" type="java.lang.String" value="$KEY" override="false"/>
  <Environment name="pimpmycase/dataDirectory" type="java.lang.String" value="$WORK/data" override="false"/>
  <Environment name="pimpmycase/imageDirectory" type="java.lang.String" value="$WORK/images" override="false"/>
</Context>
XML
  # Tomcat's own static serving of the same directory, for comparison.
  echo "<Context docBase=\"$WORK/images\"/>" > "$base/conf/Catalina/localhost/static.xml"
  launch_tomcat "$base"
}

table_header "Tomcat $(basename target/containers/apache-tomcat-10.1.*)"
for sendfile in true false; do
  start_tomcat "$sendfile"
  for file in small large; do
    compare "signed /image $file, sendfile=$sendfile" "http://127.0.0.1:$PORT/image/$file.png?token=$(token $file.png)" \
            "DefaultServlet $file, sendfile=$sendfile" "http://127.0.0.1:$PORT/static/$file.png"
  done
  stop_tomcat
done
