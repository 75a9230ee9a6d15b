"""Settings come from the environment with safe defaults (CONTRACT.md's table)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def django(code, **env):
    """Run `code` in a fresh interpreter with only the given environment."""
    environment = {"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": "newsdesk.settings", **env}
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); from django.conf import settings; {code}"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


DEBUG_WORDS = [("false", "False"), ("0", "False"), ("no", "False"), ("", "False"), ("1", "True"), ("YES", "True")]


@pytest.mark.parametrize(("value", "expected"), DEBUG_WORDS)
def test_debug_is_on_only_for_yes_words(value, expected):
    result = django("print(settings.DEBUG)", DEBUG=value, SECRET_KEY="k" * 50)
    assert result.stdout.strip() == expected, result.stderr


def test_secret_key_is_required_when_debug_is_off():
    result = django("print(settings.SECRET_KEY)", DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY is required when DEBUG is off" in result.stderr


def test_development_key_is_marked_insecure():
    result = django("print(settings.SECRET_KEY)", DEBUG="1")
    assert result.stdout.startswith("django-insecure-"), result.stderr


def test_database_and_cache_come_from_urls():
    default = django("print(settings.DATABASES['default']['NAME'], settings.CACHES['default']['BACKEND'])", DEBUG="1")
    assert default.stdout.split() == [
        str(ROOT / "var" / "newsdesk.sqlite3"),
        "django.core.cache.backends.locmem.LocMemCache",
    ], default.stderr
    production = django(
        "d = settings.DATABASES['default']; print(d['ENGINE'], d['NAME'], d['CONN_MAX_AGE'], "
        "settings.CACHES['default']['BACKEND'], settings.ALLOWED_HOSTS, settings.TIME_ZONE)",
        DEBUG="0",
        SECRET_KEY="k" * 50,
        DATABASE_URL="postgres://desk@db.internal:5432/newsdesk",
        REDIS_URL="redis://cache.internal:6379/0",
        ALLOWED_HOSTS="news.example.com, www.example.com",
        TIME_ZONE="Asia/Shanghai",
    )
    assert production.stdout.split() == [
        "django.db.backends.postgresql",
        "newsdesk",
        "600",
        "django.core.cache.backends.redis.RedisCache",
        "['news.example.com',",
        "'www.example.com']",
        "Asia/Shanghai",
    ], production.stderr


def test_deploy_check_finds_nothing_to_fix_with_production_variables():
    env = {
        "PATH": os.environ["PATH"],
        "DEBUG": "false",
        "SECRET_KEY": "a-long-random-production-key-" + "x7Q" * 20,
        "ALLOWED_HOSTS": "news.example.com",
        "SECURE_SSL_REDIRECT": "true",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": "true",
        "SECURE_HSTS_PRELOAD": "true",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
