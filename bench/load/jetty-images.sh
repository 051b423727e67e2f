#!/usr/bin/env bash
# Image throughput on the Jetty 12 distribution: our WAR with signed links against Jetty's own
# static serving (the ee10 DefaultServlet of a plain directory context) of the same files.
#
#   mvn -B verify            # builds target/pimpmycase.war and unpacks target/containers/
#   bench/load/jetty-images.sh [seconds-per-run]
#
# PIMPMYCASE_BENCH_REVOCATIONS=10000 loads that many active revocations first (bench/load/lib.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."

SECONDS_PER_RUN=${1:-10}
. bench/load/lib.sh
require
make_images

prepare_jetty
# Jetty's own static serving of the same directory, for comparison: deployed next to the WAR.
cat > "$JETTY_BASE_DIR/webapps/static.xml" <<XML
<?xml version="1.0"?>
<!DOCTYPE Configure PUBLIC "-//Jetty//Configure//EN" "https://jetty.org/configure_10_0.dtd">
<Configure class="org.eclipse.jetty.ee10.webapp.WebAppContext">
  <Set name="contextPath">/static</Set>
  <Set name="war">$WORK/images</Set>
</Configure>
XML
launch_jetty -Xmx512m
load_revocations

table_header "Jetty $(basename "$JETTY_HOME")"
for file in small large; do
  image_rows "$file" "signed /image $file" "Jetty DefaultServlet $file" "http://127.0.0.1:$PORT/static/$file.png"
done
