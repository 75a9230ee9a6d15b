"""Pictures that come with the copy become photos in the desk's library.

A picture's file is either beside the wire file (a path relative to it, in the
same folder or below: never above it, never absolute) or at an http(s) address
on a host the desk allows (`WIRE_MEDIA_HOSTS`). It is fetched before the
story's transaction, checked and re-encoded by the photos app exactly as an
upload is (size, pixel and format limits). The first good one becomes the
story's lead photo, up to three more are placed in its text, each with the
agency's caption, credit and alt text.
"""

import urllib.error
import urllib.request
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from photos import processing
from photos.models import Image, StoryPhoto

from .normalise import clean_picture

MOST = 4  # pictures used per story: the lead photo and three in the text; the rest stay with the agency


class PictureRefused(Exception):
    """A picture that cannot be used, and why (becomes a note on the item's line)."""


def fetch_for(item, origin):
    """([(picture, Prepared)], notes): the item's pictures that could be read, and why the others were not.

    Nothing is fetched for a story that already has its lead photo.
    """
    from articles.models import Article

    if not item.pictures or Article.objects.filter(guid=item.guid, lead_image__isnull=False).exists():
        return [], []
    photos, notes = [], []
    for picture in item.pictures[:MOST]:
        try:
            data, name = read(picture.href, origin)
            photos.append((clean_picture(picture), processing.prepare(SimpleUploadedFile(name, data))))
        except PictureRefused as error:
            notes.append(f"photo {picture.href[:120]} not used: {error}")
        except ValidationError as error:
            notes.append(f"photo {picture.href[:120]} not used: {' '.join(error.messages)}")
    return photos, notes


def attach(article, photos, source):
    """Store the photos: the first becomes the story's lead photo, the others are
    placed in its text, one after every second paragraph (at the end past the last)."""
    images = [_stored(picture, prepared, source) for picture, prepared in photos]
    article.lead_image = images[0]
    article.save(update_fields=["lead_image", "modified_at"])
    for n, image in enumerate(images[1:], start=1):
        StoryPhoto.objects.create(article=article, image=image, after_paragraph=2 * n, position=n)
    return images[0]


def _stored(picture, prepared, source):
    image = Image(
        file=prepared.content,
        width=prepared.width,
        height=prepared.height,
        caption=picture.caption or prepared.caption,
        alt_text=picture.alt or picture.caption or prepared.caption[:300],
        credit=picture.credit or prepared.credit or source.credit,
        copyright_holder=picture.copyright_holder or prepared.copyright_holder,
        source=source,
    )
    image.save()
    return image


def read(href, origin):
    """(bytes, file name) of the picture at `href`, resolved against the file or URL the item came from."""
    limit = settings.PHOTOS_MAX_UPLOAD_BYTES
    if origin.startswith(("http://", "https://")):
        href = urljoin(origin, href)
    parts = urlsplit(href)
    if parts.scheme in {"http", "https"}:
        return fetch(href, limit), PurePosixPath(unquote(parts.path)).name or "photo"
    if parts.scheme or parts.netloc:
        raise PictureRefused(f"only http(s) addresses and files beside the copy are read, not {parts.scheme}:")
    return read_beside(unquote(parts.path), origin, limit)


def read_beside(relative, origin, limit):
    if not origin:
        raise PictureRefused("a relative picture path needs the wire file it came in")
    folder = Path(origin).resolve().parent
    path = (folder / relative).resolve()
    if PurePosixPath(relative).is_absolute() or not path.is_relative_to(folder):
        raise PictureRefused("the picture must be in the drop folder, beside the copy")
    try:
        size = path.stat().st_size
        if size > limit:
            raise PictureRefused(f"the file is {size} bytes, over the {limit}-byte limit for photos")
        return path.read_bytes(), path.name
    except OSError as error:
        raise PictureRefused(f"cannot read the file: {error.strerror}") from None


def allowed(url):
    host = (urlsplit(url).hostname or "").lower()
    return any(host == h or (h.startswith(".") and host.endswith(h)) for h in settings.WIRE_MEDIA_HOSTS)


class AllowedRedirects(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only to another allowed host."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if not (newurl.startswith(("http://", "https://")) and allowed(newurl)):
            raise PictureRefused(f"redirected to a host not in WIRE_MEDIA_HOSTS: {urlsplit(newurl).hostname}")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(url, limit):
    if not allowed(url):
        raise PictureRefused(f"host {urlsplit(url).hostname} is not in WIRE_MEDIA_HOSTS")
    opener = urllib.request.build_opener(AllowedRedirects)
    request = urllib.request.Request(url, headers={"User-Agent": "Newsdesk wire ingest"})  # noqa: S310 -- http(s), allow-listed
    try:
        with opener.open(request, timeout=20) as response:
            length = int(response.headers.get("Content-Length") or 0)
            if length > limit:
                raise PictureRefused(f"the file is {length} bytes, over the {limit}-byte limit for photos")
            data = response.read(limit + 1)
    except urllib.error.HTTPError as error:
        raise PictureRefused(f"HTTP {error.code} {error.reason}") from None
    except (urllib.error.URLError, OSError, ValueError) as error:
        raise PictureRefused(f"fetch failed: {getattr(error, 'reason', error)}") from None
    if len(data) > limit:
        raise PictureRefused(f"the file is over the {limit}-byte limit for photos")
    return data
