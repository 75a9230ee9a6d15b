"""Every change readers would notice clears the cached pages that show it, at
once, for every app instance sharing the page cache.

Each test warms a page on one instance (the reader's) until it is served from
the cache with no query, makes one kind of change on another instance (the
desk's, committed), and reads the page again on the first. The changes are
made on the models, as any desk tool ends up making them."""

from datetime import timedelta

import pytest
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article, ArticleByline, Correction, Precedence, Status, TickerEntry
from photos.models import StoryPhoto
from tests.factories import make_article, make_byline, make_source, make_ticker, pin
from tests.photo_factories import make_image
from tests.wire_helpers import ingest, ninjs2, write

pytestmark = pytest.mark.django_db

HOME = "/"
TICKER = "/ticker.json"


def story(desk, **fields):
    """A story made and committed on the desk's instance."""
    with desk.commit():
        article = make_article(**fields)
    return article


def test_publish_shows_the_story_on_home_ticker_and_archives(reader, editor):
    draft = story(editor, headline="Quake hits the coast", status=Status.DRAFT, published_at=None)
    with editor.commit():
        draft.tags.add("quakes")
        make_article(headline="Aftershocks felt inland", tags=["quakes"])  # the archive exists already
    tag_page = "/tags/quakes/"
    for url in (HOME, TICKER, tag_page):
        assert "Quake hits the coast" not in reader.warm(url).text

    with editor.commit():
        draft.status, draft.published_at = Status.PUBLISHED, timezone.now()
        draft.save()

    for url in (HOME, TICKER, tag_page):
        assert "Quake hits the coast" in reader.get(url).text, url


def test_scheduling_a_live_story_for_later_takes_it_down_at_once(reader, editor):
    live = story(editor, headline="Early release of the figures")
    url = live.get_absolute_url()
    assert "Early release of the figures" in reader.warm(HOME).text
    reader.warm(url)

    with editor.commit():
        live.published_at = timezone.now() + timedelta(hours=1)
        live.save()

    assert "Early release of the figures" not in reader.get(HOME).text
    assert reader.get(url).status_code == 404


def test_update_shows_its_note_on_the_story_page(reader, editor):
    article = story(editor, headline="Toll rises after floods")
    url = article.get_absolute_url()
    assert "Adds toll from officials" not in reader.warm(url).text

    with editor.commit():
        article.version += 1
        article.updated_at = timezone.now()
        article.update_note = "Adds toll from officials"
        article.body = "<p>Officials now count forty.</p>"
        article.save()

    page = reader.get(url).text
    assert "Adds toll from officials" in page
    assert "Officials now count forty." in page


def test_correction_appears_on_the_story_page(reader, editor):
    article = story(editor)
    url = article.get_absolute_url()
    reader.warm(url)

    with editor.commit():
        Correction.objects.create(article=article, text="The minister was named wrongly.")

    assert "The minister was named wrongly." in reader.get(url).text


def test_withdrawal_takes_the_story_off_every_page(reader, editor):
    article = story(editor, headline="Claim that did not stand up")
    url = article.get_absolute_url()
    for page in (HOME, TICKER, "/feeds/latest.rss", url):
        assert "Claim that did not stand up" in reader.warm(page).text

    with editor.commit():
        article.status, article.withdrawn_reason = Status.WITHDRAWN, "Legal advice"
        article.save()

    assert reader.get(url).status_code == 410
    for page in (HOME, TICKER, "/feeds/latest.rss"):
        assert "Claim that did not stand up" not in reader.get(page).text, page


def test_restore_brings_the_story_back(reader, editor):
    article = story(editor, headline="Back after review", status=Status.WITHDRAWN)
    assert "Back after review" not in reader.warm(HOME).text

    with editor.commit():
        article.status = Status.PUBLISHED
        article.save()

    assert "Back after review" in reader.get(HOME).text
    assert reader.get(article.get_absolute_url()).status_code == 200


