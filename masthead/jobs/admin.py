"""Background jobs in the admin: what failed, why, and a "retry" (issue 24, item 9).

django-tasks-db's own admin lists jobs read-only; this one adds each job's
attempts and last error to the list, a filter for failures, and an action
that runs failed jobs again. Its module is imported first so that its
registration exists to be replaced, whichever app the admin finds first.
"""

import django_tasks_db.admin as tasks_admin
from django.conf import settings
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_tasks_db.models import DBTaskResult

from . import queue


class JobAdmin(tasks_admin.DBTaskResultAdmin):
    list_display = (
        "task_name", "status", "attempts", "last_error", "enqueued_at",
        "started_at", "finished_at", "display_run_after",
    )  # fmt: skip
    list_filter = ("status", "queue_name")
    search_fields = ("task_path",)
    actions = ["retry"]

    @admin.display(description=_("attempts"))
    def attempts(self, obj):
        return f"{queue.attempts(obj)} of {settings.MASTHEAD_JOB_MAX_ATTEMPTS}"

    @admin.display(description=_("last error"))
    def last_error(self, obj):
        """The traceback's last line ("ValueError: …"); empty once it succeeded."""
        lines = [line for line in obj.traceback.splitlines() if line.strip()]
        return lines[-1][:200] if lines and obj.status != "SUCCESSFUL" else ""

    @admin.action(description=_("Retry the selected failed jobs"),
                  permissions=["retry"])
    def retry(self, request, queryset):
        count = queue.retry(queryset)
        self.message_user(request, ngettext(
            "%d failed job will run again.", "%d failed jobs will run again.", count,
        ) % count, messages.SUCCESS)  # fmt: skip

    def has_retry_permission(self, request):
        return request.user.has_perm("django_tasks_database.change_dbtaskresult")


admin.site.unregister(DBTaskResult)
admin.site.register(DBTaskResult, JobAdmin)
