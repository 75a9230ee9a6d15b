"""Sitemaps for search engines: /sitemap.xml is an index of parts (the home page
and kinds, the sources, then the stories month by month, each part at most
50,000 URLs as the protocol says, so a busy month is split into pages), and
/sitemap-news.xml under Google News rules. Stories from sources whose licence
keeps them out of search engines (Source.indexable off) are in none of them.

Every answer is a fixed number of queries: the index one (stories per month),
a month's part two (its count, its stories)."""

import math
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.contrib.sitemaps.views import SitemapIndexItem
from django.db.models import Count, Max
from django.db.models.functions import Coalesce, TruncMonth
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from .models import Article, Kind, Source

NEWS_WINDOW = timedelta(hours=48)  # Google News: stories first published in the last two days
NEWS_MAX_URLS = 1000  # Google News: at most 1,000 URLs per news sitemap
MAX_URLS = 50000  # the sitemap protocol's most URLs per file


def indexable_stories(now=None):
    return Article.objects.published(now).filter(source__indexable=True)


class CountedSitemap(Sitemap):
    @cached_property
    def paginator(self):
        """Counted once per request, not once per use as Django's property does."""
        return super().paginator


class MonthSitemap(CountedSitemap):
    """The stories first published in one month (the desk's time zone), newest first.

    Queries: count (1), the page of stories (1)."""

    limit = MAX_URLS

    def __init__(self, year, month):
        zone = timezone.get_current_timezone()
        self.start = datetime(year, month, 1, tzinfo=zone)
        self.end = datetime(year + month // 12, month % 12 + 1, 1, tzinfo=zone)

    def items(self):
        stories = indexable_stories().filter(published_at__gte=self.start, published_at__lt=self.end)
        return stories.newest_first().only("slug", "published_at", "created_at", "updated_at")

    def lastmod(self, article):
        return article.updated_at or article.published_at


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


SITEMAPS = {"sections": SectionSitemap, "sources": SourceSitemap}


def month_parts():
    """The index's story parts, newest month first: one query (stories per month)."""
    months = (
        indexable_stories()
        .annotate(month=TruncMonth("published_at"))
        .values("month")
        .annotate(stories=Count("id"), lastmod=Max(Coalesce("updated_at", "published_at")))
        .order_by("-month")
    )
    parts = []
    for row in months:
        month = timezone.localtime(row["month"]) if timezone.is_aware(row["month"]) else row["month"]
        location = reverse("articles:sitemap-month", kwargs={"year": month.year, "month": month.month})
        for page in range(1, math.ceil(row["stories"] / MAX_URLS) + 1):
            parts.append({"location": location + (f"?p={page}" if page > 1 else ""), "lastmod": row["lastmod"]})
    return parts


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
    """The index: the sections' and sources' parts, then the stories' by month."""
    absolute = request.build_absolute_uri
    items = [SitemapIndexItem(absolute(reverse("articles:sitemap-section", args=[name])), None) for name in SITEMAPS]
    parts = month_parts()
    items += [SitemapIndexItem(absolute(part["location"]), part["lastmod"]) for part in parts]
    latest = max((part["lastmod"] for part in parts), default=None)
    headers = {"Last-Modified": http_date(latest.timestamp())} if latest else None
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": items}, content_type="application/xml", headers=headers
    )


@require_safe
def sitemap_month(request, year, month):
    if not 1 <= month <= 12 or year < 1:
        raise Http404("No such month.")
    return sitemap_views.sitemap(request, {"stories": MonthSitemap(year, month)})


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
