"""The main window: menus, toolbar, status bar, the welcome page and the tabs."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSignalBlocker, QSize, Slot
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QToolBar,
    QWidget,
)

from smartpick_desktop.core.profile import demo_profile, save_profile
from smartpick_desktop.ui.actions import action_installers
from smartpick_desktop.ui.appearance import Appearance
from smartpick_desktop.ui.context import AppContext
from smartpick_desktop.ui.focus_ring import FocusRing
from smartpick_desktop.ui.jobs import shutdown_runners
from smartpick_desktop.ui.tabs import Tab, tab_specs
from smartpick_desktop.ui.welcome import WelcomePage

MENU_TITLES = ("File", "Edit", "View", "Profile", "Programs", "Plan", "Help")
STATUS_TIMEOUT_MS = 6000


class MainWindow(QMainWindow):
    """SmartPick's window. Tabs are built from ``ui.tabs.tab_specs()``.

    Attributes:
        ctx: the application context.
        tabs: the QTabWidget; ``tab(key)`` returns a tab by its key.
        welcome: the first-run page (shown until a profile exists).
        toolbar: the main toolbar (tabs add their actions).
    """

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 defer_tabs: bool = False) -> None:
        """Build the window; with ``defer_tabs`` only the tab shown first is built, and the
        caller calls ``complete()`` once the window has appeared (so it appears sooner); any
        use of another tab completes it at once.
        """
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("SmartPick")
        self.resize(_fitting_size(self, 1280, 820))
        self._menus: dict[str, QMenu] = {}
        for title in MENU_TITLES:
            self._menus[title] = self.menuBar().addMenu(f"&{title}")
            self._menus[title].menuAction().setVisible(False)
        self.toolbar = QToolBar("Main toolbar")
        self.toolbar.setObjectName("main_toolbar")
        self.addToolBar(self.toolbar)

        self.appearance = Appearance(ctx.settings, self)
        self.appearance.apply_theme()
        self.appearance.apply_zoom()
        self.focus_ring = FocusRing(self)  # a clearly visible keyboard focus, in any widget
        self.stack = QStackedWidget()
        self.welcome = WelcomePage()
        self.welcome.create_requested.connect(self._on_welcome_create)
        self.welcome.demo_requested.connect(self._on_welcome_demo)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self._specs = tab_specs()
        self._keys: list[str] = [spec.key for spec in self._specs]
        for spec in self._specs:
            self.tabs.addTab(_Unbuilt(), spec.title)
        self._complete = False
        self._guide = None
        self._constructing = True
        self.stack.addWidget(self.welcome)
        self.stack.addWidget(self.tabs)
        self.setCentralWidget(self.stack)
        self._build_menus()

        self.demo_label = QLabel()
        self.statusBar().addPermanentWidget(self.demo_label)
        ctx.status_message.connect(self._on_ctx_status_message)
        ctx.navigate_requested.connect(self._on_ctx_navigate_requested)
        ctx.profile_changed.connect(self._on_ctx_profile_changed)
        self._restore_state()
        self._on_ctx_profile_changed()
        if self.stack.currentWidget() is self.tabs:  # (the welcome page needs no tab yet)
            self._build_tab(self.tabs.currentIndex())
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        self._constructing = False
        if not defer_tabs:
            self.complete()

    def complete(self) -> None:
        """Build every tab not built yet, then install all menu and toolbar actions."""
        if self._complete:
            return
        self._complete = True
        for index in range(self.tabs.count()):
            self._build_tab(index)
        for tab in self._built_tabs():
            tab.install_actions(self)
        for install_actions in action_installers():
            install_actions(self)
        self._build_help_menu()
        for menu in self._menus.values():
            menu.menuAction().setVisible(not menu.isEmpty())

    def _build_tab(self, index: int) -> None:
        if not isinstance(self.tabs.widget(index), _Unbuilt):
            return
        spec = self._specs[index]
        widget = spec.factory(self.ctx)
        widget.setObjectName(f"tab_{spec.key}")
        current = self.tabs.currentIndex()
        blocker = QSignalBlocker(self.tabs)
        placeholder = self.tabs.widget(index)
        self.tabs.removeTab(index)
        self.tabs.insertTab(index, widget, spec.title)
        self.tabs.setCurrentIndex(current)
        del blocker
        placeholder.deleteLater()
        if not isinstance(widget, Tab):
            raise TypeError(f"The {spec.key!r} tab does not satisfy the Tab protocol.")
        for view in widget.findChildren(QTableView):  # Tab moves on; arrows move inside
            view.setTabKeyNavigation(False)
        widget.restore_state(self.ctx.settings)

    # --- public --------------------------------------------------------------------------------

    def menu(self, title: str) -> QMenu:
        """Return one of the menus named in MENU_TITLES."""
        return self._menus[title]

    def tab(self, key: str) -> Tab:
        self.complete()
        return self.tabs.widget(self._keys.index(key))

    def _built_tabs(self) -> list[Tab]:
        return [self.tabs.widget(i) for i in range(self.tabs.count())
                if not isinstance(self.tabs.widget(i), _Unbuilt)]

    def tab_keys(self) -> list[str]:
        return list(self._keys)

    def show_tab(self, key: str) -> None:
        self.complete()
        self.stack.setCurrentWidget(self.tabs)
        self.tabs.setCurrentIndex(self._keys.index(key))

    # --- building ------------------------------------------------------------------------------

    def _build_menus(self) -> None:
        file_menu = self.menu("File")
        quit_action = QAction("&Quit", self, shortcut=QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        self._quit_action = quit_action

        from smartpick_desktop.ui.settings_dialog import page_factories

        if page_factories():
            settings = QAction("&Settings…", self, shortcut=QKeySequence("Ctrl+,"))
            settings.triggered.connect(self._open_settings)
            self.menu("Edit").addAction(settings)

        view = self.menu("View")
        for index, spec in enumerate(self._specs):
            key = spec.key
            action = QAction(spec.title, self,
                             shortcut=QKeySequence(f"Ctrl+{index + 1}"))
            action.triggered.connect(lambda _=False, k=key: self.show_tab(k))
            view.addAction(action)
            self.addAction(action)
        self.appearance.install(self)

    def _build_help_menu(self) -> None:
        help_menu = self.menu("Help")
        guide = QAction("&User guide", self, shortcut=QKeySequence.StandardKey.HelpContents)
        guide.setObjectName("action_user_guide")
        guide.setToolTip("Opens the guide at the page of the tab in front (F1)")
        guide.triggered.connect(self.open_guide)
        self.addAction(guide)
        help_menu.insertAction(help_menu.actions()[0] if help_menu.actions() else None, guide)
        help_menu.addSeparator()
        about = QAction("&About SmartPick", self)
        about.triggered.connect(self._open_about)
        help_menu.addAction(about)
        # Quit stays last in File whatever the tabs added.
        file_menu = self.menu("File")
        file_menu.removeAction(self._quit_action)
        if not file_menu.isEmpty():
            file_menu.addSeparator()
        file_menu.addAction(self._quit_action)

    # --- state ---------------------------------------------------------------------------------

    def _restore_state(self) -> None:
        settings = self.ctx.settings
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        state = settings.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        last = settings.value("window/tab", "home")
        if last in self._keys:
            self.tabs.setCurrentIndex(self._keys.index(last))

    def save_state(self) -> None:
        settings = self.ctx.settings
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())
        settings.setValue("window/tab", self._keys[self.tabs.currentIndex()])
        for tab in self._built_tabs():
            tab.save_state(settings)
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.save_state()
        shutdown_runners(self)  # cancel background jobs and wait for them (ui/jobs.py)
        super().closeEvent(event)

    # --- slots ---------------------------------------------------------------------------------

    @Slot(int)
    def _on_tabs_current_changed(self, index: int) -> None:
        if isinstance(self.tabs.widget(index), _Unbuilt):
            self.complete()

    @Slot()
    def _on_ctx_profile_changed(self) -> None:
        profile = self.ctx.profile()
        if profile is None:
            self.stack.setCurrentWidget(self.welcome)
            self.demo_label.setText("")
            self.setWindowTitle("SmartPick")
            return
        self.stack.setCurrentWidget(self.tabs)
        if not self._constructing and isinstance(self.tabs.currentWidget(), _Unbuilt):
            self.complete()
        demo = bool(profile.extra.get("demo"))
        self.demo_label.setText("Demo profile" if demo else "")
        self.setWindowTitle(f"SmartPick — {profile.specialty}")

    @Slot()
    def _on_welcome_create(self) -> None:
        self.tab("profile").edit_profile()

    @Slot()
    def _on_welcome_demo(self) -> None:
        with self.ctx.store.session() as session:
            save_profile(session, demo_profile())
        self.ctx.profile_changed.emit()
        self.show_tab("home")
        self.ctx.status_message.emit("Exploring with the demo profile (a made-up student).")

    @Slot(str, object)
    def _on_ctx_navigate_requested(self, key: str, payload: object) -> None:
        if key not in self._keys:
            return
        self.show_tab(key)
        if payload is not None:
            self.tab(key).show_payload(payload)

    @Slot(str)
    def _on_ctx_status_message(self, text: str) -> None:
        self.statusBar().showMessage(text, STATUS_TIMEOUT_MS)

    def open_guide(self) -> None:
        """Open the user guide at the page of the tab in front (the start page on Welcome)."""
        from smartpick_desktop.ui.guide import GuideDialog

        page = "index"
        if self.stack.currentWidget() is self.tabs:
            current = self.tabs.currentWidget()
            if isinstance(current, Tab):
                page = current.help_page
        if self._guide is None:
            self._guide = GuideDialog(self)
        self._guide.show_page(page)
        self._guide.show()
        if QGuiApplication.platformName() != "offscreen":  # (offscreen cannot raise windows)
            self._guide.raise_()

    def _open_about(self) -> None:
        from smartpick_desktop.ui.about import AboutDialog

        AboutDialog(self).open()

    def _open_settings(self) -> None:
        from smartpick_desktop.ui.settings_dialog import SettingsDialog

        SettingsDialog(self.ctx, self).open()



class _Unbuilt(QWidget):
    """Stands in for a tab until it is built (see ``MainWindow.complete``)."""


def _fitting_size(widget: QWidget, width: int, height: int) -> QSize:
    """The first-start size: ``width`` × ``height``, smaller on a small screen."""
    screen = widget.screen()
    if screen is None:
        return QSize(width, height)
    room = screen.availableGeometry()
    return QSize(min(width, room.width()), min(height, room.height()))
