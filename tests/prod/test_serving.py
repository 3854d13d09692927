"""gunicorn with deploy/gunicorn.conf.py and production settings really starts, answers
/healthz and the home page with production headers, and logs JSON lines."""

import http.client
import json
import os
import socket
import subprocess
import sys
import time

import pytest
from django.db import connection

from .conftest import PROJECT_ROOT, production_env, run_manage

DATABASE_URL = os.environ.get("DATABASE_URL", "")


def redis_is_up():
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


pytestmark = pytest.mark.skipif(
    not DATABASE_URL.startswith(("postgres://", "postgresql://")) or not redis_is_up(),
    reason="needs PostgreSQL (DATABASE_URL=postgres://...) and Redis on 127.0.0.1:6379",
)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(base, path, headers):
    """One GET, redirects not followed."""
    connection = http.client.HTTPConnection(base.removeprefix("http://"), timeout=10)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


@pytest.fixture
def gunicorn(tmp_path):
    port = free_port()
    # The migrated test database, and static files collected as a release would.
    env = production_env(
        DATABASE_URL=DATABASE_URL.rsplit("/", 1)[0] + "/" + connection.settings_dict["NAME"],
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS="2",
        MEDIA_ROOT=str(tmp_path / "media"),
        STATIC_ROOT=str(tmp_path / "static"),
    )
    collected = run_manage("collectstatic", "--noinput", env=env)
    assert collected.returncode == 0, collected.stderr
    log = (tmp_path / "gunicorn.log").open("w+")
    process = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "gunicorn", "--config", "deploy/gunicorn.conf.py"],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
        except OSError:
            if process.poll() is not None:
                break
            time.sleep(0.2)
    try:
        yield base, log
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_gunicorn_serves_health_check_and_logs_json(gunicorn):
    base, log = gunicorn
    host = {"Host": "csp.millbrook.example"}

    status, headers, body = fetch(base, "/healthz", host)
    assert (status, body) == (200, b"ok"), log.seek(0) or log.read()
    assert "no-store" in headers["Cache-Control"]

    # Anything else over plain HTTP is sent to HTTPS.
    status, headers, _ = fetch(base, "/privacy-notice/", host)
    assert status == 301
    assert headers["Location"] == "https://csp.millbrook.example/privacy-notice/"

    # Pages over HTTPS (as nginx forwards them) carry the production headers.
    status, headers, body = fetch(base, "/", {**host, "X-Forwarded-Proto": "https"})
    assert status in (200, 404), body[-2000:]
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000; includeSubDomains")
    assert "'unsafe-inline'" not in headers["Content-Security-Policy"].split("script-src")[1].split(";")[0]
    assert "upgrade-insecure-requests" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "sessionid" not in headers.get("Set-Cookie", "")

    # A Host that is not in ALLOWED_HOSTS is refused.
    status, _, _ = fetch(base, "/healthz", {"Host": "evil.example"})
    assert status == 400, log.seek(0) or log.read()[-3000:]

    time.sleep(0.5)
    log.seek(0)
    lines = [json.loads(line) for line in log.read().splitlines() if line.startswith("{")]
    access = [line for line in lines if line.get("logger") == "gunicorn.access"]
    assert {(line["path"], line["status"]) for line in access} >= {
        ("/healthz", 200),
        ("/privacy-notice/", 301),
    }
    assert all("?" not in line["path"] for line in access)
