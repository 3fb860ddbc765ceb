"""Settings → Backups: the automatic backups, "Restore this backup", "Back up now"."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from smartpick_desktop.core.errors import SmartPickError
from smartpick_desktop.core.store import backup
from smartpick_desktop.ui.backup.flows import RestoreFlow
from smartpick_desktop.ui.context import AppContext
from smartpick_desktop.ui.fixes import with_fix
from smartpick_desktop.ui.widgets import wrapped_label


def _size(n: int) -> str:
    return f"{n / 1024:.0f} KB" if n < 1024**2 else f"{n / 1024**2:.1f} MB"


class BackupsPage(QWidget):
    """Lists ``backups/`` newest first; restoring asks first and backs up the current data."""

    title = "Backups"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.flow: RestoreFlow | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(wrapped_label(
            f"SmartPick copies your data to {backup.backups_dir(ctx.data_dir)} once a day when it "
            f"starts, before every update of the data format and before a restore, and keeps "
            f"the newest {backup.BACKUPS_KEPT}. To move to another computer, use File → Back up…",
            muted=True))
        self.tree = QTreeWidget()
        self.tree.setObjectName("backups_list")
        self.tree.setHeaderLabels(["Made", "Why", "Size"])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.tree.itemSelectionChanged.connect(self._on_tree_selection_changed)
        self.tree.itemDoubleClicked.connect(self._on_tree_item_double_clicked)
        layout.addWidget(self.tree, 1)
        self.empty_label = wrapped_label("No automatic backups yet: the first one is made the "
                                         "next time SmartPick starts.", muted=True)
        layout.addWidget(self.empty_label)
        buttons = QHBoxLayout()
        self.backup_now_button = QPushButton("Back up now")
        self.backup_now_button.clicked.connect(self._on_backup_now_clicked)
        self.restore_button = QPushButton("Restore this backup…")
        self.restore_button.setObjectName("restore_backup_button")
        self.restore_button.clicked.connect(self._on_restore_clicked)
        buttons.addWidget(self.backup_now_button)
        buttons.addStretch(1)
        buttons.addWidget(self.restore_button)
        layout.addLayout(buttons)
        self.refresh()

    def apply(self) -> None:
        """Nothing to save: actions on this page take effect at once."""

    def refresh(self) -> None:
        self.tree.clear()
        for info in backup.list_backups(self.ctx.data_dir):
            item = QTreeWidgetItem([info.created.strftime("%Y-%m-%d %H:%M:%S"), info.label,
                                    _size(info.size)])
            item.setData(0, Qt.ItemDataRole.UserRole, str(info.path))
            item.setToolTip(0, str(info.path))
            self.tree.addTopLevelItem(item)
        for column in (0, 2):
            self.tree.resizeColumnToContents(column)
        has_any = self.tree.topLevelItemCount() > 0
        self.empty_label.setVisible(not has_any)
        if has_any:
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        self._on_tree_selection_changed()

    def selected_path(self):
        from pathlib import Path

        item = self.tree.currentItem()
        return Path(item.data(0, Qt.ItemDataRole.UserRole)) if item else None

    @Slot()
    def _on_tree_selection_changed(self) -> None:
        self.restore_button.setEnabled(self.selected_path() is not None and self.flow is None)

    @Slot(QTreeWidgetItem, int)
    def _on_tree_item_double_clicked(self, _item: QTreeWidgetItem, _column: int) -> None:
        self._on_restore_clicked()

    @Slot()
    def _on_backup_now_clicked(self) -> None:
        try:
            made = backup.make_backup(self.ctx.store, "manual")
        except SmartPickError as err:
            self.ctx.dialogs.error(self, "Backup failed", with_fix(err))
            return
        self.ctx.status_message.emit(f"Backed up to {made.name}.")
        self.refresh()

    @Slot()
    def _on_restore_clicked(self) -> None:
        path = self.selected_path()
        if path is None or self.flow is not None:
            return
        self.flow = RestoreFlow(self.ctx, self)
        self.flow.finished.connect(self._on_flow_finished)
        self.restore_button.setEnabled(False)
        self.flow.run(path, ask_always=True)

    @Slot(bool)
    def _on_flow_finished(self, _ok: bool) -> None:
        self.flow = None
        self.refresh()