def test_lifting_an_embargo_shows_the_story_at_once(reader, editor):
    article = story(editor, headline="Report under embargo", embargo_until=timezone.now() + timedelta(days=1))
    assert "Report under embargo" not in reader.warm(HOME).text

    with editor.commit():
        article.embargo_until = None
        article.save()

    assert "Report under embargo" in reader.get(HOME).text


def test_a_flash_tops_the_ticker_on_every_page(reader, editor):
    older = story(editor, headline="Morning markets open flat")
    article_page = older.get_absolute_url()
    for url in (HOME, article_page, TICKER):
        reader.warm(url)

    with editor.commit():
        make_article(headline="Dam breaks upstream", precedence=Precedence.FLASH, published_at=timezone.now())

    assert reader.get(TICKER).json()["items"][0]["headline"] == "Dam breaks upstream"
    for url in (HOME, article_page):
        assert "Flash:</span> Dam breaks upstream" in reader.get(url).text, url


def test_pinning_and_hiding_reorder_the_ticker(reader, editor):
    first = story(editor, headline="Pinned analysis", published_at=timezone.now() - timedelta(days=2))
    newest = story(editor, headline="Newest item")
    assert reader.warm(TICKER).json()["items"][0]["headline"] == "Newest item"

    with editor.commit():
        pin(first)
    assert reader.get(TICKER).json()["items"][0]["headline"] == "Pinned analysis"

    reader.warm(TICKER)
    with editor.commit():
        pin(newest, action=TickerEntry.Action.HIDE)
    assert "Newest item" not in reader.get(TICKER).text


def test_editing_a_ticker_entrys_expiry_takes_it_off(reader, editor):
    with editor.commit():
        entry = pin(headline="Outside: partner's live blog", url="https://partner.example/live")
    assert "partner's live blog" in reader.warm(TICKER).text

    with editor.commit():
        entry.expires_at = timezone.now() - timedelta(minutes=1)
        entry.save()

    assert "partner's live blog" not in reader.get(TICKER).text


def test_deleting_a_ticker_entry_takes_it_off(reader, editor):
    with editor.commit():
        entry = pin(headline="Outside: election results", url="https://partner.example/results")
    assert "election results" in reader.warm(HOME).text

    with editor.commit():
        entry.delete()

    assert "election results" not in reader.get(HOME).text


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.parametrize(
    ("field", "value", "shows"),
    [
        ("caption", "Rescuers reach the village.", "Rescuers reach the village."),
        ("credit", "Li Wen/Xinhua", "Photo: Li Wen/Xinhua"),
    ],
)
def test_photo_caption_and_credit_edits_show_on_the_story(reader, editor, media, field, value, shows):
    with editor.commit():
        photo = make_image()
        article = make_article(lead_image=photo)
    url = article.get_absolute_url()
    assert shows not in reader.warm(url).text

    with editor.commit():
        setattr(photo, field, value)
        photo.save()

    assert shows in reader.get(url).text


def test_moving_a_photos_focal_point_recrops_it_on_the_story(reader, editor, media):
    with editor.commit():
        photo = make_image()
        article = make_article(lead_image=photo)
    url = article.get_absolute_url()
    before = reader.warm(url).text
    old_source = photo.rendition("16x9", 640).name

    with editor.commit():
        photo.focal_x = 10
        photo.save()

    after = reader.get(url).text
    assert after != before
    assert old_source in before and old_source not in after


def test_a_photo_placed_in_the_body_appears(reader, editor, media):
    with editor.commit():
        photo = make_image(caption="Crowds gather at the square.")
        article = make_article(body="<p>One.</p><p>Two.</p>")
    url = article.get_absolute_url()
    assert "Crowds gather at the square." not in reader.warm(url).text

    with editor.commit():
        StoryPhoto.objects.create(article=article, image=photo, after_paragraph=1)

    assert "Crowds gather at the square." in reader.get(url).text


