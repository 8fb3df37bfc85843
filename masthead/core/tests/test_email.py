"""EMAIL_URL, and mail that really reaches a server (issue 21, item 5)."""

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMessage, get_connection

from masthead.core.email import EmailURLError, email_settings, require_delivery

SMTP = "django.core.mail.backends.smtp.EmailBackend"


def test_smtp_url_with_tls_names_host_port_and_credentials():
    conf = email_settings("smtp://editor%40ledger:p%2Fss@mail.example:587/?tls=True")
    assert conf == {
        "EMAIL_BACKEND": SMTP,
        "EMAIL_HOST": "mail.example",
        "EMAIL_PORT": 587,
        "EMAIL_HOST_USER": "editor@ledger",
        "EMAIL_HOST_PASSWORD": "p/ss",
        "EMAIL_USE_SSL": False,
        "EMAIL_USE_TLS": True,
        "EMAIL_TIMEOUT": 10,
    }


def test_smtps_is_tls_from_the_first_byte_on_port_465():
    conf = email_settings("smtps://user:pw@mail.example")
    assert (conf["EMAIL_PORT"], conf["EMAIL_USE_SSL"], conf["EMAIL_USE_TLS"]) == (
        465,
        True,
        False,
    )


def test_submission_is_starttls_on_port_587():
    conf = email_settings("submission://mail.example")
    assert (conf["EMAIL_PORT"], conf["EMAIL_USE_TLS"]) == (587, True)


def test_plain_smtp_defaults_to_port_25_and_a_timeout():
    conf = email_settings("smtp://relay.internal/?timeout=3")
    assert (conf["EMAIL_PORT"], conf["EMAIL_USE_TLS"], conf["EMAIL_TIMEOUT"]) == (
        25,
        False,
        3,
    )


def test_console_and_file_urls():
    assert email_settings("console://")["EMAIL_BACKEND"].endswith(
        "console.EmailBackend"
    )
    assert email_settings("file:///var/mail/masthead") == {
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": "/var/mail/masthead",
    }


@pytest.mark.parametrize(
    "url, reason",
    [
        ("smpt://mail.example", "scheme “smpt” is not one of"),
        ("smtp://", "needs a host"),
        ("smtp://mail.example:25x", "port that is not a number"),
        ("smtp://mail.example/?tls=maybe", "tls='maybe': use True or False"),
        ("smtp://mail.example/?ssl=1&tls=1", "both ssl and tls"),
        ("smtp://mail.example/?timeout=soon", "timeout='soon'"),
        ("smtp://mail.example/?starttls=1", "option “starttls” is unknown"),
        ("file://var/mail", "absolute path"),
    ],
)
def test_a_bad_email_url_is_refused_with_the_reason(url, reason):
    with pytest.raises(EmailURLError, match=reason):
        email_settings(url)


def test_a_bad_email_url_never_echoes_the_password():
    with pytest.raises(EmailURLError) as refused:
        email_settings("smtp://user:s3cret-pw@mail.example/?tls=perhaps")
    assert "s3cret-pw" not in str(refused.value)


def test_console_email_is_refused_unless_allowed():
    console = "django.core.mail.backends.console.EmailBackend"
    with pytest.raises(ImproperlyConfigured, match="EMAIL_URL is not set"):
        require_delivery(console, allow_console=False)
    require_delivery(console, allow_console=True)
    require_delivery(SMTP, allow_console=False)


def test_a_message_reaches_a_real_smtp_server_headers_included(smtp_server):
    conf = email_settings(smtp_server.url)
    connection = get_connection(
        conf["EMAIL_BACKEND"],
        host=conf["EMAIL_HOST"],
        port=conf["EMAIL_PORT"],
        timeout=conf["EMAIL_TIMEOUT"],
    )
    EmailMessage(
        "Über the budget",
        "Körper text.\n",
        "newsroom@ledger.example",
        ["reader@example.org"],
        headers={"X-Masthead": "test"},
        connection=connection,
    ).send()
    [received] = smtp_server.messages()
    assert received["From"] == "newsroom@ledger.example"
    assert received["To"] == "reader@example.org"
    assert received["X-Masthead"] == "test"
    assert received["Subject"] == "Über the budget"
    assert received.get_content() == "Körper text.\n"


def production_env(tmp_path, **extra):
    return {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "masthead.settings.production",
        "MASTHEAD_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'site.sqlite3'}",
        "SECRET_KEY": "x" * 60,
        "PYTHONPATH": os.getcwd(),
        **extra,
    }


def masthead(*args, env):
    return subprocess.run(
        [sys.executable, "-m", "masthead.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def test_sendtestemail_sends_through_email_url(smtp_server, tmp_path):
    env = production_env(
        tmp_path,
        EMAIL_URL=smtp_server.url,
        DEFAULT_FROM_EMAIL="The Ledger <news@ledger.example>",
    )
    result = masthead("sendtestemail", "editor@ledger.example", env=env)
    assert result.returncode == 0, result.stderr
    [received] = smtp_server.messages()
    assert received["To"] == "editor@ledger.example"
    assert received["From"] == "The Ledger <news@ledger.example>"
    assert received["Subject"].startswith("Test email from")


def test_production_refuses_to_start_without_email_url(tmp_path):
    result = masthead("check", env=production_env(tmp_path))
    assert result.returncode != 0
    assert "EMAIL_URL is not set" in result.stderr
    allowed = production_env(tmp_path, MASTHEAD_ALLOW_CONSOLE_EMAIL="1")
    assert masthead("check", env=allowed).returncode == 0


def test_production_refuses_a_mistyped_email_url(tmp_path):
    result = masthead("check", env=production_env(tmp_path, EMAIL_URL="smtp:/mail"))
    assert result.returncode != 0
    assert "needs a host" in result.stderr
