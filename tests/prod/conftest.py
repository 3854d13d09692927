import datetime
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def production_env(**overrides):
    """Environment for running the project under production settings in a subprocess.

    The values only need to be well formed: `check --deploy` connects to neither the
    database nor Redis.
    """
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="cspsite.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="csp.millbrook.example",
        DATABASE_URL="postgres://cspsite:secret@127.0.0.1:5432/cspsite",
        REDIS_URL="redis://127.0.0.1:6379/0",
        SECURITY_TXT_CONTACT="mailto:security@millbrook.example",
        SECURITY_TXT_EXPIRES=(datetime.date.today() + datetime.timedelta(days=180)).isoformat(),
    )
    for key, value in overrides.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def run_manage(*args, env, timeout=120):
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser(
        "admin-user", "admin@millbrook.example", "a long enough passphrase for tests"
    )
