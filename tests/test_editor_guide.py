"""The admin's guide is the site's own (docs/editors.md), shown inside the admin to
signed-in users: the help menu and the dashboard open it, not Wagtail's guide on the web."""

import json
import re
from pathlib import Path

import pytest
import wagtail
from django.contrib.auth.models import Group

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[1]
SUMMARY = "wagtailadmin/home/account_summary.html"


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_user("ed", "ed@example.org", "pw")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return client


def test_the_guide_is_docs_editors_md_inside_the_admin(editor_client):
    response = editor_client.get("/admin/guide/")

    assert response.status_code == 200
    html = response.content.decode()
    # Headings, lists and screenshots of docs/editors.md, in the admin's own page.
    assert "<h1" in html and "Editor guide" in html
    assert "<h2>Who can do what</h2>" in html
    assert "<strong>Moderators</strong> approve and publish" in html
    screenshots = re.findall(r'<img alt="[^"]+" src="(/admin/guide/images/[a-z-]+\.png)"', html)
    assert "/admin/guide/images/dashboard.png" in screenshots
    assert len(screenshots) == (ROOT / "docs" / "editors.md").read_text().count("](images/")
    picture = editor_client.get(screenshots[0])
    assert picture.status_code == 200 and picture["Content-Type"] == "image/png"
    assert b"".join(picture.streaming_content).startswith(b"\x89PNG")


@pytest.mark.parametrize("name", ["missing.png", "..png", "Dashboard.PNG", "editors.md"])
def test_only_the_guides_own_pictures_are_served(editor_client, name):
    assert editor_client.get(f"/admin/guide/images/{name}").status_code == 404


def test_the_guide_is_for_signed_in_users_only(client):
    for url in ("/admin/guide/", "/admin/guide/images/dashboard.png"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_help_menu_and_dashboard_open_the_sites_guide(editor_client):
    html = editor_client.get("/admin/").content.decode()

    # The dashboard's account summary.
    assert (
        '<a class="w-underline w-underline-offset-[3px]"\n                   href="/admin/guide/">Editor guide</a>'
        in html
    )
    assert "editor guide" not in html.replace("Editor guide", "")
    # The sidebar's help menu (its items are JSON in the page): one guide, the site's.
    props = re.search(
        r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', html, re.S
    )
    items = []
    json.loads(props[1], object_hook=lambda item: items.append(item) or item)
    guides = [(item["label"], item["url"]) for item in items if item.get("name") == "editor-guide"]
    assert guides == [("Editor guide", "/admin/guide/")]


def test_our_account_summary_is_wagtails_with_only_the_guide_link_changed():
    """A copy of Wagtail's template; when an upgrade changes Wagtail's, this fails and the
    copy is made again from the new one."""
    wagtails = (Path(wagtail.__file__).parent / "admin" / "templates" / SUMMARY).read_text()
    ours = (ROOT / "core" / "templates" / SUMMARY).read_text()
    start, end = (
        wagtails.index("            {% wagtail_feature_release_editor_guide_link"),
        wagtails.index("        </ul>"),
    )
    ours_body = ours[ours.index("{% endcomment %}\n") + len("{% endcomment %}\n") :]
    assert ours_body[:start] == wagtails[:start]
    assert ours_body.endswith(wagtails[end:])
    assert "{% url 'editor_guide' %}" in ours_body
