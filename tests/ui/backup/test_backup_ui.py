"""File → Back up… / Restore…, Settings → Backups and the damaged-store dialog at start."""

from __future__ import annotations

import random

import pytest

from PySide6.QtCore import Qt

from smartpick_desktop.core.datafolder import open_store
from smartpick_desktop.core.profile import load_profile, save_profile
from smartpick_desktop.core.store import backup
from smartpick_desktop.core.store.integrity import DamagedStoreError


class FakeDialogs:
    """Answers the modal dialogs and records what was shown."""

    def __init__(self, *, save=None, open_=None, confirm=True):
        self.save, self.open, self.answer = save, open_, confirm
        self.shown: list[tuple[str, str]] = []

    def save_file(self, parent, title, suggested, filters):
        self.shown.append(("save", suggested))
        return self.save

    def open_file(self, parent, title, filters):
        self.shown.append(("open", filters))
        return self.open

    def confirm(self, parent, title, text):
        self.shown.append(("confirm", text))
        return self.answer

    def info(self, parent, title, text):
        self.shown.append(("info", text))

    def error(self, parent, title, text):
        self.shown.append(("error", text))

    def kinds(self):
        return [k for k, _ in self.shown]


def _profile(ctx):
    with ctx.store.session() as s:
        return load_profile(s)


def _action(window, name):
    return next(a for a in window.menu("File").actions() if a.objectName() == name)


def test_file_menu_back_up_then_restore(main_window, ctx, qtbot, tmp_path, sample_profile):
    with ctx.store.session() as s:
        save_profile(s, sample_profile)
    target = tmp_path / "mine.zip"
    ctx.dialogs = FakeDialogs(save=target)
    _action(main_window, "action_backup").trigger()
    qtbot.waitUntil(lambda: "info" in ctx.dialogs.kinds(), timeout=10000)
    assert target.is_file()
    assert ctx.dialogs.shown[0][1].endswith(".zip")

    changed = sample_profile.copy()
    changed.name = "Changed Later"
    with ctx.store.session() as s:
        save_profile(s, changed)
    # Saying "no" to the question changes nothing.
    ctx.dialogs = FakeDialogs(open_=target, confirm=False)
    _action(main_window, "action_restore").trigger()
    qtbot.waitUntil(lambda: "confirm" in ctx.dialogs.kinds(), timeout=10000)
    assert _profile(ctx).name == "Changed Later"
    assert "saved first" in ctx.dialogs.shown[-1][1]
    # Saying "yes" restores, keeps the replaced data as a backup and tells the tabs.
    ctx.dialogs = FakeDialogs(open_=target, confirm=True)
    with qtbot.waitSignal(ctx.profile_changed, timeout=10000):
        _action(main_window, "action_restore").trigger()
    assert _profile(ctx).name == sample_profile.name
    assert main_window.windowTitle().endswith(sample_profile.specialty)
    assert any(b.reason == "before-restore" for b in backup.list_backups(ctx.data_dir))
    qtbot.waitUntil(lambda: "info" in ctx.dialogs.kinds())


def test_restoring_a_bad_file_shows_one_clear_error(main_window, ctx, qtbot, tmp_path,
                                                    sample_profile):
    with ctx.store.session() as s:
        save_profile(s, sample_profile)
    bad = tmp_path / "notes.zip"
    bad.write_text("not a backup")
    ctx.dialogs = FakeDialogs(open_=bad)
    _action(main_window, "action_restore").trigger()
    qtbot.waitUntil(lambda: "error" in ctx.dialogs.kinds(), timeout=10000)
    message = ctx.dialogs.shown[-1][1]
    assert str(bad) in message and "nothing was changed" in message
    assert _profile(ctx) == sample_profile


