"""Issue 15 point 6: Tab leaves the Programs table, Ctrl+= zooms the whole window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication


def test_tab_key_leaves_the_programs_table(open_main_window, qtbot):
    window = open_main_window()
    window.show_tab("programs")
    tab = window.tab("programs")
    qtbot.waitUntil(lambda: tab.loaded and not tab.busy, timeout=20000)
    tab.table.setFocus()
    qtbot.waitUntil(tab.table.hasFocus)
    qtbot.keyClick(tab.table, Qt.Key.Key_Tab)
    assert not tab.table.hasFocus()


def test_ctrl_equals_zooms_the_whole_window(open_main_window, qtbot):
    window = open_main_window()
    before = QApplication.font().pointSizeF()
    try:
        qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
        assert QApplication.font().pointSizeF() > before
        assert window.appearance.zoom == 110
        reader = window.tab("articles").reader
        assert reader.zoom == 1.1
        qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
        assert QApplication.font().pointSizeF() == before
    finally:
        window.appearance.set_zoom(100)


def test_dark_theme_applies_to_the_whole_window(open_main_window, ctx, qtbot):
    window = open_main_window()
    try:
        window.appearance.theme_actions["dark"].trigger()
        assert QApplication.palette().window().color().lightness() < 100
        assert ctx.settings.value("view/theme") == "dark"
    finally:
        window.appearance.set_theme("system")
    assert QApplication.palette().window().color().lightness() > 100


def test_no_table_in_any_tab_traps_the_tab_key(open_main_window, qtbot):
    from PySide6.QtWidgets import QTableView

    window = open_main_window()
    views = [view for key in window.tab_keys()
             for view in window.tab(key).findChildren(QTableView)]
    assert len(views) >= 3
    assert not any(view.tabKeyNavigation() for view in views)
