"""The production recipe serves photos: real nginx, with the server block from
deploy/nginx/newsdesk.conf (its certificate swapped for plain HTTP on a loopback
port), in front of the app with MEDIA_ACCEL_REDIRECT set. Public photos come
back whole from nginx; private ones, and the internal location, answer 404."""

import re
import shutil
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest
from django.core.wsgi import get_wsgi_application

from articles.models import Status

from .factories import make_article
from .photo_factories import make_image

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not shutil.which("nginx"), reason="nginx is not installed (apt-get install nginx-light)"),
]
CONF = Path(__file__).resolve().parent.parent / "deploy" / "nginx" / "newsdesk.conf"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def nginx_config(app_port, port, media_root, workdir):
    text = CONF.read_text()
    server = text[text.rindex("server {") :]  # the HTTPS server, without the port-80 redirect
    server = re.sub(r"listen 443[^\n]*", f"listen 127.0.0.1:{port};", server)
    server = re.sub(r"\s*ssl_certificate[^\n]*", "", server)
    server = server.replace("/srv/newsdesk/var/media/", f"{media_root}/")
    upstream = text[text.index("upstream newsdesk_app") : text.index("}", text.index("upstream newsdesk_app")) + 1]
    upstream = upstream.replace("127.0.0.1:8000", f"127.0.0.1:{app_port}")
    return (
        f"user root; daemon off; pid {workdir}/nginx.pid; error_log {workdir}/error.log;\n"
        f"events {{}}\nhttp {{\n include /etc/nginx/mime.types; access_log off;\n"
        f" client_body_temp_path {workdir}; proxy_temp_path {workdir};\n{upstream}\n{server}\n}}\n"
    )


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (http on loopback)
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture
def app_port():
    """The app on a loopback port, as gunicorn would run it. (pytest-django's
    live_server serves MEDIA_URL itself, past our view, so it will not do here.)"""
    server = make_server("127.0.0.1", 0, get_wsgi_application(), handler_class=QuietHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_port
    server.shutdown()
    server.server_close()


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def nginx(app_port, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ACCEL_REDIRECT = "/_protected_media/"
    settings.TRUSTED_PROXY_COUNT = 1
    port, workdir = free_port(), tmp_path / "nginx"
    workdir.mkdir()
    (workdir / "nginx.conf").write_text(nginx_config(app_port, port, settings.MEDIA_ROOT, workdir))
    process = subprocess.Popen([shutil.which("nginx"), "-c", str(workdir / "nginx.conf")], stderr=subprocess.PIPE)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            break
        except OSError:
            time.sleep(0.05)
    else:
        process.kill()
        pytest.fail("nginx did not start: " + process.stderr.read().decode())
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=10)


def test_nginx_serves_published_photos_and_refuses_private_ones(nginx, settings):
    public, private = make_image(), make_image()
    make_article(lead_image=public)
    make_article(lead_image=private, status=Status.DRAFT)
    status, headers, body = fetch(f"{nginx}/media/{public.file.name}")
    assert status == 200
    assert body == (settings.MEDIA_ROOT / public.file.name).read_bytes()
    assert headers["Content-Type"] == "image/jpeg"
    assert headers["Cache-Control"] == "public, max-age=300"  # the app's, kept by nginx
    assert "X-Accel-Redirect" not in headers  # nginx acted on it, readers never see it
    rendition = public.renditions("16x9", "webp")[0].name
    assert fetch(f"{nginx}/media/{rendition}")[0] == 200
    assert fetch(f"{nginx}/media/{private.file.name}")[0] == 404
    assert fetch(f"{nginx}/_protected_media/{private.file.name}")[0] == 404  # internal only
    assert fetch(f"{nginx}/")[0] == 200  # pages pass through to the app
