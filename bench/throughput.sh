#!/usr/bin/env bash
# Side-by-side throughput on loopback, same wrk settings for each target:
#   static  nginx serving the home page's bytes as a file
#   edge    nginx proxy_cache (deploy/nginx/) in front of gunicorn: cached home page
#   app     gunicorn, production settings (PostgreSQL + Redis), the app's page cache:
#           home page and DHR listing
#   forged  the app's cached home page asked for with a made-up `sessionid` cookie
#   bare    a bare `wagtail start` site under gunicorn with Django's cache middleware
# and, uncached (every request rendered: page cache off, same database server):
#   unc_bare  the bare site's welcome page, no cache middleware, on PostgreSQL
#   unc_home  cspsite's home page, production settings with PAGE_CACHE=false
#   unc_dhr   cspsite's DHR listing, the same
#   unc_home_nofrag, unc_dhr_nofrag  the same two with FRAGMENT_CACHE=false as well
# Prints requests/s and the ratios the targets in docs/performance.md use, then stops
# everything it started. Usage: bench/throughput.sh [seconds] [connections] [rounds]
# UNCACHED_ONLY=1 measures only the uncached round (no nginx needed).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DURATION=${1:-10}
CONNECTIONS=${2:-50}
ROUNDS=${3:-3}
THREADS=2
WORKERS=2
APP_PORT=18101 EDGE_PORT=18180 STATIC_PORT=18181 PURGE_PORT=18182 BARE_PORT=18102
UNCACHED_APP_PORT=18103 UNCACHED_BARE_PORT=18104 NOFRAG_APP_PORT=18105
# Override with BENCH_DB_NAME / BENCH_REDIS_DB when other runs share PostgreSQL and Redis.
DB_NAME=${BENCH_DB_NAME:-cspsite_bench}
# cspsite caches in REDIS_DB, pages in REDIS_DB + 1; the bare site in REDIS_DB under its own
# key prefix. Other databases are left alone.
REDIS_DB=${BENCH_REDIS_DB:-14}
WORK=$(mktemp -d /tmp/cspsite-bench.XXXXXX)
PIDS=()
STARTED_REDIS=""

cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
    redis-cli -n "$REDIS_DB" flushdb >/dev/null 2>&1 || true
    redis-cli -n "$((REDIS_DB + 1))" flushdb >/dev/null 2>&1 || true
    [ -n "$STARTED_REDIS" ] && redis-cli shutdown nosave >/dev/null 2>&1 || true
    psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $DB_NAME" postgres >/dev/null 2>&1 || true
    psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS ${DB_NAME}_bare" postgres >/dev/null 2>&1 || true
    [ -n "${KEEP_WORK:-}" ] || rm -rf "$WORK"
}
trap cleanup EXIT

