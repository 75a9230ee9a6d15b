import re
from types import SimpleNamespace

from django.conf import settings
from django.core import signing
from django.core.paginator import Paginator
from django.db import connection
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.cache import never_cache
from taggit.models import Tag

from security.ratelimit import rate_limit

from . import archives, river, story_page
from . import search as readers_search
from .front import arrange, latest_from_ticker, rail
from .models import Article, Byline, Kind, Source, Status, published_story_exists
from .ticker import MAX_ITEMS, get_ticker


def _page(request, stories, size):
    """Page `?page=` of `stories`, `size` a page, without counting them: one story
    past the page tells whether another page follows."""
    page_param = request.GET.get("page", "")
    number = 1  # anything odd (², 1.5, -1) is page 1; a huge number is capped, never a database error
    if re.fullmatch(r"[0-9]+", page_param):
        number = max(min(int(page_param), 10**6), 1) if len(page_param) <= 7 else 10**6
    start = (number - 1) * size
    rows = list(stories[start : start + size + 1])
    if number > 1 and not rows:
        raise Http404("No more stories.")
    return SimpleNamespace(
        number=number,
        has_previous=number > 1,
        has_next=len(rows) > size,
        has_other_pages=number > 1 or len(rows) > size,
        previous_page_number=number - 1,
        next_page_number=number + 1,
        object_list=rows[:size],
    )


def home(request):
    # Page 1 is the front (articles/front.py): banner, lead, secondary, river, rail by kind.
    # Later pages are "More stories", a plain list.
    page = _page(request, Article.objects.published().for_river().newest_first(), settings.ARTICLES_PER_PAGE + 1)
    if page.number > 1:
        return render(request, "home.html", {"page": page, "latest": page.object_list})
    now = timezone.now()
    front = arrange(page.object_list, now, more=page.has_next)
    context = {
        "page": page,
        "flash": front.flash,
        "lead": front.lead,
        "secondary": front.secondary,
        "latest": front.latest,
        "rail": rail(now, shown=[front.flash, front.lead, *front.secondary]),
        "kinds": Kind.choices[1:],
    }
    return render(request, "home.html", context)


def article_detail(request, year, month, day, slug):
    article = story_page.find_published(slug)
    preview = article is None
    if preview:
        article = story_page.find(Article.objects.all(), slug=slug)
        if article is None:
            raise Http404("No such story.")
        if article.status == Status.WITHDRAWN:
            return render(request, "articles/withdrawn.html", {"article": article}, status=410)
        if not request.user.is_staff:
            raise Http404("No such story.")
    if request.path != article.get_absolute_url():
        return redirect(article, permanent=not preview)
    context = {
        "article": article,
        "canonical": request.build_absolute_uri(article.get_absolute_url()),
        "preview": preview,
        "related": story_page.related_stories(article),
        "latest": latest_from_ticker(get_ticker(limit=MAX_ITEMS), exclude_url=article.get_absolute_url()),
    }
    response = render(request, "articles/article_detail.html", context)
    if preview:
        add_never_cache_headers(response)  # a staff preview must never be cached
    return response


def _archive(request, title, queryset, heading_kind, obj=None):
    page = _page(request, river.rows(queryset.newest_first()), settings.ARTICLES_PER_PAGE)
    context = {"title": title, "page": page, "heading_kind": heading_kind, "object": obj}
    return render(request, "articles/archive.html", context)


def tag_archive(request, slug):
    tag = get_object_or_404(Tag.objects.filter(published_story_exists("tags")), slug=slug)
    return _archive(request, tag.name, archives.with_tag(Article.objects.published(), tag), "Topic", tag)


def source_archive(request, slug):
    source = get_object_or_404(Source.objects.filter(published_story_exists("source")), slug=slug)
    return _archive(request, source.name, Article.objects.published().filter(source=source), "Source", source)


def byline_archive(request, slug):
    bylines = Byline.objects.select_related("source").filter(published_story_exists("bylines"))
    byline = get_object_or_404(bylines, slug=slug)
    return _archive(request, byline.name, archives.with_byline(Article.objects.published(), byline), "Byline", byline)


def kind_archive(request, kind):
    if kind not in Kind.values:
        raise Http404("No such kind of story.")
    stories = Article.objects.published().filter(kind=kind)
    return _archive(request, Kind(kind).label, stories, "Kind")


@never_cache
def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


# Shareable previews: a signed link for people outside the desk. It expires,
# and shows nothing while the story is under embargo.

PREVIEW_SALT = "articles.preview"


def preview_link(article):
    """A relative URL anyone can open for PREVIEW_LINK_MAX_AGE seconds."""
    token = signing.TimestampSigner(salt=PREVIEW_SALT).sign(str(article.pk))
    return reverse("articles:shared_preview", args=[token])


@never_cache
@rate_limit("preview")
def shared_preview(request, token):
    try:
        pk = signing.TimestampSigner(salt=PREVIEW_SALT).unsign(token, max_age=settings.PREVIEW_LINK_MAX_AGE)
    except signing.SignatureExpired:
        message = "This preview link has expired. Ask the desk for a new one."
        return HttpResponse(message, status=410, content_type="text/plain")
    except signing.BadSignature:
        raise Http404("No such preview.") from None
    article = story_page.find(Article.objects.all(), pk=pk)
    if article is None:
        raise Http404("No such preview.")
    if article.status == Status.WITHDRAWN:
        return render(request, "articles/withdrawn.html", {"article": article}, status=410)
    if article.embargo_until and article.embargo_until > timezone.now():
        when = timezone.localtime(article.embargo_until)
        message = f"This story is under embargo until {when:%B %d, %Y, %H:%M %Z}. The preview opens then."
        return HttpResponse(message, status=403, content_type="text/plain")
    context = {"article": article, "canonical": request.build_absolute_uri(article.get_absolute_url()), "preview": True}
    response = render(request, "articles/article_detail.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response


@rate_limit("search")
def search(request):
    query = readers_search.clean_query(request.GET.get("q"))
    context = {"query": query, "problem": readers_search.problem_with(query), "page": None}
    if not context["problem"]:
        paginator = Paginator(readers_search.search(query), settings.ARTICLES_PER_PAGE)
        # Counted the cheap way (Paginator.count is a cached property); pages run to
        # the ranked window's end where there is one (PostgreSQL, search.RANK_WINDOW).
        context["total"] = readers_search.count(query)
        paginator.count = min(context["total"], readers_search.ranked_window() or context["total"])
        page = paginator.get_page(request.GET.get("page"))
        page.object_list = readers_search.add_snippets(list(page.object_list), query)
        context["page"] = page
    return render(request, "search.html", context)
