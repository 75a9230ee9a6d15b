"""`manage.py check --deploy` with the README's production environment reports
only the two warnings the README names (HSTS for every subdomain, and the
preload list: decisions about the domain), and none once those are set."""

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README_PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "a-long-random-production-key-" + "x7Gq2mZ9" * 6,
    "ALLOWED_HOSTS": "news.example.com",
    "SECURE_SSL_REDIRECT": "1",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


def check_deploy(tmp_path, **extra):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "PYTEST_VERSION", "CSP_REPORT_ONLY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env |= README_PRODUCTION | {"DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"} | extra
    out = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "ERROR"],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    return set(re.findall(r"\((\w+\.\w\d+)\)", out.stdout + out.stderr))


def test_production_environment_leaves_only_the_warnings_the_readme_names(tmp_path):
    assert check_deploy(tmp_path) == {"security.W005", "security.W021"}
    readme = (ROOT / "README.md").read_text()
    assert "W005" in readme and "W021" in readme


def test_with_hsts_for_subdomains_and_preload_it_is_clean(tmp_path):
    assert check_deploy(tmp_path, SECURE_HSTS_INCLUDE_SUBDOMAINS="1", SECURE_HSTS_PRELOAD="1") == set()
