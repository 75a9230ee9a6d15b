"""When the database refuses writes, ingest rejects each item with the reason
(one line each, exit status 1) instead of crashing with a traceback."""

import pytest
from django.db import OperationalError, connection

from articles.models import Article

from .wire_helpers import ingest, ninjs2, write

pytestmark = pytest.mark.django_db


def refuse_writes(execute, sql, params, many, context):
    if sql.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
        raise OperationalError("attempt to write a readonly database")
    return execute(sql, params, many, context)


def test_ingest_rejects_each_item_with_a_reason_when_the_database_refuses_writes(tmp_path):
    write(tmp_path, "a.json", ninjs2(uri="urn:test:down:1", headline="First item"))
    write(tmp_path, "b.json", ninjs2(uri="urn:test:down:2", headline="Second item"))
    with connection.execute_wrapper(refuse_writes):
        status, lines = ingest(tmp_path)
    assert status == 1
    rejected = [line for line in lines if line.startswith("rejected ")]
    assert [line.split()[1] for line in rejected] == ["urn:test:down:1", "urn:test:down:2"]
    assert all("could not be saved: attempt to write a readonly database" in line for line in rejected)
    assert not any("Traceback" in line for line in lines)
    assert lines[-1].endswith("2 rejected")
    assert not Article.objects.exists()
    # With the database back, the same files go in.
    status, lines = ingest(tmp_path)
    assert status == 0 and sum(line.startswith("created ") for line in lines) == 2
