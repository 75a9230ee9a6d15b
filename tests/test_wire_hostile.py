"""Hostile and broken input: each rejected (or neutralised) with a reason, the rest of the batch kept."""

import json

import pytest
from django.test import override_settings

from articles.models import Article, Byline
from wire.models import IngestLog

from .wire_helpers import NAR, ingest, news_item, news_message, ninjs2, write

pytestmark = pytest.mark.django_db

XXE = f"""<?xml version="1.0"?><!DOCTYPE newsItem [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<newsItem xmlns="{NAR}" guid="urn:evil:xxe" version="1">
<contentMeta><headline>&xxe;</headline></contentMeta></newsItem>"""

LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">' for i in range(1, 10))
    + f']><newsItem xmlns="{NAR}" guid="urn:evil:lol"><contentMeta><headline>&lol9;</headline></contentMeta></newsItem>'
)


def batch(tmp_path, bad_name, bad_content):
    """A folder with one good file either side of the bad one."""
    write(tmp_path, "a-good.json", ninjs2(uri="urn:good:a"))
    write(tmp_path, bad_name, bad_content)
    write(tmp_path, "z-good.xml", news_item(guid="urn:good:z"))
    status, lines = ingest(tmp_path)
    assert status == 1
    assert set(Article.objects.values_list("guid", flat=True)) == {"urn:good:a", "urn:good:z"}
    rejected = [line for line in lines if line.startswith("rejected ")]
    assert len(rejected) == 1, lines
    assert lines[-1] == "total 3: 2 created, 0 updated, 0 unchanged, 1 rejected"
    return rejected[0]


def test_xxe_is_refused_and_no_file_is_read(tmp_path):
    line = batch(tmp_path, "m-xxe.xml", XXE)
    assert "unsafe XML refused" in line
    assert "root:" not in line


def test_billion_laughs_is_refused_before_expanding(tmp_path):
    assert "unsafe XML refused" in batch(tmp_path, "m-lol.xml", LAUGHS)


def test_truncated_json_is_rejected(tmp_path):
    line = batch(tmp_path, "m-cut.json", ninjs2(uri="urn:bad:cut")[:60])
    assert line.endswith(
        "m-cut.json truncated JSON (the file ends mid-item): Unterminated string starting at (line 1, column 58)"
    )


def test_invalid_utf8_is_rejected(tmp_path):
    assert "not valid UTF-8: byte 0xff" in batch(tmp_path, "m-bytes.json", b'{"uri": "urn:x", "headline": "\xff\xfe"}')


def test_invalid_utf8_in_xml_is_rejected(tmp_path):
    assert "XML not well-formed" in batch(
        tmp_path, "m-bytes.xml", news_item(guid="urn:bad:enc").encode().replace(b"Harbour", b"Harb\xffour")
    )


def test_missing_uri_is_rejected(tmp_path):
    doc = json.loads(ninjs2())
    del doc["uri"]
    assert "missing uri" in batch(tmp_path, "m-nouri.json", json.dumps(doc))


@pytest.mark.parametrize(
    ("field", "value", "reason"),
    [
        ("urgency", "very", "urgency must be a whole number"),
        ("urgency", 12, "urgency must be between 1 and 9"),
        ("headlines", "Not a list", "headlines must be an array"),
        ("versioncreated", 20260324, "versioncreated must be a date-time string"),
        ("uri", 42, "uri must be a string"),
        ("pubstatus", "maybe", "pubstatus must be usable, withheld or canceled"),
        ("type", "picture", "is not a story"),
    ],
)
def test_wrong_types_are_rejected_per_item(tmp_path, field, value, reason):
    good = json.loads(ninjs2(uri="urn:good:b"))
    bad = json.loads(ninjs2(uri="urn:bad:types")) | {field: value}
    status, lines = ingest(write(tmp_path, "mixed.json", json.dumps([good, bad])))
    assert status == 1
    assert lines[0] == "created urn:good:b Ministers meet in Moscow"
    assert lines[1].startswith("rejected ") and reason in lines[1]


