# Shared by the image load scripts: test files, tokens, one wrk measurement per table row.
# Loopback only; every wrk run is bounded in time.

SECONDS_PER_RUN=${SECONDS_PER_RUN:-10}
WORK=${PIMPMYCASE_BENCH_DIR:-/tmp/pimpmycase-bench}
PORT=${PIMPMYCASE_BENCH_PORT:-18080}
CONNECTIONS=${PIMPMYCASE_BENCH_CONNECTIONS:-16}
KEY=bench-only-signing-key-0123456789abcdef0123
WAR=target/pimpmycase.war

require() {
  [ -f "$WAR" ] || { echo "run 'mvn -B verify' first (needs $WAR and target/containers/)" >&2; exit 1; }
  command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
  command -v openssl >/dev/null || { echo "openssl is missing" >&2; exit 1; }
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
