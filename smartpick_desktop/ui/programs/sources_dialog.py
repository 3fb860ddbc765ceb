"""Programs → Data sources…: the packs and files programs came from, with Remove."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from smartpick_desktop.core.errors import SmartPickError
from smartpick_desktop.ui.fixes import with_fix

KIND_LABELS = {"demo": "Demo pack", "pack": "Data pack", "file": "Imported file",
               "user": "Entered by you"}


class SourcesDialog(QDialog):
    """Lists catalog sources; removing one deletes its programs (after a confirmation).

    Signals:
        changed: a source was removed or the demo pack restored.
    """

    changed = Signal()

    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Data sources")
        self.resize(720, 420)
        layout = QVBoxLayout(self)
        intro = QLabel("Where the programs in your catalog come from. Removing a source "
                       "removes its programs; your stars, notes, tags and statuses are kept "
                       "and come back if you import the same programs again.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        row = QHBoxLayout()
        self.list = QListWidget()
        self.list.setObjectName("sources_list")
        self.list.setWordWrap(True)
        self.list.setSpacing(2)
        self.list.currentRowChanged.connect(self._on_list_current_changed)
        row.addWidget(self.list, 1)
        self.details = QTextBrowser()
        row.addWidget(self.details, 1)
        layout.addLayout(row, 1)
        buttons = QHBoxLayout()
        self.remove_button = QPushButton("Remove…")
        self.remove_button.clicked.connect(self._on_remove_clicked)
        self.restore_button = QPushButton("Restore demo programs")
        self.restore_button.clicked.connect(self._on_restore_clicked)
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.sources: list[Any] = []
        self.refresh()

    def refresh(self) -> None:
        from smartpick_desktop.core.catalog.demo import demo_pack_state
        from smartpick_desktop.core.catalog.queries import list_sources

        with self.ctx.store.session() as session:
            self.sources = list_sources(session)
            removed = demo_pack_state(session) == "removed"
        self.list.clear()
        for source in self.sources:
            item = QListWidgetItem(f"{source.name}\n{KIND_LABELS.get(source.kind, source.kind)}"
                                   f" · {source.programs:,} programs")
            item.setToolTip(item.text().replace("\n", " — "))
            self.list.addItem(item)
        self.restore_button.setVisible(removed)
        if self.sources:
            self.list.setCurrentRow(0)
        else:
            self.details.setHtml("<p>No programs yet. Use File → Import programs….</p>")
        self.remove_button.setEnabled(bool(self.sources))

    @Slot(int)
    def _on_list_current_changed(self, row: int) -> None:
        if not 0 <= row < len(self.sources):
            return
        s = self.sources[row]
        fields = [("Kind", KIND_LABELS.get(s.kind, s.kind)), ("Version", s.version),
                  ("Season", s.season), ("Created", s.created), ("Source", s.publisher),
                  ("License", s.licence), ("Imported", s.imported),
                  ("Programs", f"{s.programs:,}"), ("Shown as", s.label)]
        self.details.setHtml(f"<h3>{escape(s.name)}</h3>" + "".join(
            f"<p><b>{escape(k)}:</b> {escape(v)}</p>" for k, v in fields if v))

    @Slot()
    def _on_remove_clicked(self) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self.sources):
            return
        source = self.sources[row]
        if not self.ctx.dialogs.confirm(
                self, "Remove data source",
                f"Remove {source.name} and its {source.programs:,} programs from the "
                "catalog? Your stars, notes, tags and statuses on them are kept for when "
                "you import them again."):
            return
        from smartpick_desktop.core.catalog.queries import remove_source

        try:
            with self.ctx.store.session() as session:
                remove_source(session, source.id)
        except SmartPickError as err:
            self.ctx.dialogs.error(self, "Remove data source", with_fix(err))
            return
        self.refresh()
        self.changed.emit()

    @Slot()
    def _on_restore_clicked(self) -> None:
        from smartpick_desktop.core.catalog.demo import restore_demo_pack

        with self.ctx.store.session() as session:
            restore_demo_pack(session)
        self.refresh()
        self.changed.emit()
