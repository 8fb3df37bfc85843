from django.apps import AppConfig


class JobsConfig(AppConfig):
    """The job queue and `masthead worker`, at the bottom of the app graph.

    Every app may queue jobs here and register its periodic chores; this app
    imports none of them (issue 18: the queue used to live in editorial/, so
    media, comments and quotes imported the newsroom's workflow to queue work).
    """

    name = "masthead.jobs"
    label = "jobs"
    verbose_name = "Background jobs"
