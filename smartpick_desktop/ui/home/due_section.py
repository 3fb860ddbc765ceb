"""Home card "Due this week": program deadlines, supplemental items and interviews in the next
seven days (and deadlines already missed), each one click from the Plan tab's tracker."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from smartpick_desktop.ui.context import AppContext
from smartpick_desktop.ui.widgets import Card, clear_layout, wrapped_label

MAX_ROWS = 8


class DueThisWeekSection(Card):
    """One row per item; ``rows`` holds the (label, button) pairs shown, for tests."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("Due this week", parent)
        self.ctx = ctx
        self.rows: list[tuple[QLabel, QPushButton]] = []
        self._list = QVBoxLayout()
        self._list.setSpacing(4)
        self.body.addLayout(self._list)
        ctx.plan_changed.connect(self.refresh)
        ctx.programs_changed.connect(self.refresh)
        self.refresh()

    def texts(self) -> list[str]:
        return [label.text() for label, _ in self.rows]

    def _clear(self) -> None:
        clear_layout(self._list)
        self.rows = []

    def _add(self, text: str, button_text: str, page: str, color: str | None = None) -> None:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        label = wrapped_label(text)
        if color:
            label.setStyleSheet(f"background: {color}; color: #282828; padding: 2px 6px; "
                                "border-radius: 4px;")
        button = QPushButton(button_text)
        button.clicked.connect(lambda _=False: self.ctx.navigate("plan", page))
        layout.addWidget(label, 1)
        layout.addWidget(button)
        self._list.addWidget(row)
        self.rows.append((label, button))

    @Slot()
    def refresh(self) -> None:
        from smartpick_desktop.core.plan.tracker import due_this_week
        from smartpick_desktop.ui.mentors import models

        self._clear()
        today = models.today()
        with self.ctx.store.session() as session:
            items = due_this_week(session, today)
        for item in items[:MAX_ROWS]:
            interview = item.kind == "interview"
            self._add(item.describe(today), "Open interviews" if interview else "Open tracker",
                      "interviews" if interview else "tracker",
                      "#ffdede" if item.overdue else "#fff3cd" if item.date == today else None)
        if len(items) > MAX_ROWS:
            self._add(f"… and {len(items) - MAX_ROWS} more.", "Open tracker", "tracker")
        if not items:
            self._add("Nothing due in the next seven days. Add each program's deadlines and "
                      "supplemental items in the Plan tab's tracker.", "Open tracker",
                      "tracker")