def test_source_edit_changes_the_credit_line(reader, editor):
    with editor.commit():
        agency = make_source(name="Harbour Wire", credit="HarbourWire")
        article = make_article(source=agency)
    url = article.get_absolute_url()
    assert "HarbourWire," in reader.warm(url).text

    with editor.commit():
        agency.credit = "Harbour News Wire"
        agency.save()

    assert "Harbour News Wire," in reader.get(url).text


def test_byline_edit_changes_the_story_and_its_archive(reader, editor):
    with editor.commit():
        person = make_byline(name="Ana Ruiz")
        article = make_article(bylines=[person])
    url, archive = article.get_absolute_url(), person.get_absolute_url()
    for page in (url, archive):
        reader.warm(page)

    with editor.commit():
        person.name = "Ana Ruiz Ortega"
        person.save()

    for page in (url, archive):
        assert "Ana Ruiz Ortega" in reader.get(page).text, page


def test_adding_and_removing_a_byline_on_a_story(reader, editor):
    with editor.commit():
        person = make_byline(name="Sam Okafor")
        make_article(bylines=[person], summary="An earlier story of theirs.")  # the archive exists already
        article = make_article(summary="Floods close the ring road.")
    url, archive = article.get_absolute_url(), person.get_absolute_url()
    assert "Sam Okafor" not in reader.warm(url).text
    assert article.summary not in reader.warm(archive).text  # lists show summaries; the ticker does not

    with editor.commit():
        credit = ArticleByline.objects.create(article=article, byline=person)
    assert "Sam Okafor" in reader.get(url).text
    assert article.summary in reader.get(archive).text

    reader.warm(url)
    with editor.commit():
        credit.delete()
    assert "Sam Okafor" not in reader.get(url).text


def test_tagging_a_story_files_it_in_the_tag_archive(reader, editor):
    article = story(editor, summary="Dockers walk out for a third day.")
    with editor.commit():
        make_article(tags=["ports"])
    archive = "/tags/ports/"
    assert "Dockers walk out" not in reader.warm(archive).text

    with editor.commit():
        article.tags.add("ports")
    assert "Dockers walk out" in reader.get(archive).text

    reader.warm(archive)
    with editor.commit():
        article.tags.remove("ports")
    assert "Dockers walk out" not in reader.get(archive).text


def test_renaming_a_tag_shows_on_the_stories(reader, editor):
    article = story(editor, tags=["harbour"])
    url = article.get_absolute_url()
    reader.warm(url)

    with editor.commit():
        tag = Tag.objects.get(name="harbour")
        tag.name = "Harbour works"
        tag.save()

    assert "Harbour works" in reader.get(url).text


def test_deleting_a_story_takes_it_off_every_page(reader, editor):
    article = story(editor, headline="Duplicate of an earlier story", tags=["dupes"])
    sitemap = f"/sitemap-stories-{article.published_at:%Y-%m}.xml"  # the month's part of the sitemap index
    for url in (HOME, TICKER, "/tags/dupes/", sitemap):
        assert "duplicate-of-an-earlier-story" in reader.warm(url).text.lower(), url

    with editor.commit():
        article.delete()

    for url in (HOME, TICKER, sitemap):
        assert "duplicate-of-an-earlier-story" not in reader.get(url).text.lower(), url


def test_deleting_a_correction_removes_it(reader, editor):
    article = story(editor)
    with editor.commit():
        correction = Correction.objects.create(article=article, text="Wrong date given.")
    url = article.get_absolute_url()
    assert "Wrong date given." in reader.warm(url).text

    with editor.commit():
        correction.delete()

    assert "Wrong date given." not in reader.get(url).text


def test_a_draft_edit_clears_nothing(reader, editor):
    """Readers cannot see a draft, so saving one keeps every cached page."""
    with editor.commit():
        make_article(headline="Live story")
        draft = make_article(headline="Draft in progress", status=Status.DRAFT, published_at=None)
    reader.warm(HOME)

    with editor.commit():
        draft.body = "<p>More words.</p>"
        draft.save()

    assert reader.get(HOME).queries == 0


