"""Helpers for the wire tests: run `ingest` and build small wire documents."""

import json
from io import StringIO
from pathlib import Path

from django.core.management import CommandError, call_command

# IPTC's own examples and ninjs schemas, kept in the repository with their licence notes (see its README.md).
SAMPLES = Path(__file__).resolve().parent / "data" / "iptc"


def ingest(*args):
    """Run `manage.py ingest`; returns (exit status, output lines)."""
    out = StringIO()
    try:
        call_command("ingest", *[str(a) for a in args], stdout=out)
        status = 0
    except CommandError as error:
        status = error.returncode
    return status, out.getvalue().splitlines()


def write(folder, name, content):
    path = Path(folder) / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    return path


def ninjs2(uri="urn:test:1", headline="Ministers meet in Moscow", body="<p>Talks went on.</p>", **extra):
    doc = {
        "uri": uri,
        "type": "text",
        "versioncreated": "2026-03-24T09:00:00Z",
        "headlines": [{"role": "main", "value": headline}],
        "bodies": [{"role": "main", "contenttype": "application/xhtml+xml", "value": body}],
    }
    return json.dumps(doc | extra)


NAR = "http://iptc.org/std/nar/2006-10-01/"


def news_item(guid="urn:test:g2:1", headline="Harbour reopens after storm", version=1, urgency=None, extra_meta="",
              extra_content="", body="<p>Ships moved again.</p>", pubstatus="usable"):  # fmt: skip
    urgency_xml = f"<urgency>{urgency}</urgency>" if urgency is not None else ""
    return (
        f'<newsItem xmlns="{NAR}" guid="{guid}" version="{version}" standard="NewsML-G2">'
        f'<itemMeta><itemClass qcode="ninat:text"/><provider literal="Harbour Wire"/>'
        f'<versionCreated>2026-03-24T10:00:00Z</versionCreated><pubStatus qcode="stat:{pubstatus}"/>{extra_meta}'
        f"</itemMeta><contentMeta>{urgency_xml}<headline>{headline}</headline>{extra_content}</contentMeta>"
        f'<contentSet><inlineXML contenttype="application/xhtml+xml">'
        f'<html xmlns="http://www.w3.org/1999/xhtml"><head><title>x</title></head><body>{body}</body></html>'
        f"</inlineXML></contentSet></newsItem>"
    )


def news_message(*items):
    return f'<?xml version="1.0" encoding="UTF-8"?><newsMessage xmlns="{NAR}"><header><sent>2026-03-24T10:00:00Z</sent></header><itemSet>{"".join(items)}</itemSet></newsMessage>'  # noqa: E501
