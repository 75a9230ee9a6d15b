"""`load_demo --stories N`: the desk topped up to N published stories of generated
wire-like copy, for benchmarks and outside checks."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from articles.demo_bulk import GUID_PREFIX, TAG_POOL
from articles.models import Article

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def load(*args):
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def test_tops_up_to_n_published_stories_shaped_like_wire_copy(client):
    out = load("--stories", "40")
    assert "40 published in all" in out
    assert Article.objects.published().count() == 40
    generated = list(Article.objects.filter(guid__startswith=GUID_PREFIX).for_listing().order_by("id"))
    assert generated
    for story in generated:
        assert story.body.count("<p>") == 12
        assert 3000 <= len(story.body) <= 5500
        assert len(story.topic_tags()) == 3
        assert {tag.name for tag in story.topic_tags()} <= set(TAG_POOL)
        assert len(story.ordered_bylines()) == 1
        assert story.source_id
        assert (story.lead_image_id is not None) == story.guid.endswith("0")  # a photo on every tenth
    assert len(TAG_POOL) == len(set(TAG_POOL)) == 300
    # Readers see them like any other story.
    story = generated[-1]
    assert client.get(story.get_absolute_url()).status_code == 200
    assert client.get(f"/tags/{story.topic_tags()[0].slug}/").status_code == 200


def test_running_again_adds_only_what_is_missing():
    load("--stories", "30")
    generated = Article.objects.filter(guid__startswith=GUID_PREFIX).count()
    assert "Generated 0 stories; 30 published" in load("--stories", "30")
    load("--stories", "35")
    assert Article.objects.published().count() == 35
    assert Article.objects.filter(guid__startswith=GUID_PREFIX).count() == generated + 5


def test_a_negative_count_is_a_clear_error():
    with pytest.raises(CommandError, match="zero or more"):
        load("--stories", "-1")
