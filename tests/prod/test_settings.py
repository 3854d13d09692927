"""Production settings: `check --deploy` is clean, missing variables stop the start with
a clear message, and the production choices (2FA, Redis, PostgreSQL, JSON logs) hold."""

import json
import logging

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from ops.logging import JsonLinesFormatter

from .conftest import production_env, run_manage


def test_check_deploy_reports_no_issues_with_required_env():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=production_env())

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


@pytest.mark.parametrize("name", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL"])
def test_missing_required_variable_fails_with_a_clear_message(name):
    result = run_manage("check", env=production_env(**{name: None}))

    assert result.returncode != 0
    assert f"The environment variable {name} must be set" in result.stderr


def test_blank_secret_key_is_treated_as_missing():
    result = run_manage("check", env=production_env(SECRET_KEY="   "))

    assert result.returncode != 0
    assert "The environment variable SECRET_KEY must be set" in result.stderr


def test_sqlite_database_url_is_refused_in_production():
    result = run_manage("check", env=production_env(DATABASE_URL="sqlite:////tmp/cspsite.sqlite3"))

    assert result.returncode != 0
    assert "DATABASE_URL must point at PostgreSQL" in result.stderr


def test_production_requires_2fa_uses_redis_and_postgres_and_logs_json():
    script = (
        "import json; from django.conf import settings; print(json.dumps({"
        "'debug': settings.DEBUG, '2fa': settings.WAGTAIL_2FA_REQUIRED,"
        "'cache': settings.CACHES['default']['BACKEND'],"
        "'db': settings.DATABASES['default']['ENGINE'],"
        "'hosts': settings.ALLOWED_HOSTS,"
        "'admin_url': settings.WAGTAILADMIN_BASE_URL,"
        "'formatter': settings.LOGGING['formatters']['json']['()'],"
        "'script_src': settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['script-src'].__repr__(),"
        "'email': settings.EMAIL_BACKEND}))"
    )
    result = run_manage("shell", "-c", script, env=production_env())

    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values["debug"] is False
    assert values["2fa"] is True
    assert values["cache"] == "ops.resilient_cache.ResilientRedisCache"
    assert values["db"] == "django.db.backends.postgresql"
    assert values["hosts"] == ["csp.millbrook.example"]
    assert values["admin_url"] == "https://csp.millbrook.example"
    assert values["formatter"] == "ops.logging.JsonLinesFormatter"
    assert "unsafe-inline" not in values["script_src"]
    assert values["email"] == "django.core.mail.backends.smtp.EmailBackend"


def test_json_log_lines_carry_level_message_extra_and_exception_but_not_the_request(rf):
    formatter = JsonLinesFormatter()
    request = rf.get("/private/?name=Someone", HTTP_COOKIE="sessionid=secret")
    try:
        raise ValueError("boom")
    except ValueError:
        record = logging.getLogger("django.request").makeRecord(
            "django.request",
            logging.ERROR,
            __file__,
            1,
            'Internal Server Error: %s "quoted"',
            ("/private/",),
            exc_info=__import__("sys").exc_info(),
            extra={"status_code": 500, "request": request},
        )
    line = formatter.format(record)

    assert "\n" not in line
    entry = json.loads(line)
    assert entry["level"] == "ERROR"
    assert entry["logger"] == "django.request"
    assert entry["message"] == 'Internal Server Error: /private/ "quoted"'
    assert entry["status_code"] == 500
    assert entry["path"] == "/private/"
    assert "ValueError: boom" in entry["exception"]
    assert "secret" not in line and "Someone" not in line


@pytest.mark.parametrize(
    "password", ["short1!", "password1234", "123456789012345", "millbrook-editor", "admin@millbrook"]
)
def test_weak_passwords_are_refused(password, django_user_model):
    user = django_user_model(username="millbrook-editor", email="admin@millbrook.example")
    with pytest.raises(ValidationError):
        validate_password(password, user)


def test_a_long_passphrase_is_accepted(django_user_model):
    user = django_user_model(username="editor", email="editor@millbrook.example")
    validate_password("correct horse battery staple river", user)
