#!/usr/bin/env bash
# Scale-out check (CI): two gunicorn instances on different ports share one PostgreSQL
# database, one Redis and one private S3 bucket (moto's S3 server, started here). Both
# serve pages from the shared page cache; a change published by one app process is
# visible on both at once; a document an editor uploads on one downloads from the other;
# and a review that reaches its expiry disappears from both without anyone purging
# anything. Exits non-zero on any failure and stops everything it started.
# Usage: bench/two_instances.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PORT_A=${TWO_INSTANCES_PORT_A:-18201} PORT_B=${TWO_INSTANCES_PORT_B:-18202}
PORT_S3=$(.venv/bin/python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
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
# Documents and images in one private bucket (docs/deployment.md, "Object storage").
export AWS_STORAGE_BUCKET_NAME=cspsite-two-instances AWS_S3_ENDPOINT_URL=http://127.0.0.1:$PORT_S3
export AWS_S3_REGION_NAME=eu-west-2 AWS_ACCESS_KEY_ID=two-instances AWS_SECRET_ACCESS_KEY=not-a-secret

.venv/bin/moto_server -H 127.0.0.1 -p "$PORT_S3" >"$WORK/s3.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 300); do curl -s -o /dev/null "$AWS_S3_ENDPOINT_URL" && break; sleep 0.2; done
bucket_objects() {
    .venv/bin/python -c '
import os, boto3
s3 = boto3.client("s3", endpoint_url=os.environ["AWS_S3_ENDPOINT_URL"], region_name=os.environ["AWS_S3_REGION_NAME"])
for item in s3.list_objects_v2(Bucket=os.environ["AWS_STORAGE_BUCKET_NAME"]).get("Contents", []):
    print(item["Key"])
'
}
.venv/bin/python -c '
import os, boto3
s3 = boto3.client("s3", endpoint_url=os.environ["AWS_S3_ENDPOINT_URL"], region_name=os.environ["AWS_S3_REGION_NAME"])
s3.create_bucket(Bucket=os.environ["AWS_STORAGE_BUCKET_NAME"], CreateBucketConfiguration={"LocationConstraint": "eu-west-2"})
'

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

# A publish by one app process reaches both instances within a second (on a loaded
# machine a request already being served when the cache was emptied can finish first).
.venv/bin/python manage.py shell -c '
from dhr.models import DHRIndexPage
page = DHRIndexPage.objects.get()
page.title = "Reviews published by the partnership"
page.save_revision().publish()
'
for port in $PORT_A $PORT_B; do
    for attempt in 1 2 3 4 5; do
        get "http://127.0.0.1:$port$LISTING" | grep -q "Reviews published by the partnership" && break
        [ "$attempt" = 5 ] && fail "instance $port still shows the old listing a second after publishing"
        sleep 0.25
    done
done
pass "a publish is visible on both instances within a second"

# An editor uploads a document on one instance; it goes into the bucket, and the other
# instance serves it (through Django, never a bucket URL).
session=$(.venv/bin/python manage.py shell -c '
from importlib import import_module
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.auth.models import Group
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
user = get_user_model().objects.create_user("two-instances-editor", "editor@two-instances.example")
user.groups.add(Group.objects.get(name="Editors"))
device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
session = import_module(settings.SESSION_ENGINE).SessionStore()
session.update({SESSION_KEY: str(user.pk), BACKEND_SESSION_KEY: "core.auth_backend.PermissionsBackend",
                HASH_SESSION_KEY: user.get_session_auth_hash(), DEVICE_ID_SESSION_KEY: device.persistent_id})
session.save()
from wagtail.models import Collection
print(session.session_key, Collection.get_first_root_node().pk)
' | tail -1)
read -r session collection <<<"$session"
form=$(get -D "$WORK/form-headers" -b "sessionid=$session" "http://127.0.0.1:$PORT_A/admin/documents/add/")
csrf_cookie=$(tr -d '\r' <"$WORK/form-headers" | sed -n 's/^[Ss]et-[Cc]ookie: csrftoken=\([^;]*\).*/\1/p')
csrf_field=$(echo "$form" | sed -n 's/.*name="csrfmiddlewaretoken" value="\([^"]*\)".*/\1/p' | head -1)
[ -n "$csrf_cookie" ] && [ -n "$csrf_field" ] || fail "no upload form on $PORT_A (is the editor signed in?)"
printf 'Minutes of the partnership board, uploaded on one instance.\n' >"$WORK/minutes.txt"
code=$(get -o /dev/null -w '%{http_code}' -b "sessionid=$session; csrftoken=$csrf_cookie" \
    -H "Referer: https://localhost/admin/documents/add/" \
    -F csrfmiddlewaretoken="$csrf_field" -F title="Board minutes" -F collection="$collection" \
    -F file=@"$WORK/minutes.txt" "http://127.0.0.1:$PORT_A/admin/documents/add/")
[ "$code" = 302 ] || fail "upload on $PORT_A answered $code, not a redirect to the listing"
document=$(.venv/bin/python manage.py shell -c '
from core.models import CSPDocument
document = CSPDocument.objects.get(title="Board minutes")
print(document.url, document.file.name)
' | tail -1)
read -r document_url document_key <<<"$document"
bucket_objects | grep -qx "$document_key" || fail "the upload is not in the bucket"
[ -z "$(find "$WORK/media" -type f 2>/dev/null)" ] || fail "uploads were written to MEDIA_ROOT, not the bucket"
case "$document_url" in /documents/*) ;; *) fail "document URL $document_url is not served through Django" ;; esac
get -f "http://127.0.0.1:$PORT_B$document_url" | cmp -s - "$WORK/minutes.txt" ||
    fail "the document uploaded on $PORT_A does not download from $PORT_B"
pass "a document uploaded on one instance goes into the shared bucket and downloads from the other"

# A review reaching its expiry leaves both instances without any purge.
slug=$(.venv/bin/python manage.py shell -c '
import datetime
from django.utils import timezone
from dhr.models import ReviewPage
from ops.caching import purge_all
review = ReviewPage.objects.live().filter(expire_at__gt=timezone.now()).order_by("pk").first()
ReviewPage.objects.filter(pk=review.pk).update(expire_at=timezone.now() + datetime.timedelta(seconds=6))
purge_all()  # as an editor changing the come-down date would
print(review.slug, review.documents.first().document.url)
' | tail -1)
read -r slug review_document <<<"$slug"
for port in $PORT_A $PORT_B; do
    get -o /dev/null "http://127.0.0.1:$port$LISTING$slug/"
    headers=$(get -D - -o /dev/null "http://127.0.0.1:$port$LISTING$slug/" | tr -d '\r')
    echo "$headers" | grep -qi '^x-wagtail-cache: hit' || fail "review not cached on $port"
    age=$(echo "$headers" | sed -n 's/^[Cc]ache-[Cc]ontrol:.*s-maxage=\([0-9]*\).*/\1/p')
    [ "$age" -le 6 ] || fail "review on $port cached for ${age}s, past its expiry"
    get "http://127.0.0.1:$port$LISTING" | grep -q "href=\"$LISTING$slug/\"" || fail "review not linked on $port"
    get -fo /dev/null "http://127.0.0.1:$port$review_document" || fail "the review's document does not download on $port"
done
pass "the review is cached on both, for no longer than the 6 s it has left"
sleep 7
for port in $PORT_A $PORT_B; do
    code=$(get -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port$LISTING$slug/")
    [ "$code" = 410 ] || fail "aged review on $port answered $code, not 410"
    code=$(get -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port$review_document")
    [ "$code" = 410 ] || fail "the aged review's document (in the bucket) on $port answered $code, not 410"
    get "http://127.0.0.1:$port$LISTING" | grep -q "href=\"$LISTING$slug/\"" &&
        fail "aged review still linked from the listing on $port"
done
pass "the aged review and its document in the bucket are gone (410), and it is unlisted, on both instances"
echo "two-instance check passed"
