"""Attachments into the media library, through the same checks as an upload.

A file is taken from `--uploads DIR` (a copy of wp-content/uploads) by its
path, never fetched: the importer runs where the old site may be gone, and a
URL in a file is not a reason to make a request. It goes through ImageForm
(real type, pixel limit, GPS stripped, credit read from IPTC), exactly as
an editor's upload does; only the fields come from WordPress: its title,
caption, alt text and credit (issue 22, item 8).
"""

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.text import slugify

from masthead.jobs.queue import enqueue_on_commit
from masthead.media.forms import ImageForm
from masthead.media.models import Image
from masthead.media.tasks import make_renditions

from . import mapping, permalinks, phpserial
from .models import ImportedAttachment

PICTURES = {".jpg", ".jpeg", ".png", ".gif", ".webp"}
_UPLOADS = re.compile(r"/wp-content/uploads/|/files/")


def relative_path(item):
    """The file's path under wp-content/uploads ("2013/03/crane.jpg")."""
    attached = item.meta_value("_wp_attached_file")
    if attached:
        return attached.lstrip("/")
    path = unquote(urlsplit(item.attachment_url).path)
    parts = _UPLOADS.split(path, maxsplit=1)
    return parts[1] if len(parts) == 2 else path.rsplit("/", 1)[-1]


def library_name(path, wp_id, taken):
    """A media library file name (core/story.py's IMAGE_NAME) for the file:
    its own name made safe, with the WordPress id when another file has it."""
    base = Path(path).name
    stem, ext = Path(base).stem, Path(base).suffix.lower()
    name = f"{slugify(stem)[:150] or 'picture'}{ext}"
    if name in taken:
        name = f"{slugify(stem)[:140] or 'picture'}-{wp_id}{ext}"
    return name


def credit_of(item, metadata):
    """Newspack's _media_credit, then the IPTC credit WordPress read on upload."""
    credit = item.meta_value("_media_credit")
    image_meta = (metadata or {}).get("image_meta") or {}
    if not credit and isinstance(image_meta, dict):
        credit = image_meta.get("credit") or image_meta.get("copyright") or ""
    return str(credit).strip()[:200]


class Attachments:
    """Imports one site's attachments; report is a report.Report."""

    def __init__(self, *, site, uploads, report, dry_run, uploader_names):
        self.site, self.uploads, self.report = site, uploads, report
        self.dry_run, self.uploader_names = dry_run, uploader_names
        self.done = {a.wp_id: a for a in ImportedAttachment.objects.filter(site=site)}
        self.taken = {a.name for a in self.done.values()}

    def add(self, item, base):
        """Import or re-check one attachment item; returns its record."""
        record = self.done.get(item.wp_id)
        if record is not None and record.image_id:
            self.report.count("attachments already imported")
            return record
        path = relative_path(item)
        if record is None:
            record = ImportedAttachment(
                site=self.site, wp_id=item.wp_id, url=item.attachment_url[:1000],
                path=path[:500], parent_wp_id=item.parent or None,
                name=library_name(path, item.wp_id, self.taken),
                old_paths=_paths(item, base),
            )  # fmt: skip
            self.taken.add(record.name)
        if Path(path).suffix.lower() not in PICTURES:
            self.report.note("attachments skipped (not a picture)", item.attachment_url)
            return None
        image = self._image(item, record, path)
        record.image = image
        if image is not None and image.pk:
            record.name = image.file.name.removeprefix("images/")
        # Saved in a dry run too (with no picture: no file is stored), inside
        # its rolled-back transaction, so its report counts the attachment
        # pages' redirects as a real run does.
        record.save()
        self.done[item.wp_id] = record
        return record

    def _image(self, item, record, path):
        source = self._file(path)
        if source is None:
            self.report.count("attachments missing")
            self.report.note("missing attachments", item.attachment_url or path)
            return None
        form = self._form(item, record, source)
        if not form.is_valid():
            errors = "; ".join(m for ms in form.errors.values() for m in ms)
            self.report.note("attachments refused", f"{path}: {errors}")
            return None
        self.report.count("pictures imported")
        if self.dry_run:
            return None
        image = form.save()
        enqueue_on_commit(make_renditions, image.pk)
        return image

    def _file(self, path):
        if self.uploads is None:
            return None
        candidate = (self.uploads / path).resolve()
        root = self.uploads.resolve()
        if root not in candidate.parents or not candidate.is_file():
            return None  # outside the folder (a "../" path), or not there
        return candidate

    def _form(self, item, record, source):
        metadata = phpserial.load_or_none(item.meta_value("_wp_attachment_metadata"))
        metadata = metadata if isinstance(metadata, dict) else {}
        # WordPress's alt text is optional; ours is not: its title says what it shows.
        alt = item.meta_value("_wp_attachment_image_alt") or mapping.title_of(item)
        data = {
            "title": mapping.plain(item.title, 300), "alt_text": alt[:300],
            "caption": mapping.plain(item.excerpt, 500),
            "credit": credit_of(item, metadata), "focal_x": 0.5, "focal_y": 0.5,
        }  # fmt: skip
        form = ImageForm(data=data, files={"file": _upload(source, record.name)})
        if not form.is_valid() and list(form.errors) == ["credit"]:
            # No credit in WordPress or in the picture: the uploader's name,
            # listed so an editor can check it.
            data["credit"] = self.uploader_names.get(item.creator, item.creator) or "Unknown"
            self.report.note("pictures credited to their uploader", record.name)
            form = ImageForm(data=data, files={"file": _upload(source, record.name)})
        return form


def _upload(source, name):
    return SimpleUploadedFile(name, source.read_bytes())


def _paths(item, base):
    paths = [permalinks.path_of(item.link, base), f"/?attachment_id={item.wp_id}"]
    return [p for p in dict.fromkeys(paths) if p]


def find_by_url(site, url):
    return ImportedAttachment.objects.filter(site=site, url=url).first()


__all__ = ["Attachments", "Image"]
