"""Sitemaps for search engines: /sitemap.xml (one file, or an index of pages
when the stories outgrow one) and /sitemap-news.xml under Google News rules.
Stories from sources whose licence keeps them out of search engines
(Source.indexable off) are in neither."""

from datetime import timedelta

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Max
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.decorators.http import require_safe

from .models import Article, Kind, Source

NEWS_WINDOW = timedelta(hours=48)  # Google News: stories first published in the last two days
NEWS_MAX_URLS = 1000  # Google News: at most 1,000 URLs per news sitemap


def indexable_stories(now=None):
    return Article.objects.published(now).filter(source__indexable=True)


class CountedSitemap(Sitemap):
    @cached_property
    def paginator(self):
        """Counted once per request, not once per use as Django's property does."""
        return super().paginator


class StorySitemap(CountedSitemap):
    """Queries: count (1), the page of stories (1)."""

    limit = 50000  # the sitemap protocol's most URLs per file

    def items(self):
        return indexable_stories().newest_first().only("slug", "published_at", "created_at", "updated_at")

    def lastmod(self, article):
        return article.updated_at or article.published_at

    def get_latest_lastmod(self):
        """One aggregate query instead of Django's walk over every story."""
        return indexable_stories().aggregate(latest=Max(Coalesce("updated_at", "published_at")))["latest"]


class SectionSitemap(CountedSitemap):
    """The home page and the kinds' archives: no query."""

    def items(self):
        return [reverse("articles:home")] + [reverse("articles:kind", args=[kind]) for kind in Kind.values[1:]]

    def location(self, path):
        return path


class SourceSitemap(CountedSitemap):
    """Queries: count (1), the sources (1)."""

    def items(self):
        return Source.objects.order_by("position", "name").only("slug")


SITEMAPS = {"stories": StorySitemap, "sections": SectionSitemap, "sources": SourceSitemap}


class NewsSitemap(CountedSitemap):
    """Stories first published in the last 48 hours, newest first, at most 1,000.

    Queries: count (1), the stories (1)."""

    limit = NEWS_MAX_URLS

    def items(self):
        now = timezone.now()
        stories = indexable_stories(now).filter(published_at__gte=now - NEWS_WINDOW).newest_first()
        return stories.only("slug", "headline", "kind", "precedence", "language", "published_at", "created_at")[
            :NEWS_MAX_URLS
        ]


def news_language(code):
    """Google News wants ISO 639 codes, except zh-cn and zh-tw for Chinese."""
    code = (code or settings.LANGUAGE_CODE).lower().replace("_", "-")
    if code.startswith("zh"):
        return "zh-tw" if code.startswith(("zh-tw", "zh-hant", "zh-hk")) else "zh-cn"
    return code.split("-")[0]


@require_safe
def sitemap(request):
    """One sitemap while every section fits in one file; an index of files beyond that."""
    sections = {name: cls() for name, cls in SITEMAPS.items()}
    if any(section.paginator.num_pages > 1 for section in sections.values()):
        return sitemap_views.index(request, sections, sitemap_url_name="articles:sitemap-section")
    return sitemap_views.sitemap(request, sections)


@require_safe
def sitemap_section(request, section):
    return sitemap_views.sitemap(request, {name: cls() for name, cls in SITEMAPS.items()}, section=section)


@require_safe
def news_sitemap(request):
    response = sitemap_views.sitemap(request, {"news": NewsSitemap()}, template_name="sitemaps/news.xml")
    response.context_data["publication_name"] = settings.NEWSDESK_SITE_NAME
    for url in response.context_data["urlset"]:
        url["language"] = news_language(url["item"].language)
    return response


@require_safe
def robots_txt(request):
    """Crawlers: keep out of the desk and search results; here are both sitemaps."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        "",
        "Sitemap: " + request.build_absolute_uri(reverse("articles:sitemap")),
        "Sitemap: " + request.build_absolute_uri(reverse("articles:sitemap-news")),
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