def test_wire_ingest_create_update_and_kill(reader, editor, tmp_path):
    with editor.commit():
        make_article(headline="Desk story")
    assert "Ministers meet in Moscow" not in reader.warm(HOME).text

    with editor.commit():
        ingest(write(tmp_path, "v1.json", ninjs2(uri="urn:test:cache", pubstatus="usable")))
    assert "Ministers meet in Moscow" in reader.get(HOME).text

    url = Article.objects.get(guid="urn:test:cache").get_absolute_url()
    assert "Ministers meet in Moscow" in reader.warm(url).text
    with editor.commit():
        status, lines = ingest(
            write(tmp_path, "v2.json", ninjs2(uri="urn:test:cache", headline="Ministers agree in Moscow", version="2"))
        )
    assert lines[0].startswith("updated"), lines
    assert "Ministers agree in Moscow" in reader.get(url).text

    reader.warm(HOME)
    with editor.commit():
        ingest(write(tmp_path, "v3.json", ninjs2(uri="urn:test:cache", pubstatus="canceled", version="3")))
    assert reader.get(url).status_code == 410
    assert "Ministers agree in Moscow" not in reader.get(HOME).text


def test_wire_update_that_adds_a_byline_files_the_story_in_its_archive(reader, editor, tmp_path):
    """Ingest replaces a story's bylines with bulk_create(), which sends no signal."""
    with editor.commit():
        person = make_byline(name="Lena Park")
        make_article(bylines=[person], headline="Earlier piece by Lena")
        ingest(write(tmp_path, "v1.json", ninjs2(uri="urn:test:by")))
    archive = person.get_absolute_url()
    before = reader.warm(archive).text.count("Ministers meet in Moscow")

    with editor.commit():
        update = ninjs2(uri="urn:test:by", by="Lena Park", version="2", body="<p>Talks went on into the night.</p>")
        status, lines = ingest(write(tmp_path, "v2.json", update))
    assert lines[0].startswith("updated"), lines
    assert reader.get(archive).text.count("Ministers meet in Moscow") > before


def test_bylines_added_without_signals_are_picked_up_by_the_story_save(reader, editor):
    with editor.commit():
        make_ticker(size=1)  # the ticker shows the newest story only, not this one
        person = make_byline(name="Omar Haddad")
        make_article(bylines=[person])
        article = make_article(
            summary="Aid convoy reaches the border.", published_at=timezone.now() - timedelta(days=2)
        )
    archive = person.get_absolute_url()
    assert "Aid convoy reaches the border." not in reader.warm(archive).text

    with editor.commit():  # as ingest does it: the story saved, its credits bulk-created
        article.body = "<p>The convoy crossed at dawn.</p>"
        article.save()
        ArticleByline.objects.bulk_create([ArticleByline(article=article, byline=person)])

    assert "Aid convoy reaches the border." in reader.get(archive).text


def test_the_desks_story_changed_signal_clears_pages_too(reader, editor):
    """articles.workflow announces each move; a move that wrote without model
    signals (an update() query) still reaches readers through it."""
    from articles.signals import story_changed

    article = story(editor, headline="Signal test story")
    url = article.get_absolute_url()
    reader.warm(url)

    with editor.commit():
        Article.objects.filter(pk=article.pk).update(update_note="Adds reaction", updated_at=timezone.now())
        article.refresh_from_db()
        story_changed.send(sender=Article, article=article, event="updated", user=None)

    assert "Adds reaction" in reader.get(url).text


def test_moving_a_draft_on_the_desk_clears_nothing(reader, editor):
    from articles.signals import story_changed

    with editor.commit():
        make_article(headline="Live story")
        draft = make_article(status=Status.DRAFT, published_at=None)
    reader.warm(HOME)

    with editor.commit():
        story_changed.send(sender=Article, article=draft, event="submitted", user=None)

    assert reader.get(HOME).queries == 0
