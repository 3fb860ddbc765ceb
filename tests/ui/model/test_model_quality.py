"""Help → How good are these numbers?: the shipped validation and a check on the user's file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction

from smartpick_desktop.core.profile import save_profile
from smartpick_desktop.ui.main_window import MainWindow
from smartpick_desktop.ui.model_quality import ModelQualityDialog

ROWS = ("id,specialty,season,applicant_type,step2_ck,applications,interviews,outcome\n"
        + "".join(f"A{i},General Surgery,2024,us_md,{230 + 3 * i},60,{2 + i},"
                  f"{'matched' if i % 3 else 'unmatched'}\n" for i in range(12)))


class Answers:
    """Stands in for the modal file and message dialogs."""

    def __init__(self, path: Path | None) -> None:
        self.path, self.errors = path, []

    def open_file(self, parent, title, filters):
        return self.path

    def error(self, parent, title, text):
        self.errors.append(text)


def test_the_help_menu_opens_the_report_with_its_source(ctx, qtbot, sample_profile, monkeypatch):
    with ctx.store.session() as session:
        save_profile(session, sample_profile)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    action = window.findChild(QAction, "action_model_quality")
    assert action is not None and action in window.menu("Help").actions()
    shown = []
    monkeypatch.setattr(ModelQualityDialog, "exec", lambda self: shown.append(self) or 0)
    action.trigger()
    text = shown[0].text.toPlainText()
    assert "gensurg-funnel" in text and "Baseline fitted on this file" in text
    assert "Brier score" in text and "345 applicants" in text
    # which specialties have individual evidence, and that the others are a rougher estimate
    assert "Individual outcomes stand behind General Surgery" in text
    assert "rougher estimate" in text


def _check(ctx, qtbot, path: Path, body: str) -> tuple[ModelQualityDialog, str]:
    """Write ``body`` to ``path``, open the dialog and click Check as a person would; returns
    the dialog and its text before the click."""
    path.write_text(body, encoding="utf-8")
    dialog = ModelQualityDialog(ctx)
    qtbot.addWidget(dialog)
    before = dialog.text.toPlainText()
    ctx.dialogs = Answers(path)
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    return dialog, before


def test_checking_a_file_shows_its_own_report(ctx, qtbot, tmp_path):
    dialog, _ = _check(ctx, qtbot, tmp_path / "school.csv", ROWS)
    assert dialog.last_report is not None and dialog.last_report["applicants"] == 12
    text = dialog.text.toPlainText()
    assert text.startswith("school.csv") and "12 applicants" in text


def test_a_bad_file_is_one_sentence_and_changes_nothing(ctx, qtbot, tmp_path):
    dialog, before = _check(ctx, qtbot, tmp_path / "bad.csv",
                            "id,specialty,season,applicant_type,applications,interviews\n"
                            "A,General Surgery,2024,us_md,60,x\n")
    assert ctx.dialogs.errors == ["bad.csv, row 2, column 'interviews': 'x' is not a whole "
                                  "number."]
    assert dialog.last_report is None and dialog.text.toPlainText() == before


def test_a_specialty_with_no_programs_is_refused_in_one_sentence(ctx, qtbot, tmp_path):
    dialog, before = _check(ctx, qtbot, tmp_path / "uro.csv",
                            ROWS.replace("General Surgery", "Urology"))
    assert ctx.dialogs.errors == [
        "uro.csv: the catalog has no categorical Urology programs, so its 12 Urology rows "
        "cannot be scored; import a catalog that has them (File → Import programs…)."]
    assert dialog.last_report is None and dialog.text.toPlainText() == before


def test_a_file_of_another_specialty_says_what_its_level_rests_on(ctx, qtbot, tmp_path):
    dialog, _ = _check(ctx, qtbot, tmp_path / "peds.csv",
                       ROWS.replace("General Surgery", "Pediatrics"))
    assert dialog.last_report["specialties"]["Pediatrics"]["basis"] == "survey"
    assert ("Pediatrics: 12 applicants; interview level from the NRMP Applicant Survey 2011"
            in dialog.text.toPlainText())
