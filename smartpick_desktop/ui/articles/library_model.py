"""The article list: a Qt model over ``ArticleInfo`` rows and a two-line delegate."""

from __future__ import annotations

import html

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QPalette, QTextDocument
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from smartpick_desktop.core.articles.library import ArticleInfo
from smartpick_desktop.core.articles.search import MARK_END, MARK_START

ArticleRole = Qt.ItemDataRole.UserRole + 1
SnippetRole = Qt.ItemDataRole.UserRole + 2
MetaRole = Qt.ItemDataRole.UserRole + 3


def meta_line(info: ArticleInfo) -> str:
    parts = [f"{info.reading_time} min"]
    parts.append("Imported" if info.source == "imported" else "SmartPick library")
    if info.progress is not None:
        parts.append("Read" if info.progress >= 0.97 else f"{round(info.progress * 100)}% read")
    if info.highlights:
        parts.append(f"{info.highlights} highlight{'s' * (info.highlights > 1)}")
    if info.bookmarks:
        parts.append("\u2605 bookmarked")
    return " \u00b7 ".join(parts)


class ArticleListModel(QAbstractListModel):
    """Rows of (article, snippet or None); plain Python values only."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[ArticleInfo, str | None]] = []

    def set_rows(self, rows: list[tuple[ArticleInfo, str | None]]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def article(self, row: int) -> ArticleInfo:
        return self._rows[row][0]

    def row_of(self, article_id: int) -> int | None:
        for row, (info, _) in enumerate(self._rows):
            if info.id == article_id:
                return row
        return None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        info, snippet = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return info.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return info.summary
        if role == ArticleRole:
            return info
        if role == SnippetRole:
            return snippet
        if role == MetaRole:
            return meta_line(info)
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            return info.summary
        return None


class ArticleDelegate(QStyledItemDelegate):
    """Title in bold, then the search snippet (hits in bold) or the summary, then a meta line."""

    PADDING = 8

    def _document(self, option: QStyleOptionViewItem, index: QModelIndex) -> QTextDocument:
        info: ArticleInfo = index.data(ArticleRole)
        snippet = index.data(SnippetRole)
        if snippet:
            second = (html.escape(snippet).replace(MARK_START, "<b>").replace(MARK_END, "</b>"))
        else:
            second = html.escape(info.summary)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        text = palette.color(QPalette.ColorRole.HighlightedText if selected
                             else QPalette.ColorRole.Text).name()
        muted = text if selected else palette.color(QPalette.ColorRole.PlaceholderText).name()
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setDocumentMargin(0)
        doc.setHtml(
            f"<div style='color:{text}'><b>{html.escape(info.title)}</b></div>"
            f"<div style='color:{text}'>{second}</div>"
            f"<div style='color:{muted}; font-size:small'>{html.escape(meta_line(info))}</div>")
        width = option.rect.width()
        if width <= 0 and option.widget is not None:
            width = option.widget.viewport().width()
        doc.setTextWidth(max(80, width - 2 * self.PADDING))
        return doc

    def paint(self, painter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        option.text = ""
        if style:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter,
                              option.widget)
        doc = self._document(option, index)
        painter.save()
        painter.translate(option.rect.left() + self.PADDING, option.rect.top() + self.PADDING)
        doc.documentLayout().draw(painter, QAbstractTextDocumentLayout.PaintContext())
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        self.initStyleOption(option, index)
        doc = self._document(option, index)
        return QSize(int(doc.idealWidth()), int(doc.size().height()) + 2 * self.PADDING)