need=()
command -v nginx >/dev/null || need+=(nginx)
[ -e /usr/lib/nginx/modules/ngx_http_cache_purge_module.so ] || need+=(libnginx-mod-http-cache-purge)
command -v wrk >/dev/null || need+=(wrk)
if [ ${#need[@]} -gt 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
if ! redis-cli ping >/dev/null 2>&1; then
    redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no
    STARTED_REDIS=1
fi

wait_for() { for _ in $(seq 100); do curl -fs -o /dev/null -H "X-Forwarded-Proto: https" "$1" && return 0; sleep 0.2; done; echo "not answering: $1" >&2; exit 1; }

echo "==> cspsite: PostgreSQL database $DB_NAME, Redis databases $REDIS_DB and $((REDIS_DB + 1))"
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $DB_NAME" postgres
psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $DB_NAME" postgres
export DJANGO_SETTINGS_MODULE=cspsite.settings.production
export SECRET_KEY=bench-only-"$RANDOM$RANDOM$RANDOM$RANDOM"-not-secret-at-all-0123456789
export ALLOWED_HOSTS=127.0.0.1,localhost
export DATABASE_URL=postgres://postgres@127.0.0.1:5432/$DB_NAME
export REDIS_URL=redis://127.0.0.1:6379/$REDIS_DB
export STATIC_ROOT=$WORK/static MEDIA_ROOT=$WORK/media LOG_LEVEL=WARNING
.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/python manage.py load_demo_content >/dev/null
.venv/bin/python manage.py collectstatic --noinput -v0
GUNICORN_WORKERS=$WORKERS GUNICORN_BIND=127.0.0.1:$APP_PORT \
    .venv/bin/gunicorn --config deploy/gunicorn.conf.py --access-logfile /dev/null >"$WORK/app.log" 2>&1 &
PIDS+=($!)
wait_for "http://127.0.0.1:$APP_PORT/"
# The same site, same database, with the page cache off: every request is rendered.
PAGE_CACHE=false GUNICORN_WORKERS=$WORKERS GUNICORN_BIND=127.0.0.1:$UNCACHED_APP_PORT \
    .venv/bin/gunicorn --config deploy/gunicorn.conf.py --access-logfile /dev/null >"$WORK/app-uncached.log" 2>&1 &
PIDS+=($!)
wait_for "http://127.0.0.1:$UNCACHED_APP_PORT/"
# And with the fragment cache off too (ops/fragment_cache.py): what it saves.
FRAGMENT_CACHE=false PAGE_CACHE=false GUNICORN_WORKERS=$WORKERS GUNICORN_BIND=127.0.0.1:$NOFRAG_APP_PORT \
    .venv/bin/gunicorn --config deploy/gunicorn.conf.py --access-logfile /dev/null >"$WORK/app-nofrag.log" 2>&1 &
PIDS+=($!)
wait_for "http://127.0.0.1:$NOFRAG_APP_PORT/"

echo "==> bare wagtail start site with Django's cache middleware"
mkdir -p "$WORK/bare"
(cd "$WORK/bare" && "$ROOT/.venv/bin/wagtail" start bare . >/dev/null)
cat >>"$WORK/bare/bare/settings/production.py" <<PY
SECRET_KEY = "bench-only-bare-site"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
MIDDLEWARE = ["django.middleware.cache.UpdateCacheMiddleware", *MIDDLEWARE, "django.middleware.cache.FetchFromCacheMiddleware"]
CACHE_MIDDLEWARE_SECONDS = 300
# Cached the same way as cspsite: in Redis (its own key prefix), not in process memory.
CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": "redis://127.0.0.1:6379/$REDIS_DB", "KEY_PREFIX": "bare"}}
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
PY
(cd "$WORK/bare" && env -u DATABASE_URL -u REDIS_URL DJANGO_SETTINGS_MODULE=bare.settings.production \
    "$ROOT/.venv/bin/python" manage.py migrate --noinput -v0)
env -u DATABASE_URL -u REDIS_URL DJANGO_SETTINGS_MODULE=bare.settings.production \
    .venv/bin/gunicorn --chdir "$WORK/bare" bare.wsgi -w "$WORKERS" -b 127.0.0.1:$BARE_PORT >"$WORK/bare.log" 2>&1 &
PIDS+=($!)
wait_for "http://127.0.0.1:$BARE_PORT/"

echo "==> bare wagtail start site uncached (no cache middleware), on PostgreSQL"
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS ${DB_NAME}_bare" postgres
psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE ${DB_NAME}_bare" postgres
cat >"$WORK/bare/bare/settings/uncached.py" <<PY
from .production import *  # noqa: F403

MIDDLEWARE = [m for m in MIDDLEWARE if not m.startswith("django.middleware.cache.")]  # noqa: F405
DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "NAME": "${DB_NAME}_bare", "HOST": "127.0.0.1", "PORT": "5432", "USER": "postgres", "CONN_MAX_AGE": 60}}
PY
(cd "$WORK/bare" && env -u DATABASE_URL -u REDIS_URL DJANGO_SETTINGS_MODULE=bare.settings.uncached \
    "$ROOT/.venv/bin/python" manage.py migrate --noinput -v0)
env -u DATABASE_URL -u REDIS_URL DJANGO_SETTINGS_MODULE=bare.settings.uncached \
    .venv/bin/gunicorn --chdir "$WORK/bare" bare.wsgi -w "$WORKERS" -b 127.0.0.1:$UNCACHED_BARE_PORT >"$WORK/bare-uncached.log" 2>&1 &
PIDS+=($!)
wait_for "http://127.0.0.1:$UNCACHED_BARE_PORT/"

