"""Wire formats: each module turns the bytes of one file into `wire.item` data.

`parse(data)` recognises the format from the content (never the file name) and
yields one `WireItem` per story, a `Rejected` for an item (or the whole file)
that cannot be read, or a `Skipped` note for what is fine but not a story.
Nothing here touches the database.
"""

from django.conf import settings

from ..item import Rejected, Skipped

# Picture files dropped beside the copy: ingested with the story that names them.
IMAGE_MAGIC = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a")


def detect(data):
    """The format family of `data` from its first bytes: "json", "xml", "picture", or None."""
    if data.startswith(IMAGE_MAGIC) or (data[:4] == b"RIFF" and data[8:12] == b"WEBP"):
        return "picture"
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head[:1] in (b"{", b"["):
        return "json"
    if head[:1] == b"<":
        return "xml"
    return None


def parse(data):
    """Yield a WireItem, Rejected or Skipped for each item in `data` (bytes)."""
    from . import feeds, newsml1, newsml_g2, ninjs, nitf, xml

    if len(data) > settings.WIRE_MAX_FILE_BYTES:
        yield Rejected("-", f"file is {len(data)} bytes, over the {settings.WIRE_MAX_FILE_BYTES}-byte limit")
        return
    family = detect(data)
    if family == "json":
        yield from ninjs.parse(data)
    elif family == "picture":
        yield Skipped("-", "a picture file: it comes in with the story that names it")
    elif family == "xml":
        root = xml.root_name(data)
        readers = {**dict.fromkeys(newsml_g2.ROOTS, newsml_g2), **dict.fromkeys(feeds.ROOTS, feeds)}
        readers |= {nitf.ROOT: nitf, newsml1.ROOT: newsml1}
        if isinstance(root, Rejected):
            yield root
        elif root in readers:
            yield from readers[root].parse(data)
        else:
            yield Rejected("-", f"not a wire format: XML root element <{root}>")
    else:
        yield Rejected("-", "not a wire format: neither JSON (ninjs) nor XML (NewsML-G2, NewsML 1, NITF, RSS, Atom)")
