#!/usr/bin/env bash
# `nginx -t` on the shipped edge-cache configuration (deploy/nginx/), as Debian's nginx
# with libnginx-mod-http-cache-purge would load it, in a temporary prefix: every file
# here, cspsite-edge.conf with its includes pointed at these copies, a throwaway
# self-signed certificate in place of the Let's Encrypt one. Run by CI and by
# tests/prod/test_nginx_config.py; needs nginx, the cache-purge module and openssl.
# Usage: deploy/nginx/check.sh               nginx -t on a temporary copy
#        deploy/nginx/check.sh --prefix DIR  only write that copy into DIR (an empty
#            directory) and keep it: tests/prod/test_edge_cache.py starts nginx from it
set -euo pipefail
cd "$(dirname "$0")"
HERE=$PWD
MODULE=/usr/lib/nginx/modules/ngx_http_cache_purge_module.so
for need in nginx openssl; do
    command -v "$need" >/dev/null || { echo "$need is not installed" >&2; exit 2; }
done
[ -e "$MODULE" ] || { echo "libnginx-mod-http-cache-purge is not installed ($MODULE)" >&2; exit 2; }

if [ "${1:-}" = --prefix ]; then
    WORK=$(realpath "${2:?--prefix needs a directory}")
    mkdir -p "$WORK"
else
    WORK=$(mktemp -d /tmp/cspsite-nginx-check.XXXXXX)
    trap 'rm -rf "$WORK"' EXIT
fi
# nginx's workers (nobody, when the master is root) must reach the cache directories.
chmod 755 "$WORK"
mkdir -p "$WORK/cspsite" "$WORK/cache" "$WORK/tmp" "$WORK/tls"

openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=csp.example.org" \
    -keyout "$WORK/tls/privkey.pem" -out "$WORK/tls/fullchain.pem" 2>/dev/null
# Only paths change: the directives are checked exactly as shipped.
for file in "$HERE"/*.conf; do
    sed -e "s#/etc/cspsite/nginx/#$WORK/cspsite/#g" \
        -e "s#/var/cache/nginx/cspsite#$WORK/cache#g" \
        -e "s#/etc/letsencrypt/live/csp.example.org/#$WORK/tls/#g" \
        "$file" >"$WORK/cspsite/$(basename "$file")"
done

cat >"$WORK/nginx.conf" <<CONF
load_module $MODULE;
pid $WORK/nginx.pid;
error_log $WORK/error.log warn;
events { worker_connections 64; }
http {
    include /etc/nginx/mime.types;
    access_log $WORK/access.log;
    client_body_temp_path $WORK/tmp/body;
    proxy_temp_path $WORK/tmp/proxy;
    fastcgi_temp_path $WORK/tmp/fastcgi;
    uwsgi_temp_path $WORK/tmp/uwsgi;
    scgi_temp_path $WORK/tmp/scgi;
    # As Debian loads them: cache-zone.conf from conf.d, the server from sites-enabled.
    include $WORK/cspsite/cache-zone.conf;
    include $WORK/cspsite/cspsite-edge.conf;
}
CONF
if [ "${1:-}" = --prefix ]; then
    echo "deploy/nginx: configuration written to $WORK (nginx -p $WORK -c $WORK/nginx.conf)"
    exit 0
fi
nginx -t -q -p "$WORK" -c "$WORK/nginx.conf" -e "$WORK/error.log"
echo "deploy/nginx: nginx -t passed ($(nginx -v 2>&1))"
