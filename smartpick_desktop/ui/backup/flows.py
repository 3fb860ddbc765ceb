"""Back up and restore from the GUI: the same core functions as the CLI, off the GUI thread."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from smartpick_desktop.core import portable
from smartpick_desktop.ui.context import AppContext
from smartpick_desktop.ui.jobs import Job, JobRunner

BACKUP_FILTER = "SmartPick backup (*.zip)"
RESTORE_FILTER = "SmartPick backups (*.zip *.db);;All files (*)"


class _Flow(QObject):
    """One back-up or restore run with a busy dialog. ``finished(ok)`` when it is over."""

    finished = Signal(bool)

    def __init__(self, ctx: AppContext, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.parent_widget = parent
        self.jobs = JobRunner(self)
        self.job: Job | None = None
        self.progress: QProgressDialog | None = None
        self._cancelled = False

    def _busy(self, text: str, *, cancellable: bool) -> None:
        if self.progress is None:
            self.progress = QProgressDialog(self.parent_widget)
            self.progress.setWindowTitle("SmartPick")
            self.progress.setWindowModality(Qt.WindowModality.WindowModal)
            self.progress.setRange(0, 0)
            self.progress.setMinimumDuration(300)
            self.progress.canceled.connect(self._on_progress_canceled)
        self.progress.setLabelText(text)
        self.progress.setCancelButtonText("Cancel" if cancellable else "")
        if not cancellable:
            self.progress.setCancelButton(None)

    def _run(self, fn, on_done, name: str) -> None:
        """Run ``fn()`` (its own store connections) as a job; ``on_done(result)`` after."""
        self.job = self.jobs.start(lambda _job: fn(), name=name, finished=on_done,
                                   failed=self._on_job_failed)

    @Slot()
    def _on_progress_canceled(self) -> None:
        self._cancelled = True
        if self.job is not None:
            self.job.cancel()  # its result is dropped; the check it runs writes nothing
        self._end(False)

    def _on_job_failed(self, message: str) -> None:
        self._close_progress()
        self.ctx.dialogs.error(self.parent_widget, "SmartPick", message)
        self._end(False)

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.canceled.disconnect(self._on_progress_canceled)
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def _end(self, ok: bool) -> None:
        self._close_progress()
        self.finished.emit(ok)


class BackupFlow(_Flow):
    """File → Back up…: write one portable file."""

    def run(self, target: Path | None = None) -> None:
        if target is None:
            suggested = f"SmartPick backup {dt.date.today().isoformat()}.zip"
            target = self.ctx.dialogs.save_file(self.parent_widget, "Back up everything",
                                                suggested, BACKUP_FILTER)
        if target is None:
            self._end(False)
            return
        self._busy(f"Backing up to {target.name}…", cancellable=False)
        store = self.ctx.store
        self._run(lambda: portable.write_backup(store, target), self._on_backup_done,
                  "The backup")

    @Slot(object)
    def _on_backup_done(self, summary: portable.BackupSummary) -> None:
        self._close_progress()
        self.ctx.status_message.emit(f"Backed up everything to {summary.path}.")
        self.ctx.dialogs.info(self.parent_widget, "Backup made",
                              "Everything (your profile, programs, plan, contacts, notes "
                              f"and window settings) is in {summary.path}.\nRestore it with File → Restore… on any "
                              "computer with SmartPick.")
        self._end(True)


class RestoreFlow(_Flow):
    """File → Restore… and Settings → Backups: check the file, ask, back up, replace."""

    def run(self, source: Path | None = None, *, ask_always: bool = False) -> None:
        if source is None:
            source = self.ctx.dialogs.open_file(self.parent_widget, "Restore a backup",
                                                RESTORE_FILTER)
        if source is None:
            self._end(False)
            return
        self.source = source
        self.ask_always = ask_always
        self._busy(f"Checking {source.name}…", cancellable=True)
        store = self.ctx.store

        def check():  # every row is checked before the user is even asked
            snapshot = portable.read_backup(source, store.data_dir)
            staged = portable.stage_backup(source, snapshot, store.data_dir)
            return snapshot, staged, portable.has_user_data(store)

        self._run(check, self._on_checked, f"Checking {source.name}")

    @Slot(object)
    def _on_checked(self, result) -> None:
        if self._cancelled:
            return
        snapshot, staged, own_data = result
        if own_data or self.ask_always:
            self._close_progress()
            made = snapshot.meta.get("created") or "an earlier date"
            text = (f"Replace everything in SmartPick with the backup {self.source.name} "
                    f"(made {made})?\n\n")
            text += ("Your current data is saved first as an automatic backup "
                     "(Settings → Backups), so you can go back." if own_data else
                     "SmartPick holds nothing of yours yet, so nothing is lost.")
            if not self.ctx.dialogs.confirm(self.parent_widget, "Restore a backup", text):
                self._end(False)
                return
        self._busy(f"Restoring {self.source.name}…", cancellable=False)
        store, source = self.ctx.store, self.source
        self._run(lambda: portable.restore(store, source, force=True, snapshot=snapshot,
                                           staged=staged), self._on_restored, "The restore")

    @Slot(object)
    def _on_restored(self, result: portable.RestoreResult) -> None:
        self._close_progress()
        ctx = self.ctx
        ctx.settings.sync()
        for signal in (ctx.profile_changed, ctx.programs_changed, ctx.plan_changed,
                       ctx.mentors_changed, ctx.articles_changed):
            signal.emit()
        kept = (f"\nYour previous data was saved as {result.previous_backup.name}."
                if result.previous_backup else "")
        ctx.status_message.emit(f"Restored {result.source.name}.")
        ctx.dialogs.info(self.parent_widget, "Backup restored",
                         f"Restored your data from {result.source.name}.{kept}")
        self._end(True)
