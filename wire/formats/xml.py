"""Safe XML reading shared by the XML formats, and small element helpers.

Everything goes through defusedxml with DTDs forbidden: a DOCTYPE, entity or
external reference is refused before anything expands (XXE, "billion laughs"),
and nothing is fetched from the network. The declared encoding (UTF-8,
ISO-8859-1, windows-1252 …) is honoured by the parser.
"""

import html
import io
import xml.etree.ElementTree as ET  # noqa: S405 -- only for tostring and ParseError; parsing goes through defusedxml

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse as _iterparse

from ..item import Rejected

ParseErrors = (ET.ParseError, DefusedXmlException, LookupError)  # LookupError: an encoding Python does not know


def iterparse(data, events=("start", "end")):
    return _iterparse(io.BytesIO(data), events=events, forbid_dtd=True)


def xml_error(error):
    if isinstance(error, DefusedXmlException):
        return f"unsafe XML refused ({type(error).__name__}): DTDs and entities are not allowed"
    if isinstance(error, LookupError):
        return f"XML in an unknown encoding: {error}"
    return f"XML not well-formed: {error}"


def root_name(data):
    """The local name of the root element, or a Rejected if the XML is unsafe or broken before it."""
    try:
        for _event, elem in iterparse(data, events=("start",)):
            return local(elem.tag)
    except ParseErrors as error:
        return Rejected("-", xml_error(error))
    return Rejected("-", "empty XML document")


def local(tag):
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def child(elem, name):
    if elem is None:
        return None
    for node in elem:
        if local(node.tag) == name:
            return node
    return None


def children(elem, name):
    return [node for node in (elem if elem is not None else []) if local(node.tag) == name]


def find(elem, *path):
    """The first element down a path of local names, or None."""
    for name in path:
        elem = child(elem, name)
    return elem


def text_of(elem):
    return " ".join("".join(elem.itertext()).split()) if elem is not None else ""


def attr(elem, name):
    return (elem.get(name) or "").strip() if elem is not None else ""


def inner_html(container, renames=None, drop=()):
    """The container's children as HTML, namespaces dropped; the sanitizer cleans it later.

    `renames` maps element names to HTML ones (NITF hl2 -> h3); elements named in `drop` go with their content.
    """
    if container is None:
        return ""
    renames = renames or {}
    for node in list(container.iter()):
        for gone in [c for c in node if local(c.tag) in drop]:
            tail = gone.tail
            node.remove(gone)
            if tail and tail.strip():
                node.text = (node.text or "") + tail
        name = local(node.tag)
        node.tag = renames.get(name, name)
        node.attrib = {local(k): v for k, v in node.attrib.items()}
    lead = html.escape(container.text or "")
    return (lead + "".join(ET.tostring(node, encoding="unicode", method="html") for node in container)).strip()
