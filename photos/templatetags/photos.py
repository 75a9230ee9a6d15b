"""{% picture image "role" %}: a responsive <picture> for a photo, shaped by where it is used."""

from dataclasses import dataclass

from django import template

register = template.Library()


@dataclass(frozen=True)
class Role:
    crop: str
    sizes: str
    fallback_width: int
    lead: bool  # above the fold: loaded first, never lazily
    caption: bool


ROLES = {
    # the story's own photo, full frame, as wide as the story column (44rem)
    "article": Role("full", "(min-width: 46rem) 44rem, calc(100vw - 2rem)", 960, lead=True, caption=True),
    # the home page's top story
    "lead": Role("16x9", "(min-width: 46rem) 44rem, calc(100vw - 2rem)", 960, lead=True, caption=False),
    # a small picture beside a headline in a list
    "thumb": Role("4x3", "(min-width: 48rem) 8rem, 6rem", 320, lead=False, caption=False),
}


@register.inclusion_tag("includes/picture.html")
def picture(image, role="thumb"):
    """Renders nothing for no photo, or one that is not ready for readers (no alt text)."""
    if image is None or not image.publishable:
        return {"image": None}
    spec = ROLES[role]
    fallback = image.rendition(spec.crop, spec.fallback_width)
    return {
        "image": image,
        "role": role,
        "spec": spec,
        "src": image.url(fallback),
        "width": fallback.width,
        "height": fallback.height,
        "webp_srcset": image.srcset(spec.crop, "webp"),
        "jpg_srcset": image.srcset(spec.crop, "jpg"),
    }
