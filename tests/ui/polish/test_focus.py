"""Issue 15 point 6: the keyboard focus is clearly visible in every kind of widget, in the
light and the dark theme."""

from __future__ import annotations

import pytest

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QWidget

from smartpick_desktop.ui.focus_ring import focus_color, ring_target


def _close(a: QColor, b: QColor) -> bool:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue()) < 60


def _shows_ring(widget: QWidget) -> bool:
    """The focus color is painted just inside the widget's left and top edges."""
    image = widget.grab().toImage()
    color = focus_color()
    middle = QColor(image.pixel(1, image.height() // 2))
    top = QColor(image.pixel(image.width() // 2, 1))
    return _close(middle, color) and _close(top, color)


@pytest.fixture
def window(open_main_window):
    window = open_main_window((1200, 800))
    yield window
    window.appearance.set_theme("system")


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_tab_moves_a_visible_focus_through_every_kind_of_widget(window, qtbot, theme):
    window.appearance.set_theme(theme)
    window.show_tab("programs")
    tab = window.tab("programs")
    qtbot.waitUntil(lambda: tab.loaded and not tab.busy, timeout=20000)
    tab.search.setFocus()
    qtbot.waitUntil(tab.search.hasFocus)
    seen: list[QWidget] = []
    for _ in range(16):
        focused = QApplication.focusWidget()
        target = ring_target(focused)
        assert window.focus_ring.target is target
        ring = window.focus_ring.ring()
        assert ring is not None and ring.isVisible() and ring.geometry() == target.rect()
        assert _shows_ring(target), f"no visible focus on {type(target).__name__}"
        seen.append(target)
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    kinds = {type(w).__name__ for w in seen}
    assert len(set(map(id, seen))) >= 8, "Tab moved the focus on"
    assert {"QLineEdit", "QComboBox", "QToolButton", "ProgramsTableView"} <= kinds, kinds
    assert {"QTextBrowser", "QPushButton", "QPlainTextEdit"} & kinds, kinds


def test_the_ring_color_stands_out_in_both_themes(window):
    for theme in ("light", "dark"):
        window.appearance.set_theme(theme)
        ring, background = focus_color(), QApplication.palette().base().color()
        assert abs(ring.lightness() - background.lightness()) > 60, theme


def test_a_spin_box_gets_the_ring_around_it_not_its_inner_field(window, qtbot):
    from PySide6.QtWidgets import QSpinBox

    box = QSpinBox(window)
    box.show()
    box.setFocus()
    qtbot.waitUntil(lambda: window.focus_ring.target is box)
    assert _shows_ring(box)


def test_the_ring_follows_the_focus_into_a_dialog(window, qtbot):
    from smartpick_desktop.ui.mentors.dialogs import ContactDialog

    dialog = ContactDialog(None, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    first = dialog.focusWidget() or dialog
    first.setFocus()
    qtbot.keyClick(first, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: window.focus_ring.target is not None
                    and window.focus_ring.target.window() is dialog)
    assert _shows_ring(window.focus_ring.target)
    dialog.confirm_discard = lambda: True
    dialog.reject()


def test_a_focused_tab_bar_gets_the_ring_not_the_whole_tab_widget(window, qtbot):
    bar = window.tabs.tabBar()
    bar.setFocus()
    qtbot.waitUntil(bar.hasFocus)
    assert window.focus_ring.target is bar
    assert _shows_ring(bar)
