"""The Nu Html Checker (vnu.jar, from the npm package vnu-jar pinned in
package-lock.json; MIT licence), run on saved pages by the HTML checks."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

VNU = Path(__file__).resolve().parents[1] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def check(pages):
    """{name: [error messages]} for every page the checker faults."""
    java = shutil.which("java")
    if not java or not VNU.exists():
        pytest.skip(
            "The Nu Html Checker needs java and node_modules/vnu-jar: install a JRE and run make test (npm ci)."
        )
    result = subprocess.run(  # noqa: S603 -- fixed arguments, our own files
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", *pages.values()],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    names = {f"file:{path}": name for name, path in pages.items()}
    found = {}
    for message in json.loads(result.stderr or result.stdout)["messages"]:
        where = names.get(message.get("url"), message.get("url"))
        found.setdefault(where, []).append(f"{message.get('lastLine')}: {message['message']}")
    return found


def save_and_check(client, urls, folder):
    """Fetch each of {name: url} with `client`, save it under `folder` and check it."""
    pages = {}
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == 200, (name, url, response.status_code)
        path = folder / f"{name.replace(' ', '-')}.html"
        path.write_bytes(response.content)
        pages[name] = str(path)
    return check(pages)
