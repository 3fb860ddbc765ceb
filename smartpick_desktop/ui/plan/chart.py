"""P(match) against the number of applications, drawn with QPainter (QtCharts is not shipped)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from smartpick_desktop.core.model.percent import percent_text


class CurveChart(QWidget):
    """The curve, the chosen list size and where the gain flattens (a dashed marker)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(320, 200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.values: list[float] = []
        self.chosen: int | None = None
        self.flatten_at: int | None = None
        self.target: float | None = None
        self.setToolTip("P(match) of the best list of each length (the optimizer's sequence)")

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(460, 260)

    def set_curve(self, values: list[float], *, chosen: int | None = None,
                  flatten_at: int | None = None, target: float | None = None) -> None:
        self.values = [float(v) for v in values]
        self.chosen, self.flatten_at, self.target = chosen, flatten_at, target
        self.setAccessibleDescription(self.describe())
        self.update()

    def describe(self) -> str:
        if not self.values:
            return "No curve yet."
        text = (f"P(match) rises from {percent_text(self.values[0])} with 1 application to "
                f"{percent_text(self.values[-1])} with {len(self.values)}.")
        if self.flatten_at:
            text += f" The gain flattens after about {self.flatten_at} applications."
        return text

    def _plot_rect(self) -> QRectF:
        line = QFontMetricsF(self.font()).height()
        left = QFontMetricsF(self.font()).horizontalAdvance("100%") + 10
        # Below the plot: the tick numbers, then the axis title, each one line with a gap.
        return QRectF(left, line * 0.8, max(10, self.width() - left - 16),
                      max(10, self.height() - line * 0.8 - 2 * line - 10))

    def axis_title_rect(self) -> QRectF:
        r = self._plot_rect()
        line = QFontMetricsF(self.font()).height()
        return QRectF(r.left(), r.bottom() + line + 6, r.width(), line)

    def curve_path(self) -> QPainterPath:
        path = QPainterPath(self.point(1, self.values[0]))
        for k, p in enumerate(self.values[1:], start=2):
            path.lineTo(self.point(k, p))
        return path

    def chosen_label(self) -> tuple[str, QRectF] | None:
        """The "your list" label and where it goes: above-left of the point when there is room
        (the rising curve is below it there), otherwise below-right; always inside the plot."""
        if not self.values or not self.chosen or self.chosen > len(self.values):
            return None
        label = f"your list: {self.chosen} → {percent_text(self.values[self.chosen - 1])}"
        metrics = QFontMetricsF(self.font())
        width, height = metrics.horizontalAdvance(label) + 8, metrics.height() + 2
        r = self._plot_rect()
        pt = self.point(self.chosen, self.values[self.chosen - 1])
        if pt.x() - 8 - width >= r.left():
            box = QRectF(pt.x() - 8 - width, pt.y() - 8 - height, width, height)
        else:
            box = QRectF(pt.x() + 8, pt.y() + 8, width, height)
        box.moveLeft(min(max(box.left(), r.left()), r.right() - width))
        box.moveTop(min(max(box.top(), r.top()), r.bottom() - height))
        return label, box

    def point(self, n: int, p: float) -> QPointF:
        """Widget coordinates of (applications n, P(match) p)."""
        r = self._plot_rect()
        count = max(1, len(self.values))
        x = r.left() + (n - 1) / max(1, count - 1) * r.width() if count > 1 else r.center().x()
        return QPointF(x, r.bottom() - p * r.height())

    def x_ticks(self) -> list[tuple[int, QRectF]]:
        """The numbers under the x axis and their boxes: about eight, always the last one, and
        never two that touch (a regular tick too close to the last is left out)."""
        n = len(self.values)
        if not n:
            return []
        r = self._plot_rect()
        metrics = QFontMetricsF(self.font())
        line = metrics.height()

        def box(k: int) -> QRectF:
            width = metrics.horizontalAdvance(str(k)) + 6
            return QRectF(self.point(k, 0).x() - width / 2, r.bottom() + 3, width, line)

        step = max(1, round(n / 8))
        last = box(n)
        ticks: list[tuple[int, QRectF]] = []
        for k in range(1, n, step):
            here = box(k)
            if here.right() + 4 > last.left():
                break
            if ticks and here.left() < ticks[-1][1].right() + 4:
                continue
            ticks.append((k, here))
        return ticks + [(n, last)]

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        text = pal.color(QPalette.ColorRole.WindowText)
        mid = pal.color(QPalette.ColorRole.Mid)
        accent = pal.color(QPalette.ColorRole.Highlight)
        r = self._plot_rect()
        painter.setPen(QPen(mid, 1))
        for frac in (0.0, 0.25, 0.5, 0.75, 1.0):
            y = r.bottom() - frac * r.height()
            painter.drawLine(QPointF(r.left(), y), QPointF(r.right(), y))
            painter.setPen(text)
            painter.drawText(QRectF(0, y - 10, r.left() - 6, 20), Qt.AlignmentFlag.AlignRight
                             | Qt.AlignmentFlag.AlignVCenter, f"{frac * 100:.0f}%")
            painter.setPen(QPen(mid, 1))
        painter.setPen(text)
        painter.drawText(self.axis_title_rect(), Qt.AlignmentFlag.AlignCenter,
                         "Number of applications")
        line = QFontMetricsF(self.font()).height()
        if not self.values:
            painter.drawText(r, Qt.AlignmentFlag.AlignCenter, "Run the optimizer to see the curve")
            return
        n = len(self.values)
        for k, box in self.x_ticks():
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, str(k))
        if self.target:
            painter.setPen(QPen(QColor("#c0392b"), 1, Qt.PenStyle.DotLine))
            y = self.point(1, self.target).y()
            painter.drawLine(QPointF(r.left(), y), QPointF(r.right(), y))
        if self.flatten_at and self.flatten_at <= n:
            pt = self.point(self.flatten_at, self.values[self.flatten_at - 1])
            painter.setPen(QPen(mid.darker(150), 1, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(pt.x(), r.top()), QPointF(pt.x(), r.bottom()))
            painter.setPen(text)
            note = f"gain flattens ≈ {self.flatten_at}"
            width = QFontMetricsF(self.font()).horizontalAdvance(note) + 6
            left = pt.x() + 4 if pt.x() + 4 + width <= r.right() else pt.x() - 4 - width
            painter.drawText(QRectF(left, r.bottom() - 2 * line, width, line),
                             Qt.AlignmentFlag.AlignLeft, note)
        painter.setPen(QPen(accent, 2.2))
        painter.drawPath(self.curve_path())
        if self.chosen and self.chosen <= n:
            pt = self.point(self.chosen, self.values[self.chosen - 1])
            painter.setBrush(accent)
            painter.drawEllipse(pt, 4.5, 4.5)
            placed = self.chosen_label()
            if placed is not None:
                label, box = placed
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(pal.color(QPalette.ColorRole.Window))
                painter.drawRoundedRect(box, 3, 3)
                painter.setPen(text)
                painter.drawText(box, Qt.AlignmentFlag.AlignCenter, label)
