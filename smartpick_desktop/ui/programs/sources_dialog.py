"""Programs → Data sources…: where the programs come from, how to bring real ones in five
minutes (a CSV template, the column names recognized, adding one by hand, importing), and
Remove for a source."""

from __future__ import annotations

from html import escape
from pathlib import Path
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
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from smartpick_desktop.core.errors import SmartPickError
from smartpick_desktop.ui.context import AppContext
from smartpick_desktop.ui.fixes import with_fix
from smartpick_desktop.ui.widgets import resize_to_fit

KIND_LABELS = {"demo": "Demo pack (made-up programs)", "pack": "Data pack",
               "file": "Imported file", "user": "Entered by you"}
DEMO_SOURCE = ("Made up by SmartPick from published figures for each specialty, so you can try "
               "the app. Every demo program is fictional.")
IMPORT_FILTERS = ("Spreadsheets and packs (*.csv *.xlsx *.txt *.json *.gz *.sppack);;"
                  "All files (*)")


def bring_your_own_html() -> str:
    from smartpick_desktop.core.catalog.csv_template import REQUIRED, recognized_columns

    steps = (
        "<ol>"
        "<li><b>Save a CSV template</b> (button below) and open it in Excel, Numbers, "
        "LibreOffice or Google Sheets.</li>"
        f"<li>Add one row per program. Only <b>{' and '.join(REQUIRED)}</b> are required; "
        "every other column you fill (state, positions, Step 2 CK, visas…) makes your "
        "estimates better.</li>"
        "<li>Save it as CSV, then press <b>Import a file…</b> and check that each column is "
        "matched to the right field.</li></ol>"
        "<p>Have a spreadsheet already (from FREIDA, a program list or your own notes)? Import "
        "it directly: SmartPick recognizes many column names. For a single program, use "
        "<b>Add a program by hand…</b>.</p>")
    rows = "".join(
        f"<tr><td>{escape(label)}</td><td style='color:gray'>"
        f"{escape(', '.join(names) or '—')}</td></tr>" for label, names in recognized_columns())
    return (steps + "<h4>Column names SmartPick recognizes</h4>"
            "<table cellspacing='0' cellpadding='2'>" + rows + "</table>")


