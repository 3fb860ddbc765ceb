"""Help → User guide: the offline guide for students (``resources/guide/*.md``); F1 opens the
page of the tab in front."""

from __future__ import annotations

from PySide6.QtCore import QUrl, Slot
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QTextBrowser,
    QWidget,
)

from smartpick_desktop.core.resources import resource_path
from smartpick_desktop.ui.widgets import resize_to_fit

PAGES = {"index": "Start here", "home": "Home", "programs": "Programs", "plan": "Plan",
         "articles": "Articles", "mentors": "Mentors", "profile": "Profile"}


def page_text(name: str) -> str:
    """The Markdown of a guide page (the start page for an unknown name)."""
    path = resource_path("guide", f"{name if name in PAGES else 'index'}.md")
    return path.read_text(encoding="utf-8")


class GuideDialog(QDialog):
    """The guide: page list on the left, the page on the right; links move between pages."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("SmartPick user guide")
        resize_to_fit(self, 860, 620)
        layout = QHBoxLayout(self)
        self.pages = QListWidget()
        self.pages.setObjectName("guide_pages")
        for key, title in PAGES.items():
            item = QListWidgetItem(title)
            item.setData(256, key)
            self.pages.addItem(item)
        self.pages.setMaximumWidth(180)
        self.pages.currentRowChanged.connect(self._on_pages_row_changed)
        self.browser = QTextBrowser()
        self.browser.setObjectName("guide_text")
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._on_browser_anchor_clicked)
        layout.addWidget(self.pages)
        layout.addWidget(self.browser, 1)
        self.current = ""
        self.show_page("index")

    def show_page(self, name: str) -> None:
        name = name if name in PAGES else "index"
        self.current = name
        self.browser.setMarkdown(page_text(name))
        row = list(PAGES).index(name)
        if self.pages.currentRow() != row:
            self.pages.setCurrentRow(row)

    @Slot(int)
    def _on_pages_row_changed(self, row: int) -> None:
        if 0 <= row < len(PAGES):
            self.show_page(list(PAGES)[row])

    @Slot(QUrl)
    def _on_browser_anchor_clicked(self, url: QUrl) -> None:
        target = url.toString()
        if target.endswith(".md") and "/" not in target and ":" not in target:
            self.show_page(target[:-3])
