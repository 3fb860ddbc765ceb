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

ROL_STATUSES = ("interviewed", "ranked")


class SeasonPanel(QGroupBox):
    """Invites/rejections come from program statuses (Programs tab); shows the update."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("Interview season", parent)
        self._ctx = ctx
        layout = QVBoxLayout(self)
        self.headline = wrapped_label()
        font = self.headline.font()
        font.setBold(True)
        self.headline.setFont(font)
        self.details = wrapped_label()
        self.hint = wrapped_label(
            "Mark invitations and rejections as program statuses in the Programs tab "
            "(Invited, Interviewed, Ranked, Rejected); the estimate updates at once.", muted=True)
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
    """Interviewed programs in the student's own order, with P(match) by list length."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("Rank Order List helper", parent)
        self._ctx = ctx
        self._profile: Any = None
        self._programs: dict[int, Any] = {}
        self._posterior: Any = None
        layout = QVBoxLayout(self)
        layout.addWidget(wrapped_label(
            "Put the programs you interviewed at in the order you truly prefer them — drag "
            "them, or use Up and Down. Each line shows P(match) if your list ended there."))
        row = QHBoxLayout()
        self.list = QListWidget()
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.setAccessibleName("Rank order list")
        self.list.model().rowsMoved.connect(self._on_list_rows_moved)
        row.addWidget(self.list, 1)
        buttons = QVBoxLayout()
        self.up_button = QPushButton("Up")
        self.down_button = QPushButton("Down")
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        buttons.addWidget(self.up_button)
        buttons.addWidget(self.down_button)
        buttons.addStretch(1)
        row.addLayout(buttons)
        layout.addLayout(row, 1)
        self.summary = wrapped_label()
        layout.addWidget(self.summary)
        self.note = wrapped_label(muted=True)
        layout.addWidget(self.note)
        self._set_note()

    def _set_note(self) -> None:
        from smartpick_desktop.core.reference import load_reference

        ref = load_reference()
        alg = ref.notes.get("applications.match_algorithm")
        rp = ref.sources.get("roth_peranson_1997")
        text = ("Why true preference order is best: the Match runs applicant-proposing deferred "
                "acceptance, so you are placed at the highest program on your list that also "
                "ranks you high enough. Moving a program up can never cost you a program you "
                "prefer, and ranking a program lower never improves your chance there. "
                "Adding programs only adds chances (the numbers above never fall).")
        cites = [x for x in ((alg.cite() if alg else None), (rp.label() if rp else None)) if x]
        if cites:
            text += " Sources: " + "; ".join(cites) + "."
        self.note.setText(text)

    def refresh(self, profile: Any, programs: list[Any], posterior: Any) -> None:
        from smartpick_desktop.core.model.plan_store import rank_order

        self._profile, self._posterior = profile, posterior
        interviewed = [p for p in programs if p.status in ROL_STATUSES]
        self._programs = {p.program_id: p for p in interviewed}
        with self._ctx.store.session() as session:
            saved = [i for i in rank_order(session) if i in self._programs]
        rest = sorted((p for p in interviewed if p.program_id not in saved),
                      key=lambda p: (-(p.stars or 0), p.name))
        order = saved + [p.program_id for p in rest]
        self.list.blockSignals(True)
        self.list.clear()
        for pid in order:
            item = QListWidgetItem(self._programs[pid].display_name)
            item.setData(Qt.ItemDataRole.UserRole, int(pid))
            self.list.addItem(item)
        self.list.blockSignals(False)
        self._relabel()

    def order(self) -> list[int]:
        return [int(self.list.item(i).data(Qt.ItemDataRole.UserRole))
                for i in range(self.list.count())]

    def _relabel(self) -> None:
        from smartpick_desktop.core.model.season import rol_curve

        ids = self.order()
        if not ids or self._profile is None:
            self.summary.setText("No interviews marked yet: programs you mark Interviewed or "
                                 "Ranked in the Programs tab appear here.")
            return
        curve = rol_curve(self._profile, [self._programs[i] for i in ids], self._posterior)
        for i, pid in enumerate(ids):
            item = self.list.item(i)
            item.setText(f"{i + 1}. {self._programs[pid].display_name} — P(match) if your list "
                         f"ends here: {percent_text(curve[i])}")
        self.summary.setText(f"With all {len(ids)} programs ranked: P(match) "
                             f"{percent_text(curve[-1])}.")
        self.curve = curve

    def _save(self) -> None:
        from smartpick_desktop.core.model.plan_store import save_rank_order

        with self._ctx.store.session() as session:
            save_rank_order(session, self.order())
        self._relabel()

    def _move(self, delta: int) -> None:
        row = self.list.currentRow()
        target = row + delta
        if row < 0 or not 0 <= target < self.list.count():
            return
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self.list.setCurrentRow(target)
        self._save()

    def _on_list_rows_moved(self, *args: Any) -> None:
        self._save()
