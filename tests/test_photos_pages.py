"""Photos on reader pages and in the desk: markup that loads fast without layout shift,
and query counts that do not grow with the number of photos."""

import re

import pytest

from articles.models import Article

from .factories import make_article
from .html import Tags
from .photo_factories import make_image

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


class Elements(Tags):
    def imgs(self):
        return self.all("img")

    def sources(self):
        return self.all("source")


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_article_page_shows_lead_photo_first_with_caption_and_credit(client):
    image = make_image(size=(1400, 900), caption="Workers repair the harbour wall.", credit="Chen Hao/Xinhua")
    article = make_article(lead_image=image)
    html = html_of(client, article.get_absolute_url())
    (img,) = Elements(html).imgs()
    assert img["alt"] == "A test photo of a red square"
    assert img["fetchpriority"] == "high"
    assert "loading" not in img  # the lead photo is never lazy
    assert (img["width"], img["height"]) == ("960", "617")  # the shape of the photo: no layout shift
    assert img["sizes"] == "(min-width: 48rem) 46rem, calc(100vw - 2rem)"
    widths = re.findall(r" (\d+)w", img["srcset"])
    assert widths == ["320", "640", "960", "1280", "1400"]
    assert all(url.endswith(".jpg") for url in re.findall(r"(\S+) \d+w", img["srcset"]))
    (webp,) = Elements(html).sources()
    assert webp["type"] == "image/webp"
    assert re.findall(r" (\d+)w", webp["srcset"]) == widths
    assert all(url.endswith(".webp") for url in re.findall(r"(\S+) \d+w", webp["srcset"]))
    figure = re.search(r'<figure class="photo photo--article">.*?</figure>', html, re.S).group(0)
    assert re.search(r'<figcaption[^>]*>Workers repair the harbour wall\. <span class="photo__credit">Photo: '
                     r"Chen Hao/Xinhua</span></figcaption>", figure)  # fmt: skip
    assert html.index("photo--article") < html.index("data-story-body")


def test_every_srcset_url_is_a_stored_file(client, media):
    article = make_article(lead_image=make_image(size=(1000, 700)))
    html = html_of(client, article.get_absolute_url())
    urls = re.findall(r"(/media/\S+) \d+w", html)
    assert len(urls) == 8
    for url in urls:
        assert (media / url.removeprefix("/media/")).is_file(), url


def test_home_lead_is_eager_and_the_others_lazy(client):
    lead = make_article(lead_image=make_image(alt_text="The lead photo"))
    older_photo = make_image(alt_text="An older photo")
    older = make_article(lead_image=older_photo, published_at=lead.published_at.replace(year=2020))
    html = html_of(client, "/")
    imgs = {img["alt"]: img for img in Elements(html).imgs()}
    assert imgs["The lead photo"]["fetchpriority"] == "high"
    assert "loading" not in imgs["The lead photo"]
    assert "16x9-" in imgs["The lead photo"]["src"]
    assert imgs["An older photo"]["loading"] == "lazy"
    assert "fetchpriority" not in imgs["An older photo"]
    assert "16x9-" in imgs["An older photo"]["src"]  # a secondary story under the lead
    assert int(imgs["An older photo"]["width"]) * 9 == int(imgs["An older photo"]["height"]) * 16
    assert html.count("<figcaption") == 0  # thumbnails and the home lead carry no caption
    assert older.get_absolute_url() in html


def test_photo_without_alt_text_is_not_shown_to_readers(client):
    article = make_article(lead_image=make_image(alt_text=""))
    assert "<picture" not in html_of(client, article.get_absolute_url())
    assert "<picture" not in html_of(client, "/")


def test_story_without_photo_has_no_picture_markup(client):
    article = make_article()
    assert "<figure" not in html_of(client, article.get_absolute_url())


def test_deleted_photo_leaves_the_story_standing(client, django_capture_on_commit_callbacks):
    image = make_image()
    article = make_article(lead_image=image)
    with django_capture_on_commit_callbacks(execute=True):
        image.delete()
    assert "<picture" not in html_of(client, article.get_absolute_url())


def stories_with_photos(n):
    images = [make_image(size=(330, 250), alt_text=f"Photo {i}") for i in range(min(n, 5))]
    return [make_article(lead_image=images[i % len(images)], tags=["harbour"]) for i in range(n)]


@pytest.mark.parametrize("n", [1, 30])
def test_home_queries_do_not_grow_with_photos(client, django_assert_num_queries, n):
    stories_with_photos(n)
    # 1 stories with source and lead photo joined, 2 the lead's bylines, 3 the rail by kind,
    # 4 ticker row, 5 (no row) when time next changes it, 6 ticker's stories
    with django_assert_num_queries(6):
        html = html_of(client, "/")
    assert html.count("<picture") == min(n, 21)


@pytest.mark.parametrize("n", [1, 30])
def test_article_page_queries_do_not_grow_with_photos(client, django_assert_num_queries, n):
    article = stories_with_photos(n)[0]
    # 1 story with source and lead photo joined (and whether it has corrections or
    # photos in its body: neither), 2 bylines, 3 tags, 4 related, 5 ticker row,
    # 6 (no ticker row) when time next changes the ticker, 7 ticker's stories
    with django_assert_num_queries(7):
        html = html_of(client, article.get_absolute_url())
    assert html.count("<picture") == 1


