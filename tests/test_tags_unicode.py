"""Tags from the wire in any script, or only punctuation, have pages and links (no 500)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article

from .wire_helpers import ingest, ninjs2, write

pytestmark = pytest.mark.django_db


def test_story_with_chinese_german_and_punctuation_tags_answers_200_and_links_each_tag(tmp_path, client):
    subjects = [{"name": "北京"}, {"name": "Großbritannien"}, {"name": "São Paulo"}, {"name": "!!!"}, {"name": "???"}]
    assert ingest(write(tmp_path, "x.json", ninjs2(subjects=subjects)))[0] == 0
    story = Article.objects.get()
    page = client.get(story.get_absolute_url())
    assert page.status_code == 200
    tags = {t.name: t.slug for t in story.tags.all()}
    assert tags["北京"] == "北京" and tags["Großbritannien"] == "großbritannien"
    assert tags["!!!"].startswith("tag-") and tags["???"].startswith("tag-") and tags["!!!"] != tags["???"]
    html = page.content.decode()
    for name, slug in tags.items():
        archive = client.get(f"/tags/{slug}/")
        assert archive.status_code == 200, name
        assert f'href="{reverse("articles:tag", args=[slug])}"' in html  # percent-encoded for non-ASCII
        assert client.get(f"/feeds/tags/{slug}.rss").status_code == 200


def test_unicode_tag_archive_query_count_is_constant(tmp_path, client):
    ingest(write(tmp_path, "x.json", ninjs2(subjects=[{"name": "北京"}])))
    client.get("/tags/北京/")  # warm caches that are not the page's own work
    with CaptureQueriesContext(connection) as one:
        assert client.get("/tags/北京/").status_code == 200
    for n in range(2, 6):
        ingest(write(tmp_path, f"{n}.json", ninjs2(uri=f"urn:t:{n}", subjects=[{"name": "北京"}, {"name": f"x{n}"}])))
    client.get("/tags/北京/")  # ingest cleared the cached ticker: warm it again
    with CaptureQueriesContext(connection) as many:
        assert client.get("/tags/北京/").status_code == 200
    assert len(many) == len(one)


def test_agency_named_in_another_script_gets_its_own_source_and_pages(tmp_path, client):
    ingest(write(tmp_path, "a.json", ninjs2(uri="urn:t:a")))  # no provider: the fallback "wire" source
    doc = ninjs2(uri="urn:t:b", infosources=[{"name": "新华社"}], by="王丽")
    assert ingest(write(tmp_path, "b.json", doc))[0] == 0
    story = Article.objects.get(guid="urn:t:b")
    assert story.source.name == "新华社" and story.source.slug != "wire"
    assert client.get(story.get_absolute_url()).status_code == 200
    assert client.get(story.source.get_absolute_url()).status_code == 200
    assert client.get(story.ordered_bylines()[0].get_absolute_url()).status_code == 200
