"""The article back office: the editor's form, workflow actions, dashboard,
revisions and previews (issue 18: it is the editorial workflow's, so it lives
here, not in articles/). The preview of the page as readers see it is wired
by the site's AdminSite, which assembles pages (site/admin_site.py).
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.urls import path

from masthead.articles.models import Article, ArticleAuthor, Correction
from masthead.media.models import Embed

from . import admin_views, checklist, pickers, policy, revisions, services
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
    fields = ["kind", "text", "created_at"]
    readonly_fields = ["created_at"]

    def has_add_permission(self, request, obj=None):
        return (
            obj is not None
            and obj.is_published
            and super().has_add_permission(request, obj)
        )


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
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "section", "status", "published_at", "revised_at"]
    list_filter = ["status", "section", "published_at"]
    search_fields = ["title", "standfirst", "body"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["tags", "hero_image", "section"]
    inlines = [ArticleAuthorInline, CorrectionInline]
    date_hierarchy = "published_at"
    # State and publication time change only through the workflow's actions.
    readonly_fields = ["status", "published_at", "revised_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "standfirst", "body"]}),
        ("Placement", {"fields": ["section", "tags", "hero_image"]}),
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
        js = ["editorial/editor.js"]
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

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

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
