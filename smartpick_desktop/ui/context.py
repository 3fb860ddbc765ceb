"""The application context shared by every tab: store, change signals, dialogs, navigation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSettings, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from smartpick_desktop.core.profile import Profile, load_profile
from smartpick_desktop.core.store import Store


class DialogService:
    """Modal dialogs behind one object, so tests replace them instead of blocking on exec()."""

    def open_file(self, parent: QWidget | None, title: str, filters: str) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(parent, title, "", filters)
        return Path(name) if name else None

    def save_file(self, parent: QWidget | None, title: str, suggested: str,
                  filters: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(parent, title, suggested, filters)
        return Path(name) if name else None

    def confirm(self, parent: QWidget | None, title: str, text: str) -> bool:
        answer = QMessageBox.question(parent, title, text)
        return answer == QMessageBox.StandardButton.Yes

    def info(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.information(parent, title, text)

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.warning(parent, title, text)

    def open_url(self, url: str) -> bool:
        """Hand a local file or ``mailto:`` URL to the desktop; never a network address."""
        qurl = QUrl(url)
        if qurl.scheme() not in ("file", "mailto"):
            return False
        return QDesktopServices.openUrl(qurl)


class AppContext(QObject):
    """Everything a tab needs, passed to each tab's constructor.

    Attributes:
        store: the open data store.
        settings: window/UI preferences (an INI file in the data folder).
        dialogs: the modal-dialog service (tests replace it).

    Signals:
        profile_changed: the saved profile changed.
        programs_changed: the catalog or a program's user fields changed.
        plan_changed: the current plan changed.
        mentors_changed: contacts, interactions or letters changed.
        articles_changed: the article library, bookmarks or highlights changed.
        navigate_requested: (screen, payload) — show a tab ("home", "programs", "plan",
            "articles", "mentors", "profile") and hand it the payload.
        status_message: a short message for the status bar.
    """

    profile_changed = Signal()
    programs_changed = Signal()
    plan_changed = Signal()
    mentors_changed = Signal()
    articles_changed = Signal()
    navigate_requested = Signal(str, object)
    status_message = Signal(str)

    def __init__(self, store: Store, *, dialogs: DialogService | None = None) -> None:
        super().__init__()
        self.store = store
        self.settings = QSettings(str(store.data_dir / "ui-settings.ini"),
                                  QSettings.Format.IniFormat)
        self.dialogs = dialogs or DialogService()
        self._profile: Profile | None = None
        self._profile_loaded = False
        self.profile_changed.connect(self._on_self_profile_changed)

    @property
    def data_dir(self) -> Path:
        return self.store.data_dir

    def profile(self) -> Profile | None:
        """Return the saved profile (read once, again after ``profile_changed``).

        The profile is shared: treat it as read-only and call ``copy()`` before changing it.
        """
        if not self._profile_loaded:
            with self.store.session() as session:
                self._profile = load_profile(session)
            self._profile_loaded = True
        return self._profile

    def _on_self_profile_changed(self) -> None:
        self._profile_loaded = False

    def navigate(self, screen: str, payload: Any = None) -> None:
        self.navigate_requested.emit(screen, payload)
