#!/usr/bin/env bash
# Memory: 64 concurrent downloads of a 50 MiB image from the WAR on the Jetty 12 distribution
# running with a 64 MiB heap (the first download streamed, the others from the image's reused
# memory mapping; Tomcat would use sendfile). Passes when every download is complete and the
# server logged no OutOfMemoryError. StreamingResourcesIT covers many streamed downloads at once.
#
#   mvn -B verify && bench/load/memory.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/load/lib.sh
require
make_images
{ printf '\x89PNG\r\n\x1a\n'; head -c $((50 * 1024 * 1024 - 8)) /dev/urandom; } > "$WORK/images/huge.png"
prepare_jetty
launch_jetty -Xmx64m

url="http://127.0.0.1:$PORT/image/huge.png?token=$(token huge.png)"
started=$(date +%s.%N)
for i in $(seq 1 64); do
  curl -s -o /dev/null -w '%{http_code} %{size_download}\n' --max-time 300 "$url" > "$WORK/download-$i.txt" &
done
wait $(jobs -p | grep -v "^$JETTY_PID$") 2>/dev/null || true
seconds=$(echo "$(date +%s.%N) - $started" | bc)
complete=$(cat "$WORK"/download-*.txt | grep -c "^200 52428800$" || true)
ooms=$(grep -c OutOfMemoryError "$JETTY_BASE_DIR/console.log" || true)
heap=$(jcmd "$JETTY_PID" GC.heap_info 2>/dev/null | awk '/total/ {print $0; exit}')
echo "memory run: $complete/64 downloads of 50 MiB complete in ${seconds%.*}s with -Xmx64m, OutOfMemoryError: $ooms"
echo "  heap after: ${heap:-n/a}"
printf 'memory run 64x50MiB -Xmx64m\t%s\t%s\t\t\n' "$complete" "$ooms" >> "$RESULTS"
[ "$complete" = 64 ] && [ "$ooms" = 0 ]
