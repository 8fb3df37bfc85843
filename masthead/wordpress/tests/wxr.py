"""The real WordPress exports in ../shared/wxr/ (never copied into the repo)."""

from pathlib import Path

import pytest

FOLDER = Path(__file__).resolve().parents[3] / ".." / "shared" / "wxr"
THEME = "themeunittestdata.wordpress.xml"


def fixture(name):
    path = FOLDER / name
    if not path.is_file():
        pytest.skip(f"{path} is absent (the shared WordPress exports are not here)")
    return path
