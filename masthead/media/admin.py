from django.contrib import admin
from django.utils.html import format_html

from masthead.jobs.queue import enqueue_on_commit

from .forms import ImageForm
from .models import Image
from .tasks import make_renditions


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    form = ImageForm
    list_display = [
        "thumbnail",
        "__str__",
        "credit",
        "width",
        "height",
        "renditions_ready",
        "uploaded_at",
    ]
    list_filter = ["renditions_ready"]
    search_fields = ["caption", "credit", "alt_text"]
    readonly_fields = ["focal_point_picker", "width", "height", "renditions_ready"]
    fields = [
        "file",
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
