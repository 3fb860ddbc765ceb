"""The Articles tab driven like a person: search, open, highlight, bookmark, actions, import."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from smartpick_desktop.core import checklist
from smartpick_desktop.core.articles import annotations, library
from smartpick_desktop.ui.articles.library_model import ArticleListModel
from smartpick_desktop.ui.articles.tab import ArticlesTab


def make_tab(ctx, qtbot) -> ArticlesTab:
    tab = ArticlesTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(1200, 800)
    tab.show()
    qtbot.waitExposed(tab)
    return tab


def titles(tab: ArticlesTab) -> list[str]:
    return [tab.model.article(r).slug for r in range(tab.model.rowCount())]


def test_model_is_valid(ctx, qtbot, qtmodeltester):
    tab = make_tab(ctx, qtbot)
    assert tab.model.rowCount() >= 12
    qtmodeltester.check(tab.model, force_py=True)
    empty = ArticleListModel()
    qtmodeltester.check(empty, force_py=True)


def test_not_loaded_until_shown(ctx, qtbot):
    tab = ArticlesTab(ctx)
    qtbot.addWidget(tab)
    assert tab.model.rowCount() == 0
    with ctx.store.session() as session:
        assert library.list_articles(session) == []


def test_search_as_you_type_and_tag_filter(ctx, qtbot):
    tab = make_tab(ctx, qtbot)
    qtbot.keyClicks(tab.search_edit, "letter of recommendation")
    qtbot.waitUntil(lambda: "match" in tab.count_label.text(), timeout=3000)
    assert titles(tab)[0] == "letters-of-recommendation"
    assert len(titles(tab)) < 17
    tab.search_edit.clear()
    qtbot.waitUntil(lambda: len(titles(tab)) >= 12, timeout=3000)
    tab.tag_combo.setCurrentIndex(tab.tag_combo.findData("signals"))
    assert titles(tab) and all("signals" in tab.model.article(r).tags
                               for r in range(tab.model.rowCount()))


def test_search_hits_are_highlighted_in_the_open_article(ctx, qtbot):
    tab = make_tab(ctx, qtbot)
    qtbot.keyClicks(tab.search_edit, "study group")
    qtbot.waitUntil(lambda: titles(tab)[:1] == ["study-groups"], timeout=3000)
    rect = tab.list_view.visualRect(tab.model.index(0))
    qtbot.mouseClick(tab.list_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert tab.current.slug == "study-groups"
    assert tab.reader.search_hit_count() > 3


def test_reader_shows_contents_and_never_loads_resources(ctx, qtbot):
    tab = make_tab(ctx, qtbot)
    assert tab.open_slug("interviews")
    assert tab.contents_list.count() >= 3
    assert tab.reader.openLinks() is False and tab.reader.openExternalLinks() is False
    assert tab.reader.loadResource(2, "https://tracker.example/x.png") is None
    item = tab.contents_list.item(tab.contents_list.count() - 1)
    tab.contents_list.itemClicked.emit(item)
    assert tab.reader.verticalScrollBar().value() > 0


def select(tab: ArticlesTab, start: int, end: int) -> None:
    cursor = QTextCursor(tab.reader.document())
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    tab.reader.setTextCursor(cursor)


def test_highlight_with_note_persists_and_reappears(ctx, qtbot, monkeypatch):
    tab = make_tab(ctx, qtbot)
    tab.open_slug("peer-mentors")
    text = tab.reader.text()
    start = text.index(tab.current.plain.split("\n")[0][:30])
    select(tab, start, start + 30)
    monkeypatch.setattr(tab, "ask_note", lambda quote, current: "Ask about this")
    tab.note_action.trigger()
    with ctx.store.session() as session:
        (saved,) = annotations.list_highlights(session, tab.current.id)
    assert saved.note == "Ask about this" and saved.quote == text[start:start + 30]
    assert tab.notes_list.count() == 1 and "Ask about this" in tab.notes_list.item(0).text()
    other = make_tab(ctx, qtbot)
    other.open_slug("peer-mentors")
    assert other.reader.extraSelections()  # the highlight is painted again
    assert not tab.highlight_selection()  # nothing selected any more


def test_bookmark_progress_and_font_size(ctx, qtbot):
    tab = make_tab(ctx, qtbot)
    tab.open_slug("rank-order-list")
    tab.reader.set_scroll_fraction(0.5)
    qtbot.mouseClick(tab.tool_buttons["Bookmark"], Qt.MouseButton.LeftButton)
    assert tab.bookmarks_list.count() == 1
    tab.save_progress()
    with ctx.store.session() as session:
        article_id = library.get_article_by_slug(session, "rank-order-list").id
        assert 0.4 < annotations.get_progress(session, article_id) < 0.6
    size = tab.reader.font_pt
    qtbot.mouseClick(tab.tool_buttons["Larger reader text"], Qt.MouseButton.LeftButton)
    assert tab.reader.font_pt == size + 1
    tab.smaller_action.trigger()
    tab.smaller_action.trigger()
    assert tab.reader.font_pt == size - 1
    tab.open_slug("interviews")
    tab.open_slug("rank-order-list")
    assert 0.4 < tab.reader.scroll_fraction() < 0.6


def test_actions_checklist_article_screen_and_external(ctx, qtbot):
    tab = make_tab(ctx, qtbot)
    tab.open_slug("study-groups")
    messages, navigations = [], []
    ctx.status_message.connect(messages.append)
    ctx.navigate_requested.connect(lambda key, payload: navigations.append((key, payload)))
    tab.follow_link("smartpick:checklist/Start%20a%20weekly%20study%20group")
    with ctx.store.session() as session:
        items = checklist.list_items(session)
    assert [i.text for i in items] == ["Start a weekly study group"]
    assert items[0].origin.startswith("Article: Study groups")
    assert messages[-1].startswith("Added to your checklist on Home")
    tab.follow_link("smartpick:article/preference-signals")
    assert tab.current.slug == "preference-signals"
    tab.follow_link("smartpick:screen/plan")
    assert navigations[-1] == ("plan", None)
    tab.follow_link("https://example.org/page")
    assert messages[-1] == "External link, not opened: https://example.org/page"
    tab.follow_link("smartpick:template/thank_you")
    assert navigations[-1] == ("mentors", {"template": "thank_you"})


def test_template_opens_the_mentors_composer_when_that_tab_exists(main_window, qtbot):
    window = main_window
    seen = []
    window.ctx.navigate_requested.connect(lambda key, payload: seen.append((key, payload)))
    tab = window.tab("articles")
    window.show_tab("articles")
    tab.ensure_loaded()
    tab.follow_link("smartpick:template/letter_request")
    assert seen[-1] == ("mentors", {"template": "letter_request"})
    assert window.tabs.currentWidget() is window.tab("mentors")


def test_home_card_opens_an_article(main_window, qtbot):
    from smartpick_desktop.ui.home.reading_section import ReadingSection

    card = next(s for s in main_window.tab("home").sections if isinstance(s, ReadingSection))
    assert len(card.buttons) == 3
    qtbot.mouseClick(card.buttons[0], Qt.MouseButton.LeftButton)
    assert main_window.tab_keys()[main_window.tabs.currentIndex()] == "articles"
    assert main_window.tab("articles").current.slug == card.slugs[0]


def test_import_runs_in_a_worker_and_opens_the_article(ctx, qtbot, tmp_path):
    tab = make_tab(ctx, qtbot)
    page = tmp_path / "night.html"
    page.write_text("<title>Night float</title><p onclick='x()'>Sleep is quokkalike.</p>"
                    "<script>alert(1)</script>", encoding="utf-8")
    tab.start_import(page)
    qtbot.waitUntil(lambda: tab.current is not None and tab.current.title == "Night float",
                    timeout=10000)
    assert "quokkalike" in tab.reader.text() and "alert" not in tab.reader.text()
    errors = []
    ctx.dialogs.error = lambda parent, title, text: errors.append(text)
    blob = tmp_path / "blob.md"
    blob.write_bytes(b"\x00\xff" * 100)
    tab.start_import(blob)
    qtbot.waitUntil(lambda: bool(errors), timeout=10000)
    assert "blob.md" in errors[0]


def test_theme_follows_choice_and_state_round_trips(ctx, qtbot):
    tab = make_tab(ctx, qtbot)
    tab.set_theme("dark")
    assert tab.reader.colors.dark
    assert tab.reader.palette().base().color().lightness() < 80
    tab.set_theme("light")
    assert not tab.reader.colors.dark
    tab.open_slug("introverts")
    tab.set_font_pt(16)
    tab.set_theme("dark")
    tab.save_state(ctx.settings)
    again = ArticlesTab(ctx)
    qtbot.addWidget(again)
    again.restore_state(ctx.settings)
    assert again.reader.theme_name == "dark"
    again.show()
    qtbot.waitExposed(again)
    assert again.current.slug == "introverts" and again.reader.font_pt == 16
