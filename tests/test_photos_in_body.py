"""Photos inside a story's text: placed after the paragraph the editor chose, loaded
lazily with caption and credit, never stored in the body, in constant queries."""

import json
import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from photos.models import StoryPhoto

from .factories import make_article
from .html import story_page as page
from .photo_factories import make_image
from .roles import form_data

pytestmark = pytest.mark.django_db

BODY = (
    "<p>First paragraph.</p>"
    "<blockquote><p>Quoted one.</p><p>Quoted two.</p></blockquote>"
    "<p>Third paragraph.</p>"
    "<ul><li><p>Listed point.</p></li></ul>"
    "<p>Fifth paragraph.</p>"
)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def place(article, after, alt_text="A test photo of a red square", position=0, **image_fields):
    image = make_image(size=(330, 250), alt_text=alt_text, **image_fields)
    return StoryPhoto.objects.create(article=article, image=image, after_paragraph=after, position=position)


def body_of(html):
    """The story text: what follows the dateline, up to the end marker."""
    return re.search(r"data-story-body>(.*?)(?:<p class=\"story__end\"|\n  </div>)", html, re.S).group(1)


def figures(html):
    return re.findall(r'<figure class="photo photo--body">.*?</figure>', html, re.S)


def test_photo_goes_after_the_chosen_paragraph_counting_a_quote_as_one(client):
    article = make_article(body=BODY)
    place(article, 0, alt_text="Before everything")
    place(article, 2, alt_text="After the quote")
    place(article, 3, alt_text="After the third")
    body = body_of(page(client, article))
    order = [
        "Before everything",
        "First paragraph.",
        "Quoted one.",
        "Quoted two.",
        "</blockquote>",
        "After the quote",
        "Third paragraph.",
        "After the third",
        "Listed point.",
        "Fifth paragraph.",
    ]
    positions = [body.index(text) for text in order]
    assert positions == sorted(positions)


def test_photo_past_the_last_paragraph_goes_at_the_end(client):
    article = make_article(body=BODY)
    place(article, 99, alt_text="At the very end")
    place(article, 1, alt_text="After the first")
    body = body_of(page(client, article))
    assert body.index("Fifth paragraph.") < body.index("At the very end")
    assert body.rstrip().endswith("</figure>")
    assert body.index("After the first") < body.index("Quoted one.")


def test_photos_after_the_same_paragraph_follow_their_position(client):
    article = make_article(body=BODY)
    place(article, 1, alt_text="Second in line", position=2)
    place(article, 1, alt_text="First in line", position=1)
    body = body_of(page(client, article))
    assert body.index("First paragraph.") < body.index("First in line") < body.index("Second in line")
    assert body.index("Second in line") < body.index("Quoted one.")


def test_the_body_itself_is_output_unchanged(client):
    article = make_article(body=BODY)
    assert body_of(page(client, article)).strip().endswith(article.body)
    place(article, 2)
    body = body_of(page(client, article))
    (figure,) = figures(body)
    assert body.replace(figure, "").replace("\n", "").strip().endswith(article.body)
    article.refresh_from_db()
    assert "<img" not in article.body and "figure" not in article.body


def test_photo_without_alt_text_is_not_shown(client):
    article = make_article(body=BODY)
    place(article, 1, alt_text="")
    html = page(client, article)
    assert "<picture" not in html
    assert "First paragraph.</p><blockquote>" in html


def test_caption_and_credit_are_escaped(client):
    article = make_article(body=BODY)
    place(article, 1, caption='Flood <script>alert("x")</script> & more', credit="<b>Li</b>/Xinhua")
    (figure,) = figures(page(client, article))
    assert "<script" not in figure and "<b>" not in figure
    assert "Flood &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more" in figure
    assert '<span class="photo__credit">Photo: &lt;b&gt;Li&lt;/b&gt;/Xinhua</span>' in figure


