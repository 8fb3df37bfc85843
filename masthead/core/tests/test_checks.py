"""`masthead check --deploy` names each production mistake (issue 21, item 6).

Each case runs the real command in a fresh process with production settings,
as an operator would before the first deploy.
"""

import os
import subprocess
import sys

import pytest
from django.core.checks import run_checks

GOOD = {
    "EMAIL_URL": "smtp://mail.example:587/?tls=True",
    "MASTHEAD_SITE_URL": "https://news.example",
    "ALLOWED_HOSTS": "news.example",
    "TIME_ZONE": "Europe/London",
}


def check_deploy(tmp_path, **env):
    full = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "masthead.settings.production",
        "MASTHEAD_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'site.sqlite3'}",
        "SECRET_KEY": "x" * 60,
        "PYTHONPATH": os.getcwd(),
        **env,
    }
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "masthead.cli",
            "check",
            "--deploy",
            "--fail-level",
            "ERROR",
        ],
        capture_output=True,
        text=True,
        env=full,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout + result.stderr


def test_a_careless_production_gets_every_warning(tmp_path):
    output = check_deploy(
        tmp_path,
        MASTHEAD_ALLOW_CONSOLE_EMAIL="1",
        ALLOWED_HOSTS="*",
        DEBUG="1",
        MASTHEAD_HSTS_SECONDS="0",
        REDIS_URL="redis://127.0.0.1:6379/12",
    )
    assert "(masthead.W010) Email goes to console" in output
    assert "(masthead.W001) MASTHEAD_SITE_URL is not set" in output
    assert "(masthead.W011) ALLOWED_HOSTS contains '*'" in output
    assert "(masthead.W012) TIME_ZONE is not set" in output
    assert "(masthead.W013) Uploads are saved to this server's disk" in output
    assert "security.W004" in output  # HSTS off: Django's own check says so
    assert "security.W018" in output  # DEBUG on: likewise


def test_a_careful_production_gets_none_of_them(tmp_path):
    output = check_deploy(
        tmp_path,
        **GOOD,
        REDIS_URL="redis://127.0.0.1:6379/12",
        MASTHEAD_SHARED_MEDIA="1",
    )
    for code in ["W001", "W010", "W011", "W012", "W013"]:
        assert f"masthead.{code}" not in output, output
    assert "security.W004" not in output and "security.W018" not in output


def warnings_now(**overrides):
    return {message.id for message in run_checks(include_deployment_checks=True)}


@pytest.mark.parametrize(
    "backend, warned",
    [
        ("django.core.mail.backends.console.EmailBackend", True),
        ("django.core.mail.backends.dummy.EmailBackend", True),
        ("django.core.mail.backends.smtp.EmailBackend", False),
    ],
)
def test_email_check_follows_the_backend_setting(settings, backend, warned):
    settings.EMAIL_BACKEND = backend
    assert ("masthead.W010" in warnings_now()) is warned


def test_local_media_is_fine_for_one_app_server(settings):
    settings.REDIS_URL = ""
    assert "masthead.W013" not in warnings_now()
    settings.REDIS_URL = "redis://cache:6379/0"
    assert "masthead.W013" in warnings_now()


def test_media_in_a_bucket_is_fine_for_several_app_servers(settings):
    from masthead.core.media_storage import media_storage

    settings.REDIS_URL = "redis://cache:6379/0"
    settings.STORAGES = {**settings.STORAGES, "default": media_storage("s3://media")}
    assert "masthead.W013" not in warnings_now()


def test_several_app_servers_on_local_media_are_told_how_to_move_it(tmp_path):
    output = check_deploy(tmp_path, **GOOD, REDIS_URL="redis://127.0.0.1:6379/12")
    assert "(masthead.W013) Uploads are saved to this server's disk" in output
    assert "MASTHEAD_MEDIA_STORAGE_URL=s3://" in output
    assert "masthead media-migrate --to s3" in output
    bucket = "s3://media?endpoint_url=http://127.0.0.1:9&region=us-east-1"
    output = check_deploy(
        tmp_path, **GOOD, REDIS_URL="redis://127.0.0.1:6379/12",
        MASTHEAD_MEDIA_STORAGE_URL=bucket,
    )
    assert "masthead.W013" not in output
