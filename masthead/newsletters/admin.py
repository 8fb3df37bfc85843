"""The editors' screens: lists, subscribers, editions with preview, test and send.

Sending is a permission of its own (`newsletters.send_edition`, granted to
the Editor role); the preview is the message exactly as a subscriber gets it
(the HTML part of the very bytes the worker would send), with the editor's
own links in place of a subscriber's.
"""

from email import policy
from email.parser import BytesParser

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, DateTimeField, Q
from django.http import HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.dateparse import parse_datetime

from . import compose, editions, services
from .models import Edition, EditionStory, Newsletter, Subscriber, Subscription


class LabelledDatesAdmin(admin.ModelAdmin):
    """The admin's split date and time inputs share one label (the date's):
    each gets a name of its own for screen readers (axe's "label" rule)."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        widgets = getattr(getattr(field, "widget", None), "widgets", None)
        if isinstance(db_field, DateTimeField) and widgets and len(widgets) == 2:
            name = str(db_field.verbose_name).capitalize()
            widgets[0].attrs["aria-label"] = f"{name}: date"
            widgets[1].attrs["aria-label"] = f"{name}: time"
        return field


@admin.register(Newsletter)
class NewsletterAdmin(admin.ModelAdmin):
    list_display = ["name", "cadence", "section", "is_public", "subscribers"]
    prepopulated_fields = {"slug": ["name"]}
    fields = [
        "name",
        "slug",
        "description",
        "is_public",
        "position",
        "section",
        "cadence",
        "send_time",
        "weekday",
        "min_stories",
        "last_digest_at",
    ]
    readonly_fields = ["last_digest_at"]

    def get_queryset(self, request):
        active = Q(subscriptions__status="active")
        return (
            super()
            .get_queryset(request)
            .annotate(active_count=Count("subscriptions", filter=active))
        )

    @admin.display(description="Subscribers", ordering="active_count")
    def subscribers(self, newsletter):
        return newsletter.active_count


class SubscriptionInline(admin.StackedInline):
    model = Subscription
    extra = 0
    fields = ["newsletter", "status", "requested_at", "confirmed_at", "unsubscribed_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False  # readers subscribe themselves (double opt-in)


@admin.register(Subscriber)
class SubscriberAdmin(LabelledDatesAdmin):
    list_display = ["email", "created_at", "confirmed_at", "suppressed_at",
                    "suppressed_reason"]  # fmt: skip
    list_filter = [
        ("suppressed_at", admin.EmptyFieldListFilter),
        ("confirmed_at", admin.EmptyFieldListFilter),
    ]
    search_fields = ["email"]
    fields = [
        "email",
        "created_at",
        "confirmed_at",
        "suppressed_at",
        "suppressed_reason",
    ]
    readonly_fields = ["email", "created_at", "confirmed_at"]
    inlines = [SubscriptionInline]
    actions = ["unsuppress"]

    def has_add_permission(self, request):
        return False

    @admin.action(
        description="Mail the selected addresses again (lift suppression)",
        permissions=["change"],
    )
    def unsuppress(self, request, queryset):
        count = services.unsuppress(subscribers=queryset)
        self.message_user(
            request, f"{count} address(es) will get mail again.", messages.SUCCESS
        )


class EditionStoryInline(admin.StackedInline):
    """Stacked: a tabular inline's inputs have column headings, not labels (axe)."""

    model = EditionStory
    extra = 3
    raw_id_fields = ["article"]
    fields = ["article", "position"]


