#!/usr/bin/env python
"""Upload 200 images of mixed sizes, then let the worker make their renditions.

How: images are drawn with Pillow (gradients and shapes, so they compress like
photographs), from 6000×4000 down to 400×300, in JPEG, PNG, WebP and GIF.
Each goes through the real upload form (type check from the bytes, pixel cap,
GPS removal, credit) and is saved, which queues a rendition job. Then
`masthead worker --once` runs in a child process, so its peak memory
(getrusage RUSAGE_CHILDREN, maximum resident set size) is the worker's alone.
Fresh SQLite database and media folder under a temporary MASTHEAD_VAR_DIR.

    .venv/bin/python bench/media.py                 # 200 images
    .venv/bin/python bench/media.py --images 40
"""

import argparse
import io
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# (share of images, size): a newsroom's mix, most of them from cameras and phones.
SIZES = [
    (1, (6000, 4000)),
    (2, (4000, 3000)),
    (3, (2400, 1600)),
    (2, (1200, 800)),
    (2, (400, 300)),
]
# Seven formats against ten sizes: every size comes in every format in 70 images.
FORMATS = ["JPEG"] * 4 + ["PNG", "WEBP", "GIF"]


def setup_django():
    os.environ.setdefault(
        "MASTHEAD_VAR_DIR", tempfile.mkdtemp(prefix="masthead-bench-")
    )
    os.environ.setdefault("SECRET_KEY", "bench-only-secret")
    os.environ["DJANGO_SETTINGS_MODULE"] = "masthead.settings.dev"
    os.environ.setdefault("MASTHEAD_PAGE_CACHE", "0")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def size_of(n):
    cycle = [size for share, size in SIZES for _ in range(share)]
    return cycle[n % len(cycle)]


def drawn(n, size, fmt):
    from PIL import Image, ImageDraw

    small = Image.linear_gradient("L").resize((256, 256)).convert("RGB")
    image = small.resize(size)
    draw = ImageDraw.Draw(image)
    for k in range(12):
        x, y = (n * 97 + k * 331) % size[0], (n * 53 + k * 173) % size[1]
        r = max(size) // (8 + k)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=((k * 40) % 255, n % 255, 90))
    out = io.BytesIO()
    image.save(out, fmt, **({"quality": 88} if fmt == "JPEG" else {}))
    return out.getvalue()


def upload(count):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from masthead.jobs.queue import enqueue
    from masthead.media.forms import ImageForm
    from masthead.media.tasks import make_renditions

    started, refused = time.monotonic(), 0
    for n in range(count):
        fmt, size = FORMATS[n % len(FORMATS)], size_of(n)
        upload = SimpleUploadedFile(f"bench-{n}.{fmt.lower()}", drawn(n, size, fmt))
        form = ImageForm(
            data={
                "alt_text": f"Bench picture {n}",
                "credit": "Bench/Ledger",
                "focal_x": 0.4,
                "focal_y": 0.5,
            },
            files={"file": upload},
        )
        if not form.is_valid():
            refused += 1
            continue
        enqueue(make_renditions, form.save().pk)
    return time.monotonic() - started, refused


def run_worker():
    """Run the worker once; its peak is the kernel's high-water mark, VmHWM.

    getrusage's ru_maxrss would not do: Linux carries it across exec, so the
    child would report this (large) process's own peak.
    """
    started = time.monotonic()
    worker = subprocess.Popen(
        [sys.executable, "-m", "masthead.cli", "worker", "--once"],
        stdout=subprocess.DEVNULL,
        cwd=ROOT,
    )
    peak_kb = 0
    while worker.poll() is None:
        peak_kb = max(peak_kb, _high_water_kb(worker.pid))
        time.sleep(0.02)
    if worker.returncode:
        raise SystemExit(f"the worker failed with exit code {worker.returncode}")
    return time.monotonic() - started, peak_kb / 1024


def _high_water_kb(pid):
    try:
        with open(f"/proc/{pid}/status") as status:
            line = next(line for line in status if line.startswith("VmHWM:"))
        return int(line.split()[1])
    except (OSError, StopIteration):
        return 0  # the worker has just exited


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--images", type=int, default=200)
    args = parser.parse_args()
    setup_django()
    from masthead.media.models import Image

    upload_seconds, refused = upload(args.images)
    worker_seconds, peak_mb = run_worker()
    from django.conf import settings

    made = sum(
        1
        for path in Path(settings.MEDIA_ROOT, "renditions").rglob("*")
        if path.is_file()
    )
    ready = Image.objects.filter(renditions_ready=True).count()
    print(
        f"images uploaded:       {args.images - refused} ({refused} refused) "
        f"in {upload_seconds:.1f} s (drawing included)"
    )
    print(f"images with renditions: {ready}")
    print(
        f"renditions made:       {made} in {worker_seconds:.1f} s "
        f"= {made / worker_seconds:.1f} renditions/s, {ready / worker_seconds:.2f} images/s"
    )
    print(f"worker peak memory:    {peak_mb:.0f} MB (maximum RSS; bar: < 300 MB)")


if __name__ == "__main__":
    main()
