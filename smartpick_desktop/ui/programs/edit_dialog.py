"""Add or edit a program by hand; edited fields are marked "Entered by you".

Every field is checked as the student types: the reason a value is refused is shown beside the
field and Save stays disabled until the form is valid.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from smartpick_desktop.core.catalog.program import PACK_FIELDS, SETTINGS, TRACKS, Program
from smartpick_desktop.core.catalog.records import CellError, check_record, parse_cell
from smartpick_desktop.core.errors import SmartPickError
from smartpick_desktop.core.reference import load_reference
from smartpick_desktop.core.states import US_STATES
from smartpick_desktop.ui.context import AppContext
from smartpick_desktop.ui.discard_guard import DiscardGuard
from smartpick_desktop.ui.widgets import resize_to_fit

_TRI = [("Unknown", None), ("Yes", True), ("No", False)]
_TEXT = ("name", "institution", "city", "acgme_id", "website")
_NUMBERS = ("positions", "share_md", "share_do", "share_img", "min_step2", "typical_step2",
            "interviews_per_year", "reputation", "grad_year_cutoff", "max_failed_attempts")
_HINTS = {"acgme_id": "10 digits", "positions": "e.g. 12", "min_step2": "e.g. 230",
          "typical_step2": "e.g. 245", "interviews_per_year": "e.g. 120",
          "reputation": "0–100", "website": "https://…", "name": "required",
          "grad_year_cutoff": "e.g. 2020",
          "max_failed_attempts": "e.g. 0 (first-attempt passes only)"}


def _show(name: str, value: Any) -> str:
    if value is None:
        return ""
    if name.startswith("share_"):
        return f"{value * 100:g}%"
    return f"{value:g}" if isinstance(value, float) else str(value)


class ProgramDialog(DiscardGuard, QDialog):
    """The add/edit form. Signals: ``saved(program_id)``.

    Attributes:
        widgets: field -> editor; reasons: field -> the QLabel beside it showing why its value
        is refused (empty when valid); save_button: disabled while any field is invalid.
    """

    saved = Signal(int)

    def __init__(self, ctx: AppContext, program: Program | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.program = program
        self.setWindowTitle("Edit program" if program else "Add program")
        self.setObjectName("program_dialog")
        resize_to_fit(self, 620, 720)
        layout = QVBoxLayout(self)
        intro = ("Fields you change are marked \u201cEntered by you\u201d in the detail pane."
                 if program is not None else
                 "Add a program that is not in your data packs or files. Only the name and "
                 "the specialty are required.")
        if program is not None and program.is_demo:
            intro = "This is a demo program (fictional). " + intro
        note = QLabel(intro)
        note.setWordWrap(True)
        layout.addWidget(note)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.widgets: dict[str, Any] = {}
        self.reasons: dict[str, QLabel] = {}
        for name, label in PACK_FIELDS.items():
            if name in ("latitude", "longitude"):
                continue
            if name == "specialty":
                widget: Any = QComboBox()
                for spec in load_reference().specialty_names():
                    widget.addItem(spec, spec)
            elif name == "state":
                widget = QComboBox()
                widget.addItem("—", None)
                for code, state in sorted(US_STATES.items(), key=lambda kv: kv[1]):
                    widget.addItem(f"{state} ({code})", code)
            elif name == "setting":
                widget = QComboBox()
                widget.addItem("Unknown", None)
                for key, text in SETTINGS.items():
                    widget.addItem(text, key)
            elif name == "track":
                widget = QComboBox()
                widget.addItem("Unknown (read as categorical)", None)
                for key, text in TRACKS.items():
                    widget.addItem(text, key)
            elif name in ("visa_j1", "visa_h1b", "signals_accepted"):
                widget = QComboBox()
                for text, value in _TRI:
                    widget.addItem(text, value)
            else:
                widget = QLineEdit()
                widget.setPlaceholderText("e.g. 45%" if name.startswith("share_")
                                          else _HINTS.get(name, ""))
                widget.textChanged.connect(self._on_field_edited)
            if isinstance(widget, QComboBox):
                widget.currentIndexChanged.connect(self._on_field_edited)
            widget.setObjectName(f"field_{name}")
            reason = QLabel()
            reason.setObjectName(f"reason_{name}")
            reason.setStyleSheet("color: #b00020;")
            reason.setWordWrap(True)
            reason.setMinimumWidth(180)
            row = QHBoxLayout()
            row.addWidget(widget, 3)
            row.addWidget(reason, 2)
            self.widgets[name] = widget
            self.reasons[name] = reason
            text = label + (" *" if name in ("name", "specialty") else "")
            form.addRow(text, row)
        body = QWidget()
        body.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        layout.addWidget(scroll, 1)
        self.error = QLabel()
        self.error.setObjectName("form_error")
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._touched: set[str] = set()
        if program is not None:
            self._load(program)
        else:
            self._default_specialty()
        self.validate()

    def _default_specialty(self) -> None:
        """A new program starts in the profile's specialty."""
        profile = getattr(self.ctx, "profile", None)
        try:
            profile = profile() if callable(profile) else profile
        except SmartPickError:
            profile = None
        box = self.widgets["specialty"]
        if profile is not None and box.findData(profile.specialty) >= 0:
            box.setCurrentIndex(box.findData(profile.specialty))

    def _load(self, p: Program) -> None:
        for name, widget in self.widgets.items():
            value = getattr(p, name)
            if isinstance(widget, QComboBox):
                widget.setCurrentIndex(max(0, widget.findData(value)))
            else:
                widget.setText(_show(name, value))

    def values(self) -> dict[str, Any]:
        """The form's values; raise CellError naming the field."""
        out: dict[str, Any] = {}
        for name, widget in self.widgets.items():
            if isinstance(widget, QComboBox):
                out[name] = widget.currentData()
                continue
            text = widget.text().strip()
            try:
                out[name] = parse_cell(name, text) if name in _NUMBERS or name == "acgme_id" \
                    else text
            except CellError as err:
                raise CellError(f"{PACK_FIELDS[name]}: '{text}' {err}.") from None
        return out

    def problems(self) -> dict[str, str]:
        """field -> why its value is refused (empty when the form is valid)."""
        out: dict[str, str] = {}
        values: dict[str, Any] = {}
        for name, widget in self.widgets.items():
            if isinstance(widget, QComboBox):
                values[name] = widget.currentData()
                continue
            text = widget.text().strip()
            if name in _NUMBERS or name == "acgme_id":
                try:
                    values[name] = parse_cell(name, text)
                except CellError as err:
                    out[name] = f"'{text}' {err}"
            else:
                values[name] = text
        _record, found = check_record(values)
        for name, reason in found:
            out.setdefault(name, reason)
        return out

    def validate(self) -> bool:
        """Show each field's problem beside it; enable Save only for a valid form."""
        problems = self.problems()
        for name, label in self.reasons.items():
            reason = problems.get(name, "")
            if name == "name" and reason and "name" not in self._touched:
                reason = ""  # a new, empty form: no red text before the student types
            text = reason[:1].upper() + reason[1:] if reason else ""
            if name == "name" and reason.startswith("is empty"):
                text = "Required: every program needs a name"
            elif text.startswith("Is "):
                text = text[3:4].upper() + text[4:]
            label.setText(text)
            label.setToolTip(reason)
        self.save_button.setEnabled(not problems)
        if not problems:
            self.error.setText("")
        elif set(problems) == {"name"} and "name" not in self._touched:
            self.error.setText("Enter the program's name to save (fields marked * are "
                               "required).")
        else:
            self.error.setText(f"Fix {len(problems)} field{'s' if len(problems) > 1 else ''} "
                               "to save: the reason is shown beside each.")
        return not problems

    @Slot()
    def _on_field_edited(self, *_args: Any) -> None:
        sender = self.sender()
        name = sender.objectName().removeprefix("field_") if sender is not None else ""
        if name:
            self._touched.add(name)
        self.validate()

    @Slot()
    def save(self) -> None:
        from smartpick_desktop.core.catalog.queries import save_program

        if not self.validate():
            return
        try:
            values = self.values()
        except CellError as err:
            self.error.setText(str(err))
            return
        if self.program is None:
            program = Program(program_id=None, **{k: values.get(k) for k in (
                "acgme_id", "name", "institution", "specialty", "city", "state")})
        else:
            program = self.program
        program = replace(program, **values)
        if program.program_id is not None and (program.city, program.state) != (
                self.program.city, self.program.state):
            program = replace(program, latitude=self.program.latitude,
                              longitude=self.program.longitude)
        try:
            with self.ctx.store.session() as session:
                program_id = save_program(session, program)
        except SmartPickError as err:
            self.error.setText(str(err))
            return
        self.saved.emit(program_id)
        self.accept()