@admin.register(Edition)
class EditionAdmin(LabelledDatesAdmin):
    list_display = [
        "subject",
        "newsletter",
        "kind",
        "status",
        "send_at",
        "progress_line",
    ]
    list_filter = ["status", "kind", "newsletter"]
    search_fields = ["subject"]
    fields = [
        "newsletter",
        "kind",
        "subject",
        "intro",
        "send_at",
        "status",
        "progress_line",
        "problem_line",
    ]
    readonly_fields = ["status", "progress_line", "problem_line"]
    inlines = [EditionStoryInline]
    change_form_template = "newsletters/admin/edition_change_form.html"

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.status not in (
            Edition.Status.DRAFT,
            Edition.Status.SCHEDULED,
        ):
            return self.fields  # what went out is the record: not edited after
        return self.readonly_fields

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description="Progress")
    def progress_line(self, edition):
        if edition.pk is None or edition.status in ("draft", "scheduled"):
            return "Not started"
        counts = editions.progress(edition)
        parts = [
            f"{counts.get(state, 0)} {state}"
            for state in (
                "sent",
                "queued",
                "claimed",
                "sending",
                "retry",
                "failed",
                "skipped",
            )
            if counts.get(state)
        ]
        return f"{edition.recipients} recipients: " + ", ".join(parts or ["none"])

    @admin.display(description="Problem")
    def problem_line(self, edition):
        return edition.problem or "None"

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/preview/",
                view(self.preview_view),
                name="newsletters_edition_preview",
            ),
            path(
                "<int:pk>/preview/text/",
                view(self.preview_text_view),
                name="newsletters_edition_preview_text",
            ),
            path(
                "<int:pk>/send-test/",
                view(self.send_test_view),
                name="newsletters_edition_send_test",
            ),
            path(
                "<int:pk>/schedule/",
                view(self.schedule_view),
                name="newsletters_edition_schedule",
            ),
            path(
                "<int:pk>/cancel/",
                view(self.cancel_view),
                name="newsletters_edition_cancel",
            ),
            *super().get_urls(),
        ]

    def _edition(self, request, pk):
        edition = get_object_or_404(Edition.objects.select_related("newsletter"), pk=pk)
        if not self.has_view_permission(request, edition):
            raise PermissionDenied
        return edition

    def _sent_part(self, request, pk, subtype):
        edition = self._edition(request, pk)
        message = editions.prepared(edition).message_for(
            editions.recipient(
                edition_id=edition.pk,
                delivery_pk=0,
                email=request.user.email or "editor@example.com",
                subscriber_pk=0,
                key="preview",
                newsletter_id=edition.newsletter_id,
            )
        )
        parsed = BytesParser(policy=policy.default).parsebytes(message.raw)
        return parsed.get_body(preferencelist=(subtype,)).get_content()

    def preview_view(self, request, pk):
        response = HttpResponse(self._sent_part(request, pk, "html"))
        # The message's CSS is inline, as mail clients need; its pictures are
        # on the public site's address.
        response._csp_update = {
            "style-src": ["'unsafe-inline'"],
            "img-src": [compose.site_base()],
        }
        response["X-Frame-Options"] = "SAMEORIGIN"
        return response

    def preview_text_view(self, request, pk):
        return HttpResponse(
            self._sent_part(request, pk, "plain"),
            content_type="text/plain; charset=utf-8",
        )

    @staticmethod
    def _back(edition):
        return HttpResponseRedirect(
            reverse("admin:newsletters_edition_change", args=[edition.pk])
        )

    def send_test_view(self, request, pk):
        return self._act(
            request,
            pk,
            lambda edition: editions.send_test(edition=edition, user=request.user),
            "A test is on its way to {email}.",
        )

    def schedule_view(self, request, pk):
        when = parse_datetime(request.POST.get("send_at", "") or "")
        return self._act(
            request,
            pk,
            lambda edition: editions.schedule(
                edition=edition, user=request.user, send_at=when or edition.send_at
            ),
            "Scheduled: the worker sends it at its time (now, if none was set).",
        )

    def cancel_view(self, request, pk):
        return self._act(
            request,
            pk,
            lambda edition: editions.cancel(edition=edition, user=request.user),
            "Back to draft: nothing was sent.",
        )

    def _act(self, request, pk, action, done):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        edition = self._edition(request, pk)
        try:
            action(edition)
        except (ValueError, PermissionDenied) as refusal:
            self.message_user(request, str(refusal), messages.ERROR)
        else:
            self.message_user(
                request, done.format(email=request.user.email), messages.SUCCESS
            )
        return self._back(edition)

    def render_change_form(
        self, request, context, add=False, change=False, form_url="", obj=None
    ):
        context["may_send"] = request.user.has_perm(editions.SEND_PERMISSION)
        return super().render_change_form(request, context, add, change, form_url, obj)
