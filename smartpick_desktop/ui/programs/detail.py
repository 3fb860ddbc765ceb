"""The detail pane: every field of the selected program with its provenance, "Why it ranks
here", and the student's own fields (stars, status, tags, notes)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from smartpick_desktop.core.catalog.program import PACK_FIELDS, SETTINGS, STATUSES, TRACKS, Program
from smartpick_desktop.core.model.ranking import RankedProgram
from smartpick_desktop.ui.programs.table_model import SIGNAL_LABELS, TIER_LABELS

#: Width of the student's fields when they sit beside the details.
SIDE_FIELDS_WIDTH = 420
EMPTY_HTML = ("<p style='color:gray'>Select a program to see every field, where it comes from, "
              "and why it ranks where it does.</p>")


def _value(p: Program, name: str) -> str:
    value = getattr(p, name)
    if value is None or value == "":
        return "—"
    if name.startswith("share_"):
        return f"{value * 100:.0f}%"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if name == "setting":
        return SETTINGS.get(value, value)
    if name == "track":
        return TRACKS.get(value, value)
    if name in ("latitude", "longitude"):
        return f"{value:.4f}"
    if name == "reputation":
        return f"{value:.0f}"
    return str(value)


def program_html(p: Program, info: RankedProgram | None, reasons: list[str],
                 fit_reasons: list[str], *, has_profile: bool) -> str:
    """The pane's HTML; every program or user string is escaped."""
    parts = [f"<h2>{escape(p.display_name)}</h2>"]
    if p.is_demo:
        parts.append("<p style='color:#a05a00'><b>Demo program</b> — fictional, generated for "
                     "exploring the app; not a real residency program.</p>")
    parts.append(f"<p>{escape(p.institution)}<br>{escape(p.specialty)} · "
                 f"{escape(p.location)}</p>")
    parts.append("<h3>Why it ranks here</h3>")
    if info is None:
        parts.append("<p>" + ("Ranking is not available for this program." if has_profile else
                              "Create your profile to see fit, chance of an interview and "
                              "the reasons behind them.") + "</p>")
    else:
        tier = TIER_LABELS.get(info.tier, info.tier)
        signal = SIGNAL_LABELS.get(info.signal or "", "")
        parts.append(
            f"<p><b>Rank {info.rank}</b> in {escape(p.specialty)} · fit {info.fit:.0f}/100 · "
            f"chance of an interview {info.p_interview * 100:.0f}% "
            f"({info.p_interview_signal * 100:.0f}% with a signal) · {escape(tier)}"
            + (f" · {escape(signal)} in your plan" if signal else "") + "</p>")
        if reasons:
            parts.append("<p><b>Chance of an interview</b></p><ul>"
                         + "".join(f"<li>{escape(r)}</li>" for r in reasons) + "</ul>")
        if fit_reasons:
            parts.append("<p><b>Fit with your preferences</b></p><ul>"
                         + "".join(f"<li>{escape(r)}</li>" for r in fit_reasons) + "</ul>")
    parts.append("<h3>Program data</h3><table cellspacing='0' cellpadding='3'>"
                 "<tr><th align='left'>Field</th><th align='left'>Value</th>"
                 "<th align='left'>Source</th></tr>")
    for name, label in PACK_FIELDS.items():
        value = _value(p, name)
        source = p.provenance.get(name, "") if value != "—" else ""
        parts.append(f"<tr><td>{escape(label)}</td><td>{escape(value)}</td>"
                     f"<td style='color:gray'>{escape(source)}</td></tr>")
    parts.append("</table>")
    if p.status_dates:
        dates = ", ".join(f"{STATUSES.get(k, k)} {v}" for k, v in sorted(
            p.status_dates.items(), key=lambda kv: kv[1]))
        parts.append(f"<p style='color:gray'>Status history: {escape(dates)}</p>")
    return "".join(parts)


AUTOSAVE_MS = 800


