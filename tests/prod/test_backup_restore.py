"""`make backup` / `make restore` (the backup_site and restore_site commands): back up
the demo site, wipe the database and media, restore, and find everything again."""

import hashlib
import io
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, connections
from fpdf import FPDF
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

ON_POSTGRES = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))
postgres_only = pytest.mark.skipif(
    not ON_POSTGRES,
    reason="backup and restore use pg_dump/pg_restore: run with DATABASE_URL=postgres://... (CI does)",
)


def digest(field_file):
    with field_file.open("rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def snapshot():
    pages = {
        (p.pk, p.url_path, p.title, p.live, p.specific_class.__name__)
        for p in Page.objects.all().specific(defer=True)
    }
    documents = {(d.pk, d.title, d.file.name, digest(d.file)) for d in get_document_model().objects.all()}
    images = {(i.pk, i.title, i.file.name, digest(i.file)) for i in get_image_model().objects.all()}
    return pages, documents, images


def add_media():
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="Domestic homicide review: executive summary")
    document = get_document_model()(title="Executive summary")
    document.file.save("executive-summary.pdf", ContentFile(bytes(pdf.output())), save=False)
    document.save()

    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 48), (10, 80, 160)).save(buffer, "PNG")
    get_image_model().objects.create(title="Partnership logo", file=ImageFile(buffer, name="logo.png"))
    return document


def wipe_everything():
    connections.close_all()
    with connection.cursor() as cursor:
        cursor.execute("DROP SCHEMA public CASCADE")
        cursor.execute("CREATE SCHEMA public")
    connections.close_all()
    for path in sorted(Path(settings.MEDIA_ROOT).rglob("*"), reverse=True):
        path.rmdir() if path.is_dir() else path.unlink()


@postgres_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_backup_wipe_restore_finds_every_page_and_document(tmp_path, client, capsys):
    call_command("load_demo_content", verbosity=0)
    document = add_media()
    before = snapshot()
    assert len(before[0]) > 5 and before[1] and before[2]

    call_command("backup_site", output_dir=str(tmp_path / "backups"))
    backup_dir = capsys.readouterr().out.strip().splitlines()[-1]
    assert sorted(p.name for p in Path(backup_dir).iterdir()) == [
        "database.dump",
        "manifest.json",
        "media.tar.gz",
    ]

    wipe_everything()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")
        assert cursor.fetchone() == (0,)
    assert not any(Path(settings.MEDIA_ROOT).rglob("*.*"))

    call_command("restore_site", backup_dir, interactive=False)

    assert snapshot() == before
    assert client.get("/").status_code == 200
    assert client.get("/privacy-notice/").status_code == 200
    download = client.get(document.url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")


@postgres_only
def test_restore_refuses_an_incomplete_backup(tmp_path):
    (tmp_path / "database.dump").write_bytes(b"")

    with pytest.raises(CommandError, match="not a complete backup"):
        call_command("restore_site", str(tmp_path), interactive=False)


@pytest.mark.skipif(ON_POSTGRES, reason="checks the message shown on SQLite")
@pytest.mark.django_db
def test_backup_on_sqlite_explains_that_it_needs_postgresql(tmp_path):
    with pytest.raises(CommandError, match="Backups need PostgreSQL"):
        call_command("backup_site", output_dir=str(tmp_path))
