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
TOMCAT_HOME=$(ls -d target/containers/apache-tomcat-10.1.* | head -1)
require
make_images

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
  wait_healthy "$base/console.log"
}

stop_tomcat() { kill "$TOMCAT_PID"; wait "$TOMCAT_PID" 2>/dev/null || true; }

table_header "Tomcat $(basename "$TOMCAT_HOME")"
for sendfile in true false; do
  start_tomcat "$sendfile"
  for file in small large; do
    measure "signed /image $file, sendfile=$sendfile" "http://127.0.0.1:$PORT/image/$file.png?token=$(token $file.png)"
    measure "DefaultServlet $file, sendfile=$sendfile" "http://127.0.0.1:$PORT/static/$file.png"
  done
  stop_tomcat
done
