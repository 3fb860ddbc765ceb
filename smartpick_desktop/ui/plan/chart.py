"""P(match) against the number of applications, drawn with QPainter (QtCharts is not shipped)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPalette, QPen
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
        return QRectF(48, 14, max(10, self.width() - 64), max(10, self.height() - 50))

    def point(self, n: int, p: float) -> QPointF:
        """Widget coordinates of (applications n, P(match) p)."""
        r = self._plot_rect()
        count = max(1, len(self.values))
        x = r.left() + (n - 1) / max(1, count - 1) * r.width() if count > 1 else r.center().x()
        return QPointF(x, r.bottom() - p * r.height())

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
            painter.drawText(QRectF(0, y - 8, 42, 16), Qt.AlignmentFlag.AlignRight
                             | Qt.AlignmentFlag.AlignVCenter, f"{frac * 100:.0f}%")
            painter.setPen(QPen(mid, 1))
        painter.setPen(text)
        painter.drawText(QRectF(r.left(), r.bottom() + 18, r.width(), 18),
                         Qt.AlignmentFlag.AlignCenter, "Number of applications")
        if not self.values:
            painter.drawText(r, Qt.AlignmentFlag.AlignCenter, "Run the optimizer to see the curve")
            return
        n = len(self.values)
        step = max(1, round(n / 8))
        for k in list(range(1, n + 1, step)) + ([n] if (n - 1) % step else []):
            pt = self.point(k, 0)
            painter.drawText(QRectF(pt.x() - 20, r.bottom() + 2, 40, 16),
                             Qt.AlignmentFlag.AlignCenter, str(k))
        if self.target:
            painter.setPen(QPen(QColor("#c0392b"), 1, Qt.PenStyle.DotLine))
            y = self.point(1, self.target).y()
            painter.drawLine(QPointF(r.left(), y), QPointF(r.right(), y))
        if self.flatten_at and self.flatten_at <= n:
            pt = self.point(self.flatten_at, self.values[self.flatten_at - 1])
            painter.setPen(QPen(mid.darker(150), 1, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(pt.x(), r.top()), QPointF(pt.x(), r.bottom()))
            painter.setPen(text)
            painter.drawText(QRectF(pt.x() + 4, r.bottom() - 36, 200, 16),
                             Qt.AlignmentFlag.AlignLeft, f"gain flattens ≈ {self.flatten_at}")
        path = QPainterPath(self.point(1, self.values[0]))
        for k, p in enumerate(self.values[1:], start=2):
            path.lineTo(self.point(k, p))
        painter.setPen(QPen(accent, 2.2))
        painter.drawPath(path)
        if self.chosen and self.chosen <= n:
            pt = self.point(self.chosen, self.values[self.chosen - 1])
            painter.setBrush(accent)
            painter.drawEllipse(pt, 4.5, 4.5)
            painter.setPen(text)
            label = f"your list: {self.chosen} → {percent_text(self.values[self.chosen - 1])}"
            painter.drawText(QRectF(pt.x() - 210, pt.y() + 6, 200, 16),
                             Qt.AlignmentFlag.AlignRight, label)