def test_settings_backups_page_restores_the_selected_backup(ctx, qtbot, sample_profile):
    from smartpick_desktop.ui.backup.page import BackupsPage
    from smartpick_desktop.ui.settings_dialog import SettingsDialog

    with ctx.store.session() as s:
        save_profile(s, sample_profile)
    made = backup.make_backup(ctx.store, "manual")
    other = sample_profile.copy()
    other.name = "After The Backup"
    with ctx.store.session() as s:
        save_profile(s, other)
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    page = next(p for p in dialog.pages if isinstance(p, BackupsPage))
    assert dialog.tabs.tabText(dialog.tabs.indexOf(page)) == "Backups"
    assert page.tree.topLevelItemCount() == 1
    assert page.tree.topLevelItem(0).text(1) == "Made by hand"
    assert page.selected_path() == made
    ctx.dialogs = FakeDialogs(confirm=True)
    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "info" in ctx.dialogs.kinds(), timeout=10000)
    assert ctx.dialogs.kinds()[0] == "confirm"  # always asked for an automatic backup
    assert _profile(ctx).name == sample_profile.name
    qtbot.waitUntil(lambda: page.tree.topLevelItemCount() == 2)  # + the before-restore one
    qtbot.mouseClick(page.backup_now_button, Qt.MouseButton.LeftButton)
    assert page.tree.topLevelItemCount() == 3


def _damage(data_dir, profile):
    for _ in range(2):
        store = open_store(data_dir)
        with store.session() as s:
            save_profile(s, profile)
        store.close()
    with open(data_dir / "smartpick.db", "r+b") as fh:
        fh.write(random.Random(3).randbytes(8192))
    with pytest.raises(DamagedStoreError) as caught:
        open_store(data_dir)
    return caught.value


@pytest.mark.parametrize("choice", ["restore", "fresh", "quit"])
def test_damaged_store_at_start_offers_the_newest_backup(choice, data_dir, qapp, qtbot,
                                                         monkeypatch, sample_profile):
    from smartpick_desktop import app
    from smartpick_desktop.ui.backup import damaged

    err = _damage(data_dir, sample_profile)
    text = damaged.recovery_text(err)
    assert err.moved_to.name in text and err.backup.name in text
    asked = []
    monkeypatch.setattr(damaged, "offer_recovery", lambda e: asked.append(e) or choice)
    window = app._report_store_error(err, data_dir)
    assert asked == [err]
    if choice == "quit":
        assert window is None
        return
    qtbot.addWidget(window)
    try:
        profile = window.ctx.profile()
        assert (profile == sample_profile) if choice == "restore" else profile is None
        assert err.moved_to.exists()  # the damaged file is kept either way
    finally:
        window.ctx.store.close()


def test_restore_of_a_backup_with_bad_rows_is_refused_before_asking(main_window, ctx, qtbot,
                                                                    tmp_path, sample_profile):
    """Issue 16: a checksum-correct backup with a word in a number column is refused with one
    sentence before the question, and nothing changes (the Programs tab would fail on it)."""
    import hashlib
    import json
    import zipfile

    with ctx.store.session() as s:
        save_profile(s, sample_profile)
    good = tmp_path / "good.zip"
    from smartpick_desktop.core.store.portable import write_backup

    write_backup(ctx.store, good)
    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(good) as src:
        manifest = json.loads(src.read("manifest.json"))
        members = {n: src.read(n) for n in src.namelist()}
    member = manifest["tables"]["programs"]["member"]
    table = json.loads(members[member])
    column = table["columns"].index("positions") + int(table["rowid"])
    table["rows"][0][column] = "many"
    members[member] = json.dumps(table).encode()
    manifest["tables"]["programs"]["sha256"] = hashlib.sha256(members[member]).hexdigest()
    members["manifest.json"] = json.dumps(manifest).encode()
    with zipfile.ZipFile(bad, "w") as dst:
        for name, data in members.items():
            dst.writestr(name, data)
    ctx.dialogs = FakeDialogs(open_=bad, confirm=True)
    _action(main_window, "action_restore").trigger()
    qtbot.waitUntil(lambda: "error" in ctx.dialogs.kinds(), timeout=20000)
    assert "confirm" not in ctx.dialogs.kinds()
    message = dict(ctx.dialogs.shown)["error"]
    assert "positions" in message and "whole number" in message and "\n" not in message
    assert _profile(ctx).name == sample_profile.name
