#!/usr/bin/env bash
# Scale-out check (CI): two gunicorn instances on different ports share one PostgreSQL
# database and one Redis. Both serve pages from the shared page cache; a change published
# by one app process is visible on both at once, and a review that reaches its expiry
# disappears from both without anyone purging anything. Exits non-zero on any failure
# and stops everything it started. Usage: bench/two_instances.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PORT_A=18201 PORT_B=18202
# Override with TWO_INSTANCES_DB_NAME / TWO_INSTANCES_REDIS_DB when other runs share them.
DB_NAME=${TWO_INSTANCES_DB_NAME:-cspsite_two_instances}
REDIS_DB=${TWO_INSTANCES_REDIS_DB:-10} # pages in REDIS_DB + 1
WORK=$(mktemp -d /tmp/cspsite-two.XXXXXX)
PIDS=()

cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
    redis-cli -n "$REDIS_DB" flushdb >/dev/null 2>&1 || true
    redis-cli -n "$((REDIS_DB + 1))" flushdb >/dev/null 2>&1 || true
    psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $DB_NAME" postgres >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT

export DJANGO_SETTINGS_MODULE=cspsite.settings.production
export SECRET_KEY=two-instances-only-"$RANDOM$RANDOM$RANDOM"-not-a-secret-0123456789abcdefghijklmnop
export ALLOWED_HOSTS=localhost,127.0.0.1
export DATABASE_URL=postgres://postgres@127.0.0.1:5432/$DB_NAME
export REDIS_URL=redis://127.0.0.1:6379/$REDIS_DB
export STATIC_ROOT=$WORK/static MEDIA_ROOT=$WORK/media LOG_LEVEL=WARNING

psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $DB_NAME" postgres 2>/dev/null
psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $DB_NAME" postgres
.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/python manage.py load_demo_content >/dev/null
.venv/bin/python manage.py collectstatic --noinput -v0
for port in $PORT_A $PORT_B; do
    GUNICORN_WORKERS=2 GUNICORN_BIND=127.0.0.1:$port \
        .venv/bin/gunicorn --config deploy/gunicorn.conf.py --access-logfile /dev/null >"$WORK/$port.log" 2>&1 &
    PIDS+=($!)
done

get() { curl -s -H "Host: localhost" -H "X-Forwarded-Proto: https" "$@"; }
for port in $PORT_A $PORT_B; do
    for _ in $(seq 100); do get -fo /dev/null "http://127.0.0.1:$port/healthz" && break; sleep 0.2; done
done
fail() { echo "FAIL: $*" >&2; exit 1; }
pass() { echo "ok: $*"; }
LISTING=/domestic-homicide-reviews/

# Both fill and read the shared page cache.
get -o /dev/null "http://127.0.0.1:$PORT_A$LISTING"
for port in $PORT_A $PORT_B; do
    get -D - -o /dev/null "http://127.0.0.1:$port$LISTING" | grep -qi '^x-wagtail-cache: hit' ||
        fail "instance $port did not serve the listing from the shared cache"
done
pass "both instances serve the listing from the shared Redis page cache"

# A publish by one app process reaches both instances at once.
.venv/bin/python manage.py shell -c '
from dhr.models import DHRIndexPage
page = DHRIndexPage.objects.get()
page.title = "Reviews published by the partnership"
page.save_revision().publish()
'
for port in $PORT_A $PORT_B; do
    get "http://127.0.0.1:$port$LISTING" | grep -q "Reviews published by the partnership" ||
        fail "instance $port still shows the old listing after publishing"
done
pass "a publish is visible on both instances at once"

# A review reaching its expiry leaves both instances without any purge.
slug=$(.venv/bin/python manage.py shell -c '
import datetime
from django.utils import timezone
from dhr.models import ReviewPage
from ops.caching import purge_all
review = ReviewPage.objects.live().filter(expire_at__gt=timezone.now()).order_by("pk").first()
ReviewPage.objects.filter(pk=review.pk).update(expire_at=timezone.now() + datetime.timedelta(seconds=6))
purge_all()  # as an editor changing the come-down date would
print(review.slug)
' | tail -1)
for port in $PORT_A $PORT_B; do
    get -o /dev/null "http://127.0.0.1:$port$LISTING$slug/"
    headers=$(get -D - -o /dev/null "http://127.0.0.1:$port$LISTING$slug/" | tr -d '\r')
    echo "$headers" | grep -qi '^x-wagtail-cache: hit' || fail "review not cached on $port"
    age=$(echo "$headers" | sed -n 's/^[Cc]ache-[Cc]ontrol:.*s-maxage=\([0-9]*\).*/\1/p')
    [ "$age" -le 6 ] || fail "review on $port cached for ${age}s, past its expiry"
    get "http://127.0.0.1:$port$LISTING" | grep -q "href=\"$LISTING$slug/\"" || fail "review not linked on $port"
done
pass "the review is cached on both, for no longer than the 6 s it has left"
sleep 7
for port in $PORT_A $PORT_B; do
    code=$(get -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port$LISTING$slug/")
    [ "$code" = 410 ] || fail "aged review on $port answered $code, not 410"
    get "http://127.0.0.1:$port$LISTING" | grep -q "href=\"$LISTING$slug/\"" &&
        fail "aged review still linked from the listing on $port"
done
pass "the aged review is gone (410) and unlisted on both instances"
echo "two-instance check passed"
