"""The reading view: a QTextBrowser that never loads anything from outside the document."""

from __future__ import annotations

import html
import re

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QResizeEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QFrame, QTextBrowser, QTextEdit, QWidget

from smartpick_desktop.ui.articles import theme

MEASURE_CHARS = 68  # comfortable line length
MIN_PT, MAX_PT, DEFAULT_PT = 9.0, 26.0, 13.0
LINE_HEIGHT = 155  # percent
HEADING_LINE_HEIGHT = 115


class ReaderView(QTextBrowser):
    """Shows one article. Links are reported through ``anchorClicked`` and never followed.

    Signals:
        layout_changed: the document was re-laid out (font, theme or width changed).
    """

    layout_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.document().setUndoRedoEnabled(False)
        self.document().setDocumentMargin(0)
        self.font_pt = DEFAULT_PT
        self.zoom = 1.0
        self.theme_name = theme.default_theme()
        self.colors = theme.colors_for(self.theme_name)
        self._header = ""
        self._body = ""
        self._marks: list[tuple[int, int]] = []
        self._search_words: list[str] = []
        self._apply_theme()

    # --- content -------------------------------------------------------------------------------

    def loadResource(self, kind: int, url: QUrl) -> object:  # noqa: N802 - Qt override
        """Articles carry no resources we load: images, style sheets and remote URLs get nothing."""
        return None

    def show_article(self, title: str, meta: str, summary: str, body_html: str) -> None:
        self._header = (f"<h1>{html.escape(title)}</h1><p class='meta'>{html.escape(meta)}</p>"
                        + (f"<p class='summary'>{html.escape(summary)}</p>" if summary else "")
                        + "<hr>")
        self._body = body_html
        self._render()

    def clear_article(self, message: str) -> None:
        self._header = ""
        self._body = f"<p class='meta'>{html.escape(message)}</p>"
        self._marks, self._search_words = [], []
        self._render()

    def _render(self) -> None:
        fraction = self.scroll_fraction()
        doc = self.document()
        font = QFont(self.font())
        font.setPointSizeF(self.font_pt * self.zoom)
        doc.setDefaultFont(font)
        doc.setDefaultStyleSheet(theme.stylesheet(self.colors, self.font_pt * self.zoom))
        self.setHtml(f"<html><body>{self._header}{self._body}</body></html>")
        self._space_lines()
        self._fit_width()
        self._paint_marks()
        self.set_scroll_fraction(fraction)
        self.layout_changed.emit()

    def _space_lines(self) -> None:
        """Generous leading for text, tighter for headings (Qt's CSS has no line-height)."""
        doc = self.document()
        cursor = QTextCursor(doc)
        cursor.select(QTextCursor.SelectionType.Document)
        spacing = QTextBlockFormat()
        spacing.setLineHeight(LINE_HEIGHT, 1)  # 1 = QTextBlockFormat.ProportionalHeight
        cursor.mergeBlockFormat(spacing)
        tight = QTextBlockFormat()
        tight.setLineHeight(HEADING_LINE_HEIGHT, 1)
        block = doc.begin()
        while block.isValid():
            if block.blockFormat().headingLevel():
                QTextCursor(block).mergeBlockFormat(tight)
            block = block.next()

    def _fit_width(self) -> None:
        """Center a column of about MEASURE_CHARS characters with the root frame's margins."""
        doc = self.document()
        metrics = QFontMetricsF(doc.defaultFont())
        measure = metrics.averageCharWidth() * MEASURE_CHARS
        width = self.viewport().width()
        side = max(24.0, (width - measure) / 2)
        frame = doc.rootFrame()
        fmt = frame.frameFormat()
        if abs(fmt.leftMargin() - side) < 1 and fmt.topMargin() == 36:
            return
        fmt.setLeftMargin(side)
        fmt.setRightMargin(side)
        fmt.setTopMargin(36)
        fmt.setBottomMargin(72)
        frame.setFrameFormat(fmt)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit_width()

    # --- look ----------------------------------------------------------------------------------

    def set_font_pt(self, size: float) -> None:
        self.font_pt = max(MIN_PT, min(MAX_PT, float(size)))
        self._render()

    def set_zoom(self, factor: float) -> None:
        """The window's zoom (View → Zoom in/out) multiplies the reader's own text size."""
        self.zoom = float(factor)
        self._render()

    def set_theme(self, name: str) -> None:
        self.theme_name = name if name in theme.THEMES else "system"
        self._apply_theme()
        self._render()

    def refresh_theme(self) -> None:
        """Re-read the system colors (the platform switched light/dark)."""
        if self.theme_name == "system":
            self._apply_theme()
            self._render()

    def _apply_theme(self) -> None:
        self.colors = theme.colors_for(self.theme_name)
        theme.apply_palette(self, self.colors)

    # --- marks ---------------------------------------------------------------------------------

    def text(self) -> str:
        """The document's text; index i is cursor position i (paragraphs end with \\n)."""
        return self.document().toRawText().replace("\u2029", "\n").replace("\u2028", "\n")

    def set_marks(self, spans: list[tuple[int, int]], search_words: list[str]) -> None:
        """Show the student's highlights (spans) and the search words of the last query."""
        self._marks = list(spans)
        self._search_words = [w for w in search_words if len(w) >= 2]
        self._paint_marks()

    def _paint_marks(self) -> None:
        selections = []
        if self._search_words:
            pattern = re.compile(r"\b(?:" + "|".join(re.escape(w[:6]) for w in
                                                     self._search_words) + r")\w*",
                                 re.IGNORECASE)
            selections += self._selections(
                [(m.start(), m.end()) for m in pattern.finditer(self.text())][:2000],
                self.colors.search_hit)
        selections += self._selections(self._marks, self.colors.highlight)
        self.setExtraSelections(selections)

    def _selections(self, spans, color: str) -> list:
        result = []
        fmt = QTextCharFormat()
        fmt.setBackground(QColor(color))
        for start, end in spans:
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.document())
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            selection.format = fmt
            result.append(selection)
        return result

    def search_hit_count(self) -> int:
        return sum(1 for s in self.extraSelections()
                   if s.format.background().color() == QColor(self.colors.search_hit))

    # --- position ------------------------------------------------------------------------------

    def scroll_fraction(self) -> float:
        bar = self.verticalScrollBar()
        return 0.0 if bar.maximum() <= 0 else bar.value() / bar.maximum()

    def set_scroll_fraction(self, fraction: float) -> None:
        bar = self.verticalScrollBar()
        bar.setValue(round(max(0.0, min(1.0, fraction)) * bar.maximum()))

    def scroll_to_position(self, position: int) -> None:
        cursor = QTextCursor(self.document())
        cursor.setPosition(max(0, min(position, self.document().characterCount() - 1)))
        rect = self.cursorRect(cursor)
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + rect.top() - 24)

    def headings(self) -> list[tuple[int, str, int]]:
        """(level, text, position) of the document's headings below the title."""
        found = []
        block = self.document().begin()
        first = True
        while block.isValid():
            level = block.blockFormat().headingLevel()
            if level and block.text().strip():
                if not (first and level == 1):
                    found.append((level, block.text().strip(), block.position()))
                first = False
            block = block.next()
        return found

