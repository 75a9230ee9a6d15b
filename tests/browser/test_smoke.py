import pytest

from tests.factories import make_article, make_ticker

pytestmark = pytest.mark.django_db(transaction=True)


def test_story_page_loads_without_console_errors(live_server, page):
    make_ticker()
    article = make_article(headline="Ferry link reopens after storm")
    make_article(headline="Second story for the ticker")
    page.goto(live_server.url + article.get_absolute_url())
    assert page.locator("h1").inner_text() == "Ferry link reopens after storm"
    assert page.get_by_role("button", name="Pause the ticker").is_visible()
