from django.contrib import admin
from django.utils.html import format_html

from masthead.core.zones import TimesInZone
from masthead.jobs.queue import enqueue_on_commit

from .embeds import resolve_embed
from .forms import ImageForm
from .models import Embed, Image
from .tasks import make_renditions


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    form = ImageForm
    list_display = [
        "thumbnail",
        "__str__",  # the title, else the caption, else the alt text
        "credit",
        "width",
        "height",
        "renditions_ready",
        "uploaded_at",
    ]
    list_filter = ["renditions_ready"]
    search_fields = ["title", "caption", "credit", "alt_text"]
    readonly_fields = ["focal_point_picker", "width", "height", "renditions_ready"]
    fields = [
        "file",
        "title",
        "alt_text",
        "caption",
        "credit",
        "focal_point_picker",
        "focal_x",
        "focal_y",
        "width",
        "height",
        "renditions_ready",
    ]

    class Media:
        js = ["media/focal-point.js"]
        css = {"all": ["media/focal-point.css"]}

    @admin.display(description="")
    def thumbnail(self, image):
        return format_html(
            '<img src="{}" alt="" width="80" class="media-thumb">', image.file.url
        )

    @admin.display(description="Focal point")
    def focal_point_picker(self, image):
        if not image.pk:
            return "Save the image first, then click on its subject here."
        return format_html(
            '<span class="focal-picker"><img src="{}" alt="{}" data-focal-point '
            'width="400"><span class="focal-picker__mark" hidden></span></span>'
            '<span class="help">Click the subject: crops keep it in frame. '
            "Or type fractions below (0 = left/top, 1 = right/bottom).</span>",
            image.file.url,
            image.alt_text,
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not obj.renditions_ready:
            enqueue_on_commit(make_renditions, obj.pk)


@admin.register(Embed)
class EmbedAdmin(TimesInZone, admin.ModelAdmin):
    """What the worker made of each pasted link; editors read it, and ask for
    a link to be resolved again once its provider is back."""

    list_display = ["url", "provider_name", "status", "error", "resolved_at"]
    list_filter = ["status", "provider_name"]
    search_fields = ["url", "title", "author_name"]
    actions = ["resolve_again"]
    fields = readonly_fields = [
        "url",
        "provider_name",
        "status",
        "error",
        "title",
        "author_name",
        "frame_src",
        "ratio",
        "thumbnail",
        "resolved_at",
        "created_at",
    ]

    def has_add_permission(self, request):
        return False  # rows come from links pasted into stories

    @admin.action(description="Resolve again", permissions=["change"])
    def resolve_again(self, request, queryset):
        ids = list(queryset.values_list("pk", flat=True))
        for embed_id in ids:
            enqueue_on_commit(resolve_embed, embed_id)
        self.message_user(
            request,
            f"{len(ids)} link(s) will be resolved again by the worker in a moment.",
        )
