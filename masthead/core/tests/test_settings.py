import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from masthead.settings.base import secret_key_for


def test_secret_key_is_required_when_debug_is_off(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY must be set"):
        secret_key_for(False, tmp_path)


def test_local_secret_key_is_generated_once_and_kept(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = secret_key_for(True, tmp_path)
    assert len(first) >= 50
    assert secret_key_for(True, tmp_path) == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_environment_secret_key_wins(monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY", "from-the-environment")
    assert secret_key_for(False, tmp_path) == "from-the-environment"


def run_check(env):
    return subprocess.run(
        [sys.executable, "-m", "masthead.cli", "check", "--deploy", "--fail-level", "ERROR"],
        capture_output=True, text=True, env=env, timeout=60,
    )


def test_production_settings_refuse_to_start_without_a_secret(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "masthead.settings.production",
           "MASTHEAD_VAR_DIR": str(tmp_path),
           "DATABASE_URL": f"sqlite:///{tmp_path / 'site.sqlite3'}"}
    result = run_check(env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_production_settings_refuse_to_start_without_a_database_url(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "masthead.settings.production",
           "MASTHEAD_VAR_DIR": str(tmp_path), "SECRET_KEY": "x" * 60}
    result = run_check(env)
    assert result.returncode != 0
    assert "DATABASE_URL must be set in production" in result.stderr
    assert not (tmp_path / "masthead.sqlite3").exists()  # no fallback file made


def test_production_accepts_sqlite_when_it_is_named(tmp_path):
    named = tmp_path / "srv" / "site.sqlite3"
    env = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "masthead.settings.production",
           "MASTHEAD_VAR_DIR": str(tmp_path), "SECRET_KEY": "x" * 60,
           "MASTHEAD_ALLOW_CONSOLE_EMAIL": "1", "DATABASE_URL": f"sqlite:///{named}"}
    code = "from django.conf import settings; print(settings.DATABASES['default']['NAME'])"
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); " + code],
        capture_output=True, text=True, env=env, timeout=60,
    )
    assert result.stdout.strip() == str(named), result.stderr


def test_database_url_selects_the_database(tmp_path):
    code = "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])"
    env = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "masthead.settings.dev",
           "MASTHEAD_VAR_DIR": str(tmp_path),
           "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/test"}
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); " + code],
        capture_output=True, text=True, env=env, timeout=60,
    )
    assert result.stdout.strip() == "django.db.backends.postgresql", result.stderr


def test_cli_accepts_hyphenated_command_names(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "MASTHEAD_VAR_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "masthead.cli", "load-demo", "--help"],
        capture_output=True, text=True, env=env, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "Load the demo newsroom" in result.stdout


def test_postgresql_connections_are_pooled_without_a_check_per_request(tmp_path):
    code = (
        "from django.conf import settings; d = settings.DATABASES['default'];"
        "print(d['OPTIONS']['pool']['max_size'], d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])"
    )
    env = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "masthead.settings.dev",
           "MASTHEAD_VAR_DIR": str(tmp_path), "MASTHEAD_DB_POOL_SIZE": "5",
           "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/test"}
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); " + code],
        capture_output=True, text=True, env=env, timeout=60,
    )
    assert result.stdout.split() == ["5", "0", "False"], result.stderr


def test_deploy_check_warns_when_email_links_have_no_site_url(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "masthead.settings.production",
           "MASTHEAD_VAR_DIR": str(tmp_path), "SECRET_KEY": "x" * 60,
           "MASTHEAD_ALLOW_CONSOLE_EMAIL": "1",
           "DATABASE_URL": f"sqlite:///{tmp_path / 'site.sqlite3'}"}
    assert "MASTHEAD_SITE_URL is not set" in run_check(env).stderr
    env["MASTHEAD_SITE_URL"] = "https://news.example"
    assert "MASTHEAD_SITE_URL" not in run_check(env).stderr


def environment_variables_read_by_the_code():
    """Every NAME in os.environ.get("NAME"), env_bool("NAME"), env_list("NAME")...
    under masthead/ (tests aside), and DATABASE_URL, which dj-database-url reads."""
    import re
    from pathlib import Path

    package = Path(__file__).resolve().parents[2]
    pattern = re.compile(
        r"""(?:os\.environ(?:\.get|\.setdefault)?[(\[]\s*|env_bool\(\s*|env_list\(\s*)"""
        r"""["']([A-Z][A-Z0-9_]+)["']"""
    )
    names = {"DATABASE_URL"}
    for path in package.rglob("*.py"):
        if "tests" not in path.parts or path.name == "browser.py":
            names |= set(pattern.findall(path.read_text()))
    return names


def test_the_readme_names_every_environment_variable_the_code_reads():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[3] / "README.md").read_text()
    table = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    names = environment_variables_read_by_the_code()
    assert {"SECRET_KEY", "MASTHEAD_HSTS_SECONDS", "MASTHEAD_CHROMIUM"} <= names
    # Set by the code for the processes it starts, not read as configuration.
    names -= {"DJANGO_ALLOW_ASYNC_UNSAFE"}
    assert sorted(name for name in names if f"`{name}`" not in table) == []
