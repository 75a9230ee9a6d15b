"""Reading pages in tests: which elements a page has, with their attributes."""

from html.parser import HTMLParser


class Tags(HTMLParser):
    """Collects (tag, attrs) pairs so tests can count elements and read attributes."""

    def __init__(self, html):
        super().__init__()
        self.found = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))

    def all(self, tag, **attrs):
        return [a for t, a in self.found if t == tag and all(a.get(k.replace("_", "-")) == v for k, v in attrs.items())]


def story_page(client, article):
    """The HTML of `article`'s page, which must answer 200."""
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()
