"""The shipped nginx edge-cache configuration (deploy/nginx/) passes ``nginx -t`` with
Debian's nginx and cache-purge module, so it cannot rot unnoticed. CI installs both
(.ci/run); elsewhere the test is skipped when they are missing."""

import shutil
import subprocess
from pathlib import Path

import pytest

NGINX_DIR = Path(__file__).resolve().parents[2] / "deploy" / "nginx"
MODULE = Path("/usr/lib/nginx/modules/ngx_http_cache_purge_module.so")

pytestmark = pytest.mark.skipif(
    not (shutil.which("nginx") and shutil.which("openssl") and MODULE.exists()),
    reason="needs nginx, openssl and libnginx-mod-http-cache-purge (Debian packages)",
)


def check(directory):
    return subprocess.run(  # noqa: S603
        [str(directory / "check.sh")], capture_output=True, text=True, timeout=60, check=False
    )


def test_shipped_configuration_passes_nginx_t():
    result = check(NGINX_DIR)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "nginx -t passed" in result.stdout


def test_a_broken_configuration_fails_the_check(tmp_path):
    copy = tmp_path / "nginx"
    shutil.copytree(NGINX_DIR, copy)
    proxy = copy / "cache-proxy.conf"
    proxy.write_text(proxy.read_text().replace("proxy_cache_lock on;", "proxy_cache_lock sometimes;"))

    result = check(copy)

    assert result.returncode != 0
    assert "proxy_cache_lock" in result.stderr
