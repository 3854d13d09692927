"""Every public page of a running demo site, found the way a reader or a crawler would:
from the home pages and the sitemap, following the site's own links, plus the pages no
link leads to (error pages, searches, a form sent with errors).

Used by the HTML validity and accessibility tests, so a new page type or template is
checked as soon as the demo shows it.
"""

import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

# Addresses no link leads to, or not in the demo's links: each page type's other states.
EXTRA_PATHS = [
    "/no-such-page/",
    "/search/?query=abuse",
    "/search/?query=zzqqxx",
    "/search/?query=",
    "/search/?query=abuse&page=99",
    "/domestic-homicide-reviews/?year=1999",
    "/domestic-homicide-reviews/?year=not-a-year",
    "/domestic-homicide-reviews/?page=99",
    "/domestic-homicide-reviews/joan/",  # has come down in the demo: 410
    "/domestic-homicide-reviews/?theme=coercive-control",
    "/domestic-homicide-reviews/?theme=no-such-theme",  # 400
    "/learning-themes/coercive-control/",
    "/learning-themes/no-such-theme/",
    "/cy/themau-dysgu/rheolaeth-drwy-orfodaeth/",
    "/workstreams/?status=nonsense",
    "/publications/?kind=nonsense",
    "/publications/?kind=briefing",
    "/cy/chwilio/?query=cymorth",
    "/cy/dim-tudalen/",
]
FORM_PATHS = [
    "/domestic-homicide-reviews/request-a-copy/",
    "/cy/adolygiadau-dynladdiad-domestig/gofyn-am-gopi/",
]
SKIP = re.compile(r"^/(admin|documents|django-admin|static|media)/|\.(pdf|xml|txt|css|js|png|jpe?g|svg|ico)$")
LINK = re.compile(r'href="([^"#]*)')
LIMIT = 250


@dataclass
class Fetched:
    path: str
    status: int
    html: str


def _open(opener, url, data=None):
    request = urllib.request.Request(url, data=data)  # noqa: S310 - our own local server
    try:
        with opener.open(request, timeout=30) as response:
            return response.status, response.headers.get_content_type(), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get_content_type(), error.read().decode()


def _links(base, html):
    host = urllib.parse.urlsplit(base).netloc
    for href in LINK.findall(html):
        href = href.replace("&amp;", "&")
        parts = urllib.parse.urlsplit(urllib.parse.urljoin(base + "/", href))
        if parts.scheme not in ("http", "https") or parts.netloc != host or SKIP.search(parts.path):
            continue
        yield parts.path + (f"?{parts.query}" if parts.query else "")


def _sitemap_paths(opener, base):
    status, _type, xml = _open(opener, base + "/sitemap.xml")
    if status != 200:
        return []
    return [urllib.parse.urlsplit(loc).path for loc in re.findall(r"<loc>([^<]+)</loc>", xml)]


def crawl(base):
    """Every public HTML page of the site at ``base``, each fetched once."""
    opener = urllib.request.build_opener()
    queue = ["/", "/cy/", *_sitemap_paths(opener, base), *EXTRA_PATHS, *FORM_PATHS]
    seen, pages = set(), []
    while queue and len(seen) < LIMIT:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        status, content_type, body = _open(opener, base + path)
        if content_type != "text/html" or (status == 404 and path not in EXTRA_PATHS):
            continue  # England has no /cy/; each kind of 404 is checked once, from EXTRA_PATHS
        pages.append(Fetched(path, status, body))
        # Links from pages, not from every search result page or filter combination.
        if "?" not in path:
            queue.extend(link for link in _links(base, body) if link not in seen)
    pages.extend(_forms_sent_empty(base))
    return pages


def _forms_sent_empty(base):
    """Each request-a-copy form sent with nothing filled in: the page with its errors."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    for path in FORM_PATHS:
        status, _type, html = _open(opener, base + path)
        if status != 200:
            continue
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        data = urllib.parse.urlencode({"csrfmiddlewaretoken": token.group(1) if token else ""}).encode()
        status, _type, html = _open(opener, base + path, data)
        yield Fetched(f"{path} (sent empty)", status, html)
