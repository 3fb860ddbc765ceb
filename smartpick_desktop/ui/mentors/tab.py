"""The Mentors tab: contacts with search and filters, detail with timeline, quick actions,
composer, letters board, due/overdue highlighting and File → Import/Export contacts."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, Slot
from PySide6.QtGui import QAction, QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from smartpick_desktop.core.errors import SmartPickError
from smartpick_desktop.core.mentors import contacts as core_contacts
from smartpick_desktop.core.mentors import interactions as core_interactions
from smartpick_desktop.core.mentors import letters as core_letters
from smartpick_desktop.core.mentors.contacts import ROLES, STAGES, Contact
from smartpick_desktop.core.mentors.followups import DueItem, due_items
from smartpick_desktop.core.mentors.interactions import KINDS
from smartpick_desktop.core.mentors.templates import TEMPLATES
from smartpick_desktop.ui.context import AppContext
from smartpick_desktop.ui.fixes import with_fix
from smartpick_desktop.ui.mentors import models
from smartpick_desktop.ui.mentors.composer import ComposerDialog
from smartpick_desktop.ui.mentors.dialogs import (
    ContactDialog,
    FollowUpDialog,
    InteractionDialog,
    LetterDialog,
)
from smartpick_desktop.ui.mentors.letters_board import NEXT_STATUS, LettersBoard
from smartpick_desktop.ui.mentors.models import ContactFilterProxy, ContactTableModel
from smartpick_desktop.ui.tabs import TabDefaults
from smartpick_desktop.ui.widgets import heading, wrapped_label

FILE_FILTERS = "Contacts (*.vcf *.csv);;vCard (*.vcf);;CSV (*.csv)"


#: Texts the columns are measured by (the names are measured themselves).
COLUMN_SAMPLES = {models.COL_NAME: "Dr. Alexandra Rivera-Smith", models.COL_ROLE: "Peer or near-peer",
                  models.COL_ORG: "Lakeside University Medical", models.COL_STAGE: "Letter writer"}


class MentorsTab(TabDefaults, QWidget):
    """Contacts, their timeline and follow-ups, the composer and the letters board.

    Attributes:
        dialog: the dialog opened last (tests fill it in and press its buttons).
    """

    help_page = "mentors"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.dialog: Any = None
        self._due: list[DueItem] = []
        self.model = ContactTableModel(self)
        self.proxy = ContactFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        self.pages = QTabWidget()
        layout.addWidget(self.pages)
        self.pages.addTab(self._build_contacts_page(), "Contacts")
        self.letters_board = LettersBoard(models.today)
        self.pages.addTab(self.letters_board, "Letters")
        self.letters_board.add_requested.connect(self._on_letters_add_requested)
        self.letters_board.edit_requested.connect(self._on_letters_edit_requested)
        self.letters_board.advance_requested.connect(self._on_letters_advance_requested)
        self.letters_board.delete_requested.connect(self._on_letters_delete_requested)

        ctx.mentors_changed.connect(self.refresh)
        ctx.profile_changed.connect(self.refresh)
        self.refresh()

    # --- building ------------------------------------------------------------------------------

    def _build_contacts_page(self) -> QWidget:
        page = QWidget()
        outer = QVBoxLayout(page)
        filters = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search name, institution, tags, notes…")
        self.search.setClearButtonEnabled(True)
        self.role_filter = QComboBox()
        self.role_filter.addItem("All roles", None)
        for key, label in ROLES.items():
            self.role_filter.addItem(label, key)
        self.stage_filter = QComboBox()
        self.stage_filter.addItem("All stages", None)
        for key, label in STAGES.items():
            self.stage_filter.addItem(label, key)
        self.tag_filter = QComboBox()
        self.tag_filter.addItem("All tags", None)
        self.due_filter = QCheckBox("Due or overdue only")
        for w in (self.search, self.role_filter, self.stage_filter, self.tag_filter,
                  self.due_filter):
            filters.addWidget(w)
        filters.setStretch(0, 1)
        outer.addLayout(filters)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(models.COL_NAME, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(models.COL_DUE,
                                                           QHeaderView.ResizeMode.Stretch)
        self.table.installEventFilter(self)  # a font change (zoom) re-measures the columns
        self.fit_columns()
        left_layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.add_button = QPushButton("Add contact…")
        self.compose_button = QPushButton("Write an e-mail…")
        self.count_label = QLabel()
        row.addWidget(self.add_button)
        row.addWidget(self.compose_button)
        row.addStretch(1)
        row.addWidget(self.count_label)
        left_layout.addLayout(row)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self._build_detail())
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([860, 520])
        outer.addWidget(self.splitter, 1)

        self.search.textChanged.connect(self._on_filters_changed)
        for combo in (self.role_filter, self.stage_filter, self.tag_filter):
            combo.currentIndexChanged.connect(self._on_filters_changed)
        self.due_filter.toggled.connect(self._on_filters_changed)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        self.table.doubleClicked.connect(self._on_edit_clicked)
        self.add_button.clicked.connect(self._on_add_clicked)
        self.compose_button.clicked.connect(lambda: self.open_composer("peer_mentor"))
        return page

    def _build_detail(self) -> QWidget:
        detail = QWidget()
        layout = QVBoxLayout(detail)
        layout.setContentsMargins(12, 0, 0, 0)
        self.detail_name = heading("", 1.3)
        self.detail_info = wrapped_label()
        self.detail_due = wrapped_label()
        self.detail_due.setStyleSheet("padding: 4px; border-radius: 4px;")
        layout.addWidget(self.detail_name)
        layout.addWidget(self.detail_info)
        layout.addWidget(self.detail_due)
        actions = QHBoxLayout()
        self.log_button = QPushButton("Log meeting…")
        self.template_button = QPushButton("Send template…")
        self.follow_up_button = QPushButton("Schedule follow-up…")
        for b in (self.log_button, self.template_button, self.follow_up_button):
            actions.addWidget(b)
        layout.addLayout(actions)
        more = QHBoxLayout()
        self.edit_button = QPushButton("Edit…")
        self.letter_button = QPushButton("Add letter…")
        self.delete_button = QPushButton("Delete")
        for b in (self.edit_button, self.letter_button, self.delete_button):
            more.addWidget(b)
        more.addStretch(1)
        layout.addLayout(more)
        layout.addWidget(QLabel("Timeline"))
        self.timeline = QListWidget()
        self.timeline.setWordWrap(True)
        layout.addWidget(self.timeline, 1)
        self.log_button.clicked.connect(self._on_log_clicked)
        self.template_button.clicked.connect(
            lambda: self.open_composer("thank_you", self.current_contact_id()))
        self.follow_up_button.clicked.connect(self._on_follow_up_clicked)
        self.edit_button.clicked.connect(self._on_edit_clicked)
        self.letter_button.clicked.connect(self._on_letters_add_requested)
        self.delete_button.clicked.connect(self._on_delete_clicked)
        return detail

    # --- tab protocol --------------------------------------------------------------------------

    def install_actions(self, window: QMainWindow) -> None:
        menu = window.menu("File")
        self.import_action = QAction("Import contacts…", self)
        self.import_action.triggered.connect(self._on_import_triggered)
        self.export_action = QAction("Export contacts…", self)
        self.export_action.triggered.connect(self._on_export_triggered)
        menu.addAction(self.import_action)
        menu.addAction(self.export_action)

    def show_payload(self, payload: object) -> None:
        """``{"template": KEY}`` opens the composer; ``{"contact": id}`` selects a contact;
        ``{"letters": True}`` shows the letters board; ``{"due": True}`` filters to due items."""
        if not isinstance(payload, dict):
            return
        if payload.get("letters"):
            self.pages.setCurrentWidget(self.letters_board)
            return
        self.pages.setCurrentIndex(0)
        if payload.get("due"):
            self.due_filter.setChecked(True)
        contact_id = payload.get("contact")
        if isinstance(contact_id, int):
            self.select_contact(contact_id)
        key = payload.get("template")
        if isinstance(key, str) and key in TEMPLATES:
            self.open_composer(key, contact_id if isinstance(contact_id, int) else None)

    def save_state(self, settings: QSettings) -> None:
        settings.setValue("mentors/splitter", self.splitter.saveState())
        settings.setValue("mentors/columns", self.table.horizontalHeader().saveState())

    def restore_state(self, settings: QSettings) -> None:
        splitter = settings.value("mentors/splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)
        columns = settings.value("mentors/columns")
        if columns is not None:
            self.table.horizontalHeader().restoreState(columns)

    # --- data ----------------------------------------------------------------------------------

    @Slot()
    def fit_columns(self) -> None:
        """Column widths from the font: the names whole (the longest, up to 40 characters),
        the other columns their usual texts; the table scrolls sideways when narrower."""
        metrics = self.table.fontMetrics()
        names = [self.model.index(r, models.COL_NAME).data()
                 for r in range(min(self.model.rowCount(), 500))]
        widest = max([metrics.horizontalAdvance(str(n or "")) for n in names]
                     + [metrics.horizontalAdvance(COLUMN_SAMPLES[models.COL_NAME])])
        self.table.setColumnWidth(models.COL_NAME,
                                  min(widest, metrics.averageCharWidth() * 40) + 16)
        for col in (models.COL_ROLE, models.COL_ORG, models.COL_STAGE):
            self.table.setColumnWidth(col, metrics.horizontalAdvance(COLUMN_SAMPLES[col]) + 16)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.table and event.type() == QEvent.Type.FontChange:
            self.fit_columns()
        return super().eventFilter(watched, event)

    def refresh(self) -> None:
        selected = self.current_contact_id()
        with self.ctx.store.session() as s:
            contacts = core_contacts.list_contacts(s)
            self._due = due_items(s, models.today())
            letters = core_letters.list_letters(s)
        self.model.set_contacts(contacts, self._due)
        self.fit_columns()
        tags = sorted({t for c in contacts for t in c.tags}, key=str.casefold)
        current_tag = self.tag_filter.currentData()
        self.tag_filter.blockSignals(True)
        self.tag_filter.clear()
        self.tag_filter.addItem("All tags", None)
        for tag in tags:
            self.tag_filter.addItem(tag, tag)
        self.tag_filter.setCurrentIndex(max(0, self.tag_filter.findData(current_tag)))
        self.tag_filter.blockSignals(False)
        profile = self.ctx.profile()
        self.letters_board.set_letters(letters, profile.specialty if profile else None)
        self._update_count()
        if selected is not None:
            self.select_contact(selected)
        elif self.proxy.rowCount():
            self.table.selectRow(0)
        self._show_detail()

    def _update_count(self) -> None:
        total = self.model.rowCount()
        due = sum(1 for i in self._due if i.contact_id is not None)
        overdue = sum(1 for i in self._due if i.overdue)
        self.count_label.setText(f"{self.proxy.rowCount()} of {total} contacts · {due} due, "
                                 f"{overdue} overdue")

    def current_contact_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return rows[0].data(models.ID_ROLE) if rows else None

    def select_contact(self, contact_id: int) -> bool:
        row = self.model.row_of(contact_id)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():  # filtered out: clear the filters so it can be shown
            self.search.clear()
            self.due_filter.setChecked(False)
            for combo in (self.role_filter, self.stage_filter, self.tag_filter):
                combo.setCurrentIndex(0)
            index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.selectRow(index.row())
        self.table.scrollTo(index)
        return True

    def _current_contact(self) -> Contact | None:
        cid = self.current_contact_id()
        if cid is None:
            return None
        row = self.model.row_of(cid)
        return self.model.contact(row) if row >= 0 else None

    def _show_detail(self) -> None:
        contact = self._current_contact()
        for b in (self.log_button, self.template_button, self.follow_up_button, self.edit_button,
                  self.letter_button, self.delete_button):
            b.setEnabled(contact is not None)
        self.timeline.clear()
        if contact is None:
            self.detail_name.setText("No contact selected")
            self.detail_info.setText("Add a contact, import a .vcf or .csv file (File → Import "
                                     "contacts…), or pick someone from the list.")
            self.detail_due.hide()
            return
        self.detail_name.setText(contact.name)
        lines = [" · ".join(x for x in (ROLES[contact.role], contact.specialty,
                                        contact.institution) if x),
                 " · ".join(x for x in (contact.email, contact.phone) if x),
                 f"Stage: {STAGES[contact.stage]}"]
        if contact.how_met or contact.where_met:
            lines.append("Met: " + ", ".join(x for x in (contact.how_met, contact.where_met)
                                             if x))
        if contact.tags:
            lines.append("Tags: " + ", ".join(contact.tags))
        if contact.notes:
            lines.append(contact.notes)
        self.detail_info.setText("\n".join(x for x in lines if x))
        mine = [i for i in self._due if i.contact_id == contact.id]
        if mine:
            self.detail_due.setText("\n".join(
                f"{'Overdue' if i.overdue else 'Due today'} ({i.due.isoformat()}): {i.reason}"
                for i in mine))
            color = "#ffdede" if any(i.overdue for i in mine) else "#fff3cd"
            self.detail_due.setStyleSheet(f"padding: 4px; border-radius: 4px; "
                                          f"background: {color}; color: #282828;")
            self.detail_due.show()
        elif contact.follow_up_on:
            self.detail_due.setText(f"Follow-up scheduled for {contact.follow_up_on.isoformat()}"
                                    + (f": {contact.follow_up_note}"
                                       if contact.follow_up_note else "."))
            self.detail_due.setStyleSheet("padding: 4px;")
            self.detail_due.show()
        else:
            self.detail_due.hide()
        with self.ctx.store.session() as s:
            history = core_interactions.list_interactions(s, contact.id)
        for entry in history:
            text = f"{entry.date.isoformat()}  {entry.label}"
            if entry.template and entry.template in TEMPLATES:
                text += f" — “{TEMPLATES[entry.template].title}”"
            if entry.notes:
                text += f"\n{entry.notes}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, entry.id)
            self.timeline.addItem(item)
        if not history:
            placeholder = QListWidgetItem("No interactions logged yet.")
            placeholder.setForeground(QBrush(QColor(128, 128, 128)))
            self.timeline.addItem(placeholder)

    def _write(self, action, message: str = "") -> bool:
        """Run ``action(session)`` in one transaction; report errors; signal the change."""
        try:
            with self.ctx.store.session() as s:
                action(s)
        except SmartPickError as err:
            if self.dialog is not None and hasattr(self.dialog, "show_error") \
                    and self.dialog.isVisible():
                self.dialog.show_error(with_fix(err))
            else:
                self.ctx.dialogs.error(self, "Mentors", with_fix(err))
            return False
        self.ctx.mentors_changed.emit()
        if message:
            self.ctx.status_message.emit(message)
        return True

    # --- slots: contacts -----------------------------------------------------------------------

    @Slot()
    def _on_filters_changed(self) -> None:
        self.proxy.set_filters(text=self.search.text(), role=self.role_filter.currentData(),
                               stage=self.stage_filter.currentData(),
                               tag=self.tag_filter.currentData(),
                               due_only=self.due_filter.isChecked())
        self._update_count()

    @Slot()
    def _on_table_selection_changed(self) -> None:
        self._show_detail()

    def _open(self, dialog: Any, on_accept) -> Any:
        self.dialog = dialog
        dialog.accepted.connect(on_accept)
        dialog.open()
        return dialog

    @Slot()
    def _on_add_clicked(self) -> None:
        dialog = ContactDialog(parent=self)

        def save() -> None:
            created: list[Contact] = []
            if self._write(lambda s: created.append(
                    core_contacts.add_contact(s, dialog.contact(), today=models.today())),
                    "Contact added."):
                self.select_contact(created[0].id)
            else:
                dialog.open()

        self._open(dialog, save)

    @Slot()
    def _on_edit_clicked(self) -> None:
        contact = self._current_contact()
        if contact is None:
            return
        dialog = ContactDialog(contact, parent=self)

        def save() -> None:
            if not self._write(lambda s: core_contacts.update_contact(s, dialog.contact()),
                               "Contact saved."):
                dialog.open()

        self._open(dialog, save)

    @Slot()
    def _on_delete_clicked(self) -> None:
        contact = self._current_contact()
        if contact is None or not self.ctx.dialogs.confirm(
                self, "Delete contact", f"Delete {contact.name} and their interaction log?"):
            return
        self._write(lambda s: core_contacts.delete_contact(s, contact.id), "Contact deleted.")

    @Slot()
    def _on_log_clicked(self) -> None:
        contact = self._current_contact()
        if contact is None:
            return
        dialog = InteractionDialog(contact.name, models.today(), parent=self)

        def save() -> None:
            kind, on, notes = dialog.values()
            self._write(lambda s: core_interactions.log_interaction(s, contact.id, kind, on,
                                                                    notes),
                        f"Logged: {KINDS[kind].lower()} with {contact.name}.")

        self._open(dialog, save)

    @Slot()
    def _on_follow_up_clicked(self) -> None:
        contact = self._current_contact()
        if contact is None:
            return
        dialog = FollowUpDialog(contact.name, models.today() + dt.timedelta(days=7), parent=self)

        def save() -> None:
            on, note = dialog.values()
            self._write(lambda s: core_contacts.schedule_follow_up(
                s, contact.id, on, note, today=models.today()),
                f"Follow-up with {contact.name} scheduled for {on.isoformat()}.")

        self._open(dialog, save)

    def open_composer(self, template: str, contact_id: int | None = None) -> ComposerDialog:
        """Open the composer with ``template`` (and the contact, if given)."""
        with self.ctx.store.session() as s:
            contacts = core_contacts.list_contacts(s)
        dialog = ComposerDialog(self.ctx, contacts, self.ctx.profile(), template, contact_id,
                                parent=self)
        dialog.sent.connect(self._on_composer_sent)
        self.dialog = dialog
        dialog.open()
        return dialog

    @Slot(object, str, str)
    def _on_composer_sent(self, contact_id: object, template: str, _how: str) -> None:
        if not isinstance(contact_id, int):
            self.ctx.status_message.emit("Not logged: no contact was chosen in the composer.")
            return
        kind = TEMPLATES[template].kind
        self._write(lambda s: core_interactions.log_interaction(
            s, contact_id, kind, models.today(), template=template),
            f"Logged as sent: {TEMPLATES[template].title.lower()}.")
        self.select_contact(contact_id)

    # --- slots: import/export ------------------------------------------------------------------

    @Slot()
    def _on_import_triggered(self) -> None:
        path = self.ctx.dialogs.open_file(self, "Import contacts", FILE_FILTERS)
        if path is None:
            return
        from smartpick_desktop.core.mentors.exchange import import_contacts, read_contacts_file

        try:
            contacts = read_contacts_file(path)
        except SmartPickError as err:
            self.ctx.dialogs.error(self, "Import contacts", with_fix(err))
            return
        results = []
        if self._write(lambda s: results.append(import_contacts(s, contacts))):
            self.ctx.status_message.emit(results[0].describe(path))

    @Slot()
    def _on_export_triggered(self) -> None:
        path = self.ctx.dialogs.save_file(self, "Export contacts", "contacts.vcf", FILE_FILTERS)
        if path is None:
            return
        from smartpick_desktop.core.mentors.exchange import export_file

        try:
            with self.ctx.store.session() as s:
                count = export_file(s, path)
        except SmartPickError as err:
            self.ctx.dialogs.error(self, "Export contacts", with_fix(err))
            return
        self.ctx.status_message.emit(f"Exported {count} contacts to {path.name}.")

    # --- slots: letters ------------------------------------------------------------------------

    @Slot()
    def _on_letters_add_requested(self) -> None:
        with self.ctx.store.session() as s:
            contacts = core_contacts.list_contacts(s)
        profile = self.ctx.profile()
        dialog = LetterDialog(contacts, models.today(),
                              specialty=profile.specialty if profile else "", parent=self)
        if self.sender() is self.letter_button and self.current_contact_id() is not None:
            dialog.contact.setCurrentIndex(dialog.contact.findData(self.current_contact_id()))

        def save() -> None:
            values = dialog.values()
            if not self._write(lambda s: core_letters.add_letter(s, **values), "Letter added."):
                dialog.open()

        self._open(dialog, save)

    @Slot(int)
    def _on_letters_edit_requested(self, letter_id: int) -> None:
        with self.ctx.store.session() as s:
            contacts = core_contacts.list_contacts(s)
            letter = next((x for x in core_letters.list_letters(s) if x.id == letter_id), None)
        if letter is None:
            return
        dialog = LetterDialog(contacts, models.today(), letter, parent=self)

        def save() -> None:
            values = dialog.values()
            updated = core_letters.Letter(id=letter_id, **values)
            if not updated.writer.strip() and updated.contact_id is not None:
                updated.writer = letter.writer
            if not self._write(lambda s: core_letters.update_letter(s, updated),
                               "Letter saved."):
                dialog.open()

        self._open(dialog, save)

    @Slot(int)
    def _on_letters_advance_requested(self, letter_id: int) -> None:
        with self.ctx.store.session() as s:
            letter = next((x for x in core_letters.list_letters(s) if x.id == letter_id), None)
        if letter is None or letter.status not in NEXT_STATUS:
            return
        status = NEXT_STATUS[letter.status]
        self._write(lambda s: core_letters.set_letter_status(s, letter_id, status),
                    f"Letter from {letter.writer}: "
                    f"{core_letters.LETTER_STATUSES[status].lower()}.")

    @Slot(int)
    def _on_letters_delete_requested(self, letter_id: int) -> None:
        if self.ctx.dialogs.confirm(self, "Delete letter", "Delete this letter?"):
            self._write(lambda s: core_letters.delete_letter(s, letter_id), "Letter deleted.")