def test_body_photos_load_lazily_with_size_caption_and_credit(client):
    article = make_article(body=BODY, lead_image=make_image(alt_text="The lead"))
    place(article, 1, caption="Grain sacks on the quay.", credit="Chen Hao/Xinhua")
    html = page(client, article)
    (figure,) = figures(html)
    img = re.search(r"<img [^>]*>", figure).group(0)
    assert 'loading="lazy"' in img
    assert "fetchpriority" not in img
    assert 'width="330" height="250"' in img
    assert "Grain sacks on the quay." in figure and "Photo: Chen Hao/Xinhua" in figure
    lead = re.search(r'<figure class="photo photo--article">.*?</figure>', html, re.S).group(0)
    assert 'fetchpriority="high"' in lead  # the lead photo is still first and eager


def test_jsonld_lists_body_photos_readers_may_see(client):
    article = make_article(body=BODY)
    shown = place(article, 1)
    place(article, 2, alt_text="")
    html = page(client, article)
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    names = [url.rsplit("/media/", 1)[-1] for url in data["image"]]
    assert len(names) == 3  # the 16:9, 4:3 and 1:1 crops of the one photo readers see
    assert all(name.startswith(f"renditions/{shown.image.pk}/") for name in names)


def test_editor_adds_a_photo_to_a_story_in_the_story_form(staff_client):
    article = make_article(body=BODY)
    image = make_image(caption="Cranes over the container yard")
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = form_data(staff_client, url)
    assert data["story_photos-TOTAL_FORMS"] == "0"
    data |= {
        "story_photos-TOTAL_FORMS": "1",
        "story_photos-0-image": image.pk,
        "story_photos-0-after_paragraph": 2,
        "story_photos-0-position": 0,
    }
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    (used,) = article.story_photos.all()
    assert (used.image, used.after_paragraph) == (image, 2)
    body = body_of(page(staff_client, article))
    assert body.index("</blockquote>") < body.index("Cranes over the container yard") < body.index("Third paragraph.")


def test_story_form_picks_body_photos_by_search(staff_client):
    html = staff_client.get("/admin/articles/article/add/").content.decode()
    assert re.search(r'<select[^>]*name="story_photos-__prefix__-image"[^>]*data-theme="admin-autocomplete"', html)


@pytest.mark.parametrize("role", ["Reporter", "Editor", "Desk chief"])
def test_every_role_may_place_photos_in_stories(role):
    granted = Permission.objects.filter(group=Group.objects.get(name=role), content_type__app_label="photos")
    assert {"add_storyphoto", "change_storyphoto", "delete_storyphoto", "view_storyphoto"} <= set(
        granted.values_list("codename", flat=True)
    )


@pytest.mark.parametrize("n", [1, 10, 30])
def test_article_page_queries_do_not_grow_with_body_photos(client, django_assert_num_queries, n):
    article = make_article(body="".join(f"<p>Paragraph {i}.</p>" for i in range(n)))
    images = [make_image(size=(330, 250), alt_text=f"Photo {i}") for i in range(min(n, 5))]
    for i in range(n):
        StoryPhoto.objects.create(article=article, image=images[i % len(images)], after_paragraph=i + 1)
    # 1 story with source and lead photo joined (and whether it has corrections: none,
    # or photos in its body), 2 bylines, 3 tags, 4 photos in the body with their images
    # joined (no tags: no related stories to look for), 5 ticker row, 6 (no ticker row)
    # when time next changes the ticker, 7 ticker's stories
    with django_assert_num_queries(7):
        html = page(client, article)
    assert len(figures(html)) == n


def test_paragraphs_are_found_across_lines_entities_and_breaks():
    from photos.templatetags.photos import paragraph_ends

    body = (
        '<p>One &amp; <a href="https://example.com/?a=1&amp;b=2" title="x>y">link</a></p>\n<hr>\n'
        "<h2>Two</h2><p>Three<br>\nstill three</p>"
    )
    ends = paragraph_ends(body)
    assert len(ends) == 3  # the rule between them is not a paragraph
    assert body[: ends[0]].endswith("link</a></p>")
    assert body[: ends[1]].endswith("<hr>\n<h2>Two</h2>")
    assert ends[2] == len(body)
