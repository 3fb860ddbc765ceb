"""Interview season: how invites and rejections moved P(match), and the Rank Order List helper."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from smartpick_desktop.core.model.percent import percent_text
from smartpick_desktop.ui.context import AppContext
from smartpick_desktop.ui.widgets import wrapped_label


class SeasonPanel(QGroupBox):
    """Invites/rejections come from program statuses (Programs tab); shows the update."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("Interview season", parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        self.headline = wrapped_label()
        font = self.headline.font()
        font.setBold(True)
        self.headline.setFont(font)
        self.details = wrapped_label()
        self.hint = wrapped_label(
            "Mark invitations and rejections as statuses in the Tracker (or the Programs tab): "
            "Invited, Interview scheduled, Interviewed, Ranked, Rejected. The estimate updates "
            "at once.", muted=True)
        for w in (self.headline, self.details, self.hint):
            layout.addWidget(w)
        layout.addStretch(1)
        self.outlook: Any = None

    def refresh(self, profile: Any, programs: list[Any], signals: dict[int, str]) -> None:
        from smartpick_desktop.core.model.season import season_outlook

        if profile is None:
            self.headline.setText("No profile yet.")
            self.details.setText("")
            return
        mine = [p for p in programs if p.status not in ("considering", "withdrawn")]
        self.outlook = outlook = season_outlook(profile, mine, signals)
        if not (outlook.invited + outlook.pending + outlook.rejected):
            self.headline.setText("No applications marked yet.")
            self.details.setText("Once you apply (use a list, or mark programs Applied), "
                                 "invitations and rejections you mark update your chances here.")
            return
        post = outlook.posterior
        self.headline.setText(
            f"P(match) now {percent_text(outlook.p_match_now)} "
            f"(start of season {percent_text(outlook.p_match_prior)})")
        typical_before = _typical_chance(0.0)
        typical_after = _typical_chance(post.factor.mean)
        self.details.setText(
            outlook.explanation() + f" For a program where you started with a "
            f"{typical_before * 100:.0f}% chance of an invitation, the estimate is now "
            f"{typical_after * 100:.0f}%.")


def _typical_chance(shift: float) -> float:
    import math

    base = -1.1  # a 25% program
    return 1 / (1 + math.exp(-(base + shift)))


class RankOrderPanel(QGroupBox):
    """Interviewed programs in the student's own order (core.plan.rol), with P(match) by list
    length, a warning when the list is short for its risk, and why true preference order is
    best."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("Rank order list", parent)
        self.ctx = ctx
        self.view: Any = None
        self.curve: list[float] = []
        layout = QVBoxLayout(self)
        layout.addWidget(wrapped_label(
            "Put the programs you interviewed at in the order you truly prefer them: drag "
            "them, or select one and press Up / Down (Alt+U / Alt+O), or order them by your "
            "interview scores. Each line starts with P(match) if your list ended there."))
        row = QHBoxLayout()
        self.list = QListWidget()
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.setAccessibleName("Rank order list")
        self.list.model().rowsMoved.connect(self._on_list_rows_moved)
        row.addWidget(self.list, 1)
        buttons = QVBoxLayout()
        self.up_button = QPushButton("&Up")
        self.down_button = QPushButton("D&own")
        self.by_scores_button = QPushButton("Order by my &scores")
        self.by_scores_button.setToolTip("Your weighted interview scores, best first (then "
                                         "stars and name)")
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        self.by_scores_button.clicked.connect(self._on_by_scores_clicked)
        for b in (self.up_button, self.down_button, self.by_scores_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        row.addLayout(buttons)
        layout.addLayout(row, 1)
        self.summary = wrapped_label()
        layout.addWidget(self.summary)
        self.warning = wrapped_label()
        self.warning.setStyleSheet("color: #9C3D2E; font-weight: bold;")
        self.warning.setAccessibleName("Rank order list warning")
        layout.addWidget(self.warning)
        self.note = wrapped_label(muted=True)
        layout.addWidget(self.note)

    def refresh(self, *_args: Any) -> None:
        from smartpick_desktop.core.plan.rol import rol_view

        with self.ctx.store.session() as session:
            self._show(rol_view(session))

    def _show(self, view: Any) -> None:
        self.view = view
        self.curve = [e.p_match for e in view.entries]
        self.list.blockSignals(True)
        self.list.clear()
        for e in view.entries:
            score = "" if e.score is None else f" · your score {e.score:.1f}"
            item = QListWidgetItem(f"{e.rank}.  {percent_text(e.p_match)}  ·  {e.name}{score}")
            item.setToolTip(f"P(match) if your list ends at {e.name}: "
                            f"{percent_text(e.p_match)}")
            item.setData(Qt.ItemDataRole.UserRole, int(e.program_id))
            self.list.addItem(item)
        self.list.blockSignals(False)
        if view.entries:
            self.summary.setText(f"With all {len(view.entries)} programs ranked: P(match) "
                                 f"{percent_text(view.p_match)}.")
        else:
            self.summary.setText("")
        self.warning.setText(view.warning or "")
        self.warning.setVisible(bool(view.warning))
        cites = (" Sources: " + "; ".join(view.sources) + ".") if view.sources else ""
        self.note.setText(view.note + cites)

    def order(self) -> list[int]:
        return [int(self.list.item(i).data(Qt.ItemDataRole.UserRole))
                for i in range(self.list.count())]

    def _save(self, ids: list[int] | None = None) -> None:
        from smartpick_desktop.core.plan.rol import save_order

        with self.ctx.store.session() as session:
            self._show(save_order(session, ids if ids is not None else self.order()))

    def _move(self, delta: int) -> None:
        row = self.list.currentRow()
        target = row + delta
        if row < 0 or not 0 <= target < self.list.count():
            return
        ids = self.order()
        ids.insert(target, ids.pop(row))
        self._save(ids)
        self.list.setCurrentRow(target)

    def _on_list_rows_moved(self, *args: Any) -> None:
        row = self.list.currentRow()
        self._save()
        self.list.setCurrentRow(row)

    def _on_by_scores_clicked(self) -> None:
        from smartpick_desktop.core.plan.rol import order_by_scores

        with self.ctx.store.session() as session:
            self._show(order_by_scores(session))
