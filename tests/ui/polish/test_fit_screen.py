"""Issue 15 point 2 (cousins): dialogs open no larger than the screen, the Programs filter menus
show their chosen text whole, and the Plan's list controls leave the other pages their height."""

from __future__ import annotations

import pytest

from PySide6.QtGui import QFontMetrics, QGuiApplication

from smartpick_desktop.core.profile import save_profile


def _room():
    return QGuiApplication.primaryScreen().availableGeometry()


def test_every_sized_dialog_fits_the_screen(ctx, qtbot, sample_profile):
    """The offscreen test screen (800×600) stands in for a small or 150%-scaled laptop."""
    from smartpick_desktop.ui.about import AboutDialog
    from smartpick_desktop.ui.guide import GuideDialog
    from smartpick_desktop.ui.mentors.composer import ComposerDialog
    from smartpick_desktop.ui.model_quality import ModelQualityDialog
    from smartpick_desktop.ui.programs.edit_dialog import ProgramDialog
    from smartpick_desktop.ui.programs.sources_dialog import SourcesDialog
    from smartpick_desktop.ui.settings_dialog import SettingsDialog
    from smartpick_desktop.ui.wizard.wizard import ProfileWizard

    with ctx.store.session() as s:
        save_profile(s, sample_profile)
    room = _room()
    dialogs = [AboutDialog(), GuideDialog(), ComposerDialog(ctx, [], sample_profile),
               ModelQualityDialog(ctx), ProgramDialog(ctx, None), SourcesDialog(ctx),
               SettingsDialog(ctx), ProfileWizard(ctx)]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        assert dialog.height() <= room.height() and dialog.width() <= room.width(), \
            type(dialog).__name__


@pytest.fixture
def programs_tab(open_programs_tab):
    return open_programs_tab(1008, 620)


def test_filter_menus_show_their_choice_whole_at_1024(programs_tab, qtbot):
    box = programs_tab.specialty_box
    assert box.currentText() == "Internal Medicine"
    programs_tab.resize(940, 620)  # a little narrower than a 1024-wide window's tab
    qtbot.wait(50)
    metrics = QFontMetrics(box.font())
    assert box.width() >= metrics.horizontalAdvance("Internal Medicine") + 30  # text + arrow
    button = programs_tab.filter_bar.columns_button
    assert button.width() >= button.sizeHint().width()


def test_detail_pane_sits_beside_the_fields_when_under_the_table(programs_tab):
    from PySide6.QtCore import Qt

    assert programs_tab.splitter.orientation() == Qt.Orientation.Vertical
    detail = programs_tab.detail
    assert detail.fields.geometry().left() > detail.browser.geometry().left()
    assert detail.browser.height() >= detail.fields.height() - 40  # not squeezed to two lines


def test_plan_list_controls_only_show_with_the_list(ctx, qtbot, sample_profile):
    from smartpick_desktop.ui.plan.tab import PlanTab

    with ctx.store.session() as s:
        save_profile(s, sample_profile)
    tab = PlanTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(1008, 600)
    tab.show()
    qtbot.waitExposed(tab)
    assert tab.optimize_button.isVisible()
    before = tab.pages.height()
    tab.pages.setCurrentWidget(tab.tracker_page)
    qtbot.waitUntil(lambda: tab.pages.height() > before)
    assert not tab.optimize_button.isVisible()
    tab.pages.setCurrentIndex(0)
    assert tab.optimize_button.isVisible()


def test_mentor_names_stay_whole_at_any_zoom_and_the_table_scrolls_sideways(ctx, qtbot):
    import datetime as dt

    from PySide6.QtCore import Qt

    from smartpick_desktop.core.mentors.contacts import Contact, add_contact
    from smartpick_desktop.ui.mentors import models
    from smartpick_desktop.ui.mentors.tab import MentorsTab

    name = "Dr. Maria Hernandez-Whitfield"
    with ctx.store.session() as s:
        add_contact(s, Contact(name=name, role="faculty"), dt.date(2026, 9, 1))
    tab = MentorsTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(1008, 620)
    tab.show()
    qtbot.waitExposed(tab)
    table = tab.table
    for scale in (1.0, 1.5):
        font = table.font()
        font.setPointSizeF(QGuiApplication.font().pointSizeF() * scale)
        table.setFont(font)
        width = QFontMetrics(font).horizontalAdvance(name)
        assert table.columnWidth(models.COL_NAME) >= width + 8, scale
    total = sum(table.columnWidth(c) for c in range(tab.model.columnCount()))
    assert total > table.viewport().width()  # wider than the view at 150%: it scrolls
    assert table.horizontalScrollBarPolicy() != Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    qtbot.waitUntil(lambda: table.horizontalScrollBar().maximum() > 0)
