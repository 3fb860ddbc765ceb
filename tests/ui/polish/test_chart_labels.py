"""Issue 15 point 3: the curve's labels stay inside the chart and off the curve."""

from __future__ import annotations

import math

import pytest

from smartpick_desktop.ui.plan.chart import CurveChart


def concave(n: int, top: float) -> list[float]:
    return [top * (1 - math.exp(-3 * k / n)) / (1 - math.exp(-3)) for k in range(1, n + 1)]


@pytest.mark.parametrize("size", [(320, 200), (460, 260), (980, 320)])
@pytest.mark.parametrize(("n", "chosen", "top"), [(40, 12, 0.92), (150, 119, 0.52), (30, 2, 0.9)])
def test_your_list_label_is_inside_and_off_the_curve(qtbot, size, n, chosen, top):
    chart = CurveChart()
    qtbot.addWidget(chart)
    chart.resize(*size)
    chart.set_curve(concave(n, top), chosen=chosen, flatten_at=n // 2)
    label, box = chart.chosen_label()
    assert label.startswith(f"your list: {chosen}")
    assert chart.rect().toRectF().contains(box)
    path = chart.curve_path()
    touching = [i for i in range(201) if box.contains(path.pointAtPercent(i / 200))]
    assert touching == []
    title = chart.axis_title_rect()
    assert title.bottom() <= chart.height() and title.top() > box.bottom() - 1


@pytest.mark.parametrize("width", [300, 460, 640, 980])
@pytest.mark.parametrize("n", [5, 12, 44, 119, 150])
def test_x_axis_numbers_never_touch_and_end_with_the_last(qtbot, width, n):
    chart = CurveChart()
    qtbot.addWidget(chart)
    chart.resize(width, 260)
    chart.set_curve(concave(n, 0.9), chosen=min(n, 15), flatten_at=n // 2)
    ticks = chart.x_ticks()
    assert ticks[0][0] == 1 and ticks[-1][0] == n  # "1" and "44", never "43" beside "44"
    for (_, left), (_, right) in zip(ticks, ticks[1:], strict=False):
        assert left.right() + 4 <= right.left()
