"""Small forms of the Mentors tab: contact, interaction, follow-up and letter."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from smartpick_desktop.core.mentors.contacts import ROLES, STAGES, Contact
from smartpick_desktop.core.mentors.interactions import KINDS
from smartpick_desktop.core.mentors.letters import LETTER_STATUSES, Letter
from smartpick_desktop.ui.discard_guard import DiscardGuard


def _date_edit(value: dt.date) -> QDateEdit:
    edit = QDateEdit(QDate(value.year, value.month, value.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def _to_date(edit: QDateEdit) -> dt.date:
    d = edit.date()
    return dt.date(d.year(), d.month(), d.day())


def _combo(choices: dict[str, str], current: str) -> QComboBox:
    combo = QComboBox()
    for key, label in choices.items():
        combo.addItem(label, key)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    return combo


class _FormDialog(DiscardGuard, QDialog):
    """A dialog with a form, an error line and OK/Cancel."""

    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(440)
        layout = QVBoxLayout(self)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()


class ContactDialog(_FormDialog):
    """Add or edit a contact; ``contact()`` returns what was entered."""

    def __init__(self, contact: Contact | None = None, parent: QWidget | None = None) -> None:
        super().__init__("Edit contact" if contact else "Add contact", parent)
        self._original = contact or Contact(name="")
        c = self._original
        self.name = QLineEdit(c.name)
        self.name.setPlaceholderText("e.g. Dr. Maria Lopez")
        self.role = _combo(ROLES, c.role)
        self.stage = _combo(STAGES, c.stage)
        self.specialty = QLineEdit(c.specialty)
        self.institution = QLineEdit(c.institution)
        self.email = QLineEdit(c.email)
        self.phone = QLineEdit(c.phone)
        self.how_met = QLineEdit(c.how_met)
        self.how_met.setPlaceholderText("e.g. research elective, ACP conference")
        self.where_met = QLineEdit(c.where_met)
        self.tags = QLineEdit(", ".join(c.tags))
        self.tags.setPlaceholderText("comma-separated")
        self.notes = QPlainTextEdit(c.notes)
        self.notes.setFixedHeight(80)
        for label, widget in (("Name", self.name), ("Role", self.role), ("Stage", self.stage),
                              ("Specialty", self.specialty), ("Institution", self.institution),
                              ("E-mail", self.email), ("Phone", self.phone),
                              ("How you met", self.how_met), ("Where", self.where_met),
                              ("Tags", self.tags), ("Notes", self.notes)):
            self.form.addRow(label, widget)

    def contact(self) -> Contact:
        c = self._original
        return Contact(
            id=c.id, name=self.name.text(), role=self.role.currentData(),
            stage=self.stage.currentData(), specialty=self.specialty.text(),
            institution=self.institution.text(), title=c.title, email=self.email.text(),
            phone=self.phone.text(), how_met=self.how_met.text(), where_met=self.where_met.text(),
            tags=self.tags.text(), notes=self.notes.toPlainText(), created=c.created,
        )


class InteractionDialog(_FormDialog):
    """Log an interaction: kind, date and notes."""

    def __init__(self, contact_name: str, today: dt.date, kind: str = "meeting",
                 parent: QWidget | None = None) -> None:
        super().__init__(f"Log an interaction with {contact_name}", parent)
        self.kind = _combo(KINDS, kind)
        self.date = _date_edit(today)
        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText("What you talked about, advice, next steps")
        self.notes.setFixedHeight(90)
        self.form.addRow("What", self.kind)
        self.form.addRow("When", self.date)
        self.form.addRow("Notes", self.notes)

    def values(self) -> tuple[str, dt.date, str]:
        return self.kind.currentData(), _to_date(self.date), self.notes.toPlainText()


class FollowUpDialog(_FormDialog):
    """Schedule a follow-up on a day, with a note."""

    def __init__(self, contact_name: str, on: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(f"Schedule a follow-up with {contact_name}", parent)
        self.date = _date_edit(on)
        self.note = QLineEdit()
        self.note.setPlaceholderText("e.g. Send the revised abstract")
        self.form.addRow("On", self.date)
        self.form.addRow("Note", self.note)

    def values(self) -> tuple[dt.date, str]:
        return _to_date(self.date), self.note.text()


class LetterDialog(_FormDialog):
    """Add or edit a letter of recommendation."""

    def __init__(self, contacts: list[Contact], today: dt.date, letter: Letter | None = None,
                 specialty: str = "", parent: QWidget | None = None) -> None:
        super().__init__("Edit letter" if letter else "Add a letter of recommendation", parent)
        self._letter = letter
        self.contact = QComboBox()
        self.contact.addItem("(not in my contacts)", None)
        for c in contacts:
            self.contact.addItem(c.name, c.id)
        self.writer = QLineEdit(letter.writer if letter else "")
        self.writer.setPlaceholderText("Leave empty to use the contact's name")
        self.requested = _date_edit(letter.requested if letter and letter.requested else today)
        self.due = _date_edit(letter.due if letter and letter.due
                              else today + dt.timedelta(days=28))
        self.status = _combo(LETTER_STATUSES, letter.status if letter else "asked")
        self.specialty = QLineEdit(letter.specialty or "" if letter else specialty)
        self.standardized = QCheckBox("Standardized letter (e.g. SLOE)")
        self.standardized.setChecked(bool(letter and letter.standardized))
        self.notes = QLineEdit(letter.notes if letter else "")
        if letter and letter.contact_id is not None:
            self.contact.setCurrentIndex(max(0, self.contact.findData(letter.contact_id)))
        for label, widget in (("Contact", self.contact), ("Writer", self.writer),
                              ("Requested", self.requested), ("Due", self.due),
                              ("Status", self.status), ("Specialty", self.specialty),
                              ("", self.standardized), ("Notes", self.notes)):
            self.form.addRow(label, widget)

    def accept(self) -> None:
        """Stay open with the reason when the due date comes before the request."""
        requested, due = _to_date(self.requested), _to_date(self.due)
        if due < requested:
            self.show_error(f"The due date {due.isoformat()} is before the date it was "
                            f"requested ({requested.isoformat()}).")
            return
        super().accept()

    def values(self) -> dict:
        return {
            "writer": self.writer.text(), "contact_id": self.contact.currentData(),
            "requested": _to_date(self.requested), "due": _to_date(self.due),
            "status": self.status.currentData(), "specialty": self.specialty.text() or None,
            "standardized": self.standardized.isChecked(), "notes": self.notes.text(),
        }
