"""Photos are private until published: a photo that only drafts, scheduled or
embargoed stories use answers 404 to readers at every address (the original and
every rendition); it opens when a story using it is published and closes again
when the last such story is withdrawn. Staff see every photo."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Status
from photos.models import StoryPhoto

from .factories import make_article
from .photo_factories import make_image

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.MEDIA_ACCEL_REDIRECT = ""
    return tmp_path


def addresses(image):
    """Every URL that reaches the photo: the original, each rendition, the social card."""
    names = [image.file.name, image.og_rendition().name]
    names += [
        r.name
        for crop in ("full", "16x9", "4x3", "1x1")
        for ext in ("jpg", "webp")
        for r in image.renditions(crop, ext)
    ]
    return ["/media/" + name for name in names]


def statuses(client, image):
    return {client.get(url).status_code for url in addresses(image)}


def later(hours=2):
    return timezone.now() + timedelta(hours=hours)


@pytest.mark.parametrize(
    "story",
    [
        {"status": Status.DRAFT},
        {"published_at": later()},  # scheduled
        {"embargo_until": later()},  # embargoed
        {"status": Status.WITHDRAWN},
    ],
    ids=["draft", "scheduled", "embargoed", "withdrawn"],
)
def test_a_photo_of_an_unpublished_story_is_not_reachable_anonymously(client, story):
    lead, in_body = make_image(), make_image()
    article = make_article(lead_image=lead, **story)
    StoryPhoto.objects.create(article=article, image=in_body)
    assert statuses(client, lead) == {404}
    assert statuses(client, in_body) == {404}


def test_a_photo_in_no_story_is_private(client):
    assert statuses(client, make_image()) == {404}


def test_publishing_opens_the_photo_and_withdrawing_the_last_story_closes_it(client):
    image = make_image()
    first = make_article(lead_image=image, status=Status.DRAFT)
    second = make_article(status=Status.DRAFT)
    StoryPhoto.objects.create(article=second, image=image)
    assert statuses(client, image) == {404}
    first.status = Status.PUBLISHED
    first.save()
    second.status = Status.PUBLISHED
    second.save()
    assert statuses(client, image) == {200}
    first.status = Status.WITHDRAWN
    first.save()
    assert statuses(client, image) == {200}  # the other story still shows it
    second.status = Status.WITHDRAWN
    second.save()
    assert statuses(client, image) == {404}


def test_a_scheduled_storys_photo_opens_at_its_publish_time_with_no_job(client):
    image = make_image()
    article = make_article(lead_image=image, published_at=timezone.now() + timedelta(seconds=1))
    assert client.get(addresses(image)[0]).status_code == 404
    article.published_at = timezone.now() - timedelta(seconds=1)  # as the clock passes it
    article.save()
    assert client.get(addresses(image)[0]).status_code == 200


def test_public_photos_are_served_with_their_bytes_and_short_public_caching(client, media):
    image = make_image()
    make_article(lead_image=image)
    response = client.get(addresses(image)[0])
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == (media / image.file.name).read_bytes()
    assert response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"] == "public, max-age=300"
    assert client.head(addresses(image)[0]).status_code == 200


def test_staff_see_private_photos_and_nobody_caches_them(staff_client):
    image = make_image()
    make_article(lead_image=image, status=Status.DRAFT)
    assert statuses(staff_client, image) == {200}
    response = staff_client.get(addresses(image)[1])
    assert response["Cache-Control"] == "private, no-store"


def test_production_hands_public_photos_to_nginx_and_refuses_private_ones(client, settings):
    settings.MEDIA_ACCEL_REDIRECT = "/_protected_media/"
    public, private = make_image(), make_image()
    make_article(lead_image=public)
    make_article(lead_image=private, status=Status.DRAFT)
    response = client.get("/media/" + public.file.name)
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == "/_protected_media/" + public.file.name
    assert response.content == b""
    assert "Content-Type" not in response  # nginx types the file
    refused = client.get("/media/" + private.file.name)
    assert refused.status_code == 404 and "X-Accel-Redirect" not in refused


@pytest.mark.parametrize(
    "path", ["../settings.py", "photos/../../etc/passwd", "renditions/1/../../x", "%00", "nothing.jpg"]
)
def test_paths_outside_the_photos_answer_404(client, path):
    make_article(lead_image=make_image())
    assert client.get("/media/" + path).status_code == 404


def test_deciding_costs_one_query_for_a_rendition_and_two_for_an_original(client, django_assert_num_queries):
    images = [make_image() for _ in range(3)]
    for image in images:
        make_article(lead_image=image)
        StoryPhoto.objects.create(article=make_article(), image=image)  # more uses, same cost
    rendition, original = addresses(images[0])[2], addresses(images[0])[0]
    with django_assert_num_queries(1):  # is a live story using photo <pk> (from the path)?
        assert client.get(rendition).status_code == 200
    with django_assert_num_queries(2):  # which photo has this file; is a live story using it?
        assert client.get(original).status_code == 200
