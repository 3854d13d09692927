"""Documents and images in a private S3-compatible bucket (cspsite/settings/base.py,
"Object storage"), against a real S3 server: moto's, started on a free port by these
tests and stopped after them.

An Editor uploads through the admin; the file lands in the bucket and nowhere on disk;
readers download it through Django (the publication rules still run), and a review that
has come down answers 410 for its documents; image renditions are made and stored in the
bucket, and pages link them by signed URLs that expire."""

import io
import json
import uuid
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import boto3
import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from moto.server import ThreadedMotoServer
from PIL import Image as PILImage
from pypdf import PdfReader
from wagtail.images import get_image_model
from wagtail.models import Collection

from core.models import CSPDocument
from cspsite.settings.base import object_storage, object_storage_origins
from demo.pdfs import build_pdf
from dhr.models import ReviewDocument
from tests.dhr.builders import make_index, make_request_form, make_review
from tests.dhr.test_leaks import AFTER_EXPIRY, PUBLISHED

from .conftest import production_env, run_manage

pytestmark = pytest.mark.django_db

CREDENTIALS = {"AWS_ACCESS_KEY_ID": "test-key", "AWS_SECRET_ACCESS_KEY": "test-secret"}


@pytest.fixture(scope="module")
def s3_endpoint():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_endpoint, settings):
    """A new private bucket, and the site's storage pointed at it as the environment
    variables would."""
    name = f"cspsite-{uuid.uuid4().hex[:12]}"
    environ = {
        "AWS_STORAGE_BUCKET_NAME": name,
        "AWS_S3_ENDPOINT_URL": s3_endpoint,
        "AWS_S3_REGION_NAME": "eu-west-2",
        "AWS_QUERYSTRING_EXPIRE": "600",
        **CREDENTIALS,
    }
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name="eu-west-2",
        aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
    )
    client.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": "eu-west-2"})
    settings.STORAGES = {**settings.STORAGES, "default": object_storage(environ)}
    return client, name


def object_names(bucket):
    client, name = bucket
    return sorted(item["Key"] for item in client.list_objects_v2(Bucket=name).get("Contents", []))


def files_on_disk(settings):
    root = Path(settings.MEDIA_ROOT)
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def editor_client(client, django_user_model):
    user = django_user_model.objects.create_user("editor", "editor@example.org", "pw")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return client


def png_bytes(size=(400, 300)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (30, 90, 160)).save(buffer, "PNG")
    return buffer.getvalue()


def test_an_editors_upload_is_stored_in_the_bucket_and_downloads_through_the_site_until_it_comes_down(
    client, django_user_model, home_page, bucket, settings
):
    content = build_pdf("Overview report", [("Findings", ["Agencies did not share what they knew."])])
    with time_machine.travel(PUBLISHED, tick=False):
        index = make_index(home_page)
        make_request_form(index)
        review = make_review(
            index, "Lesley", publish=False, documents=False, publication_date=PUBLISHED.date()
        )

        editor = editor_client(client, django_user_model)
        response = editor.post(
            "/admin/documents/add/",
            {
                "title": "Overview report",
                "file": SimpleUploadedFile("overview-report.pdf", content),
                "collection": Collection.get_first_root_node().pk,
            },
        )
        assert response.status_code == 302, response.content[:500]
        document = CSPDocument.objects.get(title="Overview report")
        assert object_names(bucket) == [document.file.name]
        assert document.file.name.startswith("documents/")
        assert files_on_disk(settings) == []
        # Read back from the bucket on upload, as from disk.
        assert document.page_count == 1

        review.documents.add(ReviewDocument(document=document, kind="overview_report", sort_order=0))
        review.save_revision().publish()
        client.logout()

        response = client.get(document.url)
        assert response.status_code == 200
        served = b"".join(response.streaming_content)
        # Publishing cleaned the file in place in the bucket (dhr.publication.clean_documents).
        document.refresh_from_db()
        assert object_names(bucket) == [document.file.name]
        with document.file.open("rb") as stored:
            assert served == stored.read() != content
        assert "Agencies did not share" in PdfReader(io.BytesIO(served)).pages[0].extract_text()
        assert response["Content-Type"] == "application/pdf"
        # Through the site, never a redirect to the bucket.
        assert document.url.startswith("/documents/")

    with time_machine.travel(AFTER_EXPIRY, tick=False):
        response = client.get(document.url)
        assert response.status_code == 410
        assert b"no longer published online" in response.content
        assert b"Agencies did not share" not in response.content


