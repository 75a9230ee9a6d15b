"""Story bodies are cleaned once, on the way in; nothing that runs survives."""

import pytest

from articles.sanitize import clean_html

from .factories import make_article

pytestmark = pytest.mark.django_db

HOSTILE = (
    '<p onclick="steal()">Lead <strong>fact</strong><script>alert("x")</script></p>'
    '<p><a href="javascript:alert(1)">bad link</a> <a href="https://example.org/a">good link</a></p>'
    '<img src=x onerror="alert(2)"><iframe src="https://evil.example"></iframe>'
    '<p style="position:fixed">styled</p><ul><li>item</li></ul><blockquote>quote</blockquote><h2>Sub</h2>'
)


def test_hostile_body_is_stored_and_shown_without_anything_that_runs(client):
    article = make_article(body=HOSTILE)
    article.refresh_from_db()
    page = client.get(article.get_absolute_url()).content.decode()
    shown = page[page.index("data-story-body") : page.index("</article>")]
    for stored_or_shown in (article.body, shown):
        for bad in ("<script", "alert(", "onclick", "onerror", "javascript:", "<iframe", "<img", "position:fixed"):
            assert bad not in stored_or_shown
    kept_tags = (
        "<strong>fact</strong>",
        'href="https://example.org/a"',
        "<li>item</li>",
        "<blockquote>",
        "<h2>Sub</h2>",
    )
    for kept in kept_tags:
        assert kept in article.body


def test_links_get_safe_rel_and_plain_text_survives():
    cleaned = clean_html('<a href="https://example.org/" target="_blank">site</a> and 5 < 6')
    assert 'rel="noopener noreferrer"' in cleaned
    assert "target" not in cleaned
    assert "5 &lt; 6" in cleaned


def test_empty_editor_document_is_stored_empty():
    assert clean_html("<p></p>") == ""


def test_headline_and_summary_are_escaped_on_pages(client):
    article = make_article(headline="<b>Bold</b> claim", summary="<script>x()</script>")
    html = client.get("/").content.decode()
    assert "&lt;b&gt;Bold&lt;/b&gt; claim" in html
    assert "<script>x()" not in html
    assert client.get(article.get_absolute_url()).status_code == 200