@pytest.mark.parametrize("n", [1, 30])
def test_archive_queries_do_not_grow_with_photos(client, django_assert_num_queries, n):
    stories_with_photos(n)
    # 1 tag, 2 how many stories it has, 3 page of stories with photos joined, 4 ticker
    # row, 5 (no ticker row) when time next changes the ticker, 6 ticker's stories
    with django_assert_num_queries(6):
        html = html_of(client, "/tags/harbour/")
    assert html.count("<picture") == min(n, 20)


@pytest.mark.parametrize("n", [1, 30])
def test_admin_photo_list_shows_thumbnails_in_constant_queries(staff_client, django_assert_num_queries, n):
    for i in range(n):
        make_image(size=(330, 250), caption=f"Harbour scene {i}")
    staff_client.get("/admin/")  # session and user are loaded once per request below
    # 1 session, 2 user, 3 sources for the filter, 4 count (filtered), 5 count (all),
    # 6 page of photos with source and uploader joined, 7-8 date hierarchy (range, then days)
    with django_assert_num_queries(8):
        response = staff_client.get("/admin/photos/image/")
    html = response.content.decode()
    assert html.count('class="photos-thumb"') == n
    assert "/1x1-" in html


def test_admin_photo_search_and_story_picker(staff_client):
    wanted = make_image(caption="Grain sacks on the quay", credit="Li Wen/Xinhua")
    make_image(caption="Cable cars at dusk")
    html = staff_client.get("/admin/photos/image/?q=grain").content.decode()
    assert "Grain sacks on the quay" in html
    assert "Cable cars at dusk" not in html

    form = staff_client.get("/admin/articles/article/add/").content.decode()
    assert re.search(r'<select[^>]*name="lead_image"[^>]*data-theme="admin-autocomplete"', form) or re.search(
        r'<select[^>]*data-theme="admin-autocomplete"[^>]*name="lead_image"', form
    )
    found = staff_client.get(
        "/admin/autocomplete/",
        {"app_label": "articles", "model_name": "article", "field_name": "lead_image", "term": "grain"},
    ).json()
    assert [r["id"] for r in found["results"]] == [str(wanted.pk)]
    assert found["results"][0]["text"] == "Grain sacks on the quay (Li Wen/Xinhua)"


def test_editor_attaches_a_photo_to_a_new_story(staff_client):
    image = make_image(caption="Grain sacks on the quay")
    source = make_article().source
    data = {
        "headline": "Grain exports resume", "kind": "news", "precedence": "routine", "dateline": "", "summary": "S.",
        "body": "<p>Body.</p>", "source": source.pk, "tags": "", "lead_image": image.pk,
        "status": "published", "published_at_0": "2024-01-02", "published_at_1": "10:00:00",
        "embargo_until_0": "", "embargo_until_1": "", "updated_at_0": "", "updated_at_1": "", "withdrawn_reason": "",
        "guid": "", "version": 1, "urgency": 5, "language": "en", "slug": "", "slugline": "",
        "editors_note": "", "credits-TOTAL_FORMS": 0, "credits-INITIAL_FORMS": 0,
        "corrections-TOTAL_FORMS": 0, "corrections-INITIAL_FORMS": 0,
        "story_photos-TOTAL_FORMS": 0, "story_photos-INITIAL_FORMS": 0,
    }  # fmt: skip
    response = staff_client.post("/admin/articles/article/add/", data)
    assert response.status_code == 302
    article = Article.objects.get(headline="Grain exports resume")
    assert article.lead_image == image
    assert "Grain sacks on the quay" in html_of(staff_client, article.get_absolute_url())


def test_a_story_with_a_photo_lacking_alt_text_cannot_be_published(settings, tmp_path):
    from django.core.exceptions import ValidationError

    settings.MEDIA_ROOT = tmp_path
    article = make_article(lead_image=make_image(alt_text=""))
    with pytest.raises(ValidationError, match="needs alt text"):
        article.full_clean()


def test_a_kept_picture_never_outlives_an_edit_to_its_photo(client, media):
    """Each worker keeps photos' <picture> markup (photos.templatetags.photos.picture_html),
    keyed by everything it is made of: an edit shows on the next page, cache or no cache."""
    image = make_image(alt_text="A ferry at the quay", caption="The morning ferry.")
    story = make_article(headline="Ferry back", lead_image=image)
    assert 'alt="A ferry at the quay"' in html_of(client, story.get_absolute_url())
    image.alt_text, image.caption = "An empty quay", "No ferry today."
    image.save()
    page = html_of(client, story.get_absolute_url())
    assert 'alt="An empty quay"' in page and "No ferry today." in page
    assert "A ferry at the quay" not in page and "The morning ferry." not in page


def test_two_photos_with_the_same_file_name_and_words_keep_their_own_renditions(client, media):
    """The kept <picture> markup is per photo: renditions live in a folder per photo id."""
    first = make_image(alt_text="A quay")
    Image = type(first)
    second = Image.objects.create(file=first.file.name, alt_text="A quay", width=first.width, height=first.height)
    from photos.templatetags.photos import picture_html

    assert f"/renditions/{first.pk}/" in picture_html(first, "thumb")
    assert f"/renditions/{second.pk}/" in picture_html(second, "thumb")
