"""The `masthead` console command: Django's management commands with our settings.

Commands may be typed with hyphens (`masthead commenter-export`); Django's
command names use underscores, so the two spellings are the same command.
"""

import os
import sys


def main(argv=None):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "masthead.settings.dev")
    from django.core.management import execute_from_command_line

    argv = list(argv or sys.argv)
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
