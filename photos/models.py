from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models, transaction
from django.utils.feedgenerator import Enclosure
from django.utils.text import Truncator
from PIL import Image as PILImage

from . import renditions


class Image(models.Model):
    """A photo in the desk's library: the stored file is always a safe re-encoding (see processing.py)."""

    file = models.ImageField(upload_to="photos/%Y/%m/", help_text="JPEG, PNG, WebP or GIF.")
    caption = models.TextField(blank=True, help_text="What the photo shows, for readers. Shown under it.")
    credit = models.CharField(
        max_length=200, blank=True, help_text='Who took it, as readers see it, e.g. "Chen Hao/Xinhua".'
    )
    alt_text = models.CharField(
        "alt text",
        max_length=300,
        blank=True,
        help_text="Describes the photo for readers who cannot see it. Required before it appears on a public page.",
    )
    copyright_holder = models.CharField(max_length=200, blank=True)
    focal_x = models.PositiveSmallIntegerField(
        "focal point across",
        default=50,
        validators=[MaxValueValidator(100)],
        help_text="Where the subject is, in percent from the left edge. Crops keep it in view.",
    )
    focal_y = models.PositiveSmallIntegerField(
        "focal point down",
        default=50,
        validators=[MaxValueValidator(100)],
        help_text="Where the subject is, in percent from the top edge.",
    )
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
    source = models.ForeignKey(
        "articles.Source",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="images",
        help_text="The agency the photo came from, if any.",
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, editable=False, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    rendition_bytes = models.JSONField(default=dict, editable=False, help_text="Sizes of the renditions made.")

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        verbose_name = "photo"

    def __str__(self):
        words = Truncator(self.caption or self.alt_text or self.file.name).chars(70)
        return f"{words} ({self.credit})" if self.credit else words

    def save(self, *args, **kwargs):
        """Saves the photo and makes its missing renditions; all or nothing."""
        adding = self._state.adding
        if self.file and not (self.width and self.height):
            # Made in code rather than through the upload form: read the size from the file.
            # (Files from outside should go through processing.prepare() first.)
            with self.file.open("rb") as f, PILImage.open(f) as opened:
                self.width, self.height = opened.size
        try:
            with transaction.atomic():
                super().save(*args, **kwargs)
                made = renditions.generate(self)
                if made:
                    self.rendition_bytes = {**self.rendition_bytes, **made}
                    Image.objects.filter(pk=self.pk).update(rendition_bytes=self.rendition_bytes)
        except BaseException:
            if adding and self.file:
                self.file.delete(save=False)
            raise

    @property
    def publishable(self):
        """Readers see a photo only once it has alt text (and a file)."""
        return bool(self.file and self.alt_text.strip() and self.width)

    # Renditions, for templates and the other parts of the desk. No I/O: names are computed.

    def renditions(self, crop="full", ext="jpg"):
        return [r for r in renditions.plan(self, crop) if r.ext == ext]

    def rendition(self, crop="full", width=640, ext="jpg"):
        """The narrowest rendition at least `width` wide (or the widest there is)."""
        options = self.renditions(crop, ext)
        return next((r for r in options if r.width >= width), options[-1])

    def url(self, rendition, request=None):
        url = self.file.storage.url(rendition.name)
        return request.build_absolute_uri(url) if request else url

    def srcset(self, crop="full", ext="jpg"):
        return ", ".join(f"{self.url(r)} {r.width}w" for r in self.renditions(crop, ext))

    def og_rendition(self):
        return renditions.plan_og(self)

    def og_url(self, request=None):
        """Absolute URL of the 1200x630 JPEG for og:image (size: og_rendition().width/height)."""
        return self.url(self.og_rendition(), request)

    def rendition_urls(self, request=None):
        """Widest JPEGs in 16:9, 4:3 and 1:1: the image list Google asks for in NewsArticle JSON-LD."""
        return [self.url(self.renditions(crop)[-1], request) for crop in ("16x9", "4x3", "1x1")]

    def feed_enclosure(self, request=None):
        """An RSS enclosure: the 1280-wide (or widest) full-frame JPEG."""
        rendition = self.rendition("full", 1280)
        length = self.rendition_bytes.get(rendition.name, 0)
        return Enclosure(self.url(rendition, request), str(length), rendition.mime_type)

    def ninjs_renditions(self, request=None):
        """ninjs 2.x `renditions`: every full-frame JPEG and WebP, plus the 16:9 crops."""
        chosen = [r for crop in ("full", "16x9") for ext in renditions.FORMATS for r in self.renditions(crop, ext)]
        return [
            {
                "name": f"{r.crop}-{r.width}-{r.ext}",
                "href": self.url(r, request),
                "contenttype": r.mime_type,
                "width": r.width,
                "height": r.height,
                **({"sizeinbytes": self.rendition_bytes[r.name]} if r.name in self.rendition_bytes else {}),
            }
            for r in chosen
        ]

    def ninjs_association(self, request=None, name="featureimage"):
        """One item of a ninjs 2.x `associations` list: the photo with caption, credit and renditions."""
        association = {
            "name": name,
            "uri": f"urn:newsdesk:photo:{self.pk}",
            "type": "picture",
            "renditions": self.ninjs_renditions(request),
        }
        if self.caption:
            association["descriptions"] = [{"role": "caption", "contenttype": "text/plain", "value": self.caption}]
        if self.alt_text:
            association.setdefault("descriptions", []).append(
                {"role": "alt", "contenttype": "text/plain", "value": self.alt_text}
            )
        if self.credit:
            association["by"] = self.credit
        if self.copyright_holder:
            association["copyrightholder"] = self.copyright_holder
        return association


class StoryPhoto(models.Model):
    """A photo shown inside a story's text, between two paragraphs.

    The stored body stays free of <img>: the photo is placed when the page is drawn
    (see the {% story_body %} tag), so the sanitizer's allow-list does not change."""

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="story_photos")
    image = models.ForeignKey(
        Image,
        on_delete=models.CASCADE,
        related_name="story_uses",
        verbose_name="photo",
        help_text="Type words of its caption, credit or alt text to find it.",
    )
    after_paragraph = models.PositiveSmallIntegerField(
        "after paragraph",
        default=1,
        help_text="Shown after this paragraph of the story: 1 after the first, 0 before it. "
        "A quote, a list or a heading counts as one paragraph; past the last one, the photo goes at the end.",
    )
    position = models.PositiveSmallIntegerField(
        default=0, help_text="When two photos follow the same paragraph, the lower number comes first."
    )

    class Meta:
        ordering = ["after_paragraph", "position", "id"]
        verbose_name = "photo in the story"
        verbose_name_plural = "photos in the story"

    def __str__(self):
        return f"{self.image} after paragraph {self.after_paragraph}"
