#!/usr/bin/env bash
# The same two files served by nginx (Debian package, own prefix and config) behind
# secure_link_md5: the reference point of "as strict as the most trusted signed-URL systems".
#
#   bench/load/nginx-images.sh [seconds-per-run]       (needs: apt-get install nginx wrk openssl)
set -euo pipefail
cd "$(dirname "$0")/../.."

SECONDS_PER_RUN=${1:-10}
. bench/load/lib.sh
command -v nginx >/dev/null || { echo "nginx is missing: apt-get install nginx" >&2; exit 1; }
require_tools
[ -f "$WORK/images/small.png" ] || make_images

prefix="$WORK/nginx"
rm -rf "$prefix" && mkdir -p "$prefix/logs" "$prefix/tmp"
cat > "$prefix/nginx.conf" <<CONF
worker_processes $(nproc);
pid $prefix/nginx.pid;
error_log $prefix/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  client_body_temp_path $prefix/tmp/body;
  proxy_temp_path $prefix/tmp/proxy;
  fastcgi_temp_path $prefix/tmp/fastcgi;
  uwsgi_temp_path $prefix/tmp/uwsgi;
  scgi_temp_path $prefix/tmp/scgi;
  server {
    listen 127.0.0.1:$PORT;
    location /image/ {
      secure_link \$arg_md5,\$arg_expires;
      secure_link_md5 "\$secure_link_expires\$uri $KEY";
      if (\$secure_link = "") { return 403; }
      if (\$secure_link = "0") { return 410; }
      alias $WORK/images/;
    }
  }
}
CONF
nginx -p "$prefix" -c "$prefix/nginx.conf" -g 'daemon off;' > "$prefix/console.log" 2>&1 &
NGINX_PID=$!
trap 'kill $NGINX_PID 2>/dev/null; wait $NGINX_PID 2>/dev/null || true' EXIT
sleep 1

nginx_link() { # nginx_link <file>: /image/<file>?md5=…&expires=…
  local exp=$(( $(date +%s) + 3600 ))
  local md5=$(printf '%s' "$exp/image/$1 $KEY" | openssl md5 -binary | openssl base64 | tr '+/' '-_' | tr -d '=')
  echo "/image/$1?md5=$md5&expires=$exp"
}

status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT$(nginx_link small.png)")
[ "$status" = 200 ] || { echo "nginx refused its own signed link ($status); see $prefix/logs/error.log" >&2; exit 1; }
[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/image/small.png?md5=x&expires=9999999999")" = 403 ] \
  || { echo "nginx accepted a forged link" >&2; exit 1; }

table_header "nginx $(nginx -v 2>&1 | sed 's/.*nginx\///') secure_link_md5, sendfile on"
compare "nginx secure_link small" "http://127.0.0.1:$PORT$(nginx_link small.png)" \
        "nginx secure_link large" "http://127.0.0.1:$PORT$(nginx_link large.png)"
