from django.contrib import admin, messages
from django.utils.html import format_html
from django.utils.text import get_text_list

from articles import workflow

from .forms import ImageForm
from .models import Image, StoryPhoto


class AltTextFilter(admin.SimpleListFilter):
    title = "alt text"
    parameter_name = "alt"

    def lookups(self, request, model_admin):
        return [("missing", "Missing (not shown to readers)"), ("present", "Present")]

    def queryset(self, request, queryset):
        if self.value() == "missing":
            return queryset.filter(alt_text="")
        if self.value() == "present":
            return queryset.exclude(alt_text="")
        return queryset


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    form = ImageForm
    list_display = ["thumbnail", "__str__", "credit", "source", "size", "has_alt_text", "uploaded_at", "uploaded_by"]
    list_display_links = ["thumbnail", "__str__"]
    list_select_related = ["source", "uploaded_by"]
    list_filter = [AltTextFilter, "source", "uploaded_at"]
    search_fields = ["caption", "credit", "alt_text", "copyright_holder", "file"]
    date_hierarchy = "uploaded_at"
    autocomplete_fields = ["source"]
    list_per_page = 50

    class Media:
        js = ["photos/admin-focal-point.js"]
        css = {"all": ["photos/admin.css"]}

    def has_change_permission(self, request, obj=None):
        """A photo that a published story uses follows the published story's rule."""
        return super().has_change_permission(request, obj) and (
            obj is None or workflow.may_edit_photo(request.user, obj)
        )

    def get_fields(self, request, obj=None):
        fields = ["caption", "credit", "alt_text", "copyright_holder", "source", ("focal_x", "focal_y")]
        if obj is None:
            return ["file", *fields]
        return ["preview", *fields, ("size", "uploaded_by", "uploaded_at")]

    def get_readonly_fields(self, request, obj=None):
        return ["preview", "size", "uploaded_by", "uploaded_at"] if obj else []

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)
        if form.filled_from_metadata:
            self.message_user(
                request,
                f"Filled in the {get_text_list(form.filled_from_metadata, 'and')} from the photo's own data: "
                "please check them.",
                messages.WARNING,
            )

    @admin.display(description="photo")
    def thumbnail(self, obj):
        if not obj.width:
            return "—"
        small = obj.rendition("1x1", 160)
        return format_html(
            '<img src="{}" width="80" height="80" alt="" class="photos-thumb" loading="lazy">', obj.url(small)
        )

    @admin.display(description="size")
    def size(self, obj):
        return f"{obj.width} × {obj.height}"

    @admin.display(description="alt text", boolean=True)
    def has_alt_text(self, obj):
        return bool(obj.alt_text)

    @admin.display(description="photo (click to set the focal point)")
    def preview(self, obj):
        shown = obj.rendition("full", 640)
        return format_html(
            '<div class="photos-focal" data-focal-picker style="--x:{}%;--y:{}%">'
            '<img src="{}" width="{}" height="{}" alt="{}"><span class="photos-focal__mark" aria-hidden="true"></span>'
            "</div>",
            obj.focal_x,
            obj.focal_y,
            obj.url(shown),
            shown.width,
            shown.height,
            obj.alt_text,
        )


class StoryPhotoInline(admin.TabularInline):
    """Photos inside a story's text, on the story form (articles/admin/story.py lists it)."""

    model = StoryPhoto
    extra = 0
    autocomplete_fields = ["image"]  # the search picker, as for the lead photo
    fields = ["image", "after_paragraph", "position"]
