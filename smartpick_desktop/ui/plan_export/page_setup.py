"""File → Page setup… when no system printer is available: choose the plan's paper size.

Qt's QPageSetupDialog works only with a native printer; without one (no printer installed, or
headless) this small dialog offers the two paper sizes the plan is laid out for.
"""

from __future__ import annotations

from PySide6.QtGui import QPageLayout, QPageSize
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

PAPER_SIZES: dict[str, QPageSize.PageSizeId] = {
    "Letter": QPageSize.PageSizeId.Letter,
    "A4": QPageSize.PageSizeId.A4,
}


class PaperSizeDialog(QDialog):
    """Pick Letter or A4 for the plan; on accept the printer's page size is set."""

    def __init__(self, printer: QPrinter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.printer = printer
        self.setWindowTitle("Page setup")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Paper size for the printed and exported plan:"))
        self.group = QButtonGroup(self)
        current = printer.pageLayout().pageSize().id()
        self.buttons: dict[str, QRadioButton] = {}
        for name, size_id in PAPER_SIZES.items():
            label = "US Letter (8.5 × 11 in)" if name == "Letter" else "A4 (210 × 297 mm)"
            button = QRadioButton(label)
            button.setObjectName(f"paper_{name}")
            button.setChecked(size_id == current)
            self.group.addButton(button)
            self.buttons[name] = button
            layout.addWidget(button)
        if not any(b.isChecked() for b in self.buttons.values()):
            self.buttons["Letter"].setChecked(True)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout.addWidget(box)
        self.button_box = box

    def accept(self) -> None:
        for name, button in self.buttons.items():
            if button.isChecked():
                self.printer.setPageSize(QPageSize(PAPER_SIZES[name]))
                self.printer.setPageOrientation(QPageLayout.Orientation.Portrait)
        super().accept()