def test_signed_urls_expire_within_minutes_and_objects_are_private(bucket):
    client, name = bucket
    document = CSPDocument(title="Annual report")
    document.file.save("annual-report.txt", io.BytesIO(b"The year in figures."), save=False)
    document.save()

    signed = urlsplit(document.file.url)
    assert parse_qs(signed.query)["X-Amz-Expires"] == ["600"]
    acl = client.get_object_acl(Bucket=name, Key=document.file.name)
    assert [grant["Permission"] for grant in acl["Grants"]] == ["FULL_CONTROL"]
    assert all("URI" not in grant["Grantee"] for grant in acl["Grants"])  # no AllUsers grant


def test_image_renditions_are_made_from_and_stored_in_the_bucket(client, django_user_model, bucket, settings):
    editor = editor_client(client, django_user_model)
    response = editor.post(
        "/admin/images/add/",
        {
            "title": "Partnership logo",
            "file": SimpleUploadedFile("logo.png", png_bytes()),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 302, response.content[:500]
    image = get_image_model().objects.get(title="Partnership logo")

    rendition = image.get_rendition("width-200")

    assert (rendition.width, rendition.height) == (200, 150)
    assert rendition.file.name in object_names(bucket)
    assert image.file.name in object_names(bucket)
    assert files_on_disk(settings) == []
    with rendition.file.open("rb") as stored:
        assert PILImage.open(stored).size == (200, 150)
    url = urlsplit(rendition.url)
    assert f"{url.scheme}://{url.netloc}" == settings.STORAGES["default"]["OPTIONS"]["endpoint_url"]
    assert "X-Amz-Signature" in url.query


def test_without_a_bucket_name_files_stay_on_disk():
    assert object_storage({"AWS_S3_ENDPOINT_URL": "https://s3.example"}) is None
    assert object_storage({"AWS_STORAGE_BUCKET_NAME": "  "}) is None


def test_the_content_security_policy_allows_images_from_where_urls_point():
    on_aws = object_storage({"AWS_STORAGE_BUCKET_NAME": "csp-media", "AWS_S3_REGION_NAME": "eu-west-2"})
    assert object_storage_origins(on_aws["OPTIONS"]) == [
        "https://csp-media.s3.amazonaws.com",
        "https://csp-media.s3.eu-west-2.amazonaws.com",
    ]
    elsewhere = object_storage(
        {"AWS_STORAGE_BUCKET_NAME": "csp-media", "AWS_S3_ENDPOINT_URL": "https://objects.example:9000/"}
    )
    assert object_storage_origins(elsewhere["OPTIONS"]) == ["https://objects.example:9000"]


BUCKET_ENV = {
    "AWS_STORAGE_BUCKET_NAME": "csp-media",
    "AWS_S3_ENDPOINT_URL": "https://objects.example",
    "AWS_S3_REGION_NAME": "eu-west-2",
    **CREDENTIALS,
}


def test_production_reads_the_bucket_from_the_environment_and_still_serves_documents_through_django():
    script = (
        "import json; from django.conf import settings; print(json.dumps({"
        "'storage': settings.STORAGES['default'],"
        "'serve': settings.WAGTAILDOCS_SERVE_METHOD,"
        "'img_src': settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'].__repr__()}))"
    )
    result = run_manage("shell", "-c", script, env=production_env(**BUCKET_ENV))

    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values["storage"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert values["storage"]["OPTIONS"]["bucket_name"] == "csp-media"
    assert values["storage"]["OPTIONS"]["querystring_expire"] == 900
    assert values["serve"] == "serve_view"
    assert "https://objects.example" in values["img_src"]


def test_production_refuses_signed_urls_that_die_before_the_cached_page_showing_them():
    result = run_manage(
        "check", env=production_env(**BUCKET_ENV, AWS_QUERYSTRING_EXPIRE="300", PAGE_CACHE_MAX_AGE="300")
    )

    assert result.returncode != 0
    assert "AWS_QUERYSTRING_EXPIRE must be longer than PAGE_CACHE_MAX_AGE" in result.stderr
