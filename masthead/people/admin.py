from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.template.response import TemplateResponse

from .models import Person, PersonAlias
from .services import merge_people


class PersonAliasInline(admin.TabularInline):
    model = PersonAlias
    extra = 0
    fields = ["name"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "job_title", "is_staff_author", "user"]
    list_filter = ["is_staff_author", "kind"]
    search_fields = ["name", "job_title", "aliases__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["photo", "user"]
    inlines = [PersonAliasInline]
    actions = ["merge_people"]

    @admin.action(description="Merge selected people into one", permissions=["change", "delete"])
    def merge_people(self, request, queryset):
        """Duplicates ("Karen Bass", "Mayor Bass"): an editor picks the record to keep."""
        people = list(queryset.order_by("-is_staff_author", "name"))
        if len(people) < 2:
            self.message_user(request, "Select at least two people to merge.", messages.WARNING)
            return None
        keep = next((p for p in people if str(p.pk) == request.POST.get("keep")), None)
        if keep is None:
            context = {**self.admin_site.each_context(request), "people": people,
                       "title": "Merge people", "opts": self.model._meta,
                       "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
                       "missing_choice": "confirm" in request.POST}
            return TemplateResponse(request, "people/admin/merge_people.html", context)
        merge_people(keep=keep, others=people)
        self.message_user(request, f"Merged {len(people) - 1} into {keep.name}.", messages.SUCCESS)
        return None
