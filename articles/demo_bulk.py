"""Bulk demo copy for benchmarks: `load_demo --stories N` tops the desk up to N
published stories shaped like wire copy (12 paragraphs, ~4 KB of HTML, 3 tags
from a pool of 300, a byline, a source, a photo on every tenth story).

The text is generated from word lists written for the project: plausible, never
real. Rows go in with bulk_create in batches, so 20,000 stories take well under
two minutes on SQLite. The FTS5 search index (SQLite) is kept in step by its
triggers, so bulk rows are searchable at once.
"""

import random
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag, TaggedItem

from photos.models import Image

from .models import Article, ArticleByline, Byline, Kind, Precedence, Source, Status

BATCH = 500
STEP = timedelta(minutes=7)  # about 200 stories a day, as a busy wire moves
PARAGRAPHS = 12
TAGS_PER_STORY = 3
PHOTO_EVERY = 10
GUID_PREFIX = "urn:newsdesk:bulk:"

TOPICS = (
    "trade shipping ports grain energy oil gas solar wind power rail roads aviation tourism banking "
    "markets currency inflation budget taxes jobs wages housing health hospitals schools universities "
    "science space climate drought floods storms farming fisheries forests water mining steel cars "
    "technology telecoms courts elections parliament diplomacy defence police culture museums film "
    "music football athletics cycling"
).split()
PLACES = (
    "Northport Eastbridge Westfall Southmere Lakeside Rivermouth Highcliff Stonebay Greenhill Ashford "
    "Redwater Blackrock Whitesands Goldvale Ironcastle Silverton Copperfield Oakridge Pinewood Elmstead "
    "Maplewood Cedarfalls Willowby Birchmont Hawthorne Fernbank Heathrow-on-Sea Moorgate Fenwick Dunmore "
    "Kelso Arden Brackley Caldera Dalby Eskdale Farley Glenrock Harwick Islay Jarrow Kirkby Lindholm "
    "Marlow Norcross Orford Penrith Quarry Rosslyn Selby Thirsk Ulverston Varley Wexcombe Yarrow Zennor "
    "Altamira Belmonte Corvara Doriana Estrella Fontana Granada-Nueva Halcyon Isola Jadeport Karsk "
    "Lunaria Miravale Nerida Ostrava-Nova Palmera Quintana Rivara Solace Tierra-Alta Umbria-Bay "
    "Valmont Windmere Xanthe Yellowbay Zephyr-Point Amberley Bellhaven Coldstream Drummond Eastwick "
    "Foxley Greystone Hollowmere Inverlee Juniper-Cove Kestrel-Ford Longmoor Merrow"
).split()
FIRST_NAMES = "Ana Ben Chen Dara Emil Farah Goran Hana Ivo Jun Kemal Lena Malik Nadia Omar".split()
LAST_NAMES = "Abara Borg Castillo Dube Eriksen Fujita Garcia Haddad Ivanova Jensen".split()
PEOPLE = [f"{first} {last}" for first in FIRST_NAMES for last in LAST_NAMES]
TAG_POOL = TOPICS + PLACES + PEOPLE  # 55 + 95 + 150 = 300 tags

SUBJECTS = (
    "officials",
    "the ministry",
    "port authorities",
    "regional leaders",
    "the central bank",
    "city planners",
    "industry groups",
    "farmers' unions",
    "researchers",
    "the council",
    "shipping firms",
    "local residents",
)
VERBS = (
    "said on Tuesday",
    "announced",
    "confirmed",
    "warned",
    "told reporters",
    "reported",
    "expect",
    "estimated",
    "agreed",
    "denied",
)
OBJECTS = (
    "that talks would continue next week",
    "a plan to expand the harbour by 2030",
    "new figures showing steady growth",
    "that repairs would take several months",
    "an agreement on water sharing",
    "delays caused by heavy rain",
    "a rise in exports for the third quarter",
    "that the bridge would reopen on Friday",
    "a review of safety rules",
    "that prices had eased since spring",
    "record numbers of visitors",
    "funding for two new schools",
)
TAILS = (
    "according to a statement released after the meeting",
    "despite objections from opposition members",
    "in a move welcomed by business groups",
    "as forecasters predicted more storms",
    "citing figures from the statistics office",
    "after months of negotiations",
    "while calling for patience from the public",
    "with further details expected later in the day",
)
HEADLINE_VERBS = ("agree", "plan", "delay", "back", "reject", "open", "review", "extend", "cut", "boost")
HEADLINE_THINGS = (
    "port deal",
    "rail link",
    "budget",
    "water plan",
    "grain exports",
    "school funding",
    "wind farm",
    "bridge repairs",
    "trade talks",
    "flood defences",
    "tax reform",
    "museum plans",
)