class SourcesDialog(QDialog):
    """Two pages: "Your sources" (list, details, Remove) and "Bring your own programs".

    Signals:
        changed: a source was removed or the demo pack restored.
        import_requested: (path) the student chose a file to import.
        add_requested: the student wants to add a program by hand.
    """

    changed = Signal()
    import_requested = Signal(Path)
    add_requested = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Data sources")
        resize_to_fit(self, 820, 560)
        layout = QVBoxLayout(self)
        self.pages = QTabWidget()
        layout.addWidget(self.pages, 1)

        sources = QWidget()
        sources_layout = QVBoxLayout(sources)
        intro = QLabel("Where the programs in your catalog come from. Removing a source "
                       "removes its programs; your stars, notes, tags and statuses are kept "
                       "and come back if you import the same programs again.")
        intro.setWordWrap(True)
        sources_layout.addWidget(intro)
        row = QHBoxLayout()
        self.list = QListWidget()
        self.list.setObjectName("sources_list")
        self.list.setWordWrap(True)
        self.list.setSpacing(2)
        self.list.currentRowChanged.connect(self._on_list_current_changed)
        row.addWidget(self.list, 1)
        self.details = QTextBrowser()
        row.addWidget(self.details, 1)
        sources_layout.addLayout(row, 1)
        source_buttons = QHBoxLayout()
        self.remove_button = QPushButton("Remove…")
        self.remove_button.clicked.connect(self._on_remove_clicked)
        self.restore_button = QPushButton("Restore demo programs")
        self.restore_button.clicked.connect(self._on_restore_clicked)
        source_buttons.addWidget(self.remove_button)
        source_buttons.addWidget(self.restore_button)
        source_buttons.addStretch(1)
        sources_layout.addLayout(source_buttons)
        self.pages.addTab(sources, "Your sources")

        own = QWidget()
        own_layout = QVBoxLayout(own)
        self.demo_note = QLabel()
        self.demo_note.setObjectName("sources_demo_note")
        self.demo_note.setWordWrap(True)
        self.demo_note.setStyleSheet("color: #a05a00; font-weight: bold;")
        own_layout.addWidget(self.demo_note)
        self.how_to = QTextBrowser()
        self.how_to.setObjectName("sources_how_to")
        self.how_to.setHtml(bring_your_own_html())
        own_layout.addWidget(self.how_to, 1)
        own_buttons = QHBoxLayout()
        self.template_button = QPushButton("Save a CSV template…")
        self.template_button.clicked.connect(self._on_template_clicked)
        self.import_button = QPushButton("Import a file…")
        self.import_button.clicked.connect(self._on_import_clicked)
        self.add_button = QPushButton("Add a program by hand…")
        self.add_button.clicked.connect(self._on_add_clicked)
        for button in (self.template_button, self.import_button, self.add_button):
            own_buttons.addWidget(button)
        own_buttons.addStretch(1)
        own_layout.addLayout(own_buttons)
        self.pages.addTab(own, "Bring your own programs")

        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.sources: list[Any] = []
        self.refresh()

    def show_bring_your_own(self) -> None:
        self.pages.setCurrentIndex(1)

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
        only_demo = bool(self.sources) and all(s.kind == "demo" for s in self.sources)
        self.demo_note.setText("Your catalog holds only demo programs: they are made up. "
                               "Bring your real programs in a few minutes:" if only_demo else
                               "Add more programs any time:")
        if self.sources:
            self.list.setCurrentRow(0)
        else:
            self.details.setHtml("<p>No programs yet: see \u201cBring your own "
                                 "programs\u201d.</p>")
        self.remove_button.setEnabled(bool(self.sources))

    @Slot(int)
    def _on_list_current_changed(self, row: int) -> None:
        if not 0 <= row < len(self.sources):
            return
        s = self.sources[row]
        publisher = DEMO_SOURCE if s.kind == "demo" else s.publisher
        fields = [("Kind", KIND_LABELS.get(s.kind, s.kind)), ("Version", s.version),
                  ("Season", s.season), ("Created", s.created), ("Source", publisher),
                  ("Terms of use", s.licence), ("Imported", s.imported),
                  ("Programs", f"{s.programs:,}"), ("Shown as", s.label)]
        self.details.setHtml(f"<h3>{escape(s.name)}</h3>" + "".join(
            f"<p><b>{escape(k)}:</b> {escape(v)}</p>" for k, v in fields if v))

    # --- bringing programs ---------------------------------------------------------------------

    @Slot()
    def _on_template_clicked(self) -> None:
        from smartpick_desktop.core.catalog.csv_template import write_template

        path = self.ctx.dialogs.save_file(self, "Save a CSV template", "my-programs.csv",
                                          "CSV files (*.csv)")
        if path is None:
            return
        try:
            write_template(path)
        except SmartPickError as err:
            self.ctx.dialogs.error(self, "Template not saved", with_fix(err))
            return
        self.ctx.status_message.emit(f"Saved the template to {path}.")
        self.ctx.dialogs.info(self, "Template saved",
                              f"Saved {path.name} in {path.parent}. Open it in your "
                              "spreadsheet program, add one row per program, save it as CSV, "
                              "then press \u201cImport a file\u2026\u201d.")

    @Slot()
    def _on_import_clicked(self) -> None:
        path = self.ctx.dialogs.open_file(self, "Import programs", IMPORT_FILTERS)
        if path is not None:
            self.accept()
            self.import_requested.emit(Path(path))

    @Slot()
    def _on_add_clicked(self) -> None:
        self.accept()
        self.add_requested.emit()

    # --- sources -------------------------------------------------------------------------------

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


