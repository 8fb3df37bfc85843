"""Issue 5's bar: renditions of a 6000×4000 JPEG keep a worker under 300 MB."""

import subprocess
import sys

from PIL import Image

# VmHWM, not getrusage's ru_maxrss: Linux carries ru_maxrss across exec, so a
# child of a large pytest process would report the parent's peak.
CHILD = """
import sys
from masthead.media import processing
with open(sys.argv[1], "rb") as source:
    made = sum(1 for _ in processing.render(source, focal=(0.3, 0.6)))
hwm = next(l for l in open("/proc/self/status") if l.startswith("VmHWM:"))
print(made, int(hwm.split()[1]) // 1024)
"""


def test_rendering_a_24_megapixel_jpeg_stays_under_300_mb(tmp_path):
    path = tmp_path / "big.jpg"
    noise = Image.effect_noise((6000, 4000), 40)
    Image.merge("RGB", [noise, noise.rotate(180), noise]).save(path, "JPEG", quality=90)
    del noise
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    made, peak_mb = map(int, result.stdout.split())
    assert made == 2 * (6 + 3 * 2)  # widths and crops, WebP and JPEG each
    assert peak_mb < 300, f"peak {peak_mb} MB"
