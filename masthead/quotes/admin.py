from django import forms
from django.contrib import admin, messages
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from masthead.core.zones import TimesInZone

from . import audit, review, services
from .models import Quote
from .spans import mask_markdown, quotable_text


class _OneChoiceFilter(admin.SimpleListFilter):
    """Filter by one related row, reached from a link in the list.

    A sidebar listing every article or speaker would grow with the archive;
    this one shows only the row being filtered on.
    """

    field = ""

    def lookups(self, request, model_admin):
        value = self.value()
        if not (value and value.isdigit()):
            return []
        row = model_admin.model._meta.get_field(self.field).related_model.objects.filter(
            pk=value
        ).first()
        return [(value, str(row))] if row else []

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(**{f"{self.field}_id": value})
        return queryset


class ArticleFilter(_OneChoiceFilter):
    title = _("article")
    parameter_name = field = "article"


class SpeakerFilter(_OneChoiceFilter):
    title = _("speaker")
    parameter_name = field = "speaker"


class QuoteForm(forms.ModelForm):
    class Meta:
        model = Quote
        fields = ["article", "text", "speaker", "speaker_role", "status"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        cleaned = super().clean()
        article, text = cleaned.get("article"), cleaned.get("text")
        if article and text and services.locate(mask_markdown(quotable_text(article.body)), text) is None:
            self.add_error(
                "text",
                forms.ValidationError(
                    _("These words are not in the article. Copy them from its body."),
                    code="not_in_article",
                ),
            )
        return cleaned


@admin.register(Quote)
class QuoteAdmin(TimesInZone, admin.ModelAdmin):
    """Editors fix attributions here: change the speaker, mark "not a quote",
    or add a quote the extractor missed. Re-extraction keeps all three."""

    form = QuoteForm
    list_display = ["short_text", "speaker_link", "article_link", "cue_type", "confidence",
                    "status", "origin"]
    list_filter = ["status", "origin", "cue_type", ArticleFilter, SpeakerFilter]
    search_fields = ["text", "speaker__name", "article__title"]
    autocomplete_fields = ["article", "speaker"]
    readonly_fields = ["cue", "cue_type", "confidence", "is_partial", "origin", "start", "end",
                       "reviewed_by", "reviewed_at"]
    list_select_related = ["speaker", "article"]
    actions = ["mark_not_a_quote", "restore_as_quote"]

    @admin.display(description=_("quote"))
    def short_text(self, quote):
        return quote.text if len(quote.text) <= 80 else quote.text[:79] + "…"

    @admin.display(description=_("speaker"), ordering="speaker__name")
    def speaker_link(self, quote):
        if quote.speaker is None:
            return _("unattributed")
        return format_html('<a href="?speaker={}">{}</a>', quote.speaker_id, quote.speaker)

    @admin.display(description=_("article"), ordering="article__title")
    def article_link(self, quote):
        return format_html('<a href="?article={}">{}</a>', quote.article_id, quote.article)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.origin = Quote.Origin.EDITOR
        if "speaker" in form.changed_data:
            obj.speaker_fixed = True
            obj._speaker_before = form.initial.get("speaker")
        if not change or "text" in form.changed_data:
            span = services.locate(mask_markdown(quotable_text(obj.article.body)), obj.text, near=obj.start)
            obj.start, obj.end = span or (0, 0)
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Mark selected as not a quote"), permissions=["change"])
    def mark_not_a_quote(self, request, queryset):
        self._set_status(request, queryset, Quote.Status.REJECTED)

    @admin.action(description=_("Restore selected as quotes"), permissions=["change"])
    def restore_as_quote(self, request, queryset):
        self._set_status(request, queryset, Quote.Status.ACTIVE)

    def _set_status(self, request, queryset, status):
        rows = list(queryset.only("pk", "article_id", "speaker_id"))
        count = queryset.update(status=status)
        services.purge_quote_pages(
            article_ids={q.article_id for q in rows}, person_ids={q.speaker_id for q in rows}
        )
        self.message_user(request, _("%(count)d quotes updated.") % {"count": count},
                          messages.SUCCESS)

    def get_urls(self):
        audit_view = self.admin_site.admin_view(self.audit_view)
        review_view = self.admin_site.admin_view(self.review_view)
        return [
            path("audit/", audit_view, name="quotes_quote_audit"),
            path("review/", review_view, name="quotes_quote_review"),
            *super().get_urls(),
        ]

    def audit_view(self, request):
        return audit.audit_view(request, self)

    def review_view(self, request):
        return review.review_view(request, self)

    def changelist_view(self, request, extra_context=None):
        extra_context = {"audit_url": reverse("admin:quotes_quote_audit"),
                         "review_url": reverse("admin:quotes_quote_review"),
                         **(extra_context or {})}
        return super().changelist_view(request, extra_context)
