"""Crop geometry: pure arithmetic, no database."""

import pytest

from masthead.media.crop_geometry import crop_box, output_size


@pytest.mark.parametrize(
    "size, ratio, box",
    [
        ((1600, 900), (16, 9), (0, 0, 1600, 900)),  # already the shape
        ((1600, 900), (1, 1), (350, 0, 1250, 900)),  # centred square
        ((1600, 900), (4, 3), (200, 0, 1400, 900)),
        ((900, 1600), (16, 9), (0, 547, 900, 1053)),  # portrait: a band across
    ],
)
def test_crop_is_the_largest_box_of_the_ratio_centred(size, ratio, box):
    assert crop_box(*size, ratio) == box


def test_crop_follows_the_focal_point_but_stays_inside_the_picture():
    assert crop_box(1600, 900, (1, 1), focal_x=0.9) == (700, 0, 1600, 900)
    assert crop_box(1600, 900, (1, 1), focal_x=0.0) == (0, 0, 900, 900)
    assert crop_box(1600, 900, (1, 1), focal_x=0.3) == (30, 0, 930, 900)


@pytest.mark.parametrize("ratio", [(16, 9), (4, 3), (1, 1)])
def test_crop_has_the_requested_shape(ratio):
    left, top, right, bottom = crop_box(1234, 777, ratio)
    assert abs((right - left) * ratio[1] - (bottom - top) * ratio[0]) <= ratio[0]


def test_output_is_scaled_down_to_the_maximum_width_but_never_up():
    assert output_size((0, 0, 2400, 1350)) == (1200, 675)
    assert output_size((0, 0, 640, 360)) == (640, 360)
