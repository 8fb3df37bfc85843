from django.contrib import admin
from django.utils.html import format_html

from .models import Image


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    list_display = ["thumbnail", "__str__", "credit", "width", "height", "uploaded_at"]
    search_fields = ["caption", "credit", "alt_text"]
    readonly_fields = ["width", "height"]
    fields = ["file", "alt_text", "caption", "credit", "focal_x", "focal_y", "width", "height"]

    @admin.display(description="")
    def thumbnail(self, image):
        return format_html(
            '<img src="{}" alt="" width="80" style="height:auto">', image.file.url
        )
