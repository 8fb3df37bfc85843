"""Local development and `make demo`: debug on unless DEBUG says otherwise."""

import os

os.environ.setdefault("DEBUG", "1")

from .base import *  # noqa: E402,F403
