"""The sources audit: whose voices the newsroom carries, for editors only.

Served inside the admin (QuoteAdmin.get_urls), so only staff reach it and the
page cache never keeps it.
"""

import csv

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch
from django.db.models.functions import TruncMonth
from django.http import StreamingHttpResponse
from django.template.response import TemplateResponse
from django.utils.safestring import mark_safe

from masthead.articles.models import ArticleAuthor, Section

from . import charts
from .models import Quote

TOP = 20
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class AuditFilterForm(forms.Form):
    start = forms.DateField(required=False, label="From", widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(required=False, label="To", widget=forms.DateInput(attrs={"type": "date"}))
    section = forms.ModelChoiceField(Section.objects.all(), required=False, empty_label="All sections")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("start") and cleaned.get("end") and cleaned["start"] > cleaned["end"]:
            raise forms.ValidationError("The start date must be on or before the end date.",
                                        code="reversed")
        return cleaned


def filtered_quotes(data):
    quotes = Quote.objects.public().between(data.get("start"), data.get("end"))
    if data.get("section"):
        quotes = quotes.filter(article__section=data["section"])
    return quotes


def tallies(quotes):
    """Each breakdown as (label, count) rows, largest first (months in order)."""
    def count_by(field, limit=TOP):
        rows = (
            quotes.values(field).annotate(n=Count("pk", distinct=True))
            .order_by("-n", field).values_list(field, "n")
        )
        return [(label if label is not None else "(none)", n) for label, n in rows[:limit]]

    months = (
        quotes.annotate(month=TruncMonth("article__published_at"))
        .values("month").annotate(n=Count("pk")).order_by("month")
    )
    return {
        "speaker": count_by("speaker__name"),
        "kind": count_by("speaker__kind"),
        "section": count_by("article__section__name"),
        "author": count_by("article__bylines__person__name"),
        "month": [(m["month"].strftime("%Y-%m"), m["n"]) for m in months if m["month"]],
    }


TITLES = {
    "speaker": "Quotes per speaker (top 20)",
    "kind": "Quotes by people and organisations",
    "section": "Quotes per section",
    "author": "Quotes per author of the story",
    "month": "Quotes per month",
}


def audit_view(request, model_admin):
    if not model_admin.has_view_permission(request):
        raise PermissionDenied("Only editors may see the sources audit.")
    form = AuditFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        context = {**model_admin.admin_site.each_context(request), "form": form,
                   "title": "Sources audit", "blocks": []}
        return TemplateResponse(request, "quotes/audit.html", context, status=400)
    quotes = filtered_quotes(form.cleaned_data if form.is_bound else {})
    if request.GET.get("format") == "csv":
        return csv_response(quotes)
    blocks = [
        {"key": key, "title": TITLES[key], "rows": rows,
         "svg": mark_safe(charts.bar_chart(rows, title=TITLES[key], chart_id=f"chart-{key}"))}  # noqa: S308 (escaped in charts)
        for key, rows in tallies(quotes).items()
    ]
    query = request.GET.copy()
    query["format"] = "csv"
    context = {
        **model_admin.admin_site.each_context(request),
        "title": "Sources audit", "form": form, "blocks": blocks,
        "total": quotes.count(), "csv_query": query.urlencode(),
    }
    return TemplateResponse(request, "quotes/audit.html", context)


def safe_cell(value):
    """Spreadsheets run a cell that starts with = + - @ as a formula: quote it."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class _Echo:
    def write(self, value):
        return value


CSV_HEADER = ["published", "article", "section", "authors", "speaker", "speaker kind",
              "role", "cue type", "confidence", "origin", "quote"]


def csv_rows(quotes):
    bylines = Prefetch("article__bylines", queryset=ArticleAuthor.objects.select_related("person"))
    rows = (
        quotes.select_related("article__section", "speaker")
        .prefetch_related(bylines)
        .order_by("-article__published_at", "article_id", "start")
    )
    yield CSV_HEADER
    for quote in rows.iterator(chunk_size=500):
        article = quote.article
        yield [safe_cell(v) for v in (
            article.published_at.date().isoformat() if article.published_at else "",
            article.title,
            article.section.name if article.section else "",
            "; ".join(b.person.name for b in article.bylines.all()),
            quote.speaker.name if quote.speaker else "",
            quote.speaker.get_kind_display() if quote.speaker else "",
            quote.speaker_role, quote.cue_type, f"{quote.confidence:.2f}",
            quote.origin, quote.text,
        )]


def csv_response(quotes):
    writer = csv.writer(_Echo())
    response = StreamingHttpResponse(
        (writer.writerow(row) for row in csv_rows(quotes)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="sources-audit.csv"'
    return response


__all__ = ["audit_view", "safe_cell", "tallies"]
