"""Paint the exported plan PDF onto a printer (print preview and printing).

The print preview shows exactly the PDF that Export PDF… writes: the pages are rendered with
QtPdf (the ``PySide6-Pdf`` package) rather than laid out a second time with QTextDocument, so
what the student previews, prints and exports is the same document.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

#: Pages are rasterized at the printer's resolution, but never above this (memory).
MAX_DPI = 300
#: ...and never below this: a preview "printer" reports the screen's resolution, and text
#: rendered at it turns blurry as soon as the preview is zoomed.
MIN_DPI = 150


class PdfPages:
    """A PDF held in memory, ready to paint page by page."""

    def __init__(self, data: bytes) -> None:
        self._bytes = QByteArray(data)
        self._buffer = QBuffer(self._bytes)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.last_dpi = 0.0
        self.document = QPdfDocument()
        self.document.load(self._buffer)
        if self.document.status() != QPdfDocument.Status.Ready:
            raise ValueError(f"The plan PDF could not be read ({self.document.error().name}).")

    @property
    def count(self) -> int:
        return self.document.pageCount()

    def render(self, index: int, dpi: float) -> QImage:
        """Page ``index`` as an image at ``dpi`` (white background)."""
        points = self.document.pagePointSize(index)
        size = QSize(max(1, round(points.width() * dpi / 72)),
                     max(1, round(points.height() * dpi / 72)))
        image = self.document.render(index, size)
        if image.hasAlphaChannel():
            flat = QImage(image.size(), QImage.Format.Format_RGB32)
            flat.fill(0xFFFFFF)
            painter = QPainter(flat)
            painter.drawImage(0, 0, image)
            painter.end()
            return flat
        return image

    def paint(self, printer: QPrinter) -> int:
        """Paint every page onto ``printer`` (one sheet each, scaled to fit, centered); return the
        number of pages painted."""
        painter = QPainter()
        if not painter.begin(printer):
            return 0
        try:
            dpi = max(MIN_DPI, min(float(printer.resolution()), MAX_DPI))
            self.last_dpi = dpi
            for index in range(self.count):
                if index:
                    printer.newPage()
                image = self.render(index, dpi)
                target = QRectF(painter.viewport())
                scale = min(target.width() / image.width(), target.height() / image.height())
                width, height = image.width() * scale, image.height() * scale
                box = QRectF(target.x() + (target.width() - width) / 2,
                             target.y() + (target.height() - height) / 2, width, height)
                painter.setWindow(painter.viewport())
                painter.drawImage(box, image)
        finally:
            painter.end()
        return self.count

    def close(self) -> None:
        self.document.close()
        self._buffer.close()
