"""The composer: pick a template, edit subject and body, open the mail app or copy; logs it."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from smartpick_desktop.core.mentors.contacts import Contact
from smartpick_desktop.core.mentors.mailto import mailto_url
from smartpick_desktop.core.mentors.templates import TEMPLATES, fill
from smartpick_desktop.core.profile import Profile
from smartpick_desktop.ui.context import AppContext
from smartpick_desktop.ui.discard_guard import DiscardGuard
from smartpick_desktop.ui.widgets import resize_to_fit


class ComposerDialog(DiscardGuard, QDialog):
    """Write an e-mail from a template.

    Signals:
        sent: (contact_id or None, template key, "mail" | "copy") when the student confirms,
            after opening the mail app or copying the text, that the e-mail went out. Opening
            or copying alone logs nothing.
    """

    sent = Signal(object, str, str)

    def __init__(self, ctx: AppContext, contacts: list[Contact], profile: Profile | None,
                 template: str = "peer_mentor", contact_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._contacts = {c.id: c for c in contacts}
        self._profile = profile
        self.setWindowTitle("Write an e-mail")
        resize_to_fit(self, 640, 560)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.template = QComboBox()
        for t in TEMPLATES.values():
            self.template.addItem(t.title, t.key)
        self.contact = QComboBox()
        self.contact.addItem("(choose a contact)", None)
        for c in contacts:
            self.contact.addItem(f"{c.name} <{c.email}>" if c.email else c.name, c.id)
        self.to = QLineEdit()
        self.subject = QLineEdit()
        self.body = QPlainTextEdit()
        form.addRow("Template", self.template)
        form.addRow("To", self.contact)
        form.addRow("Address", self.to)
        form.addRow("Subject", self.subject)
        layout.addLayout(form)
        layout.addWidget(self.body, 1)
        self.hint = QLabel("Words in [brackets] are for you to fill in before sending.")
        self.hint.setStyleSheet("color: palette(placeholder-text);")
        layout.addWidget(self.hint)
        buttons = QHBoxLayout()
        self.open_button = QPushButton("Open in mail app")
        self.open_button.setDefault(True)
        self.copy_button = QPushButton("Copy")
        self.close_button = QPushButton("Close")
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.copy_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.confirm_row = QWidget()
        confirm = QHBoxLayout(self.confirm_row)
        confirm.setContentsMargins(0, 0, 0, 0)
        self.confirm_label = QLabel()
        self.confirm_label.setWordWrap(True)
        self.sent_button = QPushButton("I sent it — log it")
        self.sent_button.setToolTip("Adds the e-mail to this contact's timeline")
        confirm.addWidget(self.confirm_label, 1)
        confirm.addWidget(self.sent_button)
        self.confirm_row.hide()
        layout.addWidget(self.confirm_row)
        self._handed_off: str | None = None
        self.template.setCurrentIndex(max(0, self.template.findData(template)))
        if contact_id is not None:
            self.contact.setCurrentIndex(max(0, self.contact.findData(contact_id)))
        self._on_template_changed()
        self.template.currentIndexChanged.connect(self._on_template_changed)
        self.contact.currentIndexChanged.connect(self._on_template_changed)
        self.open_button.clicked.connect(self._on_open_clicked)
        self.copy_button.clicked.connect(self._on_copy_clicked)
        self.close_button.clicked.connect(self.reject)
        self.sent_button.clicked.connect(self._on_sent_clicked)

    def template_key(self) -> str:
        return self.template.currentData()

    def contact_id(self) -> int | None:
        return self.contact.currentData()

    def mailto(self) -> str:
        return mailto_url(self.to.text(), self.subject.text(), self.body.toPlainText())

    @Slot()
    def _on_template_changed(self) -> None:
        contact = self._contacts.get(self.contact_id())
        subject, body = fill(self.template_key(), contact, self._profile)
        self.subject.setText(subject)
        self.body.setPlainText(body)
        self.to.setText(contact.email if contact else "")

    @Slot()
    def _on_open_clicked(self) -> None:
        if not self.ctx.dialogs.open_url(self.mailto()):
            self.ctx.dialogs.error(self, "No mail app", "No mail app could be opened. Use Copy "
                                    "and paste the text into your e-mail instead.")
            return
        self._ask_if_sent("mail", "Your mail app has the e-mail. Once you have sent it, log it "
                          "here.")

    @Slot()
    def _on_copy_clicked(self) -> None:
        text = f"To: {self.to.text()}\nSubject: {self.subject.text()}\n\n{self.body.toPlainText()}"
        QGuiApplication.clipboard().setText(text)
        self._ask_if_sent("copy", "Copied. Paste it into your e-mail; once you have sent it, "
                          "log it here.")

    def _ask_if_sent(self, how: str, text: str) -> None:
        self._handed_off = how
        self.confirm_label.setText(text)
        self.confirm_row.show()
        self.sent_button.setDefault(True)
        self.mark_unchanged()  # the text went to the mail app or the clipboard

    @Slot()
    def _on_sent_clicked(self) -> None:
        self.sent.emit(self.contact_id(), self.template_key(), self._handed_off or "mail")
        self.accept()