if [ -z "${UNCACHED_ONLY:-}" ]; then
echo "==> nginx: edge cache (deploy/nginx/) and the home page as a static file"
mkdir -p "$WORK/nginx/cache" "$WORK/nginx/html" "$WORK/nginx/tmp"
curl -fs -H "X-Forwarded-Proto: https" "http://127.0.0.1:$APP_PORT/" -o "$WORK/nginx/html/index.html"
sed "s#/var/cache/nginx/cspsite#$WORK/nginx/cache#" deploy/nginx/cache-zone.conf >"$WORK/nginx/cache-zone.conf"
# The edge generation comes from the purge listener, here on PURGE_PORT rather than 8080.
sed "s#http://127.0.0.1:8080/#http://127.0.0.1:$PURGE_PORT/#" deploy/nginx/edge-generation.conf >"$WORK/nginx/edge-generation.conf"
cat >"$WORK/nginx/nginx.conf" <<CONF
load_module /usr/lib/nginx/modules/ngx_http_cache_purge_module.so;
$( [ "$(id -u)" = 0 ] && echo "user root;" )
worker_processes $WORKERS;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $WORK/nginx/tmp/body;
    proxy_temp_path $WORK/nginx/tmp/proxy;
    fastcgi_temp_path $WORK/nginx/tmp/fastcgi;
    uwsgi_temp_path $WORK/nginx/tmp/uwsgi;
    scgi_temp_path $WORK/nginx/tmp/scgi;
    include /etc/nginx/mime.types;
    keepalive_requests 100000;
    include $WORK/nginx/cache-zone.conf;
    upstream cspsite_app { server 127.0.0.1:$APP_PORT; keepalive 32; }
    server {
        listen 127.0.0.1:$EDGE_PORT;
        include $WORK/nginx/edge-generation.conf;
        location / {
            proxy_pass http://cspsite_app;
            include $ROOT/deploy/nginx/proxy-headers.conf;
            include $ROOT/deploy/nginx/cache-proxy.conf;
        }
    }
    server {
        listen 127.0.0.1:$PURGE_PORT;
        include $ROOT/deploy/nginx/purge-listener.conf;
    }
    server {
        listen 127.0.0.1:$STATIC_PORT;
        root $WORK/nginx/html;
        location = / { default_type text/html; try_files /index.html =404; }
    }
}
CONF
nginx -c "$WORK/nginx/nginx.conf" -g "daemon off;" &
PIDS+=($!)
wait_for "http://127.0.0.1:$STATIC_PORT/"
wait_for "http://127.0.0.1:$EDGE_PORT/"

edge_status() { curl -s -o /dev/null -D - "http://127.0.0.1:$EDGE_PORT/" | tr -d '\r' | awk -F': ' 'tolower($1)=="x-edge-cache"{print $2}'; }
echo "    edge cache on a repeat request: $(edge_status)"
curl -s -o /dev/null -X PURGE "http://127.0.0.1:$PURGE_PORT/" -w "    PURGE / from localhost: HTTP %{http_code}, " || true
echo "then: $(edge_status)"

for path in / /domestic-homicide-reviews/; do
    curl -s -o /dev/null -H "X-Forwarded-Proto: https" "http://127.0.0.1:$APP_PORT$path"
    echo "    app $path: $(curl -s -o /dev/null -D - -H "X-Forwarded-Proto: https" "http://127.0.0.1:$APP_PORT$path" |
        tr -d '\r' | grep -iE '^(x-wagtail-cache|cache-control|vary|set-cookie):' | tr '\n' ' ')"
done
fi
for path in / /domestic-homicide-reviews/; do
    echo "    uncached app $path: $(curl -s -o /dev/null -D - -H "X-Forwarded-Proto: https" "http://127.0.0.1:$UNCACHED_APP_PORT$path" |
        tr -d '\r' | grep -iE '^(x-wagtail-cache|cache-control):' | tr '\n' ' ')"
done
[ -n "${HEADERS_ONLY:-}" ] && exit 0

