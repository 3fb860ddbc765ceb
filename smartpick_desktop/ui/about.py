"""Help → About: version, what SmartPick is, and the data sources it ships."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from smartpick_desktop import __version__
from smartpick_desktop.ui.widgets import resize_to_fit


def about_html() -> str:
    from smartpick_desktop.core.reference import load_reference

    sources = sorted(load_reference().all_sources(), key=lambda s: (s.publisher, s.title))
    items = "".join(f"<li>{escape(s.label())}</li>" for s in sources)
    return (
        f"<h2>SmartPick Desktop {escape(__version__)}</h2>"
        "<p>An offline residency application planner. Every estimate is explained and every "
        "figure carries its source and year. SmartPick opens no network connection.</p>"
        f"<h3>Data sources</h3><ul>{items}</ul>"
        "<p>Demo programs are fictional and labeled “Demo” wherever they appear.</p>"
    )


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About SmartPick")
        resize_to_fit(self, 560, 520)
        layout = QVBoxLayout(self)
        self.text = QTextBrowser()
        self.text.setOpenLinks(False)
        self.text.setHtml(about_html())
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