def test_wrong_types_in_newsml_reject_only_that_item(tmp_path):
    message = news_message(news_item(guid="urn:g2:ok"), news_item(guid="urn:g2:bad", urgency="high"))
    status, lines = ingest(write(tmp_path, "m.xml", message))
    assert status == 1
    assert lines[:2] == [
        "created urn:g2:ok Harbour reopens after storm",
        "rejected urn:g2:bad urgency must be a whole number, not 'high'",
    ]


def test_script_laden_body_and_byline_are_neutralised(tmp_path, client):
    body = '<p onclick="steal()">Calm words.<script>alert(1)</script><a href="javascript:alert(2)">x</a></p>'
    doc = ninjs2(uri="urn:test:xss", body=body, by='<script>alert("by")</script><b>Ann</b> Lee',
                 headline='<img src=x onerror=alert(3)>Harbour calm')  # fmt: skip
    status, _ = ingest(write(tmp_path, "xss.json", doc))
    assert status == 0
    story = Article.objects.get()
    assert "script" not in story.body and "onclick" not in story.body and "javascript" not in story.body
    assert story.headline == "Harbour calm"
    assert list(Byline.objects.values_list("name", flat=True)) == ["Ann Lee"]
    page = client.get(story.get_absolute_url()).content.decode()
    assert "alert(" not in page


@override_settings(WIRE_MAX_FILE_BYTES=2000)
def test_file_over_the_size_limit_is_rejected_unread(tmp_path):
    line = batch(tmp_path, "m-big.json", ninjs2(uri="urn:bad:big", body="<p>" + "word " * 1000 + "</p>"))
    assert "m-big.json file is" in line and "over the 2000-byte limit" in line


@override_settings(WIRE_MAX_ITEM_BYTES=500)
def test_item_over_the_item_limit_is_rejected_alone(tmp_path):
    message = news_message(
        news_item(guid="urn:g2:small"), news_item(guid="urn:g2:huge", body="<p>" + "x" * 600 + "</p>")
    )
    status, lines = ingest(write(tmp_path, "m.xml", message))
    assert status == 1
    assert lines[1].startswith("rejected urn:g2:huge item is") and "over the 500-byte limit" in lines[1]
    assert Article.objects.filter(guid="urn:g2:small").exists()


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("Dear desk, please find attached.", "not a wire format: neither JSON"),
        ("<html><body><p>Hello</p></body></html>", "not a wire format: XML root element <html>"),
        ("", "not a wire format"),
    ],
)
def test_a_file_that_is_not_a_feed_is_rejected(tmp_path, content, reason):
    assert reason in batch(tmp_path, "m-note.txt", content)


def test_truncated_news_message_keeps_the_items_before_the_break(tmp_path):
    message = news_message(news_item(guid="urn:g2:1"), news_item(guid="urn:g2:2"))
    cut = message[: message.index('guid="urn:g2:2"') + 40]
    status, lines = ingest(write(tmp_path, "cut.xml", cut))
    assert status == 1
    assert lines[0].startswith("created urn:g2:1")
    assert lines[1].startswith("rejected ") and "XML not well-formed" in lines[1]


def test_rejections_are_kept_in_the_ingest_log(tmp_path):
    batch(tmp_path, "m-nouri.json", "{}")
    entry = IngestLog.objects.get(action="rejected")
    assert entry.message == "missing uri (the item's identifier)"
    assert entry.origin.endswith("m-nouri.json")


def test_ingest_never_prints_a_traceback(tmp_path, capsys):
    for n, content in enumerate([XXE, LAUGHS, "{", b"\xff", "[1, 2]", '{"uri": []}', "<rss><channel>"]):
        write(tmp_path, f"bad{n}", content)
    status, lines = ingest(tmp_path)
    assert status == 1
    assert not any("Traceback" in line for line in lines)
    assert "Traceback" not in capsys.readouterr().err
