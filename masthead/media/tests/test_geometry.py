from masthead.media import geometry


def test_widths_never_upscale_but_always_give_one():
    assert geometry.widths_for(6000) == [320, 640, 960, 1280, 1600, 2048]
    assert geometry.widths_for(1000) == [320, 640, 960]
    assert geometry.widths_for(200) == [200]


def test_a_crop_is_the_largest_box_of_its_ratio():
    assert geometry.crop_box(6000, 4000, (16, 9)) == (0, 312, 6000, 3687)
    assert geometry.crop_box(6000, 4000, (1, 1)) == (1000, 0, 5000, 4000)


def test_a_crop_is_centred_on_the_focal_point():
    left, top, right, bottom = geometry.crop_box(6000, 4000, (1, 1), 0.6, 0.5)
    assert (left + right) / 2 == 3600 and (top, bottom) == (0, 4000)


def test_a_crop_stops_at_the_edges():
    assert geometry.crop_box(6000, 4000, (1, 1), 0.95, 0.5)[2] == 6000
    assert geometry.crop_box(6000, 4000, (1, 1), 0.0, 0.5)[0] == 0
    assert geometry.crop_box(4000, 6000, (16, 9), 0.5, 0.0)[1] == 0


def test_a_moved_focal_point_moves_the_crop():
    assert geometry.crop_box(6000, 4000, (4, 3), 0.1) != geometry.crop_box(
        6000, 4000, (4, 3), 0.9
    )
