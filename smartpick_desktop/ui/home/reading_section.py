"""Home card "Reading suggestions": three articles for the profile and the season, each one
click from the reader. Reads the shipped front matter only (cheap at start-up)."""

from __future__ import annotations

import logging

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from smartpick_desktop.core.articles.bundle import bundled_headers
from smartpick_desktop.core.articles.suggest import reading_suggestions
from smartpick_desktop.core.errors import InputError
from smartpick_desktop.ui.context import AppContext
from smartpick_desktop.ui.widgets import Card, clear_layout, wrapped_label

log = logging.getLogger(__name__)


class ReadingSection(Card):
    """Title, summary and a Read button per suggested article.

    Attributes:
        buttons: the Read buttons shown, in order (for tests).
    """

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("Reading suggestions", parent)
        self.ctx = ctx
        self.buttons: list[QPushButton] = []
        self.slugs: list[str] = []
        self._rows = QVBoxLayout()
        self._rows.setSpacing(8)
        self.body.addLayout(self._rows)
        try:
            self._headers = bundled_headers()
        except InputError as err:
            log.error("Reading suggestions unavailable: %s", err)
            self._headers = []
        ctx.profile_changed.connect(self.refresh)
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        clear_layout(self._rows)
        self.buttons, self.slugs = [], []
        profile = self.ctx.profile()
        chosen = reading_suggestions(self._headers,
                                     applicant_type=profile.applicant_type if profile else None,
                                     graduated=bool(profile and profile.has_graduated()))
        if not chosen:
            self._rows.addWidget(wrapped_label("No articles are available.", muted=True))
            return
        for header in chosen:
            row = QWidget()
            layout = QHBoxLayout(row)
            layout.setContentsMargins(0, 0, 0, 0)
            text = QVBoxLayout()
            title = QLabel(header.title)
            font = title.font()
            font.setBold(True)
            title.setFont(font)
            text.addWidget(title)
            text.addWidget(wrapped_label(f"{header.summary} ({header.reading_time} min)",
                                         muted=True))
            layout.addLayout(text, 1)
            button = QPushButton("Read")
            button.setToolTip(f"Open \u201c{header.title}\u201d in the reader")
            button.clicked.connect(lambda _=False, s=header.slug: self._on_read_clicked(s))
            layout.addWidget(button)
            self._rows.addWidget(row)
            self.buttons.append(button)
            self.slugs.append(header.slug)

    def _on_read_clicked(self, slug: str) -> None:
        self.ctx.navigate("articles", {"slug": slug})
