"""Dates that know today, as a user runs ``plan export``: the calendar holds no past event and
the PDF timeline marks past steps as past (issue 13)."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from icalendar import Calendar

sys.path.insert(0, str(Path(__file__).parents[1] / "core" / "plan"))
from conftest import save_sample_plan  # noqa: E402


def _run(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "smartpick_desktop", "--data-dir",
                           str(data_dir), *args], capture_output=True, text=True, timeout=180)


@pytest.fixture
def exported(store, data_dir, sample_profile, tmp_path):
    with store.session() as session:
        save_sample_plan(session, sample_profile)
    store.close()
    pdf, ics = tmp_path / "plan.pdf", tmp_path / "plan.ics"
    result = _run(data_dir, "plan", "export", str(pdf), "--ics", str(ics))
    assert result.returncode == 0, result.stderr
    return pdf, ics


def test_calendar_exported_today_has_no_event_before_today(exported):
    _, ics = exported
    today = dt.date.today()
    events = list(Calendar.from_ical(ics.read_bytes()).walk("VEVENT"))
    assert events, "the season still has future dates (rank list deadline, Match Day)"
    for event in events:
        assert event.decoded("dtstart") >= today, event.get("summary")


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext")
def test_pdf_timeline_marks_past_steps_and_says_the_window_has_passed(exported):
    pdf, _ = exported
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    today = dt.date.today()
    if today > dt.date(2026, 9, 2):  # ERAS 2027 applications were submitted in early September
        assert "MISSED" in text or "DONE" in text
        assert "PAST" in text
        assert "submission window" in text and "SOAP" in text
    assert "Estimated whole cost" in text and "ESTIMATE" in text
