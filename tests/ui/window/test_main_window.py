"""The main window: welcome on first run, tabs, shortcuts, state saved."""

from __future__ import annotations

from PySide6.QtCore import Qt

from smartpick_desktop.core.profile import load_profile, save_profile
from smartpick_desktop.ui.main_window import MainWindow


def test_first_run_shows_welcome(main_window):
    assert main_window.stack.currentWidget() is main_window.welcome


def test_demo_profile_opens_the_tabs(main_window, qtbot, ctx):
    qtbot.mouseClick(main_window.welcome.demo_button, Qt.MouseButton.LeftButton)
    assert main_window.stack.currentWidget() is main_window.tabs
    with ctx.store.session() as session:
        assert load_profile(session).extra["demo"] is True
    assert main_window.demo_label.text() == "Demo profile"


def test_create_profile_opens_the_wizard(main_window, qtbot):
    main_window.show()
    qtbot.mouseClick(main_window.welcome.create_button, Qt.MouseButton.LeftButton)
    from smartpick_desktop.ui.wizard.wizard import ProfileWizard

    wizards = main_window.findChildren(ProfileWizard)
    assert wizards and wizards[0].isVisible()
    wizards[0].reject()


def test_ctrl_number_switches_tabs(ctx, qtbot, sample_profile):
    with ctx.store.session() as session:
        save_profile(session, sample_profile)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    window.windowHandle().requestActivate()
    qtbot.waitUntil(window.isActiveWindow)
    last = len(window.tab_keys())
    qtbot.keyClick(window, Qt.Key(Qt.Key.Key_0.value + last), Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == last - 1
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == 0


def test_last_tab_and_geometry_persist(ctx, qtbot, sample_profile):
    with ctx.store.session() as session:
        save_profile(session, sample_profile)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show_tab("profile")
    window.resize(700, 500)
    window.close()
    again = MainWindow(ctx)
    qtbot.addWidget(again)
    assert again.tab_keys()[again.tabs.currentIndex()] == "profile"
    assert again.size().width() == 700


def test_profile_name_shown_literally(ctx, qtbot, sample_profile):
    sample_profile.name = "Zoë <b>O'Brien</b> & Núñez"
    with ctx.store.session() as session:
        save_profile(session, sample_profile)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    home = window.tab("home")
    assert "Zoë <b>O'Brien</b> & Núñez" in home.sections[0].headline.text()
    assert "Zoë <b>O'Brien</b> & Núñez" in window.tab("profile").view.toPlainText()


def test_about_lists_sources(main_window):
    from smartpick_desktop.ui.about import about_html

    html = about_html()
    assert "NRMP" in html and "AAMC" in html


def test_deferred_window_builds_the_first_tab_then_the_rest(ctx, qtbot, sample_profile):
    with ctx.store.session() as session:
        save_profile(session, sample_profile)
    window = MainWindow(ctx, defer_tabs=True)
    qtbot.addWidget(window)
    built = [type(window.tabs.widget(i)).__name__ for i in range(window.tabs.count())]
    assert built[0] == "HomeTab" and built.count("_Unbuilt") == len(built) - 1
    assert not window.menu("Programs").menuAction().isVisible()
    window.complete()
    assert all(type(window.tabs.widget(i)).__name__ != "_Unbuilt"
               for i in range(window.tabs.count()))
    assert window.menu("Programs").menuAction().isVisible()
    file_actions = window.menu("File").actions()
    assert file_actions[-1].text() == "&Quit"


def test_clicking_an_unbuilt_tab_builds_it(ctx, qtbot, sample_profile):
    with ctx.store.session() as session:
        save_profile(session, sample_profile)
    window = MainWindow(ctx, defer_tabs=True)
    qtbot.addWidget(window)
    window.tabs.setCurrentIndex(window.tab_keys().index("mentors"))
    assert type(window.tabs.currentWidget()).__name__ == "MentorsTab"


def test_deferred_welcome_builds_no_tab_until_a_profile_exists(ctx, qtbot):
    window = MainWindow(ctx, defer_tabs=True)
    qtbot.addWidget(window)
    assert all(type(window.tabs.widget(i)).__name__ == "_Unbuilt"
               for i in range(window.tabs.count()))
    qtbot.mouseClick(window.welcome.demo_button, Qt.MouseButton.LeftButton)
    assert type(window.tabs.currentWidget()).__name__ == "HomeTab"
    assert window.menu("Plan").menuAction().isVisible()


def test_every_tab_satisfies_the_tab_protocol(ctx, qtbot, sample_profile):
    from smartpick_desktop.ui.tabs import Tab

    with ctx.store.session() as session:
        save_profile(session, sample_profile)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    for key in window.tab_keys():
        tab = window.tab(key)
        assert isinstance(tab, Tab), key
        assert tab.help_page == key