def _sentence(rng, place, topic):
    return (
        f"{rng.choice(SUBJECTS).capitalize()} in {place} {rng.choice(VERBS)} {rng.choice(OBJECTS)}, "
        f"{rng.choice(TAILS)}, in a development closely watched by the {topic} sector."
    )


def story_copy(rng):
    """One generated story: headline, summary, dateline, HTML body (~4 KB), its three tags."""
    tags = rng.sample(TAG_POOL, TAGS_PER_STORY)
    place = rng.choice(PLACES)
    topic = rng.choice(TOPICS)
    headline = f"{place} officials {rng.choice(HEADLINE_VERBS)} {rng.choice(HEADLINE_THINGS)} amid {topic} concerns"
    paragraphs = [" ".join(_sentence(rng, place, topic) for _ in range(2)) for _ in range(PARAGRAPHS)]
    body = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    summary = _sentence(rng, place, topic)
    return headline, summary, place.upper(), body, tags


def _kind(rng):
    roll = rng.random()
    if roll < 0.8:
        return Kind.NEWS
    return rng.choice([Kind.INTERVIEW, Kind.FEATURE, Kind.ROUNDUP, Kind.ANALYSIS, Kind.COMMENTARY])


def _precedence(rng):
    roll = rng.random()
    return Precedence.FLASH if roll < 0.005 else Precedence.URGENT if roll < 0.05 else Precedence.ROUTINE


def _bylines(sources):
    """Two bylines per source, made once and reused."""
    bylines = list(Byline.objects.filter(source__in=sources))
    have = {byline.source_id for byline in bylines}
    for source in sources:
        if source.pk not in have:
            for n in (1, 2):
                bylines.append(
                    Byline.objects.get_or_create(
                        slug=f"{source.slug}-desk-{n}"[:50],
                        defaults={"name": f"{source.credit} desk {n}", "role": "Correspondent", "source": source},
                    )[0]
                )
    return bylines


def _tags():
    existing = {tag.name.lower(): tag for tag in Tag.objects.filter(name__in=TAG_POOL)}
    missing = [Tag(name=name, slug=slugify(name)) for name in TAG_POOL if name.lower() not in existing]
    if missing:
        Tag.objects.bulk_create(missing, ignore_conflicts=True)
        existing = {tag.name.lower(): tag for tag in Tag.objects.filter(name__in=TAG_POOL)}
    return existing


@transaction.atomic
def top_up(total, seed=0, now=None):
    """Add published stories until there are `total`; returns how many were added."""
    wanted = total - Article.objects.published(now).count()
    if wanted <= 0:
        return 0
    sources = list(Source.objects.all())
    if not sources:
        raise ValueError("No sources yet: load the demo desk first.")
    bylines = _bylines(sources)
    by_source = {source.pk: [b for b in bylines if b.source_id == source.pk] for source in sources}
    tags = _tags()
    photos = [image for image in Image.objects.all() if image.publishable]
    content_type = ContentType.objects.get_for_model(Article)

    offset = Article.objects.filter(guid__startswith=GUID_PREFIX).count()
    now = (now or timezone.now()).replace(microsecond=0)
    oldest = Article.objects.published(now).order_by("published_at").values_list("published_at", flat=True).first()
    start = min(oldest or now, now) - STEP
    rng = random.Random(seed + offset)  # noqa: S311 - demo copy, not secrets

    for first in range(0, wanted, BATCH):
        rows, extras = [], []
        for i in range(first, min(first + BATCH, wanted)):
            n = offset + i + 1
            headline, summary, dateline, body, story_tags = story_copy(rng)
            source = sources[0] if rng.random() < 0.5 else rng.choice(sources)
            rows.append(
                Article(
                    guid=f"{GUID_PREFIX}{n}",
                    headline=headline,
                    slug=f"{slugify(headline)[:90]}-{n}",
                    kind=_kind(rng),
                    precedence=_precedence(rng),
                    dateline=dateline,
                    summary=summary,
                    body=body,
                    source=source,
                    status=Status.PUBLISHED,
                    published_at=start - STEP * i,
                    lead_image=photos[n % len(photos)] if photos and n % PHOTO_EVERY == 0 else None,
                )
            )
            extras.append((rng.choice(by_source[source.pk] or bylines), story_tags))
        Article.objects.bulk_create(rows)
        ArticleByline.objects.bulk_create(
            ArticleByline(article=article, byline=byline) for article, (byline, _) in zip(rows, extras, strict=True)
        )
        TaggedItem.objects.bulk_create(
            TaggedItem(content_type=content_type, object_id=article.pk, tag=tags[name.lower()])
            for article, (_, names) in zip(rows, extras, strict=True)
            for name in names
        )
    # Fresh statistics, or the planner may think the tables still small and, on
    # PostgreSQL, filter every story's text instead of using the search index.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return wanted
