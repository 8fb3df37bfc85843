"""The article back office: the editor's form, workflow actions, dashboard,
revisions and previews (issue 18: it is the editorial workflow's, so it lives
here, not in articles/). The preview of the page as readers see it is wired
by the site's AdminSite, which assembles pages (site/admin_site.py).
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.urls import path
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import lazy

from masthead.articles.models import Article, ArticleAuthor, Correction
from masthead.core.zones import TimesInZone, zone_name, zone_note
from masthead.media.models import Embed

from . import (
    admin_views,
    autosaves,
    checklist,
    desk,
    pickers,
    policy,
    revisions,
    services,
)
from .forms import ArticleForm
from .preview import share_url


class ArticleAuthorInline(admin.TabularInline):
    model = ArticleAuthor
    extra = 1
    autocomplete_fields = ["person"]
    fields = ["person", "position"]


class CorrectionInline(admin.TabularInline):
    """Corrections are appended through the service, which moves "Updated"."""

    model = Correction
    extra = 0
    fields = ["kind", "text", "time"]
    readonly_fields = ["time"]

    def has_add_permission(self, request, obj=None):
        return (
            obj is not None
            and obj.is_published
            and super().has_add_permission(request, obj)
        )

    @admin.display(description=lazy(lambda: f"Time ({zone_name()})", str)())
    def time(self, correction):
        if correction.created_at is None:
            return "-"
        return date_format(timezone.localtime(correction.created_at), "DATETIME_FORMAT")


def _embed_errors(article):
    """{address: the worker's reason} for the body's unresolved embeds."""
    urls = (article.story or {}).get("unresolved")
    if not urls:
        return {}
    return dict(Embed.objects.filter(url__in=urls).values_list("url", "error"))


def _transition_action(name):
    def action(modeladmin, request, queryset):
        for article in queryset:
            admin_views.run_transition(request, article=article, name=name)

    action.__name__ = name
    action.short_description = f"{admin_views.ACTION_LABELS[name]} (selected articles)"
    return action


@admin.register(Article)
class ArticleAdmin(TimesInZone, admin.ModelAdmin):
    form = ArticleForm
    list_display = ["title", "section", "status", "published_at", "revised_at"]
    list_filter = ["status", "section", "published_at"]
    search_fields = ["title", "standfirst", "body"]
    prepopulated_fields = {"slug": ["title"]}
    # Sections are few: a plain list, which works without JavaScript too (an
    # autocomplete widget is empty until its script asks the server).
    autocomplete_fields = ["tags", "hero_image"]
    inlines = [ArticleAuthorInline, CorrectionInline]
    date_hierarchy = "published_at"
    # State and publication time change only through the workflow's actions.
    readonly_fields = ["status", "published_at", "revised_at"]
    # The story first, full width beside its preview (the "desk" in
    # change_form.html); the rest below it (issue 20).
    fieldsets = [
        (None, {"fields": ["title", "standfirst", "body"], "classes": ["desk__story"]}),
        (
            "Address and placement",
            {"fields": ["slug", "section", "tags", "hero_image"]},
        ),
        (
            "Publishing",
            {"fields": ["status", "published_at", "revised_at", "comments_enabled"]},
        ),
    ]
    actions = [
        _transition_action(name)
        for name in ("submit_for_review", "publish", "unpublish", "return_to_draft")
    ]

    class Media:
        js = ["editorial/editor.js", "editorial/preview.js", "editorial/autosave.js"]
        css = {"all": ["editorial/editor.css"]}

    def get_queryset(self, request):
        """Contributors and Authors work on their own articles only."""
        queryset = super().get_queryset(request)
        if request.user.has_perm("articles.edit_others_article"):
            return queryset
        return queryset.filter(created_by=request.user)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or policy.can_edit(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or policy.can_edit(request.user, obj))

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.editor = request.user  # a class of this request's own (modelform_factory)
        return form

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
        # Saved: the unsaved text kept for this story (or the new one) is not.
        autosaves.discard(user=request.user, article=obj if change else None)

    def add_view(self, request, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), **desk.context(request, None)}
        return super().add_view(request, form_url, extra_context)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # After the m2m and inlines, so the revision holds tags and byline too.
        revisions.record(article=form.instance, user=request.user)

    def save_formset(self, request, form, formset, change):
        if formset.model is not Correction:
            return super().save_formset(request, form, formset, change)
        for correction in formset.save(commit=False):
            if correction.pk:
                correction.save()
                continue
            try:
                services.add_correction(
                    article=form.instance,
                    user=request.user,
                    kind=correction.kind,
                    text=correction.text,
                )
            except (PermissionDenied, services.TransitionError) as err:
                messages.error(request, str(err))
        for gone in formset.deleted_objects:
            gone.delete()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, object_id)
        if article is not None:
            extra_context = {
                **(extra_context or {}),
                **self.workflow_context(request, article),
                **desk.context(request, article),
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def workflow_context(self, request, article):
        names = services.allowed_transitions(article=article, user=request.user)
        can_edit = policy.can_edit(request.user, article)
        return {
            "workflow_actions": [(n, admin_views.ACTION_LABELS[n]) for n in names],
            "can_preview": can_edit,
            "share_url": share_url(request, article) if can_edit else "",
            "can_view_revisions": policy.can_view_revisions(request.user, article),
            "schedule_min": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "zone_name": zone_name(),
            "zone_note": zone_note(),
            "checklist": checklist.article_checks(
                article, embed_errors=_embed_errors(article)
            ),
        }

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "dashboard/",
                wrap(lambda request: admin_views.dashboard_view(self, request)),
                name="articles_article_dashboard",
            ),
            path(
                "picker/",
                wrap(lambda request: pickers.picker_view(self, request)),
                name="articles_article_picker",
            ),
            path(
                "markdown-preview/",
                wrap(admin_views.markdown_preview_view),
                name="articles_article_markdown_preview",
            ),
            *desk_urls(wrap),
            path(
                "<path:object_id>/transition/",
                wrap(admin_views.transition_view),
                name="articles_article_transition",
            ),
            path(
                "<path:object_id>/revisions/",
                wrap(
                    lambda request, object_id: admin_views.revisions_view(
                        self, request, object_id
                    )
                ),
                name="articles_article_revisions",
            ),
            path(
                "<path:object_id>/revisions/<int:revision_id>/restore/",
                wrap(admin_views.restore_view),
                name="articles_article_restore",
            ),
            *super().get_urls(),
        ]


def desk_urls(wrap):
    """The writing screen's autosave, lock and discard endpoints (desk.py)."""
    return [
        path("autosave/", wrap(desk.autosave_view), name="articles_article_autosave"),
        path(
            "autosave/discard/",
            wrap(desk.discard_view),
            name="articles_article_discard",
        ),
        path(
            "<path:object_id>/autosave/",
            wrap(desk.autosave_view),
            name="articles_article_autosave_of",
        ),
        path(
            "<path:object_id>/autosave/discard/",
            wrap(desk.discard_view),
            name="articles_article_discard_of",
        ),
        path(
            "<path:object_id>/take-over/",
            wrap(desk.take_over_view),
            name="articles_article_take_over",
        ),
    ]
