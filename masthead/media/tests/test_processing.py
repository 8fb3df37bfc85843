import io

import pytest
from PIL import Image

from masthead.media import processing

from .images import exif_with, picture


@pytest.mark.parametrize(
    ("fmt", "kind"),
    [("JPEG", "jpeg"), ("PNG", "png"), ("WEBP", "webp"), ("GIF", "gif")],
)
def test_the_four_accepted_types_are_recognised_from_their_bytes(fmt, kind):
    info = processing.inspect(io.BytesIO(picture(fmt)), max_pixels=10**7)
    assert (info.format, info.width, info.height) == (kind, 800, 600)


def test_a_non_image_is_refused_with_a_sentence():
    with pytest.raises(
        processing.ImageRejected, match="not a picture we can read"
    ) as err:
        processing.inspect(io.BytesIO(b"%PDF-1.4 not a picture"), max_pixels=10**7)
    assert err.value.code == "not_an_image"


def test_another_image_type_is_refused_by_name():
    with pytest.raises(processing.ImageRejected, match="BMP images are not accepted"):
        processing.inspect(io.BytesIO(picture("BMP")), max_pixels=10**7)


def test_a_decompression_bomb_is_refused_before_decoding():
    # 20,000 × 20,000 pixels of one colour: a small PNG that decodes to 1.2 GB.
    bomb = picture("PNG", size=(20000, 20000), mode="1", color=0)
    assert len(bomb) < 200_000
    with pytest.raises(processing.ImageRejected, match="limit is 40 megapixels") as err:
        processing.inspect(io.BytesIO(bomb), max_pixels=40_000_000)
    assert err.value.code == "too_large"


def test_gps_is_removed_and_orientation_applied():
    raw = picture(
        size=(300, 100), exif=exif_with(orientation=6, gps=True, artist="Ann Lee")
    )
    cleaned = Image.open(io.BytesIO(processing.clean_metadata(io.BytesIO(raw))))
    exif = cleaned.getexif()
    assert cleaned.size == (100, 300)  # rotated upright
    assert processing.EXIF_GPS not in exif and processing.EXIF_ORIENTATION not in exif
    assert exif[processing.EXIF_ARTIST] == "Ann Lee"  # the credit survives


def test_a_file_with_nothing_to_clean_is_kept_byte_for_byte():
    assert processing.clean_metadata(io.BytesIO(picture())) is None


def test_credit_comes_from_exif_byline_and_copyright():
    raw = picture(
        exif=exif_with(artist="Ann Lee", copyright="Copyright Alder Photo Agency")
    )
    assert (
        processing.credit_from_metadata(io.BytesIO(raw)) == "Ann Lee/Alder Photo Agency"
    )
    assert processing.credit_from_metadata(io.BytesIO(picture())) == ""


def test_renditions_come_in_webp_and_the_original_format_without_upscaling():
    names = dict(processing.render(io.BytesIO(picture(size=(1000, 700)))))
    assert {"w320.webp", "w320.jpeg", "w960.webp", "w960.jpeg"} <= set(names)
    assert "w1280.jpeg" not in names
    assert Image.open(io.BytesIO(names["w640.webp"])).size == (640, 448)
    assert Image.open(io.BytesIO(names["16x9-w640.jpeg"])).size == (640, 360)
    assert Image.open(io.BytesIO(names["1x1-w640.webp"])).format == "WEBP"


def test_transparent_pngs_keep_their_transparency():
    raw = picture("PNG", size=(700, 700), mode="RGBA", color=(0, 0, 0, 0))
    names = dict(processing.render(io.BytesIO(raw)))
    assert Image.open(io.BytesIO(names["w640.png"])).mode == "RGBA"


def test_formats_that_decode_at_full_size_get_a_lower_pixel_limit():
    webp = io.BytesIO(picture("WEBP", size=(5000, 4000)))
    with pytest.raises(
        processing.ImageRejected, match="limit for WebP files is 12 megapixels"
    ):
        processing.inspect(webp, max_pixels=40_000_000, memory_budget=220 << 20)
    jpeg = io.BytesIO(picture("JPEG", size=(5000, 4000)))
    assert processing.inspect(jpeg, max_pixels=40_000_000, memory_budget=220 << 20)
