"""The shipped edge cache (deploy/nginx/, Debian's nginx 1.22 and cache-purge module) in
front of the app: a moderator's take-down drops every copy the edge holds of anything
showing the review, whatever the query string, through the app's real purge path; and
the headers nginx itself adds.

nginx runs from the copy deploy/nginx/check.sh writes, with only its addresses changed
(free local ports, the test server as upstream, a temporary images folder): every cache
directive is as shipped. CI installs nginx and the module (.ci/run); elsewhere the tests
are skipped when they are missing."""

import http.client
import re
import shutil
import socket
import ssl
import subprocess
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from dhr.models import ReviewPage
from tests.dhr.builders import make_index, make_review

NGINX_DIR = Path(__file__).resolve().parents[2] / "deploy" / "nginx"
MODULE = Path("/usr/lib/nginx/modules/ngx_http_cache_purge_module.so")
HOST = "localhost"  # the default Site's host name
# The smallest PNG: one transparent pixel.
PIXEL = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c63000100000500010d0a2db40000000049454e44ae426082"
)

pytestmark = [
    pytest.mark.skipif(
        not (shutil.which("nginx") and shutil.which("openssl") and MODULE.exists()),
        reason="needs nginx, openssl and libnginx-mod-http-cache-purge (Debian packages)",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def rewrite(path, replacements):
    """Replace each shipped line in ``path``; fail if one is no longer there."""
    text = path.read_text()
    for old, new in replacements.items():
        assert old in text, f"{path.name} no longer has {old!r}: update this test"
        text = text.replace(old, new)
    path.write_text(text)


class Edge:
    def __init__(self, prefix, port):
        self.prefix = prefix
        self.port = port
        self.context = ssl.create_default_context(cafile=prefix / "tls" / "fullchain.pem")
        self.context.check_hostname = False  # the throwaway certificate names csp.example.org

    def request(self, path, method="GET", body=None):
        connection = http.client.HTTPSConnection("127.0.0.1", self.port, context=self.context, timeout=20)
        try:
            connection.request(method, path, body=body, headers={"Host": HOST})
            response = connection.getresponse()
            return response.status, response.headers, response.read().decode(errors="replace")
        finally:
            connection.close()


@pytest.fixture
def nginx_workdir():
    """A folder nginx's workers (nobody, when the master is root) can reach, unlike
    pytest's tmp_path (mode 700)."""
    path = Path(tempfile.mkdtemp(prefix="cspsite-edge-test-"))
    path.chmod(0o755)
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def edge(live_server, settings, nginx_workdir):
    """The shipped nginx on free ports in front of the test server; the app purges it."""
    prefix = nginx_workdir / "nginx"
    subprocess.run(  # noqa: S603
        [str(NGINX_DIR / "check.sh"), "--prefix", str(prefix)], check=True, capture_output=True, timeout=60
    )
    images = nginx_workdir / "images"
    images.mkdir()
    (images / "pixel.png").write_bytes(PIXEL)
    images.chmod(0o755)
    https, http_port, listener = free_port(), free_port(), free_port()
    conf = prefix / "cspsite"
    rewrite(
        conf / "cspsite-edge.conf",
        {
            "listen 80;": f"listen 127.0.0.1:{http_port};",
            "listen [::]:80;": "",
            "listen 443 ssl http2;": f"listen 127.0.0.1:{https} ssl http2;",
            "listen [::]:443 ssl http2;": "",
            "listen 127.0.0.1:8080;": f"listen 127.0.0.1:{listener};",
            "server 127.0.0.1:8000;": f"server 127.0.0.1:{urlsplit(live_server.url).port};",
            "/srv/cspsite/media/images/": f"{images}/",
        },
    )
    rewrite(conf / "edge-generation.conf", {"http://127.0.0.1:8080/": f"http://127.0.0.1:{listener}/"})
    nginx = subprocess.Popen(  # noqa: S603
        ["nginx", "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-e", str(prefix / "error.log")]  # noqa: S607
        + ["-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                socket.create_connection(("127.0.0.1", https), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or nginx.poll() is not None:
                    raise RuntimeError((prefix / "error.log").read_text()) from None
                time.sleep(0.1)
        settings.EDGE_PURGE_URLS = [f"http://127.0.0.1:{listener}"]
        # The app's page cache on too, as in production: both must let go.
        settings.WAGTAIL_CACHE = True
        yield Edge(prefix, https)
    finally:
        nginx.terminate()  # our own master only, by its PID; it stops its workers
        nginx.wait(timeout=20)
    error_log = (prefix / "error.log").read_text()
    assert "exited on signal" not in error_log, error_log


@pytest.fixture
def review(home_page):
    return make_review(
        make_index(home_page),
        "Rosalind Quayle",
        html_version="<p>Web version of the report about Rosalind Quayle.</p>",
    )


def addresses_showing(review):
    """Everything the edge might hold with the review in it, as a reader could ask."""
    index = review.get_parent().url
    html_versions = [item.html_version_url for item in review.documents.exclude(html_version="")]
    assert html_versions
    return [
        review.url + "?utm_source=newsletter",
        *html_versions,
        f"{index}?year={timezone.localdate().year}",
        "/search/?q=Rosalind+Quayle",
        "/sitemap.xml",
    ]


def shows(body, review):
    return review.url in body or review.summary in body


def edge_status(headers):
    return headers.get("X-Edge-Cache")


def test_a_take_down_drops_every_copy_the_edge_holds(edge, review, client, django_user_model):
    addresses = addresses_showing(review)
    for address in addresses:
        # The first view of a page stores its settings' defaults, which purges everything.
        edge.request(address)
    for address in addresses:
        status, _headers, body = edge.request(address)
        assert status == 200, address
        assert shows(body, review), address
        status, headers, body = edge.request(address)
        assert edge_status(headers) == "HIT", address  # really served from the edge now
        assert shows(body, review), address

    moderator = django_user_model.objects.create_user("moderator", "moderator@example.org", "pw")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(moderator)
    assert client.post(f"/admin/pages/{review.pk}/unpublish/").status_code == 302
    assert not ReviewPage.objects.get(pk=review.pk).live

    for address in addresses:
        _status, headers, body = edge.request(address)
        assert edge_status(headers) != "HIT", address
        assert not shows(body, review), address
    # What the edge stores now is the page without the review.
    _status, headers, body = edge.request(addresses[-1])
    assert edge_status(headers) == "HIT"
    assert not shows(body, review)


def test_nginx_does_not_say_its_version(edge, home_page):
    for address in ["/", "/media/images/pixel.png", "/media/original_images/x.jpg"]:
        _status, headers, _body = edge.request(address)
        assert headers["Server"] == "nginx", address


def test_images_nginx_serves_itself_carry_the_security_headers(edge):
    status, headers, _body = edge.request("/media/images/pixel.png")

    assert status == 200
    assert headers["Content-Type"] == "image/png"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Content-Security-Policy"] == "default-src 'none'"
    assert re.search(r"max-age=2592000", headers["Cache-Control"])  # expires 30d still applies


def test_forms_still_reach_the_app_through_the_edge(edge, home_page):
    status, headers, _body = edge.request("/search/", method="POST", body="q=x")

    # The app's answer (it sends nosniff on every response), not nginx's.
    assert status < 500
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert edge_status(headers) != "HIT"