rate() { # url [extra header]
    local url=$1 extra=${2:-X-Bench: 1}
    for _ in 1 2 3 4 5 6; do curl -fs -o /dev/null -H "X-Forwarded-Proto: https" "$url"; done # warm each worker
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" -H "X-Forwarded-Proto: https" -H "$extra" "$url" |
        awk '/Requests\/sec/ {print $2} /Non-2xx/ {print "non-2xx responses" > "/dev/stderr"}'
}

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# The targets take turns, ROUNDS times, and each rate is the median of its rounds: on a
# shared machine the load drifts, and measuring each target once in a row would hand the
# drift to whichever came last.
echo "==> wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s against each, $ROUNDS rounds in turn (gunicorn: $WORKERS sync workers, nginx: $WORKERS workers)"
declare -A rounds
TARGETS="static edge app_home app_dhr forged bare unc_bare unc_home unc_dhr unc_home_nofrag unc_dhr_nofrag"
[ -n "${UNCACHED_ONLY:-}" ] && TARGETS="unc_bare unc_home unc_dhr unc_home_nofrag unc_dhr_nofrag"
for round in $(seq "$ROUNDS"); do
    line="    round $round:"
    for target in $TARGETS; do
        header="X-Bench: 1"
        case $target in
            static) url="http://127.0.0.1:$STATIC_PORT/" ;;
            edge) url="http://127.0.0.1:$EDGE_PORT/" ;;
            app_home) url="http://127.0.0.1:$APP_PORT/" ;;
            app_dhr) url="http://127.0.0.1:$APP_PORT/domestic-homicide-reviews/" ;;
            forged) url="http://127.0.0.1:$APP_PORT/" header="Cookie: sessionid=madeup0123456789abcdefghijklmnop" ;;
            bare) url="http://127.0.0.1:$BARE_PORT/" ;;
            unc_bare) url="http://127.0.0.1:$UNCACHED_BARE_PORT/" ;;
            unc_home) url="http://127.0.0.1:$UNCACHED_APP_PORT/" ;;
            unc_dhr) url="http://127.0.0.1:$UNCACHED_APP_PORT/domestic-homicide-reviews/" ;;
            unc_home_nofrag) url="http://127.0.0.1:$NOFRAG_APP_PORT/" ;;
            unc_dhr_nofrag) url="http://127.0.0.1:$NOFRAG_APP_PORT/domestic-homicide-reviews/" ;;
        esac
        value=$(rate "$url" "$header")
        rounds[$target]+="$value "
        line+=" $target=$value"
    done
    echo "$line (load $(cut -d' ' -f1 /proc/loadavg))"
done
for target in $TARGETS; do
    printf -v "$target" '%s' "$(tr ' ' '\n' <<<"${rounds[$target]}" | grep . | median)"
done

printf '\n%-48s %12s\n' "target" "requests/s"
if [ -z "${UNCACHED_ONLY:-}" ]; then
printf '%-48s %12.0f\n' "nginx, home page bytes as a static file" "$static"
printf '%-48s %12.0f\n' "nginx proxy_cache, home page" "$edge"
printf '%-48s %12.0f\n' "gunicorn + app page cache, home page" "$app_home"
printf '%-48s %12.0f\n' "gunicorn + app page cache, DHR listing" "$app_dhr"
printf '%-48s %12.0f\n' "app home page, made-up sessionid cookie" "$forged"
printf '%-48s %12.0f\n' "bare wagtail start + Django cache middleware (Redis)" "$bare"
fi
printf '%-48s %12.0f\n' "uncached: bare wagtail start welcome page" "$unc_bare"
printf '%-48s %12.0f\n' "uncached: home page (PAGE_CACHE=false)" "$unc_home"
printf '%-48s %12.0f\n' "uncached: DHR listing (PAGE_CACHE=false)" "$unc_dhr"
printf '%-48s %12.0f\n' "uncached: home page, fragment cache off too" "$unc_home_nofrag"
printf '%-48s %12.0f\n' "uncached: DHR listing, fragment cache off too" "$unc_dhr_nofrag"
if [ -z "${UNCACHED_ONLY:-}" ]; then
printf '\n%-48s %6.2f  (target >= 0.80)\n' "edge / static" "$(echo "$edge / $static" | bc -l)"
printf '%-48s %6.2f  (target >= 0.80)\n' "app home / bare" "$(echo "$app_home / $bare" | bc -l)"
printf '%-48s %6.2f  (target >= 0.80)\n' "app DHR listing / bare" "$(echo "$app_dhr / $bare" | bc -l)"
printf '%-48s %6.2f  (target >= 0.50)\n' "made-up sessionid / app home" "$(echo "$forged / $app_home" | bc -l)"
fi
printf '\n%-48s %6.2f  (target >= 0.50)\n' "uncached home / uncached bare welcome" "$(echo "$unc_home / $unc_bare" | bc -l)"
printf '%-48s %6.2f  (target >= 0.25)\n' "uncached DHR listing / uncached bare welcome" "$(echo "$unc_dhr / $unc_bare" | bc -l)"
printf '%-48s %6.2f\n' "  the same, fragment cache off: home" "$(echo "$unc_home_nofrag / $unc_bare" | bc -l)"
printf '%-48s %6.2f\n' "  the same, fragment cache off: DHR listing" "$(echo "$unc_dhr_nofrag / $unc_bare" | bc -l)"
printf 'home page: %s bytes; %s; load average %s; %s\n' "$(curl -s -H "X-Forwarded-Proto: https" "http://127.0.0.1:$UNCACHED_APP_PORT/" | wc -c)" \
    "$(nproc) cores" "$(cut -d' ' -f1-3 /proc/loadavg)" "$(date -u +%Y-%m-%dT%H:%MZ)"
