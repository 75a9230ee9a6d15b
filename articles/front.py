"""The front page's arrangement: a Flash or Urgent banner, the lead, the secondary
stories, the "Latest" river and the rail by kind.

home() (views.py) fetches the page of newest stories once; arrange() shares
those rows out without another query. The rail by kind is one bounded query
(rail()), and the banner costs a query only on a wire so busy that the whole
first page is younger than the banner's hour (pick_flash())."""

from dataclasses import dataclass

from django.urls import reverse

from . import live
from .models import Article, Kind, story_url

SECONDARY = 3  # stories under the lead, with their photos
LEAD_PHOTO_WITHIN = 3  # the lead is the newest of the first three with a photo (else the newest)

RAIL_KINDS = {
    Kind.INTERVIEW: "Interviews",
    Kind.FEATURE: "Features",
    Kind.ANALYSIS: "Analysis",
    Kind.ROUNDUP: "Roundups",
    Kind.COMMENTARY: "Commentary",
}
RAIL_PER_KIND = 3
RAIL_CANDIDATES = 30  # the newest stories of those kinds the rail picks from: bounded however big the archive


@dataclass
class Front:
    flash: Article | None
    lead: Article | None
    secondary: list
    latest: list


@dataclass(frozen=True)
class RailStory:
    headline: str
    url: str


@dataclass
class RailSection:
    kind: str
    heading: str
    url: str
    stories: list


def is_breaking(story, now):
    """A Flash or Urgent still in its first hour: shown as the banner above the lead."""
    return (
        story.precedence in live.BREAKING
        and story.published_at is not None
        and story.published_at > now - live.FLASH_WINDOW
    )


def pick_flash(stories, now, more=False):
    """The newest Flash or Urgent under an hour old (live.current_flash()). Picked out
    of `stories` (the newest first) when it is there; asked for (one query) only when
    all of them are younger than an hour and `more` follow, so it may be further down."""
    flash = next((story for story in stories if is_breaking(story, now)), None)
    if flash or not (more and stories and stories[-1].published_at > now - live.FLASH_WINDOW):
        return flash
    return live.current_flash(now)


def arrange(stories, now, more=False):
    """Share the newest `stories` out: the banner (not repeated below it), the lead
    (the newest of the first LEAD_PHOTO_WITHIN with a photo readers may see), the
    SECONDARY stories after it, and the river of the rest, all newest first."""
    stories = list(stories)
    flash = pick_flash(stories, now, more)
    stories = [story for story in stories if story != flash]
    if not stories:
        return Front(flash=flash, lead=None, secondary=[], latest=[])
    lead = next((story for story in stories[:LEAD_PHOTO_WITHIN] if _has_photo(story)), stories[0])
    stories.remove(lead)
    return Front(flash=flash, lead=lead, secondary=stories[:SECONDARY], latest=stories[SECONDARY:])


def _has_photo(story):
    return story.lead_image_id is not None and story.lead_image.publishable


def rail(now, shown=()):
    """The rail: up to RAIL_PER_KIND newest stories of each kind in RAIL_KINDS, in one
    query over the RAIL_CANDIDATES newest stories of those kinds (never one per kind),
    read as plain values (headline and address are all it shows). Stories in `shown`
    (the banner, lead and secondary) are left out; a kind with no story among the
    candidates has no section."""
    candidates = (
        Article.objects.published(now)
        .filter(kind__in=list(RAIL_KINDS))
        .newest_first()
        .values_list("pk", "kind", "headline", "slug", "published_at")[:RAIL_CANDIDATES]
    )
    by_kind = {kind: [] for kind in RAIL_KINDS}
    skip = {story.pk for story in shown if story}
    for pk, kind, headline, slug, published_at in candidates:
        picked = by_kind[kind]
        if pk not in skip and len(picked) < RAIL_PER_KIND:
            picked.append(RailStory(headline=headline, url=story_url(slug, published_at)))
    return [
        RailSection(kind=kind, heading=heading, url=reverse("articles:kind", args=[kind]), stories=by_kind[kind])
        for kind, heading in RAIL_KINDS.items()
        if by_kind[kind]
    ]


def latest_from_ticker(ticker, exclude_url="", limit=5):
    """The article page's "Latest" list, from the ticker the page already shows
    (cached: no query): its newest stories, without pinned items or this story."""
    return [item for item in ticker.items if not item.pinned and item.url != exclude_url][:limit]
