"""The reader's side panel: contents, highlights with notes, and bookmarks of the open article."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from smartpick_desktop.core.articles import annotations
from smartpick_desktop.core.errors import SmartPickError
from smartpick_desktop.ui.articles.reader import ReaderView
from smartpick_desktop.ui.context import AppContext


class AnnotationsPanel(QTabWidget):
    """Contents, Notes and Bookmarks tabs, and the actions that add or change them.

    ``ask_note(quote, current)`` asks for a note's text (None when canceled); the tab sets it.

    Signals:
        marks_changed: highlights were added or removed (the reader repaints its marks).
    """

    marks_changed = Signal()

    def __init__(self, ctx: AppContext, reader: ReaderView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.reader = reader
        self.article_id: int | None = None
        self.article_title = ""
        self.highlights: list[annotations.Highlight] = []
        self.ask_note: Callable[[str, str], str | None] = lambda _quote, _current: None
        self.contents_list = QListWidget()
        self.contents_list.setWordWrap(True)
        self.contents_list.setSpacing(2)
        self.contents_list.itemActivated.connect(self._on_position_item_activated)
        self.contents_list.itemClicked.connect(self._on_position_item_activated)
        self.notes_list = QListWidget()
        self.notes_list.setWordWrap(True)
        self.notes_list.itemClicked.connect(self._on_position_item_activated)
        self.notes_list.itemDoubleClicked.connect(self._on_notes_list_double_clicked)
        self.bookmarks_list = QListWidget()
        self.bookmarks_list.itemClicked.connect(self._on_bookmark_item_activated)
        notes_page = _list_page(self.notes_list, ("Edit note…", self._on_edit_note_clicked),
                                ("Remove", self._on_remove_highlight_clicked))
        marks_page = _list_page(self.bookmarks_list, ("Remove", self._on_remove_bookmark_clicked))
        self.addTab(self.contents_list, "Contents")
        self.addTab(notes_page, "Notes")
        self.addTab(marks_page, "Bookmarks")
        reader.layout_changed.connect(self.refresh_contents)

    def show_article(self, article_id: int, title: str,
                     highlights: list[annotations.Highlight]) -> None:
        self.article_id, self.article_title, self.highlights = article_id, title, highlights
        self.refresh_notes()
        self.refresh_bookmarks()

    def highlight_spans(self) -> list[tuple[int, int]]:
        text = self.reader.text()
        spans = []
        for highlight in self.highlights:
            span = annotations.locate(text, highlight)
            if span:
                spans.append(span)
        return spans

    # --- lists ---------------------------------------------------------------------------------

    @Slot()
    def refresh_contents(self) -> None:
        self.contents_list.clear()
        for level, text, position in self.reader.headings():
            item = QListWidgetItem(("    " * max(0, level - 2)) + text)
            item.setData(Qt.ItemDataRole.UserRole, position)
            self.contents_list.addItem(item)

    def refresh_notes(self) -> None:
        self.notes_list.clear()
        text = self.reader.text()
        for highlight in self.highlights:
            span = annotations.locate(text, highlight)
            quote = highlight.quote if len(highlight.quote) < 140 else highlight.quote[:137] + "…"
            label = f"\u201c{quote}\u201d" + (f"\n\u270e {highlight.note}" if highlight.note else "")
            if span is None:
                label += "\n(no longer found in the article)"
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, span[0] if span else None)
            item.setData(Qt.ItemDataRole.UserRole + 1, highlight.id)
            item.setToolTip(highlight.note or highlight.quote)
            self.notes_list.addItem(item)

    def refresh_bookmarks(self) -> None:
        self.bookmarks_list.clear()
        if self.article_id is None:
            return
        with self.ctx.store.session() as session:
            marks = annotations.list_bookmarks(session, self.article_id)
        for mark in marks:
            item = QListWidgetItem(f"{round(mark.position * 100)}% \u2014 {mark.label}")
            item.setData(Qt.ItemDataRole.UserRole, mark.position)
            item.setData(Qt.ItemDataRole.UserRole + 1, mark.id)
            self.bookmarks_list.addItem(item)

    # --- adding --------------------------------------------------------------------------------

    def highlight_selection(self, *, ask_note: bool = False) -> bool:
        """Highlight the reader's selection (optionally with a note); False if nothing to do."""
        cursor = self.reader.textCursor()
        if self.article_id is None or not cursor.hasSelection():
            self.ctx.status_message.emit("Select some text in the article first.")
            return False
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        quote = self.reader.text()[start:end]
        note = ""
        if ask_note:
            answer = self.ask_note(quote, "")
            if answer is None:
                return False
            note = answer
        try:
            with self.ctx.store.session() as session:
                highlight = annotations.add_highlight(session, self.article_id, start, end,
                                                      quote, note)
        except SmartPickError as err:
            self.ctx.status_message.emit(str(err))
            return False
        self.highlights.append(highlight)
        self.highlights.sort(key=lambda h: h.start)
        cursor.clearSelection()
        self.reader.setTextCursor(cursor)
        self.marks_changed.emit()
        self.refresh_notes()
        self.ctx.articles_changed.emit()
        self.ctx.status_message.emit("Note saved." if note else "Highlighted.")
        return True

    def add_bookmark(self) -> bool:
        if self.article_id is None:
            return False
        cursor = self.reader.cursorForPosition(self.reader.viewport().rect().topLeft())
        block_text = cursor.block().text().strip()
        label = block_text[:60] + ("…" if len(block_text) > 60 else "")
        with self.ctx.store.session() as session:
            annotations.add_bookmark(session, self.article_id, self.reader.scroll_fraction(),
                                     label or self.article_title)
        self.refresh_bookmarks()
        self.ctx.articles_changed.emit()
        self.ctx.status_message.emit("Bookmarked this place.")
        return True

    # --- slots ---------------------------------------------------------------------------------

    @Slot(QListWidgetItem)
    def _on_position_item_activated(self, item: QListWidgetItem) -> None:
        position = item.data(Qt.ItemDataRole.UserRole)
        if position is not None:
            self.reader.scroll_to_position(int(position))

    @Slot(QListWidgetItem)
    def _on_bookmark_item_activated(self, item: QListWidgetItem) -> None:
        self.reader.set_scroll_fraction(float(item.data(Qt.ItemDataRole.UserRole)))

    @Slot(QListWidgetItem)
    def _on_notes_list_double_clicked(self, _item: QListWidgetItem) -> None:
        self._on_edit_note_clicked()

    @Slot()
    def _on_edit_note_clicked(self) -> None:
        highlight_id = _selected_id(self.notes_list)
        highlight = next((h for h in self.highlights if h.id == highlight_id), None)
        if highlight is None:
            return
        note = self.ask_note(highlight.quote, highlight.note)
        if note is None:
            return
        with self.ctx.store.session() as session:
            annotations.set_note(session, highlight.id, note)
        highlight.note = note.strip()
        self.refresh_notes()
        self.ctx.articles_changed.emit()

    @Slot()
    def _on_remove_highlight_clicked(self) -> None:
        highlight_id = _selected_id(self.notes_list)
        if highlight_id is None:
            return
        with self.ctx.store.session() as session:
            annotations.delete_highlight(session, highlight_id)
        self.highlights = [h for h in self.highlights if h.id != highlight_id]
        self.marks_changed.emit()
        self.refresh_notes()
        self.ctx.articles_changed.emit()

    @Slot()
    def _on_remove_bookmark_clicked(self) -> None:
        bookmark_id = _selected_id(self.bookmarks_list)
        if bookmark_id is None:
            return
        with self.ctx.store.session() as session:
            annotations.delete_bookmark(session, bookmark_id)
        self.refresh_bookmarks()
        self.ctx.articles_changed.emit()


def _list_page(widget: QListWidget, *buttons: tuple[str, Callable[[], None]]) -> QWidget:
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(widget, 1)
    row = QHBoxLayout()
    for text, slot in buttons:
        button = QPushButton(text)
        button.clicked.connect(slot)
        row.addWidget(button)
    layout.addLayout(row)
    return page


def _selected_id(widget: QListWidget) -> int | None:
    item = widget.currentItem()
    return None if item is None else item.data(Qt.ItemDataRole.UserRole + 1)
