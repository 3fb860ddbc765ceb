"""Issue 15 point 12 (Help has only About): a user guide, F1 opening each tab's page."""

from __future__ import annotations

import pytest

from PySide6.QtCore import Qt, QUrl

from smartpick_desktop.ui.guide import PAGES, page_text
from tests.core.test_no_cli_words_in_messages import CLI_WORDS


@pytest.fixture
def window(open_main_window):
    return open_main_window()


def test_help_menu_has_more_than_about(window):
    titles = [a.text() for a in window.menu("Help").actions() if a.text()]
    assert "&User guide" in titles and "&About SmartPick" in titles


@pytest.mark.parametrize("key", ["home", "programs", "plan", "articles", "mentors", "profile"])
def test_f1_opens_the_page_of_the_tab_in_front(window, qtbot, key):
    window.show_tab(key)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    guide = window._guide
    assert guide is not None and guide.isVisible() and guide.current == key
    assert guide.browser.toPlainText().startswith(PAGES[key])


def test_guide_links_move_between_pages(window, qtbot):
    window.open_guide()
    guide = window._guide
    guide.show_page("index")
    guide.browser.anchorClicked.emit(QUrl("programs.md"))
    assert guide.current == "programs"


def test_every_page_is_written_for_students_and_names_no_command():
    for key in PAGES:
        text = page_text(key)
        assert CLI_WORDS.search(text) is None
        assert len(text.split()) > 60
