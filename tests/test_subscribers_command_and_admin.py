"""`manage.py subscribers add|list|revoke`, and subscribers in the admin: keys shown once."""

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from subscribers.models import ApiKey, Delivery, Subscriber
from tests.factories import make_article, make_source, xinhua

from .push_helpers import bearer, make_subscriber

pytestmark = pytest.mark.django_db


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("subscribers", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_add_prints_a_working_key_once_and_keeps_the_product(client):
    other = make_source(slug="reuters-test")
    xinhua()
    out, err = run(
        "add", "Harbour Gazette", "--sources", "xinhua,reuters-test", "--kinds", "news,feature",
        "--precedence", "urgent", "--webhook", "https://gazette.example/hook", "--secret", "s3cret-s3cret",
    )  # fmt: skip
    key = out.strip()
    assert re.fullmatch(r"nd_[\w-]{40}", key)
    assert "shown only this once" in err
    subscriber = Subscriber.objects.get(name="Harbour Gazette")
    assert set(subscriber.sources.all()) == {xinhua(), other}
    assert (subscriber.kinds, subscriber.lowest_precedence) == (["news", "feature"], "urgent")
    assert (subscriber.webhook_url, subscriber.webhook_secret) == ("https://gazette.example/hook", "s3cret-s3cret")
    inside = make_article(precedence="urgent")
    response = client.get("/api/ninjs/", headers=bearer(key))
    assert [item["uri"] for item in response.json()["items"]] == [inside.guid]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["add", "X", "--sources", "nowhere"], "No source with slug nowhere"),
        (["add", "X", "--kinds", "gossip"], "Unknown kinds: gossip"),
        (["add", "X", "--webhook", "https://x.example/"], "--webhook and --secret go together"),
        (["add", "X", "--webhook", "ftp://x.example/", "--secret", "abc"], "full web address"),
        (["revoke", "nd"], "first characters"),
        (["revoke", "nd_nothing"], "No API key starts with"),
    ],
)
def test_bad_input_is_a_clear_error(args, message):
    with pytest.raises(CommandError, match=re.escape(message)):
        run(*args)
    assert not Subscriber.objects.filter(name="X").exists()


def test_list_shows_products_webhooks_and_keys_without_the_keys():
    subscriber, key = make_subscriber(name="Coast Radio", webhook="https://coast.example/hook", kinds=["feature"])
    out, _ = run("list")
    assert "Coast Radio: all sources; feature; any precedence; any language" in out
    assert "webhook: https://coast.example/hook" in out
    assert key[:12] in out and key not in out
    assert "live, never used" in out


def test_revoke_by_prefix_stops_the_key(client):
    _, key = make_subscriber()
    assert client.get("/api/ninjs/", headers=bearer(key)).status_code == 200
    out, _ = run("revoke", key[:12])
    assert f"Revoked key {key[:12]}" in out
    assert client.get("/api/ninjs/", headers=bearer(key)).status_code == 401
    assert "already revoked" in run("revoke", key[:12])[0]


def test_adding_a_subscriber_in_the_admin_shows_its_key_once(staff_client, client):
    response = staff_client.post(
        reverse("admin:subscribers_subscriber_add"),
        {
            "name": "Island Times", "active": "on", "contact": "", "kinds": ["news"],
            "lowest_precedence": "routine", "languages": "", "requests_per_minute": "60",
            "webhook_url": "", "webhook_secret": "",
            "keys-TOTAL_FORMS": "0", "keys-INITIAL_FORMS": "0", "keys-MIN_NUM_FORMS": "0", "keys-MAX_NUM_FORMS": "1000",
        },
    )  # fmt: skip
    assert response.status_code == 200, response.content.decode()[:2000]
    [key] = re.findall(r"<code data-new-api-key>([^<]+)</code>", response.content.decode())
    assert client.get("/api/ninjs/", headers=bearer(key)).status_code == 200
    page = staff_client.get(reverse("admin:subscribers_subscriber_change", args=[Subscriber.objects.get().pk]))
    assert key[:12] in page.content.decode() and key not in page.content.decode()


def test_issue_key_action_and_revoking_in_the_form(staff_client, client):
    subscriber, old_key = make_subscriber(name="Valley News")
    response = staff_client.post(
        reverse("admin:subscribers_subscriber_changelist"),
        {"action": "issue_key", "_selected_action": [subscriber.pk]},
    )
    [new_key] = re.findall(r"<code data-new-api-key>([^<]+)</code>", response.content.decode())
    old = ApiKey.objects.get(prefix=old_key[:12])
    new = ApiKey.objects.get(prefix=new_key[:12])
    form = {
        "name": "Valley News", "active": "on", "lowest_precedence": "routine", "requests_per_minute": "120",
        "keys-TOTAL_FORMS": "2", "keys-INITIAL_FORMS": "2", "keys-MIN_NUM_FORMS": "0", "keys-MAX_NUM_FORMS": "1000",
        "keys-0-id": old.pk, "keys-0-subscriber": subscriber.pk, "keys-0-label": "", "keys-0-revoke": "on",
        "keys-1-id": new.pk, "keys-1-subscriber": subscriber.pk, "keys-1-label": "spare",
    }  # fmt: skip
    response = staff_client.post(reverse("admin:subscribers_subscriber_change", args=[subscriber.pk]), form)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert client.get("/api/ninjs/", headers=bearer(old_key)).status_code == 401
    assert client.get("/api/ninjs/", headers=bearer(new_key)).status_code == 200


def test_delivery_log_lists_event_story_attempts_status_and_latency(staff_client):
    subscriber, _ = make_subscriber(webhook="https://log.example/hook")
    url = reverse("admin:subscribers_delivery_changelist")

    def log(n):
        for _ in range(n):
            story = make_article(headline=f"Logged story {Delivery.objects.count()}")
            Delivery.objects.create(
                subscriber=subscriber, article=story, guid=story.guid, event="updated", state="delivered",
                not_before=story.published_at, attempts=2, last_status=204, latency_ms=31,
            )  # fmt: skip
        with CaptureQueriesContext(connection) as queries:
            page = staff_client.get(url, {"subscriber__id__exact": subscriber.pk}).content.decode()
        return page, len(queries)

    page, one = log(1)
    assert "Logged story 0" in page and "Updated" in page and ">204<" in page and ">31<" in page
    page, six = log(5)
    assert "Logged story 5" in page
    assert one == six  # rows come with their subscriber and story joined