class DetailPane(QWidget):
    """Shows one program; emits ``user_fields_edited(program_id, changes)`` on edits.

    Stars and status save at once; tags and notes save as the student types (after a short
    pause), and at the latest when another program is shown or the pane is hidden.

    Signals:
        user_fields_edited: (program_id, dict of stars/status/tags/notes).
        edit_requested: the "Edit program…" button was pressed.
    """

    user_fields_edited = Signal(int, dict)
    edit_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.program: Program | None = None
        layout = QBoxLayout(QBoxLayout.Direction.TopToBottom, self)
        layout.setContentsMargins(6, 0, 0, 0)
        self._layout = layout
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.setObjectName("program_detail")
        layout.addWidget(self.browser, 3)
        self.fields = QWidget()  # the student's own fields, below or beside the details
        fields = QVBoxLayout(self.fields)
        fields.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        self.stars = QComboBox()
        self.stars.addItems(["No stars"] + ["★" * n for n in range(1, 6)])
        self.status = QComboBox()
        for key, label in STATUSES.items():
            self.status.addItem(label, key)
        top = QHBoxLayout()
        top.addWidget(self.stars)
        top.addWidget(self.status, 1)
        form.addRow("Your rating", top)
        self.tags = QLineEdit()
        self.tags.setPlaceholderText("Tags, separated by commas")
        form.addRow("Tags", self.tags)
        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText("Your notes about this program")
        self.notes.setMaximumHeight(110)
        form.addRow("Notes", self.notes)
        fields.addLayout(form)
        buttons = QHBoxLayout()
        self.edit_button = QPushButton("Edit program…")
        self.edit_button.clicked.connect(self.edit_requested)
        self.saved_label = QLabel()
        self.saved_label.setObjectName("notes_saved")
        self.saved_label.setStyleSheet("color: palette(placeholder-text);")
        buttons.addWidget(self.edit_button)
        buttons.addStretch(1)
        buttons.addWidget(self.saved_label)
        fields.addLayout(buttons)
        fields.addStretch(1)
        layout.addWidget(self.fields)
        self.stars.activated.connect(self._on_stars_activated)
        self.status.activated.connect(self._on_status_activated)
        self._autosave = QTimer(self, singleShot=True, interval=AUTOSAVE_MS)
        self._autosave.timeout.connect(self.save_pending)
        self._filling = False
        self._pending = False
        self.tags.textEdited.connect(self._on_text_edited)
        self.notes.textChanged.connect(self._on_text_edited)
        self.tags.returnPressed.connect(self.save_pending)
        self.tags.editingFinished.connect(self.save_pending)
        self.empty = QLabel("Select a program to see its details.")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.show_program(None, None, [], [], has_profile=False)

    def set_side_by_side(self, on: bool) -> None:
        """Put the student's fields beside the details (the pane is wide and low: under the
        table) or below them (the pane is a tall column beside the table)."""
        self._layout.setDirection(QBoxLayout.Direction.LeftToRight if on
                                  else QBoxLayout.Direction.TopToBottom)
        self.fields.setMaximumWidth(SIDE_FIELDS_WIDTH if on else 16777215)

    def show_program(self, program: Program | None, info: RankedProgram | None,
                     reasons: list[str], fit_reasons: list[str], *, has_profile: bool) -> None:
        if self.program is not None and (program is None
                                         or program.program_id != self.program.program_id):
            self.save_pending()
        same = (program is not None and self.program is not None
                and program.program_id == self.program.program_id)
        self.program = program
        enabled = program is not None
        for widget in (self.stars, self.status, self.tags, self.notes, self.edit_button):
            widget.setEnabled(enabled)
        self._filling = True
        try:
            if not same:
                self._pending = False
            if program is None:
                self.browser.setHtml(EMPTY_HTML)
                self.tags.clear()
                self.notes.clear()
                self.saved_label.clear()
                return
            self.browser.setHtml(program_html(program, info, reasons, fit_reasons,
                                              has_profile=has_profile))
            self.stars.setCurrentIndex(program.stars)
            self.status.setCurrentIndex(max(0, self.status.findData(program.status)))
            if not (same and self._pending):  # keep what is being typed
                self.tags.setText(", ".join(program.tags))
                if self.notes.toPlainText() != program.notes:
                    self.notes.setPlainText(program.notes)
            if not same:
                self.saved_label.clear()
        finally:
            self._filling = False

    @Slot()
    def save_pending(self) -> None:
        """Save typed tags and notes now, if any are waiting."""
        if not self._pending or self.program is None:
            return
        self._pending = False
        self._autosave.stop()
        self.user_fields_edited.emit(self.program.program_id,
                                     {"tags": self.tags.text(),
                                      "notes": self.notes.toPlainText()})
        self.saved_label.setText("Notes saved")

    @Slot()
    def _on_text_edited(self, *_args) -> None:
        if self._filling or self.program is None:
            return
        self._pending = True
        self.saved_label.setText("Saving…")
        self._autosave.start()

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.save_pending()
        super().hideEvent(event)

    @Slot(int)
    def _on_stars_activated(self, index: int) -> None:
        if self.program is not None and index != self.program.stars:
            self.user_fields_edited.emit(self.program.program_id, {"stars": index})

    @Slot(int)
    def _on_status_activated(self, index: int) -> None:
        status = self.status.itemData(index)
        if self.program is not None and status != self.program.status:
            self.user_fields_edited.emit(self.program.program_id, {"status": status})
