"""The Articles tab: the library (search-as-you-type, tag filter), the reader, and a side panel
with the table of contents, highlights with notes, and bookmarks.

The library syncs the bundled articles the first time the tab is shown, not at start-up.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QSettings, Qt, QTimer, QUrl, Slot
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMainWindow,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from smartpick_desktop.core.articles import annotations, library, search
from smartpick_desktop.ui.articles import theme
from smartpick_desktop.ui.articles.annotations_panel import AnnotationsPanel
from smartpick_desktop.ui.articles.importer import ArticleImporter
from smartpick_desktop.ui.articles.library_model import ArticleDelegate, ArticleListModel
from smartpick_desktop.ui.articles.links import LinkHandler
from smartpick_desktop.ui.articles.reader import DEFAULT_PT, ReaderView
from smartpick_desktop.ui.context import AppContext
from smartpick_desktop.ui.jobs import Job
from smartpick_desktop.ui.tabs import TabDefaults

log = logging.getLogger(__name__)
ALL_TOPICS = "All topics"
SEARCH_DELAY_MS = 150
PROGRESS_DELAY_MS = 800
class ArticlesTab(TabDefaults, QWidget):
    """Library list, reader and side panel (see the module docstring)."""

    help_page = "articles"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.current: library.Article | None = None
        self._loaded = False
        self._pending_open: int | None = None
        self._search_words: list[str] = []
        self._build()
        self.importer = ArticleImporter(ctx, self, self._on_imported)
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.refresh_list)
        self._progress_timer = QTimer(self, singleShot=True, interval=PROGRESS_DELAY_MS)
        self._progress_timer.timeout.connect(self.save_progress)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._on_system_scheme_changed)
        ctx.articles_changed.connect(self._on_ctx_articles_changed)

    # --- building ------------------------------------------------------------------------------

    def _build(self) -> None:
        self.search_edit = QLineEdit(placeholderText="Search articles (e.g. letters, signals)…")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(self._on_search_edit_text_changed)
        self.search_edit.returnPressed.connect(self._on_search_edit_return_pressed)
        self.find_action = QAction("Search articles", self, shortcut=QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(self._on_find_triggered)
        self.tag_combo = QComboBox()
        self.tag_combo.addItem(ALL_TOPICS, None)
        self.tag_combo.currentIndexChanged.connect(self._on_tag_combo_changed)
        self.model = ArticleListModel(self)
        self.list_view = QListView()
        self.list_view.setModel(self.model)
        self.list_view.setItemDelegate(ArticleDelegate(self.list_view))
        self.list_view.setWordWrap(True)
        self.list_view.setUniformItemSizes(False)
        self.list_view.setResizeMode(QListView.ResizeMode.Adjust)
        self.list_view.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.list_view.clicked.connect(self._on_list_view_activated)
        self.list_view.activated.connect(self._on_list_view_activated)
        self.count_label = QLabel()
        self.count_label.setStyleSheet("color: palette(placeholder-text);")
        self.import_button = QPushButton("Import article…")
        self.import_button.clicked.connect(self.import_article)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(8, 8, 4, 8)
        left_layout.addWidget(self.search_edit)
        left_layout.addWidget(self.tag_combo)
        left_layout.addWidget(self.list_view, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.import_button)
        left_layout.addLayout(bottom)

        self.reader = ReaderView()
        self.reader.anchorClicked.connect(self._on_reader_anchor_clicked)
        self.reader.highlighted.connect(self._on_reader_link_hovered)
        self.reader.verticalScrollBar().valueChanged.connect(self._on_reader_scrolled)
        self.reader.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.reader.customContextMenuRequested.connect(self._on_reader_context_menu)
        self.highlight_action = QAction("Highlight", self, shortcut=QKeySequence("Ctrl+Shift+H"))
        self.highlight_action.setToolTip("Highlight the selected text (Ctrl+Shift+H)")
        self.highlight_action.triggered.connect(lambda: self.highlight_selection())
        self.note_action = QAction("Add note…", self, shortcut=QKeySequence("Ctrl+Shift+N"))
        self.note_action.setToolTip("Highlight the selected text and attach a note")
        self.note_action.triggered.connect(lambda: self.highlight_selection(ask_note=True))
        self.bookmark_action = QAction("Bookmark", self, shortcut=QKeySequence("Ctrl+D"))
        self.bookmark_action.setToolTip("Bookmark this place (Ctrl+D)")
        self.bookmark_action.triggered.connect(self.add_bookmark)
        self.larger_action = QAction("Larger reader text", self)
        self.larger_action.triggered.connect(lambda: self.change_font(+1))
        self.smaller_action = QAction("Smaller reader text", self)
        self.smaller_action.triggered.connect(lambda: self.change_font(-1))
        self.reset_font_action = QAction("Normal reader text size", self)
        self.reset_font_action.triggered.connect(lambda: self.set_font_pt(DEFAULT_PT))
        for action in (self.find_action, self.highlight_action, self.note_action,
                       self.bookmark_action, self.larger_action, self.smaller_action, self.reset_font_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        tools = QHBoxLayout()
        tools.setContentsMargins(8, 6, 8, 0)
        self.title_label = QLabel()
        self.title_label.setStyleSheet("color: palette(placeholder-text);")
        tools.addWidget(self.title_label, 1)
        self.tool_buttons: dict[str, QToolButton] = {}
        for action, text in ((self.smaller_action, "A\u2212"), (self.larger_action, "A+"),
                             (self.highlight_action, None), (self.note_action, None),
                             (self.bookmark_action, "\u2605 Bookmark")):
            button = QToolButton()
            button.setDefaultAction(action)
            if text:
                button.setText(text)
            button.setAutoRaise(True)
            tools.addWidget(button)
            self.tool_buttons[action.text()] = button
        middle = QWidget()
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(0, 0, 0, 0)
        middle_layout.setSpacing(0)
        middle_layout.addLayout(tools)
        middle_layout.addWidget(self.reader, 1)

        self.side = AnnotationsPanel(self.ctx, self.reader)
        self.side.ask_note = lambda quote, current: self.ask_note(quote, current)
        self.side.marks_changed.connect(self._repaint_marks)
        self.contents_list = self.side.contents_list
        self.notes_list = self.side.notes_list
        self.bookmarks_list = self.side.bookmarks_list
        self.links = LinkHandler(self.ctx, self.reader,
                                 lambda: self.current.title if self.current else "",
                                 self.open_slug)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("articles_splitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(middle)
        self.splitter.addWidget(self.side)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.splitter.setSizes([320, 700, 270])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self.reader.clear_article("Choose an article on the left.")

    def install_actions(self, window: QMainWindow) -> None:
        """View: text size and reader theme; File: import an article."""
        file_menu = window.menu("File")
        import_action = QAction("Import article…", self)
        import_action.triggered.connect(self.import_article)
        file_menu.addAction(import_action)
        view = window.menu("View")
        view.addSeparator()
        self.reader.set_zoom(window.appearance.factor)
        window.appearance.zoom_changed.connect(self.reader.set_zoom)
        window.appearance.theme_changed.connect(self._on_system_scheme_changed)
        theme_menu = view.addMenu("Reader theme")
        self.theme_group = QActionGroup(self)
        self.theme_actions: dict[str, QAction] = {}
        for name in theme.THEMES:
            label = {"system": "Follow the system", "light": "Light", "dark": "Dark"}[name]
            action = QAction(label, self, checkable=True)
            action.setChecked(name == self.reader.theme_name)
            action.triggered.connect(lambda _=False, n=name: self.set_theme(n))
            self.theme_group.addAction(action)
            theme_menu.addAction(action)
            self.theme_actions[name] = action

    # --- loading -------------------------------------------------------------------------------

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.ensure_loaded()

    def ensure_loaded(self) -> None:
        """Sync the bundled articles and fill the list (once, when first needed)."""
        if self._loaded:
            return
        self._loaded = True
        with self.ctx.store.session() as session:
            library.sync_bundled(session)
        self._refresh_tags()
        self.refresh_list()
        if self.current is None and self._pending_open is None and self.model.rowCount() > 0:
            self.open_article(self.model.article(0).id)
        elif self._pending_open is not None:
            article_id, self._pending_open = self._pending_open, None
            self.open_article(article_id)

    def _refresh_tags(self) -> None:
        with self.ctx.store.session() as session:
            tags = library.all_tags(session)
        current = self.tag_combo.currentData()
        self.tag_combo.blockSignals(True)
        self.tag_combo.clear()
        self.tag_combo.addItem(ALL_TOPICS, None)
        for tag in tags:
            self.tag_combo.addItem(tag, tag)
        index = self.tag_combo.findData(current)
        self.tag_combo.setCurrentIndex(max(0, index))
        self.tag_combo.blockSignals(False)

    @Slot()
    def refresh_list(self) -> None:
        """Fill the list from the search box and the tag filter."""
        query = self.search_edit.text()
        tag = self.tag_combo.currentData()
        with self.ctx.store.session() as session:
            if query.strip():
                hits = search.search(session, query, tag=tag)
                rows = [(hit.article, hit.snippet) for hit in hits]
            else:
                rows = [(info, None) for info in library.list_articles(session, tag=tag)]
        self._search_words = search.query_words(query)
        self.model.set_rows(rows)
        if query.strip():
            self.count_label.setText(f"{len(rows)} match{'es' * (len(rows) != 1)}"
                                     if rows else "No article matches.")
        else:
            self.count_label.setText(f"{len(rows)} article{'s' * (len(rows) != 1)}")
        if self.current is not None:
            row = self.model.row_of(self.current.id)
            if row is not None:
                self.list_view.setCurrentIndex(self.model.index(row))
            self.reader.set_marks(self.side.highlight_spans(), self._search_words)

    # --- reading -------------------------------------------------------------------------------

    def open_article(self, article_id: int) -> bool:
        """Show an article at the place the student left it."""
        if not self._loaded:
            self._pending_open = article_id
            self.ensure_loaded()
            return self.current is not None and self.current.id == article_id
        self.save_progress()
        with self.ctx.store.session() as session:
            article = library.get_article(session, article_id)
            if article is None:
                return False
            highlights = annotations.list_highlights(session, article_id)
            progress = annotations.get_progress(session, article_id)
        self.current = article
        tags = ", ".join(article.tags)
        meta = f"{article.reading_time} min read" + (f" \u00b7 {tags}" if tags else "")
        if article.source == "imported":
            meta += f" \u00b7 imported from {article.file_name or 'a file'}"
        self._progress_timer.stop()
        self.reader.show_article(article.title, meta, article.summary, article.html())
        self.side.show_article(article.id, article.title, highlights)
        self.reader.set_marks(self.side.highlight_spans(), self._search_words)
        self.reader.set_scroll_fraction(progress or 0.0)
        self._progress_timer.stop()
        self.title_label.setText(article.title)
        row = self.model.row_of(article_id)
        if row is not None:
            self.list_view.setCurrentIndex(self.model.index(row))
        return True

    def open_slug(self, slug: str) -> bool:
        self.ensure_loaded()
        with self.ctx.store.session() as session:
            article = library.get_article_by_slug(session, slug)
        if article is None:
            self.ctx.status_message.emit(f"The article {slug!r} is not in your library.")
            return False
        return self.open_article(article.id)

    def show_payload(self, payload: object) -> None:
        """``{"slug": …}``, ``{"article_id": …}`` or ``{"query": …}`` (from Home or elsewhere)."""
        self.ensure_loaded()
        if isinstance(payload, dict):
            if payload.get("query"):
                self.search_edit.setText(str(payload["query"]))
                self.refresh_list()
            if payload.get("slug"):
                self.open_slug(str(payload["slug"]))
            elif payload.get("article_id") is not None:
                self.open_article(int(payload["article_id"]))
        elif isinstance(payload, str):
            self.open_slug(payload)

    @Slot()
    def save_progress(self) -> None:
        self._progress_timer.stop()
        if self.current is None or getattr(self.ctx.store, "read_only", False):
            return  # reading position is a nicety: never an error on a read-only folder
        with self.ctx.store.session() as session:
            annotations.set_progress(session, self.current.id, self.reader.scroll_fraction())

    # --- look ----------------------------------------------------------------------------------

    def change_font(self, step: int) -> None:
        self.set_font_pt(self.reader.font_pt + step)

    def set_font_pt(self, size: float) -> None:
        self.reader.set_font_pt(size)
        self.ctx.status_message.emit(f"Reader text size: {self.reader.font_pt:g} pt")

    def set_theme(self, name: str) -> None:
        self.reader.set_theme(name)
        action = getattr(self, "theme_actions", {}).get(self.reader.theme_name)
        if action:
            action.setChecked(True)

    @Slot()
    def _on_system_scheme_changed(self, *_args) -> None:
        self.reader.refresh_theme()

    # --- notes, links and import -------------------------------------------------------------

    def highlight_selection(self, *, ask_note: bool = False) -> bool:
        """Highlight the reader's selection (optionally with a note); False if nothing to do."""
        return self.side.highlight_selection(ask_note=ask_note)

    def add_bookmark(self) -> bool:
        return self.side.add_bookmark()

    def ask_note(self, quote: str, current: str) -> str | None:
        """Ask for a note (tests replace this method); None when canceled."""
        from smartpick_desktop.ui.articles.note_dialog import NoteDialog

        dialog = NoteDialog(quote, current, self)
        return dialog.note() if dialog.exec() == NoteDialog.DialogCode.Accepted else None

    @Slot()
    def _repaint_marks(self) -> None:
        self.reader.set_marks(self.side.highlight_spans(), self._search_words)

    @Slot(QUrl)
    def _on_reader_anchor_clicked(self, url: QUrl) -> None:
        self.follow_link(bytes(url.toEncoded().data()).decode("utf-8", "replace"))

    def follow_link(self, href: str) -> None:
        """Handle a clicked link (see :class:`.links.LinkHandler`)."""
        self.links.follow(href)

    @Slot(QUrl)
    def _on_reader_link_hovered(self, url: QUrl) -> None:
        self.links.hover(bytes(url.toEncoded().data()).decode("utf-8", "replace"))

    @Slot(object)
    def _on_reader_context_menu(self, pos) -> None:
        menu = self.reader.createStandardContextMenu(pos)
        menu.addSeparator()
        for action in (self.highlight_action, self.note_action, self.bookmark_action):
            menu.addAction(action)
        menu.aboutToHide.connect(menu.deleteLater)
        menu.popup(self.reader.viewport().mapToGlobal(pos))

    def import_article(self) -> None:
        path = self.importer.choose()
        if path is not None:
            self.start_import(path)

    def start_import(self, path) -> Job:
        """Import ``path`` in a worker thread with a cancellable progress dialog."""
        self.ensure_loaded()
        return self.importer.start(path)

    def _on_imported(self, article_id: int, title: str) -> None:
        self._refresh_tags()
        self.refresh_list()
        self.open_article(article_id)
        self.ctx.articles_changed.emit()
        self.ctx.status_message.emit(f"Imported \u201c{title}\u201d.")

    # --- slots and state -----------------------------------------------------------------------

    @Slot(str)
    def _on_search_edit_text_changed(self, _text: str) -> None:
        self._search_timer.start()

    @Slot()
    def _on_find_triggered(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    @Slot()
    def _on_search_edit_return_pressed(self) -> None:
        """Open the best match at once."""
        self._search_timer.stop()
        self.refresh_list()
        if self.model.rowCount():
            self._on_list_view_activated(self.model.index(0))

    @Slot(int)
    def _on_tag_combo_changed(self, _index: int) -> None:
        self.refresh_list()

    @Slot(object)
    def _on_list_view_activated(self, index) -> None:
        info = self.model.article(index.row())
        if self.current is None or info.id != self.current.id:
            self.open_article(info.id)
        else:
            self.reader.set_marks(self.side.highlight_spans(), self._search_words)

    @Slot(int)
    def _on_reader_scrolled(self, _value: int) -> None:
        if self.current is not None:
            self._progress_timer.start()

    @Slot()
    def _on_ctx_articles_changed(self) -> None:
        if self._loaded:
            self.refresh_list()

    def save_state(self, settings: QSettings) -> None:
        self.save_progress()
        settings.setValue("articles/splitter", self.splitter.saveState())
        settings.setValue("articles/font_pt", self.reader.font_pt)
        settings.setValue("articles/theme", self.reader.theme_name)
        if self.current is not None:
            settings.setValue("articles/current", self.current.id)

    def restore_state(self, settings: QSettings) -> None:
        state = settings.value("articles/splitter")
        if state is not None:
            self.splitter.restoreState(state)
        try:
            size = float(settings.value("articles/font_pt", DEFAULT_PT))
        except (TypeError, ValueError):
            size = DEFAULT_PT
        name = str(settings.value("articles/theme", self.reader.theme_name))
        self.reader.font_pt = size
        self.set_theme(name if name in theme.THEMES else "system")
        current = settings.value("articles/current")
        if current is not None and not self._loaded:
            try:
                self._pending_open = int(current)
            except (TypeError, ValueError):
                self._pending_open = None

