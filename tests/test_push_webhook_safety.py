"""What a webhook may point at: https with DEBUG off, no private, link-local or
loopback addresses unless settings allow them, no redirects followed, answers read
only up to a small limit. Refusals are checked without sending anything anywhere."""

import ipaddress
import socket
from http.server import BaseHTTPRequestHandler
from unittest import mock

import pytest

from subscribers import webhooks
from subscribers.models import Delivery
from tests.factories import make_article

from .local_server import serving
from .push_helpers import FAST, Receiver, announce, drain, make_subscriber

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast(settings):
    for name, value in FAST.items():
        setattr(settings, name, value)


@pytest.mark.parametrize(
    "address",
    ["10.1.2.3", "172.16.0.9", "192.168.1.1", "169.254.169.254", "fe80::1", "fc00::1", "::ffff:10.0.0.1", "100.64.0.1"],
)
def test_private_and_link_local_addresses_are_refused_unless_allowed(settings, address):
    ip = ipaddress.ip_address(address)
    assert "private or link-local" in webhooks.refusal(ip)
    settings.WEBHOOK_ALLOW_PRIVATE_NETWORKS = True
    assert webhooks.refusal(ip) == ""


@pytest.mark.parametrize("address", ["0.0.0.0", "224.0.0.1", "240.0.0.1", "::"])  # noqa: S104 (data, not a bind)
def test_addresses_that_are_not_hosts_are_always_refused(settings, address):
    settings.WEBHOOK_ALLOW_PRIVATE_NETWORKS = True
    assert webhooks.refusal(ipaddress.ip_address(address))


def test_loopback_is_refused_unless_allowed(settings):
    settings.WEBHOOK_ALLOW_LOOPBACK = False
    assert "loopback" in webhooks.refusal(ipaddress.ip_address("127.0.0.1"))
    assert "loopback" in webhooks.refusal(ipaddress.ip_address("::1"))
    assert webhooks.refusal(ipaddress.ip_address("93.184.216.34")) == ""


def test_plain_http_to_a_public_address_is_refused_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(webhooks.Refused, match="https"):
        webhooks.resolve("http://93.184.216.34/hook")  # an address literal: no DNS, no connection


def test_a_refused_webhook_is_never_contacted_and_the_log_says_why(settings):
    settings.WEBHOOK_ALLOW_LOOPBACK = False
    receiver = Receiver()
    with receiver.serving() as url:
        make_subscriber(webhook=url)
        announce(make_article(), "published")
        drain(lambda: Delivery.objects.filter(state=Delivery.State.DEAD).exists())
    assert receiver.requests == []
    assert "loopback" in Delivery.objects.get().last_error


def test_redirects_are_not_followed():
    receiver = Receiver([(302, 0), (200, 0)])
    with receiver.serving() as url:
        make_subscriber(webhook=url)
        announce(make_article(), "published")
        drain(lambda: Delivery.objects.filter(attempts=1, state=Delivery.State.PENDING).exists())
        delivery = Delivery.objects.get()
        assert delivery.last_status == 302
        assert "redirect to http://127.0.0.1:9/elsewhere not followed" in delivery.last_error
        drain(lambda: Delivery.objects.filter(state=Delivery.State.DELIVERED).exists())
    assert len(receiver.requests) == 2  # both to the hook; nothing went to the Location


class Flood(BaseHTTPRequestHandler):
    """Answers 500 with a megabyte of text."""

    def do_POST(self):
        self.rfile.read(int(self.headers["Content-Length"]))
        body = b"x" * 1_000_000
        self.send_response(500)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except OSError:
            pass

    def log_message(self, *args):
        pass


def test_only_a_small_part_of_an_answer_is_read():
    with serving(Flood) as base:
        answer = webhooks.post(base + "/hook", b"{}", {"Content-Type": "application/json"})
    assert answer.status == 500
    assert len(answer.body) == 4096
    assert len(answer.error) < 400


def test_an_address_that_does_not_resolve_is_a_clear_error():
    failure = socket.gaierror(socket.EAI_NONAME, "Name or service not known")
    with mock.patch("socket.getaddrinfo", side_effect=failure):  # no DNS query leaves the machine
        answer = webhooks.post("https://no-such-host.invalid/hook", b"{}", {})
    assert answer.status is None
    assert "cannot resolve no-such-host.invalid" in answer.error
