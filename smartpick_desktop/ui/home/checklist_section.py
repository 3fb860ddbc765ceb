"""Home's "Your checklist": the actions added with "Add to my plan" in the articles, ticked off
here (the printed plan lists them too)."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from smartpick_desktop.core import checklist
from smartpick_desktop.ui.context import AppContext
from smartpick_desktop.ui.widgets import Card, clear_layout, wrapped_label


class ChecklistSection(Card):
    """One check box per item, with where it came from and Remove.

    Attributes:
        boxes: item id -> its check box, for tests.
    """

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("Your checklist", parent)
        self.ctx = ctx
        self.boxes: dict[int, QCheckBox] = {}
        self._list = QVBoxLayout()
        self._list.setSpacing(2)
        self.body.addLayout(self._list)
        ctx.plan_changed.connect(self.refresh)
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        clear_layout(self._list)
        self.boxes = {}
        with self.ctx.store.session() as s:
            items = checklist.list_items(s)
        if not items:
            self._list.addWidget(wrapped_label(
                "Nothing yet. In an article, \u201cAdd to my plan\u201d puts a task here (and in "
                "the plan you print).", muted=True))
            return
        for item in items:
            row = QWidget()
            layout = QHBoxLayout(row)
            layout.setContentsMargins(0, 0, 0, 0)
            box = QCheckBox(item.text)
            box.setChecked(item.done)
            box.setToolTip(f"From {item.origin}, added {item.added}")
            box.toggled.connect(lambda on, i=item.id: self._on_toggled(i, on))
            remove = QPushButton("Remove")
            remove.setToolTip("Remove this task from your checklist")
            remove.clicked.connect(lambda _=False, i=item.id: self._on_remove(i))
            layout.addWidget(box, 1)
            layout.addWidget(remove)
            self._list.addWidget(row)
            self.boxes[item.id] = box

    def _on_toggled(self, item_id: int, done: bool) -> None:
        with self.ctx.store.session() as s:
            checklist.set_done(s, item_id, done)
        self.ctx.status_message.emit("Checklist saved.")

    def _on_remove(self, item_id: int) -> None:
        with self.ctx.store.session() as s:
            checklist.remove_item(s, item_id)
        self.refresh()
