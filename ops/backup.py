"""Backing up and restoring the site: the PostgreSQL database (pg_dump's custom format)
and everything under MEDIA_ROOT (a gzipped tar), side by side in one folder."""

import json
import os
import shutil
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.db import connections
from django.utils import timezone

DATABASE_FILE = "database.dump"
MEDIA_FILE = "media.tar.gz"
MANIFEST_FILE = "manifest.json"


def _postgres_settings():
    connection = connections["default"]
    if connection.vendor != "postgresql":
        raise CommandError(
            "Backups need PostgreSQL (DATABASE_URL=postgres://...). "
            f"This site is using {connection.vendor}; copy its database file instead."
        )
    return connection.settings_dict


def _client(program):
    path = shutil.which(program)
    if not path:
        raise CommandError(
            f"{program} was not found. Install the PostgreSQL client tools "
            "(Debian: postgresql-client) of the same major version as the server."
        )
    return path


def _connection_args_and_env(db):
    args = ["--dbname", db["NAME"]]
    if db.get("HOST"):
        args += ["--host", db["HOST"]]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return args, env


def _run(command, env):
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise CommandError(f"{Path(command[0]).name} failed:\n{result.stderr.strip()}")
    return result


def _counts():
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Page

    return {
        "pages": Page.objects.count(),
        "documents": get_document_model().objects.count(),
        "images": get_image_model().objects.count(),
    }


def backup(output_dir):
    """Write a new backup folder under ``output_dir`` and return its path."""
    db = _postgres_settings()
    pg_dump = _client("pg_dump")
    target = Path(output_dir) / f"cspsite-{timezone.now():%Y%m%d-%H%M%S}"
    target.mkdir(parents=True, exist_ok=False)
    args, env = _connection_args_and_env(db)
    _run(
        [
            pg_dump,
            *args,
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            "--file",
            str(target / DATABASE_FILE),
        ],
        env,
    )
    media_root = Path(settings.MEDIA_ROOT)
    with tarfile.open(target / MEDIA_FILE, "w:gz") as archive:
        if media_root.exists():
            for child in sorted(media_root.iterdir()):
                archive.add(child, arcname=child.name)
    manifest = {"created": timezone.now().isoformat(), "counts": _counts()}
    (target / MANIFEST_FILE).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return target


def restore(backup_dir):
    """Replace the database and MEDIA_ROOT with the contents of ``backup_dir``.

    Returns the manifest counts recorded at backup time and the counts found after
    restoring, so the caller can compare them.
    """
    source = Path(backup_dir)
    missing = [name for name in (DATABASE_FILE, MEDIA_FILE, MANIFEST_FILE) if not (source / name).is_file()]
    if missing:
        raise CommandError(f"{source} is not a complete backup: {', '.join(missing)} missing.")
    db = _postgres_settings()
    pg_restore = _client("pg_restore")
    manifest = json.loads((source / MANIFEST_FILE).read_text(encoding="utf-8"))

    connections.close_all()
    args, env = _connection_args_and_env(db)
    _run(
        [
            pg_restore,
            *args,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            str(source / DATABASE_FILE),
        ],
        env,
    )

    media_root = Path(settings.MEDIA_ROOT)
    media_root.mkdir(parents=True, exist_ok=True)
    for child in media_root.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    with tarfile.open(source / MEDIA_FILE, "r:gz") as archive:
        # The "data" filter refuses absolute paths, links out of the folder and devices.
        archive.extractall(media_root, filter="data")  # noqa: S202

    return manifest.get("counts", {}), _counts()
