"""Help → How good are these numbers?: the model's validation against real applicants' outcomes.

Shows the report shipped with this version (the last fit, with its source) and lets an advisor
check the model against their own school's outcomes file, as ``smartpick model validate`` does.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QMainWindow,
    QProgressDialog,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from smartpick_desktop.core.errors import SmartPickError
from smartpick_desktop.core.progress import Cancelled
from smartpick_desktop.ui.widgets import resize_to_fit


def shipped_html() -> str:
    """The shipped validation report as HTML (with its source and how sure it is)."""
    from smartpick_desktop.core.model.basis import evidence_sentence, shipped_report
    from smartpick_desktop.core.model.validation import report_lines

    shipped = shipped_report()
    intro = (
        "<p>SmartPick's chances come from a model. Here is how its numbers compared with what "
        "real applicants reported, so you can judge how much to trust them. Every applicant "
        "below was scored as a student of that kind would be, on random programs of the "
        "specialty, and the prediction was compared with the interviews and the match they "
        "reported. A baseline fitted on the same file shows whether the model adds anything. "
        "The ranges shown with P(match) (for example “likely 74–91%”) come from how far these "
        "predictions strayed.</p>"
        f"<p>{escape(evidence_sentence())}</p>")
    if shipped is None:
        return intro + "<p>No validation report is shipped with this version.</p>"
    src = shipped["source"]
    head = (f"<h3>{escape(src['title'])}</h3><p>{escape(src['publisher'])}, "
            f"{src['year']}. {escape(src['note'])}</p>")
    return intro + head + _pre(report_lines(shipped["report"]))


def _pre(lines: list[str]) -> str:
    return ('<pre style="white-space: pre-wrap">' + escape("\n".join(lines)) + "</pre>")


class ModelQualityDialog(QDialog):
    """The validation report, and a button to check the model on another outcomes file."""

    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("How good are these numbers?")
        resize_to_fit(self, 720, 620)
        layout = QVBoxLayout(self)
        self.text = QTextBrowser()
        self.text.setOpenLinks(False)
        self.text.setHtml(shipped_html())
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.check_button = QPushButton("Check against an outcomes file…")
        self.check_button.setToolTip("A CSV of your school's applicants' self-reported outcomes "
                                     "(format in the user guide).")
        buttons.addButton(self.check_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.check_button.clicked.connect(self._on_check_clicked)
        layout.addWidget(buttons)
        self.last_report: dict[str, Any] | None = None

    def _on_check_clicked(self) -> None:
        path = self.ctx.dialogs.open_file(self, "Outcomes file", "CSV files (*.csv)")
        if path is not None:
            self.check_file(Path(path))

    def check_file(self, path: Path) -> dict[str, Any] | None:
        """Validate against ``path`` with a cancellable progress dialog; show the report."""
        from smartpick_desktop.core.model.outcomes import read_outcomes
        from smartpick_desktop.core.model.validation import report_lines, validate_file

        try:
            rows = len(read_outcomes(path))
        except SmartPickError as err:
            self.ctx.dialogs.error(self, "Outcomes file not read", str(err))
            return None
        progress = QProgressDialog("Scoring each applicant…", "Cancel", 0, rows, self)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)

        def step(done: float, total: float) -> None:
            progress.setValue(int(done))
            QApplication.processEvents()

        try:
            report = validate_file(self.ctx.store, path, progress=step,
                                   should_cancel=progress.wasCanceled)
        except Cancelled:
            return None
        except SmartPickError as err:
            self.ctx.dialogs.error(self, "Outcomes file not checked", str(err))
            return None
        finally:
            progress.close()
        self.last_report = report
        self.text.setHtml(f"<h3>{escape(path.name)}</h3>" + _pre(report_lines(report))
                          + "<hr>" + shipped_html())
        return report


def install(window: QMainWindow) -> None:
    """Help → How good are these numbers?"""
    action = QAction("How good are these &numbers?", window)
    action.setObjectName("action_model_quality")

    def open_dialog() -> None:
        dialog = ModelQualityDialog(window.ctx, window)
        dialog.exec()

    action.triggered.connect(open_dialog)
    window.menu("Help").addAction(action)
