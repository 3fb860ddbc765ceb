"""Add or edit a program by hand; edited fields are marked "Entered by you"."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from smartpick_desktop.core.catalog.program import PACK_FIELDS, SETTINGS, Program
from smartpick_desktop.core.catalog.records import CellError, parse_cell
from smartpick_desktop.core.errors import SmartPickError
from smartpick_desktop.core.reference import load_reference
from smartpick_desktop.core.states import US_STATES

_TRI = [("Unknown", None), ("Yes", True), ("No", False)]
_TEXT = ("name", "institution", "city", "acgme_id", "website")
_NUMBERS = ("positions", "share_md", "share_do", "share_img", "min_step2", "typical_step2",
            "interviews_per_year", "reputation")


def _show(name: str, value: Any) -> str:
    if value is None:
        return ""
    if name.startswith("share_"):
        return f"{value * 100:g}%"
    return f"{value:g}" if isinstance(value, float) else str(value)


class ProgramDialog(QDialog):
    """The add/edit form. Signals: ``saved(program_id)``."""

    saved = Signal(int)

    def __init__(self, ctx: Any, program: Program | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.program = program
        self.setWindowTitle("Edit program" if program else "Add program")
        layout = QVBoxLayout(self)
        if program is not None and program.is_demo:
            layout.addWidget(QLabel("This is a demo program (fictional)."))
        form = QFormLayout()
        self.widgets: dict[str, Any] = {}
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
            elif name in ("visa_j1", "visa_h1b", "signals_accepted"):
                widget = QComboBox()
                for text, value in _TRI:
                    widget.addItem(text, value)
            else:
                widget = QLineEdit()
                if name.startswith("share_"):
                    widget.setPlaceholderText("e.g. 45%")
            widget.setObjectName(f"field_{name}")
            self.widgets[name] = widget
            form.addRow(label, widget)
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if program is not None:
            self._load(program)

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

    @Slot()
    def save(self) -> None:
        from smartpick_desktop.core.catalog.queries import save_program

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
