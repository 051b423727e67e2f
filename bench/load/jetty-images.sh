#!/usr/bin/env bash
# Image throughput on the Jetty 12 distribution: our WAR with signed links against Jetty's own
# static serving (the ee10 DefaultServlet of a plain directory context) of the same files.
#
#   mvn -B verify            # builds target/pimpmycase.war and unpacks target/containers/
#   bench/load/jetty-images.sh [seconds-per-run]
set -euo pipefail
cd "$(dirname "$0")/../.."

SECONDS_PER_RUN=${1:-10}
. bench/load/lib.sh
JETTY_HOME=$(ls -d target/containers/jetty-home-12.* | head -1)
require
make_images

base="$WORK/jetty"
mkdir -p "$base/webapps"
java -jar "$JETTY_HOME/start.jar" jetty.home="$JETTY_HOME" jetty.base="$base" \
  --add-modules=http,ee10-deploy,ee10-plus > "$base/setup.log" 2>&1
cp "$WAR" "$base/webapps/pimpmycase.war"
cat > "$base/webapps/pimpmycase.xml" <<XML
<?xml version="1.0"?>
<!DOCTYPE Configure PUBLIC "-//Jetty//Configure//EN" "https://jetty.org/configure_10_0.dtd">
<Configure id="wac" class="org.eclipse.jetty.ee10.webapp.WebAppContext">
  <Set name="contextPath">/</Set>
  <Set name="war"><Property name="jetty.webapps"/>/pimpmycase.war</Set>
  <New class="org.eclipse.jetty.plus.jndi.EnvEntry"><Arg><Ref refid="wac"/></Arg>
    <Arg>pimpmycase/signingKey</Arg><Arg type="java.lang.String">$KEY</Arg><Arg type="boolean">true</Arg></New>
  <New class="org.eclipse.jetty.plus.jndi.EnvEntry"><Arg><Ref refid="wac"/></Arg>
    <Arg>pimpmycase/dataDirectory</Arg><Arg type="java.lang.String">$WORK/data</Arg><Arg type="boolean">true</Arg></New>
  <New class="org.eclipse.jetty.plus.jndi.EnvEntry"><Arg><Ref refid="wac"/></Arg>
    <Arg>pimpmycase/imageDirectory</Arg><Arg type="java.lang.String">$WORK/images</Arg><Arg type="boolean">true</Arg></New>
</Configure>
XML
# Jetty's own static serving of the same directory, for comparison.
cat > "$base/webapps/static.xml" <<XML
<?xml version="1.0"?>
<!DOCTYPE Configure PUBLIC "-//Jetty//Configure//EN" "https://jetty.org/configure_10_0.dtd">
<Configure class="org.eclipse.jetty.ee10.webapp.WebAppContext">
  <Set name="contextPath">/static</Set>
  <Set name="war">$WORK/images</Set>
</Configure>
XML

java -Xmx512m -jar "$JETTY_HOME/start.jar" jetty.home="$JETTY_HOME" jetty.base="$base" \
  jetty.http.host=127.0.0.1 jetty.http.port="$PORT" > "$base/console.log" 2>&1 &
JETTY_PID=$!
trap 'kill $JETTY_PID 2>/dev/null; wait $JETTY_PID 2>/dev/null || true' EXIT
wait_healthy "$base/console.log"

table_header "Jetty $(basename "$JETTY_HOME")"
for file in small large; do
  measure "signed /image $file" "http://127.0.0.1:$PORT/image/$file.png?token=$(token $file.png)"
  measure "Jetty DefaultServlet $file" "http://127.0.0.1:$PORT/static/$file.png"
done
