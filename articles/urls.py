from django.urls import path, register_converter
from django.views.decorators.cache import cache_control

from . import feeds, sitemaps, views, views_live, views_syndication
from .tags import UnicodeSlugConverter


class FourDigits:
    regex = r"\d{4}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{int(value):04d}"


class TwoDigits(FourDigits):
    regex = r"\d{2}"

    def to_url(self, value):
        return f"{int(value):02d}"


register_converter(FourDigits, "yyyy")
register_converter(TwoDigits, "dd")
register_converter(UnicodeSlugConverter, "uslug")

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("<yyyy:year>/<dd:month>/<dd:day>/<slug:slug>/", views.article_detail, name="detail"),
    path("tags/<uslug:slug>/", views.tag_archive, name="tag"),
    path("sources/<slug:slug>/", views.source_archive, name="source"),
    path("bylines/<slug:slug>/", views.byline_archive, name="byline"),
    path("kinds/<slug:kind>/", views.kind_archive, name="kind"),
    path("search/", views.search, name="search"),
    path("healthz", views.healthz, name="healthz"),
    path("preview/<str:token>/", views.shared_preview, name="shared_preview"),
    # What open pages poll for a new version or a new Flash (docs/readers.md, "Developing stories").
    path("live/story/<int:pk>.json", views_live.story_json, name="live-story"),
    path("live/home.json", views_live.home_json, name="live-home"),
]

# Off the wire for other sites (docs/syndication.md).
feed = cache_control(public=True, max_age=60)
urlpatterns += [
    path("feeds/latest.rss", feed(feeds.StoryFeed()), name="feed-latest-rss"),
    path("feeds/latest.atom", feed(feeds.StoryFeed(atom=True)), name="feed-latest-atom"),
    path("feeds/tags/<uslug:slug>.rss", feed(feeds.TagFeed()), name="feed-tag-rss"),
    path("feeds/tags/<uslug:slug>.atom", feed(feeds.TagFeed(atom=True)), name="feed-tag-atom"),
    path("feeds/sources/<slug:slug>.rss", feed(feeds.SourceFeed()), name="feed-source-rss"),
    path("feeds/sources/<slug:slug>.atom", feed(feeds.SourceFeed(atom=True)), name="feed-source-atom"),
    path("feeds/kinds/<slug:kind>.rss", feed(feeds.KindFeed()), name="feed-kind-rss"),
    path("feeds/kinds/<slug:kind>.atom", feed(feeds.KindFeed(atom=True)), name="feed-kind-atom"),
    path("sitemap.xml", sitemaps.sitemap, name="sitemap"),
    path("sitemap-news.xml", sitemaps.news_sitemap, name="sitemap-news"),
    path("sitemap-stories-<yyyy:year>-<dd:month>.xml", sitemaps.sitemap_month, name="sitemap-month"),
    path("sitemap-<slug:section>.xml", sitemaps.sitemap_section, name="sitemap-section"),
    path("robots.txt", sitemaps.robots_txt, name="robots"),
    path("ticker.json", views_syndication.ticker_json, name="ticker-json"),
    path("ticker/embed.js", views_syndication.embed_js, name="ticker-embed-js"),
    path("ticker/embed/", views_syndication.ticker_embed, name="ticker-embed"),
    path("ticker/oembed/", views_syndication.ticker_oembed, name="ticker-oembed"),
    path("ticker/demo/", views_syndication.ticker_demo, name="ticker-demo"),
]
